// The member library in the national system's layout (全国党员管理信息系统 → 党员信息库 → 导出): its columns in
// its order and spelling, its values as it writes them (leaf names, 是/否, `-` for none), to check the
// archive against the system or to enter what is new into it. Our own import reads this file back as it is.
import ExcelJS from 'exceljs';
import { todayOf, type ServiceContext } from '../core/context';
import { labelOf } from '../core/codes';
import { listMembers, type MemberListQuery, type MemberListRow } from '../members/memberQuery';
import { OCCUPATION_NOT_FILLED } from '../members/nationalCodes';
import { partyAgeYears } from '../members/nationalCard';
import { writeWorkbook } from './rosterExport';

/** What the national export writes for "none". */
export const NONE = '-';

const orNone = (v: string | number | null | undefined): string => (v == null || v === '' ? NONE : String(v));
const yesNo = (v: boolean): string => (v ? '是' : '否');

interface NationalColumn {
  header: string;
  width: number;
  value: (m: MemberListRow, today: string) => string;
}

/** The member library's columns, in the system's order (序号 is written by the export itself). */
export const NATIONAL_COLUMNS: NationalColumn[] = [
  { header: '姓名', width: 10, value: (m) => m.name },
  { header: '性别', width: 6, value: (m) => labelOf('gender', m.gender) },
  { header: '公民身份号码', width: 21, value: (m) => m.idNumber },
  { header: '民族', width: 8, value: (m) => labelOf('ethnicity', m.ethnicity) },
  { header: '出生日期', width: 12, value: (m) => m.birthDate },
  // A record from before the leaves keeps its coarse value: written as it is, never as a guessed leaf.
  { header: '学历', width: 14, value: (m) => m.educationLevel ?? orNone(labelOf('education', m.education)) },
  { header: '人员类别', width: 10, value: (m) => labelOf('memberCategory', m.category) },
  { header: '学位', width: 8, value: (m) => orNone(labelOf('degree', m.degree)) },
  { header: '所在党支部', width: 26, value: (m) => m.orgName },
  { header: '手机号码', width: 14, value: (m) => orNone(m.phone) },
  { header: '入党日期', width: 12, value: (m) => m.joinDate },
  { header: '转正日期', width: 12, value: (m) => orNone(m.fullDate) },
  { header: '党龄', width: 6, value: (m, today) => orNone(partyAgeYears(m, today)) },
  { header: '党龄校正值', width: 10, value: (m) => orNone(m.partyAgeAdjustMonths) },
  { header: '新社会阶层类型', width: 16, value: (m) => orNone(m.newSocialStratum) },
  {
    header: '工作岗位',
    width: 24,
    value: (m) => m.jobPost ?? (m.occupation === OCCUPATION_NOT_FILLED ? NONE : orNone(labelOf('occupation', m.occupation))),
  },
  { header: '从事专业技术职务', width: 16, value: (m) => orNone(m.professionalTitle) },
  { header: '是否农民工', width: 10, value: (m) => yesNo(m.isMigrantWorker) },
  { header: '现居住地', width: 24, value: (m) => orNone(m.currentResidence) },
  { header: '户籍所在地', width: 20, value: (m) => orNone(m.householdPlace) },
  { header: '是否失联党员', width: 12, value: (m) => yesNo(m.isLost) },
  { header: '是否流动党员', width: 12, value: (m) => yesNo(m.isMobile) },
  { header: '入党类型', width: 10, value: (m) => orNone(m.joinType) },
  { header: '转正情况', width: 14, value: (m) => orNone(m.fullStatus) },
  { header: '入党时所在支部', width: 22, value: (m) => orNone(m.joinBranch) },
  { header: '延长预备期时间', width: 14, value: (m) => orNone(m.probationExtensionMonths) },
];

/** The headers as the file has them, 序号 first. */
export const NATIONAL_HEADERS = ['序号', ...NATIONAL_COLUMNS.map((c) => c.header)];

export interface NationalExportInput {
  orgId?: string | null;
  view?: MemberListQuery['view'];
}

/** One sheet, one header row, a row per member of the scope (branch by branch): as the system exports. */
export async function exportNationalXlsx(ctx: ServiceContext, input: NationalExportInput): Promise<{ bytes: Buffer; rows: number }> {
  const today = todayOf(ctx);
  let rows = 0;
  const bytes = await writeWorkbook(async (wb) => {
    const ws = wb.addWorksheet('党员信息', { views: [{ state: 'frozen', ySplit: 1 }] });
    // Every cell is text, as the system writes it: an ID number keeps its digits, a date its dashes.
    ws.columns = [{ header: '序号', width: 6 }, ...NATIONAL_COLUMNS.map((c) => ({ header: c.header, width: c.width, style: { numFmt: '@' } }))];
    ws.getRow(1).font = { bold: true };
    for (let start = 0; ; start += 1000) {
      const page = await listMembers(ctx, { startRow: start, endRow: start + 1000, orgId: input.orgId ?? null, view: input.view ?? 'roll', sort: [{ colId: 'orgName', sort: 'asc' }] });
      for (const m of page.rows) {
        rows++;
        const values: ExcelJS.CellValue[] = [rows, ...NATIONAL_COLUMNS.map((c) => c.value(m, today))];
        ws.addRow(values).commit();
      }
      if (page.rows.length < 1000) break;
    }
    ws.commit();
  });
  return { bytes, rows };
}
