// 党员基本信息采集表 (the 2017 collection form of the 全国党员管理信息系统): the 16 member items, numbered as
// on the form, with the signature lines of the 党员, the 信息采集员 and the 党支部书记 and the 基层党委's stamp
// line; one A4 page per member, so that a branch's forms are signed and filed one by one.
import { escapeHtml, printDocument } from './printDocument';

export interface CollectionFormData {
  /** 基层党委, e.g. 中共东城镇委员会. */
  committee: string;
  printedOn: string;
  items: {
    name: string;
    gender: string;
    ethnicity: string;
    idNumber: string;
    birthDate: string;
    education: string;
    category: string;
    orgName: string;
    joinDate: string;
    fullDate: string;
    jobPost: string;
    phone: string;
    address: string;
    standing: string; // 正常 / 停止党籍
    isLost: boolean;
    lostMonth: string; // 2024年03月, or ''
    isMobile: boolean;
    mobileProvince: string;
    mobileCity: string;
    mobileCounty: string;
  };
}

const e = escapeHtml;
const blank = (v: string) => (v ? e(v) : '&nbsp;');

function item(n: number, label: string, value: string, span = 1): string {
  return `<th><span class="n">${n}</span>${e(label)}</th><td${span > 1 ? ` colspan="${span}"` : ''}>${blank(value)}</td>`;
}

const yesNo = (v: boolean): string => (v ? '是' : '否');

function formBody(d: CollectionFormData): string {
  const f = d.items;
  return `
<h1>党员基本信息采集表</h1>
<div class="meta"><span>基层党委:${blank(d.committee)}</span><span>采集日期:<span class="fill"></span>年<span class="fill s"></span>月<span class="fill s"></span>日</span></div>
<table class="form">
<colgroup><col class="l"><col class="v"><col class="l"><col class="v"></colgroup>
<tr>${item(1, '姓名', f.name)}${item(2, '性别', f.gender)}</tr>
<tr>${item(3, '民族', f.ethnicity)}${item(4, '公民身份证号', f.idNumber)}</tr>
<tr>${item(5, '出生日期', f.birthDate)}${item(6, '学历', f.education)}</tr>
<tr>${item(7, '人员类别', f.category)}${item(8, '所在党支部', f.orgName)}</tr>
<tr>${item(9, '加入党组织日期', f.joinDate)}${item(10, '转为正式党员日期', f.fullDate)}</tr>
<tr>${item(11, '工作岗位', f.jobPost, 3)}</tr>
<tr>${item(12, '联系电话', f.phone, 3)}</tr>
<tr>${item(13, '家庭住址', f.address, 3)}</tr>
<tr>${item(14, '党籍状态', f.standing, 3)}</tr>
<tr><th><span class="n">15</span>是否为失联党员</th><td>${yesNo(f.isLost)}</td><th>失去联系日期</th><td>${f.lostMonth ? e(f.lostMonth) : '<span class="fill"></span>年<span class="fill s"></span>月'}</td></tr>
<tr><th><span class="n">16</span>是否为流动党员</th><td>${yesNo(f.isMobile)}</td><th>外出流向</th><td>${blank(f.mobileProvince)}<span class="unit">省</span>${blank(f.mobileCity)}<span class="unit">市</span>${blank(f.mobileCounty)}<span class="unit">县</span></td></tr>
</table>
<p class="note">说明:联系电话填手机号码,固定电话须含区号;家庭住址填到门牌号;失去联系日期填到年月;外出流向填到县(市、区)。</p>
<div class="signs">
<div class="sign"><span>党员本人签字:</span><span class="line"></span><span class="date"><span class="fill"></span>年<span class="fill s"></span>月<span class="fill s"></span>日</span></div>
<div class="sign"><span>信息采集员签字:</span><span class="line"></span><span class="date"><span class="fill"></span>年<span class="fill s"></span>月<span class="fill s"></span>日</span></div>
<div class="sign"><span>党支部书记签字:</span><span class="line"></span><span class="date"><span class="fill"></span>年<span class="fill s"></span>月<span class="fill s"></span>日</span></div>
<div class="sign stamp"><span>基层党委(盖章):</span><span class="line"></span><span class="date"><span class="fill"></span>年<span class="fill s"></span>月<span class="fill s"></span>日</span></div>
</div>
<div class="printed">打印日期:${e(d.printedOn)}</div>`;
}

const CSS = `
h1 { text-align: center; font-size: 19pt; letter-spacing: 0.25em; margin: 2mm 0 5mm; }
.meta { display: flex; justify-content: space-between; font-size: 10.5pt; margin-bottom: 2.5mm; }
table.form { table-layout: fixed; }
col.l { width: 43mm; } col.v { width: 46mm; }
table.form th, table.form td { border: 0.6pt solid #000; padding: 1.6mm 2mm; font-size: 11pt; height: 12.5mm; }
table.form th { font-weight: normal; text-align: left; background: #f3f3f3; }
.n { display: inline-block; min-width: 6mm; font-weight: bold; }
.unit { margin: 0 2mm 0 1mm; }
.fill { display: inline-block; border-bottom: 0.6pt solid #000; width: 13mm; height: 1em; }
.fill.s { width: 8mm; }
.note { font-size: 9pt; color: #333; margin: 2.5mm 0 6mm; }
.signs { display: flex; flex-direction: column; gap: 9mm; font-size: 11pt; }
.sign { display: flex; align-items: flex-end; gap: 2mm; }
.sign > span:first-child { width: 43mm; }
.sign .line { flex: 1; border-bottom: 0.6pt solid #000; height: 1.2em; }
.sign .date { width: 52mm; text-align: right; }
.sign.stamp .line { height: 2.6em; }
.printed { margin-top: 8mm; text-align: right; font-size: 8.5pt; color: #555; }
section.collection-form { break-after: page; page-break-after: always; }
section.collection-form:last-child { break-after: auto; page-break-after: auto; }`;

/** The forms of one member or of many (a branch), one A4 page each. */
export function collectionFormsHtml(list: CollectionFormData[]): string {
  return printDocument({
    title: list.length === 1 ? `党员基本信息采集表 ${list[0].items.name}` : `党员基本信息采集表(${list.length} 人)`,
    font: 'serif',
    pageNumbers: false,
    margins: [14, 16, 12, 16],
    css: CSS,
    body: list.map((d) => `<section class="collection-form">${formBody(d)}</section>`).join('\n'),
  });
}
