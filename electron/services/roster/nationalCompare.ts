// 信息比对: the archive against an export of the national system's member library (全国党员管理信息系统), person
// by person through the 公民身份号码. Three kinds of difference: a member only in the archive, one only in
// the export, and each field the two hold differently. Comparing writes nothing; the clerk accepts
// differences one by one or all of one kind, and only then are they written, in one transaction, each as
// its own history entry (and audit entry) naming the file and its date. A member only in the archive is
// reported, never removed: whether that person left is the clerk's decision, made elsewhere.
// The export is read exactly as an import reads it (rosterRows), so both understand the same files.
import { type ServiceContext } from '../core/context';
import { DomainError, ValidationError } from '../core/errors';
import { labelOf, type CodeListName } from '../core/codes';
import { requireTownship } from '../core/settings';
import { createMember, getMemberRow, updateMember } from '../members/members';
import { FIELD_LABELS, type MemberInput } from '../members/memberRules';
import { OCCUPATION_NOT_FILLED } from '../members/nationalCodes';
import { createOrg } from '../organizations/organizations';
import { BranchResolver, existingIdNumbers, planRoster, type PlanState, type PlannedRow, type RowProblem, type SheetInfo } from './rosterRows';
import { readDate, type RosterField } from './rosterFields';
import type { RosterSource } from './rosterRead';

type Member = Awaited<ReturnType<typeof getMemberRow>>;
type Value = string | number | boolean | null;

/** A field compared: the member field, the roster column that carries it, how it is shown. */
interface Compared {
  field: keyof MemberInput & keyof Member;
  column: RosterField;
  list?: CodeListName;
  kind?: 'date' | 'bool' | 'months';
}

// The member library's items, in its column order. 出生日期 and 性别 are the ID number's and are compared too
// (a stored record can disagree with its own number only if it was hand-edited, but then it should show).
const COMPARED: Compared[] = [
  { field: 'name', column: 'name' },
  { field: 'gender', column: 'gender', list: 'gender' },
  { field: 'ethnicity', column: 'ethnicity', list: 'ethnicity' },
  { field: 'birthDate', column: 'birthDate', kind: 'date' },
  { field: 'educationLevel', column: 'education' }, // 学历: leaf or group, see valuesOf
  { field: 'category', column: 'category', list: 'memberCategory' },
  { field: 'degree', column: 'degree', list: 'degree' },
  { field: 'phone', column: 'phone' },
  { field: 'joinDate', column: 'joinDate', kind: 'date' },
  { field: 'fullDate', column: 'fullDate', kind: 'date' },
  { field: 'partyAgeAdjustMonths', column: 'partyAgeAdjustMonths', kind: 'months' },
  { field: 'newSocialStratum', column: 'newSocialStratum' },
  { field: 'jobPost', column: 'occupation' }, // 工作岗位: leaf or class, see valuesOf
  { field: 'professionalTitle', column: 'professionalTitle' },
  { field: 'isMigrantWorker', column: 'isMigrantWorker', kind: 'bool' },
  { field: 'currentResidence', column: 'currentResidence' },
  { field: 'householdPlace', column: 'householdPlace' },
  { field: 'isLost', column: 'isLost', kind: 'bool' },
  { field: 'isMobile', column: 'isMobile', kind: 'bool' },
  { field: 'joinType', column: 'joinType' },
  { field: 'fullStatus', column: 'fullStatus' },
  { field: 'joinBranch', column: 'joinBranch' },
  { field: 'probationExtensionMonths', column: 'probationExtensionMonths', kind: 'months' },
  { field: 'address', column: 'address' },
];

export interface FieldDifference {
  key: string;
  memberId: string;
  idNumber: string;
  name: string;
  orgName: string;
  field: string;
  label: string;
  /** Both sides in words, as the clerk reads them. */
  archive: string;
  exported: string;
  sheet: string;
  rowNumber: number;
}

export interface OnlyInExport {
  key: string;
  idNumber: string;
  name: string;
  orgName: string;
  sheet: string;
  rowNumber: number;
}

export interface OnlyInArchive {
  key: string;
  memberId: string;
  idNumber: string;
  name: string;
  orgName: string;
}

export interface NationalComparison {
  fileName: string;
  fileDate: string;
  /** People in both, compared field by field. */
  matched: number;
  onlyArchive: OnlyInArchive[];
  onlyExport: OnlyInExport[];
  fields: FieldDifference[];
  /** Rows of the export that could not be read as a member (not compared; the person is not "only in the archive"). */
  unreadable: RowProblem[];
}

interface Planned {
  comparison: NationalComparison;
  patches: Map<string, { memberId: string; patch: Partial<MemberInput> }>;
  additions: Map<string, PlannedRow>;
}

const show = (c: Compared, v: Value): string => {
  if (v === null || v === '') return '(空)';
  if (c.kind === 'bool') return v ? '是' : '否';
  if (c.kind === 'months') return `${v}个月`;
  if (c.list) return labelOf(c.list, String(v));
  return String(v);
};

