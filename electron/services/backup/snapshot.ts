// A verified copy of the archive: `VACUUM INTO` a temporary name (a consistent snapshot taken under the
// archive's lock, so no write is half in it), fsync, then opened on its own and checked — SQLite's
// integrity_check, the foreign keys and the audit hash chain (our `check`) — and only then renamed to
// its real name, with the digest of its exact content appended (digest.ts). A copy that fails the check is deleted and the failure reported: an unverified backup
// is worse than none, because it is trusted.
import fs from 'node:fs';
import { openArchive, type Archive } from '../../../db/connection';
import { checkArchive } from '../core/integrity';
import { commitTempFile, fsyncFile, tempNameFor } from '../core/atomicFile';
import { readManifest, type BackupManifest } from './manifest';
import { BackupError } from './errors';
import { appendDigest } from './digest';

/** Open a copy without migrating it, run our `check` on it, and read its manifest. */
export async function verifyArchiveCopy(file: string, createdAt: string, label: string): Promise<BackupManifest> {
  let copy: Archive | undefined;
  try {
    copy = await openArchive(file, { migrate: false });
    const report = await checkArchive({ archive: copy, actor: 'backup' });
    if (!report.ok) {
      const why = [
        report.database.ok ? '' : `数据库损坏:${report.database.messages.slice(0, 3).join('; ')}`,
        report.foreignKeys.ok ? '' : `外键不一致 ${report.foreignKeys.violations} 处`,
        report.audit.intact ? '' : `审计日志哈希链被破坏:${report.audit.problem ?? ''}`,
      ].filter(Boolean);
      throw new BackupError('verify_failed', `${label}校验未通过:${why.join(';')}`);
    }
    return await readManifest(copy, createdAt);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError('damaged', `${label}无法打开或已损坏:${(err as Error).message}`);
  } finally {
    await copy?.close().catch(() => undefined);
  }
}

/**
 * Write a verified snapshot of `archive` to `target`. On any failure nothing is left under `target`
 * (nor under the temporary name) and a BackupError says why.
 */
export async function writeVerifiedSnapshot(archive: Archive, target: string, now: Date = new Date(), onStep?: (step: string) => void): Promise<BackupManifest> {
  const temp = tempNameFor(target);
  try {
    onStep?.('正在写入备份…');
    // VACUUM INTO refuses an existing file; the temporary name is fresh.
    await archive.run('VACUUM INTO ?', [temp]);
    fsyncFile(temp);
    onStep?.('正在校验备份…');
    const manifest = await verifyArchiveCopy(temp, now.toISOString(), '备份');
    // verifyArchiveCopy opened it in WAL mode; a clean close folds the WAL back in and removes it.
    for (const side of ['-wal', '-shm']) fs.rmSync(temp + side, { force: true });
    const sha256 = appendDigest(temp);
    commitTempFile(temp, target);
    return { ...manifest, sha256 };
  } catch (err) {
    for (const f of [temp, temp + '-wal', temp + '-shm']) fs.rmSync(f, { force: true });
    if (err instanceof BackupError) throw err;
    throw new BackupError('verify_failed', `备份失败,未留下备份文件:${(err as Error).message}`);
  }
}
