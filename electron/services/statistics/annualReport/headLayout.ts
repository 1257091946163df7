// The multi-level column heads of a form as merged cells: a head shared by neighbouring columns spans them,
// a column with fewer levels spans down to the last head row. Used by the print and by the workbook.
import type { ColumnDef } from './tableModel';

export interface HeadCell {
  /** 0-based head row and column (among the table's data columns). */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

export function headDepth(columns: ColumnDef[]): number {
  return Math.max(1, ...columns.map((c) => c.heads.length));
}

export function headLayout(columns: ColumnDef[]): HeadCell[] {
  const depth = headDepth(columns);
  const cells: HeadCell[] = [];
  for (let level = 0; level < depth; level++) {
    let j = 0;
    while (j < columns.length) {
      const heads = columns[j].heads;
      if (level >= heads.length) {
        j++;
        continue;
      }
      const last = level === heads.length - 1;
      let span = 1;
      // Neighbours share this head when everything above and at this level is the same and it is not their last level.
      if (!last) {
        while (j + span < columns.length && columns[j + span].heads.length > level + 1 && columns[j + span].heads.slice(0, level + 1).join('\u0000') === heads.slice(0, level + 1).join('\u0000')) span++;
      }
      cells.push({ row: level, col: j, rowSpan: last ? depth - level : 1, colSpan: span, text: heads[level] });
      j += span;
    }
  }
  return cells;
}
