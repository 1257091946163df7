// backup, backups list and restore as a clerk or an administrator runs them: a real process, a real
// archive; restore asks before it replaces anything, and works when the archive itself is damaged.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveFile } from '../../electron/services/core/dataDir';
import { tempDir } from '../support/tempArchive';
import { runCli } from '../support/cli';


const cli = (dataDir: string, args: string[], input = '') => runCli(dataDir, args, { input });

describe('CLI: backup and restore', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('pr-backup-cli-');
    expect(cli(dir, ['init', '--code', '370783101', '--name', '东城镇']).code).toBe(0);
    expect(cli(dir, ['demo', '--members', '80']).code).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('backup into the folder, backups list --json, and an encrypted backup with --passphrase-file', () => {
    const b = cli(dir, ['backup']);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toMatch(/^已备份并校验:.*backup-\d{8}-\d{6}-manual\.db/);
    const list = JSON.parse(cli(dir, ['backups', 'list', '--json']).out) as { kind: string; manifest: { counts: { members: number } } }[];
    expect(list).toHaveLength(1);
    expect(list[0].kind).toBe('manual');
    expect(list[0].manifest.counts.members).toBeGreaterThanOrEqual(80);
    fs.writeFileSync(path.join(dir, 'pass.txt'), '十分安全的密码123\n');
    expect(cli(dir, ['backup', '--passphrase-file', path.join(dir, 'pass.txt')]).err).toContain('加密备份需要 --out FILE');
    const enc = cli(dir, ['backup', '--out', path.join(dir, 'u.prbak'), '--passphrase-file', path.join(dir, 'pass.txt'), '--json']);
    expect(enc.code, enc.err).toBe(0);
    expect((JSON.parse(enc.out) as { encrypted: boolean }).encrypted).toBe(true);
  }, 120_000);

  it('restore without --yes shows what the backup holds and asks; “n” changes nothing', () => {
    const before = fs.readFileSync(archiveFile(dir));
    const r = cli(dir, ['restore', path.join(dir, 'u.prbak'), '--passphrase-file', path.join(dir, 'pass.txt')], 'n\n');
    expect(r.code).toBe(1);
    expect(r.out).toContain('乡镇:东城镇(370783101)');
    expect(r.out).toMatch(/内容:党员 \d+ · 党组织 \d+/);
    expect(r.out).toContain('未恢复,档案未作任何改动');
    expect(fs.readFileSync(archiveFile(dir)).equals(before)).toBe(true);
    const wrong = cli(dir, ['restore', path.join(dir, 'u.prbak'), '--yes']);
    expect(wrong.err).toContain('已加密,请输入密码');
  }, 120_000);

  it('restore --yes brings a damaged archive back (the damaged one is kept aside)', () => {
    fs.writeFileSync(archiveFile(dir), Buffer.alloc(64 * 1024, 0x5a));
    for (const side of ['-wal', '-shm']) fs.rmSync(archiveFile(dir) + side, { force: true });
    expect(cli(dir, ['check']).code).not.toBe(0);
    const r = cli(dir, ['restore', path.join(dir, 'u.prbak'), '--passphrase-file', path.join(dir, 'pass.txt'), '--yes']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/恢复前的档案保存在 .*damaged-\d+/);
    const check = cli(dir, ['check']);
    expect(check.code, check.err).toBe(0);
    expect(check.out).toContain('数据库完整性:正常');
  }, 120_000);
});
