// Accounts and the window's session: login, lock screen, password change, the first
// administrator, the 用户管理 page and the idle-lock setting. Which role may make each call is in callAccess.ts.
import { z } from 'zod';
import { defineCall } from '../defineCall';
import * as accounts from '../../services/accounts/users';
import { ACCESS_CLASSES, ROLES } from '../../services/accounts/roles';

const role = z.enum(ROLES);
// Passwords are length-capped only; the rule (length, kinds of characters) is the service's, with Chinese messages.
const password = z.string().max(128);
const userName = z.string().max(64);

export const sessionInfoSchema = z.object({
  hasUsers: z.boolean(),
  user: z.object({ id: z.string(), name: z.string(), role, roleLabel: z.string(), access: z.array(z.enum(ACCESS_CLASSES)) }).nullable(),
  locked: z.boolean(),
  idleLockMinutes: z.number().int(),
});

export const userSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  role,
  roleLabel: z.string(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  failedLogins: z.number().int(),
  lastLoginAt: z.string().nullable(),
  passwordChangedAt: z.string(),
  createdAt: z.string(),
});

const byUser = z.object({ userId: z.string().max(64) });

export const accountCalls = {
  sessionInfo: defineCall({ access: 'public', input: z.object({}).optional(), output: sessionInfoSchema, run: (ctx) => accounts.sessionInfo(ctx) }),
  login: defineCall({ access: 'public', input: z.object({ name: userName, password }), output: sessionInfoSchema, run: (ctx, i) => accounts.login(ctx, i) }),
  // refused by the service as soon as any user exists
  createFirstAdmin: defineCall({ access: 'public', input: z.object({ name: userName, password }), output: sessionInfoSchema, run: (ctx, i) => accounts.createFirstAdmin(ctx, i) }),
  logout: defineCall({ access: 'locked', input: z.object({}).optional(), output: sessionInfoSchema, run: (ctx) => accounts.logout(ctx) }),
  lockSession: defineCall({ access: 'locked', input: z.object({}).optional(), output: sessionInfoSchema, run: (ctx) => accounts.lockSession(ctx) }),
  // the user's own account
  unlockSession: defineCall({ access: 'locked', input: z.object({ password }), output: sessionInfoSchema, run: (ctx, i) => accounts.unlockSession(ctx, i) }),
  // The window's activity ping: the dispatcher records the activity before it runs, so it does nothing else.
  touchSession: defineCall({ access: 'self', input: z.object({}).optional(), output: z.null(), run: async () => null }),
  // reading (查询员 and every other role)
  changePassword: defineCall({
    access: 'self',
    input: z.object({ oldPassword: password, newPassword: password }),
    output: z.null(),
    run: (ctx, i) => accounts.changePassword(ctx, i),
  }),
  listUsers: defineCall({ access: 'users', input: z.object({}).optional(), output: z.array(userSummarySchema), run: (ctx) => accounts.listUsers(ctx) }),
  createUser: defineCall({ access: 'users', input: z.object({ name: userName, role, password }), output: userSummarySchema, run: (ctx, i) => accounts.createUser(ctx, i) }),
  resetPassword: defineCall({ access: 'users', input: byUser.extend({ password }), output: userSummarySchema, run: (ctx, i) => accounts.resetPassword(ctx, i) }),
  unlockUser: defineCall({ access: 'users', input: byUser, output: userSummarySchema, run: (ctx, i) => accounts.unlockUser(ctx, i) }),
  setUserDisabled: defineCall({ access: 'users', input: byUser.extend({ disabled: z.boolean() }), output: userSummarySchema, run: (ctx, i) => accounts.setUserDisabled(ctx, i) }),
  // settings of the install (管理员, 系统管理员)
  setUserRole: defineCall({ access: 'users', input: byUser.extend({ role }), output: userSummarySchema, run: (ctx, i) => accounts.setUserRole(ctx, i) }),
  // 备份与恢复 (管理员, 系统管理员): a backup holds every record, a restore replaces them all
  setIdleLock: defineCall({
    access: 'system',
    input: z.object({ minutes: z.number().int() }),
    output: z.object({ minutes: z.number().int() }),
    run: async (ctx, i) => ({ minutes: await accounts.setIdleLockMinutes(ctx, i.minutes) }),
  }),
};
