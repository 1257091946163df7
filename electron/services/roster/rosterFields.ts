// How offices write their rosters, and how each cell becomes a stored field: the header names each
// field goes by (with the synonyms offices use), and readers for the ways dates, ID numbers, codes and
// yes/no are written by hand. Pure functions: the wizard, the CLI and the tests share them.
import { CODE_LISTS, type CodeListName } from '../core/codes';
import { normalizeIdNumber } from '../members/idNumber';
import { excelSerialToIso, type RosterCell } from './rosterRead';

/** Fields a roster column can fill. `orgName` is the branch by name; the rest are member fields. */
export const ROSTER_FIELDS = [
  'name', 'gender', 'idNumber', 'ethnicity', 'birthDate', 'education', 'category', 'orgName', 'joinDate', 'fullDate',
  'occupation', 'jobTitle', 'phone', 'address', 'isMobile', 'isLost', 'lostReason', 'lostDate', 'nativePlace', 'degree',
  'workStartDate', 'workUnit', 'householdPlace', 'remarks', 'exitReason', 'exitDate', 'exitNote',
  // The national system's items (its member-library export has a column for each).
  'newSocialStratum', 'professionalTitle', 'isMigrantWorker', 'currentResidence', 'partyAgeAdjustMonths', 'joinType', 'fullStatus',
  'joinBranch', 'probationExtensionMonths', 'mobileProvince', 'mobileCity', 'mobileCounty',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** The header our own exports write for each field (first synonym), then what offices also write. */
export const FIELD_HEADERS: Record<RosterField, string[]> = {
  name: ['姓名', '党员姓名', '名字'],
  gender: ['性别'],
  idNumber: ['公民身份号码', '身份证号', '身份证号码', '身份证', '身份证件号码', '公民身份证号码', '公民身份证号', '身份证编号'],
  ethnicity: ['民族'],
  birthDate: ['出生日期', '出生年月', '出生年月日', '出生时间'],
  education: ['学历', '文化程度', '全日制学历', '最高学历', '文化'],
  category: ['人员类别', '党员类别', '类别', '党员身份'],
  orgName: ['所在党支部', '所在支部', '支部', '党支部', '所属党支部', '所属支部', '所在党组织', '党组织', '支部名称', '党支部名称'],
  joinDate: ['入党日期', '入党时间', '入党年月', '加入党组织日期'],
  fullDate: ['转正日期', '转正时间', '转正年月', '转为正式党员日期'],
  occupation: ['职业', '工作岗位', '工作岗位(职业)', '职业类别', '岗位类别'],
  jobTitle: ['职务', '岗位', '具体岗位', '现任职务'],
  phone: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', '电话号码'],
  address: ['家庭住址', '住址', '现住址', '家庭地址', '居住地址'],
  isMobile: ['是否流动党员', '流动党员'],
  isLost: ['是否失联党员', '是否失联', '失联党员'],
  lostReason: ['失联原因'],
  lostDate: ['失联日期', '失联时间', '失去联系日期'],
  nativePlace: ['籍贯'],
  degree: ['学位'],
  workStartDate: ['参加工作日期', '参加工作时间'],
  workUnit: ['工作单位及职务', '工作单位', '单位及职务', '工作单位及职务(职称)'],
  householdPlace: ['户籍所在地', '户籍地', '户口所在地'],
  remarks: ['备注', '说明'],
  exitReason: ['出党方式', '减少原因', '出党原因'],
  exitDate: ['出党日期', '出党时间', '减少日期'],
  exitNote: ['出党说明'],
  newSocialStratum: ['新社会阶层类型', '新社会阶层'],
  professionalTitle: ['从事专业技术职务', '专业技术职务', '职称'],
  isMigrantWorker: ['是否农民工', '农民工'],
  // The national card's 现居住地 is an item of its own, beside 家庭住址.
  currentResidence: ['现居住地', '现居住地址'],
  partyAgeAdjustMonths: ['党龄校正值', '党龄校正值(月)', '党龄校正'],
  joinType: ['入党类型'],
  fullStatus: ['转正情况'],
  joinBranch: ['入党时所在支部', '入党时所在党支部'],
  probationExtensionMonths: ['延长预备期时间', '延长预备期时间(月)', '延长预备期'],
  mobileProvince: ['外出流向(省)', '外出流向省', '流向省', '流出省份'],
  mobileCity: ['外出流向(市)', '外出流向市', '流向市'],
  mobileCounty: ['外出流向(县)', '外出流向县', '流向县'],
};

/** Fields shown to the clerk in the mapping step (Chinese labels). */
export const ROSTER_FIELD_LABELS: Record<RosterField, string> = Object.fromEntries(ROSTER_FIELDS.map((f) => [f, FIELD_HEADERS[f][0]])) as Record<RosterField, string>;

/** Header text as compared: no spaces, no punctuation, half-width brackets, no trailing `*` or `:`. */
export function headerKey(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[*＊:：]/g, '')
    .toLowerCase();
}

