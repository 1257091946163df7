// 党内统计: the figures a township (or one branch) reports upward, as of a chosen date, counted from the
// archive's own records so that they are exact and reproducible.
//
// Rules (domain.md, “What the county expects back”):
// - A member is on the roll on day D when 入党日期 ≤ D and they had not left by D (no exit, or exit date > D).
//   They count where their membership sat on D: their branch now, unless a `moved` event after D says
//   where they were before it.
// - 预备党员 on D: 转正日期 after D, or no 转正日期 while the record is still 预备.
// - “In the year”: from 1 January of D's year to D, by the date of the event (入党日期 for 发展党员,
//   转正日期, 出党日期); members count in the organization they belonged to on D.
// - Organizations count when they existed on D (成立日期 ≤ D or unknown, not yet merged or dissolved on D).
//
// Performance: the member breakdowns are one GROUP BY pass over the roll (every combination of the
// coded fields, a few thousand groups at county size); each table is then a fold of that pass. The
// year's figures are two more grouped passes. Results are cached until the next write.
//
// County mode: the county archive has no township data yet (the USB import comes later); the optional
// `township` filter is accepted and ignored until it does.
import { CODE_LISTS } from '../core/codes';
import type { ServiceContext } from '../core/context';
import { todayOf } from '../core/context';
import { DomainError } from '../core/errors';
import { getOrgRow, subtreeIds } from '../organizations/organizations';
import { getSetup } from '../core/settings';
import {
  AGE_BANDS,
  APPRAISAL_GRADES,
  COLLEGE_EDUCATION,
  HAN,
  JOIN_PERIODS,
  addTo,
  ageBandSql,
  bandRows,
  codeRows,
  joinPeriodSql,
  makeTable,
  type StatRow,
  type StatTable,
  type StatTableId,
} from './statisticsTables';

export * from './statisticsTables';

export interface StatisticsQuery {
  asOf: string;
  /** An organization: its subtree is counted. Default: the whole township. */
  orgId?: string | null;
  /** County mode: one township's code. Ignored until the county holds township data (see above). */
  township?: string | null;
}

