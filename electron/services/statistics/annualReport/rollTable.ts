// The roll of a day, worked out once: every member on the roll on D with where their membership sat and
// every attribute of the day a table sorts by, in an in-memory table of the connection. Nine tables read the roll
// of D and one the roll of 上年底; working the history out once per day (instead of once per table) keeps a
// county's report within a second. What does not depend on the day (each member's entry onto the roll, moves,
// 失联 that ended, the member's own attributes) is worked out once per archive version. The tables are dropped
// as soon as the archive has been written to.
import type { Archive } from '../../../../db/connection';
import { PROVINCES, provinceShortName } from './provinces';
import codes from '../../../../resources/codes/codes.json';
import { LOST_SINCE, ageSql, dateLit, factsSql, gapsSql, lit, movesSql, probationarySql, type ReportSql } from './reportSql';
import { MEMBER_ATTR_SQL, memberKeySql } from './rollGroups';

/** The kind of unit an organization is in, from its 组织类别. */
export function unitKindSql(sector: string): string {
  return `(CASE ${sector} WHEN 'rural' THEN 'village' WHEN 'community' THEN 'community' WHEN 'agency' THEN 'agency'
    WHEN 'school' THEN 'institution' WHEN 'institution' THEN 'institution' WHEN 'soe' THEN 'enterprise' WHEN 'private' THEN 'enterprise'
    WHEN 'social' THEN 'social' ELSE 'other' END)`;
}

/** Who is on the roll on `d`, from a row `b` of the member base (memberBaseSql): the few with a gap are looked up. */
function onRollBase(gaps: string, d: string): string {
  return `(b.entry_date IS NOT NULL AND b.entry_date <= ${d} AND (b.exit_reason IS NULL OR b.exit_date > ${d})
    AND (b.has_gap = 0 OR NOT EXISTS (SELECT 1 FROM ${gaps} g WHERE g.member_id = b.id AND g.gap_from <= ${d} AND g.gap_to > ${d})))`;
}

/** Where the membership sat on `d`: the first move after it says where it was before; only members who ever moved are looked up. */
function orgThenBase(moves: string, d: string): string {
  return `CASE WHEN b.has_moves = 1 THEN (SELECT mv.from_org FROM ${moves} mv WHERE mv.member_id = b.id AND mv.event_date > ${d} ORDER BY mv.event_date, mv.seq LIMIT 1) END`;
}

/**
 * Everything about a member that does not depend on the day, in one row (made once per archive version): the
 * roll of a day is then one scan of this table, with the history looked up only for the few members who have
 * any (a gap, a move, a 外出 record, an ended 失联).
 */
function memberBaseSql(r: ReportSql, t: { facts: string; gaps: string; moves: string; orgs: string; memberKeys: string; lostSpans: string; mobile: string }): string {
  const province = `replace(replace(replace(replace(replace(replace(replace(trim(m.mobile_province), '壮族自治区', ''), '回族自治区', ''), '维吾尔自治区', ''), '特别行政区', ''), '自治区', ''), '省', ''), '市', '')`;
  return `SELECT m.id AS id, m.org_id AS org_id, f.entry_date AS entry_date, f.created_date AS created_date, f.entry_recorded AS entry_recorded,
      m.exit_reason AS exit_reason, m.exit_date AS exit_date, m.full_date AS full_date, m.category AS category, m.birth_date AS birth_date, m.join_date AS join_date,
      m.is_lost AS is_lost, ${LOST_SINCE} AS lost_since, m.lost_reason AS lost_reason,
      (nullif(trim(m.mobile_province), '') IS NULL) AS province_blank, ${province} AS province,
      mk.member_key AS member_key, coalesce(o.place, 'township') AS place, coalesce(o.unit_kind, 'other') AS unit_kind,
      EXISTS (SELECT 1 FROM ${t.gaps} g WHERE g.member_id = m.id) AS has_gap,
      EXISTS (SELECT 1 FROM ${t.moves} mv WHERE mv.member_id = m.id) AS has_moves,
      EXISTS (SELECT 1 FROM ${t.mobile} mr WHERE mr.member_id = m.id) AS ever_away,
      EXISTS (SELECT 1 FROM ${t.lostSpans} ls WHERE ls.member_id = m.id) AS ever_found
    FROM ${r.S}.members m JOIN ${t.facts} f ON f.id = m.id
    LEFT JOIN ${t.memberKeys} mk ON mk.id = m.id
    LEFT JOIN ${t.orgs} o ON o.id = m.org_id`;
}

/** The roll of 上年底 is only counted (党员数量变化): who, where, and whether their record was there then. */
function slimRollSelect(base: string, gaps: string, moves: string, day: string): string {
  const d = dateLit(day);
  return `SELECT b.id AS item_id, coalesce(${orgThenBase(moves, d)}, b.org_id) AS org_then, b.created_date AS created_date, b.entry_recorded AS entry_recorded
    FROM ${base} b WHERE ${onRollBase(gaps, d)}`;
}

