// The prints of 党建实务, each a pure function data → A4 HTML: the minutes of a meeting with its
// attendance (会议记录), a pair's yearly record (结对共建年度记录) and the township's 五事工作法 funnel.
import { escapeHtml as e, printDocument } from './printDocument';
import type { MeetingView } from '../practices/orgLife';
import type { PairYearRecord } from '../practices/pairing';
import type { AffairsSummary } from '../practices/villageAffairs';
import { FUNNEL_LABELS } from '../practices/villageAffairs';
import { yuanOf } from '../core/validation';

const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const paragraphs = (text: string | null) => (text ? text.split(/\r?\n/).filter((l) => l.trim()).map((l) => `<p>${e(l)}</p>`).join('') : '<p class="muted">(未记录)</p>');

const FORM_CSS = `
h1 { text-align: center; font-size: 18pt; margin: 0 0 4mm; letter-spacing: 2pt; }
.sub { text-align: center; margin: 0 0 5mm; }
table.form td, table.form th { border: 0.6pt solid #000; padding: 2mm 2.5mm; }
table.form th { width: 24mm; font-weight: normal; text-align: center; background: #f2f2f2; }
table.grid th, table.grid td { border: 0.6pt solid #000; padding: 1.4mm 2mm; }
table.grid th { background: #f2f2f2; font-weight: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.minutes p { margin: 0 0 2mm; text-indent: 2em; }
.muted { color: #555; }
.sign { margin-top: 8mm; display: flex; justify-content: space-between; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; }
`;

/** 会议记录: the meeting, its attendance (出席 / 请假 with reasons / 缺席) and the minutes. */
export function meetingMinutesHtml(m: MeetingView, township: string): string {
  const names = (s: string) => m.attendance.filter((a) => a.status === s).map((a) => e(a.name) + (a.reason ? `(${e(a.reason)})` : '')).join('、') || '无';
  const body = `
<h1>${e(m.kindLabel)}会议记录</h1>
<p class="sub">${e(township)} · ${e(m.orgName)}</p>
<table class="form">
<tr><th>会议时间</th><td>${chineseDate(m.date)}</td><th>会议地点</th><td>${e(m.place ?? '')}</td></tr>
<tr><th>主持人</th><td>${e(m.presidedBy)}</td><th>会议类型</th><td>${e(m.kindLabel)}</td></tr>
<tr><th>会议主题</th><td colspan="3">${e(m.topic)}</td></tr>
<tr><th>应到人数</th><td>${m.attendance.length} 人</td><th>实到人数</th><td>${m.present} 人(请假 ${m.leave} 人,缺席 ${m.absent} 人)</td></tr>
<tr><th>出席人员</th><td colspan="3">${names('present')}</td></tr>
<tr><th>请假人员</th><td colspan="3">${names('leave')}</td></tr>
<tr><th>缺席人员</th><td colspan="3">${names('absent')}</td></tr>
<tr><th>会议内容</th><td colspan="3" class="minutes">${paragraphs(m.minutes)}</td></tr>
${m.files.length ? `<tr><th>附件</th><td colspan="3">${m.files.map((f) => e(f.fileName)).join('、')}</td></tr>` : ''}
</table>
<div class="sign"><span>主持人(签字):</span><span>记录人(签字):</span><span>${chineseDate(m.date)}</span></div>`;
  return printDocument({ title: `${m.orgName} ${m.kindLabel}会议记录 ${m.date}`, font: 'serif', css: FORM_CSS, body });
}

