// 党内统计年报: every table of the report as of a day (年报 31 December, 半年报 30 June by default) for the
// township, one organization's subtree, or — at a county archive — one township or all of them.
import type { ServiceContext } from '../../core/context';
import { todayOf } from '../../core/context';
import { DomainError } from '../../core/errors';
import { getSetup } from '../../core/settings';
import { getOrgRow } from '../../organizations/organizations';
import { changeTable } from './changeTable';
import { developedTable, pipelineTable } from './developmentTables';
import { lostTable, mobileTable } from './mobileLostTables';
import { organizationTable, townshipVillageTable } from './organizationTables';
import { reportSql, type ReportSql } from './reportSql';
import { rollGroups } from './rollGroups';
import { prepareRolls } from './rollTable';
import { basicTable, educationTable, joinPeriodTable } from './rollTables';
import { cellItems, countTable, type ReportTable, type TableSpec } from './tableModel';
import { appraisalTable, exitTable, probationTable, trainingTable } from './yearTables';

export * from './tableModel';

/** The tables in the order of the forms. */
export const TABLE_SPECS: TableSpec[] = [
  changeTable, basicTable, joinPeriodTable, educationTable, townshipVillageTable, appraisalTable, trainingTable,
  probationTable, exitTable, developedTable, pipelineTable, mobileTable, lostTable, organizationTable,
];
export const TABLE_IDS = TABLE_SPECS.map((t) => t.id);

export function specOf(id: string): TableSpec {
  const spec = TABLE_SPECS.find((t) => t.id === id);
  if (!spec) throw new DomainError('bad_input', `没有名为“${id}”的年报表`);
  return spec;
}

export interface AnnualReportQuery {
  /** The report date; default 31 December of this year (半年报: 30 June). */
  asOf?: string | null;
  period?: 'annual' | 'half' | null;
  orgId?: string | null;
  /** County archive: one township's code; absent: all townships summed. */
  township?: string | null;
}

