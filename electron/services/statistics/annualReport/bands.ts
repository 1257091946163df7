// The fixed bands the 年报's columns count in: ages, 入党时间 periods, 学历 groups, and the 职业 rows shared
// by 党员基本情况, 入党时间, 学历 and 发展党员.
import type { Attrs, ColumnSpec, RowSpec } from './tableModel';

export interface Band {
  key: string;
  name: string;
  /** Inclusive bounds (years, or dates as text); null: open. */
  min: number | null;
  max: number | null;
}

function ages(spec: [string, number | null, number | null][]): Band[] {
  return spec.map(([name, min, max]) => ({ key: `a${min ?? 0}_${max ?? 'up'}`, name, min, max }));
}

/** 党员基本情况: 30岁及以下 … 71岁及以上. */
export const ROLL_AGE_BANDS = ages([
  ['30岁及以下', null, 30], ['31—35岁', 31, 35], ['36—40岁', 36, 40], ['41—45岁', 41, 45], ['46—50岁', 46, 50],
  ['51—55岁', 51, 55], ['56—60岁', 56, 60], ['61—65岁', 61, 65], ['66—70岁', 66, 70], ['71岁及以上', 71, null],
]);
/** 发展党员: age on the day of admission. */
export const ADMISSION_AGE_BANDS = ages([['25岁及以下', null, 25], ['26—30岁', 26, 30], ['31—35岁', 31, 35], ['36—40岁', 36, 40], ['41—59岁', 41, 59], ['60岁及以上', 60, null]]);
/** 出党: age on the day of the decision. */
export const EXIT_AGE_BANDS = ages([['35岁及以下', null, 35], ['36—54岁', 36, 54], ['55—59岁', 55, 59], ['60岁及以上', 60, null]]);
export const LOST_AGE_BANDS = ages([['35岁及以下', null, 35], ['36—45岁', 36, 45], ['46—60岁', 46, 60], ['61岁及以上', 61, null]]);
/** 党龄 in whole years on D. */
export const PARTY_YEARS_BANDS: Band[] = [
  { key: 'y0', name: '不满1年', min: null, max: 0 }, { key: 'y1', name: '1—5年', min: 1, max: 5 }, { key: 'y6', name: '6—10年', min: 6, max: 10 },
  { key: 'y11', name: '11—20年', min: 11, max: 20 }, { key: 'y21', name: '21年及以上', min: 21, max: null },
];
/** 失联时间 in whole months on D. */
export const LOST_TIME_BANDS: Band[] = [
  { key: 'l0', name: '不满6个月', min: null, max: 5 }, { key: 'l6', name: '6个月—1年', min: 6, max: 12 }, { key: 'l13', name: '1—5年', min: 13, max: 60 },
  { key: 'l61', name: '6—10年', min: 61, max: 120 }, { key: 'l121', name: '11年及以上', min: 121, max: null },
];

/** 入党时间: each period by its first and last day. */
export const JOIN_PERIODS: { key: string; name: string; from: string | null; to: string | null }[] = [
  { key: 'p1937', name: '1937年7月6日及以前', from: null, to: '1937-07-06' },
  { key: 'p1945', name: '1937年7月7日—1945年9月2日', from: '1937-07-07', to: '1945-09-02' },
  { key: 'p1949', name: '1945年9月3日—1949年9月', from: '1945-09-03', to: '1949-09-30' },
  { key: 'p1966', name: '1949年10月—1966年4月', from: '1949-10-01', to: '1966-04-30' },
  { key: 'p1976', name: '1966年5月—1976年10月', from: '1966-05-01', to: '1976-10-31' },
  { key: 'p1978', name: '1976年11月—1978年12月', from: '1976-11-01', to: '1978-12-31' },
  { key: 'p2002', name: '1979年1月—2002年10月', from: '1979-01-01', to: '2002-10-31' },
  { key: 'p2012', name: '2002年11月—2012年10月', from: '2002-11-01', to: '2012-10-31' },
  { key: 'p2012on', name: '2012年11月及以后', from: '2012-11-01', to: null },
];

/** 学历 groups (codes.education). */
export const EDUCATION_GROUPS: { key: string; name: string }[] = [
  { key: '10', name: '研究生' }, { key: '20', name: '大学本科' }, { key: '30', name: '大学专科' },
  { key: '40', name: '中专' }, { key: '50', name: '高中、中技' }, { key: '60', name: '初中及以下' },
];

export function inBand(v: number | null | undefined, b: Band): boolean {
  if (v === null || v === undefined) return false;
  return (b.min === null || v >= b.min) && (b.max === null || v <= b.max);
}

/** Columns for a set of bands under one head, partitioning `whole`. */
export function bandColumns(head: string, bands: Band[], attr: string, whole = 'total'): ColumnSpec[] {
  return bands.map((b) => ({ key: `${attr}_${b.key}`, heads: [head, b.name], partOf: whole, partition: attr, test: (a: Attrs) => inBand(a[attr] as number | null, b) }));
}

/** Columns for bands whose index the SQL worked out already (bandIndexSql). */
export function bandIndexColumns(head: string, bands: Band[], attr: string, whole = 'total'): ColumnSpec[] {
  return bands.map((b, i) => ({ key: `${attr}_${b.key}`, heads: [head, b.name], partOf: whole, partition: attr, test: (a: Attrs) => Number(a[attr]) === i && a[attr] !== null }));
}

