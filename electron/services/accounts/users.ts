// Accounts: the first administrator, adding users, login with lockout (5 failures in a row lock the
// account for 15 minutes), unlocking the window, changing and resetting passwords, unlocking and
// disabling accounts. Every change is audited (never with the hash); every multi-step write is one
// transaction. scrypt runs outside the transaction so that a login does not hold the archive.
import { eq } from 'drizzle-orm';
import { users, type UserRow } from '../../../db/schema';
import { changeSetting } from '../core/settings';
import type { ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { DomainError, ValidationError, notFound } from '../core/errors';
import { newId } from '../core/ids';
import { decoyHash, hashPassword, passwordProblems, verifyPassword } from './passwords';
import { ROLE_LABELS, grantsOf, type Access, type Role } from './roles';
import { IDLE_LOCK_KEY, IDLE_LOCK_RANGE, accountVersion, bumpAccountVersion, idleLockMinutes, rememberIdleLockMinutes, type SessionUser } from './session';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

export interface UserSummary {
  id: string;
  name: string;
  role: Role;
  roleLabel: string;
  disabled: boolean;
  lockedUntil: string | null; // ISO instant, only while the lockout lasts
  failedLogins: number;
  lastLoginAt: string | null;
  passwordChangedAt: string;
  createdAt: string;
}

export interface SessionInfo {
  hasUsers: boolean;
  user: (SessionUser & { roleLabel: string; access: Access[] }) | null;
  locked: boolean;
  idleLockMinutes: number;
}

function now(ctx: ServiceContext): Date {
  return ctx.clock ? ctx.clock() : new Date();
}

/** Local time HH:MM, as the clerk reads a clock. */
function clockTime(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function lockedUntil(row: UserRow, at: Date): string | null {
  return row.lockedUntil && new Date(row.lockedUntil).getTime() > at.getTime() ? row.lockedUntil : null;
}

function summary(row: UserRow, at: Date): UserSummary {
  const until = lockedUntil(row, at);
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    roleLabel: ROLE_LABELS[row.role as Role] ?? row.role,
    disabled: row.disabled,
    lockedUntil: until,
    failedLogins: until ? 0 : row.lockedUntil ? 0 : row.failedLogins,
    lastLoginAt: row.lastLoginAt,
    passwordChangedAt: row.passwordChangedAt,
    createdAt: row.createdAt,
  };
}

/** What the audit log keeps of an account: never the hash. */
function audited(row: Pick<UserRow, 'name' | 'role' | 'disabled'>) {
  return { name: row.name, role: row.role, disabled: row.disabled };
}

function userNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length === 0) problems.push('用户名不能为空');
  if ([...name].length > 32) problems.push('用户名不能超过 32 个字符');
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f]/.test(name)) problems.push('用户名不能含空格或控制字符');
  return problems;
}

async function userByName(ctx: ServiceContext, name: string): Promise<UserRow | undefined> {
  return ctx.archive.db.select().from(users).where(eq(users.name, name)).get();
}

async function userById(ctx: ServiceContext, id: string): Promise<UserRow> {
  const row = await ctx.archive.db.select().from(users).where(eq(users.id, id)).get();
  if (!row) throw notFound('用户', id);
  return row;
}

export async function countUsers(ctx: ServiceContext): Promise<number> {
  const row = await ctx.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM users');
  return row?.n ?? 0;
}

export async function sessionInfo(ctx: ServiceContext): Promise<SessionInfo> {
  const user = ctx.session?.user ?? null;
  return {
    hasUsers: (await countUsers(ctx)) > 0,
    user: user ? { ...user, roleLabel: ROLE_LABELS[user.role], access: grantsOf(user.role) } : null,
    locked: ctx.session?.locked ?? false,
    idleLockMinutes: await idleLockMinutes(ctx.archive),
  };
}

function signIn(ctx: ServiceContext, row: UserRow): void {
  ctx.session?.signIn({ id: row.id, name: row.name, role: row.role as Role }, accountVersion(ctx.archive, row.id), now(ctx).getTime());
}

