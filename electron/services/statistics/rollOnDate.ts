// The roll on a day, as 首页 counts it: the 年报's rules (annualReport/reportSql.ts: entry by 发展 or by
// letter, exits, a return after an exit) in one pass over the members, and the one grouped pass its charts
// are folded from (age band × gender, 学历, 职业). The age bands are the 年报's own (annualReport/bands.ts),
// so the pyramid and 党员基本情况 sort a member into the same band.
import { CODE_LISTS, type CodeListName } from '../core/codes';
import type { ServiceContext } from '../core/context';
import { ROLL_AGE_BANDS } from './annualReport/bands';
import { entrySql, gapsSql } from './annualReport/reportSql';

/** `m`: every member with the day they entered the roll (entry_date) and whether by letter (by_letter); `gaps`: the exits followed by a return. */
export const WITH_ROLL = `WITH gaps AS MATERIALIZED (${gapsSql({ S: 'main' })}), m AS (${entrySql('main')})`;

/** On the roll on `day`, a SQL date expression (inside WITH_ROLL). */
export function onRollOn(day: string): string {
  return `(m.entry_date IS NOT NULL AND m.entry_date <= ${day} AND (m.exit_reason IS NULL OR m.exit_date > ${day})
    AND NOT EXISTS (SELECT 1 FROM gaps g WHERE g.member_id = m.id AND g.gap_from <= ${day} AND g.gap_to > ${day}))`;
}
/** On the roll on ?1. */
export const ON_ROLL = onRollOn('?1');
/** 预备党员 on ?1. */
export const PROBATIONARY = `(m.full_date > ?1 OR (m.full_date IS NULL AND m.category = 'probationary'))`;

/** One line of a breakdown: a code (stable, for links and tests), its labels, and the count. */
export interface StatRow {
  code: string;
  label: string;
  labelEn: string;
  count: number;
}

export interface AgeBand {
  code: string;
  zh: string;
  en: string;
  /** Whole years, inclusive; null: open. */
  min: number | null;
  max: number | null;
}

export const AGE_BANDS: AgeBand[] = ROLL_AGE_BANDS.map((b) => ({
  code: b.key,
  zh: b.name,
  en: b.min === null ? `${b.max} and under` : b.max === null ? `${b.min} and over` : `${b.min}–${b.max}`,
  min: b.min,
  max: b.max,
}));

/** `date` moved by whole years, as text (29 Feb stays 29 Feb: as a bound it still compares correctly). */
function shiftYearsText(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
}

/**
 * SQL: the age band of a birth date column on `asOf` (a validated YYYY-MM-DD). Aged ≤ n on D means born
 * after D minus (n + 1) years, so each band is one text comparison (no date arithmetic per row).
 */
export function ageBandSql(birthColumn: string, asOf: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`bad date ${asOf}`);
  const closed = AGE_BANDS.filter((b) => b.max !== null);
  const open = AGE_BANDS.find((b) => b.max === null)!;
  return `CASE ${closed.map((b) => `WHEN ${birthColumn} > '${shiftYearsText(asOf, -(b.max! + 1))}' THEN '${b.code}'`).join(' ')} ELSE '${open.code}' END`;
}

/** Rows for every code of a list, in the list's order, with the counts found (0 where none). */
export function codeRows(list: CodeListName, counts: Map<string, number>): StatRow[] {
  const known = new Set(CODE_LISTS[list].map((e) => e.code));
  const rows: StatRow[] = CODE_LISTS[list].map((e) => ({ code: e.code, label: e.zh, labelEn: e.en, count: counts.get(e.code) ?? 0 }));
  // A code outside the list (an old import) is still counted, never hidden.
  for (const [code, count] of counts) if (!known.has(code)) rows.push({ code, label: `未知代码 ${code}`, labelEn: `Unknown code ${code}`, count });
  return rows;
}

export interface RollGroup {
  gender: string;
  age: string;
  education: string;
  occupation: string;
  n: number;
}

/** Every combination of gender, age band, 学历 and 职业 among the members on the roll on `asOf`, with its count. */
export async function rollGroupsOn(ctx: ServiceContext, asOf: string): Promise<RollGroup[]> {
  return ctx.archive.query<RollGroup>(
    `${WITH_ROLL} SELECT m.gender AS gender, ${ageBandSql('m.birth_date', asOf)} AS age, m.education AS education, m.occupation AS occupation, count(*) AS n
     FROM m WHERE ${ON_ROLL} GROUP BY 1, 2, 3, 4`,
    [asOf],
  );
}

export function countBy(groups: RollGroup[], key: (g: RollGroup) => string): Map<string, number> {
  const map = new Map<string, number>();
  for (const g of groups) map.set(key(g), (map.get(key(g)) ?? 0) + g.n);
  return map;
}
