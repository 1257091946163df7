// 民主评议党员结果: a branch's grades for one year — every member who took part with their grade (预备党员 take
// part without one), the disposal of a 不合格 member, and the counts per grade with the share of 优秀
// against the one-third guideline; A4 portrait, header repeated on every page, page numbers.
import { escapeHtml, printDocument } from './printDocument';

export interface ReviewResultsData {
  orgName: string;
  year: number;
  printedOn: string;
  rows: { name: string; category: string; grade: string; disposal: string; note: string }[];
  counts: { label: string; count: number }[]; // 优秀, 合格, 基本合格, 不合格
  graded: number;
  notGraded: number; // 预备党员 who took part
  pending: number; // members of the branch without a grade yet
}

export function reviewResultsHtml(d: ReviewResultsData): string {
  const e = escapeHtml;
  const rows = d.rows.length
    ? d.rows.map((r, i) => `<tr><td class="c">${i + 1}</td><td class="c">${e(r.name)}</td><td class="c">${e(r.category)}</td><td class="c grade">${e(r.grade)}</td><td class="c">${e(r.disposal)}</td><td>${e(r.note)}</td></tr>`).join('\n')
    : '<tr><td colspan="6" class="c none">本年度尚未录入评议结果</td></tr>';
  const share = (n: number) => (d.graded ? `${((n / d.graded) * 100).toFixed(1)}%` : '—');
  const counts = d.counts.map((c) => `<td>${c.count} 人</td><td>${share(c.count)}</td>`).join('');
  const excellent = d.counts[0]?.count ?? 0;
  const body = `
<h1>${e(d.orgName)}<br>${d.year}年度民主评议党员结果</h1>
<div class="meta"><span>参加评议 ${d.graded + d.notGraded} 人,评定等次 ${d.graded} 人</span><span>打印日期:${e(d.printedOn)}</span></div>
<table class="results">
<colgroup><col class="no"><col class="name"><col class="cat"><col class="grade"><col class="disp"><col></colgroup>
<thead><tr><th>序号</th><th>姓名</th><th>人员类别</th><th>评议等次</th><th>不合格党员处置</th><th>备注</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<section class="summary">
<h2>评议等次统计</h2>
<table class="counts">
<thead><tr>${d.counts.map((c) => `<th colspan="2">${e(c.label)}</th>`).join('')}<th>评定合计</th><th>预备党员(不评定等次)</th></tr></thead>
<tbody><tr>${counts}<td>${d.graded} 人</td><td>${d.notGraded} 人</td></tr></tbody>
</table>
${excellent * 3 > d.graded && d.graded > 0 ? `<p class="warn">优秀 ${excellent} 人,超过评定等次人数的三分之一。</p>` : ''}
${d.pending > 0 ? `<p class="warn">另有 ${d.pending} 名党员尚未录入评议等次。</p>` : ''}
<div class="sign"><span>党支部书记(签字):<span class="blank"></span></span><span>${e(d.orgName)}(盖章)</span><span>年<span class="blank tiny"></span>月<span class="blank tiny"></span>日</span></div>
</section>`;
  return printDocument({
    title: `${d.orgName} ${d.year}年度民主评议党员结果`,
    font: 'serif',
    margins: [16, 15, 18, 15],
    css: `
h1 { text-align: center; font-size: 16pt; letter-spacing: 0.08em; line-height: 1.5; margin: 0 0 3mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; }
.meta { display: flex; justify-content: space-between; font-size: 10pt; margin-bottom: 2mm; }
table.results { table-layout: fixed; }
col.no { width: 12mm; } col.name { width: 26mm; } col.cat { width: 24mm; } col.grade { width: 24mm; } col.disp { width: 30mm; }
table th, table td { border: 0.6pt solid #000; padding: 1.2mm 1.5mm; font-size: 10pt; }
table th { background: #f0f0f0; font-weight: bold; text-align: center; }
td.c, table.counts td { text-align: center; }
td.none { color: #555; padding: 6mm; }
.summary { break-inside: avoid; }
p.warn { font-size: 10pt; margin: 2mm 0 0; }
.sign { display: flex; justify-content: space-between; margin-top: 10mm; font-size: 11pt; }
.blank { display: inline-block; border-bottom: 0.6pt solid #000; width: 28mm; height: 1em; }
.blank.tiny { width: 8mm; }`,
    body,
  });
}