export function educationColumns(head: string | null, whole = 'total'): ColumnSpec[] {
  return EDUCATION_GROUPS.map((g) => ({ key: `edu_${g.key}`, heads: head ? [head, g.name] : [g.name], partOf: whole, partition: 'education', test: (a: Attrs) => a.education === g.key }));
}

/** 总数, 其中 预备党员 / 女 / 少数民族. */
export function headColumns(options: { probationary?: boolean } = {}): ColumnSpec[] {
  return [
    { key: 'total', heads: ['总数'], test: () => true },
    ...(options.probationary === false ? [] : [{ key: 'probationary', heads: ['其中', '预备党员'], partOf: 'total', test: (a: Attrs) => Number(a.probationary) === 1 }]),
    { key: 'female', heads: ['其中', '女'], partOf: 'total', test: (a: Attrs) => a.gender === '2' },
    { key: 'minority', heads: ['其中', '少数民族'], partOf: 'total', test: (a: Attrs) => Number(a.minority) === 1 },
  ];
}

const row = (key: string, name: string, indent: number, parent: string | undefined, test: (a: Attrs) => boolean, ofWhich = false): RowSpec => ({ key, name, indent, parent, test, ...(ofWhich ? { ofWhich } : {}) });
const occ = (...rows: string[]) => (a: Attrs) => rows.includes(String(a.occ_row));

/**
 * The 职业 rows (codes.annualOccupationRow), read off each member's 工作岗位 (occ_row, migrant, outworker).
 * A record with only a coarse 职业 that decides no row is in 总计 and in no row below it: 校核 names it.
 */
export function occupationRows(): RowSpec[] {
  const pub = ['public_party_gov', 'public_inst_mgmt', 'public_inst_tech', 'public_ent_mgmt', 'public_ent_tech', 'public_worker'];
  const priv = ['private_ent_mgmt', 'private_ent_tech', 'private_npo_mgmt', 'private_npo_tech', 'private_worker'];
  return [
    row('total', '总计', 0, undefined, () => true),
    row('employed', '在岗职工', 1, 'total', occ(...pub, ...priv)),
    row('public', '公有制单位', 2, 'employed', occ(...pub)),
    row('public_party_gov', '党政机关工作人员', 3, 'public', occ('public_party_gov')),
    row('public_inst_mgmt', '事业单位管理人员', 3, 'public', occ('public_inst_mgmt')),
    row('public_inst_tech', '事业单位专业技术人员', 3, 'public', occ('public_inst_tech')),
    row('public_ent_mgmt', '企业管理人员', 3, 'public', occ('public_ent_mgmt')),
    row('public_ent_tech', '企业专业技术人员', 3, 'public', occ('public_ent_tech')),
    row('public_worker', '工勤技能人员', 3, 'public', occ('public_worker')),
    row('public_worker_migrant', '其中:农民工', 4, 'public_worker', (a) => a.occ_row === 'public_worker' && Number(a.migrant) === 1, true),
    row('private', '非公有制单位', 2, 'employed', occ(...priv)),
    row('private_ent_mgmt', '企业管理人员', 3, 'private', occ('private_ent_mgmt')),
    row('private_ent_tech', '企业专业技术人员', 3, 'private', occ('private_ent_tech')),
    row('private_npo_mgmt', '民办非企业单位管理人员', 3, 'private', occ('private_npo_mgmt')),
    row('private_npo_tech', '民办非企业单位专业技术人员', 3, 'private', occ('private_npo_tech')),
    row('private_worker', '工勤技能人员', 3, 'private', occ('private_worker')),
    row('private_worker_migrant', '其中:农民工', 4, 'private_worker', (a) => a.occ_row === 'private_worker' && Number(a.migrant) === 1, true),
    row('farmer', '农牧渔民', 1, 'total', occ('farmer')),
    row('farmer_outworker', '其中:外出务工经商人员', 2, 'farmer', (a) => a.occ_row === 'farmer' && Number(a.outworker) === 1, true),
    row('military', '军人、武警', 1, 'total', occ('military')),
    row('student', '学生', 1, 'total', occ('student')),
    row('retired', '离退休人员', 1, 'total', occ('retired')),
    row('other', '其他', 1, 'total', occ('other')),
  ];
}

/** The SQL CASE giving the index of the band a value falls in (for GROUP BY on few values). */
export function bandIndexSql(value: string, bands: Band[]): string {
  return `(CASE ${bands.map((b, i) => `WHEN ${[b.min !== null ? `${value} >= ${b.min}` : '', b.max !== null ? `${value} <= ${b.max}` : ''].filter(Boolean).join(' AND ') || '1'} THEN ${i}`).join(' ')} END)`;
}

/** The 入党时间 period key of a date column. */
export function periodSql(column: string): string {
  return `(CASE ${JOIN_PERIODS.filter((p) => p.to).map((p) => `WHEN ${column} <= '${p.to}' THEN '${p.key}'`).join(' ')} ELSE '${JOIN_PERIODS[JOIN_PERIODS.length - 1].key}' END)`;
}
