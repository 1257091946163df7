// Restoring a backup, in two steps so that nothing is replaced before the clerk has seen what the
// backup holds and it has been verified:
//  1. prepareRestore: read the file (decrypting it when it is a .prbak), copy the SQLite file into
//     <dataDir>/restore/pending.db, open that copy, run our `check` on it, refuse a schema newer than
//     this program, migrate an older one forward (on the copy), and return its manifest. The archive
//     is not touched; the source file is only read.
//  2. applyRestore (the archive must be CLOSED): keep the current archive as a verified backup
//     (kind before-restore; a damaged archive is moved aside whole instead), remove the old archive's
//     -wal/-shm (a stale WAL must never be replayed into another database file), rename the copy over
//     archive.db, fsync the folder, then open the result, check it and compare its counts.
// A kill at any moment leaves either the old archive or the restored one, each whole: every step
// before the rename only writes other files, and the rename is atomic.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { openArchive } from '../../../db/connection';
import { knownMigrationTags, NewerSchemaError } from '../../../db/migrate';
import { archiveFile } from '../core/dataDir';
import { checkArchive } from '../core/integrity';
import { commitTempFile, fsyncDir, tempNameFor, writeFileAtomic } from '../core/atomicFile';
import { decryptBackup, isEncryptedBackup } from './encryptedFile';
import { copyContent, verifyDigestOfBytes, verifyDigestOfFile, type DigestState } from './digest';
import { BackupError } from './errors';
import { readManifest, type BackupManifest } from './manifest';
import { verifyArchiveCopy } from './snapshot';
import { backupsDir, backupToFolder, type BackupEntry } from './store';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export interface RestorePreview {
  source: string;
  encrypted: boolean;
  /** What the backup holds, as it was taken. */
  manifest: BackupManifest;
  /** Migrations this program will apply to bring it up to date (empty when it is current). */
  upgradedFrom: string | null;
  /** 'verified': the content matched the digest it carries; 'none': a file without one (older backups, a hand copy). */
  digest: DigestState['digest'];
  pendingFile: string;
}

interface PendingRecord {
  source: string;
  sha256: string;
  manifest: BackupManifest;
}

export function restoreDir(dataDir: string): string {
  return path.join(dataDir, 'restore');
}
const pendingFileOf = (dataDir: string) => path.join(restoreDir(dataDir), 'pending.db');
const pendingRecordOf = (dataDir: string) => path.join(restoreDir(dataDir), 'pending.json');

