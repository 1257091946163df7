// `users add | list | passwd | unlock` as a clerk runs them: a real process, passwords from stdin or a
// file (never on the command line), refusals with Chinese messages and a non-zero exit.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/connection';
import { createDispatcher } from '../../electron/api/dispatcher';
import { WindowSession } from '../../electron/services/accounts/session';
import { archiveFile } from '../../electron/services/core/dataDir';
import { tempDir } from '../support/tempArchive';
import { runCli } from '../support/cli';


const cli = (dataDir: string, args: string[], stdin?: string) => runCli(dataDir, args, { input: stdin });

async function canLogin(dir: string, name: string, password: string): Promise<{ ok: boolean; code?: string }> {
  const archive = await openArchive(archiveFile(dir));
  try {
    const r = await createDispatcher(archive).dispatch('login', { name, password }, { actor: 't', session: new WindowSession() });
    return r.ok ? { ok: true } : { ok: false, code: r.error.code };
  } finally {
    await archive.close();
  }
}

describe('users commands', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('pr-users-cli-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds users with the password from stdin or a file, and lists them as JSON', async () => {
    const add = cli(dir, ['users', 'add', '--name', '王管理', '--role', '管理员'], 'Admin-pass-01\n');
    expect(add).toMatchObject({ code: 0, out: '已添加用户“王管理”(管理员)\n' });
    const file = path.join(dir, 'pw.txt');
    fs.writeFileSync(file, 'Viewer-pass-02\r\n');
    expect(cli(dir, ['users', 'add', '--name', '查询员甲', '--role', 'viewer', '--password-file', file]).code).toBe(0);
    const list = cli(dir, ['users', 'list', '--json']);
    expect(list.code).toBe(0);
    const users = JSON.parse(list.out) as { name: string; role: string; disabled: boolean; lockedUntil: string | null }[];
    expect(users.map((u) => [u.name, u.role, u.disabled, u.lockedUntil])).toEqual([
      ['王管理', 'admin', false, null],
      ['查询员甲', 'viewer', false, null],
    ]);
    expect(list.out).not.toContain('scrypt');
    expect(list.out).not.toContain('Viewer-pass-02');
    expect(await canLogin(dir, '查询员甲', 'Viewer-pass-02')).toEqual({ ok: true });
  }, 180_000);

  it('refuses a bad role, a weak password and a duplicate name with Chinese messages', () => {
    const role = cli(dir, ['users', 'add', '--name', 'x', '--role', 'boss'], 'Good-pass-03\n');
    expect(role.code).toBe(1);
    expect(role.err).toContain('--role 应为 admin(管理员)');
    const weak = cli(dir, ['users', 'add', '--name', '乙', '--role', 'editor'], 'abc\n');
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('密码至少 8 个字符');
    const dup = cli(dir, ['users', 'add', '--name', '王管理', '--role', 'editor'], 'Good-pass-03\n');
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('已有名为“王管理”的用户');
  }, 180_000);

  it('unlocks a locked user and sets a new password', async () => {
    for (let i = 0; i < 5; i += 1) await canLogin(dir, '查询员甲', 'wrong-pass');
    expect(await canLogin(dir, '查询员甲', 'Viewer-pass-02')).toEqual({ ok: false, code: 'account_locked' });
    expect(JSON.parse(cli(dir, ['users', 'list', '--json']).out)[1].lockedUntil).toEqual(expect.any(String));
    expect(cli(dir, ['users', 'unlock', '--name', '查询员甲'])).toMatchObject({ code: 0, out: '已解除“查询员甲”的锁定\n' });
    expect(await canLogin(dir, '查询员甲', 'Viewer-pass-02')).toEqual({ ok: true });
    expect(cli(dir, ['users', 'passwd', '--name', '查询员甲'], 'Fresh-pass-04\n')).toMatchObject({ code: 0 });
    expect(await canLogin(dir, '查询员甲', 'Viewer-pass-02')).toEqual({ ok: false, code: 'login_failed' });
    expect(await canLogin(dir, '查询员甲', 'Fresh-pass-04')).toEqual({ ok: true });
    const missing = cli(dir, ['users', 'unlock', '--name', '没这人']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('没有名为“没这人”的用户');
  }, 180_000);
});
