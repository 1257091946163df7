// What each call needs of the caller's role, read from the call's own definition (defineCall's `access`).
// The dispatcher checks it before every call, whichever transport brought it, so hiding a button is never
// the only guard. A name that is no call needs 'admin', the strictest class.
import type { Access } from '../services/accounts/roles';
import { contract } from './contract';
import type { CallDefinition } from './defineCall';

export const DEFAULT_ACCESS: Access = 'admin';

export function accessOf(callName: string): Access {
  const entry = (contract as Record<string, CallDefinition | undefined>)[callName];
  return Object.hasOwn(contract, callName) && entry ? entry.access : DEFAULT_ACCESS;
}

/** The access table, derived: call name → access class. */
export const CALL_ACCESS: Readonly<Record<string, Access>> = Object.freeze(
  Object.fromEntries(Object.entries(contract as Record<string, CallDefinition>).map(([name, entry]) => [name, entry.access])),
);