const HEADER_INDEX = new Map<string, RosterField>();
for (const f of ROSTER_FIELDS) for (const h of FIELD_HEADERS[f]) HEADER_INDEX.set(headerKey(h), f);

/** The field a header names, or null. Exact synonyms first, then a synonym the header starts with. */
export function fieldForHeader(text: string): RosterField | null {
  const key = headerKey(text);
  if (!key) return null;
  const exact = HEADER_INDEX.get(key);
  if (exact) return exact;
  // "出生年月(年.月)", "身份证号码(18位)", "联系电话(手机)": the name before a bracket.
  const bare = key.replace(/\(.*\)$/, '');
  return HEADER_INDEX.get(bare) ?? null;
}

// ---- cell values ----

export function cellText(cell: RosterCell): string {
  if (cell == null) return '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(cell);
  if (typeof cell === 'object') return cell.date;
  // indexOf rather than a regular expression: every cell of every row passes here.
  const text = (cell.indexOf('\u200b') >= 0 || cell.indexOf('\ufeff') >= 0 ? cell.replace(ZERO_WIDTHS, '') : cell).trim();
  return isNoneMark(text) ? '' : text;
}
const ZERO_WIDTHS = /[\u200b\ufeff]/g;

/** `-` (and its look-alikes): how the national system's exports write "none" (a 预备党员's 转正日期, 党龄). */
export function isNoneMark(text: string): boolean {
  return text.length > 0 && text.length <= 3 && /^[-－—–─]+$/.test(text);
}

/** How the cell would look in the clerk's spreadsheet (for the problem report and the error file). */
export function cellDisplay(cell: RosterCell): string {
  if (cell == null) return '';
  if (typeof cell === 'number') return Math.abs(cell) >= 1e15 ? cell.toExponential(5).toUpperCase().replace('E+', 'E+') : String(cell);
  if (typeof cell === 'object') return cell.date;
  return cell;
}

export type DateRead = { ok: true; date: string; precision: 'day' | 'month' } | { ok: false; message: string } | null;

function ymd(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A date as rosters write it: an Excel date, `1985.07`, `1985.7.12`, `1985年7月`, `1985年7月12日`,
 * `1985-07-12`, `1985/7/12`, `198507`, `19850712`, or an Excel day number typed as a number.
 * Year and month only → the first of the month (precision 'month').
 */
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readDate(cell: RosterCell): DateRead {
  if (cell == null) return null;
  if (typeof cell === 'object') return { ok: true, date: cell.date, precision: 'day' };
  let text: string;
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 190001 && cell <= 210012 && cell % 100 >= 1 && cell % 100 <= 12) text = String(cell);
    else if (Number.isInteger(cell) && cell >= 19000101 && cell <= 21001231) text = String(cell);
    else if (cell >= 1900 && cell < 2100 && !Number.isInteger(cell)) text = cell.toFixed(2); // 1985.07 typed as a number
    else if (cell > 0 && cell < 80000) return { ok: true, date: excelSerialToIso(Math.floor(cell)), precision: 'day' };
    else return { ok: false, message: '不是可识别的日期' };
  } else text = cell;
  // The form the archive stores (and exports write) needs none of the clean-up below.
  if (text.length === 10 && ISO_DAY.test(text)) {
    const d = ymd(+text.slice(0, 4), +text.slice(5, 7), +text.slice(8, 10));
    if (d) return { ok: true, date: d, precision: 'day' };
  }
  text = text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[\s\u3000]+/g, '')
    .replace(/[．。]/g, '.');
  if (!text || isNoneMark(text)) return null;
  let m: RegExpExecArray | null;
  const fail = { ok: false as const, message: '不是可识别的日期(可写作 1985-07-12、1985.07、1985年7月 或 198507)' };
  if ((m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$/.exec(text))) {
    const d = ymd(+m[1], +m[2], +m[3]);
    return d ? { ok: true, date: d, precision: 'day' } : fail;
  }
  if ((m = /^(\d{4})[-./年](\d{1,2})月?$/.exec(text))) {
    const d = ymd(+m[1], +m[2], 1);
    return d ? { ok: true, date: d, precision: 'month' } : fail;
  }
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(text))) {
    const d = ymd(+m[1], +m[2], +m[3]);
    return d ? { ok: true, date: d, precision: 'day' } : fail;
  }
  if ((m = /^(\d{4})(\d{2})$/.exec(text))) {
    const d = ymd(+m[1], +m[2], 1);
    return d ? { ok: true, date: d, precision: 'month' } : fail;
  }
  // 1985.1 written as a number loses its trailing zero (1985.10 → 1985.1): read as October only when
  // the text says so; `1985.1` is January.
  if ((m = /^(\d{4})\.(\d)$/.exec(text))) {
    const d = ymd(+m[1], +m[2], 1);
    return d ? { ok: true, date: d, precision: 'month' } : fail;
  }
  return fail;
}

