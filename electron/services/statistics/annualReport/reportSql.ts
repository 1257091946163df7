// Who was on the roll on a day, and where: the counting rules of the 年报 as SQL fragments every table is
// built from (domain.md, “What the county expects back”).
//
// - A member enters the roll once: by 发展 on the 党委's approval date (a member admitted through the
//   development records) or on the 入党日期 (a record without them), or by 组织关系转入 on the date of the
//   incoming letter when that was the first the township saw of them.
// - They leave on the exit date (出党, 停止党籍, 死亡, 回执 of an outgoing letter). An exit followed by a
//   return (恢复党籍, the letter of a member coming back) is a gap: off the roll from the exit to the return.
//   An exit taken back as a mistake (撤销出党) never happened.
// - Where the membership sat on a day: the branch now, unless a move after that day (镇内转接, an edit of
//   the branch, a return) says where it was before.
// Dates are validated YYYY-MM-DD and written into the SQL as literals; `S` is the schema the rows are read
// from (the archive's own tables, or a township's rows copied out of a county archive).
import { annualRowSql } from '../../members/nationalCodes';
import { ROLL_AGE_BANDS, bandIndexSql } from './bands';

/** The member's own attributes, kept apart from the roll of a day (rollGroups.ts MEMBER_ATTR_SQL). */
const MEMBER_ATTRS = ['occ_row', 'migrant', 'outworker', 'gender', 'minority', 'period', 'education'];

