// 党员花名册: a branch's (or a status view's) members on A4 landscape, as offices file them: a title,
// 序号, the columns the clerk chose, the header repeated on every page, rows never split, page numbers,
// and the totals once at the end. The township's is laid out branch by branch (a heading, the branch's
// own 序号 and a subtotal, each branch on pages of its own, so each can be handed to its branch).
import { escapeHtml, printDocument } from './printDocument';

export interface RosterColumn {
  key: string;
  label: string;
  /** Relative width; dates and codes narrow, addresses wide. */
  weight?: number;
}

export interface RosterSection {
  /** The branch's name, over its table. */
  heading: string;
  rows: Record<string, string>[];
  subtotal: { label: string; value: string }[];
}

export interface RosterData {
  title: string; // e.g. 中共东王村支部委员会 党员花名册
  subtitle: string; // e.g. 全部在册 · 截至 2026-11-28
  columns: RosterColumn[];
  /** The rows of one table (the flat layout); empty when there are sections. */
  rows: Record<string, string>[];
  /** Per branch: a heading, the branch's table numbered from 1, its subtotal; each branch starts a page. */
  sections?: RosterSection[];
  totals: { label: string; value: string }[];
  printedOn: string;
}

/** Columns that must never wrap: an ID number split over two lines is misread and mistyped. */
const ONE_LINE = new Set(['idNumber', 'birthDate', 'joinDate', 'fullDate', 'exitDate', 'phone']);

const figures = (list: { label: string; value: string }[]) => list.map((t) => `<span>${escapeHtml(t.label)}:${escapeHtml(t.value)}</span>`).join('');

export function rosterHtml(d: RosterData): string {
  const weights = d.columns.map((c) => c.weight ?? 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const cols = `<col class="no">${d.columns.map((_, i) => `<col style="width:${((weights[i] / sum) * 100).toFixed(2)}%">`).join('')}`;
  const head = `<tr><th>序号</th>${d.columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join('')}</tr>`;
  const cell = (c: RosterColumn, r: Record<string, string>) => `<td${ONE_LINE.has(c.key) ? ' class="nowrap"' : ''}>${escapeHtml(r[c.key])}</td>`;
  const table = (rows: Record<string, string>[]) => `<table class="roster">
<colgroup>${cols}</colgroup>
<thead>${head}</thead>
<tbody>
${rows.map((r, i) => `<tr><td class="no">${i + 1}</td>${d.columns.map((c) => cell(c, r)).join('')}</tr>`).join('\n') || `<tr><td colspan="${d.columns.length + 1}" class="empty">没有符合条件的党员</td></tr>`}
</tbody>
</table>`;
  const content = d.sections?.length
    ? d.sections
        .map((s) => `<section class="branch">
<h2>${escapeHtml(s.heading)}</h2>
${table(s.rows)}
<div class="subtotal">${figures(s.subtotal)}</div>
</section>`)
        .join('\n')
    : table(d.rows);
  const body = `
<h1>${escapeHtml(d.title)}</h1>
<div class="meta"><span>${escapeHtml(d.subtitle)}</span><span>打印日期:${escapeHtml(d.printedOn)}</span></div>
${content}
<div class="totals">${figures(d.totals)}</div>`;
  return printDocument({
    title: d.title,
    orientation: 'landscape',
    font: 'sans',
    margins: [12, 10, 14, 10],
    css: `
h1 { text-align: center; font-size: 16pt; letter-spacing: 0.15em; margin: 0 0 2mm; }
.meta { display: flex; justify-content: space-between; font-size: 9pt; margin-bottom: 2mm; }
table.roster { table-layout: fixed; }
col.no { width: 11mm; }
table.roster th, table.roster td { border: 0.5pt solid #000; padding: 1mm 1.2mm; font-size: 9pt; line-height: 1.3; }
table.roster th { background: #eee; font-weight: bold; text-align: center; }
td.no { text-align: center; }
td.empty { text-align: center; color: #555; padding: 6mm; }
td.nowrap { white-space: nowrap; overflow-wrap: normal; word-break: normal; }
section.branch + section.branch { break-before: page; }
section.branch h2 { font-size: 12pt; margin: 3mm 0 2mm; break-after: avoid; }
/* The screen has no pages: the preview marks where paper starts the next branch. */
@media screen {
  section.branch + section.branch { margin-top: 6mm; padding-top: 2mm; border-top: 0.5pt dashed #999; }
  section.branch + section.branch::before { content: "另起一页"; display: block; text-align: center; font-size: 8pt; color: #888; }
}
.subtotal { margin-top: 1.5mm; font-size: 9pt; display: flex; gap: 6mm; justify-content: flex-end; break-inside: avoid; break-before: avoid; }
.totals { margin-top: 3mm; font-size: 9.5pt; display: flex; gap: 8mm; flex-wrap: wrap; break-inside: avoid; }`,
    body,
  });
}
