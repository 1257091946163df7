// 预备党员转正表决结果: the record of the 支部大会 that voted on a 预备党员's 转正 — meeting date, those
// entitled to vote, present and absent, for / against / abstain, the two majorities the rule requires and
// the result — on one A4 page with the branch secretary's and the 党委's signature lines.
import { escapeHtml, printDocument } from './printDocument';

export interface FullMembershipVoteData {
  orgName: string;
  issuingOrgName: string;
  printedOn: string;
  member: { name: string; gender: string; ethnicity: string; birthDate: string; education: string; joinDate: string };
  /** Probation as decided: one year from 入党日期, later by an extension. */
  probationEnd: string;
  extension: { months: number; meetingDate: string } | null;
  meetingDate: string;
  vote: { entitled: number; present: number; yes: number; no: number; abstain: number };
  /** The 转正日期 the vote gave (the end of probation). */
  fullDate: string;
  note: string;
}

const half = (n: number) => Math.floor(n / 2) + 1;
/** The record stays on one page: a long meeting note is cut (the archive keeps it whole). */
const NOTE_CHARS = 160;

export function fullMembershipVoteHtml(d: FullMembershipVoteData): string {
  const e = escapeHtml;
  const v = d.vote;
  const attendanceOk = v.present * 2 > v.entitled;
  const yesOk = v.yes * 2 > v.entitled;
  const passed = attendanceOk && yesOk;
  const cell = (label: string, value: string | number, span = 1) => `<th>${e(label)}</th><td${span > 1 ? ` colspan="${span}"` : ''}>${e(value) || '&nbsp;'}</td>`;
  const body = `
<h1>预备党员转正表决结果</h1>
<div class="meta"><span>${e(d.orgName)}</span><span>打印日期:${e(d.printedOn)}</span></div>
<table class="form">
<colgroup><col class="l"><col><col class="l"><col><col class="l"><col></colgroup>
<tr>${cell('姓名', d.member.name)}${cell('性别', d.member.gender)}${cell('民族', d.member.ethnicity)}</tr>
<tr>${cell('出生日期', d.member.birthDate)}${cell('学历', d.member.education)}${cell('入党日期', d.member.joinDate)}</tr>
<tr>${cell('预备期', `${d.member.joinDate} 至 ${d.probationEnd}${d.extension ? `(${d.extension.meetingDate} 支部大会决定延长 ${d.extension.months} 个月)` : ''}`, 5)}</tr>
<tr>${cell('支部大会日期', d.meetingDate)}${cell('所在党支部', d.orgName, 3)}</tr>
</table>
<h2>表决情况</h2>
<table class="vote">
<thead><tr><th>应到会有表决权的正式党员</th><th>实到</th><th>未到</th><th>同意</th><th>反对</th><th>弃权</th></tr></thead>
<tbody><tr class="figures"><td>${v.entitled} 人</td><td>${v.present} 人</td><td>${v.entitled - v.present} 人</td><td>${v.yes} 票</td><td>${v.no} 票</td><td>${v.abstain} 票</td></tr></tbody>
</table>
<ul class="checks">
<li>实到会有表决权的正式党员 ${v.present} 人,${attendanceOk ? '超过' : '未超过'}应到人数的半数(至少 ${half(v.entitled)} 人)。</li>
<li>同意票 ${v.yes} 票,${yesOk ? '超过' : '未超过'}应到会有表决权正式党员的半数(至少 ${half(v.entitled)} 票)。</li>
</ul>
<p class="result">表决结果:<strong>${passed ? `通过。同意${e(d.member.name)}同志${d.extension ? '' : '按期'}转为中共正式党员,党龄自 ${e(d.fullDate)} 算起。` : '未通过。'}</strong></p>
${d.note ? `<p class="note">备注:${e(d.note.length > NOTE_CHARS ? `${d.note.slice(0, NOTE_CHARS - 1)}…` : d.note)}</p>` : ''}
<table class="form sign">
<colgroup><col class="l"><col></colgroup>
<tr><th>党支部意见</th><td class="opinion"><div class="sig">党支部书记(签字):<span class="blank"></span>(党支部盖章) 年<span class="blank tiny"></span>月<span class="blank tiny"></span>日</div></td></tr>
<tr><th>${e(d.issuingOrgName) || '基层党委'}审批意见</th><td class="opinion"><div class="sig">(党委盖章) 年<span class="blank tiny"></span>月<span class="blank tiny"></span>日</div></td></tr>
</table>`;
  return printDocument({
    title: `预备党员转正表决结果 ${d.member.name}`,
    font: 'serif',
    pageNumbers: false,
    margins: [16, 16, 14, 16],
    css: `
h1 { text-align: center; font-size: 18pt; letter-spacing: 0.2em; margin: 0 0 4mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; }
.meta { display: flex; justify-content: space-between; font-size: 10pt; margin-bottom: 2mm; }
table.form { table-layout: fixed; }
col.l { width: 26mm; }
table.form th, table.form td, table.vote th, table.vote td { border: 0.6pt solid #000; padding: 1.5mm 2mm; font-size: 10.5pt; }
table.form th, table.form td { height: 9mm; }
table.form th, table.vote th { font-weight: normal; background: #f3f3f3; text-align: center; }
table.vote td { text-align: center; font-size: 12pt; height: 11mm; }
ul.checks { margin: 3mm 0; padding-left: 6mm; font-size: 11pt; line-height: 1.8; }
p.result { font-size: 12pt; margin: 3mm 0; line-height: 1.8; }
p.note { font-size: 10.5pt; }
table.sign { margin-top: 6mm; }
table.form td.opinion { height: 30mm; vertical-align: bottom; }
.sig { text-align: right; }
.blank { display: inline-block; border-bottom: 0.6pt solid #000; width: 26mm; height: 1em; }
.blank.tiny { width: 8mm; }`,
    body,
  });
}
