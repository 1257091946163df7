// Shapes the wizard passes between its steps (from the contract: type imports only).
import type { CallInput, CallOutput } from '../../api';

export type RosterAnalysis = CallOutput<'analyseImport'>;
export type ImportOptions = NonNullable<CallInput<'startImport'>['options']>;
export type RosterField = RosterAnalysis['fields'][number]['field'];
export type BranchChoice = NonNullable<ImportOptions['branchChoices']>[string];
export type DuplicateMode = NonNullable<ImportOptions['duplicateMode']>;
export type ImportDefaults = NonNullable<ImportOptions['defaults']>;
export type DefaultField = keyof ImportDefaults;

/** What importRoster returns as the job's result (electron/services/roster/rosterImport.ts ImportResult). */
export interface ImportOutcome {
  rows: number;
  inserted: number;
  updated: number;
  skipped: number;
  errors: number;
  createdBranches: string[];
  /** What the clerk should know of the import (an organization created with the type its name says). */
  notices?: string[];
}

/** Excel's column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
