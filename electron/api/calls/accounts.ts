// Accounts and the window's session (issue 9): login, lock screen, password change, the first
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
  sessionInfo: defineCall({ input: z.object({}).optional(), output: sessionInfoSchema, write: false, run: (ctx) => accounts.sessionInfo(ctx) }),
  login: defineCall({ input: z.object({ name: userName, password }), output: sessionInfoSchema, write: true, run: (ctx, i) => accounts.login(ctx, i) }),
  createFirstAdmin: defineCall({ input: z.object({ name: userName, password }), output: sessionInfoSchema, write: true, run: (ctx, i) => accounts.createFirstAdmin(ctx, i) }),
  logout: defineCall({ input: z.object({}).optional(), output: sessionInfoSchema, write: false, run: (ctx) => accounts.logout(ctx) }),
  lockSession: defineCall({ input: z.object({}).optional(), output: sessionInfoSchema, write: false, run: (ctx) => accounts.lockSession(ctx) }),
  unlockSession: defineCall({ input: z.object({ password }), output: sessionInfoSchema, write: true, run: (ctx, i) => accounts.unlockSession(ctx, i) }),
  // The window's activity ping: the dispatcher records the activity before it runs, so it does nothing else.
  touchSession: defineCall({ input: z.object({}).optional(), output: z.null(), write: false, run: async () => null }),
  changePassword: defineCall({
    input: z.object({ oldPassword: password, newPassword: password }),
    output: z.null(),
    write: true,
    run: (ctx, i) => accounts.changePassword(ctx, i),
  }),
  listUsers: defineCall({ input: z.object({}).optional(), output: z.array(userSummarySchema), write: false, run: (ctx) => accounts.listUsers(ctx) }),
  createUser: defineCall({ input: z.object({ name: userName, role, password }), output: userSummarySchema, write: true, run: (ctx, i) => accounts.createUser(ctx, i) }),
  resetPassword: defineCall({ input: byUser.extend({ password }), output: userSummarySchema, write: true, run: (ctx, i) => accounts.resetPassword(ctx, i) }),
  unlockUser: defineCall({ input: byUser, output: userSummarySchema, write: true, run: (ctx, i) => accounts.unlockUser(ctx, i) }),
  setUserDisabled: defineCall({ input: byUser.extend({ disabled: z.boolean() }), output: userSummarySchema, write: true, run: (ctx, i) => accounts.setUserDisabled(ctx, i) }),
  setUserRole: defineCall({ input: byUser.extend({ role }), output: userSummarySchema, write: true, run: (ctx, i) => accounts.setUserRole(ctx, i) }),
  setIdleLock: defineCall({
    input: z.object({ minutes: z.number().int() }),
    output: z.object({ minutes: z.number().int() }),
    write: true,
    run: async (ctx, i) => ({ minutes: await accounts.setIdleLockMinutes(ctx, i.minutes) }),
  }),
};
