// 党内统计: the shapes of the figures and the fixed bands they are counted in (age, 入党时间). Pure data and
// pure functions, no SQL: statistics.ts reads the archive, these fold what it read into tables.
import { CODE_LISTS, type CodeListName } from '../core/codes';

/** One line of a table: a code (stable, for links and tests), its labels, and the count. */
export interface StatRow {
  code: string;
  label: string;
  labelEn: string;
  count: number;
  /** A “其中” line (a part of lines above it, e.g. 少数民族, 大专及以上): not added into the total. */
  ofWhich?: boolean;
}

export type StatGroup = 'members' | 'organizations' | 'year';

export interface StatTable {
  id: StatTableId;
  group: StatGroup;
  title: string;
  titleEn: string;
  /** What is counted: 人 (members) or 个 (organizations). */
  unit: 'person' | 'org';
  rows: StatRow[];
  /** Sum of the rows that are not “其中” lines. */
  total: number;
  /** False while the records this table is counted from do not exist yet (it then shows 0 and the note). */
  available: boolean;
  note?: string;
  noteEn?: string;
}

export const STAT_TABLE_IDS = [
  'gender',
  'ethnicity',
  'age',
  'education',
  'occupation',
  'joinPeriod',
  'category',
  'orgType',
  'orgSector',
  'developedGender',
  'developedAge',
  'developedEducation',
  'developedOccupation',
  'madeFull',
  'exits',
  'transfers',
  'mobileLost',
  'appraisal',
] as const;
export type StatTableId = (typeof STAT_TABLE_IDS)[number];

export const TABLE_TITLES: Record<StatTableId, [zh: string, en: string, group: StatGroup, unit: 'person' | 'org']> = {
  gender: ['党员按性别', 'Members by gender', 'members', 'person'],
  ethnicity: ['党员按民族', 'Members by ethnicity', 'members', 'person'],
  age: ['党员按年龄', 'Members by age', 'members', 'person'],
  education: ['党员按学历', 'Members by education', 'members', 'person'],
  occupation: ['党员按职业', 'Members by occupation', 'members', 'person'],
  joinPeriod: ['党员按入党时间', 'Members by admission period', 'members', 'person'],
  category: ['正式党员和预备党员', 'Full and probationary members', 'members', 'person'],
  orgType: ['党组织按类型', 'Organizations by type', 'organizations', 'org'],
  orgSector: ['党组织按组织类别', 'Organizations by sector', 'organizations', 'org'],
  developedGender: ['本年发展党员按性别', 'Admitted this year, by gender', 'year', 'person'],
  developedAge: ['本年发展党员按年龄', 'Admitted this year, by age', 'year', 'person'],
  developedEducation: ['本年发展党员按学历', 'Admitted this year, by education', 'year', 'person'],
  developedOccupation: ['本年发展党员按职业', 'Admitted this year, by occupation', 'year', 'person'],
  madeFull: ['本年预备党员转正', 'Made full members this year', 'year', 'person'],
  exits: ['本年减少党员(出党)按方式', 'Left this year, by kind', 'year', 'person'],
  transfers: ['本年组织关系转入转出', 'Transfers in and out this year', 'year', 'person'],
  mobileLost: ['流动党员和失联党员', 'Mobile and lost members', 'members', 'person'],
  appraisal: ['本年民主评议结果', 'Annual appraisal grades this year', 'year', 'person'],
};

export const NO_DATA_NOTE = '尚无数据:相应的登记功能尚未启用';
export const NO_DATA_NOTE_EN = 'No data yet: the records this is counted from are not kept yet';

/** Age bands of the 年报 (annualReport/bands.ts ROLL_AGE_BANDS), as of the report date: ≤30, 31–35, …, 66–70, ≥71. */
export const AGE_BANDS: { code: string; zh: string; en: string; max: number }[] = [
  { code: 'a30', zh: '30岁及以下', en: '30 and under', max: 30 },
  { code: 'a35', zh: '31—35岁', en: '31–35', max: 35 },
  { code: 'a40', zh: '36—40岁', en: '36–40', max: 40 },
  { code: 'a45', zh: '41—45岁', en: '41–45', max: 45 },
  { code: 'a50', zh: '46—50岁', en: '46–50', max: 50 },
  { code: 'a55', zh: '51—55岁', en: '51–55', max: 55 },
  { code: 'a60', zh: '56—60岁', en: '56–60', max: 60 },
  { code: 'a65', zh: '61—65岁', en: '61–65', max: 65 },
  { code: 'a70', zh: '66—70岁', en: '66–70', max: 70 },
  { code: 'a71', zh: '71岁及以上', en: '71 and over', max: Infinity },
];

