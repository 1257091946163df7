// Print template of 党内统计: a pure function from the figures to one self-contained HTML document
// (A4 portrait, @page margins, CJK font stack, table headers repeated on every page, page numbers where
// the printing engine supports them). The window shows it in a preview frame and prints it; the
// printing issue later prints the same HTML from a hidden window (webContents.print / printToPDF).
import type { Statistics, StatTable } from '../statistics/statistics';

export const CJK_FONT_STACK = `"Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体", "Noto Sans CJK SC", "Microsoft YaHei", serif`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function percent(count: number, total: number): string {
  return total > 0 ? `${((count / total) * 100).toFixed(1)}%` : '—';
}

function tableHtml(t: StatTable): string {
  const unit = t.unit === 'org' ? '个' : '人';
  const rows = t.rows
    .map(
      (r) =>
        `<tr${r.ofWhich ? ' class="of-which"' : ''}><td class="label">${r.ofWhich && !r.label.startsWith('其中') ? '其中:' : ''}${escapeHtml(r.label)}</td><td class="num">${r.count}</td><td class="num">${percent(r.count, t.total)}</td></tr>`,
    )
    .join('');
  const note = t.note ? `<p class="note">注:${escapeHtml(t.note)}</p>` : '';
  return `<section class="stat-table" data-table="${t.id}">
<table>
<caption>${escapeHtml(t.title)}</caption>
<thead><tr><th class="label">项目</th><th class="num">数量(${unit})</th><th class="num">占比</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><td class="label">合计</td><td class="num">${t.total}</td><td class="num">${t.total > 0 ? '100%' : '—'}</td></tr></tfoot>
</table>${note}
</section>`;
}

/** The whole report: a heading with scope and date, then every table. */
export function statsToHtml(stats: Statistics, options: { printedOn?: string } = {}): string {
  const title = `${stats.scope.name} 党内统计`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
@page { size: A4 portrait; margin: 18mm 16mm 18mm 16mm; @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 9pt; } }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; font-family: ${CJK_FONT_STACK}; font-size: 10.5pt; color: #000; background: #fff; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; letter-spacing: 0.1em; }
.meta { display: flex; justify-content: space-between; font-size: 9.5pt; margin-bottom: 5mm; border-bottom: 0.6pt solid #000; padding-bottom: 2mm; }
.stat-table { break-inside: avoid; page-break-inside: avoid; margin: 0 0 6mm; }
table { width: 100%; border-collapse: collapse; }
caption { font-weight: bold; text-align: left; font-size: 11pt; padding: 0 0 1.5mm; }
thead { display: table-header-group; } /* repeated on every page */
tfoot { display: table-footer-group; }
th, td { border: 0.6pt solid #000; padding: 1.2mm 2mm; }
th { background: #eee; font-weight: bold; }
td.num, th.num { text-align: right; width: 28mm; font-variant-numeric: tabular-nums; }
tr.of-which td.label { padding-left: 8mm; color: #222; }
tfoot td { font-weight: bold; }
.note { font-size: 9pt; margin: 1mm 0 0; color: #333; }
.footer { margin-top: 8mm; font-size: 9pt; display: flex; justify-content: space-between; }
</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<div class="meta"><span>统计范围:${escapeHtml(stats.scope.name)}</span><span>统计截止日期:${stats.asOf}(本年自 ${stats.yearStart} 起)</span><span>在册党员 ${stats.memberTotal} 名</span></div>
${stats.tables.map(tableHtml).join('\n')}
<div class="footer"><span>填报单位(盖章):</span><span>填报人:</span><span>${options.printedOn ? `打印日期:${options.printedOn}` : ''}</span></div>
</body></html>`;
}
