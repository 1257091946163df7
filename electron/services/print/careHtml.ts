// A4 prints of 培训, 党内关爱 and 设岗定责 (pure data → HTML, on the shared printDocument shell): a session's
// 签到表 (one line per attendee with an empty box to sign, on paper the trainees pass round), the 关爱基金
// 收支台账 of a year (per fund: balance brought forward, every movement with its running balance, totals and
// the balance carried forward), and the 设岗定责 roster with the year's 党建联系点.
import { escapeHtml, printDocument } from './printDocument';
import type { TrainingSessionDetail } from '../practices/training';
import type { FundLedger } from '../practices/care';
import type { LiaisonRow, PostRow } from '../practices/posts';

const yuan = (fen: number) => (fen / 100).toFixed(2);

const TABLE_CSS = `
h1 { text-align: center; font-size: 17pt; letter-spacing: 0.1em; margin: 0 0 3mm; }
h2 { font-size: 12.5pt; margin: 5mm 0 2mm; }
.meta { display: flex; flex-wrap: wrap; gap: 2mm 8mm; font-size: 10pt; margin-bottom: 3mm; }
.meta.split { justify-content: space-between; }
table.grid th, table.grid td { border: 0.5pt solid #000; padding: 1.4mm 1.5mm; font-size: 10pt; line-height: 1.35; }
table.grid th { background: #eee; font-weight: bold; text-align: center; }
td.no, td.c { text-align: center; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.empty { text-align: center; color: #555; padding: 6mm; }
tr.total td { font-weight: bold; }
.sign-foot { margin-top: 6mm; display: flex; justify-content: space-between; font-size: 10.5pt; break-inside: avoid; }`;

export function trainingSignInHtml(s: TrainingSessionDetail, township: string, printedOn: string): string {
  const rows = s.attendeeList
    .map((a, i) => `<tr><td class="no">${i + 1}</td><td>${escapeHtml(a.name)}</td><td>${escapeHtml(a.orgName)}</td><td class="sign"></td><td></td></tr>`)
    .join('\n');
  const body = `
<h1>${escapeHtml(township)}党员培训签到表</h1>
<div class="meta">
  <span>培训主题:${escapeHtml(s.topic)}</span>
  <span>日期:${escapeHtml(s.date)}</span>
  <span>地点:${escapeHtml(s.placeKindLabel)} · ${escapeHtml(s.place)}</span>
  <span>学时:${escapeHtml(s.hours)}</span>
  <span>主办:${escapeHtml(s.organizer)}</span>
  <span>应到:${s.attendeeList.length} 人</span>
</div>
<table class="grid">
<colgroup><col style="width:12mm"><col style="width:28mm"><col><col style="width:40mm"><col style="width:26mm"></colgroup>
<thead><tr><th>序号</th><th>姓名</th><th>所在党组织</th><th>本人签名</th><th>备注</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="5" class="empty">没有登记参加培训的党员</td></tr>'}
</tbody>
</table>
<div class="sign-foot"><span>实到:______ 人</span><span>记录人:__________</span><span>打印日期:${escapeHtml(printedOn)}</span></div>`;
  return printDocument({ title: `培训签到表 ${s.date} ${s.topic}`, font: 'sans', css: `${TABLE_CSS}\ntd.sign { height: 9mm; }`, body });
}