/** 结对共建年度记录: the pair, its units, the year's log of help and the totals. */
export function pairYearHtml(r: PairYearRecord, township: string): string {
  const p = r.pair;
  const units = (role: string) => p.units.filter((u) => u.role === role).map((u) => e(u.name)).join('、');
  const t = p.year;
  const rows = r.entries.map((x, i) => `<tr><td class="num">${i + 1}</td><td>${x.date}</td><td>${x.measures ? `${x.measures} 项` : ''}${x.measuresText ? ` ${e(x.measuresText)}` : ''}</td>
<td class="num">${x.problemsSolved || ''}</td><td class="num">${x.moneyFen ? yuanOf(x.moneyFen) : ''}</td><td>${e(x.goods ?? '')}${x.goodsFen ? `(折 ${yuanOf(x.goodsFen)} 元)` : ''}</td>
<td class="num">${x.cadresExchanged || ''}</td><td class="num">${x.trainings ? `${x.trainings} 期 ${x.trainees} 人次` : ''}</td></tr>`).join('');
  const body = `
<h1>城乡结对共建年度记录</h1>
<p class="sub">${e(township)} · ${r.yearNumber} 年度</p>
<table class="form">
<tr><th>结对名称</th><td colspan="3">${e(p.name)}</td></tr>
<tr><th>结对形式</th><td>${e(p.kindLabel)}</td><th>结对日期</th><td>${chineseDate(p.startDate)}${p.endDate ? ` 至 ${chineseDate(p.endDate)}` : ''}</td></tr>
<tr><th>帮扶方</th><td colspan="3">${units('helper')}</td></tr>
<tr><th>受帮扶方</th><td colspan="3">${units('helped')}</td></tr>
<tr><th>联合党组织</th><td colspan="3">${e(p.jointOrgName ?? '未建立')}</td></tr>
</table>
<h2>帮扶记录</h2>
<table class="grid">
<thead><tr><th>序号</th><th>日期</th><th>措施办法</th><th>解决难题(个)</th><th>资金(元)</th><th>物资</th><th>干部交流(人次)</th><th>培训</th></tr></thead>
<tbody>${rows || '<tr><td colspan="8" class="muted">本年度尚无帮扶记录</td></tr>'}</tbody>
<tfoot><tr><td colspan="2">本年合计(${t.entries} 次)</td><td>${t.measures} 项</td><td class="num">${t.problemsSolved}</td><td class="num">${yuanOf(t.moneyFen)}</td><td>折 ${yuanOf(t.goodsFen)} 元</td><td class="num">${t.cadresExchanged}</td><td class="num">${t.trainings} 期 ${t.trainees} 人次</td></tr></tfoot>
</table>
<p class="muted">自结对以来累计:措施 ${p.all.measures} 项,解决难题 ${p.all.problemsSolved} 个,资金 ${yuanOf(p.all.moneyFen)} 元,物资折价 ${yuanOf(p.all.goodsFen)} 元,干部交流 ${p.all.cadresExchanged} 人次,培训 ${p.all.trainings} 期 ${p.all.trainees} 人次。</p>`;
  return printDocument({ title: `${p.name} ${r.yearNumber} 年度结对共建记录`, font: 'serif', css: FORM_CSS, body });
}

/** 五事工作法 funnel of the township for a year: the steps as a table per village with the township's totals. */
export function affairsFunnelHtml(s: AffairsSummary, year: number, township: string): string {
  const top = Math.max(1, s.township.proposed);
  const steps = FUNNEL_LABELS.slice(0, 7);
  const bars = steps.map(([k, l]) => `<tr><td>${l}</td><td class="num">${s.township[k]}</td><td class="bar"><span style="width:${Math.round((s.township[k] / top) * 100)}%"></span></td><td class="num">${Math.round((s.township[k] / top) * 1000) / 10}%</td></tr>`).join('');
  const rows = s.villages.map((v) => `<tr><td>${e(v.orgName)}</td>${FUNNEL_LABELS.map(([k]) => `<td class="num">${v[k]}</td>`).join('')}</tr>`).join('');
  const body = `
<h1>“五事工作法”运行情况统计</h1>
<p class="sub">${e(township)} · ${year} 年度(统计至 ${s.asOf})</p>
<table class="grid funnel"><thead><tr><th>环节</th><th>件数</th><th>占提事件数</th><th>比例</th></tr></thead><tbody>${bars}</tbody></table>
<p>全乡镇 ${year} 年民主提事 ${s.township.proposed} 件,其中 ${s.township.discussed} 件经联席会议讨论审议,对 ${s.township.amended} 个议题进行了修改完善,
${s.township.voted} 个议题进入票决程序(通过 ${s.township.passed} 个),已办结 ${s.township.done} 件,已公开监事 ${s.township.supervised} 件;终止 ${s.township.stopped} 件,超期未办结 ${s.township.overdue} 件。</p>
<h2>分村情况</h2>
<table class="grid"><thead><tr><th>村党组织</th>${FUNNEL_LABELS.map(([, l]) => `<th>${l}</th>`).join('')}</tr></thead>
<tbody>${rows || `<tr><td colspan="${FUNNEL_LABELS.length + 1}" class="muted">本年度尚无事项</td></tr>`}</tbody>
<tfoot><tr><td>合计</td>${FUNNEL_LABELS.map(([k]) => `<td class="num">${s.township[k]}</td>`).join('')}</tr></tfoot></table>`;
  return printDocument({
    title: `${township} ${year} 年五事工作法统计`, font: 'sans', css: `${FORM_CSS}
table.funnel td.bar { width: 55%; } table.funnel td.bar span { display: block; height: 4mm; background: #b4232a; -webkit-print-color-adjust: exact; print-color-adjust: exact; }`, body,
  });
}
