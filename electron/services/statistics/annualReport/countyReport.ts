// The 年报 at the county: each township's tables counted from its own rows as the county received them
// (county_rows, the township's tables row for row as JSON), with exactly the SQL the township uses, then
// summed cell by cell; and the 汇总表 with one column per township. A township's rows are copied out of the
// JSON into typed tables of an in-memory schema (`cty`) once per import, one township at a time.
import type { Archive } from '../../../../db/connection';
import type { ServiceContext } from '../../core/context';
import { getSetup } from '../../core/settings';
import { countAll, namesOf, type AnnualReport, type CellItem } from './annualReport';
import { checkTables, unexplainedMembers, type CheckFailure } from './reportChecks';
import { reportSql, type ReportSql } from './reportSql';
import { prepareRolls } from './rollTable';
import { cellItems, cellOf, sumTables, tableOf, type ReportTable, type TableSpec } from './tableModel';

/** The columns the report reads, table by table. */
const COLUMNS: Record<string, string[]> = {
  members: ['id', 'name', 'gender', 'ethnicity', 'birth_date', 'education', 'category', 'org_id', 'join_date', 'full_date', 'occupation', 'job_post', 'is_migrant_worker',
    'is_lost', 'lost_reason', 'lost_date', 'lost_month', 'exit_reason', 'exit_date', 'mobile_province', 'join_type', 'pinyin_full'],
  member_events: ['member_id', 'kind', 'event_date', 'seq', 'recorded_at', 'before', 'after'],
  transfers: ['member_id', 'direction', 'status', 'transfer_date'],
  dev_people: ['id', 'name', 'member_id', 'approval_date', 'application_date', 'activist_date', 'candidate_date', 'meeting_date', 'gender', 'ethnicity', 'birth_date', 'education', 'occupation', 'org_id'],
  dev_steps: ['person_id', 'kind', 'voided_at', 'step_date'],
  organizations: ['id', 'parent_id', 'name', 'type', 'sector', 'status', 'founded_date', 'ended_date', 'sort_order'],
  appraisals: ['member_id', 'year', 'org_id', 'grade'],
  training_sessions: ['id', 'session_date', 'hours_tenths'],
  training_attendees: ['session_id', 'member_id'],
  probation_decisions: ['member_id', 'kind', 'meeting_date', 'extend_months'],
  mobile_records: ['member_id', 'since', 'end_date', 'certificate_no'],
};
/** member_events: only the kinds the counting rules read. */
const EVENT_KINDS = ['created', 'exited', 'exit_undone', 'restored', 'moved', 'transfer', 'lost'];
const INDEXES = [
  'members(id)', 'member_events(member_id, event_date)', 'transfers(member_id)', 'dev_people(member_id)', 'dev_steps(person_id)', 'organizations(id)',
  'training_attendees(member_id)', 'training_sessions(id)', 'probation_decisions(member_id)', 'mobile_records(member_id)',
];

interface Township {
  code: string;
  name: string;
  lastSequence: number;
  packageDate: string | null;
}

const state = new WeakMap<Archive, { attached: boolean; current: string | null; version: number; queue: Promise<unknown> }>();

/** One county computation at a time per archive: the `cty` schema holds one township. */
function serial<T>(archive: Archive, fn: () => Promise<T>): Promise<T> {
  let s = state.get(archive);
  if (!s) state.set(archive, (s = { attached: false, current: null, version: -1, queue: Promise.resolve() }));
  const run = s.queue.then(fn, fn);
  s.queue = run.catch(() => undefined);
  return run;
}

async function loadTownship(archive: Archive, t: Township): Promise<void> {
  const s = state.get(archive)!;
  if (!s.attached) {
    await archive.exec("ATTACH DATABASE ':memory:' AS cty");
    s.attached = true;
  }
  const key = `${t.code}|${t.lastSequence}`;
  if (s.current === key && s.version === archive.version) return;
  for (const [table, columns] of Object.entries(COLUMNS)) {
    await archive.exec(`DROP TABLE IF EXISTS cty.${table}`);
    const kinds = table === 'member_events' ? ` AND json_extract(data, '$.kind') IN (${EVENT_KINDS.map((k) => `'${k}'`).join(', ')})` : '';
    await archive.run(
      `CREATE TABLE cty.${table} AS SELECT ${columns.map((c) => `json_extract(data, '$.${c}') AS ${c}`).join(', ')}
       FROM main.county_rows WHERE township_code = ? AND table_name = '${table}'${kinds}`,
      [t.code],
    );
  }
  for (const [i, ix] of INDEXES.entries()) await archive.exec(`CREATE INDEX cty.report_ix_${i} ON ${ix}`);
  s.current = key;
  s.version = archive.version;
}

async function townships(ctx: ServiceContext, code: string | null): Promise<Township[]> {
  const rows = await ctx.archive.query<{ code: string; name: string; last_sequence: number; last_bagging_date: string | null }>(
    `SELECT code, name, last_sequence, last_bagging_date FROM county_townships ${code ? 'WHERE code = ?' : ''} ORDER BY code`,
    code ? [code] : [],
  );
  if (code && !rows.length) throw new (await import('../../core/errors')).DomainError('bad_input', `本县没有登记代码为 ${code} 的乡镇`);
  return rows.map((r) => ({ code: r.code, name: r.name, lastSequence: r.last_sequence, packageDate: r.last_bagging_date ? r.last_bagging_date.slice(0, 10) : null }));
}

function sqlFor(t: Township, asOf: string): ReportSql {
  return reportSql('cty', `cty:${t.code}:${t.lastSequence}`, asOf, null, t.code.slice(0, 2));
}