export function careLedgerHtml(ledger: { year: number; funds: FundLedger[] }, township: string, printedOn: string): string {
  const sections = ledger.funds
    .map((f) => {
      const rows = f.entries
        .map((e, i) => `<tr><td class="no">${i + 1}</td><td class="c">${escapeHtml(e.date)}</td><td>${escapeHtml(e.kind === 'income' ? `收入:${e.summary}` : `支出:${e.summary}`)}</td><td class="n">${e.inFen ? yuan(e.inFen) : ''}</td><td class="n">${e.outFen ? yuan(e.outFen) : ''}</td><td class="n">${yuan(e.balanceFen)}</td></tr>`)
        .join('\n');
      return `
<h2>${escapeHtml(f.fundName)}</h2>
<table class="grid">
<colgroup><col style="width:11mm"><col style="width:25mm"><col><col style="width:26mm"><col style="width:26mm"><col style="width:28mm"></colgroup>
<thead><tr><th>序号</th><th>日期</th><th>摘要</th><th>收入(元)</th><th>支出(元)</th><th>余额(元)</th></tr></thead>
<tbody>
<tr><td></td><td class="c">${ledger.year}-01-01</td><td>上年结转</td><td></td><td></td><td class="n">${yuan(f.openingFen)}</td></tr>
${rows}
<tr class="total"><td></td><td></td><td>本年合计</td><td class="n">${yuan(f.inFen)}</td><td class="n">${yuan(f.outFen)}</td><td class="n">${yuan(f.closingFen)}</td></tr>
</tbody>
</table>`;
    })
    .join('\n');
  const body = `
<h1>${escapeHtml(township)}党内关爱基金收支台账(${ledger.year}年)</h1>
<div class="meta split"><span>单位:元</span><span>打印日期:${escapeHtml(printedOn)}</span></div>
${sections || '<p class="empty">尚未建立关爱基金</p>'}
<div class="sign-foot"><span>经办人:__________</span><span>审核人:__________</span><span>负责人:__________</span></div>`;
  return printDocument({ title: `党内关爱基金收支台账 ${ledger.year}`, font: 'sans', css: TABLE_CSS, body });
}

export function postsRosterHtml(year: number, posts: PostRow[], liaisons: LiaisonRow[], township: string, printedOn: string): string {
  const rows = posts
    .map((p, i) => `<tr><td class="no">${i + 1}</td><td>${escapeHtml(p.name)}</td><td>${escapeHtml(p.orgName)}</td><td class="c">${escapeHtml(p.kindLabel)}</td><td>${escapeHtml(p.post)}</td><td>${escapeHtml(p.area)}</td><td class="c">${escapeHtml(p.fromDate)} 至 ${escapeHtml(p.toDate ?? '今')}</td></tr>`)
    .join('\n');
  const liaisonRows = liaisons
    .map((l, i) => `<tr><td class="no">${i + 1}</td><td>${escapeHtml(l.leaderName)}</td><td>${escapeHtml(l.leaderPost)}</td><td>${escapeHtml(l.unit)}</td><td class="c">${escapeHtml(l.fromDate)}${l.toDate ? ` 至 ${escapeHtml(l.toDate)}` : ' 起'}</td></tr>`)
    .join('\n');
  const body = `
<h1>${escapeHtml(township)}无职党员设岗定责花名册(${year}年)</h1>
<div class="meta split"><span>共 ${posts.length} 个岗位</span><span>打印日期:${escapeHtml(printedOn)}</span></div>
<table class="grid">
<colgroup><col style="width:11mm"><col style="width:22mm"><col style="width:58mm"><col style="width:26mm"><col style="width:48mm"><col><col style="width:50mm"></colgroup>
<thead><tr><th>序号</th><th>姓名</th><th>所在党组织</th><th>类别</th><th>岗位</th><th>责任区 / 服务范围</th><th>起止日期</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="7" class="empty">本年度没有设岗定责记录</td></tr>'}
</tbody>
</table>
<h2>党建工作联系点</h2>
<table class="grid">
<colgroup><col style="width:11mm"><col style="width:28mm"><col style="width:70mm"><col><col style="width:50mm"></colgroup>
<thead><tr><th>序号</th><th>领导姓名</th><th>职务</th><th>联系单位</th><th>建立日期</th></tr></thead>
<tbody>
${liaisonRows || '<tr><td colspan="5" class="empty">本年度没有党建联系点</td></tr>'}
</tbody>
</table>`;
  return printDocument({ title: `设岗定责花名册 ${year}`, orientation: 'landscape', font: 'sans', margins: [12, 10, 14, 10], css: TABLE_CSS, body });
}
