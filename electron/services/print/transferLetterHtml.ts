// 中共党员组织关系介绍信, 一式三联 on one A4 page as offices file it: 存根 (kept by the sender), 主件 (given to
// the member for the receiving organization) and 回执 (sent back by the receiver), separated by cut lines,
// the letter's number on each part so the three can be matched again.
import { escapeHtml, printDocument } from './printDocument';

export interface TransferLetterData {
  letterNumber: string; // 〔2026〕第001号
  memberName: string;
  gender: string;
  age: number;
  ethnicity: string;
  idNumber: string;
  category: string; // 正式党员 / 预备党员
  fromOrgName: string; // the member's branch
  issuingOrgName: string; // the township 党委 that issues the letter
  destination: string; // the receiving organization
  duesPaidTo: string; // YYYY-MM
  transferDate: string;
  validUntil: string;
  validityMonths: number;
  memberPhone: string;
}

const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const chineseMonth = (ym: string) => {
  const [y, m] = ym.split('-').map(Number);
  return `${y}年${m}月`;
};

export function transferLetterHtml(d: TransferLetterData): string {
  const e = escapeHtml;
  const no = `<div class="no">${e(d.letterNumber)}</div>`;
  const body = `
<section class="part stub">
<h2>中共党员组织关系介绍信<span>(存根)</span></h2>
${no}
<p>${e(d.memberName)} 同志(${e(d.gender)},${d.age}岁,${e(d.ethnicity)},公民身份号码 ${e(d.idNumber)})系中共${e(d.category)},组织关系由
${e(d.fromOrgName)} 转到 ${e(d.destination)}。</p>
<p>党费交到 ${e(chineseMonth(d.duesPaidTo))}。有效期至 ${e(chineseDate(d.validUntil))}。</p>
<div class="date">${e(chineseDate(d.transferDate))}</div>
</section>
<div class="cut"><span>(沿此线剪开)</span></div>
<section class="part main">
<h2>中共党员组织关系介绍信</h2>
${no}
<p class="to">${e(d.destination)}:</p>
<p>兹介绍 ${e(d.memberName)} 同志(${e(d.gender)},${d.age}岁,${e(d.ethnicity)},公民身份号码 ${e(d.idNumber)})系中共${e(d.category)},
由 ${e(d.fromOrgName)} 转去你处,请接洽。</p>
<p>该同志党费已交到 ${e(chineseMonth(d.duesPaidTo))}。</p>
<p class="valid">(有效期 ${d.validityMonths} 个月,至 ${e(chineseDate(d.validUntil))})</p>
<div class="sign"><div>${e(d.issuingOrgName)}(盖章)</div><div>${e(chineseDate(d.transferDate))}</div></div>
<p class="small">党员联系电话:${e(d.memberPhone) || '________________'}  党员原所在基层党委通讯地址:________________________  联系电话:____________  邮编:________</p>
</section>
<div class="cut"><span>(沿此线剪开)</span></div>
<section class="part receipt">
<h2>中共党员组织关系介绍信<span>(回执)</span></h2>
${no}
<p class="to">${e(d.issuingOrgName)}:</p>
<p>${e(d.memberName)} 同志的党员组织关系已转达我处,特此回复。</p>
<div class="sign"><div>接收党组织(盖章)</div><div>&nbsp;&nbsp;&nbsp;&nbsp;年&nbsp;&nbsp;&nbsp;&nbsp;月&nbsp;&nbsp;&nbsp;&nbsp;日</div></div>
</section>`;
  return printDocument({
    title: `组织关系介绍信 ${d.letterNumber}`,
    font: 'serif',
    pageNumbers: false,
    margins: [12, 18, 10, 18],
    css: `
.part { break-inside: avoid; }
h2 { text-align: center; font-size: 15pt; letter-spacing: 0.12em; margin: 0 0 1mm; }
h2 span { font-size: 11pt; letter-spacing: 0; margin-left: 2mm; }
.no { text-align: right; font-size: 10.5pt; margin-bottom: 1.5mm; }
p { margin: 0 0 1.5mm; text-indent: 2em; font-size: 11pt; line-height: 1.6; overflow-wrap: anywhere; }
p.to, p.small { text-indent: 0; }
p.small { font-size: 8.5pt; margin-top: 2mm; }
p.valid { font-size: 10pt; }
.date { text-align: right; font-size: 10.5pt; }
.sign { display: flex; flex-direction: column; align-items: flex-end; font-size: 11pt; line-height: 1.8; margin-top: 2mm; }
.cut { border-top: 0.8pt dashed #000; margin: 5mm 0 4mm; text-align: center; height: 0; }
.cut span { position: relative; top: -0.75em; background: #fff; padding: 0 3mm; font-size: 8.5pt; color: #333; }`,
    body,
  });
}
