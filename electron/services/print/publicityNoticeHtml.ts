// 发展对象公示: the notice a branch posts before the 支部大会 — the 发展对象 with the fields offices publish
// (never the ID number or the address: the notice hangs on a public board), the 公示 period and where to
// send opinions, signed by the branch.
import { escapeHtml, printDocument } from './printDocument';

export interface PublicityNoticeData {
  orgName: string; // 中共东王村支部委员会
  issuingOrgName: string; // the township 党委 that receives opinions
  printedOn: string;
  /** The 公示 period when recorded; blank lines to fill in by hand otherwise. */
  period: { start: string; end: string; workdays: number } | null;
  people: {
    name: string;
    gender: string;
    birthMonth: string; // YYYY-MM (the notice gives 出生年月, not the day)
    ethnicity: string;
    education: string;
    occupation: string;
    applicationDate: string;
    activistDate: string;
    candidateDate: string;
  }[];
}

const cn = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return d ? `${y}年${m}月${d}日` : `${y}年${m}月`;
};

export function publicityNoticeHtml(d: PublicityNoticeData): string {
  const e = escapeHtml;
  const period = d.period
    ? `${cn(d.period.start)}至${cn(d.period.end)}(${d.period.workdays}个工作日)`
    : '<span class="blank"></span>年<span class="blank tiny"></span>月<span class="blank tiny"></span>日至<span class="blank"></span>年<span class="blank tiny"></span>月<span class="blank tiny"></span>日';
  const rows = d.people.length
    ? d.people
        .map((p, i) => `<tr><td class="c">${i + 1}</td><td class="c">${e(p.name)}</td><td class="c">${e(p.gender)}</td><td class="c">${e(p.birthMonth)}</td><td class="c">${e(p.ethnicity)}</td><td class="c">${e(p.education)}</td><td>${e(p.occupation)}</td><td class="c">${e(p.applicationDate)}</td><td class="c">${e(p.activistDate)}</td><td class="c">${e(p.candidateDate)}</td></tr>`)
        .join('\n')
    : '<tr><td colspan="10" class="c none">本支部目前没有发展对象</td></tr>';
  const body = `
<h1>发展对象公示</h1>
<p>根据《中国共产党发展党员工作细则》的规定,经${e(d.orgName)}研究,拟将下列${d.people.length}名同志列为预备党员接收对象(发展对象),现予以公示。</p>
<table class="people">
<colgroup><col class="no"><col class="name"><col class="g"><col class="bm"><col class="eth"><col class="edu"><col><col class="d"><col class="d"><col class="d"></colgroup>
<thead><tr><th>序号</th><th>姓名</th><th>性别</th><th>出生年月</th><th>民族</th><th>学历</th><th>职业</th><th>申请入党日期</th><th>确定积极分子日期</th><th>确定发展对象日期</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="period">公示时间:${period}。</p>
<p>公示期间,党员和群众可通过来信、来电、来访等方式向${e(d.orgName)}或${e(d.issuingOrgName)}组织办反映上述同志的情况和问题。反映问题应实事求是,以个人名义反映的请署真实姓名;以单位名义反映的请加盖公章。</p>
<p class="contact">联系电话:<span class="blank wide"></span>  联系人:<span class="blank"></span></p>
<div class="sign"><div>${e(d.orgName)}(盖章)</div><div>${d.period ? e(cn(d.period.start)) : '&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;年&nbsp;&nbsp;&nbsp;&nbsp;月&nbsp;&nbsp;&nbsp;&nbsp;日'}</div></div>`;
  return printDocument({
    title: `发展对象公示 ${d.orgName}`,
    font: 'serif',
    margins: [18, 16, 18, 16],
    css: `
h1 { text-align: center; font-size: 20pt; letter-spacing: 0.3em; margin: 2mm 0 6mm; }
p { text-indent: 2em; font-size: 12pt; line-height: 1.8; margin: 0 0 3mm; }
p.contact { text-indent: 2em; }
table.people { table-layout: fixed; margin: 2mm 0 5mm; }
col.no { width: 9mm; } col.name { width: 18mm; } col.g { width: 9mm; } col.bm { width: 17mm; } col.eth { width: 12mm; } col.edu { width: 17mm; } col.d { width: 21mm; }
table.people th, table.people td { border: 0.6pt solid #000; padding: 1.2mm 1mm; font-size: 9.5pt; line-height: 1.35; }
table.people th { font-weight: bold; background: #f0f0f0; }
td.c { text-align: center; } td.none { color: #555; padding: 5mm; }
.blank { display: inline-block; border-bottom: 0.6pt solid #000; width: 16mm; height: 1em; }
.blank.tiny { width: 8mm; } .blank.wide { width: 40mm; }
.sign { display: flex; flex-direction: column; align-items: flex-end; font-size: 12pt; line-height: 2; margin-top: 8mm; break-inside: avoid; }`,
    body,
  });
}
