// A list in groups as an Excel workbook (exceljs): a sheet 汇总 with one line per group and its count, and a
// sheet 明细 with every line under its group's name, so that the clerk can filter and sort it and the counts
// read back are those the window and the CLI show. Returned as bytes: the window offers them as a download.
import ExcelJS from 'exceljs';

export interface WorkbookList {
  title: string;
  /** The day the list was made, for the workbook's date and the title line. */
  asOf: string;
  meta: string[];
  /** The name of the group column in 明细 (类别, 校验项目). */
  groupLabel: string;
  columns: { label: string; width?: number }[];
  groups: { title: string; rows: (string | number | null)[][] }[];
}

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

export async function listWorkbook(d: WorkbookList): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '乡镇党员档案';
  wb.created = new Date(`${d.asOf}T00:00:00Z`);
  const pageSetup = { paperSize: 9, orientation: 'landscape' as const, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  const summary = wb.addWorksheet('汇总', { pageSetup });
  summary.columns = [{ width: 36 }, { width: 12 }];
  summary.addRow([d.title]).font = { bold: true, size: 14 };
  for (const m of d.meta) summary.addRow([m]);
  summary.addRow([]);
  const head = summary.addRow([d.groupLabel, '条数']);
  head.eachCell((c) => {
    c.font = { bold: true };
    c.border = border;
  });
  for (const g of d.groups) summary.addRow([g.title, g.rows.length]).eachCell((c) => (c.border = border));
  const total = summary.addRow(['合计', d.groups.reduce((s, g) => s + g.rows.length, 0)]);
  total.font = { bold: true };
  total.eachCell((c) => (c.border = border));

  const detail = wb.addWorksheet('明细', { pageSetup, views: [{ state: 'frozen', ySplit: 1 }] });
  detail.columns = [{ header: d.groupLabel, width: 24 }, { header: '序号', width: 6 }, ...d.columns.map((c) => ({ header: c.label, width: c.width ?? 16 }))];
  detail.getRow(1).font = { bold: true };
  for (const g of d.groups) g.rows.forEach((r, i) => detail.addRow([g.title, i + 1, ...r]));
  detail.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: d.columns.length + 2 } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file name the clerk's system accepts. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|]/g, '_');
}
