// A roster row against the person already in the archive (same ID number): the field differences the
// clerk sees, and what skip / fill empty / overwrite would change.
import { labelOf, type CodeListName } from '../core/codes';
import { FIELD_LABELS } from '../members/memberRules';
import { educationGroupOf, occupationClassOf, OCCUPATION_NOT_FILLED } from '../members/nationalCodes';
import { type DuplicateMode, type PlannedRow } from './rosterRows';

// ---- differences with a person already in the archive ----

export const DIFF_FIELDS = [
  'name', 'gender', 'ethnicity', 'birthDate', 'education', 'educationLevel', 'category', 'joinDate', 'fullDate', 'occupation', 'jobPost', 'jobTitle',
  'phone', 'address', 'nativePlace', 'degree', 'workStartDate', 'workUnit', 'householdPlace', 'remarks',
  'newSocialStratum', 'professionalTitle', 'currentResidence', 'partyAgeAdjustMonths', 'joinType', 'fullStatus', 'joinBranch',
  'probationExtensionMonths', 'mobileProvince', 'mobileCity', 'mobileCounty',
] as const;
type DiffField = (typeof DIFF_FIELDS)[number];

/** The roster column a member field is read from, where the two are not named alike (a leaf comes from its coarse column). */
const COLUMN_OF: Partial<Record<DiffField, string>> = { educationLevel: 'education', jobPost: 'occupation' };
/** The coarse field a leaf decides: no difference of its own when the leaf's difference is shown (it brings it along). */
const DECIDED_BY: Partial<Record<DiffField, DiffField>> = { education: 'educationLevel', occupation: 'jobPost' };
const LABEL_OF: Partial<Record<DiffField, string>> = { educationLevel: '学历', jobPost: '工作岗位' };

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
  const member = row.member as unknown as Record<string, unknown>;
  for (const f of DIFF_FIELDS) {
    // Fields the roster does not have as a column (defaults, inferred category) never overwrite.
    if (!mappedFields.has(COLUMN_OF[f] ?? f) && !(f === 'birthDate' || f === 'gender')) continue;
    const after = member[f];
    if (after == null || after === '') continue;
    // 未填写 says the roster had nothing to say about work: never a change.
    if (f === 'occupation' && after === OCCUPATION_NOT_FILLED) continue;
    const before = stored[f];
    if ((before ?? '') === after) continue;
    const leaf = DECIDED_BY[f];
    if (leaf && member[leaf] != null && member[leaf] !== stored[leaf]) continue;
    let fillsEmpty = before == null || before === '';
    // A leaf fills an empty leaf only when it refines what is stored (the same group or class); one that
    // moves the member to another group changes a filled-in value.
    if (f === 'educationLevel') fillsEmpty &&= educationGroupOf(String(after)) === stored.education;
    if (f === 'jobPost') fillsEmpty &&= occupationClassOf(String(after)) === stored.occupation || stored.occupation === OCCUPATION_NOT_FILLED;
    diffs.push({ field: f, label: LABEL_OF[f] ?? FIELD_LABELS[f] ?? f, before: show(f, before), after: show(f, after), fillsEmpty });
  }
  return diffs;
}

export function patchFor(diffs: FieldDiff[], row: PlannedRow, mode: DuplicateMode): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const d of diffs) if (mode === 'overwrite' || (mode === 'fillEmpty' && d.fillsEmpty)) patch[d.field] = (row.member as unknown as Record<string, unknown>)[d.field];
  return patch;
}
