// 首页: the township at a glance. The key figures in one pass over the members, the charts from one grouped
// pass over the roll (rollOnDate.ts), plus two small reads: members per branch and the 流动/失联 trend by month.
// The figures are the 年报's (a test holds them to 党员基本情况 and 党员数量变化 on several dates); the
// dashboard counts them itself because it must show within a tenth of a second, before the 年报 is ready.
import type { ServiceContext } from '../core/context';
import { todayOf } from '../core/context';
import { MEMBER_HOLDING_TYPES } from '../organizations/organizations';
import { devStageCounts } from '../development/pipeline';
import { countDueReminders } from '../development/reminders';
import { AGE_BANDS, codeRows, countBy, ON_ROLL, onRollOn, PROBATIONARY, rollGroupsOn, WITH_ROLL, type StatRow } from './rollOnDate';
import { DomainError } from '../core/errors';

export interface Dashboard {
  asOf: string;
  figures: {
    roll: number;
    formal: number;
    probationary: number;
    mobile: number;
    lost: number;
    developedThisYear: number;
    madeFullThisYear: number;
    exitsThisYear: number;
    branches: number;
  };
  byBranch: { orgId: string; name: string; count: number }[];
  /** The 年报's age bands × gender (code '1' 男, '2' 女); min and max are whole years (null: open). */
  pyramid: { band: string; label: string; labelEn: string; min: number | null; max: number | null; male: number; female: number }[];
  education: StatRow[];
  occupation: StatRow[];
  /** 发展党员 stages: the pipeline's people by stage (development/pipeline.ts) and the 预备党员 on the roll. */
  pipeline: { available: boolean; stages: { code: string; label: string; labelEn: string; count: number }[] };
  trend: { month: string; mobile: number; lost: number }[];
  /** 待办 due (development/reminders.ts), without the 政治生日 greetings. */
  reminders: { available: boolean; count: number };
}

const PIPELINE_STAGES = [
  { code: 'applicant', label: '入党申请人', labelEn: 'Applicants' },
  { code: 'activist', label: '入党积极分子', labelEn: 'Activists' },
  { code: 'candidate', label: '发展对象', labelEn: 'Candidates' },
  { code: 'probationary', label: '预备党员', labelEn: 'Probationary' },
];

/** The last day of each of the 12 months ending with the month of `asOf` (the current month ends on asOf). */
export function monthEnds(asOf: string): { month: string; end: string }[] {
  const y = Number(asOf.slice(0, 4));
  const m = Number(asOf.slice(5, 7));
  const out: { month: string; end: string }[] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i + 1, 0)); // day 0 of the next month = last day of this one
    const month = d.toISOString().slice(0, 7);
    const end = i === 0 ? asOf : d.toISOString().slice(0, 10);
    out.push({ month, end });
  }
  return out;
}

export type DashboardFigures = Dashboard['figures'];

/**
 * The key figures alone, in one pass over the members (≈0.3 s at county size, where the whole dashboard
 * takes longer): the page shows them first, and the whole dashboard carries the very same figures.
 */
export async function computeDashboardFigures(ctx: ServiceContext, q: { asOf?: string | null } = {}): Promise<{ asOf: string; figures: DashboardFigures }> {
  const asOf = q.asOf ?? todayOf(ctx);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new DomainError('bad_input', `统计日期应为 YYYY-MM-DD,收到“${asOf}”`);
  // LIMIT -1 keeps SQLite from flattening the subquery, which would test the roll once per sum below.
  const row = await ctx.archive.queryOne<Record<string, number | null>>(
    `${WITH_ROLL} SELECT sum(r) AS roll,
            sum(r AND probationary) AS probationary,
            sum(r AND m.is_mobile = 1) AS mobile,
            sum(r AND m.is_lost = 1 AND (m.lost_date IS NULL OR m.lost_date <= ?1)) AS lost,
            sum(m.entry_date BETWEEN ?2 AND ?1 AND m.by_letter = 0) AS developed,
            sum(m.full_date BETWEEN ?2 AND ?1) AS made_full,
            sum(m.exit_reason IS NOT NULL AND m.exit_date BETWEEN ?2 AND ?1) AS exits
     FROM (SELECT ${ON_ROLL} AS r, ${PROBATIONARY} AS probationary, m.is_mobile, m.is_lost, m.lost_date, m.entry_date, m.by_letter, m.full_date, m.exit_reason, m.exit_date
           FROM m LIMIT -1) m`,
    [asOf, `${asOf.slice(0, 4)}-01-01`],
  );
  const types = [...MEMBER_HOLDING_TYPES];
  const orgs = await ctx.archive.queryOne<{ n: number }>(`SELECT count(*) AS n FROM organizations WHERE status = 'active' AND type IN (${types.map(() => '?').join(',')})`, types);
  const n = (k: string) => row?.[k] ?? 0;
  return {
    asOf,
    figures: {
      roll: n('roll'),
      formal: n('roll') - n('probationary'),
      probationary: n('probationary'),
      mobile: n('mobile'),
      lost: n('lost'),
      developedThisYear: n('developed'),
      madeFullThisYear: n('made_full'),
      exitsThisYear: n('exits'),
      branches: orgs?.n ?? 0,
    },
  };
}

