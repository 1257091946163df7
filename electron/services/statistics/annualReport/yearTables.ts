// The year's decisions: 民主评议党员情况, 党员培训情况, 预备党员转正情况 and 党员出党情况, each for the
// period from 1 January of D's year to D, counted where the member's membership sat on D (出党: on the day
// of the decision).
import { EXIT_AGE_BANDS, bandColumns } from './bands';
import { ageSql, dateLit, inScope, membersOf, orgOnSql, probationarySql, rollSql, withFacts } from './reportSql';
import type { Attrs, TableSpec } from './tableModel';

export const appraisalTable: TableSpec = {
  id: 'appraisal',
  title: '民主评议党员情况',
  unit: '人',
  entity: 'member',
  // The grades of D's year, in the branch that held the appraisal.
  source: (r) => `SELECT a.member_id AS item_id, coalesce(a.grade, 'none') AS grade FROM ${r.S}.appraisals a
    WHERE a.year = ${Number(r.asOf.slice(0, 4))} AND ${inScope(r, 'a.org_id')}`,
  attrs: ['grade'],
  rows: [
    { key: 'total', name: '参加评议的党员', indent: 0, test: () => true },
    { key: 'excellent', name: '优秀', indent: 1, parent: 'total', test: (a) => a.grade === 'excellent' },
    { key: 'qualified', name: '合格', indent: 1, parent: 'total', test: (a) => a.grade === 'qualified' },
    { key: 'basic', name: '基本合格', indent: 1, parent: 'total', test: (a) => a.grade === 'basic' },
    { key: 'unqualified', name: '不合格', indent: 1, parent: 'total', test: (a) => a.grade === 'unqualified' },
    { key: 'ungraded', name: '预备党员(参加评议,不评定等次)', indent: 1, parent: 'total', test: (a) => a.grade === 'none' },
  ],
  columns: [{ key: 'count', heads: ['人数'], test: () => true }],
};

export const trainingTable: TableSpec = {
  id: 'training',
  title: '党员培训情况',
  unit: '人、人次、学时',
  entity: 'member',
  // One row per member on the roll on D who attended a session this year: sessions and 学时 × 10.
  source: (r) => {
    const d = dateLit(r.asOf);
    return `WITH t AS MATERIALIZED (SELECT ta.member_id AS member_id, count(*) AS sessions, sum(s.hours_tenths) AS tenths
        FROM ${r.S}.training_sessions s JOIN ${r.S}.training_attendees ta ON ta.session_id = s.id
        WHERE s.session_date BETWEEN ${dateLit(r.yearStart)} AND ${d} GROUP BY ta.member_id)
      SELECT x.item_id AS item_id, t.sessions AS sessions, t.tenths AS tenths FROM (${rollSql(r)}) x JOIN t ON t.member_id = x.item_id`;
  },
  attrs: ['sessions', 'tenths'],
  rows: [
    { key: 'members', name: '参加培训的党员(人)', indent: 0, test: () => true },
    { key: 'times', name: '培训人次', indent: 0, test: () => true, value: (a) => Number(a.sessions) },
    // 学时 are kept in tenths; the form has whole 学时.
    { key: 'hours', name: '培训学时(人均以上合计,学时)', indent: 0, test: () => true, value: (a) => Number(a.tenths) / 10 },
  ],
  columns: [{ key: 'count', heads: ['数量'], test: () => true }],
};

/**
 * 预备党员转正情况: members whose probation ended (or was decided) this year: 转为正式党员 by the 转正日期,
 * 延长预备期 and 取消预备党员资格 by the decision, and those past the end of probation with no decision yet.
 */
