// Backups and restore on real archive files: verified snapshots, the 7/4/12 rotation over a year of
// days with a fake clock, the encrypted file for a USB stick (wrong passphrase, flipped bytes and a
// truncated file refused), restore bringing back exactly the earlier rows after 100 edits, refusal of
// a corrupted backup before anything is replaced, migrations guarded by a backup, newer schemas refused.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../db/connection';
import { findMigrationsDir } from '../../db/migrate';
import { archiveFile } from '../../electron/services/core/dataDir';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { updateMember } from '../../electron/services/members/members';
import { backupToFile } from '../../electron/services/backup/exportFile';
import { decryptBackup } from '../../electron/services/backup/encryptedFile';
import { backupsDir, backupToFolder, listBackups, rotateBackups } from '../../electron/services/backup/store';
import { applyRestore, pendingRestore, prepareRestore } from '../../electron/services/backup/restore';
import { openArchiveForUse } from '../../electron/services/backup/openWithBackup';
import { BackupError } from '../../electron/services/backup/errors';
import { openTestArchive, tempDir, type TestArchive } from '../support/tempArchive';

const PASS = '正确的马 battery staple';
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function dumpTables(archive: Archive): Promise<Record<string, unknown[]>> {
  const tables = await archive.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  const out: Record<string, unknown[]> = {};
  // Sorted as text, not by rowid: some tables are WITHOUT ROWID.
  for (const { name } of tables) out[name] = (await archive.query(`SELECT * FROM "${name}"`)).map((row) => JSON.stringify(row)).sort();
  return out;
}

async function dumpFile(file: string) {
  const a = await openArchive(file, { migrate: false });
  try {
    return await dumpTables(a);
  } finally {
    await a.close();
  }
}

