// The session of one window (Electron: one webContents; the test harness: one browser tab). The main
// process keeps it; the window never holds a token it could leak. The dispatcher asks `refusal()` before
// every call that is not public: nobody logged in, the screen locked (asked for, or idle longer than
// the configured time), the account changed by an administrator since login, or a role without the access.
import type { Archive } from '../../../db/connection';
import { readSetting } from '../core/settings';
import { ACCESS_LABELS, ROLE_LABELS, roleGrants, type Access, type Role } from './roles';

export interface SessionUser {
  id: string;
  name: string;
  role: Role;
}

export class WindowSession {
  user: SessionUser | null = null;
  locked = false;
  /** Milliseconds (of the dispatcher's clock) of the last call that was let through. */
  lastActivity = 0;
  /** The account's version when this session logged in; a later change by an administrator ends the session. */
  accountVersion = 0;

  signIn(user: SessionUser, accountVersion: number, nowMs: number): void {
    this.user = user;
    this.accountVersion = accountVersion;
    this.locked = false;
    this.lastActivity = nowMs;
  }

  signOut(): void {
    this.user = null;
    this.locked = false;
    this.accountVersion = 0;
  }
}

// In memory, per archive: bumped when an administrator disables an account, changes its role or resets
// its password, so that sessions opened before end at their next call without a lookup per call (a
// long import holds the database, and progress polling must not wait for it).
const versions = new WeakMap<Archive, Map<string, number>>();

export function accountVersion(archive: Archive, userId: string): number {
  return versions.get(archive)?.get(userId) ?? 0;
}

export function bumpAccountVersion(archive: Archive, userId: string): void {
  let map = versions.get(archive);
  if (!map) versions.set(archive, (map = new Map()));
  map.set(userId, (map.get(userId) ?? 0) + 1);
}

export const IDLE_LOCK_KEY = 'security.idleLockMinutes';
export const IDLE_LOCK_DEFAULT = 10;
export const IDLE_LOCK_RANGE = { min: 1, max: 240 } as const;

const idleCache = new WeakMap<Archive, number>();

export async function idleLockMinutes(archive: Archive): Promise<number> {
  const cached = idleCache.get(archive);
  if (cached !== undefined) return cached;
  const stored = await readSetting<number>(archive, IDLE_LOCK_KEY);
  const parsed = stored === undefined ? IDLE_LOCK_DEFAULT : Number(stored);
  const minutes = Number.isInteger(parsed) && parsed >= IDLE_LOCK_RANGE.min && parsed <= IDLE_LOCK_RANGE.max ? parsed : IDLE_LOCK_DEFAULT;
  idleCache.set(archive, minutes);
  return minutes;
}

export function rememberIdleLockMinutes(archive: Archive, minutes: number): void {
  idleCache.set(archive, minutes);
}

export interface SessionRefusal {
  code: 'not_logged_in' | 'session_locked' | 'forbidden';
  message: string;
}

/** Why this session may not make a call needing `access` now, or null; records the activity when let through. */
export async function sessionRefusal(archive: Archive, session: WindowSession, access: Access, callName: string, nowMs: number): Promise<SessionRefusal | null> {
  if (access === 'public') return null;
  const user = session.user;
  if (!user) return { code: 'not_logged_in', message: '请先登录。' };
  if (session.accountVersion !== accountVersion(archive, user.id)) {
    session.signOut();
    return { code: 'not_logged_in', message: `账户“${user.name}”已被管理员修改(停用、改变角色或重置密码),请重新登录。` };
  }
  if (access !== 'locked') {
    const idleMs = (await idleLockMinutes(archive)) * 60_000;
    if (!session.locked && nowMs - session.lastActivity >= idleMs) session.locked = true;
    if (session.locked) return { code: 'session_locked', message: `窗口已锁定,请输入“${user.name}”的密码解锁。` };
  }
  if (!roleGrants(user.role, access)) {
    return {
      code: 'forbidden',
      message: `权限不足:${ROLE_LABELS[user.role]}“${user.name}”不能${ACCESS_LABELS[access]}(${callName})。`,
    };
  }
  if (access !== 'locked') session.lastActivity = nowMs;
  return null;
}