const NOT_FIRST = '档案已有用户,不能再创建首个管理员;请用管理员账户登录。';

async function insertUser(ctx: ServiceContext, input: { name: string; role: Role; password: string }, onlyIfNoUsers = false): Promise<UserRow> {
  const name = input.name.trim();
  const nameProblems = userNameProblems(name).map((message) => ({ field: 'name', message: `用户名:${message}` }));
  const problems = [...nameProblems, ...passwordProblems(input.password, 'password', name)];
  if (problems.length) throw new ValidationError(problems, `用户“${name}”`);
  const passwordHash = await hashPassword(input.password);
  const at = now(ctx).toISOString();
  return ctx.archive.transaction(async () => {
    // Checked again inside the transaction: two windows racing to be the first administrator make one.
    if (onlyIfNoUsers && (await countUsers(ctx)) > 0) throw new DomainError('forbidden', NOT_FIRST);
    if (await userByName(ctx, name)) throw new DomainError('conflict', `已有名为“${name}”的用户`, [{ field: 'name', message: `用户名:已有名为“${name}”的用户` }]);
    const row: UserRow = {
      id: newId(),
      name,
      role: input.role,
      passwordHash,
      disabled: false,
      failedLogins: 0,
      lockedUntil: null,
      passwordChangedAt: at,
      lastLoginAt: null,
      createdAt: at,
      updatedAt: at,
    };
    await ctx.archive.db.insert(users).values(row);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'user.create', entity: 'users', entityId: row.id, before: null, after: audited(row) }]);
    return row;
  });
}

/** First run (or an archive from before accounts): the administrator, allowed only while there is no user at all. */
export async function createFirstAdmin(ctx: ServiceContext, input: { name: string; password: string }): Promise<SessionInfo> {
  if ((await countUsers(ctx)) > 0) throw new DomainError('forbidden', NOT_FIRST);
  const row = await insertUser({ ...ctx, actor: input.name.trim() }, { name: input.name, role: 'admin', password: input.password }, true);
  signIn(ctx, row);
  return sessionInfo(ctx);
}

export async function createUser(ctx: ServiceContext, input: { name: string; role: Role; password: string }): Promise<UserSummary> {
  return summary(await insertUser(ctx, input), now(ctx));
}

export async function listUsers(ctx: ServiceContext): Promise<UserSummary[]> {
  const rows = await ctx.archive.db.select().from(users).orderBy(users.createdAt, users.name).all();
  const at = now(ctx);
  return rows.map((r) => summary(r, at));
}

/**
 * A failed password: counted, and the 5th failure in a row locks the account for 15 minutes.
 * Returns the message for the clerk.
 */