/** 入党时间 periods: each ends (exclusive) on the day the next begins. */
export const JOIN_PERIODS: { code: string; zh: string; en: string; before: string | null }[] = [
  { code: 'p1949', zh: '新中国成立前', en: 'Before 1 Oct 1949', before: '1949-10-01' },
  { code: 'p1978', zh: '新中国成立后至党的十一届三中全会前', en: '1949 to the Third Plenum (18 Dec 1978)', before: '1978-12-18' },
  { code: 'p2012', zh: '党的十一届三中全会后至党的十八大前', en: 'Third Plenum to the 18th Congress (8 Nov 2012)', before: '2012-11-08' },
  { code: 'p2012on', zh: '党的十八大以来', en: 'Since the 18th Congress', before: null },
];

/** 学历 codes counted as 大专及以上 (研究生, 大学本科, 大学专科). */
export const COLLEGE_EDUCATION = new Set(['10', '20', '30']);
export const HAN = '01';

export const APPRAISAL_GRADES: { code: string; zh: string; en: string }[] = [
  { code: 'excellent', zh: '优秀', en: 'Excellent' },
  { code: 'qualified', zh: '合格', en: 'Qualified' },
  { code: 'basic', zh: '基本合格', en: 'Basically qualified' },
  { code: 'unqualified', zh: '不合格', en: 'Unqualified' },
];

/** `date` moved by whole years, as text (29 Feb stays 29 Feb: as a bound it still compares correctly). */
export function shiftYearsText(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
}

/**
 * SQL: the age band code of a birth date column on `asOf` (a validated YYYY-MM-DD). Aged ≤ n on D means
 * born after D minus (n + 1) years, so each band is one text comparison (no date arithmetic per row).
 */
export function ageBandSql(birthColumn: string, asOf: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`bad date ${asOf}`);
  return `CASE ${AGE_BANDS.filter((b) => b.max !== Infinity).map((b) => `WHEN ${birthColumn} > '${shiftYearsText(asOf, -(b.max + 1))}' THEN '${b.code}'`).join(' ')} ELSE 'a71' END`;
}

/** Age in whole years on `date` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, date: string): number {
  return Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (date.slice(5) < birthDate.slice(5) ? 1 : 0);
}

export function ageBandOf(age: number): string {
  return AGE_BANDS.find((b) => age <= b.max)!.code;
}

export function joinPeriodOf(joinDate: string): string {
  return JOIN_PERIODS.find((p) => p.before === null || joinDate < p.before)!.code;
}

export function joinPeriodSql(joinColumn: string): string {
  return `CASE ${JOIN_PERIODS.filter((p) => p.before).map((p) => `WHEN ${joinColumn} < '${p.before}' THEN '${p.code}'`).join(' ')} ELSE 'p2012on' END`;
}

export function makeTable(id: StatTableId, rows: StatRow[], unavailable = false): StatTable {
  const [title, titleEn, group, unit] = TABLE_TITLES[id];
  const total = rows.filter((r) => !r.ofWhich).reduce((s, r) => s + r.count, 0);
  return {
    id,
    group,
    title,
    titleEn,
    unit,
    rows,
    total,
    available: !unavailable,
    ...(unavailable ? { note: NO_DATA_NOTE, noteEn: NO_DATA_NOTE_EN } : {}),
  };
}

/** Rows for every code of a list, in the list's order, with the counts found (0 where none). */
export function codeRows(list: CodeListName, counts: Map<string, number>): StatRow[] {
  const known = new Set(CODE_LISTS[list].map((e) => e.code));
  const rows: StatRow[] = CODE_LISTS[list].map((e) => ({ code: e.code, label: e.zh, labelEn: e.en, count: counts.get(e.code) ?? 0 }));
  // A code outside the list (an old import) is still counted, never hidden.
  for (const [code, count] of counts) if (!known.has(code)) rows.push({ code, label: `未知代码 ${code}`, labelEn: `Unknown code ${code}`, count });
  return rows;
}

export function bandRows(bands: { code: string; zh: string; en: string }[], counts: Map<string, number>): StatRow[] {
  return bands.map((b) => ({ code: b.code, label: b.zh, labelEn: b.en, count: counts.get(b.code) ?? 0 }));
}

export function addTo(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}
