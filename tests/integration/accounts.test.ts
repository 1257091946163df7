// Accounts through the real dispatcher and a real archive file: the role is checked for every call,
// the lockout (5 failures → 15 minutes) and the idle lock run on a fake clock, and administrators'
// changes end the sessions they concern. No sleeps: the clock is the test's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatcher';
import type { ApiResult, Dispatcher } from '../../electron/api/result';
import { WindowSession } from '../../electron/services/accounts/session';
import { createUser } from '../../electron/services/accounts/users';
import type { Role } from '../../electron/services/accounts/roles';
import { openTestArchive, type TestArchive } from '../support/tempArchive';

let t: TestArchive;
let clock: Date;
let dispatcher: Dispatcher;
const PASSWORD = 'Zhang-2026-口令';

beforeEach(async () => {
  t = await openTestArchive();
  clock = new Date('2026-11-28T08:00:00Z');
  dispatcher = createDispatcher(t.archive, { today: '2026-11-28', clock: () => new Date(clock.getTime()) });
});
afterEach(() => t.close());

function advance(minutes: number, seconds = 0): void {
  clock = new Date(clock.getTime() + minutes * 60_000 + seconds * 1000);
}

/** A window: its own session, calls through the dispatcher like the IPC adapter makes them. */
function openWindow() {
  const session = new WindowSession();
  return {
    session,
    dispatch: (name: string, input?: unknown): Promise<ApiResult> => dispatcher.dispatch(name, input, { actor: 'window', session }),
  };
}

async function addUser(name: string, role: Role, password = PASSWORD) {
  return createUser(t.ctx, { name, role, password });
}

async function loggedIn(name: string, role: Role) {
  await addUser(name, role);
  const w = openWindow();
  expect(await w.dispatch('login', { name, password: PASSWORD })).toMatchObject({ ok: true, value: { user: { name, role } } });
  return w;
}

const branch = (name: string) => ({ parentId: t.rootOrgId, name, type: 'branch', sector: 'rural', unitSituation: 'legal_entity' });

