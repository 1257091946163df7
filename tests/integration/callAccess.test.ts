// Every call is classified explicitly, a call that writes is never open to readers, and an unlisted
// name falls to the strictest class.
import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../electron/api/callNames';
import { CALL_ACCESS, DEFAULT_ACCESS, accessOf } from '../../electron/api/callAccess';
import { contract } from '../../electron/api/contract';
import type { CallDefinition } from '../../electron/api/defineCall';
import { ACCESS_CLASSES, ROLES, roleGrants } from '../../electron/services/accounts/roles';

describe('call access table', () => {
  it('lists every call name explicitly, and nothing else', () => {
    const unlisted = CALL_NAMES.filter((name) => !(name in CALL_ACCESS));
    expect(unlisted).toEqual([]);
    const unknown = Object.keys(CALL_ACCESS).filter((name) => !(CALL_NAMES as readonly string[]).includes(name));
    expect(unknown).toEqual([]);
    for (const access of Object.values(CALL_ACCESS)) expect(ACCESS_CLASSES).toContain(access);
  });

  it('gives an unlisted call the strictest class: only the administrator has it', () => {
    expect(accessOf('aCallAddedTomorrow')).toBe(DEFAULT_ACCESS);
    expect(ROLES.filter((role) => roleGrants(role, DEFAULT_ACCESS))).toEqual(['admin']);
  });

  it('never lets a 查询员 reach a call that writes records', () => {
    // Calls marked write that only touch the caller's own session or account.
    const accountOwn = ['login', 'createFirstAdmin', 'unlockSession', 'changePassword'];
    const open = CALL_NAMES.filter((name) => (contract[name] as CallDefinition).write && roleGrants('viewer', accessOf(name)) && !accountOwn.includes(name));
    expect(open).toEqual([]);
  });

  it('keeps the public calls to the few a login screen needs', () => {
    expect(CALL_NAMES.filter((name) => accessOf(name) === 'public').sort()).toEqual(['createFirstAdmin', 'getPreference', 'getSetup', 'login', 'sessionInfo']);
  });
});
