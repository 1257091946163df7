// Roles and what each may do. A call needs one access class (electron/api/callAccess.ts); a role grants
// a set of classes. The three 等保 administrators split the administrator's powers so that no one person
// both manages accounts and reads the audit trail of what those accounts did.
export const ROLES = ['admin', 'editor', 'viewer', 'sysadmin', 'secadmin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  editor: '录入员',
  viewer: '查询员',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Accepts the code (viewer) or the Chinese label (查询员), as clerks type either on the CLI. */
export function parseRole(value: string): Role | null {
  if (isRole(value)) return value;
  const found = ROLES.find((r) => ROLE_LABELS[r] === value.trim());
  return found ?? null;
}

/**
 * Access classes, from open to closed:
 * - public: before login (setup state, login, the first administrator)
 * - locked: a logged-in window even while its screen is locked (unlock, lock, logout)
 * - self:   any logged-in user on their own account (change password, activity ping)
 * - read:   reading the archive
 * - write:  changing records
 * - rules:  the office's rules (发展 time rules, 介绍信 validity …) — 管理员
 * - users:  accounts — 管理员, 安全管理员
 * - audit:  the audit log — 管理员, 审计管理员
 * - system: settings and backups — 管理员, 系统管理员
 * - admin:  township setup, demo data, exchange keys — 管理员 only
 */
export const ACCESS_CLASSES = ['public', 'locked', 'self', 'read', 'write', 'rules', 'users', 'audit', 'system', 'admin'] as const;
export type Access = (typeof ACCESS_CLASSES)[number];

// Every role reads the archive: the 三员 need the workspace to do their part, and none of them can change records.
const GRANTS: Record<Role, readonly Access[]> = {
  admin: ['locked', 'self', 'read', 'write', 'rules', 'users', 'audit', 'system', 'admin'],
  editor: ['locked', 'self', 'read', 'write'],
  viewer: ['locked', 'self', 'read'],
  sysadmin: ['locked', 'self', 'read', 'system'],
  secadmin: ['locked', 'self', 'read', 'users'],
  auditor: ['locked', 'self', 'read', 'audit'],
};

export function roleGrants(role: Role, access: Access): boolean {
  return access === 'public' || GRANTS[role].includes(access);
}

/** The access classes a role holds (the window uses it to show or hide what the user may not do). */
export function grantsOf(role: Role): Access[] {
  return ['public', ...GRANTS[role]];
}

export const ACCESS_LABELS: Record<Access, string> = {
  public: '公开功能',
  locked: '解锁',
  self: '本人账户',
  read: '查询档案',
  write: '修改档案',
  rules: '修改规则设置',
  users: '管理用户',
  audit: '查看审计日志',
  system: '系统设置和备份',
  admin: '管理员功能',
};