async function orgCount(): Promise<number> {
  return (await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM organizations'))!.n;
}

describe('roles checked in the dispatcher', () => {
  it('refuses a 查询员 any write, with a Chinese message naming the user, and writes nothing', async () => {
    const viewer = await loggedIn('查询员小王', 'viewer');
    const before = await orgCount();
    const auditBefore = (await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM audit_log'))!.n;
    const r = await viewer.dispatch('createOrg', branch('中共前李村支部委员会'));
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!r.ok) expect(r.error.message).toBe('权限不足:查询员“查询员小王”不能修改档案(createOrg)。');
    expect(await orgCount()).toBe(before);
    // Refused before the input is even looked at: a malformed write is "forbidden", not "bad_input".
    expect(await viewer.dispatch('createMember', { name: 42 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM audit_log'))!.n).toBe(auditBefore);
    // Reading is allowed.
    expect(await viewer.dispatch('orgTree', {})).toMatchObject({ ok: true });
  });

  it('lets a 录入员 edit records but not manage users or rules; the audit log names the user', async () => {
    const editor = await loggedIn('录入员李梅', 'editor');
    const created = await editor.dispatch('createOrg', branch('中共后李村支部委员会'));
    expect(created.ok).toBe(true);
    const audit = await t.archive.queryOne<{ actor: string }>(`SELECT actor FROM audit_log WHERE action LIKE 'org.%' ORDER BY id DESC LIMIT 1`);
    expect(audit?.actor).toBe('录入员李梅');
    const r = await editor.dispatch('createUser', { name: 'x1', role: 'admin', password: PASSWORD });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: '权限不足:录入员“录入员李梅”不能管理用户(createUser)。' } });
    expect(await editor.dispatch('setLifeRules', { letterValidityMonths: 3 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await editor.dispatch('initTownship', { code: '370783102', name: '西城镇' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('gives the three 等保 administrators only their own part', async () => {
    const security = await loggedIn('安全员', 'secadmin');
    expect(await security.dispatch('listUsers', {})).toMatchObject({ ok: true });
    expect(await security.dispatch('createOrg', branch('甲支部'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await security.dispatch('setIdleLock', { minutes: 5 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const system = await loggedIn('系统员', 'sysadmin');
    expect(await system.dispatch('setIdleLock', { minutes: 5 })).toMatchObject({ ok: true, value: { minutes: 5 } });
    expect(await system.dispatch('listUsers', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const auditor = await loggedIn('审计员', 'auditor');
    expect(await auditor.dispatch('listUsers', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await auditor.dispatch('createOrg', branch('乙支部'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a window nobody logged in to, except the public calls', async () => {
    const w = openWindow();
    expect(await w.dispatch('getSetup', {})).toMatchObject({ ok: true });
    expect(await w.dispatch('sessionInfo', {})).toMatchObject({ ok: true, value: { user: null, hasUsers: false } });
    expect(await w.dispatch('listMembers', { startRow: 0, endRow: 10 })).toMatchObject({ ok: false, error: { code: 'not_logged_in', message: '请先登录。' } });
    // A context with neither a session nor trust is a window without login too.
    expect(await dispatcher.dispatch('orgTree', {}, { actor: 'x' })).toMatchObject({ ok: false, error: { code: 'not_logged_in' } });
  });

  it('ends the session of a user an administrator disables or demotes, at the next call', async () => {
    const admin = await loggedIn('管理员老周', 'admin');
    const editor = await loggedIn('录入员小赵', 'editor');
    const editorId = editor.session.user!.id;
    expect(await editor.dispatch('orgTree', {})).toMatchObject({ ok: true });
    expect(await admin.dispatch('setUserRole', { userId: editorId, role: 'viewer' })).toMatchObject({ ok: true, value: { role: 'viewer' } });
    expect(await editor.dispatch('orgTree', {})).toMatchObject({ ok: false, error: { code: 'not_logged_in' } });
    expect(await editor.dispatch('login', { name: '录入员小赵', password: PASSWORD })).toMatchObject({ ok: true, value: { user: { role: 'viewer' } } });
    expect(await admin.dispatch('setUserDisabled', { userId: editorId, disabled: true })).toMatchObject({ ok: true, value: { disabled: true } });
    expect(await editor.dispatch('orgTree', {})).toMatchObject({ ok: false, error: { code: 'not_logged_in' } });
    expect(await editor.dispatch('login', { name: '录入员小赵', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'forbidden', message: '账户“录入员小赵”已停用,请联系管理员。' } });
    // The last administrator can neither be disabled nor demoted.
    const adminId = admin.session.user!.id;
    expect(await admin.dispatch('setUserRole', { userId: adminId, role: 'editor' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('first administrator', () => {
  it('is created only while the archive has no user, and logs the window in', async () => {
    const w = openWindow();
    const weak = await w.dispatch('createFirstAdmin', { name: '管理员', password: '12345678' });
    expect(weak).toMatchObject({ ok: false, error: { code: 'validation' } });
    if (!weak.ok) expect(weak.error.issues?.[0]).toMatchObject({ field: 'password', message: '密码:密码须包含字母、数字、符号(含汉字)中的至少两种' });
    expect(await w.dispatch('createFirstAdmin', { name: '管理员', password: PASSWORD })).toMatchObject({ ok: true, value: { user: { name: '管理员', role: 'admin' } } });
    expect(await w.dispatch('listUsers', {})).toMatchObject({ ok: true, value: [{ name: '管理员', role: 'admin', roleLabel: '管理员' }] });
    const other = openWindow();
    expect(await other.dispatch('createFirstAdmin', { name: '另一个', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('lockout after 5 failed logins (fake clock)', () => {
  it('locks for 15 minutes after the 5th failure in a row and lets the right password in afterwards', async () => {
    await addUser('李会计', 'editor');
    const w = openWindow();
    const messages: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const r = await w.dispatch('login', { name: '李会计', password: `wrong-${i}` });
      expect(r.ok).toBe(false);
      if (!r.ok) messages.push(`${r.error.code} ${r.error.message}`);
    }
    expect(messages[0]).toBe('login_failed 用户名或密码不正确。再错 4 次,账户将被锁定 15 分钟。');
    expect(messages[3]).toBe('login_failed 用户名或密码不正确。再错 1 次,账户将被锁定 15 分钟。');
    expect(messages[4]).toMatch(/^login_failed 用户名或密码错误已连续 5 次,账户“李会计”已被锁定 15 分钟\(至 \d\d:\d\d\)/);
    // Locked: even the right password is refused, without being checked.
    advance(14, 59);
    const locked = await w.dispatch('login', { name: '李会计', password: PASSWORD });
    expect(locked).toMatchObject({ ok: false, error: { code: 'account_locked' } });
    if (!locked.ok) expect(locked.error.message).toMatch(/^账户“李会计”因密码连续输错 5 次已被锁定,请于 \d\d:\d\d 后再试,或请管理员解锁。$/);
    expect(w.session.user).toBeNull();
    advance(0, 1);
    // The lockout is over: counting starts afresh.
    expect(await w.dispatch('login', { name: '李会计', password: 'wrong-again' })).toMatchObject({ ok: false, error: { message: '用户名或密码不正确。再错 4 次,账户将被锁定 15 分钟。' } });
    expect(await w.dispatch('login', { name: '李会计', password: PASSWORD })).toMatchObject({ ok: true, value: { user: { name: '李会计' } } });
    const actions = (await t.archive.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'users' ORDER BY id`)).map((r) => r.action);
    expect(actions).toEqual(['user.create', 'user.loginFailed', 'user.loginFailed', 'user.loginFailed', 'user.loginFailed', 'user.lockout', 'user.loginFailed', 'user.login']);
  });

  it('counts afresh after a success; an administrator can unlock a locked account at once', async () => {
    const admin = await loggedIn('管理员', 'admin');
    const user = await addUser('王五', 'viewer');
    const w = openWindow();
    for (let i = 0; i < 4; i += 1) await w.dispatch('login', { name: '王五', password: 'nope' });
    expect(await w.dispatch('login', { name: '王五', password: PASSWORD })).toMatchObject({ ok: true });
    await w.dispatch('logout', {});
    const first = await w.dispatch('login', { name: '王五', password: 'nope' });
    expect(first.ok || first.error.message).toContain('再错 4 次');
    for (let i = 0; i < 4; i += 1) await w.dispatch('login', { name: '王五', password: 'nope' });
    expect(await admin.dispatch('listUsers', {})).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ name: '王五', lockedUntil: expect.any(String) })]) });
    expect(await admin.dispatch('unlockUser', { userId: user.id })).toMatchObject({ ok: true, value: { lockedUntil: null } });
    expect(await w.dispatch('login', { name: '王五', password: PASSWORD })).toMatchObject({ ok: true });
  });

  it('answers an unknown name like a wrong password', async () => {
    const w = openWindow();
    expect(await w.dispatch('login', { name: '没有这个人', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'login_failed', message: '用户名或密码不正确。' } });
  });
});

describe('idle lock (fake clock)', () => {
  it('locks the window after the configured idle time; the same password unlocks it and the session goes on', async () => {
    const admin = await loggedIn('管理员', 'admin');
    expect(await admin.dispatch('setIdleLock', { minutes: 10 })).toMatchObject({ ok: true });
    expect(await admin.dispatch('setIdleLock', { minutes: 0 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    const clerk = await loggedIn('录入员', 'editor');
    advance(9, 59);
    expect(await clerk.dispatch('orgTree', {})).toMatchObject({ ok: true }); // activity resets the idle time
    advance(9, 59);
    expect(await clerk.dispatch('touchSession', {})).toMatchObject({ ok: true });
    advance(10);
    const r = await clerk.dispatch('orgTree', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'session_locked', message: '窗口已锁定,请输入“录入员”的密码解锁。' } });
    expect(await clerk.dispatch('sessionInfo', {})).toMatchObject({ ok: true, value: { locked: true, user: { name: '录入员' } } });
    // Nothing but unlocking gets through, writes included.
    expect(await clerk.dispatch('createOrg', branch('丙支部'))).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    expect(await clerk.dispatch('unlockSession', { password: 'wrong-one' })).toMatchObject({ ok: false, error: { code: 'login_failed' } });
    expect(await clerk.dispatch('unlockSession', { password: PASSWORD })).toMatchObject({ ok: true, value: { locked: false } });
    expect(await clerk.dispatch('createOrg', branch('丙支部'))).toMatchObject({ ok: true });
    // The setting is the administrator's (system) and read back by every window.
    expect(await clerk.dispatch('sessionInfo', {})).toMatchObject({ ok: true, value: { idleLockMinutes: 10 } });
    // The administrator's window, idle all along, is locked as well.
    expect(await admin.dispatch('listUsers', {})).toMatchObject({ ok: false, error: { code: 'session_locked' } });
  });

  it('locks at once when the window asks (the 锁定 button), and 5 wrong passwords on the lock screen log out and lock the account', async () => {
    const clerk = await loggedIn('录入员', 'editor');
    expect(await clerk.dispatch('lockSession', {})).toMatchObject({ ok: true, value: { locked: true } });
    expect(await clerk.dispatch('orgTree', {})).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    for (let i = 0; i < 5; i += 1) await clerk.dispatch('unlockSession', { password: 'wrong-pw' });
    expect(clerk.session.user).toBeNull();
    expect(await clerk.dispatch('login', { name: '录入员', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'account_locked' } });
  });
});

describe('password change', () => {
  it('needs the old password, applies the rule, and the new one works from then on', async () => {
    const w = await loggedIn('张三', 'editor');
    expect(await w.dispatch('changePassword', { oldPassword: 'not-it-1', newPassword: 'New-pass-2026' })).toMatchObject({ ok: false, error: { code: 'validation', message: '原密码不正确。' } });
    expect(await w.dispatch('changePassword', { oldPassword: PASSWORD, newPassword: 'short' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await w.dispatch('changePassword', { oldPassword: PASSWORD, newPassword: 'New-pass-2026' })).toMatchObject({ ok: true });
    const other = openWindow();
    expect(await other.dispatch('login', { name: '张三', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'login_failed' } });
    expect(await other.dispatch('login', { name: '张三', password: 'New-pass-2026' })).toMatchObject({ ok: true });
  });
});

describe('first administrator, two windows at once', () => {
  it('makes exactly one administrator when two windows race', async () => {
    const [a, b] = [openWindow(), openWindow()];
    const results = await Promise.all([
      a.dispatch('createFirstAdmin', { name: '甲管理员', password: PASSWORD }),
      b.dispatch('createFirstAdmin', { name: '乙管理员', password: PASSWORD }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM users'))!.n).toBe(1);
  });
});