export type IdRead = { ok: true; text: string } | { ok: false; message: string } | null;

/**
 * An ID number cell. Text: spaces, full-width digits and lower-case x are cleaned later by the ID rules.
 * A number: Excel keeps 15 significant digits, so an 18-digit number has lost its last digits (and
 * the check digit) and cannot be repaired; a 15-digit old number is exact.
 */
export function readIdNumber(cell: RosterCell): IdRead {
  if (cell == null) return null;
  if (typeof cell === 'object') return { ok: false, message: '公民身份号码被存成了日期' };
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 1e14 && cell < 1e15) return { ok: true, text: String(cell) };
    return {
      ok: false,
      message: `公民身份号码在Excel中被存成了数字(${cellDisplay(cell)}),末几位已丢失,无法恢复;请把该列设为“文本”后重新填写`,
    };
  }
  const text = normalizeIdNumber(cell);
  if (!text || isNoneMark(text)) return null;
  if (/^\d(\.\d+)?E\+\d+$/i.test(text)) {
    return { ok: false, message: `公民身份号码被存成了科学计数法(${cell.trim()}),末几位已丢失;请把该列设为“文本”后重新填写` };
  }
  return { ok: true, text: text.replace(/^'/, '') };
}

const SYNONYMS: Partial<Record<CodeListName, Record<string, string>>> = {
  gender: { 男性: '1', 女性: '2', m: '1', f: '2' },
  education: {
    博士: '10', 硕士: '10', 博士研究生: '10', 硕士研究生: '10', 研究生: '10',
    本科: '20', 大学: '20', 大本: '20', 大学本科: '20',
    大专: '30', 专科: '30', 大学专科: '30', 高职: '30',
    中专: '40', 中技: '40', 技校: '40', 中等专科: '40', 职高: '50', 中职: '40',
    高中: '50', 普高: '50',
    初中: '60', 小学: '60', 文盲: '60', 半文盲: '60', 初中及以下: '60', 初小: '60', 高小: '60', 不识字: '60',
  },
  occupation: {
    农民: '2', 务农: '2', 农牧民: '2', 渔民: '2', 牧民: '2', 农牧渔民: '2',
    工人: '1', 工勤技能人员: '1', 工勤: '1',
    专业技术人员: '3', 教师: '3', 医生: '3',
    管理人员: '4', 企业管理人员: '4',
    公务员: '5', 机关干部: '5', 党政机关工作人员: '5', 干部: '5',
    学生: '6', 在校学生: '6',
    其他: '7', 个体: '7', 个体户: '7', 其他职业人员: '7', 无业: '7',
    离退休: '8', 退休: '8', 离休: '8', 离退休人员: '8', 退休人员: '8',
  },
  memberCategory: { 正式: 'formal', 预备: 'probationary', 正式党员: 'formal', 预备党员: 'probationary' },
  degree: { 无学位: '9' },
};

/** A coded value as written: its code, its Chinese label, a label without 族, or a known synonym. */
export function readCode(list: CodeListName, cell: RosterCell): { ok: true; code: string } | { ok: false; message: string } | null {
  const text = cellText(cell).replace(/[\s\u3000]+/g, '').replace(/（/g, '(').replace(/）/g, ')');
  if (!text) return null;
  const entries = CODE_LISTS[list];
  const byLabel = entries.find((e) => e.zh === text || e.code === text || e.en.toLowerCase() === text.toLowerCase());
  if (byLabel) return { ok: true, code: byLabel.code };
  const syn = SYNONYMS[list]?.[text] ?? SYNONYMS[list]?.[text.toLowerCase()];
  if (syn) return { ok: true, code: syn };
  if (list === 'ethnicity') {
    const e = entries.find((x) => x.zh.replace(/族$/, '') === text.replace(/族$/, ''));
    if (e) return { ok: true, code: e.code };
  }
  // A label the value begins with ("大学本科(函授)", "农民党员").
  const prefix = entries.find((e) => text.startsWith(e.zh));
  if (prefix) return { ok: true, code: prefix.code };
  const synPrefix = Object.entries(SYNONYMS[list] ?? {}).sort((a, b) => b[0].length - a[0].length).find(([k]) => text.startsWith(k));
  if (synPrefix) return { ok: true, code: synPrefix[1] };
  return { ok: false, message: `“${text}”不是可识别的值` };
}

/**
 * A national 学历 or 工作岗位 leaf, written exactly as the national system names it (spaces and bracket
 * widths aside), or null. Never a prefix or a synonym: a coarse value ("大学本科", "农民") stays coarse and is
 * refined by the clerk, not guessed into a leaf.
 */
export function readLeaf(list: 'educationLevel' | 'jobPost', cell: RosterCell): string | null {
  const text = cellText(cell);
  if (!text) return null;
  return LEAVES[list].get(text) ?? LEAVES[list].get(text.replace(/[\s\u3000]+/g, '').replace(/（/g, '(').replace(/）/g, ')')) ?? null;
}
const leafIndex = (list: 'educationLevel' | 'jobPost') => new Map(CODE_LISTS[list].flatMap((e) => [[e.code, e.code], [e.zh, e.code]] as [string, string][]));
const LEAVES = { educationLevel: leafIndex('educationLevel'), jobPost: leafIndex('jobPost') };

export type MonthsRead = { ok: true; months: number } | { ok: false; message: string } | null;

/** A number of months as the national export writes it: `6`, `6个月`, `-3` (党龄校正值 may be negative), `1年`. */
export function readMonths(cell: RosterCell): MonthsRead {
  if (typeof cell === 'number') return Number.isInteger(cell) ? { ok: true, months: cell } : { ok: false, message: `“${cell}”不是整月数` };
  const text = cellText(cell).replace(/[\s\u3000]+/g, '').replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
  if (!text) return null;
  let m: RegExpExecArray | null;
  if ((m = /^([-+]?\d{1,4})(个月|月)?$/.exec(text))) return { ok: true, months: Number(m[1]) };
  if ((m = /^([-+]?\d{1,3})年(?:(\d{1,2})(个月|月))?$/.exec(text))) {
    const sign = m[1].startsWith('-') ? -1 : 1;
    return { ok: true, months: Number(m[1]) * 12 + sign * Number(m[2] ?? 0) };
  }
  return { ok: false, message: `“${text}”不是月数(可写作 6、6个月 或 1年)` };
}

/** 是/否 as rosters write it (是, √, ✓, Y, 1, 流动党员 …); empty → null. */
export function readYesNo(cell: RosterCell): boolean | null {
  const text = cellText(cell).replace(/\s+/g, '');
  if (!text) return null;
  if (/^(否|不是|无|n|no|false|0|×|x)$/i.test(text)) return false;
  return true;
}

/** Remarks that carry a status rosters have no column for (预备党员, 流动党员). */
export function statusFromRemarks(remarks: string): { probationary: boolean; mobile: boolean } {
  return { probationary: /预备党员|预备期/.test(remarks) && !/已转正|已经转正/.test(remarks), mobile: /流动党员|外出流动/.test(remarks) };
}