function rollSelect(r: ReportSql, day: string, t: { base: string; gaps: string; moves: string; orgs: string; mobile: string; lostSpans: string }): string {
  const d = dateLit(day);
  const own = lit(provinceShortName(PROVINCES[r.provinceCode] ?? ''));
  const months = (since: string) => `((CAST(substr(${d}, 1, 4) AS INTEGER) - CAST(substr(${since}, 1, 4) AS INTEGER)) * 12 + CAST(substr(${d}, 6, 2) AS INTEGER) - CAST(substr(${since}, 6, 2) AS INTEGER) - (substr(${d}, 9, 2) < substr(${since}, 9, 2)))`;
  const lostNow = `(x.is_lost = 1 AND (x.lost_since IS NULL OR x.lost_since <= ${d}))`;
  const pastLost = `(x.lost_from IS NOT NULL)`;
  // The day's lookups first (only for the members who have such history), then what they decide.
  const perMember = `SELECT b.*, ${orgThenBase(t.moves, d)} AS moved_from,
      CASE WHEN b.ever_away = 1 THEN (SELECT max(mr.certificate) FROM ${t.mobile} mr WHERE mr.member_id = b.id AND mr.since <= ${d} AND (mr.end_date IS NULL OR mr.end_date > ${d})) END AS away_certificate,
      CASE WHEN b.ever_found = 1 THEN (SELECT max(ls.lost_from) FROM ${t.lostSpans} ls WHERE ls.member_id = b.id AND ls.lost_from <= ${d} AND ls.found_date > ${d}) END AS lost_from,
      CASE WHEN b.ever_found = 1 THEN (SELECT max(ls.reason) FROM ${t.lostSpans} ls WHERE ls.member_id = b.id AND ls.lost_from <= ${d} AND ls.found_date > ${d}) END AS lost_from_reason
    FROM ${t.base} b WHERE ${onRollBase(t.gaps, d)} LIMIT -1`;
  const orgOf = (col: string, fallback: string) => `CASE WHEN x.moved_from IS NULL THEN x.${col} ELSE coalesce((SELECT o.${col} FROM ${t.orgs} o WHERE o.id = x.moved_from), '${fallback}') END`;
  return `SELECT x.id AS item_id, coalesce(x.moved_from, x.org_id) AS org_then, ${orgOf('place', 'township')} AS place, ${orgOf('unit_kind', 'other')} AS unit_kind,
      x.member_key AS member_key,
      ${ageSql('x.birth_date', d)} AS age, ${probationarySql(d, 'x')} AS probationary, ${ageSql('x.join_date', d)} AS party_years,
      (x.away_certificate IS NOT NULL) AS away, coalesce(x.away_certificate, 0) AS certificate,
      CASE WHEN x.away_certificate IS NULL THEN NULL WHEN x.province_blank THEN 'unknown' WHEN x.province = ${own} THEN 'within' ELSE 'across' END AS flow,
      CASE WHEN x.away_certificate IS NOT NULL THEN nullif(x.province, '') END AS province,
      (${lostNow} OR ${pastLost}) AS lost,
      CASE WHEN ${pastLost} THEN ${months('x.lost_from')} WHEN ${lostNow} THEN ${months('x.lost_since')} END AS lost_months,
      CASE WHEN ${pastLost} THEN coalesce(x.lost_from_reason, 'unknown') WHEN ${lostNow} THEN coalesce(x.lost_reason, 'unknown') END AS reason,
      x.created_date AS created_date, x.entry_recorded AS entry_recorded
    FROM (${perMember}) x`;
}

const made = new WeakMap<Archive, { version: number; tables: Map<string, Promise<string>>; next: number; jobRows?: Promise<void>; attached?: Promise<void> }>();