/**
 * The two sides of one compared field, as comparable values and words; null when they agree. A date the
 * export gives to the month agrees with any day of that month; 学历 and 工作岗位 compare the leaf when the
 * export has one, else the group or class (a stored leaf inside the export's coarse group agrees).
 */
function differenceOf(c: Compared, stored: Member, row: PlannedRow, sheet: SheetInfo): { archive: string; exported: string; patch: Partial<MemberInput> } | null {
  const m = row.member as unknown as Record<string, Value>;
  const s = stored as unknown as Record<string, Value>;
  if (c.field === 'educationLevel') {
    const leaf = m.educationLevel as string | null;
    if (leaf) {
      if (s.educationLevel === leaf) return null;
      return { archive: s.educationLevel ? String(s.educationLevel) : labelOf('education', String(s.education)), exported: leaf, patch: { educationLevel: leaf } };
    }
    if (!m.education || m.education === s.education) return null;
    return {
      archive: s.educationLevel ? String(s.educationLevel) : labelOf('education', String(s.education)), exported: labelOf('education', String(m.education)),
      patch: { education: String(m.education), educationLevel: null },
    };
  }
  if (c.field === 'jobPost') {
    const leaf = m.jobPost as string | null;
    const before = s.jobPost ? String(s.jobPost) : labelOf('occupation', String(s.occupation));
    if (leaf) return s.jobPost === leaf ? null : { archive: before, exported: leaf, patch: { jobPost: leaf } };
    if (!m.occupation || m.occupation === OCCUPATION_NOT_FILLED || m.occupation === s.occupation) return null;
    return { archive: before, exported: labelOf('occupation', String(m.occupation)), patch: { occupation: String(m.occupation), jobPost: null } };
  }
  let after: Value = m[c.field] ?? null;
  const before: Value = s[c.field] ?? null;
  if (after === '') after = null;
  if (c.kind === 'date' && after && before) {
    const col = sheet.columns.find((x) => x.field === c.column);
    const read = col ? readDate(row.cells[col.index] ?? null) : null;
    if (read?.ok && read.precision === 'month' && String(before).slice(0, 7) === String(after).slice(0, 7)) return null;
  }
  if ((before ?? null) === (after ?? null) || (c.kind === 'bool' && !!before === !!after)) return null;
  const patch: Partial<MemberInput> = { [c.field]: after } as Partial<MemberInput>;
  // 人员类别 and 转正日期 change together: a 预备党员 has no 转正日期.
  if (c.field === 'category') patch.fullDate = (m.fullDate as string | null) ?? null;
  return { archive: show(c, before), exported: show(c, after), patch };
}

async function plan(ctx: ServiceContext, src: RosterSource, fileDate: string): Promise<Planned> {
  const existing = await existingIdNumbers(ctx);
  const state: PlanState = { sheets: [], notices: [] };
  const comparison: NationalComparison = { fileName: src.fileName, fileDate, matched: 0, onlyArchive: [], onlyExport: [], fields: [], unreadable: [] };
  const patches: Planned['patches'] = new Map();
  const additions: Planned['additions'] = new Map();
  const seen = new Set<string>();
  const orgNames = new Map((await ctx.archive.query<{ id: string; name: string }>('SELECT id, name FROM organizations')).map((o) => [o.id, o.name]));
  for await (const row of planRoster(ctx, src, { duplicateMode: 'skip' }, existing, state)) {
    if (row.member.idNumber) seen.add(row.member.idNumber);
    if (row.kind === 'error') {
      comparison.unreadable.push(...row.problems);
      continue;
    }
    if (row.kind === 'new') {
      const key = `add:${row.member.idNumber}`;
      comparison.onlyExport.push({ key, idNumber: row.member.idNumber, name: row.member.name, orgName: row.orgName ?? '', sheet: row.sheet, rowNumber: row.rowNumber });
      additions.set(key, row);
      continue;
    }
    comparison.matched++;
    const sheet = state.sheets.find((s) => s.name === row.sheet)!;
    const mapped = new Set(sheet.columns.map((c) => c.field));
    const stored = await getMemberRow(ctx, row.existingId!);
    let categoryDiffers = false;
    for (const c of COMPARED) {
      if (!mapped.has(c.column)) continue;
      if (c.field === 'fullDate' && categoryDiffers) continue; // carried by the 人员类别 difference
      const d = differenceOf(c, stored, row, sheet);
      if (!d) continue;
      if (c.field === 'category') categoryDiffers = true;
      const key = `field:${stored.id}:${c.field}`;
      comparison.fields.push({
        key, memberId: stored.id, idNumber: stored.idNumber, name: stored.name, orgName: orgNames.get(stored.orgId) ?? '', field: c.field,
        label: c.field === 'jobPost' ? '工作岗位' : (FIELD_LABELS[c.field] ?? c.field), archive: d.archive, exported: d.exported, sheet: row.sheet, rowNumber: row.rowNumber,
      });
      patches.set(key, { memberId: stored.id, patch: d.patch });
    }
  }
  const onRoll = await ctx.archive.query<{ id: string; id_number: string; name: string; org_name: string }>(
    `SELECT m.id, m.id_number, m.name, o.name AS org_name FROM members m JOIN organizations o ON o.id = m.org_id
     WHERE m.exit_reason IS NULL ORDER BY o.name, m.pinyin_full`,
  );
  for (const m of onRoll) {
    if (!seen.has(m.id_number)) comparison.onlyArchive.push({ key: `only:${m.id}`, memberId: m.id, idNumber: m.id_number, name: m.name, orgName: m.org_name });
  }
  return { comparison, patches, additions };
}