export async function computeDashboard(ctx: ServiceContext, q: { asOf?: string | null } = {}): Promise<Dashboard> {
  const { asOf, figures } = await computeDashboardFigures(ctx, q);
  const roll = await rollGroupsOn(ctx, asOf);

  const branchRows = await ctx.archive.query<{ id: string; name: string; short_name: string | null; type: string; n: number }>(
    `SELECT o.id AS id, o.name AS name, o.short_name AS short_name, o.type AS type, count(m.id) AS n
     FROM organizations o LEFT JOIN members m ON m.org_id = o.id AND m.exit_reason IS NULL
     WHERE o.status = 'active' GROUP BY o.id`,
  );
  const branches = branchRows.filter((b) => MEMBER_HOLDING_TYPES.has(b.type));
  const byBranch = branches
    .filter((b) => b.n > 0)
    .sort((a, b) => b.n - a.n || (a.name < b.name ? -1 : 1))
    .map((b) => ({ orgId: b.id, name: b.short_name || b.name, count: b.n }));

  const pyramid = AGE_BANDS.map((b) => ({
    band: b.code,
    label: b.zh,
    labelEn: b.en,
    min: b.min,
    max: b.max,
    male: roll.filter((g) => g.age === b.code && g.gender === '1').reduce((s, g) => s + g.n, 0),
    female: roll.filter((g) => g.age === b.code && g.gender === '2').reduce((s, g) => s + g.n, 0),
  }));

  // 流动/失联 at each month's end. 失联 counts from its recorded date; 流动 from the last recorded change that
  // made the member mobile, or from admission when the record came in already mobile.
  const months = monthEnds(asOf);
  const cols = months
    .map((mo, i) => {
      const d = `'${mo.end}'`;
      const onRoll = onRollOn(d);
      return `sum(${onRoll} AND m.is_mobile = 1 AND coalesce(mv.since, m.join_date) <= ${d}) AS mobile_${i},
              sum(${onRoll} AND m.is_lost = 1 AND coalesce(m.lost_date, m.join_date) <= ${d}) AS lost_${i}`;
    })
    .join(',\n');
  const trendRow = await ctx.archive.queryOne<Record<string, number | null>>(
    `${WITH_ROLL} SELECT ${cols} FROM m
     LEFT JOIN (SELECT member_id, max(event_date) AS since FROM member_events
                WHERE kind IN ('edited', 'moved') AND json_extract(after, '$.isMobile') = 1 GROUP BY member_id) mv ON mv.member_id = m.id
     WHERE m.is_mobile = 1 OR m.is_lost = 1`,
  );
  const stages = await devStageCounts(ctx);
  const trend = months.map((mo, i) => ({ month: mo.month, mobile: trendRow?.[`mobile_${i}`] ?? 0, lost: trendRow?.[`lost_${i}`] ?? 0 }));

  return {
    asOf,
    figures,
    byBranch,
    pyramid,
    education: codeRows('education', countBy(roll, (g) => g.education)),
    occupation: codeRows('occupation', countBy(roll, (g) => g.occupation)),
    // 预备党员 are on the roll already; the earlier stages need the development records.
    pipeline: { available: true, stages: PIPELINE_STAGES.map((s) => ({ ...s, count: s.code === 'probationary' ? figures.probationary : (stages[s.code] ?? 0) })) },
    trend,
    reminders: { available: true, count: (await countDueReminders(ctx)).dueCount },
  };
}
