// 报表校核: the checks the county runs before a report goes up, each with the members behind a failure.
// - The same totals across tables (基本情况 总计 = 学历 = 入党时间 = 本年底实有数; 流动 and 失联 totals; 发展 and
//   出党 against 党员数量变化).
// - No part larger than its whole, and the parts of a partition adding up to it (职业 rows, age bands,
//   学历 groups …): the members in the whole and in none of its parts are named (e.g. a 职业 too coarse for a row).
// - 实有数 − 应有数 = 0, or the members whose movements are missing are named.
import type { Archive } from '../../../../db/connection';
import type { ServiceContext } from '../../core/context';
import { computeAnnualReport, namesOf, specOf, townshipSql, reportDate, type AnnualReportQuery, type CellItem } from './annualReport';
import { movementsSql, type ReportSql } from './reportSql';
import { prepareRolls } from './rollTable';
import { cellItems, cellOf, type ReportTable } from './tableModel';

export interface CheckFailure {
  table: string;
  title: string;
  detail: string;
  members: (CellItem & { note?: string })[];
}

export interface ReportCheck {
  asOf: string;
  unitName: string;
  passed: boolean;
  checked: number;
  failures: CheckFailure[];
  /** What the clerk should know but is no fault in the figures (a township's package older than the date). */
  notices: string[];
}

/** Members whose roll on D does not follow from last year's end and the year's movements. */
export async function unexplainedMembers(archive: Archive, r: ReportSql): Promise<(CellItem & { note: string })[]> {
  const rows = await archive.query<{ id: string; prev: number; ins: number; outs: number; now: number }>(
    `SELECT item_id AS id, sum(what = 'prev') AS prev, sum(what = 'in') AS ins, sum(what = 'out') AS outs, sum(what = 'now') AS now
     FROM (${movementsSql(r)}) GROUP BY item_id HAVING sum(what = 'prev') + sum(what = 'in') - sum(what = 'out') <> sum(what = 'now')`,
  );
  if (!rows.length) return [];
  const named = new Map((await namesOf({ archive, actor: '' }, r.S, 'member', rows.map((x) => x.id))).map((m) => [m.id, m]));
  return rows.map((x) => {
    const m = named.get(x.id)!;
    const note = x.now > x.prev + x.ins - x.outs
      ? `${r.asOf} 在册,但${x.prev ? '' : `上年底(${r.prevEnd})的总数中没有该党员,`}本年没有相应的发展、转入或恢复党籍记录(档案可能是直接新建的,应补登组织关系转入)`
      : `${r.asOf} 不在册,但本年没有相应的出党、停止党籍、死亡或转出记录`;
    return { ...m, note };
  });
}

interface Ctx {
  archive: Archive;
  sql: ReportSql | null;
  tables: Map<string, ReportTable>;
  failures: CheckFailure[];
  checked: number;
}

async function itemsOf(c: Ctx, table: string, row: string, column: string): Promise<Set<string>> {
  if (!c.sql) return new Set();
  return new Set(await cellItems(c.archive, specOf(table), c.sql, row, column));
}

async function fail(c: Ctx, table: string, detail: string, ids: string[], note?: string): Promise<void> {
  const t = c.tables.get(table)!;
  const members = c.sql ? (await namesOf({ archive: c.archive, actor: '' }, c.sql.S, t.entity, ids.slice(0, 500))).map((m) => ({ ...m, ...(note ? { note } : {}) })) : [];
  c.failures.push({ table, title: t.title, detail, members });
}

/** Equal totals in two tables; the members counted in one and not the other are named. */
async function sameTotal(c: Ctx, a: [string, string, string], b: [string, string, string]): Promise<void> {
  c.checked++;
  const ta = c.tables.get(a[0])!;
  const tb = c.tables.get(b[0])!;
  const va = cellOf(ta, a[1], a[2]);
  const vb = cellOf(tb, b[1], b[2]);
  if (va === vb) return;
  const sa = await itemsOf(c, ...a);
  const sb = await itemsOf(c, ...b);
  const only = [...sa].filter((x) => !sb.has(x)).concat([...sb].filter((x) => !sa.has(x)));
  await fail(c, a[0], `${ta.title}“${rowName(ta, a[1])}”${va} 与${tb.title}“${rowName(tb, b[1])}”${vb} 不一致`, only);
}

function rowName(t: ReportTable, key: string): string {
  return t.rows.find((r) => r.key === key)?.name ?? key;
}
function columnName(t: ReportTable, key: string): string {
  return t.columns.find((x) => x.key === key)?.heads.join('·') ?? key;
}