/** Compare the archive with a national export. Reads only. `fileDate`: the export's date (the file's own). */
export async function compareWithNational(ctx: ServiceContext, src: RosterSource, fileDate: string): Promise<NationalComparison> {
  return (await plan(ctx, src, fileDate)).comparison;
}

export interface AcceptSelection {
  /** Differences by their keys (FieldDifference.key, OnlyInExport.key). */
  keys?: string[];
  /** Every difference of these kinds: a field name (e.g. 'educationLevel'), or 'onlyExport'. */
  kinds?: string[];
}

export interface AcceptResult {
  updated: number;
  added: number;
  source: string;
}

/** The words every accepted change carries in history and audit. */
export const compareSource = (fileName: string, fileDate: string) => `信息比对:${fileName},导出于 ${fileDate}`;

/**
 * Write the chosen differences: each field difference as one update of its member, each member only in
 * the export as a new record, all in one transaction (any refusal: nothing written). The file is compared
 * again here, so what is written is what the file says now, never a value sent by the caller.
 */
export async function acceptDifferences(ctx: ServiceContext, src: RosterSource, fileDate: string, selection: AcceptSelection): Promise<AcceptResult> {
  const keys = new Set(selection.keys ?? []);
  const kinds = new Set(selection.kinds ?? []);
  if (keys.size === 0 && kinds.size === 0) throw new DomainError('bad_input', '请选择要采纳的差异');
  if ([...keys].some((k) => k.startsWith('only:')) || kinds.has('onlyArchive')) {
    throw new DomainError('bad_input', '只在档案中的党员不在这里处理:是否出党、转出,请在党员档案中办理');
  }
  const source = compareSource(src.fileName, fileDate);
  const township = await requireTownship(ctx);
  return ctx.archive.transaction(async () => {
    const { comparison, patches, additions } = await plan(ctx, src, fileDate);
    const known = new Set([...patches.keys(), ...additions.keys()]);
    const stale = [...keys].filter((k) => !known.has(k));
    if (stale.length) throw new DomainError('conflict', `有 ${stale.length} 项差异已不存在(档案或文件已改变),请重新比对`);
    const result: AcceptResult = { updated: 0, added: 0, source };
    const failures: { field: string; message: string }[] = [];
    for (const f of comparison.fields) {
      if (!keys.has(f.key) && !kinds.has(f.field)) continue;
      const { memberId, patch } = patches.get(f.key)!;
      try {
        await updateMember(ctx, memberId, patch, { source });
        result.updated++;
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        failures.push(...err.issues.map((p) => ({ field: f.field, message: `${f.name}(${f.idNumber})的${f.label}:${p.message}` })));
      }
    }
    const resolver = await BranchResolver.load(ctx);
    const created = new Map<string, string>();
    for (const a of comparison.onlyExport) {
      if (!keys.has(a.key) && !kinds.has('onlyExport')) continue;
      const row = additions.get(a.key)!;
      const name = row.orgName ?? '';
      let orgId = resolver.match(name)?.id ?? created.get(name);
      if (!orgId) {
        if (!name) throw new DomainError('bad_input', `第${row.rowNumber}行(${row.member.name})没有所在党支部,无法新增`);
        // As an import does: a branch the archive does not know yet is created under the township 党委.
        orgId = (await createOrg(ctx, { parentId: township.rootOrgId, name, type: 'branch', sector: /社区/.test(name) ? 'community' : /村/.test(name) ? 'rural' : 'other', unitSituation: 'same_as_parent' })).id;
        created.set(name, orgId);
      }
      try {
        await createMember(ctx, { ...(row.member as MemberInput), orgId }, { source });
        result.added++;
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        failures.push(...err.issues.map((p) => ({ field: p.field, message: `${row.member.name}(${row.member.idNumber}):${p.message}` })));
      }
    }
    // Refused as a whole: the clerk sees every refusal at once and nothing is half-accepted.
    if (failures.length) throw new ValidationError(failures, `有 ${failures.length} 项差异不能采纳,均未写入`);
    if (result.updated + result.added === 0) throw new DomainError('bad_input', '所选种类中没有可采纳的差异');
    return result;
  });
}