export const probationTable: TableSpec = {
  id: 'probation',
  title: '预备党员转正情况',
  unit: '人',
  entity: 'member',
  source: (r) => {
    const d = dateLit(r.asOf);
    const y0 = dateLit(r.yearStart);
    const ext = `coalesce((SELECT sum(pd.extend_months) FROM ${r.S}.probation_decisions pd WHERE pd.member_id = m.id AND pd.kind = 'extend' AND pd.meeting_date <= ${d}), 0)`;
    // The outcome first: where the membership sat is worked out only for the few members it counts.
    return `${withFacts(r)} SELECT item_id, outcome, org_then FROM (SELECT x.id AS item_id, x.outcome AS outcome, ${orgOnSql(r, d, 'x')} AS org_then FROM (SELECT m.id AS id, m.org_id AS org_id,
        CASE WHEN m.full_date BETWEEN ${y0} AND ${d} THEN 'full'
             WHEN m.exit_reason = 'probation_cancelled' AND m.exit_date BETWEEN ${y0} AND ${d} THEN 'cancel'
             WHEN NOT ${probationarySql(d)} THEN NULL
             WHEN EXISTS (SELECT 1 FROM ${r.S}.probation_decisions pd WHERE pd.member_id = m.id AND pd.kind = 'extend' AND pd.meeting_date BETWEEN ${y0} AND ${d}) THEN 'extend'
             WHEN m.id IN (SELECT item_id FROM ${r.rolls.get(r.asOf)} WHERE probationary = 1) AND date(m.join_date, '+1 year', '+' || ${ext} || ' months') <= ${d} THEN 'pending'
        END AS outcome
      FROM ${membersOf(r)} m) x WHERE x.outcome IS NOT NULL) WHERE ${inScope(r, 'org_then')}`;
  },
  attrs: ['outcome'],
  rows: [
    { key: 'due', name: '预备期满的预备党员', indent: 0, test: () => true },
    { key: 'full', name: '转为正式党员', indent: 1, parent: 'due', test: (a) => a.outcome === 'full' },
    { key: 'extend', name: '延长预备期', indent: 1, parent: 'due', test: (a) => a.outcome === 'extend' },
    { key: 'cancel', name: '取消预备党员资格', indent: 1, parent: 'due', test: (a) => a.outcome === 'cancel' },
    { key: 'pending', name: '尚未讨论或审批', indent: 1, parent: 'due', test: (a) => a.outcome === 'pending' },
  ],
  columns: [{ key: 'count', heads: ['人数'], test: () => true }],
};

const EXIT_ROWS: [string, string, string[]][] = [
  ['expulsion', '开除党籍', ['expulsion']],
  ['withdrawal', '退党除名', ['withdrawal']],
  ['refused_advice', '劝而不退除名', ['refused_advice']],
  ['self_lapse', '自行脱党除名', ['self_lapse']],
  ['removal', '其他除名', ['removal']],
  ['probation_cancelled', '取消预备党员资格', ['probation_cancelled']],
];

export const exitTable: TableSpec = {
  id: 'exit',
  title: '党员出党情况',
  unit: '人',
  entity: 'member',
  source: (r) => `${withFacts(r)} SELECT * FROM (SELECT m.id AS item_id, m.exit_reason AS reason, ${ageSql('m.birth_date', 'm.exit_date')} AS age, ${orgOnSql(r, 'm.exit_date')} AS org_at
      FROM ${membersOf(r)} m WHERE m.exit_reason IN (${EXIT_ROWS.map(([k]) => `'${k}'`).join(', ')}) AND m.exit_date BETWEEN ${dateLit(r.yearStart)} AND ${dateLit(r.asOf)})
    WHERE ${inScope(r, 'org_at')}`,
  attrs: ['reason', 'age'],
  rows: [
    { key: 'total', name: '出党党员总数', indent: 0, test: () => true },
    ...EXIT_ROWS.map(([key, name, reasons]) => ({ key, name, indent: 1, parent: 'total', test: (a: Attrs) => reasons.includes(String(a.reason)) })),
  ],
  columns: [{ key: 'total', heads: ['人数'], test: () => true }, ...bandColumns('年龄', EXIT_AGE_BANDS, 'age')],
  note: '“劝退”在档案中记为退党,计入“退党除名”。',
};