function fileSha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function readHead(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = fs.readSync(fd, head, 0, 16, 0);
    return head.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

export function discardPendingRestore(dataDir: string): void {
  fs.rmSync(restoreDir(dataDir), { recursive: true, force: true });
}

export async function prepareRestore(dataDir: string, source: string, options: { passphrase?: string; onStep?: (step: string) => void; displayName?: string } = {}): Promise<RestorePreview> {
  // The name the clerk knows the file by (an uploaded file sits under a temporary name here).
  const name = options.displayName ?? path.basename(source);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw new BackupError('not_a_backup', `找不到备份文件“${options.displayName ?? source}”`);
  discardPendingRestore(dataDir);
  fs.mkdirSync(restoreDir(dataDir), { recursive: true });
  const pending = pendingFileOf(dataDir);
  const head = readHead(source);
  let encrypted = false;
  let sealedManifest: BackupManifest | null = null;
  let digest: DigestState['digest'];
  try {
    if (isEncryptedBackup(head)) {
      encrypted = true;
      if (!options.passphrase) throw new BackupError('passphrase_required', `备份文件“${name}”已加密,请输入密码`);
      options.onStep?.('正在解密备份…');
      const opened = decryptBackup(fs.readFileSync(source), options.passphrase, name);
      sealedManifest = opened.manifest;
      const { content, state } = verifyDigestOfBytes(opened.sqlite, name);
      digest = state.digest;
      writeFileAtomic(pending, content);
    } else if (head.length === 16 && head.equals(SQLITE_MAGIC)) {
      // The digest is checked before anything else reads the file; only the SQLite part is copied.
      options.onStep?.('正在核对备份的校验码…');
      const state = verifyDigestOfFile(source, name);
      digest = state.digest;
      const temp = tempNameFor(pending);
      copyContent(source, temp, state.length);
      commitTempFile(temp, pending);
    } else {
      throw new BackupError('not_a_backup', `“${name}”不是本程序的备份文件(既不是档案数据库,也不是加密备份)`);
    }
    options.onStep?.('正在校验备份…');
    const taken = sealedManifest?.createdAt ?? fs.statSync(source).mtime.toISOString();
    const asTaken = await verifyArchiveCopy(pending, taken, `备份文件“${name}”`);
    const known = new Set(knownMigrationTags());
    const unknown = asTaken.migrations.filter((t) => !known.has(t));
    if (unknown.length > 0) throw new BackupError('newer_schema', `备份文件“${name}”由较新版本的程序制作(数据库版本 ${unknown.join('、')}),请先升级本程序再恢复。`);
    if (asTaken.migrations.length === 0 || asTaken.counts.settings === undefined) throw new BackupError('not_a_backup', `“${name}”不是党员档案的数据库`);
    if (sealedManifest && JSON.stringify(sealedManifest.counts) !== JSON.stringify(asTaken.counts)) {
      throw new BackupError('damaged', `备份文件“${name}”内的清单与数据库内容不一致,不能恢复`);
    }
    const upgradedFrom = asTaken.migrations.length < known.size ? asTaken.schemaVersion : null;
    if (upgradedFrom) {
      options.onStep?.(`正在把备份从数据库版本 ${upgradedFrom} 升级…`);
      const migrated = await openArchive(pending);
      try {
        const report = await checkArchive({ archive: migrated, actor: 'restore' });
        if (!report.ok) throw new BackupError('verify_failed', `备份文件“${name}”升级后校验未通过`);
      } finally {
        await migrated.close();
      }
    }
    const manifest = { ...asTaken, createdAt: taken };
    writeFileAtomic(pendingRecordOf(dataDir), JSON.stringify({ source: path.resolve(source), sha256: fileSha256(pending), manifest } satisfies PendingRecord));
    return { source: path.resolve(source), encrypted, manifest, upgradedFrom, digest, pendingFile: pending };
  } catch (err) {
    discardPendingRestore(dataDir);
    throw untouched(err, name);
  }
}

/** Every refusal of a backup names it and says that the archive was not touched (nothing is replaced before step 2). */
function untouched(err: unknown, name: string): BackupError {
  const refusal =
    err instanceof BackupError ? err
    : err instanceof NewerSchemaError ? new BackupError('newer_schema', err.message)
    : new BackupError('damaged', `备份文件“${name}”无法读取:${(err as Error).message}`);
  if (refusal.message.includes('档案未作任何改动')) return refusal;
  const message = `${refusal.message.includes(name) ? refusal.message : `备份文件“${name}”:${refusal.message}`}${/[。!]$/.test(refusal.message) ? '' : '。'}档案未作任何改动。`;
  return new BackupError(refusal.problem, message);
}

export function pendingRestore(dataDir: string): { source: string; manifest: BackupManifest } | null {
  try {
    const record = JSON.parse(fs.readFileSync(pendingRecordOf(dataDir), 'utf8')) as PendingRecord;
    return fs.existsSync(pendingFileOf(dataDir)) ? { source: record.source, manifest: record.manifest } : null;
  } catch {
    return null;
  }
}

export interface RestoreResult {
  restored: BackupManifest;
  /** The backup of the archive as it was before the restore (or the folder it was moved to when damaged). */
  previous: string | null;
}

/** Keep the current archive before it is replaced: a verified backup, or, when it cannot be opened, the files moved aside. */
async function keepCurrentArchive(dataDir: string, now: Date, onStep?: (step: string) => void): Promise<string | null> {
  const file = archiveFile(dataDir);
  if (!fs.existsSync(file)) return null;
  let current;
  try {
    current = await openArchive(file);
  } catch {
    current = undefined;
  }
  if (current) {
    try {
      const entry: BackupEntry = await backupToFolder(current, dataDir, 'before-restore', now, onStep);
      return entry.file;
    } catch {
      // Not verifiable (damaged): fall through and move the files aside whole.
    } finally {
      await current.close().catch(() => undefined);
    }
  }
  const aside = path.join(backupsDir(dataDir), `damaged-${now.getTime()}`);
  fs.mkdirSync(aside, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, path.join(aside, path.basename(file) + suffix));
  }
  fsyncDir(aside);
  return aside;
}

