// Accounts of the people who may open the archive: local users with a role and a scrypt
// password hash (never the password), the failed-login counter and the lockout it leads to.
// Users are never deleted (the audit log names them); an account that should no longer log in is disabled.
import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(), // login name, also the actor written to history and audit
    role: text('role').notNull(), // accounts/roles.ts: admin | editor | viewer | sysadmin | secadmin | auditor
    // scrypt$<log2 N>$<r>$<p>$<salt base64>$<key base64>: the parameters travel with the hash so they can be raised later
    passwordHash: text('password_hash').notNull(),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0), // consecutive failures since the last success or lockout
    lockedUntil: text('locked_until'), // ISO instant; set by the 5th failure in a row
    passwordChangedAt: text('password_changed_at').notNull(),
    lastLoginAt: text('last_login_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_name').on(t.name)],
);

export type UserRow = typeof users.$inferSelect;