/** Make sure the rolls of D and of 上年底 exist for these rows; sets r.rolls. */
export async function prepareRolls(archive: Archive, r: ReportSql): Promise<void> {
  let state = made.get(archive);
  if (!state || state.version !== archive.version) {
    const old = state;
    state = { version: archive.version, tables: new Map(), next: old?.next ?? 0, jobRows: old?.jobRows, attached: old?.attached };
    made.set(archive, state);
    if (old) for (const name of old.tables.values()) await archive.exec(`DROP TABLE IF EXISTS ${await name.catch(() => 'rpt.none')}`);
  }
  const base = (name: string, select: string, index: string) => {
    const key = `${r.sourceKey}|${name}`;
    let table = state!.tables.get(key);
    if (!table) {
      const t = `rpt.annual_${name}_${++state!.next}`;
      const indexes = index.split(';').map((cols, i) => `CREATE INDEX ${t}_ix${i} ON ${t.slice(4)}(${cols})`).join('; ');
      table = archive.exec(`CREATE TABLE ${t} AS ${select}; ${indexes}`).then(() => t);
      state!.tables.set(key, table);
      table.catch(() => state!.tables.delete(key));
    }
    return table;
  };
  // In memory: written to the connection's temp file, the day's roll of a county took seconds.
  state.attached ??= archive.exec("ATTACH DATABASE ':memory:' AS rpt");
  await state.attached;
  if (!state.jobRows) {
    // The 工作岗位 leaves and their 年报 rows, as a lookup the roll joins (faster than a CASE over every leaf).
    state.jobRows = (async () => {
      await archive.exec('DROP TABLE IF EXISTS rpt.annual_job_rows; CREATE TABLE rpt.annual_job_rows (post TEXT PRIMARY KEY, row TEXT NOT NULL) WITHOUT ROWID');
      await archive.run('INSERT INTO rpt.annual_job_rows SELECT json_extract(value, \'$.code\'), json_extract(value, \'$.annualRow\') FROM json_each(?)', [JSON.stringify(codes.jobPost.map((p) => ({ code: p.code, annualRow: p.annualRow })))]);
    })();
  }
  await state.jobRows;
  r.base = {
    facts: await base('facts', factsSql(r), 'id;entry_date'),
    gaps: await base('gaps', gapsSql(r), 'member_id'),
    moves: await base('moves', movesSql(r), 'member_id, event_date'),
  };
  // Where each organization is (乡镇 itself, a village, a community …): worked out once, not for every member.
  const orgs = await base('orgs', `SELECT o.id AS id, CASE WHEN o.parent_id IS NULL THEN 'township' ELSE ${unitKindSql('o.sector')} END AS place, ${unitKindSql('o.sector')} AS unit_kind FROM ${r.S}.organizations o`, 'id');
  // The member's own attributes (职业 row, 性别, 学历 …) do not depend on the day: worked out once, with their packed number.
  const memberAttrs = await base('member_attrs_text', `SELECT m.id AS id, ${Object.entries(MEMBER_ATTR_SQL).map(([attr, sql]) => `${sql} AS ${attr}`).join(', ')}
    FROM ${r.S}.members m LEFT JOIN rpt.annual_job_rows jr ON jr.post = m.job_post`, 'id');
  const memberKeys = await base('member_attrs', `SELECT *, ${memberKeySql()} AS member_key FROM ${memberAttrs}`, 'id');
  r.base.attrs = memberKeys;
  // 失联 that has ended: the member was lost from the day the record of 恢复联系 kept, until that record's day.
  const lostSpans = await base('lost_spans', `SELECT member_id, json_extract(before, '$.lostDate') AS lost_from, event_date AS found_date, json_extract(before, '$.lostReason') AS reason
    FROM ${r.S}.member_events WHERE kind = 'lost' AND json_extract(before, '$.isLost') = 1 AND json_extract(after, '$.isLost') = 0 AND json_extract(before, '$.lostDate') IS NOT NULL`, 'member_id');
  // 外出 records, with whether a 流动党员活动证 was recorded.
  const mobile = await base('mobile', `SELECT member_id, since, end_date, (nullif(trim(certificate_no), '') IS NOT NULL) AS certificate FROM ${r.S}.mobile_records`, 'member_id');
  const memberBase = await base('member_base', memberBaseSql(r, { ...r.base, orgs, memberKeys, lostSpans, mobile }), 'id');
  r.base.members = memberBase;
  const tables = { base: memberBase, gaps: r.base.gaps, moves: r.base.moves, orgs, mobile, lostSpans };
  for (const [day, slim] of [[r.asOf, false], [r.prevEnd, true]] as const) {
    const key = `${r.sourceKey}|${day}${slim ? '|slim' : ''}`;
    let table = state.tables.get(key);
    if (!table) {
      const name = `rpt.annual_roll_${++state.next}`;
      table = archive.exec(`CREATE TABLE ${name} AS ${slim ? slimRollSelect(memberBase, r.base.gaps, r.base.moves, day) : rollSelect(r, day, tables)}`).then(() => name);
      state.tables.set(key, table);
      table.catch(() => state!.tables.delete(key));
    }
    r.rolls.set(slim ? `${day}|slim` : day, await table);
  }
}

/** Forget the rolls of a source whose rows were replaced (the county's copy of a township). */
export async function dropRolls(archive: Archive, sourceKey: string): Promise<void> {
  const state = made.get(archive);
  if (!state) return;
  for (const [key, name] of [...state.tables]) {
    if (!key.startsWith(`${sourceKey}|`)) continue;
    state.tables.delete(key);
    await archive.exec(`DROP TABLE IF EXISTS ${await name.catch(() => 'rpt.none')}`);
  }
}
