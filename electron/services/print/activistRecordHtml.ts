// 入党积极分子培养考察登记表 (summary): one activist's record on one A4 page, as the branch keeps it in the
// development file — the person, the 入党申请书 and 谈话 dates, the day they became an activist with their
// 培养联系人, every 考察 (date, who reviewed, what was found), the later steps, and the opinion and signature
// lines the paper form has.
import { escapeHtml, printDocument } from './printDocument';

export interface ActivistRecordData {
  township: string;
  printedOn: string;
  person: {
    name: string;
    gender: string;
    ethnicity: string;
    birthDate: string;
    idNumber: string;
    education: string;
    occupation: string;
    orgName: string;
    phone: string;
    address: string;
    stage: string; // 入党积极分子 / 发展对象 …
  };
  applicationDate: string;
  talkDate: string;
  activistDate: string;
  contacts: string[]; // 培养联系人 names
  /** 考察 entries, oldest first. */
  reviews: { date: string; by: string; note: string }[];
  /** Later steps already taken (政治审查, 集中培训, 确定为发展对象 …), oldest first, each one line. */
  laterSteps: { date: string; text: string }[];
}

// The form must stay on one A4 page whatever the record holds: the latest 考察 only (the older ones
// counted), each note and the address cut to what two lines hold, the later steps to a few lines.
/** More 考察 than this (several years as an activist) are summarised. */
export const REVIEWS_SHOWN = 6;
export const NOTE_CHARS = 60;
const ADDRESS_CHARS = 84;
const LATER_SHOWN = 6;
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const row = (label: string, value: string, span = 1) =>
  `<th>${escapeHtml(label)}</th><td${span > 1 ? ` colspan="${span}"` : ''}>${escapeHtml(value) || '&nbsp;'}</td>`;

export function activistRecordHtml(d: ActivistRecordData): string {
  const p = d.person;
  const shown = d.reviews.slice(-REVIEWS_SHOWN);
  const hidden = d.reviews.length - shown.length;
  const reviews = shown.length
    ? shown.map((r, i) => `<tr><td class="c">${hidden + i + 1}</td><td class="c">${escapeHtml(r.date)}</td><td>${escapeHtml(r.by) || '&nbsp;'}</td><td>${escapeHtml(cut(r.note, NOTE_CHARS)) || '&nbsp;'}</td></tr>`).join('')
    : '<tr><td colspan="4" class="c none">尚无考察记录</td></tr>';
  const laterShown = d.laterSteps.slice(-LATER_SHOWN);
  const later = laterShown.length
    ? `${d.laterSteps.length > laterShown.length ? `(较早的 ${d.laterSteps.length - laterShown.length} 项略)` : ''}${laterShown.map((s) => `${escapeHtml(s.date)} ${escapeHtml(s.text)}`).join(';')}`
    : '<span class="none">无</span>';
  const body = `
<h1>入党积极分子培养考察登记表</h1>
<div class="meta"><span>${escapeHtml(d.township)}</span><span>打印日期:${escapeHtml(d.printedOn)}</span></div>
<table class="form">
<colgroup><col class="l"><col class="v"><col class="l"><col class="v"><col class="l"><col class="v"></colgroup>
<tr>${row('姓名', p.name)}${row('性别', p.gender)}${row('民族', p.ethnicity)}</tr>
<tr>${row('出生日期', p.birthDate)}${row('公民身份号码', p.idNumber, 3)}</tr>
<tr>${row('学历', p.education)}${row('职业', p.occupation)}${row('联系电话', p.phone)}</tr>
<tr>${row('所在党支部', p.orgName, 3)}${row('目前阶段', p.stage)}</tr>
<tr>${row('家庭住址', cut(p.address, ADDRESS_CHARS), 5)}</tr>
<tr>${row('递交入党申请书', d.applicationDate)}${row('党组织谈话', d.talkDate)}${row('确定为积极分子', d.activistDate)}</tr>
<tr>${row('培养联系人', d.contacts.join('、'), 5)}</tr>
</table>
<h2>培养考察情况</h2>
<table class="reviews">
<colgroup><col class="no"><col class="date"><col class="by"><col></colgroup>
<thead><tr><th>次</th><th>考察日期</th><th>考察人</th><th>考察情况</th></tr></thead>
<tbody>${reviews}</tbody>
</table>
${hidden > 0 ? `<div class="more">另有较早的 ${hidden} 次考察,见档案系统</div>` : ''}
<table class="form later">
<colgroup><col class="l"><col></colgroup>
<tr><th>其后进展</th><td>${later}</td></tr>
<tr><th>培养联系人意见</th><td class="opinion"><div class="sig">签字:<span class="blank short"></span> 年<span class="blank tiny"></span>月<span class="blank tiny"></span>日</div></td></tr>
<tr><th>党支部意见</th><td class="opinion"><div class="sig">党支部书记(签字):<span class="blank short"></span>(党支部盖章) 年<span class="blank tiny"></span>月<span class="blank tiny"></span>日</div></td></tr>
</table>`;
  return printDocument({
    title: `入党积极分子培养考察登记表 ${p.name}`,
    font: 'serif',
    pageNumbers: false,
    margins: [14, 14, 12, 14],
    css: `
h1 { text-align: center; font-size: 17pt; letter-spacing: 0.15em; margin: 0 0 3mm; }
h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; }
.meta { display: flex; justify-content: space-between; font-size: 9.5pt; margin-bottom: 2mm; }
table.form, table.reviews { table-layout: fixed; }
col.l { width: 27mm; } col.no { width: 9mm; } col.date { width: 26mm; } col.by { width: 34mm; }
table.form th, table.form td, table.reviews th, table.reviews td { border: 0.6pt solid #000; padding: 1.2mm 1.6mm; font-size: 10pt; }
table.form th, table.form td { height: 8.4mm; }
table.form th, table.reviews th { font-weight: normal; background: #f3f3f3; text-align: center; }
table.later { margin-top: 3mm; }
td.c { text-align: center; }
.none, .more { color: #444; font-size: 9pt; }
.more { margin-top: 1mm; }
table.form td.opinion { height: 24mm; vertical-align: bottom; }
.sig { text-align: right; font-size: 10pt; }
.blank { display: inline-block; border-bottom: 0.6pt solid #000; width: 24mm; height: 1em; }
.blank.tiny { width: 8mm; }`,
    body,
  });
}
