// Print of the 党内统计年报: A4 landscape, each table on its own page(s), its title, 填报单位, 截至日期 and
// multi-level heads repeated on every page (thead), the numbered rows with their names (其中 lines
// indented) and page numbers.
import type { AnnualReport } from '../statistics/annualReport/annualReport';
import { headDepth, headLayout } from '../statistics/annualReport/headLayout';
import type { ReportTable } from '../statistics/annualReport/tableModel';
import { escapeHtml, printDocument } from './printDocument';

function tableHtml(report: AnnualReport, t: ReportTable): string {
  const depth = headDepth(t.columns);
  const heads: string[][] = Array.from({ length: depth }, () => []);
  heads[0].push(`<th rowspan="${depth}" class="item">项目</th><th rowspan="${depth}" class="no">行次</th>`);
  for (const h of headLayout(t.columns)) heads[h.row].push(`<th${h.rowSpan > 1 ? ` rowspan="${h.rowSpan}"` : ''}${h.colSpan > 1 ? ` colspan="${h.colSpan}"` : ''}>${escapeHtml(h.text)}</th>`);
  const body = t.rows
    .map((r, i) => `<tr><td class="item" style="padding-left:${1.5 + r.indent * 4}mm">${escapeHtml(r.name)}</td><td class="no">${r.no}</td>${t.cells[i].map((v) => `<td class="num">${v}</td>`).join('')}</tr>`)
    .join('');
  const small = t.columns.length > 16 ? ' narrow' : '';
  // The title and 填报单位 line are the head's first row, so a table longer than a page repeats them with its heads.
  const caption = `<tr class="caption"><th colspan="${2 + t.columns.length}"><h1>${escapeHtml(t.title)}</h1>
<div class="meta"><span>填报单位:${escapeHtml(report.unitName)}</span><span>截至日期:${escapeHtml(report.asOf)}</span><span>单位:${escapeHtml(t.unit)}</span></div></th></tr>`;
  return `<section class="form${small}" data-table="${t.id}">
<table><thead>${caption}${heads.map((h) => `<tr>${h.join('')}</tr>`).join('')}</thead><tbody>${body}</tbody></table>
${t.note ? `<p class="note">注:${escapeHtml(t.note)}</p>` : ''}
</section>`;
}

export function annualReportToHtml(report: AnnualReport, options: { tables?: string[] } = {}): string {
  const tables = options.tables ? report.tables.filter((t) => options.tables!.includes(t.id)) : report.tables;
  return printDocument({
    title: `${report.unitName} 党内统计年报 ${report.asOf}`,
    orientation: 'landscape',
    font: 'sans',
    margins: [12, 10, 14, 10],
    css: `
.form { break-after: page; page-break-after: always; }
.form:last-child { break-after: auto; page-break-after: auto; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.08em; }
.meta { display: flex; justify-content: space-between; font-size: 9.5pt; margin-bottom: 2mm; }
th, td { border: 0.5pt solid #000; padding: 0.6mm 1mm; font-size: 8.5pt; }
th { background: #eee; font-weight: bold; text-align: center; }
tr.caption th { border: none; background: none; font-weight: normal; padding: 0 0 1mm; }
td.item { white-space: nowrap; }
td.no { text-align: center; width: 9mm; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.narrow th, .narrow td { font-size: 7pt; padding: 0.4mm 0.5mm; }
.note { font-size: 8.5pt; margin: 1mm 0 0; }`,
    body: tables.map((t) => tableHtml(report, t)).join('\n'),
  });
}