async function refusal(p: Promise<unknown>): Promise<BackupError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof BackupError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('backups and restore', () => {
  let t: TestArchive;
  beforeAll(async () => {
    t = await openTestArchive();
    await loadDemoTownship(t.ctx, { members: 150, seed: 3 });
  }, 120_000);
  afterAll(async () => {
    await t.archive.close().catch(() => undefined);
    fs.rmSync(t.dir, { recursive: true, force: true });
  });

  it('a backup into the folder is verified, carries its manifest, and leaves no temporary file', async () => {
    const entry = await backupToFolder(t.archive, t.dir, 'manual', new Date(2026, 10, 28, 9, 30, 0));
    expect(entry.name).toBe('backup-20261128-093000-manual.db');
    expect(entry.manifest?.township?.name).toBe('东城镇');
    const members = (await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members'))!.n;
    expect(entry.manifest?.counts.members).toBe(members);
    expect(entry.manifest?.schemaVersion).toMatch(/^\d{4}_/);
    expect(fs.readdirSync(backupsDir(t.dir)).sort()).toEqual(['backup-20261128-093000-manual.db', 'backup-20261128-093000-manual.json']);
    expect(await dumpFile(entry.file)).toEqual(await dumpTables(t.archive));
    expect(listBackups(t.dir).map((e) => e.name)).toEqual([entry.name]);
  }, 60_000);

  it('backups taken within the same second: each new one is the newest, kept, and never takes a freed name', async () => {
    const at = new Date(2026, 10, 28, 9, 45, 0);
    const first = await backupToFolder(t.archive, t.dir, 'manual', at);
    const second = await backupToFolder(t.archive, t.dir, 'manual', at);
    expect(second.name).toBe('backup-20261128-094500-1-manual.db');
    expect(fs.existsSync(first.file)).toBe(false); // the same day's bucket keeps the newest
    // The first name is free again, but a backup under it would sort as older than the second one.
    const third = await backupToFolder(t.archive, t.dir, 'manual', at);
    expect(third.name).toBe('backup-20261128-094500-2-manual.db');
    expect(listBackups(t.dir).map((e) => e.name)).toEqual([third.name]);
    // A clock set back: the backup just taken is kept all the same.
    const earlier = await backupToFolder(t.archive, t.dir, 'manual', new Date(2026, 10, 28, 9, 40, 0));
    expect(fs.existsSync(earlier.file)).toBe(true);
  }, 60_000);

  it('a snapshot that fails our check (a tampered audit row) is deleted and reported', async () => {
    const other = await openTestArchive();
    try {
      await loadDemoTownship(other.ctx, { members: 20, seed: 1 });
      await other.archive.run("UPDATE audit_log SET actor = 'mallory' WHERE id = (SELECT min(id) + 2 FROM audit_log)");
      const err = await refusal(backupToFolder(other.archive, other.dir, 'manual'));
      expect(err.message).toContain('审计日志哈希链被破坏');
      expect(fs.readdirSync(backupsDir(other.dir))).toEqual([]);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('rotation over a year of daily backups (fake clock) keeps exactly 7 daily, 4 weekly and 12 monthly', () => {
    const dir = tempDir('pr-rotation-');
    try {
      fs.mkdirSync(backupsDir(dir));
      const pad = (n: number) => String(n).padStart(2, '0');
      for (let day = new Date(2026, 0, 1, 18); day <= new Date(2026, 11, 31, 18); day = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1, 18)) {
        const name = `backup-${day.getFullYear()}${pad(day.getMonth() + 1)}${pad(day.getDate())}-180000-auto.db`;
        fs.writeFileSync(path.join(backupsDir(dir), name), 'x');
        rotateBackups(dir, day);
        // A second backup the same evening (the close after the daily one) replaces the first in every bucket.
        if (day.getDate() === 15) {
          fs.writeFileSync(path.join(backupsDir(dir), name.replace('180000', '235900')), 'y');
          rotateBackups(dir, day);
        }
      }
      // Safety copies are outside the rotation: the newest 3 of each kind stay.
      for (const d of ['01', '02', '03', '04']) fs.writeFileSync(path.join(backupsDir(dir), `backup-202606${d}-120000-before-restore.db`), 'r');
      rotateBackups(dir, new Date(2026, 11, 31, 19));
      const kept = fs.readdirSync(backupsDir(dir)).sort();
      // 2026-12-31 is a Thursday. Daily: 25–31 Dec. Weekly (ISO weeks): 31 Dec, Sun 27, 20, 13 Dec.
      // Monthly: the last backup of each month, Jan–Dec.
      const days = ['20260131', '20260228', '20260331', '20260430', '20260531', '20260630', '20260731', '20260831', '20260930', '20261031', '20261130', '20261213', '20261220', '20261225', '20261226', '20261227', '20261228', '20261229', '20261230', '20261231'];
      expect(kept).toEqual(
        [...days.map((d) => `backup-${d}-180000-auto.db`), 'backup-20260602-120000-before-restore.db', 'backup-20260603-120000-before-restore.db', 'backup-20260604-120000-before-restore.db'].sort(),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the encrypted USB file opens with its passphrase; a wrong passphrase, a flipped byte or a truncated file are refused', async () => {
    const out = path.join(t.dir, 'usb.prbak');
    const r = await backupToFile(t.archive, out, { passphrase: PASS });
    expect(r.encrypted).toBe(true);
    const bytes = fs.readFileSync(out);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('PRBACKUP');
    // Nothing readable leaks: the township's name is not in the file.
    expect(bytes.includes(Buffer.from('东城镇'))).toBe(false);
    const opened = decryptBackup(bytes, PASS, 'usb.prbak');
    expect(opened.manifest.counts.members).toBe(r.manifest.counts.members);
    expect(opened.sqlite.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    expect(() => decryptBackup(bytes, 'wrong passphrase', 'usb.prbak')).toThrow(/密码不正确,或文件已损坏/);
    for (const at of [12, 40, 1000, bytes.length - 3]) {
      const flipped = Buffer.from(bytes);
      flipped[at] ^= 0x01;
      expect(() => decryptBackup(flipped, PASS, 'usb.prbak'), `byte ${at}`).toThrow(/usb\.prbak/);
    }
    expect(() => decryptBackup(bytes.subarray(0, bytes.length - 100), PASS, 'usb.prbak')).toThrow(/密码不正确,或文件已损坏/);
    await expect(backupToFile(t.archive, path.join(t.dir, 'x.prbak'), { passphrase: 'short' })).rejects.toThrow('密码至少 8 个字符');
  }, 60_000);

  it('restore of a backup taken before 100 edits brings back exactly the earlier rows; corrupted backups are refused first', async () => {
    const dir = tempDir('pr-restore-');
    try {
      let a = await openArchive(archiveFile(dir));
      const ctx = { archive: a, actor: 'tester', today: '2026-11-28' };
      const { initTownship } = await import('../../electron/services/core/settings');
      await initTownship(ctx, { code: '370783101', name: '西城镇', role: 'township' });
      await loadDemoTownship(ctx, { members: 120, seed: 7 });
      const before = await dumpTables(a);
      const usb = path.join(dir, 'before.prbak');
      await backupToFile(a, usb, { passphrase: PASS });
      const plain = path.join(dir, 'before.db');
      await backupToFile(a, plain);
      const ids = (await a.query<{ id: string }>('SELECT id FROM members ORDER BY id LIMIT 100')).map((r) => r.id);
      for (const [i, id] of ids.entries()) await updateMember(ctx, id, { phone: `1390000${String(i).padStart(4, '0')}` });
      const edited = await dumpTables(a);
      expect(edited).not.toEqual(before);
      await a.close();

      // Corrupted copies: refused before anything is replaced (the archive's bytes unchanged).
      const archiveHash = sha(archiveFile(dir));
      const flipped = path.join(dir, 'flipped.prbak');
      const b = fs.readFileSync(usb);
      b[Math.floor(b.length / 2)] ^= 0x10;
      fs.writeFileSync(flipped, b);
      expect((await refusal(prepareRestore(dir, flipped, { passphrase: PASS }))).message).toContain('“flipped.prbak”');
      expect((await refusal(prepareRestore(dir, usb, { passphrase: 'not the passphrase' }))).message).toContain('密码不正确');
      expect((await refusal(prepareRestore(dir, usb))).problem).toBe('passphrase_required');
      const flippedDb = path.join(dir, 'flipped.db');
      const p = fs.readFileSync(plain);
      for (let i = 0; i < 64; i++) p[8192 + i * 97] ^= 0xff; // damage inside the second page onward
      fs.writeFileSync(flippedDb, p);
      const dbRefusal = await refusal(prepareRestore(dir, flippedDb));
      expect(dbRefusal.message).toContain('“flipped.db”');
      const notBackup = path.join(dir, 'note.txt');
      fs.writeFileSync(notBackup, '不是备份');
      expect((await refusal(prepareRestore(dir, notBackup))).message).toContain('不是本程序的备份文件');
      expect(pendingRestore(dir)).toBeNull();
      expect(sha(archiveFile(dir))).toBe(archiveHash);
      expect(await applyRestore(dir).catch((e: Error) => e.message)).toContain('没有待恢复的备份');

      // Another process holding the archive open (here the sqlite3 shell): refused, nothing replaced.
      const holder = spawn('sqlite3', [archiveFile(dir)], { stdio: ['pipe', 'pipe', 'inherit'] });
      const opened = new Promise((resolve) => holder.stdout.once('data', resolve));
      holder.stdin.write('SELECT count(*) FROM members;\n');
      await opened;
      await prepareRestore(dir, plain);
      expect((await refusal(applyRestore(dir))).message).toContain('档案正被另一个程序使用');
      expect(sha(archiveFile(dir))).toBe(archiveHash);
      holder.stdin.end();
      await new Promise((resolve) => holder.on('exit', resolve));

      // The real thing: preview first, then the swap.
      const preview = await prepareRestore(dir, usb, { passphrase: PASS });
      expect(preview.manifest.township?.name).toBe('西城镇');
      expect(preview.manifest.counts.members).toBe(before.members.length);
      expect(sha(archiveFile(dir))).toBe(archiveHash); // still nothing replaced
      const result = await applyRestore(dir);
      expect(result.previous).toMatch(/before-restore\.db$/);
      a = await openArchive(archiveFile(dir));
      expect(await dumpTables(a)).toEqual(before);
      await a.close();
      // The archive as it was before the restore is kept, whole: it holds the 100 edits.
      expect(await dumpFile(result.previous!)).toEqual(edited);
      expect(fs.existsSync(archiveFile(dir) + '-wal')).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('migrations of a real archive', () => {
  /** A migrations folder holding only the first `n` migrations of this program. */
  function firstMigrations(n: number): string {
    const src = findMigrationsDir();
    const dir = tempDir('pr-migrations-');
    fs.mkdirSync(path.join(dir, 'meta'));
    const journal = JSON.parse(fs.readFileSync(path.join(src, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(0, n);
    fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
    for (const e of journal.entries) fs.copyFileSync(path.join(src, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    return dir;
  }

  it('an archive holding data at an older schema gets a verified backup, then is migrated; a restore of that backup migrates it forward', async () => {
    const dir = tempDir('pr-migrate-');
    const old = firstMigrations(1);
    try {
      const a = await openArchive(archiveFile(dir), { migrationsDir: old });
      await a.run(`INSERT INTO settings(key, value, seq) VALUES ('township', '{"code":"370783101","name":"旧镇"}', 1)`);
      await a.close();
      const steps: string[] = [];
      const upgraded = await openArchiveForUse(dir, { onMigration: (tag, i, n) => steps.push(`${tag} ${i}/${n}`), onBackup: (f) => steps.push(`backup ${path.basename(f)}`) });
      await upgraded.close();
      expect(steps[0]).toMatch(/^backup backup-\d{8}-\d{6}-before-migration\.db$/);
      expect(steps[1]).toMatch(/^0001_member_life 1\/\d+$/);
      const [entry] = listBackups(dir);
      expect(entry.kind).toBe('before-migration');
      expect(entry.manifest?.migrations).toEqual(['0000_init']);
      // Restoring the pre-migration backup: recognised as older, migrated forward on the copy.
      const preview = await prepareRestore(dir, entry.file);
      expect(preview.upgradedFrom).toBe('0000_init');
      expect(preview.manifest.township?.name).toBe('旧镇');
      await applyRestore(dir);
      const after = await openArchive(archiveFile(dir));
      const tags = await after.query<{ tag: string }>('SELECT tag FROM __migrations');
      await after.close();
      expect(tags.length).toBeGreaterThan(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(old, { recursive: true, force: true });
    }
  }, 120_000);

  it('a new empty archive is created without a backup; an archive newer than the program is refused untouched', async () => {
    const dir = tempDir('pr-newer-');
    try {
      const a = await openArchiveForUse(dir);
      await a.run("INSERT INTO __migrations(tag, hash, applied_at) VALUES ('9999_future', 'x', '2030-01-01')");
      await a.close();
      expect(listBackups(dir)).toEqual([]);
      const hash = sha(archiveFile(dir));
      await expect(openArchiveForUse(dir)).rejects.toThrow(/较新版本的程序.*9999_future/);
      expect(sha(archiveFile(dir))).toBe(hash);
      // And a backup of it is refused for restore with the same reason.
      const err = await refusal(prepareRestore(tempDir('pr-newer-target-'), archiveFile(dir)));
      expect(err.problem).toBe('newer_schema');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
