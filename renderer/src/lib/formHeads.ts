// The multi-level column heads of a 年报 form as merged cells (the archive's print and workbook merge them
// the same way): a head shared by neighbouring columns spans them; a column with fewer levels spans down.
export interface FormHead {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

export function headDepth(columns: { heads: string[] }[]): number {
  return Math.max(1, ...columns.map((c) => c.heads.length));
}

export function formHeads(columns: { heads: string[] }[]): FormHead[] {
  const depth = headDepth(columns);
  const out: FormHead[] = [];
  for (let level = 0; level < depth; level++) {
    for (let j = 0; j < columns.length; ) {
      const heads = columns[j].heads;
      if (level >= heads.length) {
        j++;
        continue;
      }
      const last = level === heads.length - 1;
      const prefix = heads.slice(0, level + 1).join('\u0000');
      let span = 1;
      if (!last) while (j + span < columns.length && columns[j + span].heads.length > level + 1 && columns[j + span].heads.slice(0, level + 1).join('\u0000') === prefix) span++;
      out.push({ row: level, col: j, rowSpan: last ? depth - level : 1, colSpan: span, text: heads[level] });
      j += span;
    }
  }
  return out;
}