/** Within one table: parts not larger than their whole, partitions adding up, by rows and by columns. */
async function partsAndWholes(c: Ctx, t: ReportTable): Promise<void> {
  const derived = new Set(t.derivedRows);
  const counted = t.rows.filter((r) => !derived.has(r.key));
  for (const row of counted) {
    if (!row.parent || derived.has(row.parent)) continue;
    const pi = t.rows.findIndex((r) => r.key === row.parent);
    const ri = t.rows.indexOf(row);
    for (const [j, col] of t.columns.entries()) {
      c.checked++;
      if (t.cells[ri][j] <= t.cells[pi][j]) continue;
      const part = await itemsOf(c, t.id, row.key, col.key);
      const whole = await itemsOf(c, t.id, row.parent, col.key);
      await fail(c, t.id, `“${row.name}”${t.cells[ri][j]} 大于“${rowName(t, row.parent)}”${t.cells[pi][j]}(${columnName(t, col.key)})`, [...part].filter((x) => !whole.has(x)));
    }
  }
  // Row partitions: the non-其中 lines directly under a line add up to it.
  for (const parent of counted) {
    const children = counted.filter((r) => r.parent === parent.key && !r.ofWhich);
    if (!children.length) continue;
    const pi = t.rows.indexOf(parent);
    for (const [j, col] of t.columns.entries()) {
      c.checked++;
      const sum = children.reduce((s, r) => s + t.cells[t.rows.indexOf(r)][j], 0);
      if (sum === t.cells[pi][j]) continue;
      const whole = await itemsOf(c, t.id, parent.key, col.key);
      for (const r of children) for (const x of await itemsOf(c, t.id, r.key, col.key)) whole.delete(x);
      const coarse = t.rows.some((r) => r.key === 'public');
      await fail(c, t.id, `“${parent.name}”${t.cells[pi][j]} 不等于其下各项之和 ${sum}(${columnName(t, col.key)})${coarse ? ':职业只填了大类、不能归入任何一行的党员,请在档案中补填工作岗位' : ''}`, [...whole]);
      break; // one line per parent: the members are the same in every column
    }
  }
  // Column parts and partitions.
  for (const [j, col] of t.columns.entries()) {
    if (!col.partOf) continue;
    const wj = t.columns.findIndex((x) => x.key === col.partOf);
    for (const [i, row] of t.rows.entries()) {
      if (derived.has(row.key)) continue;
      c.checked++;
      if (t.cells[i][j] <= t.cells[i][wj]) continue;
      await fail(c, t.id, `“${row.name}”的“${columnName(t, col.key)}”${t.cells[i][j]} 大于“${columnName(t, col.partOf)}”${t.cells[i][wj]}`, []);
    }
  }
  const partitions = new Map<string, number[]>();
  t.columns.forEach((col, j) => col.partition && partitions.set(col.partition, [...(partitions.get(col.partition) ?? []), j]));
  for (const [name, cols] of partitions) {
    const wj = t.columns.findIndex((x) => x.key === t.columns[cols[0]].partOf);
    for (const [i, row] of t.rows.entries()) {
      if (derived.has(row.key)) continue;
      c.checked++;
      const sum = cols.reduce((s, j) => s + t.cells[i][j], 0);
      if (sum === t.cells[i][wj]) continue;
      const whole = await itemsOf(c, t.id, row.key, t.columns[wj].key);
      for (const j of cols) for (const x of await itemsOf(c, t.id, row.key, t.columns[j].key)) whole.delete(x);
      await fail(c, t.id, `“${row.name}”按${t.columns[cols[0]].heads[0]}分列之和 ${sum} 不等于“${columnName(t, t.columns[wj].key)}”${t.cells[i][wj]}(${name})`, [...whole]);
      break;
    }
  }
}

export async function checkTables(archive: Archive, sql: ReportSql | null, tables: ReportTable[]): Promise<{ failures: CheckFailure[]; checked: number }> {
  const c: Ctx = { archive, sql, tables: new Map(tables.map((t) => [t.id, t])), failures: [], checked: 0 };
  const actual: [string, string, string] = ['change', 'actual', 'count'];
  await sameTotal(c, ['basic', 'total', 'total'], actual);
  await sameTotal(c, ['education', 'total', 'total'], actual);
  await sameTotal(c, ['joinPeriod', 'total', 'total'], actual);
  await sameTotal(c, ['townshipVillage', 'total', 'total'], actual);
  await sameTotal(c, ['mobile', 'total', 'total'], ['townshipVillage', 'total', 'mobile']);
  await sameTotal(c, ['lost', 'total', 'total'], ['townshipVillage', 'total', 'lost']);
  await sameTotal(c, ['developed', 'total', 'total'], ['change', 'in_developed', 'count']);
  await sameTotal(c, ['exit', 'total', 'total'], ['change', 'out_party', 'count']);
  await sameTotal(c, ['basic', 'total', 'probationary'], ['townshipVillage', 'total', 'probationary']);
  for (const t of tables) await partsAndWholes(c, t);
  c.checked++;
  const change = c.tables.get('change')!;
  const difference = cellOf(change, 'difference', 'count');
  if (difference !== 0) {
    const members = sql ? await unexplainedMembers(archive, sql) : [];
    c.failures.push({
      table: 'change', title: change.title,
      detail: `本年底实有数 ${cellOf(change, 'actual', 'count')} 与应有数 ${cellOf(change, 'expected', 'count')} 相差 ${difference}:以下党员的增减记录不全`,
      members,
    });
  }
  return { failures: c.failures, checked: c.checked };
}

export async function checkAnnualReport(ctx: ServiceContext, q: AnnualReportQuery): Promise<ReportCheck> {
  const report = await computeAnnualReport(ctx, q);
  let sql: ReportSql | null = null;
  if (!report.county) {
    sql = (await townshipSql(ctx, reportDate(ctx, q), q.orgId ?? null)).sql;
    await prepareRolls(ctx.archive, sql);
  }
  const { failures, checked, notices } = report.county
    ? await (await import('./countyReport')).checkCountyReport(ctx, report, q.township ?? null)
    : { ...(await checkTables(ctx.archive, sql, report.tables)), notices: [] };
  return { asOf: report.asOf, unitName: report.unitName, passed: failures.length === 0, checked, failures, notices };
}
