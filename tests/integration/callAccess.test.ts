// Every call carries its access class, a call that writes is never open to readers, and an unlisted
// name falls to the strictest class.
import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../electron/api/callNames';
import { CALL_ACCESS, DEFAULT_ACCESS, accessOf } from '../../electron/api/callAccess';
import { contract } from '../../electron/api/contract';
import type { CallDefinition } from '../../electron/api/defineCall';
import { ACCESS_CLASSES, ROLES, roleGrants } from '../../electron/services/accounts/roles';

describe('call access table', () => {
  it('derives the access table from the contract, one entry per call and nothing else', () => {
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
    // A call named for a change must need more than reading, but for these, each with its reason.
    const readersMay: Record<string, string> = {
      login: "the caller's own session",
      createFirstAdmin: 'refused as soon as any user exists',
      unlockSession: "the caller's own session",
      changePassword: "the caller's own account",
      setPreference: "the user's grid columns and language, not archive data",
      startPrintBatch: 'renders files to print, writes no record',
      cancelJob: 'rolls a job back',
    };
    const writes = /^(save|create|delete|remove|record|add|set|update|start|import|register|mark|transfer|confirm|cancel|extend|exit|approve|admit|make|withdraw|end|propose|discuss|vote|carryOut|supervise|stop|review(?!s)|init|load|move|merge|dissolve|unlock|reset|restore|suspend|write|verify)/;
    const open = CALL_NAMES.filter((name) => writes.test(name) && roleGrants('viewer', accessOf(name)) && !(name in readersMay));
    expect(open).toEqual([]);
  });

  it('every entry of the contract carries its own access class', () => {
    for (const name of CALL_NAMES) expect(ACCESS_CLASSES).toContain((contract[name] as CallDefinition).access);
  });

  it('keeps the public calls to the few a login screen needs', () => {
    expect(CALL_NAMES.filter((name) => accessOf(name) === 'public').sort()).toEqual(['createFirstAdmin', 'getPreference', 'getSetup', 'login', 'sessionInfo']);
  });
});