/** One township's tables from its rows at the county. */
async function townshipTables(ctx: ServiceContext, t: Township, asOf: string): Promise<ReportTable[] | null> {
  if (!t.lastSequence) return null;
  return countAll(ctx, sqlFor(t, asOf), 'county', () => loadTownship(ctx.archive, t));
}

const SUMMARY: [string, string, [string, string, string]][] = [
  ['members', '党员总数', ['basic', 'total', 'total']],
  ['probationary', '其中:预备党员', ['basic', 'total', 'probationary']],
  ['female', '其中:女党员', ['basic', 'total', 'female']],
  ['minority', '其中:少数民族党员', ['basic', 'total', 'minority']],
  ['developed', '本年发展党员', ['change', 'in_developed', 'count']],
  ['in', '本年增加', ['change', 'in', 'count']],
  ['out', '本年减少', ['change', 'out', 'count']],
  ['party_exit', '其中:出党', ['change', 'out_party', 'count']],
  ['difference', '实有数与应有数之差', ['change', 'difference', 'count']],
  ['mobile', '流动党员', ['mobile', 'total', 'total']],
  ['lost', '失去联系党员', ['lost', 'total', 'total']],
  ['organizations', '基层党组织', ['organizations', 'total', 'total']],
  ['branches', '其中:党支部', ['organizations', 'branch', 'total']],
];

function summaryTable(list: Township[], per: (ReportTable[] | null)[], total: ReportTable[]): ReportTable {
  const spec: TableSpec = {
    id: 'summary', title: '党内统计年报汇总表(各乡镇主要数据)', unit: '人、个', entity: 'none', source: () => '', attrs: [],
    rows: SUMMARY.map(([key, name]) => ({ key, name, indent: name.startsWith('其中') ? 1 : 0 })),
    columns: [{ key: 'total', heads: ['合计'], test: () => true }, ...list.map((t) => ({ key: t.code, heads: ['各乡镇', t.name], test: () => true }))],
  };
  const value = (tables: ReportTable[] | null, [table, row, col]: [string, string, string]) => (tables ? cellOf(tables.find((x) => x.id === table)!, row, col) : 0);
  return tableOf(spec, SUMMARY.map(([, , at]) => [value(total, at), ...per.map((tables) => value(tables, at))]));
}

export function computeCountyReport(ctx: ServiceContext, asOf: string, code: string | null): Promise<AnnualReport> {
  return serial(ctx.archive, async () => {
    const setup = await getSetup(ctx);
    const list = await townships(ctx, code);
    const per: (ReportTable[] | null)[] = [];
    for (const t of list) per.push(await townshipTables(ctx, t, asOf));
    const counted = per.filter((x): x is ReportTable[] => x !== null);
    if (!counted.length) throw new (await import('../../core/errors')).DomainError('conflict', code ? `乡镇 ${list[0]?.name ?? code} 尚未报送数据` : '本县尚未收到任何乡镇的数据包');
    const tables = counted[0].map((_, i) => sumTables(counted.map((x) => x[i])));
    const countyName = setup.township?.name ?? '';
    const unitName = code ? list[0].name : `${countyName}(${list.length} 个乡镇汇总)`;
    return {
      asOf, yearStart: `${asOf.slice(0, 4)}-01-01`, unitName, scope: { orgId: null, name: unitName, township: code }, county: true, tables,
      townships: list.map((t) => ({ code: t.code, name: t.name, packageDate: t.packageDate, stale: !t.packageDate || t.packageDate < asOf })),
      summary: summaryTable(list, per, tables),
    };
  });
}

export function countyCellItems(ctx: ServiceContext, asOf: string, code: string | null, spec: TableSpec, row: string, column: string): Promise<{ entity: string; items: CellItem[] }> {
  return serial(ctx.archive, async () => {
    const items: CellItem[] = [];
    for (const t of await townships(ctx, code)) {
      if (!t.lastSequence) continue;
      await loadTownship(ctx.archive, t);
      const sql = sqlFor(t, asOf);
      await prepareRolls(ctx.archive, sql);
      const found = spec.id === 'change' && row === 'difference'
        ? await unexplainedMembers(ctx.archive, sql)
        : await namesOf(ctx, 'cty', spec.entity, await cellItems(ctx.archive, spec, sql, row, column));
      items.push(...found.map((x) => ({ ...x, township: t.name })));
    }
    return { entity: spec.entity, items };
  });
}

export function checkCountyReport(ctx: ServiceContext, report: AnnualReport, code: string | null): Promise<{ failures: CheckFailure[]; checked: number; notices: string[] }> {
  return serial(ctx.archive, async () => {
    const failures: CheckFailure[] = [];
    let checked = 0;
    for (const t of await townships(ctx, code)) {
      if (!t.lastSequence) continue;
      await loadTownship(ctx.archive, t);
      const sql = sqlFor(t, report.asOf);
      await prepareRolls(ctx.archive, sql);
      const tables = await countAll(ctx, sql, 'county', async () => undefined);
      const r = await checkTables(ctx.archive, sql, tables);
      checked += r.checked;
      failures.push(...r.failures.map((f) => ({ ...f, detail: `${t.name}:${f.detail}`, members: f.members.map((m) => ({ ...m, township: t.name })) })));
    }
    // A package older than the report date is not a fault in the figures (they are what the township sent):
    // the county is told, and decides whether to wait for a newer one.
    const notices = (report.townships ?? []).filter((t) => t.stale)
      .map((t) => `${t.name}最近一次报送的数据${t.packageDate ? `打包于 ${t.packageDate}` : '尚未收到'},早于截至日期 ${report.asOf}:其后的变动未计入`);
    return { failures, checked, notices };
  });
}
