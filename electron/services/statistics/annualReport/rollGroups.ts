// The roll tables (党员基本情况, 入党时间, 学历, 乡(镇)、建制村) sort the same members of the roll of D by a few coded
// attributes each. SQLite groups by sorting, and sorting 150,000 rows by several text columns, once per table, was
// most of a county report's time. So every member's attributes are packed into one integer: the attributes that do
// not depend on the day (职业 row, 性别, 学历 …) once per archive version, those of the day (预备, where the
// membership sat, 流动, 失联, age band) when the roll of D is made. The roll is grouped once by that integer, and
// each table folds the same few thousand groups (tableModel.countTable).
//
// A value outside an attribute's known list (a code the lists do not have) makes the packed number NULL; those
// members are grouped the plain way, so the figures never depend on the lists being complete.
import codes from '../../../../resources/codes/codes.json';
import type { Archive } from '../../../../db/connection';
import { coarseAnnualRowSql } from '../../members/nationalCodes';
import { EDUCATION_GROUPS, JOIN_PERIODS, ROLL_AGE_BANDS, periodSql } from './bands';
import { UNIT_KINDS } from './mobileLostTables';
import { rollSql, type ReportSql } from './reportSql';
import type { Attrs } from './tableModel';

type Value = string | number;

interface Dimension {
  attr: string;
  /** The values besides NULL; a value's code is its place in the list + 1, NULL is 0. */
  values: Value[];
  /** The SQL can only yield 0 … n−1 or NULL (a comparison, a band index): the code is the value + 1, without a CASE. */
  index?: boolean;
}

const FLAG: Value[] = [0, 1];

/** The member's own attributes, as SQL over `m` (members) and `jr` (the 工作岗位 → 年报 row lookup). */
export const MEMBER_ATTR_SQL: Record<string, string> = {
  occ_row: `coalesce(jr.row, ${coarseAnnualRowSql('m.occupation')})`,
  migrant: 'm.is_migrant_worker',
  outworker: "(m.job_post = '外出务工经商人员')",
  gender: 'm.gender',
  minority: "(m.ethnicity <> '01')",
  period: periodSql('m.join_date'),
  education: 'm.education',
};

const MEMBER_DIMENSIONS: Dimension[] = [
  { attr: 'occ_row', values: codes.annualOccupationRow.map((r) => r.code) },
  { attr: 'migrant', values: FLAG },
  { attr: 'outworker', values: FLAG, index: true },
  { attr: 'gender', values: ['1', '2'] },
  { attr: 'minority', values: FLAG, index: true },
  { attr: 'period', values: JOIN_PERIODS.map((p) => p.key) },
  { attr: 'education', values: EDUCATION_GROUPS.map((g) => g.key) },
];

export const PLACES = ['township', ...UNIT_KINDS.map(([key]) => key)];

/** The attributes of the day, as the roll's columns (rollTable.ts). */
const DAY_DIMENSIONS: Dimension[] = [
  { attr: 'place', values: PLACES },
  { attr: 'probationary', values: FLAG, index: true },
  { attr: 'away', values: FLAG, index: true },
  { attr: 'lost', values: FLAG, index: true },
  { attr: 'age_band', values: ROLL_AGE_BANDS.map((_, i) => i), index: true },
];

const DIMENSIONS = [...MEMBER_DIMENSIONS, ...DAY_DIMENSIONS];

/** The attributes a roll table may sort by. */
export const ROLL_ATTRS = new Set(DIMENSIONS.map((d) => d.attr));

function literal(v: Value): string {
  return typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;
}

function codeSql(d: Dimension, value: string): string {
  if (d.index) return `coalesce(${value} + 1, 0)`;
  // The value is read a second time only when it is not in the list.
  return `coalesce(CASE ${value} ${d.values.map((v, i) => `WHEN ${literal(v)} THEN ${i + 1}`).join(' ')} END, CASE WHEN ${value} IS NULL THEN 0 END)`;
}

function pack(dims: Dimension[], start: string, sql: (d: Dimension) => string): string {
  return dims.reduce((acc, d) => `(${acc}) * ${d.values.length + 1} + ${codeSql(d, sql(d))}`, start);
}

/** The member's part of the packed number, from the columns of MEMBER_ATTR_SQL (made once per archive version). */
export function memberKeySql(): string {
  return pack(MEMBER_DIMENSIONS, '0', (d) => d.attr);
}

/** The whole packed number on the day, from the roll's columns: the member's part, then the day's attributes. */
function dayKeySql(): string {
  return pack(DAY_DIMENSIONS, 'member_key', (d) => d.attr);
}

export function unpack(key: number): Attrs {
  const a: Attrs = {};
  let rest = key;
  for (let i = DIMENSIONS.length - 1; i >= 0; i--) {
    const d = DIMENSIONS[i];
    const radix = d.values.length + 1;
    const code = rest % radix;
    rest = (rest - code) / radix;
    a[d.attr] = code === 0 ? null : d.values[code - 1];
  }
  return a;
}

/** The roll of D grouped by every dimension: one row per combination, with its count. */
export async function rollGroups(archive: Archive, r: ReportSql): Promise<(Attrs & { n: number })[]> {
  const packed = await archive.query<{ k: number | null; n: number }>(`SELECT k, count(*) AS n FROM (SELECT ${dayKeySql()} AS k FROM (${rollSql(r, r.asOf, false)})) GROUP BY k`);
  const groups = packed.filter((g) => g.k !== null).map((g) => ({ ...unpack(g.k!), n: g.n }));
  if (packed.some((g) => g.k === null)) {
    const attrs = DIMENSIONS.map((d) => d.attr).join(', ');
    groups.push(...(await archive.query<Attrs & { n: number }>(`SELECT ${attrs}, count(*) AS n FROM (${rollSql(r)}) WHERE (${dayKeySql()}) IS NULL GROUP BY ${attrs}`)));
  }
  return groups;
}
