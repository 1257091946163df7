// Passwords never stored or logged in clear: users are created with a distinctive password, log in,
// fail, change and reset passwords, through the dispatcher (as the window does) and the CLI; then the
// database file and its WAL, every file in the data folder and everything written to the console are
// searched for the clear passwords (UTF-8 and UTF-16) and nothing is found.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openArchive } from '../../db/connection';
import { createDispatcher } from '../../electron/api/dispatcher';
import { WindowSession } from '../../electron/services/accounts/session';
import { archiveFile } from '../../electron/services/core/dataDir';
import { runCli } from '../../electron/cli';
import { tempDir } from '../support/tempArchive';

const SECRETS = ['Zx9-独特口令-Q7w3', 'Nw4-另一口令-K8p1', 'Rs2-重置口令-M5t6', 'Cl1-命令行口令-V9b2'];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function holdsSecret(bytes: Buffer): string[] {
  return SECRETS.filter((s) => bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le')));
}

let dir: string;
let captured: string[];
beforeEach(() => {
  dir = tempDir('pr-secrets-');
  captured = [];
  const keep = (...args: unknown[]) => {
    captured.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  };
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, level).mockImplementation(keep);
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('passwords are never stored or logged in clear', () => {
  it('leaves no trace of the clear password in the database, its WAL, the data folder or the console', async () => {
    const archive = await openArchive(archiveFile(dir));
    const dispatcher = createDispatcher(archive, { onInternalError: (n, e) => console.error(`[${n}]`, e) });
    const w = new WindowSession();
    const call = (name: string, input: unknown) => dispatcher.dispatch(name, input, { actor: 'window', session: w });
    const results: unknown[] = [];
    results.push(await call('createFirstAdmin', { name: '管理员', password: SECRETS[0] }));
    results.push(await call('initTownship', { code: '370783101', name: '东城镇', role: 'township' }));
    results.push(await call('createUser', { name: '录入员', role: 'editor', password: SECRETS[1] }));
    const other = new WindowSession();
    for (const password of ['wrong-1x', 'wrong-2x', SECRETS[0]]) results.push(await dispatcher.dispatch('login', { name: '录入员', password }, { actor: 'w2', session: other }));
    results.push(await dispatcher.dispatch('login', { name: '录入员', password: SECRETS[1] }, { actor: 'w2', session: other }));
    results.push(await dispatcher.dispatch('changePassword', { oldPassword: SECRETS[1], newPassword: SECRETS[2] }, { actor: 'w2', session: other }));
    results.push(await call('lockSession', {}));
    results.push(await call('unlockSession', { password: SECRETS[1] })); // someone else's password on the lock screen
    results.push(await call('unlockSession', { password: SECRETS[0] }));
    const users = (await call('listUsers', {})) as { ok: true; value: { id: string; name: string }[] };
    const editorId = users.value.find((u) => u.name === '录入员')!.id;
    results.push(await call('resetPassword', { userId: editorId, password: SECRETS[2] }));
    // Too-short and bad passwords are refused: their messages must not echo them either.
    results.push(await call('createUser', { name: 'x', role: 'viewer', password: SECRETS[3].slice(0, 5) }));
    results.push(await call('createUser', { name: '管理员', role: 'viewer', password: SECRETS[3] }));
    expect(results.filter((r) => (r as { ok: boolean }).ok).length).toBeGreaterThanOrEqual(8);
    for (const r of results) expect(holdsSecret(Buffer.from(JSON.stringify(r), 'utf8'))).toEqual([]);

    // While the archive is open the WAL holds the latest pages: search it now, then again after closing.
    const openFiles = filesUnder(dir);
    expect(openFiles.some((f) => f.endsWith('-wal'))).toBe(true);
    for (const file of openFiles) expect({ file, found: holdsSecret(fs.readFileSync(file)) }).toEqual({ file, found: [] });
    const hashes = await archive.query<{ password_hash: string }>('SELECT password_hash FROM users');
    expect(hashes.every((h) => h.password_hash.startsWith('scrypt$15$8$1$'))).toBe(true);
    await archive.close();

    // The CLI: password from a file and from stdin's stand-in; its output is captured as well.
    const pwFile = path.join(dir, '..', `pw-${path.basename(dir)}.txt`);
    fs.writeFileSync(pwFile, SECRETS[3] + '\n');
    const out: string[] = [];
    const code = await runCli(['--data', dir, 'users', 'add', '--name', '查询员', '--role', 'viewer', '--password-file', pwFile], (l) => out.push(l), (l) => out.push(l));
    fs.rmSync(pwFile);
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('查询员');
    captured.push(...out);

    for (const file of filesUnder(dir)) expect({ file, found: holdsSecret(fs.readFileSync(file)) }).toEqual({ file, found: [] });
    expect(holdsSecret(Buffer.from(captured.join('\n'), 'utf8'))).toEqual([]);
  });
});
