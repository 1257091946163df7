// A roster row against the person already in the archive (same ID number): the field differences the
// clerk sees, and what skip / fill empty / overwrite would change.
import { labelOf, type CodeListName } from '../core/codes';
import { FIELD_LABELS } from '../members/memberRules';
import { type DuplicateMode, type PlannedRow } from './rosterRows';

// ---- differences with a person already in the archive ----

export const DIFF_FIELDS = [
  'name', 'gender', 'ethnicity', 'birthDate', 'education', 'category', 'joinDate', 'fullDate', 'occupation', 'jobTitle', 'phone', 'address',
  'nativePlace', 'degree', 'workStartDate', 'workUnit', 'householdPlace', 'remarks',
] as const;
type DiffField = (typeof DIFF_FIELDS)[number];

export interface FieldDiff {
  field: string;
  label: string;
  before: string;
  after: string;
  /** The archive's value is empty: "update empty fields" fills it. */
  fillsEmpty: boolean;
}

const DIFF_CODES: Partial<Record<DiffField, CodeListName>> = { gender: 'gender', ethnicity: 'ethnicity', education: 'education', occupation: 'occupation', category: 'memberCategory', degree: 'degree' };
const show = (f: DiffField, v: unknown) => (v == null || v === '' ? '' : DIFF_CODES[f] ? labelOf(DIFF_CODES[f]!, String(v)) : String(v));

/** What the roster row would change on the stored member; only fields the roster actually has a value for. */
export function diffWithStored(stored: Record<string, unknown>, row: PlannedRow, mappedFields: Set<string>): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  for (const f of DIFF_FIELDS) {
    // Fields the roster does not have as a column (defaults, inferred category) never overwrite.
    if (!mappedFields.has(f) && !(f === 'birthDate' || f === 'gender')) continue;
    const after = (row.member as unknown as Record<string, unknown>)[f];
    if (after == null || after === '') continue;
    const before = stored[f];
    if ((before ?? '') === after) continue;
    diffs.push({ field: f, label: FIELD_LABELS[f] ?? f, before: show(f, before), after: show(f, after), fillsEmpty: before == null || before === '' });
  }
  return diffs;
}

export function patchFor(diffs: FieldDiff[], row: PlannedRow, mode: DuplicateMode): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const d of diffs) if (mode === 'overwrite' || (mode === 'fillEmpty' && d.fillsEmpty)) patch[d.field] = (row.member as unknown as Record<string, unknown>)[d.field];
  return patch;
}
