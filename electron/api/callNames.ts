// Every call the window can make, by name: the keys of the contract, so a call is listed once, where it
// is defined. The preload learns the names from the main process (a window argument), which keeps the
// services out of the sandboxed preload bundle; the renderer imports only the type.
import { contract, type CallName } from './contract';

export type { CallName };

export const CALL_NAMES = Object.freeze(Object.keys(contract) as CallName[]);

const known = new Set<string>(CALL_NAMES);

export function isCallName(name: string): name is CallName {
  return known.has(name);
}
