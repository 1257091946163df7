// The roster's rows as the archive will store them: options, column mapping by header, branch names
// (from a column, the sheet's name or its title), and each row read and checked, streamed sheet by sheet.
import { todayOf, type ServiceContext } from '../core/context';
import { DomainError } from '../core/errors';
import { labelOf, type CodeListName } from '../core/codes';
import { parseIdNumber } from '../members/idNumber';
import { checkMemberRecord, cleanName, FIELD_LABELS, type MemberInput } from '../members/memberRules';
import { type BulkMemberInput } from '../members/memberBulk';
import { MEMBER_HOLDING_TYPES } from '../organizations/organizations';
import { readRosterRowBatches, type RosterCell, type RosterSource } from './rosterRead';
import { educationGroupOf, occupationClassOf, OCCUPATION_NOT_FILLED } from '../members/nationalCodes';
import { cellDisplay, cellText, fieldForHeader, readCode, readDate, readIdNumber, readLeaf, readMonths, readYesNo, ROSTER_FIELD_LABELS, statusFromRemarks, type RosterField } from './rosterFields';

export type DuplicateMode = 'skip' | 'fillEmpty' | 'overwrite';
export type BranchChoice = { action: 'create'; parentId: string } | { action: 'map'; orgId: string };
/** Mandatory fields a roster may lack as a column: the clerk picks one value for every row. */
export type DefaultField = 'ethnicity' | 'education' | 'occupation';

export interface ImportOptions {
  sheet?: string | null;
  /** Header text → field (or null: ignore the column); applies on every sheet with that header. */
  mapping?: Record<string, RosterField | null>;
  /** Branch name as written in the roster → what to do with it. Unlisted unknown names: create under the township 党委. */
  branchChoices?: Record<string, BranchChoice>;
  duplicateMode?: DuplicateMode;
  defaults?: Partial<Record<DefaultField, string>>;
  /** The branch for rows that name none (no branch column, generic sheet name). */
  defaultOrgId?: string | null;
}

export interface RowProblem {
  sheet: string;
  rowNumber: number;
  name: string;
  field: string;
  label: string;
  value: string;
  message: string;
}

export interface SheetColumn {
  index: number;
  header: string;
  field: RosterField | null;
  auto: boolean; // mapped by its name (not by the clerk)
}

export interface SheetInfo {
  name: string;
  headerRow: number | null; // null: no header found, sheet skipped
  title: string | null;
  branchFromSheet: string | null; // the branch every row of this sheet belongs to, when no column says
  columns: SheetColumn[];
  rows: number;
}

export interface PlannedRow {
  sheet: string;
  rowNumber: number;
  cells: RosterCell[];
  member: Omit<BulkMemberInput, 'orgId'>;
  orgName: string | null;
  problems: RowProblem[];
  existingId: string | null;
  /** new: will be inserted; existing: already in the archive (by ID number); error: will not be written. */
  kind: 'new' | 'existing' | 'error';
}

const HEADER_SCAN_ROWS = 30;
// 工作岗位 has no stand-in: a roster without it leaves every row 未填写, listed by 数据校验 to be filled in.
const DEFAULT_FOR_MISSING: Partial<Record<DefaultField, string>> = { ethnicity: '01' };
const FOOTER = /^(合计|总计|小计|填表人|制表人|制表|审核人|审核|填报人|填报日期|负责人|注[::])/;
const GENERIC_SHEET = /^(sheet\d*|工作表\d*|花名册|党员花名册|党员名册|名册|汇总|总表|全部|数据)$/i;

/** The branch a title or a sheet name names: "中共东村党支部党员花名册(2024年)" → "中共东村党支部". */
export function branchFromTitle(text: string): string | null {
  const t = text
    .replace(/[\s\u3000]+/g, '')
    .replace(/[((]?\d{4}年?[^))]*[))]?$/, '')
    .replace(/(党员)?(花名册|名册|名单|信息表|统计表|登记表)$/, '')
    .replace(/^\d{4}年(度)?/, '');
  if (!t || GENERIC_SHEET.test(t)) return null;
  return t;
}

