// An export of the national system's member library (全国党员管理信息系统, 党员信息库) as the tests need one:
// its 27 columns, its spellings of three headers, `-` for none, 是/否 flags, dates to the day or the month,
// every 学历 and 工作岗位 leaf of the national lists (and some coarse values offices still write), 失联 and 流动
// members given as 是 alone. Deterministic: the same arguments give the same file.
import ExcelJS from 'exceljs';
import codes from '../../resources/codes/codes.json';
import { makeIdNumber } from '../../electron/services/members/idNumber';

/** The member library's columns, in its order, by their most common spelling. */
export const NATIONAL_COLUMNS = [
  '序号', '姓名', '性别', '公民身份号码', '民族', '出生日期', '学历', '人员类别', '学位', '所在党支部', '手机号码', '入党日期', '转正日期', '党龄',
  '党龄校正值', '新社会阶层类型', '工作岗位', '从事专业技术职务', '是否农民工', '现居住地', '户籍所在地', '是否失联党员', '是否流动党员', '入党类型',
  '转正情况', '入党时所在支部', '延长预备期时间',
] as const;
export type NationalColumn = (typeof NATIONAL_COLUMNS)[number];

/** The other spellings real files use for four of them; sheet k of a file uses spelling k (mod the count). */
export const HEADER_SPELLINGS: Partial<Record<NationalColumn, string[]>> = {
  公民身份号码: ['公民身份号码', '公民身份证号码', '公民身份证号'],
  入党日期: ['入党日期', '加入党组织日期', '入党日期'],
  转正日期: ['转正日期', '转为正式党员日期', '转正日期'],
  手机号码: ['手机号码', '联系电话', '手机号码'],
};

export type NationalCells = Record<NationalColumn, string | number>;
export interface NationalRow {
  cells: NationalCells;
  /** False for the rows planted to be refused (a wrong check digit). */
  valid: boolean;
}

export const NATIONAL_BRANCHES = ['中共东村支部委员会', '中共西村支部委员会', '中共南村支部委员会', '中共东城社区支部委员会'];
/** Coarse values the generator writes beside the leaves, with the code the archive keeps for each. */
export const COARSE_EDUCATION: Record<string, string> = { 大学本科: '20', 高中: '50', 中专: '40' };
export const COARSE_OCCUPATION: Record<string, string> = { 农民: '2', 工人: '1', 离退休人员: '8' };

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰志海建国春秋德福';
const ETHNIC = ['汉族', '汉族', '汉族', '回族', '满族', '蒙古族', '壮族', '朝鲜族'];
const DEGREES = ['学士', '硕士', '博士', '无', '-'];
const pad = (n: number) => String(n).padStart(2, '0');

/** A date written the way the national export (or a clerk retyping it) does: to the day, or to the month. */
function written(y: number, m: number, d: number, style: number): string {
  switch (style % 4) {
    case 0:
      return `${y}-${pad(m)}-${pad(d)}`;
    case 1:
      return `${y}-${pad(m)}`;
    case 2:
      return `${y}.${pad(m)}`;
    default:
      return `${y}年${pad(m)}月`;
  }
}

