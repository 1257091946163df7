// The roll of a day, worked out once: every member on the roll on D with where their membership sat and
// every attribute of the day a table sorts by, in an in-memory table of the connection. Nine tables read the roll
// of D and one the roll of 上年底; working the history out once per day (instead of once per table) keeps a
// county's report within a second. What does not depend on the day (each member's entry onto the roll, moves,
// 失联 that ended, the member's own attributes) is worked out once per archive version. The tables are dropped
// as soon as the archive has been written to.
import type { Archive } from '../../../../db/connection';
import { PROVINCES, provinceShortName } from './provinces';
import codes from '../../../../resources/codes/codes.json';
import { LOST_SINCE, ageSql, dateLit, factsSql, gapsSql, lit, movesSql, onRollSql, probationarySql, withFacts, type ReportSql } from './reportSql';
import { MEMBER_ATTR_SQL, memberKeySql } from './rollGroups';

/** The kind of unit an organization is in, from its 组织类别. */
export function unitKindSql(sector: string): string {
  return `(CASE ${sector} WHEN 'rural' THEN 'village' WHEN 'community' THEN 'community' WHEN 'agency' THEN 'agency'
    WHEN 'school' THEN 'institution' WHEN 'institution' THEN 'institution' WHEN 'soe' THEN 'enterprise' WHEN 'private' THEN 'enterprise'
    WHEN 'social' THEN 'social' ELSE 'other' END)`;
}

/** The roll of 上年底 is only counted (党员数量变化): who, where, and whether their record was there then. */
function slimRollSelect(r: ReportSql, day: string): string {
  const d = dateLit(day);
  return `${withFacts(r)},
    first_move AS MATERIALIZED (SELECT member_id, from_org FROM (SELECT member_id, from_org, row_number() OVER (PARTITION BY member_id ORDER BY event_date, seq) AS rn FROM moves WHERE event_date > ${d}) WHERE rn = 1)
    SELECT m.id AS item_id, coalesce(fm.from_org, m.org_id) AS org_then, f.created_date AS created_date, f.entry_recorded AS entry_recorded
    FROM ${r.S}.members m JOIN facts f ON f.id = m.id LEFT JOIN first_move fm ON fm.member_id = m.id
    WHERE ${onRollSql(r, d)}`;
}

function rollSelect(r: ReportSql, day: string, orgs: string, memberKeys: string, lostSpans: string): string {
  const d = dateLit(day);
  const own = lit(provinceShortName(PROVINCES[r.provinceCode] ?? ''));
  const months = (since: string) => `((CAST(substr(${d}, 1, 4) AS INTEGER) - CAST(substr(${since}, 1, 4) AS INTEGER)) * 12 + CAST(substr(${d}, 6, 2) AS INTEGER) - CAST(substr(${since}, 6, 2) AS INTEGER) - (substr(${d}, 9, 2) < substr(${since}, 9, 2)))`;
  const lostNow = `(m.is_lost = 1 AND (${LOST_SINCE} IS NULL OR ${LOST_SINCE} <= ${d}))`;
  const province = `replace(replace(replace(replace(replace(replace(replace(trim(m.mobile_province), '壮族自治区', ''), '回族自治区', ''), '维吾尔自治区', ''), '特别行政区', ''), '自治区', ''), '省', ''), '市', '')`;
  return `${withFacts(r)},
    first_move AS MATERIALIZED (SELECT member_id, from_org FROM (SELECT member_id, from_org, row_number() OVER (PARTITION BY member_id ORDER BY event_date, seq) AS rn FROM moves WHERE event_date > ${d}) WHERE rn = 1),
    away AS MATERIALIZED (SELECT member_id, max(nullif(trim(certificate_no), '') IS NOT NULL) AS certificate FROM ${r.S}.mobile_records WHERE since <= ${d} AND (end_date IS NULL OR end_date > ${d}) GROUP BY member_id),
    past_lost AS MATERIALIZED (SELECT member_id, max(lost_from) AS lost_from, max(reason) AS reason FROM ${lostSpans} WHERE lost_from <= ${d} AND found_date > ${d} GROUP BY member_id)
    SELECT m.id AS item_id, coalesce(fm.from_org, m.org_id) AS org_then, coalesce(o.place, 'township') AS place, coalesce(o.unit_kind, 'other') AS unit_kind,
      mk.member_key AS member_key,
      ${ageSql('m.birth_date', d)} AS age, ${probationarySql(d)} AS probationary, ${ageSql('m.join_date', d)} AS party_years,
      (aw.member_id IS NOT NULL) AS away, coalesce(aw.certificate, 0) AS certificate,
      CASE WHEN aw.member_id IS NULL THEN NULL WHEN nullif(trim(m.mobile_province), '') IS NULL THEN 'unknown' WHEN ${province} = ${own} THEN 'within' ELSE 'across' END AS flow,
      CASE WHEN aw.member_id IS NOT NULL THEN nullif(${province}, '') END AS province,
      (${lostNow} OR pl.member_id IS NOT NULL) AS lost,
      CASE WHEN pl.member_id IS NOT NULL THEN ${months('pl.lost_from')} WHEN ${lostNow} THEN ${months(LOST_SINCE)} END AS lost_months,
      CASE WHEN pl.member_id IS NOT NULL THEN coalesce(pl.reason, 'unknown') WHEN ${lostNow} THEN coalesce(m.lost_reason, 'unknown') END AS reason,
      f.created_date AS created_date, f.entry_recorded AS entry_recorded
    FROM ${r.S}.members m JOIN facts f ON f.id = m.id
    LEFT JOIN ${memberKeys} mk ON mk.id = m.id
    LEFT JOIN first_move fm ON fm.member_id = m.id
    LEFT JOIN ${orgs} o ON o.id = coalesce(fm.from_org, m.org_id)
    LEFT JOIN away aw ON aw.member_id = m.id
    LEFT JOIN past_lost pl ON pl.member_id = m.id
    WHERE ${onRollSql(r, d)}`;
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
  for (const [day, slim] of [[r.asOf, false], [r.prevEnd, true]] as const) {
    const key = `${r.sourceKey}|${day}${slim ? '|slim' : ''}`;
    let table = state.tables.get(key);
    if (!table) {
      const name = `rpt.annual_roll_${++state.next}`;
      table = archive.exec(`CREATE TABLE ${name} AS ${slim ? slimRollSelect(r, day) : rollSelect(r, day, orgs, memberKeys, lostSpans)}`).then(() => name);
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
