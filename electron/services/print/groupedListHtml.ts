// A list in groups, printed on A4: the 待办 by kind, the 数据校验 by rule, the yearly work of a branch. Each group
// has its heading with its count and a table whose header repeats on every page; the counts in the summary
// at the top are those of the groups below, so the paper agrees with the window and the xlsx.
import { escapeHtml, printDocument } from './printDocument';

export interface ListColumn {
  label: string;
  /** Width in millimetres; the last column without a width takes the rest. */
  width?: number;
  /** Dates and ID numbers never wrap. */
  nowrap?: boolean;
}

export interface ListGroup {
  title: string;
  /** Shown after the heading (a rule's note, a branch's figures). */
  note?: string;
  rows: (string | number | null)[][];
}

export interface GroupedList {
  title: string;
  /** Under the title: the date, the scope. */
  meta: string[];
  columns: ListColumn[];
  groups: ListGroup[];
  /** The heading of the summary's first column (类别, 校验项目). */
  groupLabel?: string;
  /** Said in a group without rows. */
  emptyText?: string;
  /** Words at the end (a signature line, a note on what is not counted). */
  footer?: string;
  orientation?: 'portrait' | 'landscape';
}

export function groupedListHtml(d: GroupedList): string {
  const e = escapeHtml;
  const cols = d.columns.map((c) => `<col${c.width ? ` style="width:${c.width}mm"` : ''}>`).join('');
  const head = `<thead><tr><th class="no">序号</th>${d.columns.map((c) => `<th>${e(c.label)}</th>`).join('')}</tr></thead>`;
  const total = d.groups.reduce((s, g) => s + g.rows.length, 0);
  const summary = `<table class="summary"><thead><tr><th>${e(d.groupLabel ?? '类别')}</th><th class="n">条数</th></tr></thead><tbody>${d.groups
    .map((g) => `<tr><td>${e(g.title)}</td><td class="n">${g.rows.length}</td></tr>`)
    .join('')}<tr class="total"><td>合计</td><td class="n">${total}</td></tr></tbody></table>`;
  const groups = d.groups
    .map((g) => {
      const rows = g.rows.length
        ? g.rows.map((r, i) => `<tr><td class="no">${i + 1}</td>${r.map((v, j) => `<td${d.columns[j]?.nowrap ? ' class="nw"' : ''}>${e(v)}</td>`).join('')}</tr>`).join('\n')
        : `<tr><td class="none" colspan="${d.columns.length + 1}">${e(d.emptyText ?? '无')}</td></tr>`;
      return `<section class="group"><h2>${e(g.title)}<span class="count">(${g.rows.length} 条)</span></h2>${g.note ? `<p class="note">${e(g.note)}</p>` : ''}
<table class="list"><colgroup><col style="width:10mm">${cols}</colgroup>${head}<tbody>
${rows}
</tbody></table></section>`;
    })
    .join('\n');
  return printDocument({
    title: d.title,
    font: 'sans',
    orientation: d.orientation,
    margins: [14, 12, 16, 12],
    css: `
h1 { text-align: center; font-size: 15pt; margin: 0 0 2mm; letter-spacing: 0.05em; }
.meta { display: flex; justify-content: space-between; flex-wrap: wrap; gap: 2mm 6mm; font-size: 9.5pt; margin-bottom: 3mm; }
h2 { font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
h2 .count { font-weight: normal; font-size: 10pt; margin-left: 1mm; }
p.note { font-size: 9pt; margin: 0 0 1.5mm; color: #333; }
table { table-layout: fixed; }
table th, table td { border: 0.5pt solid #000; padding: 0.9mm 1.2mm; font-size: 9pt; line-height: 1.35; }
table th { background: #eee; font-weight: bold; text-align: center; }
td.no, th.no { text-align: center; }
td.nw { white-space: nowrap; overflow-wrap: normal; word-break: keep-all; }
td.none { text-align: center; color: #555; }
table.summary { width: 110mm; margin: 0 0 2mm; }
table.summary td.n, table.summary th.n { text-align: right; width: 22mm; }
table.summary tr.total td { font-weight: bold; }
.footer { margin-top: 6mm; font-size: 10pt; }`,
    body: `<h1>${e(d.title)}</h1>
<div class="meta">${d.meta.map((m) => `<span>${e(m)}</span>`).join('')}</div>
${summary}
${groups}
${d.footer ? `<p class="footer">${e(d.footer)}</p>` : ''}`,
  });
}