export interface Statistics {
  asOf: string;
  yearStart: string;
  scope: { orgId: string; name: string; township: string };
  memberTotal: number;
  organizationTotal: number;
  tables: StatTable[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface Scope {
  asOf: string;
  yearStart: string;
  orgId: string;
  name: string;
  /** Null for the whole archive (no condition needed). */
  orgIds: string[] | null;
}

export async function resolveScope(ctx: ServiceContext, q: { asOf?: string | null; orgId?: string | null }): Promise<Scope> {
  const asOf = q.asOf ?? todayOf(ctx);
  if (!DATE.test(asOf) || Number.isNaN(Date.parse(asOf))) throw new DomainError('bad_input', `统计日期应为 YYYY-MM-DD,收到“${asOf}”`);
  const setup = await getSetup(ctx);
  if (!setup.rootOrgId) throw new DomainError('conflict', '请先设置乡镇名称和代码');
  const orgId = q.orgId || setup.rootOrgId;
  const org = await getOrgRow(ctx.archive, orgId);
  const ids = await subtreeIds(ctx.archive, orgId);
  const whole = orgId === setup.rootOrgId;
  return { asOf, yearStart: `${asOf.slice(0, 4)}-01-01`, orgId, name: org.name, orgIds: whole ? null : ids };
}

/**
 * The members table as it stood on ?1, restricted to the scope: a derived table `m` with the member's
 * organization on that day as `org_then`. Parameters: ?1 = as-of date, ?3… = the scope's organizations.
 */
function membersThen(scope: Scope): string {
  if (!scope.orgIds) return 'members';
  // The first move after D says where the member was on D (its `before.orgId`).
  return `(SELECT mm.*, coalesce(mv.org_then, mm.org_id) AS org_then FROM members mm
            LEFT JOIN (SELECT member_id, json_extract(before, '$.orgId') AS org_then FROM (
                SELECT member_id, before, row_number() OVER (PARTITION BY member_id ORDER BY event_date, recorded_at) AS rn
                FROM member_events WHERE kind = 'moved' AND event_date > ?1) WHERE rn = 1) mv ON mv.member_id = mm.id)`;
}

function scopeCondition(scope: Scope, column: string): string {
  if (!scope.orgIds) return '1';
  return `${column} IN (${scope.orgIds.map((_, i) => `?${i + 3}`).join(',')})`;
}

function params(scope: Scope): unknown[] {
  return [scope.asOf, scope.yearStart, ...(scope.orgIds ?? [])];
}

/** On the roll on ?1. */
export const ON_ROLL = `m.join_date <= ?1 AND (m.exit_reason IS NULL OR m.exit_date > ?1)`;
/** 预备党员 on ?1. */
export const PROBATIONARY = `(m.full_date > ?1 OR (m.full_date IS NULL AND m.category = 'probationary'))`;

// ---- the passes over the archive ----

export interface RollGroup {
  gender: string;
  ethnicity: string;
  age: string;
  education: string;
  occupation: string;
  period: string;
  probationary: number;
  mobile: number;
  lost: number;
  n: number;
}

/** Every combination of the coded fields among members on the roll on D, with its count. */
export async function rollGroups(ctx: ServiceContext, scope: Scope): Promise<RollGroup[]> {
  const orgCol = scope.orgIds ? 'm.org_then' : 'm.org_id';
  return ctx.archive.query<RollGroup>(
    `SELECT m.gender AS gender, m.ethnicity AS ethnicity, ${ageBandSql('m.birth_date', scope.asOf)} AS age, m.education AS education, m.occupation AS occupation,
            ${joinPeriodSql('m.join_date')} AS period, ${PROBATIONARY} AS probationary,
            m.is_mobile AS mobile, (m.is_lost = 1 AND (m.lost_date IS NULL OR m.lost_date <= ?1)) AS lost, count(*) AS n
     FROM ${membersThen(scope)} m
     WHERE ${ON_ROLL} AND ?2 IS NOT NULL AND ${scopeCondition(scope, orgCol)}
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
    params(scope),
  );
}

export interface YearFigures {
  developed: { gender: string; young: number; education: string; occupation: string; n: number }[];
  madeFull: number;
  exits: { reason: string; n: number }[];
}

/** Events of the year up to D: admissions (by 入党日期), 转正 (by 转正日期), exits (by 出党日期). */
export async function yearFigures(ctx: ServiceContext, scope: Scope): Promise<YearFigures> {
  const orgCol = scope.orgIds ? 'm.org_then' : 'm.org_id';
  const from = membersThen(scope);
  const where = scopeCondition(scope, orgCol);
  // Age on the day of admission: ≤ 35 is what 党内统计 asks about the newly admitted.
  const ageAtJoin = `(CAST(substr(m.join_date, 1, 4) AS INTEGER) - CAST(substr(m.birth_date, 1, 4) AS INTEGER) - (substr(m.join_date, 6, 5) < substr(m.birth_date, 6, 5)))`;
  const developed = await ctx.archive.query<YearFigures['developed'][number]>(
    `SELECT m.gender AS gender, (${ageAtJoin} <= 35) AS young, m.education AS education, m.occupation AS occupation, count(*) AS n
     FROM ${from} m WHERE m.join_date BETWEEN ?2 AND ?1 AND ${where} GROUP BY 1, 2, 3, 4`,
    params(scope),
  );
  const madeFull = await ctx.archive.queryOne<{ n: number }>(
    `SELECT count(*) AS n FROM ${from} m WHERE m.full_date BETWEEN ?2 AND ?1 AND ${where}`,
    params(scope),
  );
  const exits = await ctx.archive.query<{ reason: string; n: number }>(
    `SELECT m.exit_reason AS reason, count(*) AS n FROM ${from} m
     WHERE m.exit_reason IS NOT NULL AND m.exit_date BETWEEN ?2 AND ?1 AND ${where} GROUP BY 1`,
    params(scope),
  );
  return { developed, madeFull: madeFull?.n ?? 0, exits };
}

/** Organizations that existed on D within the scope, by type and sector. */
export async function orgGroups(ctx: ServiceContext, scope: Scope): Promise<{ type: string; sector: string; n: number }[]> {
  return ctx.archive.query(
    `SELECT o.type AS type, o.sector AS sector, count(*) AS n FROM organizations o
     WHERE (o.founded_date IS NULL OR o.founded_date <= ?1) AND (o.status = 'active' OR o.ended_date > ?1)
       AND ?2 IS NOT NULL AND ${scopeCondition(scope, 'o.id')}
     GROUP BY 1, 2`,
    params(scope),
  );
}

// ---- one function per table (each a fold of a pass above) ----

function countBy<T extends { n: number }>(groups: T[], key: (g: T) => string): Map<string, number> {
  const map = new Map<string, number>();
  for (const g of groups) addTo(map, key(g), g.n);
  return map;
}

export function genderTable(roll: RollGroup[]): StatTable {
  return makeTable('gender', codeRows('gender', countBy(roll, (g) => g.gender)));
}

/** 汉族 and 少数民族, then each minority nationality present by name as a “其中” line. */
export function ethnicityTable(roll: RollGroup[]): StatTable {
  const counts = countBy(roll, (g) => g.ethnicity);
  const han = counts.get(HAN) ?? 0;
  counts.delete(HAN);
  const byName: StatRow[] = [];
  for (const e of CODE_LISTS.ethnicity) {
    const n = counts.get(e.code) ?? 0;
    counts.delete(e.code);
    if (n > 0) byName.push({ code: e.code, label: e.zh, labelEn: e.en, count: n, ofWhich: true });
  }
  for (const [code, n] of counts) byName.push({ code, label: `未知代码 ${code}`, labelEn: `Unknown code ${code}`, count: n, ofWhich: true });
  const minority = byName.reduce((s, r) => s + r.count, 0);
  const hanLabel = CODE_LISTS.ethnicity.find((e) => e.code === HAN)!;
  return makeTable('ethnicity', [
    { code: HAN, label: hanLabel.zh, labelEn: hanLabel.en, count: han },
    { code: 'minority', label: '少数民族', labelEn: 'Ethnic minorities', count: minority },
    ...byName,
  ]);
}

export function ageTable(roll: RollGroup[]): StatTable {
  return makeTable('age', bandRows(AGE_BANDS, countBy(roll, (g) => g.age)));
}

export function educationTable(roll: RollGroup[]): StatTable {
  const counts = countBy(roll, (g) => g.education);
  const rows = codeRows('education', counts);
  const college = [...counts].filter(([c]) => COLLEGE_EDUCATION.has(c)).reduce((s, [, n]) => s + n, 0);
  rows.push({ code: 'college', label: '大专及以上', labelEn: 'College and above', count: college, ofWhich: true });
  return makeTable('education', rows);
}

export function occupationTable(roll: RollGroup[]): StatTable {
  return makeTable('occupation', codeRows('occupation', countBy(roll, (g) => g.occupation)));
}

export function joinPeriodTable(roll: RollGroup[]): StatTable {
  return makeTable('joinPeriod', bandRows(JOIN_PERIODS, countBy(roll, (g) => g.period)));
}

export function categoryTable(roll: RollGroup[]): StatTable {
  return makeTable('category', codeRows('memberCategory', countBy(roll, (g) => (g.probationary ? 'probationary' : 'formal'))));
}

export function orgTypeTable(orgs: { type: string; n: number }[]): StatTable {
  return makeTable('orgType', codeRows('orgType', countBy(orgs, (o) => o.type)));
}

export function orgSectorTable(orgs: { sector: string; n: number }[]): StatTable {
  return makeTable('orgSector', codeRows('orgSector', countBy(orgs, (o) => o.sector)));
}

export function developedGenderTable(year: YearFigures): StatTable {
  return makeTable('developedGender', codeRows('gender', countBy(year.developed, (d) => d.gender)));
}

export function developedAgeTable(year: YearFigures): StatTable {
  const counts = countBy(year.developed, (d) => (d.young ? 'young' : 'older'));
  return makeTable('developedAge', [
    { code: 'young', label: '35岁及以下', labelEn: '35 and under', count: counts.get('young') ?? 0 },
    { code: 'older', label: '36岁及以上', labelEn: '36 and over', count: counts.get('older') ?? 0 },
  ]);
}

export function developedEducationTable(year: YearFigures): StatTable {
  const counts = countBy(year.developed, (d) => d.education);
  const rows = codeRows('education', counts);
  const college = [...counts].filter(([c]) => COLLEGE_EDUCATION.has(c)).reduce((s, [, n]) => s + n, 0);
  rows.push({ code: 'college', label: '大专及以上', labelEn: 'College and above', count: college, ofWhich: true });
  return makeTable('developedEducation', rows);
}

export function developedOccupationTable(year: YearFigures): StatTable {
  return makeTable('developedOccupation', codeRows('occupation', countBy(year.developed, (d) => d.occupation)));
}

export function madeFullTable(year: YearFigures): StatTable {
  const table = makeTable('madeFull', [{ code: 'onTime', label: '预备党员转为正式党员', labelEn: 'Probationary members made full', count: year.madeFull }]);
  // 延长预备期 and 取消资格 decisions come with the development records (a later part of the archive).
  return { ...table, note: '延长预备期人数尚无数据', noteEn: 'Extensions of probation: no data yet' };
}

export function exitsTable(year: YearFigures): StatTable {
  return makeTable('exits', codeRows('exitReason', countBy(year.exits, (e) => e.reason)));
}

/** 转出 is an exit coded 组织关系转出; 转入 needs the incoming letters (not kept yet), so it shows 0. */
export function transfersTable(year: YearFigures): StatTable {
  const out = year.exits.find((e) => e.reason === 'transfer_out')?.n ?? 0;
  const table = makeTable('transfers', [
    { code: 'in', label: '转入', labelEn: 'Transferred in', count: 0 },
    { code: 'out', label: '转出', labelEn: 'Transferred out', count: out },
  ]);
  return { ...table, note: '转入人数尚无数据(组织关系介绍信登记尚未启用)', noteEn: 'Transfers in: no data yet (transfer letters are not kept yet)' };
}

/** 流动 and 失联 among the members on the roll on D: two “其中” lines of the roll (they may overlap). */
export function mobileLostTable(roll: RollGroup[]): StatTable {
  const total = roll.reduce((s, g) => s + g.n, 0);
  const mobile = roll.filter((g) => g.mobile).reduce((s, g) => s + g.n, 0);
  const lost = roll.filter((g) => g.lost).reduce((s, g) => s + g.n, 0);
  const table = makeTable('mobileLost', [
    { code: 'roll', label: '在册党员', labelEn: 'Members on the roll', count: total },
    { code: 'mobile', label: '其中:流动党员', labelEn: 'of whom mobile', count: mobile, ofWhich: true },
    { code: 'lost', label: '其中:失联党员', labelEn: 'of whom lost', count: lost, ofWhich: true },
  ]);
  return { ...table, note: '流动党员按当前登记计(外出日期登记启用后按统计日期计)', noteEn: 'Mobile members as currently recorded (by date once departure dates are kept)' };
}

/** 民主评议 grades of the report date's year (development/reviews.ts), for the branches in scope. */
export function appraisalTable(counts: Map<string, number>): StatTable {
  return makeTable('appraisal', APPRAISAL_GRADES.map((g) => ({ code: g.code, label: g.zh, labelEn: g.en, count: counts.get(g.code) ?? 0 })));
}

async function appraisalCounts(ctx: ServiceContext, scope: Scope): Promise<Map<string, number>> {
  const rows = await ctx.archive.query<{ grade: string; n: number }>(
    `SELECT grade, count(*) AS n FROM appraisals WHERE year = CAST(substr(?1, 1, 4) AS INTEGER) AND ?2 = ?2 AND grade IS NOT NULL AND ${scopeCondition(scope, 'org_id')} GROUP BY grade`,
    params(scope),
  );
  return new Map(rows.map((r) => [r.grade, r.n]));
}

// ---- everything together ----

/** The tables together with the pass they were folded from (the dashboard draws its pyramid from the same pass). */
export interface StatisticsWithRoll {
  statistics: Statistics;
  roll: RollGroup[];
}

const statsCache = new WeakMap<object, { version: number; values: Map<string, StatisticsWithRoll> }>();

export async function computeStatistics(ctx: ServiceContext, q: StatisticsQuery): Promise<Statistics> {
  return (await computeStatisticsWithRoll(ctx, q)).statistics;
}

export async function computeStatisticsWithRoll(ctx: ServiceContext, q: StatisticsQuery): Promise<StatisticsWithRoll> {
  const scope = await resolveScope(ctx, q);
  let cache = statsCache.get(ctx.archive);
  if (!cache || cache.version !== ctx.archive.version) statsCache.set(ctx.archive, (cache = { version: ctx.archive.version, values: new Map() }));
  const key = `${scope.asOf}|${scope.orgId}`;
  const hit = cache.values.get(key);
  if (hit) return hit;
  const setup = await getSetup(ctx);
  const roll = await rollGroups(ctx, scope);
  const year = await yearFigures(ctx, scope);
  const orgs = await orgGroups(ctx, scope);
  const tables: Record<StatTableId, StatTable> = {
    gender: genderTable(roll),
    ethnicity: ethnicityTable(roll),
    age: ageTable(roll),
    education: educationTable(roll),
    occupation: occupationTable(roll),
    joinPeriod: joinPeriodTable(roll),
    category: categoryTable(roll),
    orgType: orgTypeTable(orgs),
    orgSector: orgSectorTable(orgs),
    developedGender: developedGenderTable(year),
    developedAge: developedAgeTable(year),
    developedEducation: developedEducationTable(year),
    developedOccupation: developedOccupationTable(year),
    madeFull: madeFullTable(year),
    exits: exitsTable(year),
    transfers: transfersTable(year),
    mobileLost: mobileLostTable(roll),
    appraisal: appraisalTable(await appraisalCounts(ctx, scope)),
  };
  const result: Statistics = {
    asOf: scope.asOf,
    yearStart: scope.yearStart,
    scope: { orgId: scope.orgId, name: scope.name, township: setup.township?.name ?? '' },
    memberTotal: roll.reduce((s, g) => s + g.n, 0),
    organizationTotal: orgs.reduce((s, o) => s + o.n, 0),
    tables: Object.values(tables),
  };
  const both = { statistics: result, roll };
  cache.values.set(key, both);
  return both;
}
