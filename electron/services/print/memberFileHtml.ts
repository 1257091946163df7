// 党员基本信息表: one member on one A4 page, for the paper archive box (一人一盒). All core and extended
// fields, a photo box, the sub-records summarised (the latest few of each, with a count of the rest, so
// the form stays on one page), and signature and date lines.
import { escapeHtml, printDocument } from './printDocument';

export interface MemberFileData {
  township: string;
  printedOn: string;
  fields: {
    name: string;
    gender: string;
    idNumber: string;
    ethnicity: string;
    birthDate: string;
    education: string;
    degree: string;
    category: string;
    orgName: string;
    joinDate: string;
    fullDate: string;
    /** 工作岗位: the leaf, 待细化(…) for a coarse value, '' when the source said nothing. */
    jobPost: string;
    jobTitle: string;
    phone: string;
    address: string;
    nativePlace: string;
    workStartDate: string;
    workUnit: string;
    householdPlace: string;
    status: string; // 在册 / 已出党(死亡 2025-03-01) …
    flags: string; // 流动党员 / 失联党员 / ''
    remarks: string;
    // The national card's other items.
    newSocialStratum: string;
    professionalTitle: string;
    isMigrantWorker: string;
    currentResidence: string;
    partyAge: string;
    joinType: string;
    fullStatus: string;
    joinBranch: string;
    probationExtension: string;
    mobileDestination: string;
    lostMonth: string;
  };
  photoDataUrl?: string | null;
  /** Sub-records, each line already summarised in Chinese (newest first). */
  sections: { title: string; lines: string[] }[];
}

const LINES_PER_SECTION = 4;

function cell(label: string, value: string, span = 1): string {
  return `<th>${escapeHtml(label)}</th><td${span > 1 ? ` colspan="${span}"` : ''}>${escapeHtml(value) || '&nbsp;'}</td>`;
}

function memberFileBody(d: MemberFileData): string {
  const f = d.fields;
  const photo = d.photoDataUrl?.startsWith('data:image/')
    ? `<img src="${escapeHtml(d.photoDataUrl)}" alt="照片">`
    : '<span>照片</span>';
  const sections = d.sections
    .map((s) => {
      const shown = s.lines.slice(0, LINES_PER_SECTION);
      const more = s.lines.length - shown.length;
      const body = shown.length ? shown.map((l) => `<div class="line">${escapeHtml(l)}</div>`).join('') : '<div class="line none">无</div>';
      return `<tr><th class="section">${escapeHtml(s.title)}</th><td colspan="5">${body}${more > 0 ? `<div class="more">另有 ${more} 条,见档案系统</div>` : ''}</td></tr>`;
    })
    .join('');
  const body = `
<h1>党员基本信息表</h1>
<div class="meta"><span>${escapeHtml(d.township)}</span><span>打印日期:${escapeHtml(d.printedOn)}</span></div>
<table class="form">
<colgroup><col class="l"><col class="v"><col class="l"><col class="v"><col class="l"><col class="p"></colgroup>
<tr>${cell('姓名', f.name)}${cell('性别', f.gender)}<td class="photo" colspan="2" rowspan="5">${photo}</td></tr>
<tr>${cell('民族', f.ethnicity)}${cell('出生日期', f.birthDate)}</tr>
<tr>${cell('公民身份号码', f.idNumber, 3)}</tr>
<tr>${cell('学历', f.education)}${cell('学位', f.degree)}</tr>
<tr>${cell('籍贯', f.nativePlace)}${cell('参加工作日期', f.workStartDate)}</tr>
<tr>${cell('所在党支部', f.orgName, 5)}</tr>
<tr>${cell('人员类别', f.category)}${cell('入党日期', f.joinDate)}${cell('转正日期', f.fullDate)}</tr>
<tr>${cell('党龄', f.partyAge)}${cell('入党类型', f.joinType)}${cell('转正情况', f.fullStatus)}</tr>
<tr>${cell('入党时所在支部', f.joinBranch, 3)}${cell('延长预备期', f.probationExtension)}</tr>
<tr>${cell('工作岗位', f.jobPost, 3)}${cell('职务', f.jobTitle)}</tr>
<tr>${cell('专业技术职务', f.professionalTitle)}${cell('是否农民工', f.isMigrantWorker)}${cell('联系电话', f.phone)}</tr>
<tr>${cell('新社会阶层类型', f.newSocialStratum, 5)}</tr>
<tr>${cell('工作单位及职务', f.workUnit, 5)}</tr>
<tr>${cell('家庭住址', f.address, 5)}</tr>
<tr>${cell('现居住地', f.currentResidence, 5)}</tr>
<tr>${cell('户籍所在地', f.householdPlace, 5)}</tr>
<tr>${cell('党籍状态', f.status, 3)}${cell('流动/失联', f.flags || '否')}</tr>
${f.mobileDestination || f.lostMonth ? `<tr>${cell('外出流向', f.mobileDestination, 3)}${cell('失去联系日期', f.lostMonth)}</tr>` : ''}
${sections}
<tr>${cell('备注', f.remarks, 5)}</tr>
</table>
<div class="signatures">
<div>党支部意见:<span class="blank"></span></div>
<div>经办人(签字):<span class="blank short"></span></div>
<div>日期:<span class="blank short"></span>年<span class="blank tiny"></span>月<span class="blank tiny"></span>日</div>
</div>`;
  return body;
}

const MEMBER_FILE_CSS = `
h1 { text-align: center; font-size: 18pt; letter-spacing: 0.3em; margin: 0 0 3mm; }
.meta { display: flex; justify-content: space-between; font-size: 9.5pt; margin-bottom: 2mm; }
table.form { table-layout: fixed; }
col.l { width: 29mm; } col.v { width: 34mm; } col.p { width: 27mm; }
table.form th, table.form td { border: 0.6pt solid #000; padding: 1mm 1.6mm; font-size: 9.5pt; height: 7.4mm; }
table.form th { font-weight: normal; text-align: center; background: #f3f3f3; vertical-align: top; }
th.section { writing-mode: horizontal-tb; }
td.photo { text-align: center; color: #666; }
td.photo img { max-width: 25mm; max-height: 35mm; object-fit: contain; }
.line { font-size: 9.5pt; line-height: 1.35; }
.line.none, .more { color: #444; font-size: 9pt; }
.signatures { display: flex; justify-content: space-between; margin-top: 6mm; font-size: 10.5pt; }
.blank { display: inline-block; border-bottom: 0.6pt solid #000; width: 38mm; height: 1em; }
.blank.short { width: 24mm; } .blank.tiny { width: 9mm; }

section.member-file { break-after: page; page-break-after: always; }
section.member-file:last-child { break-after: auto; page-break-after: auto; }`;

/** One member's 党员基本信息表 as a document of its own. */
export function memberFileHtml(d: MemberFileData): string {
  return memberFilesHtml([d]);
}

/** Many members' forms in one document, one A4 page each (batch printing of a branch). */
export function memberFilesHtml(list: MemberFileData[]): string {
  return printDocument({
    title: list.length === 1 ? `党员基本信息表 ${list[0].fields.name}` : `党员基本信息表(${list.length} 人)`,
    font: 'serif',
    pageNumbers: false,
    margins: [14, 14, 12, 14],
    css: MEMBER_FILE_CSS,
    body: list.map((d) => `<section class="member-file">${memberFileBody(d)}</section>`).join('\n'),
  });
}