async function recordFailure(ctx: ServiceContext, userId: string, what: string): Promise<string> {
  const at = now(ctx);
  return ctx.archive.transaction(async () => {
    const row = await userById(ctx, userId);
    const previous = row.lockedUntil && !lockedUntil(row, at) ? 0 : row.failedLogins; // an expired lockout starts afresh
    const failed = previous + 1;
    if (failed >= MAX_FAILED_LOGINS) {
      const until = new Date(at.getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
      await ctx.archive.db.update(users).set({ failedLogins: 0, lockedUntil: until, updatedAt: at.toISOString() }).where(eq(users.id, userId));
      await appendAudit(ctx.archive, [{ actor: row.name, action: 'user.lockout', entity: 'users', entityId: row.id, before: null, after: { failedLogins: failed, lockedUntil: until } }]);
      return `${what}错误已连续 ${MAX_FAILED_LOGINS} 次,账户“${row.name}”已被锁定 ${LOCKOUT_MINUTES} 分钟(至 ${clockTime(until)}),请稍后再试或请管理员解锁。`;
    }
    await ctx.archive.db.update(users).set({ failedLogins: failed, lockedUntil: null, updatedAt: at.toISOString() }).where(eq(users.id, userId));
    await appendAudit(ctx.archive, [{ actor: row.name, action: 'user.loginFailed', entity: 'users', entityId: row.id, before: null, after: { failedLogins: failed } }]);
    return `${what}不正确。再错 ${MAX_FAILED_LOGINS - failed} 次,账户将被锁定 ${LOCKOUT_MINUTES} 分钟。`;
  });
}

function lockedMessage(row: UserRow, until: string): string {
  return `账户“${row.name}”因密码连续输错 ${MAX_FAILED_LOGINS} 次已被锁定,请于 ${clockTime(until)} 后再试,或请管理员解锁。`;
}

export async function login(ctx: ServiceContext, input: { name: string; password: string }): Promise<SessionInfo> {
  const name = input.name.trim();
  const row = await userByName(ctx, name);
  if (!row) {
    await verifyPassword(input.password, await decoyHash());
    throw new DomainError('login_failed', '用户名或密码不正确。');
  }
  const until = lockedUntil(row, now(ctx));
  if (until) throw new DomainError('account_locked', lockedMessage(row, until));
  if (row.disabled) throw new DomainError('forbidden', `账户“${row.name}”已停用,请联系管理员。`);
  if (!(await verifyPassword(input.password, row.passwordHash))) {
    throw new DomainError('login_failed', await recordFailure(ctx, row.id, '用户名或密码'));
  }
  const at = now(ctx).toISOString();
  await ctx.archive.transaction(async () => {
    await ctx.archive.db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: at, updatedAt: at }).where(eq(users.id, row.id));
    await appendAudit(ctx.archive, [{ actor: row.name, action: 'user.login', entity: 'users', entityId: row.id, before: null, after: null }]);
  });
  signIn(ctx, row);
  return sessionInfo(ctx);
}

export async function logout(ctx: ServiceContext): Promise<SessionInfo> {
  ctx.session?.signOut();
  return sessionInfo(ctx);
}

export async function lockSession(ctx: ServiceContext): Promise<SessionInfo> {
  if (ctx.session?.user) ctx.session.locked = true;
  return sessionInfo(ctx);
}

/** The lock screen: the same user's password opens the window again; failures count toward the lockout. */
export async function unlockSession(ctx: ServiceContext, input: { password: string }): Promise<SessionInfo> {
  const session = ctx.session;
  if (!session?.user) throw new DomainError('forbidden', '请先登录。');
  const row = await userById(ctx, session.user.id);
  const until = lockedUntil(row, now(ctx));
  if (until) {
    session.signOut();
    throw new DomainError('account_locked', lockedMessage(row, until));
  }
  if (!(await verifyPassword(input.password, row.passwordHash))) {
    const message = await recordFailure(ctx, row.id, '密码');
    if (lockedUntil(await userById(ctx, row.id), now(ctx))) session.signOut();
    throw new DomainError('login_failed', message);
  }
  await ctx.archive.transaction(async () => {
    await ctx.archive.db.update(users).set({ failedLogins: 0 }).where(eq(users.id, row.id));
  });
  session.locked = false;
  session.lastActivity = now(ctx).getTime();
  return sessionInfo(ctx);
}

export async function changePassword(ctx: ServiceContext, input: { oldPassword: string; newPassword: string }): Promise<null> {
  const session = ctx.session;
  if (!session?.user) throw new DomainError('forbidden', '请先登录。');
  const row = await userById(ctx, session.user.id);
  if (!(await verifyPassword(input.oldPassword, row.passwordHash))) {
    throw new DomainError('validation', '原密码不正确。', [{ field: 'oldPassword', message: '原密码:不正确' }]);
  }
  const problems = passwordProblems(input.newPassword, 'newPassword', row.name);
  if (input.newPassword === input.oldPassword) problems.push({ field: 'newPassword', message: '密码:新密码不能与原密码相同' });
  if (problems.length) throw new ValidationError(problems);
  const passwordHash = await hashPassword(input.newPassword);
  const at = now(ctx).toISOString();
  await ctx.archive.transaction(async () => {
    await ctx.archive.db.update(users).set({ passwordHash, passwordChangedAt: at, updatedAt: at }).where(eq(users.id, row.id));
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'user.passwordChange', entity: 'users', entityId: row.id, before: null, after: null }]);
  });
  return null;
}