/**
 * Refuse when another process (the app, or a CLI beside it) has the archive open: renaming a file over
 * an archive that a running program still writes would lose those writes. In WAL mode every open
 * connection holds a shared lock, so an exclusive lock is granted only when nobody else has the file.
 */
async function assertNotInUse(file: string): Promise<void> {
  if (!fs.existsSync(file)) return;
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (err) => (err ? reject(err) : resolve(d)));
  }).catch(() => null);
  if (!db) return; // not even openable: damaged, kept aside whole by keepCurrentArchive
  try {
    db.configure('busyTimeout', 3000);
    await new Promise<void>((resolve, reject) => db.exec('PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;', (err) => (err ? reject(err) : resolve())));
  } catch (err) {
    if (/SQLITE_BUSY|locked/i.test((err as Error).message)) throw new BackupError('verify_failed', '档案正被另一个程序使用(党员档案程序或命令行),请先关闭它再恢复;档案未作任何改动。');
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

/** Replace the archive with the prepared backup. The archive must be closed by the caller. */
export async function applyRestore(dataDir: string, options: { now?: Date; onStep?: (step: string) => void } = {}): Promise<RestoreResult> {
  const now = options.now ?? new Date();
  const pending = pendingFileOf(dataDir);
  let record: PendingRecord;
  try {
    record = JSON.parse(fs.readFileSync(pendingRecordOf(dataDir), 'utf8')) as PendingRecord;
  } catch {
    throw new BackupError('no_pending_restore', '没有待恢复的备份,请先选择备份文件');
  }
  if (!fs.existsSync(pending) || fileSha256(pending) !== record.sha256) {
    discardPendingRestore(dataDir);
    throw new BackupError('verify_failed', '待恢复的备份在校验之后被改动过,已放弃;请重新选择备份文件');
  }
  await assertNotInUse(archiveFile(dataDir));
  options.onStep?.('正在备份当前档案…');
  const previous = await keepCurrentArchive(dataDir, now, options.onStep);
  options.onStep?.('正在替换档案…');
  const file = archiveFile(dataDir);
  for (const side of ['-wal', '-shm']) fs.rmSync(file + side, { force: true });
  for (const side of ['-wal', '-shm']) fs.rmSync(pending + side, { force: true });
  fs.renameSync(pending, file);
  fsyncDir(path.dirname(file));
  options.onStep?.('正在校验恢复后的档案…');
  const restored = await openArchive(file);
  try {
    const report = await checkArchive({ archive: restored, actor: 'restore' });
    const manifest = await readManifest(restored, record.manifest.createdAt);
    const expected = record.manifest.counts;
    const differs = Object.keys(expected).filter((t) => t !== '__migrations' && manifest.counts[t] !== expected[t]);
    if (!report.ok || differs.length > 0) {
      throw new BackupError('verify_failed', `恢复后的档案校验未通过${differs.length ? `(${differs.join('、')} 的行数不符)` : ''};恢复前的档案保存在 ${previous ?? '(无)'}`);
    }
    discardPendingRestore(dataDir);
    return { restored: manifest, previous };
  } finally {
    await restored.close();
  }
}

const confirmedMarkerOf = (dataDir: string) => path.join(restoreDir(dataDir), 'confirmed');

/** The clerk confirmed the staged restore; the app applies it at its next start (archive closed). */
export function confirmPendingRestore(dataDir: string): void {
  if (!pendingRestore(dataDir)) throw new BackupError('no_pending_restore', '没有待恢复的备份,请先选择备份文件');
  writeFileAtomic(confirmedMarkerOf(dataDir), new Date().toISOString());
}

export function isRestoreConfirmed(dataDir: string): boolean {
  return fs.existsSync(confirmedMarkerOf(dataDir)) && pendingRestore(dataDir) !== null;
}