/** Compare branch names the way clerks write them: 中共东村党支部, 东村党支部, 东村支部 → 东村. */
export function branchKey(name: string): string {
  return name
    .replace(/[\s\u3000]+/g, '')
    .replace(/^中共/, '')
    .replace(/(党支部委员会|支部委员会|联合党支部|党支部|支部)$/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

interface OrgRef {
  id: string;
  name: string;
  shortName: string | null;
  type: string;
  status: string;
}

export class BranchResolver {
  private readonly byName = new Map<string, OrgRef>();
  private readonly byKey = new Map<string, OrgRef[]>();
  constructor(orgs: OrgRef[]) {
    for (const o of orgs) {
      if (!MEMBER_HOLDING_TYPES.has(o.type) || o.status !== 'active') continue;
      this.byName.set(o.name, o);
      if (o.shortName) this.byName.set(o.shortName, o);
      for (const k of new Set([branchKey(o.name), o.shortName ? branchKey(o.shortName) : ''])) {
        if (!k) continue;
        const list = this.byKey.get(k) ?? [];
        list.push(o);
        this.byKey.set(k, list);
      }
    }
  }
  static async load(ctx: ServiceContext): Promise<BranchResolver> {
    return new BranchResolver(await ctx.archive.query<OrgRef>('SELECT id, name, short_name AS shortName, type, status FROM organizations'));
  }
  /** The active branch this name means, when exactly one fits. */
  match(name: string): OrgRef | null {
    const exact = this.byName.get(name.trim());
    if (exact) return exact;
    const list = this.byKey.get(branchKey(name));
    return list?.length === 1 ? list[0] : null;
  }
}

/** Map a sheet's header row: the clerk's corrections first, then names and synonyms. */
function mapColumns(cells: RosterCell[], mapping: ImportOptions['mapping']): SheetColumn[] {
  const columns: SheetColumn[] = [];
  const taken = new Set<RosterField>();
  cells.forEach((cell, index) => {
    const header = cellText(cell).replace(/[\r\n]+/g, '');
    if (!header) return;
    let field: RosterField | null;
    let auto = true;
    if (mapping && Object.prototype.hasOwnProperty.call(mapping, header)) {
      field = mapping[header];
      auto = false;
    } else field = fieldForHeader(header);
    if (field && taken.has(field) && auto) field = null; // the first column of a field wins
    if (field) taken.add(field);
    columns.push({ index, header, field, auto });
  });
  return columns;
}

function looksLikeHeader(columns: SheetColumn[]): boolean {
  const fields = new Set(columns.map((c) => c.field).filter(Boolean));
  return fields.size >= 3 && (fields.has('name') || fields.has('idNumber'));
}

export const CODE_FIELDS: Partial<Record<RosterField, CodeListName>> = {
  gender: 'gender', ethnicity: 'ethnicity', education: 'education', occupation: 'occupation', category: 'memberCategory',
  degree: 'degree', lostReason: 'lostReason', exitReason: 'exitReason',
  newSocialStratum: 'newSocialStratum', joinType: 'joinType', fullStatus: 'fullStatus',
};

const fieldColumns = new WeakMap<SheetColumn[], Map<RosterField, SheetColumn>>();
/** The sheet's column of each field (the first one), built once per sheet rather than once per row. */
function columnsByField(sheet: SheetInfo): Map<RosterField, SheetColumn> {
  let col = fieldColumns.get(sheet.columns);
  if (!col) {
    col = new Map();
    for (const c of sheet.columns) if (c.field && !col.has(c.field)) col.set(c.field, c);
    fieldColumns.set(sheet.columns, col);
  }
  return col;
}

/**
 * One row being read. The helpers below take it rather than being closures made afresh for every row
 * (measured: creating them, 150,000 times over, was a tenth of the reading time).
 */
interface RowRead {
  sheet: SheetInfo;
  rowNumber: number;
  cells: RosterCell[];
  col: Map<RosterField, SheetColumn>;
  name: string;
  problems: RowProblem[];
  cache: ReadCache;
}

/**
 * Dates and codes read once per distinct value, not once per row: a roster writes the same few genders,
 * ethnicities, education levels and (mostly to the month) dates over and over, and reading one is a
 * chain of regular expressions, list scans and Date objects. Kept for one pass over the file; the reads
 * are pure, so a cached one is the same as a fresh one (and is never changed by its users).
 */
export class ReadCache {
  private dates = new Map<string | number, ReturnType<typeof readDate>>();
  private codes = new Map<CodeListName, Map<string, ReturnType<typeof readCode>>>();
  date(cell: RosterCell): ReturnType<typeof readDate> {
    if (cell === null || typeof cell === 'object') return readDate(cell);
    let d = this.dates.get(cell);
    if (d === undefined) {
      if (this.dates.size >= MAX_CACHED) this.dates.clear(); // a file of all-different dates: no unbounded growth
      this.dates.set(cell, (d = readDate(cell)));
    }
    return d;
  }
  code(list: CodeListName, cell: RosterCell): ReturnType<typeof readCode> {
    const text = cellText(cell);
    if (!text) return null;
    let byText = this.codes.get(list);
    if (!byText) this.codes.set(list, (byText = new Map()));
    let c = byText.get(text);
    if (c === undefined) {
      if (byText.size >= MAX_CACHED) byText.clear();
      byText.set(text, (c = readCode(list, text)));
    }
    return c;
  }
}
const MAX_CACHED = 100_000;

function cellOf(r: RowRead, f: RosterField): RosterCell {
  const c = r.col.get(f);
  return c ? (r.cells[c.index] ?? null) : null;
}

function addProblem(r: RowRead, field: string, message: string, value?: string): void {
  const c = r.col.get(field as RosterField);
  r.problems.push({
    sheet: r.sheet.name, rowNumber: r.rowNumber, name: r.name, field, label: c?.header ?? FIELD_LABELS[field] ?? field,
    value: value ?? (c ? cellDisplay(r.cells[c.index] ?? null) : ''), message,
  });
}

function codeOf(r: RowRead, f: RosterField): string | null {
  const c = r.cache.code(CODE_FIELDS[f]!, cellOf(r, f));
  if (c && !c.ok) {
    addProblem(r, f, `${FIELD_LABELS[f] ?? f}:${c.message}`);
    return '';
  }
  return c?.ok ? c.code : null;
}

type DateRead = { readonly date: string | null; readonly precision: 'day' | 'month' | null };
const NO_DATE: DateRead = { date: null, precision: null };
const INVALID_DATE: DateRead = { date: 'invalid', precision: null };

function dateRead(r: RowRead, f: RosterField): DateRead {
  const d = r.cache.date(cellOf(r, f));
  if (d && !d.ok) {
    addProblem(r, f, `${FIELD_LABELS[f] ?? f}${d.message}`);
    return INVALID_DATE;
  }
  return d?.ok ? d : NO_DATE;
}

const validDate = (d: DateRead) => (d.date === 'invalid' ? null : d.date);

function defaultedCode(r: RowRead, f: DefaultField, defaults: Partial<Record<DefaultField, string>>): string {
  return r.col.has(f) ? (codeOf(r, f) ?? '') : (defaults[f] ?? '');
}

function textOf(r: RowRead, f: RosterField): string | null {
  return cellText(cellOf(r, f)) || null;
}

function monthsOf(r: RowRead, f: RosterField): number | null {
  const m = readMonths(cellOf(r, f));
  if (m && !m.ok) {
    addProblem(r, f, `${FIELD_LABELS[f] ?? f}:${m.message}`);
    return null;
  }
  return m?.ok ? m.months : null;
}

/**
 * 学历 as the national system's leaf (its statistics group follows), else a coarse value as offices have
 * always written it (leaf null: refined later, never guessed).
 */
function educationOf(r: RowRead, defaults: Partial<Record<DefaultField, string>>): { education: string; educationLevel: string | null } {
  const leaf = r.col.has('education') ? readLeaf('educationLevel', cellOf(r, 'education')) : null;
  if (leaf) return { education: educationGroupOf(leaf)!, educationLevel: leaf };
  return { education: defaultedCode(r, 'education', defaults), educationLevel: null };
}

/** 工作岗位 likewise: a leaf (its bulletin class follows), else a coarse class; nothing said → 未填写. */
function occupationOf(r: RowRead, defaults: Partial<Record<DefaultField, string>>): { occupation: string; jobPost: string | null } {
  if (!r.col.has('occupation')) return { occupation: defaults.occupation ?? OCCUPATION_NOT_FILLED, jobPost: null };
  const cell = cellOf(r, 'occupation');
  const leaf = readLeaf('jobPost', cell);
  if (leaf) return { occupation: occupationClassOf(leaf)!, jobPost: leaf };
  return { occupation: codeOf(r, 'occupation') ?? OCCUPATION_NOT_FILLED, jobPost: null };
}

/** Read one data row into a member as it will be stored, with every problem of the row. */
export function readMemberRow(
  sheet: SheetInfo,
  rowNumber: number,
  cells: RosterCell[],
  options: { today: string; defaults: Partial<Record<DefaultField, string>>; cache?: ReadCache },
): { member: Omit<BulkMemberInput, 'orgId'>; orgCell: string; problems: RowProblem[] } {
  const col = columnsByField(sheet);
  const problems: RowProblem[] = [];
  const r: RowRead = { sheet, rowNumber, cells, col, name: '', problems, cache: options.cache ?? new ReadCache() };
  const name = cleanName(cellText(cellOf(r, 'name')));
  r.name = name;

  const idRead = readIdNumber(cellOf(r, 'idNumber'));
  if (idRead && !idRead.ok) addProblem(r, 'idNumber', idRead.message);
  const idText = idRead?.ok ? idRead.text : '';
  const parsedId = idText ? parseIdNumber(idText) : null;
  const idInfo = parsedId?.ok ? parsedId.info : null;

  // In the order the fields were always read, so problems are listed in the same order.
  const dates = {
    birthDate: dateRead(r, 'birthDate'), joinDate: dateRead(r, 'joinDate'), fullDate: dateRead(r, 'fullDate'),
    lostDate: dateRead(r, 'lostDate'), workStartDate: dateRead(r, 'workStartDate'), exitDate: dateRead(r, 'exitDate'),
  };

  // Gender and birth date may be left out: the ID number holds both. A year-and-month birth date
  // takes its day from the ID number when the month agrees.
  let gender = codeOf(r, 'gender');
  if (gender === null && idInfo) gender = idInfo.gender;
  let birthDate = validDate(dates.birthDate);
  if (idInfo && (birthDate === null && dates.birthDate.date === null)) birthDate = idInfo.birthDate;
  else if (idInfo && birthDate && dates.birthDate.precision === 'month' && idInfo.birthDate.slice(0, 7) === birthDate.slice(0, 7)) birthDate = idInfo.birthDate;

  const remarks = cellText(cellOf(r, 'remarks'));
  const fromRemarks = statusFromRemarks(remarks);
  let category = col.has('category') ? codeOf(r, 'category') : null;
  if (category === null) category = fromRemarks.probationary ? 'probationary' : 'formal';
  const isMobile = col.has('isMobile') ? (readYesNo(cellOf(r, 'isMobile')) ?? false) : fromRemarks.mobile;
  const isLost = readYesNo(cellOf(r, 'isLost')) ?? false;

  const { education, educationLevel } = educationOf(r, options.defaults);
  const { occupation, jobPost } = occupationOf(r, options.defaults);
  // 失去联系日期 to the month (the national form's precision) is kept as the month, not as a made-up day.
  const lost = isLost ? validDate(dates.lostDate) : null;
  const lostToMonth = lost !== null && dates.lostDate.precision === 'month';

  const member: Omit<BulkMemberInput, 'orgId'> = {
    name,
    gender: gender ?? '',
    idNumber: idInfo?.idNumber ?? idText,
    ethnicity: defaultedCode(r, 'ethnicity', options.defaults),
    birthDate: birthDate ?? '',
    education,
    educationLevel,
    category,
    joinDate: validDate(dates.joinDate) ?? '',
    fullDate: validDate(dates.fullDate),
    occupation,
    jobPost,
    isMobile,
    isLost,
    lostReason: isLost ? codeOf(r, 'lostReason') : null,
    lostDate: lostToMonth ? null : lost,
    lostMonth: lostToMonth ? lost!.slice(0, 7) : null,
    newSocialStratum: codeOf(r, 'newSocialStratum'),
    joinType: codeOf(r, 'joinType'),
    fullStatus: codeOf(r, 'fullStatus'),
    isMigrantWorker: readYesNo(cellOf(r, 'isMigrantWorker')) ?? false,
    partyAgeAdjustMonths: monthsOf(r, 'partyAgeAdjustMonths'),
    probationExtensionMonths: monthsOf(r, 'probationExtensionMonths'),
    professionalTitle: textOf(r, 'professionalTitle'), currentResidence: textOf(r, 'currentResidence'), joinBranch: textOf(r, 'joinBranch'),
    mobileProvince: textOf(r, 'mobileProvince'), mobileCity: textOf(r, 'mobileCity'), mobileCounty: textOf(r, 'mobileCounty'),
    degree: codeOf(r, 'degree'),
    workStartDate: validDate(dates.workStartDate),
    exitReason: codeOf(r, 'exitReason'),
    exitDate: validDate(dates.exitDate),
    jobTitle: textOf(r, 'jobTitle'), phone: textOf(r, 'phone'), address: textOf(r, 'address'), nativePlace: textOf(r, 'nativePlace'),
    workUnit: textOf(r, 'workUnit'), householdPlace: textOf(r, 'householdPlace'), remarks: textOf(r, 'remarks'), exitNote: textOf(r, 'exitNote'),
  };
  if (member.phone) member.phone = member.phone.replace(/[\s\u3000]/g, '');
  if (!col.has('education') && !options.defaults.education) addProblem(r, 'education', '表中没有“学历”列:请在对应关系中指定该列,或为所有行选择一个学历', '');
  if (member.exitReason && !member.exitDate) addProblem(r, 'exitDate', '有出党方式时须填写出党日期');
  if (!member.exitReason && member.exitDate) addProblem(r, 'exitReason', '有出党日期时须填写出党方式');
  if (member.exitReason && member.exitDate && member.joinDate && member.exitDate < member.joinDate) addProblem(r, 'exitDate', '出党日期不能早于入党日期');
  if (member.exitDate && member.exitDate > options.today) addProblem(r, 'exitDate', '出党日期不能晚于今天');

  const already = new Set<string>();
  for (const p of problems) already.add(p.field);
  // The member itself, not a copy completed with a stand-in branch (copying a 26-field object with one
  // field more cost ≈3 µs a row): the branch is resolved later, so its "missing" problem is skipped.
  // The ID number as stored parses as idText did (normalizing twice changes nothing).
  for (const p of checkMemberRecord(member as MemberInput, options.today, parsedId ?? undefined)) {
    if (p.field === 'orgId' || already.has(p.field)) continue;
    // A missing field that a column-less default would fill is reported once, above.
    if (p.field === 'education' && !col.has('education') && !options.defaults.education) continue;
    // Gender and birth date come from the ID number when the roster has no column for them: an
    // unreadable ID number is the one problem to report then.
    if ((p.field === 'gender' || p.field === 'birthDate') && !col.has(p.field) && already.has('idNumber')) continue;
    addProblem(r, p.field, p.message);
    already.add(p.field);
  }
  return { member, orgCell: cellText(cellOf(r, 'orgName')), problems };
}

/** A header repeated on every printed page: each mapped column empty or holding a header of its field. */
function repeatsHeader(columns: SheetColumn[], cells: RosterCell[]): boolean {
  for (const c of columns) {
    if (!c.field) continue;
    const t = cellText(cells[c.index] ?? null);
    if (t && fieldForHeader(t) !== c.field) return false;
  }
  return true;
}

export interface PlanState {
  sheets: SheetInfo[];
  notices: string[];
}

/**
 * Every data row of the roster, read and checked, in file order. `existing` maps the archive's ID
 * numbers to member ids; within the file, the first valid row of an ID number wins.
 */
export async function* planRoster(
  ctx: ServiceContext,
  src: RosterSource,
  options: ImportOptions,
  existing: Map<string, string>,
  state: PlanState,
): AsyncGenerator<PlannedRow> {
  for await (const batch of planRosterBatches(ctx, src, options, existing, state)) yield* batch;
}

/** The same rows in batches (never empty), one await per batch rather than per row. */
export async function* planRosterBatches(
  ctx: ServiceContext,
  src: RosterSource,
  options: ImportOptions,
  existing: Map<string, string>,
  state: PlanState,
): AsyncGenerator<PlannedRow[]> {
  const today = todayOf(ctx);
  const seenInFile = new Map<string, { sheet: string; rowNumber: number }>();
  const defaultsUsed = new Set<string>();
  let current: SheetInfo | null = null;
  let pending: { rowNumber: number; cells: RosterCell[] }[] = [];
  let lastBranch: string | null = null;
  let branchCol: SheetColumn | undefined;
  const defaults = { ...options.defaults };
  const cache = new ReadCache();

  const startSheet = (name: string): SheetInfo => {
    const info: SheetInfo = { name, headerRow: null, title: null, branchFromSheet: null, columns: [], rows: 0 };
    state.sheets.push(info);
    pending = [];
    lastBranch = null;
    return info;
  };
  const finishUnheaded = (info: SheetInfo) => {
    if (info.headerRow === null && pending.some((p) => p.cells.some((c) => cellText(c)))) {
      state.notices.push(`工作表“${info.name}”中没有找到表头(至少要有“姓名”或“身份证号”和另外两列),已跳过`);
    }
  };

  function dataRow(info: SheetInfo, rowNumber: number, cells: RosterCell[]): PlannedRow | null {
    // The first filled cells only (three tell a data row from a footer), not a list of every cell's text.
    let filled = 0;
    let first = '';
    for (let i = 0; i < cells.length && filled <= 2; i++) {
      const t = cellText(cells[i] ?? null);
      if (t && filled++ === 0) first = t;
    }
    if (filled === 0) return null; // blank rows in the middle
    if (filled <= 2 && FOOTER.test(first)) return null; // 合计, 填表人 …
    if (repeatsHeader(info.columns, cells)) return null;
    info.rows++;
    const { member, orgCell, problems } = readMemberRow(info, rowNumber, cells, { today, defaults, cache });
    // Branch names in merged cells: the value sits in the first row of the block; the rows below are empty.
    let orgName: string | null = null;
    if (branchCol) {
      if (orgCell) lastBranch = orgCell.replace(/[\s\u3000]+/g, '');
      orgName = lastBranch;
    }
    orgName ??= info.branchFromSheet;
    if (!orgName && !options.defaultOrgId) {
      problems.push({ sheet: info.name, rowNumber, name: member.name, field: 'orgId', label: branchCol?.header ?? '所在党支部', value: '', message: '未能确定所在党支部:表中没有支部列,工作表名也不是支部名;请选择导入到哪个党支部' });
    }
    let existingId: string | null = null;
    if (problems.length === 0) {
      const prior = seenInFile.get(member.idNumber);
      if (prior) {
        problems.push({
          sheet: info.name, rowNumber, name: member.name, field: 'idNumber', label: info.columns.find((c) => c.field === 'idNumber')?.header ?? '公民身份号码',
          value: member.idNumber, message: `公民身份号码与${prior.sheet === info.name ? '' : `工作表“${prior.sheet}”`}第${prior.rowNumber}行重复`,
        });
      } else {
        seenInFile.set(member.idNumber, { sheet: info.name, rowNumber });
        existingId = existing.get(member.idNumber) ?? null;
      }
    }
    return { sheet: info.name, rowNumber, cells, member, orgName, problems, existingId, kind: problems.length ? 'error' : existingId ? 'existing' : 'new' };
  }

  function setHeader(info: SheetInfo, headerRow: number, columns: SheetColumn[], before: { rowNumber: number; cells: RosterCell[] }[]) {
    info.headerRow = headerRow;
    info.columns = columns;
    const titleRow = before.find((p) => p.cells.some((c) => cellText(c)));
    info.title = titleRow ? cellText(titleRow.cells.find((c) => cellText(c)) ?? null) : null;
    branchCol = columns.find((c) => c.field === 'orgName');
    // A sheet named after its branch ("东村", "东村党支部"), else a title naming one ("中共东村党支部党员花名册";
    // a title naming the township, "东城镇党员花名册", names no branch).
    const fromTitle = info.title ? branchFromTitle(info.title) : null;
    info.branchFromSheet = branchFromTitle(info.name) ?? (fromTitle && /支部|支委/.test(fromTitle) ? fromTitle : null);
    if (!columns.some((c) => c.field === 'ethnicity') && !defaults.ethnicity) defaults.ethnicity = DEFAULT_FOR_MISSING.ethnicity;
    if (!columns.some((c) => c.field === 'ethnicity') && !defaultsUsed.has('ethnicity')) {
      defaultsUsed.add('ethnicity');
      state.notices.push(`工作表“${info.name}”没有“${ROSTER_FIELD_LABELS.ethnicity}”列:全部记为“${labelOf('ethnicity', defaults.ethnicity!)}”(可在导入选项中更改)`);
    }
    if (!columns.some((c) => c.field === 'occupation') && !defaultsUsed.has('occupation')) {
      defaultsUsed.add('occupation');
      state.notices.push(
        defaults.occupation
          ? `工作表“${info.name}”没有“工作岗位”列:全部记为“${labelOf('occupation', defaults.occupation)}”(按导入选项)`
          : `工作表“${info.name}”没有“工作岗位”(职业)列:工作岗位记为“未填写”,导入后在“数据校验”中逐人列出,请补填`,
      );
    }
  }

  for await (const rows of readRosterRowBatches(src, { sheet: options.sheet ?? undefined })) {
    const out: PlannedRow[] = [];
    for (const row of rows) {
      if (!current || current.name !== row.sheet) {
        if (current) finishUnheaded(current);
        current = startSheet(row.sheet);
      }
      if (current.headerRow === null) {
        const columns = mapColumns(row.cells, options.mapping);
        if (looksLikeHeader(columns)) {
          setHeader(current, row.rowNumber, columns, pending);
          pending = [];
        } else if (pending.length < HEADER_SCAN_ROWS) pending.push({ rowNumber: row.rowNumber, cells: row.cells });
        continue;
      }
      const planned = dataRow(current, row.rowNumber, row.cells);
      if (planned) out.push(planned);
    }
    if (out.length) yield out;
  }
  if (current) finishUnheaded(current);
  if (state.sheets.length === 0) throw new DomainError('bad_input', `文件“${src.fileName}”中没有可读的工作表${options.sheet ? `“${options.sheet}”` : ''}`);
}

/** The archive's ID numbers → member ids (one read; 150,000 entries are a few MB). */
export async function existingIdNumbers(ctx: ServiceContext): Promise<Map<string, string>> {
  const rows = await ctx.archive.query<{ id: string; id_number: string }>('SELECT id, id_number FROM members');
  return new Map(rows.map((r) => [r.id_number, r.id]));
}