/** The last enabled administrator may not be disabled or demoted: the archive would have nobody to manage it. */
async function guardLastAdmin(ctx: ServiceContext, row: UserRow, what: string): Promise<void> {
  if (row.role !== 'admin' || row.disabled) return;
  const n = await ctx.archive.queryOne<{ n: number }>(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?`, [row.id]);
  if ((n?.n ?? 0) === 0) throw new DomainError('conflict', `“${row.name}”是唯一可用的管理员,不能${what}。`);
}

async function changeUser(ctx: ServiceContext, userId: string, action: string, change: (row: UserRow) => Promise<Partial<UserRow>>, endsSessions: boolean): Promise<UserSummary> {
  const updated = await ctx.archive.transaction(async () => {
    const row = await userById(ctx, userId);
    const patch = await change(row);
    const at = now(ctx).toISOString();
    await ctx.archive.db.update(users).set({ ...patch, updatedAt: at }).where(eq(users.id, userId));
    const after = await userById(ctx, userId);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action, entity: 'users', entityId: userId, before: audited(row), after: audited(after) }]);
    return after;
  });
  if (endsSessions) bumpAccountVersion(ctx.archive, userId);
  return summary(updated, now(ctx));
}

export async function resetPassword(ctx: ServiceContext, input: { userId: string; password: string }): Promise<UserSummary> {
  const row = await userById(ctx, input.userId);
  const problems = passwordProblems(input.password, 'password', row.name);
  if (problems.length) throw new ValidationError(problems, `用户“${row.name}”`);
  const passwordHash = await hashPassword(input.password);
  const at = now(ctx).toISOString();
  return changeUser(ctx, input.userId, 'user.passwordReset', async () => ({ passwordHash, passwordChangedAt: at, failedLogins: 0, lockedUntil: null }), true);
}

export async function unlockUser(ctx: ServiceContext, input: { userId: string }): Promise<UserSummary> {
  return changeUser(ctx, input.userId, 'user.unlock', async () => ({ failedLogins: 0, lockedUntil: null }), false);
}

export async function setUserDisabled(ctx: ServiceContext, input: { userId: string; disabled: boolean }): Promise<UserSummary> {
  return changeUser(
    ctx,
    input.userId,
    input.disabled ? 'user.disable' : 'user.enable',
    async (row) => {
      if (input.disabled) {
        if (ctx.session?.user?.id === row.id) throw new DomainError('conflict', '不能停用自己正在使用的账户。');
        await guardLastAdmin(ctx, row, '停用');
      }
      return { disabled: input.disabled };
    },
    input.disabled,
  );
}

export async function setUserRole(ctx: ServiceContext, input: { userId: string; role: Role }): Promise<UserSummary> {
  return changeUser(
    ctx,
    input.userId,
    'user.role',
    async (row) => {
      if (input.role !== 'admin') await guardLastAdmin(ctx, row, `改为${ROLE_LABELS[input.role]}`);
      return { role: input.role };
    },
    true,
  );
}

export async function setIdleLockMinutes(ctx: ServiceContext, minutes: number): Promise<number> {
  if (!Number.isInteger(minutes) || minutes < IDLE_LOCK_RANGE.min || minutes > IDLE_LOCK_RANGE.max) {
    throw new ValidationError([{ field: 'minutes', message: `自动锁定时间:应为 ${IDLE_LOCK_RANGE.min}–${IDLE_LOCK_RANGE.max} 分钟的整数` }]);
  }
  const before = await idleLockMinutes(ctx.archive);
  await changeSetting(ctx, IDLE_LOCK_KEY, 'settings.idleLock', before, minutes);
  rememberIdleLockMinutes(ctx.archive, minutes);
  return minutes;
}