/** The i-th member (i from 0); `valid: false` every 97th row. */
export function nationalRow(i: number): NationalRow {
  const by = 1940 + (i % 61);
  const bm = 1 + (Math.floor(i / 61) % 12);
  const bd = 1 + (Math.floor(i / 732) % 28);
  const birth = `${by}-${pad(bm)}-${pad(bd)}`;
  const male = i % 3 !== 0;
  let idNumber = makeIdNumber('370783', birth, ((Math.floor(i / 2) % 499) * 2 + (male ? 1 : 0)) % 1000);
  const valid = i % 97 !== 96;
  if (!valid) idNumber = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
  const probationary = i % 17 === 5;
  const joinYear = probationary ? 2026 : Math.min(by + 20 + (i % 23), 2023);
  const jm = probationary ? 1 + (i % 9) : 1 + (i % 12);
  const extended = !probationary && i % 13 === 4;
  const edu = codes.educationLevel.map((e) => e.zh).concat(Object.keys(COARSE_EDUCATION));
  const job = codes.jobPost.map((e) => e.zh).concat(Object.keys(COARSE_OCCUPATION));
  const stratum = codes.newSocialStratum.map((e) => e.zh);
  const joinType = codes.joinType.map((e) => e.zh);
  const cells: NationalCells = {
    序号: i + 1,
    姓名: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + (i % 3 === 0 ? GIVEN[(i * 11) % GIVEN.length] : ''),
    性别: male ? '男' : '女',
    公民身份号码: idNumber,
    民族: ETHNIC[i % ETHNIC.length],
    出生日期: i % 5 === 0 ? `${by}.${pad(bm)}` : birth,
    学历: edu[i % edu.length],
    人员类别: probationary ? '预备党员' : '正式党员',
    学位: DEGREES[i % DEGREES.length],
    所在党支部: NATIONAL_BRANCHES[i % NATIONAL_BRANCHES.length],
    手机号码: i % 9 === 0 ? '-' : `13${String(800000000 + i * 7919).slice(0, 9)}`,
    入党日期: written(joinYear, jm, 1 + (i % 28), i),
    转正日期: probationary ? '-' : written(joinYear + 1 + (extended ? 1 : 0), jm, 1 + (i % 28), i + 1),
    党龄: probationary ? '-' : 2026 - joinYear,
    党龄校正值: ['-', '-', '0', '-6', '12'][i % 5],
    新社会阶层类型: i % 4 === 0 ? stratum[(i / 4) % stratum.length] : '-',
    工作岗位: job[i % job.length],
    从事专业技术职务: ['-', '中级', '高级工程师'][i % 3],
    是否农民工: i % 6 === 1 ? '是' : '否',
    现居住地: i % 8 === 0 ? '-' : `山东省寿光市东城街道${(i % 40) + 1}号`,
    户籍所在地: `山东省寿光市${['东城街道', '圣城街道', '古城街道'][i % 3]}`,
    是否失联党员: i % 25 === 3 ? '是' : '否',
    是否流动党员: i % 11 === 2 ? '是' : '否',
    入党类型: joinType[i % joinType.length],
    转正情况: probationary ? '-' : extended ? '延长预备期后转正' : '按期转正',
    入党时所在支部: i % 7 === 0 ? '-' : `中共${['东', '西', '南', '北'][i % 4]}村支部委员会`,
    延长预备期时间: extended ? (i % 2 ? '6个月' : 12) : '-',
  };
  return { cells, valid };
}

export function nationalRows(count: number, from = 0): NationalRow[] {
  return Array.from({ length: count }, (_, k) => nationalRow(from + k));
}

/**
 * Write the rows as the national system's export: a title line, then the header row; split across
 * `sheets` sheets, sheet k with the k-th spelling of each variable header (HEADER_SPELLINGS).
 */
export async function writeNationalXlsx(file: string, rows: NationalRow[], options: { sheets?: number; title?: string } = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const sheets = Math.max(1, options.sheets ?? 1);
  const per = Math.ceil(rows.length / sheets);
  for (let k = 0; k < sheets; k++) {
    const ws = wb.addWorksheet(sheets === 1 ? '党员信息' : `党员信息${k + 1}`);
    ws.addRow([options.title ?? '党员信息库 导出']);
    ws.addRow(NATIONAL_COLUMNS.map((c) => HEADER_SPELLINGS[c]?.[k % 3] ?? c));
    for (const r of rows.slice(k * per, (k + 1) * per)) {
      const row = ws.addRow(NATIONAL_COLUMNS.map((c) => r.cells[c]));
      row.getCell(4).numFmt = '@';
    }
  }
  await wb.xlsx.writeFile(file);
}
