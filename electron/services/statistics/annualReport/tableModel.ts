// The shape of a 年报 table as the county's forms lay it out (numbered rows with an indent for their 其中
// lines, multi-level column heads, one number per cell) and the one way every table is counted: the table's
// SQL yields one row per thing counted (a member, a movement, an organization) with the attributes the form
// sorts it by; the archive groups those rows (GROUP BY every attribute: a few hundred groups) and each cell
// is the sum of the groups its row and its column accept. The same row and column tests pick the members
// behind a cell, so a number and the list it clicks through to can never disagree.
import type { Archive } from '../../../../db/connection';
import type { ReportSql } from './reportSql';

export type Attrs = Record<string, string | number | null>;

export interface RowDef {
  key: string;
  name: string;
  /** 0 for a top line; each 其中 / sub-line one more. */
  indent: number;
  /** The line this one is a part of (for 校核: no part larger than its whole). */
  parent?: string;
  /** A 其中 line: a part of the parent that is not one of its partition. */
  ofWhich?: boolean;
}

export interface ColumnDef {
  key: string;
  /** The heads from the top level down to this column's own: ['年龄', '30岁及以下']. */
  heads: string[];
  /** The column this one is a part of (预备党员 of 总数); columns with the same `partition` add up to it. */
  partOf?: string;
  partition?: string;
}

export type Entity = 'member' | 'org' | 'none';

export interface ReportTable {
  id: string;
  title: string;
  /** What the cells count: 人, 个, 人次, 学时. */
  unit: string;
  entity: Entity;
  rows: (RowDef & { no: number })[];
  columns: ColumnDef[];
  /** cells[row][column]. */
  cells: number[][];
  /** Rows whose cells are worked out from other rows (应有数): no list behind them. */
  derivedRows: string[];
  note?: string;
}

export interface RowSpec extends RowDef {
  test?: (a: Attrs) => boolean;
  /** A line worked out from others, column by column (本年底应有数 = 上年底 + 增加 − 减少). */
  formula?: (row: (key: string) => number) => number;
  /** What one source row adds to this line (default: 1). */
  value?: (a: Attrs) => number;
}

export interface ColumnSpec extends ColumnDef {
  test: (a: Attrs) => boolean;
}

export interface TableSpec {
  id: string;
  title: string;
  unit: string;
  entity: Entity;
  /** SELECT … AS item_id, <attributes> FROM …: one row per thing counted. */
  source: (r: ReportSql) => string;
  attrs: string[];
  rows: RowSpec[];
  columns: ColumnSpec[];
  note?: string;
  /** The table counts the roll of D by its dimensions only (rollGroups.ts): it folds the roll's shared groups. */
  fromRoll?: boolean;
  /** The source already grouped (attributes and n), where grouping `source` row by row would be slow. */
  grouped?: (r: ReportSql) => string;
}

export const ALL = (): boolean => true;

/** Count a table: one grouped query, then each cell is the sum of the groups its row and column accept. */
export async function countTable(archive: Archive, spec: TableSpec, r: ReportSql, shared?: (Attrs & { n: number })[]): Promise<ReportTable> {
  const list = spec.attrs.join(', ');
  const groups = shared ?? (await archive.query<Attrs & { n: number }>(spec.grouped ? spec.grouped(r) : `SELECT ${list}, count(*) AS n FROM (${spec.source(r)}) GROUP BY ${list}`));
  const cells = spec.rows.map(() => spec.columns.map(() => 0));
  const counted = spec.rows.map((row, i) => ({ row, i })).filter(({ row }) => !row.formula);
  for (const g of groups) {
    const cols = spec.columns.map((c, j) => (c.test(g) ? j : -1)).filter((j) => j >= 0);
    if (!cols.length) continue;
    for (const { row, i } of counted) {
      if (row.test && !row.test(g)) continue;
      const v = (row.value ? row.value(g) : 1) * Number(g.n);
      for (const j of cols) cells[i][j] += v;
    }
  }
  const index = new Map(spec.rows.map((row, i) => [row.key, i]));
  spec.rows.forEach((row, i) => {
    if (!row.formula) return;
    spec.columns.forEach((_, j) => (cells[i][j] = row.formula!((k) => cells[index.get(k)!][j])));
  });
  return tableOf(spec, cells);
}

export function tableOf(spec: TableSpec, cells: number[][]): ReportTable {
  return {
    id: spec.id,
    title: spec.title,
    unit: spec.unit,
    entity: spec.entity,
    rows: spec.rows.map(({ key, name, indent, parent, ofWhich }, i) => ({ key, name, indent, no: i + 1, ...(parent ? { parent } : {}), ...(ofWhich ? { ofWhich } : {}) })),
    columns: spec.columns.map(({ key, heads, partOf, partition }) => ({ key, heads, ...(partOf ? { partOf } : {}), ...(partition ? { partition } : {}) })),
    cells,
    derivedRows: spec.rows.filter((r) => r.formula).map((r) => r.key),
    ...(spec.note ? { note: spec.note } : {}),
  };
}

/** The ids of what a cell counts (members or organizations), by the same tests that counted it. */
export async function cellItems(archive: Archive, spec: TableSpec, r: ReportSql, rowKey: string, columnKey: string): Promise<string[]> {
  const row = spec.rows.find((x) => x.key === rowKey);
  const column = spec.columns.find((x) => x.key === columnKey);
  if (!row || !column || row.formula) return [];
  const items = await archive.query<Attrs & { item_id: string }>(`SELECT item_id, ${spec.attrs.join(', ')} FROM (${spec.source(r)})`);
  const ids = new Set<string>();
  for (const a of items) if ((!row.test || row.test(a)) && column.test(a) && (row.value ? row.value(a) : 1) > 0) ids.add(a.item_id);
  return [...ids];
}

/** A grouped table summed cell by cell (the county's tables over its townships). */
export function sumTables(tables: ReportTable[]): ReportTable {
  const [first] = tables;
  return { ...first, cells: first.cells.map((row, i) => row.map((_, j) => tables.reduce((s, t) => s + (t.cells[i]?.[j] ?? 0), 0))) };
}

export function cellOf(t: ReportTable, rowKey: string, columnKey: string): number {
  const i = t.rows.findIndex((r) => r.key === rowKey);
  const j = t.columns.findIndex((c) => c.key === columnKey);
  if (i < 0 || j < 0) throw new Error(`${t.title}: 没有 ${rowKey}/${columnKey}`);
  return t.cells[i][j];
}