export interface ReportSql {
  S: string;
  /** Names the rows read (the archive, or which township's rows at the county): keys the cached rolls. */
  sourceKey: string;
  /** The rolls of D and of 上年底, materialized once per archive version (rollTable.ts). */
  rolls: Map<string, string>;
  /** The per-member facts, gaps and moves, materialized likewise (rollTable.ts); absent: worked out in each statement. */
  base?: { facts: string; gaps: string; moves: string; attrs?: string; members?: string };
  /** The report date D and the period it closes: 1 January of D's year to D; 上年底 is 31 December before. */
  asOf: string;
  yearStart: string;
  prevEnd: string;
  /** The organization whose subtree is counted; null: the whole archive. */
  orgId: string | null;
  /** The township's province (first two digits of its code), for 跨省 流动. */
  provinceCode: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function lit(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

export function dateLit(d: string): string {
  if (!DATE.test(d)) throw new Error(`bad date ${d}`);
  return `'${d}'`;
}

export function reportSql(S: string, sourceKey: string, asOf: string, orgId: string | null, provinceCode: string): ReportSql {
  if (!DATE.test(asOf)) throw new Error(`bad date ${asOf}`);
  const year = Number(asOf.slice(0, 4));
  return { S, sourceKey, rolls: new Map(), asOf, yearStart: `${year}-01-01`, prevEnd: `${String(year - 1).padStart(4, '0')}-12-31`, orgId, provinceCode };
}

/**
 * The members' table to scan for the dates on every record (exit, 转正, category, branch): the narrow per-member
 * base of rollTable.ts when it is made, the archive's own wide rows otherwise.
 */
export function membersOf(r: ReportSql): string {
  return r.base?.members ?? `${r.S}.members`;
}

/** `column` is one of the counted organizations. */
export function inScope(r: ReportSql, column: string): string {
  if (!r.orgId) return '1';
  return `${column} IN (WITH RECURSIVE sub(id) AS (SELECT ${lit(r.orgId)} UNION ALL SELECT o.id FROM ${r.S}.organizations o JOIN sub ON o.parent_id = sub.id) SELECT id FROM sub)`;
}

/** Age in whole years on `on` of a birth date (both SQL expressions of YYYY-MM-DD text). */
export function ageSql(birth: string, on: string): string {
  return `(CAST(substr(${on}, 1, 4) AS INTEGER) - CAST(substr(${birth}, 1, 4) AS INTEGER) - (substr(${on}, 6, 5) < substr(${birth}, 6, 5)))`;
}

/** Per member: the day they entered the roll, how (developed | transfer), and the day their record was made. */
export function factsSql(r: ReportSql): string {
  const S = r.S;
  const arrivedByLetter = 'fi.d IS NOT NULL AND (ev.first_exit IS NULL OR fi.d <= ev.first_exit)';
  return `SELECT m.id AS id,
      CASE WHEN ${arrivedByLetter} THEN fi.d WHEN dv.member_id IS NOT NULL THEN dv.approval_date ELSE m.join_date END AS entry_date,
      CASE WHEN ${arrivedByLetter} THEN 'transfer' ELSE 'developed' END AS entry_kind,
      (${arrivedByLetter} OR dv.member_id IS NOT NULL) AS entry_recorded,
      ev.created AS created_date
    FROM ${S}.members m
    LEFT JOIN (SELECT member_id, min(transfer_date) AS d FROM ${S}.transfers WHERE direction = 'in' AND status = 'completed' GROUP BY member_id) fi ON fi.member_id = m.id
    LEFT JOIN (SELECT member_id, min(CASE WHEN kind = 'exited' THEN event_date END) AS first_exit, min(CASE WHEN kind = 'created' THEN event_date END) AS created
               FROM ${S}.member_events WHERE kind IN ('exited', 'created') GROUP BY member_id) ev ON ev.member_id = m.id
    LEFT JOIN (SELECT member_id, max(approval_date) AS approval_date FROM ${S}.dev_people WHERE member_id IS NOT NULL GROUP BY member_id) dv ON dv.member_id = m.id`;
}

/**
 * The same entry rule as factsSql, as one pass over the members for 首页's quick figures: entry_date and
 * by_letter per member, without factsSql's aggregate of every member's events (the first exit is looked up
 * only for the few who came by letter). dashboardFigures.test.ts holds the two to the same roll.
 */
export function entrySql(S: string): string {
  const byLetter = `l.d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${S}.member_events e WHERE e.member_id = m.id AND e.kind = 'exited' AND e.event_date < l.d)`;
  return `SELECT m.*, CASE WHEN ${byLetter} THEN l.d WHEN dv.member_id IS NOT NULL THEN dv.approval_date ELSE m.join_date END AS entry_date,
      coalesce(${byLetter}, 0) AS by_letter
    FROM ${S}.members m
    LEFT JOIN (SELECT member_id, min(transfer_date) AS d FROM ${S}.transfers WHERE direction = 'in' AND status = 'completed' GROUP BY member_id) l ON l.member_id = m.id
    LEFT JOIN (SELECT member_id, max(approval_date) AS approval_date FROM ${S}.dev_people WHERE member_id IS NOT NULL GROUP BY member_id) dv ON dv.member_id = m.id`;
}

/** Past exits followed by a return: member_id, gap_from (exit day), gap_to (return day), reason. */
export function gapsSql(r: Pick<ReportSql, 'S'>): string {
  return `SELECT member_id, event_date AS gap_from, next_date AS gap_to, json_extract(after, '$.exitReason') AS reason FROM (
      SELECT member_id, kind, event_date, after, lead(kind) OVER w AS next_kind, lead(event_date) OVER w AS next_date
      FROM ${r.S}.member_events WHERE kind IN ('exited', 'exit_undone', 'restored')
      WINDOW w AS (PARTITION BY member_id ORDER BY seq, recorded_at))
    WHERE kind = 'exited' AND next_kind = 'restored'`;
}

/** The moves of members between organizations: member_id, event_date, seq, from_org, to_org. */
export function movesSql(r: ReportSql): string {
  return `SELECT member_id, event_date, seq, json_extract(before, '$.orgId') AS from_org, json_extract(after, '$.orgId') AS to_org
    FROM ${r.S}.member_events WHERE kind IN ('moved', 'transfer', 'restored') AND json_extract(before, '$.orgId') IS NOT NULL`;
}

/** The CTEs every roll and movement query reads: facts, gaps, moves (each computed once per statement). */
export function withFacts(r: ReportSql): string {
  if (r.base) return `WITH facts AS (SELECT * FROM ${r.base.facts}), gaps AS (SELECT * FROM ${r.base.gaps}), moves AS (SELECT * FROM ${r.base.moves})`;
  return `WITH facts AS MATERIALIZED (${factsSql(r)}), gaps AS MATERIALIZED (${gapsSql(r)}), moves AS MATERIALIZED (${movesSql(r)})`;
}

/** On the roll on `day` (a SQL date expression); `m` the member, `f` its facts. */
export function onRollSql(_r: ReportSql, day: string): string {
  // The unary + keeps SQLite from reading the whole roll through the index on entry_date (made for the year's entries).
  return `(+f.entry_date IS NOT NULL AND +f.entry_date <= ${day} AND (m.exit_reason IS NULL OR m.exit_date > ${day})
    AND NOT EXISTS (SELECT 1 FROM gaps g WHERE g.member_id = m.id AND g.gap_from <= ${day} AND g.gap_to > ${day}))`;
}

/** The member's organization on `day` (inside withFacts): the first move after it says where they were before it. */
export function orgOnSql(_r: ReportSql, day: string, member = 'm'): string {
  return `coalesce((SELECT mv.from_org FROM moves mv WHERE mv.member_id = ${member}.id AND mv.event_date > ${day} ORDER BY mv.event_date, mv.seq LIMIT 1), ${member}.org_id)`;
}

/** 预备党员 on `day`. */
export function probationarySql(day: string, m = 'm'): string {
  return `(${m}.full_date > ${day} OR (${m}.full_date IS NULL AND ${m}.category = 'probationary'))`;
}

/** The member attributes every roll table sorts by, on `day`. */
export function memberAttrsSql(day: string): string {
  return `m.gender AS gender, (m.ethnicity <> '01') AS minority, ${ageSql('m.birth_date', day)} AS age, m.education AS education,
    ${annualRowSql('m.job_post', 'm.occupation')} AS occ_row, m.is_migrant_worker AS migrant, (m.job_post = '外出务工经商人员') AS outworker`;
}

/** The roll of `day` (materialized by rollTable.ts), restricted to the scope. */
export function rollSql(r: ReportSql, day = r.asOf, memberAttrs = true): string {
  const table = r.rolls.get(day);
  if (!table || !r.base?.attrs) throw new Error(`roll of ${day} not prepared`);
  const attrs = memberAttrs ? `, ${MEMBER_ATTRS.map((a) => `a.${a} AS ${a}`).join(', ')}` : '';
  const join = memberAttrs ? ` JOIN ${r.base.attrs} a ON a.id = x.item_id` : '';
  return `SELECT x.*${attrs}, ${bandIndexSql('x.age', ROLL_AGE_BANDS)} AS age_band FROM ${table} x${join} WHERE ${inScope(r, 'x.org_then')}`;
}

/** Exit reasons by the 年报's 本年减少 lines. */
export const PARTY_EXITS = ['withdrawal', 'self_lapse', 'refused_advice', 'removal', 'expulsion', 'probation_cancelled'];

/**
 * The roll's movements, one row each: what = prev (on the roll at 上年底, as reported then: a record made
 * after that day was not in last year's figures, unless its admission or letter of that time is on record) | in | out | now, with kind (developed, restored, transfer,
 * or the exit reason) and sub (重新入党 / 停止党籍后恢复 / 镇内 for a branch change across the scope).
 */
export function movementsSql(r: ReportSql, rolls = true): string {
  const S = r.S;
  const from = dateLit(r.yearStart);
  const to = dateLit(r.asOf);
  const base = `FROM facts f JOIN ${S}.members m ON m.id = f.id`;
  const gaps = `FROM ${S}.members m JOIN gaps g ON g.member_id = m.id`;
  // Moves while on the roll (a return is an entry, not a move).
  const moves = `SELECT mv.member_id AS member_id, mv.from_org, mv.to_org FROM moves mv
    WHERE mv.event_date BETWEEN ${from} AND ${to} AND mv.to_org IS NOT NULL AND mv.from_org <> mv.to_org
      AND NOT EXISTS (SELECT 1 FROM gaps g WHERE g.member_id = mv.member_id AND g.gap_to = mv.event_date)`;
  const parts = [
    ...(rolls ? [`SELECT item_id, 'prev' AS what, '' AS kind, '' AS sub, org_then AS org_at FROM (${prevRollSql(r)})`, `SELECT item_id, 'now', '', '', org_then FROM ${r.rolls.get(r.asOf)}`] : []),
    `SELECT m.id AS item_id, 'in' AS what, f.entry_kind AS kind, CASE WHEN f.entry_kind = 'developed' AND m.join_type = '重新入党' THEN 'readmitted' ELSE '' END AS sub, ${orgOnSql(r, 'f.entry_date')} AS org_at ${base}
       WHERE f.entry_date BETWEEN ${from} AND ${to}`,
    `SELECT m.id, 'in', CASE WHEN g.reason = 'transfer_out' THEN 'transfer' ELSE 'restored' END, CASE WHEN g.reason = 'suspended' THEN 'after_suspension' ELSE '' END, ${orgOnSql(r, 'g.gap_to')} ${gaps}
       WHERE g.gap_to BETWEEN ${from} AND ${to}`,
    `SELECT m.id, 'out', g.reason, '', ${orgOnSql(r, 'g.gap_from')} ${gaps} WHERE g.gap_from BETWEEN ${from} AND ${to}`,
    `SELECT m.id, 'out', m.exit_reason, '', ${orgOnSql(r, 'm.exit_date')} FROM ${membersOf(r)} m WHERE m.exit_reason IS NOT NULL AND m.exit_date BETWEEN ${from} AND ${to}`,
  ];
  const all = parts.join(' UNION ALL ');
  if (!r.orgId) return `${withFacts(r)} SELECT item_id, what, kind, sub FROM (${all})`;
  // A branch's figures: a move across its boundary is a 转入 or 转出 for it.
  return `${withFacts(r)} SELECT item_id, what, kind, sub FROM (${all}) WHERE ${inScope(r, 'org_at')}
    UNION ALL SELECT member_id, 'in', 'transfer', 'internal' FROM (${moves}) WHERE ${inScope(r, 'to_org')} AND NOT ${inScope(r, 'from_org')}
    UNION ALL SELECT member_id, 'out', 'transfer_out', 'internal' FROM (${moves}) WHERE ${inScope(r, 'from_org')} AND NOT ${inScope(r, 'to_org')}`;
}

/** 上年底's roll as reported then: a record made after that day was not in last year's figures, unless its admission or letter of that time is on record. */
function prevRollSql(r: ReportSql): string {
  return `SELECT item_id, org_then FROM ${r.rolls.get(`${r.prevEnd}|slim`)} WHERE created_date IS NULL OR created_date <= ${dateLit(r.prevEnd)} OR entry_recorded = 1`;
}

/**
 * The movements counted, grouped (what, kind, sub, n): the two rolls are only counted, so the 150,000 rows
 * of each are never sorted.
 */
export function movementCountsSql(r: ReportSql): string {
  return `SELECT what, kind, sub, count(*) AS n FROM (${movementsSql(r, false)}) GROUP BY what, kind, sub
    UNION ALL SELECT 'prev', '', '', count(*) FROM (${prevRollSql(r)}) WHERE ${inScope(r, 'org_then')}
    UNION ALL SELECT 'now', '', '', count(*) FROM ${r.rolls.get(r.asOf)} WHERE ${inScope(r, 'org_then')}`;
}

/** The day a 失联 member was lost from: the day, else the first of the month the national form has. */
export const LOST_SINCE = `coalesce(m.lost_date, CASE WHEN m.lost_month IS NOT NULL THEN m.lost_month || '-01' END)`;