export interface AnnualReport {
  asOf: string;
  yearStart: string;
  /** 填报单位. */
  unitName: string;
  scope: { orgId: string | null; name: string; township: string | null };
  county: boolean;
  tables: ReportTable[];
  /** County: each township counted, with the date of its last package (stale: older than the report date). */
  townships?: { code: string; name: string; packageDate: string | null; stale: boolean }[];
  /** County: 汇总表, the key figures with one column per township. */
  summary?: ReportTable;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function reportDate(ctx: ServiceContext, q: { asOf?: string | null; period?: 'annual' | 'half' | null }): string {
  if (q.asOf) {
    if (!DATE.test(q.asOf) || Number.isNaN(Date.parse(q.asOf))) throw new DomainError('bad_input', `统计日期应为 YYYY-MM-DD,收到“${q.asOf}”`);
    return q.asOf;
  }
  return `${todayOf(ctx).slice(0, 4)}-${q.period === 'half' ? '06-30' : '12-31'}`;
}

/** The township's rows in the archive's own tables. */
export async function townshipSql(ctx: ServiceContext, asOf: string, orgId: string | null): Promise<{ sql: ReportSql; name: string; unitName: string; rootOrgId: string }> {
  const setup = await getSetup(ctx);
  if (!setup.rootOrgId || !setup.township) throw new DomainError('conflict', '请先设置乡镇名称和代码');
  const whole = !orgId || orgId === setup.rootOrgId;
  const org = await getOrgRow(ctx.archive, whole ? setup.rootOrgId : orgId!);
  return { sql: reportSql('main', 'main', asOf, whole ? null : org.id, setup.township.code.slice(0, 2)), name: org.name, unitName: org.name, rootOrgId: setup.rootOrgId };
}

const cache = new WeakMap<object, { version: number; values: Map<string, ReportTable[]> }>();

/** Every table for one source of rows (cached until the archive's next write). */
export async function countAll(ctx: ServiceContext, sql: ReportSql, cacheKey: string, prepare?: () => Promise<void>): Promise<ReportTable[]> {
  let c = cache.get(ctx.archive);
  if (!c || c.version !== ctx.archive.version) cache.set(ctx.archive, (c = { version: ctx.archive.version, values: new Map() }));
  const key = `${cacheKey}|${sql.sourceKey}|${sql.asOf}|${sql.orgId ?? ''}`;
  const hit = c.values.get(key);
  if (hit) return hit;
  if (prepare) await prepare();
  await prepareRolls(ctx.archive, sql);
  const roll = TABLE_SPECS.some((t) => t.fromRoll) ? await rollGroups(ctx.archive, sql) : undefined;
  const tables: ReportTable[] = [];
  for (const spec of TABLE_SPECS) tables.push(await countTable(ctx.archive, spec, sql, spec.fromRoll ? roll : undefined));
  c.values.set(key, tables);
  return tables;
}

export async function computeAnnualReport(ctx: ServiceContext, q: AnnualReportQuery): Promise<AnnualReport> {
  const asOf = reportDate(ctx, q);
  const setup = await getSetup(ctx);
  if (setup.role === 'county') {
    const { computeCountyReport } = await import('./countyReport');
    return computeCountyReport(ctx, asOf, q.township ?? null);
  }
  const t = await townshipSql(ctx, asOf, q.orgId ?? null);
  const tables = await countAll(ctx, t.sql, 'township');
  return { asOf, yearStart: t.sql.yearStart, unitName: t.unitName, scope: { orgId: t.sql.orgId, name: t.name, township: setup.township?.code ?? null }, county: false, tables };
}

export interface CellQuery extends AnnualReportQuery {
  table: string;
  row: string;
  column: string;
}

export interface CellItem {
  id: string;
  name: string;
  orgName: string;
  township?: string;
}

/** What a cell counts, by name: the members (or organizations) behind the number. */
export async function annualCellItems(ctx: ServiceContext, q: CellQuery): Promise<{ entity: string; items: CellItem[] }> {
  const asOf = reportDate(ctx, q);
  const spec = specOf(q.table);
  const setup = await getSetup(ctx);
  if (setup.role === 'county') {
    const { countyCellItems } = await import('./countyReport');
    return countyCellItems(ctx, asOf, q.township ?? null, spec, q.row, q.column);
  }
  const t = await townshipSql(ctx, asOf, q.orgId ?? null);
  if (q.table === 'change' && q.row === 'difference') {
    await prepareRolls(ctx.archive, t.sql);
    const { unexplainedMembers } = await import('./reportChecks');
    return { entity: 'member', items: await unexplainedMembers(ctx.archive, t.sql) };
  }
  await prepareRolls(ctx.archive, t.sql);
  const ids = await cellItems(ctx.archive, spec, t.sql, q.row, q.column);
  return { entity: spec.entity, items: await namesOf(ctx, 'main', spec.entity, ids) };
}

export async function namesOf(ctx: ServiceContext, S: string, entity: string, ids: string[]): Promise<CellItem[]> {
  if (!ids.length) return [];
  const list = JSON.stringify(ids);
  if (entity === 'org') {
    return ctx.archive.query<CellItem>(`SELECT o.id AS id, o.name AS name, coalesce(p.name, '') AS orgName FROM ${S}.organizations o LEFT JOIN ${S}.organizations p ON p.id = o.parent_id
      WHERE o.id IN (SELECT value FROM json_each(?)) ORDER BY o.sort_order, o.name`, [list]);
  }
  if (entity === 'none') {
    return ctx.archive.query<CellItem>(`SELECT p.id AS id, p.name AS name, coalesce(o.name, '') AS orgName FROM ${S}.dev_people p LEFT JOIN ${S}.organizations o ON o.id = p.org_id
      WHERE p.id IN (SELECT value FROM json_each(?)) ORDER BY o.sort_order, p.name`, [list]);
  }
  return ctx.archive.query<CellItem>(`SELECT m.id AS id, m.name AS name, coalesce(o.name, '') AS orgName FROM ${S}.members m LEFT JOIN ${S}.organizations o ON o.id = m.org_id
    WHERE m.id IN (SELECT value FROM json_each(?)) ORDER BY o.sort_order, m.pinyin_full`, [list]);
}
