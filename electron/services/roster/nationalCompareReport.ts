// The 信息比对 report as an xlsx: a summary, then one sheet per kind of difference, for the clerk to work
// through or hand on (the 组织部 asks offices to keep the two systems in agreement).
import ExcelJS from 'exceljs';
import type { NationalComparison } from './nationalCompare';

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

function sheet(wb: ExcelJS.Workbook, name: string, header: [string, number][], rows: (string | number)[][]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = header.map(([h, width]) => ({ header: h, width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.eachRow((row) => row.eachCell({ includeEmpty: true }, (c) => { c.border = BORDER; c.numFmt = '@'; }));
}

export async function nationalCompareXlsx(c: NationalComparison): Promise<{ bytes: Buffer; rows: number }> {
  const wb = new ExcelJS.Workbook();
  sheet(wb, '汇总', [['项目', 28], ['数量', 12]], [
    ['比对文件', c.fileName], ['文件日期', c.fileDate], ['两边都有的党员', c.matched], ['只在档案中', c.onlyArchive.length],
    ['只在导出文件中', c.onlyExport.length], ['字段不同', c.fields.length], ['文件中未能读取的行', c.unreadable.length],
  ]);
  sheet(wb, '只在档案中', [['姓名', 10], ['公民身份号码', 21], ['所在党支部', 28]], c.onlyArchive.map((m) => [m.name, m.idNumber, m.orgName]));
  sheet(wb, '只在导出文件中', [['工作表', 12], ['行号', 8], ['姓名', 10], ['公民身份号码', 21], ['所在党支部', 28]], c.onlyExport.map((m) => [m.sheet, m.rowNumber, m.name, m.idNumber, m.orgName]));
  sheet(
    wb, '字段不同', [['姓名', 10], ['公民身份号码', 21], ['所在党支部', 26], ['项目', 16], ['档案中', 24], ['导出文件中', 24], ['文件行号', 10]],
    c.fields.map((f) => [f.name, f.idNumber, f.orgName, f.label, f.archive, f.exported, f.rowNumber]),
  );
  sheet(wb, '未能读取的行', [['工作表', 12], ['行号', 8], ['姓名', 10], ['列', 14], ['内容', 20], ['问题', 50]], c.unreadable.map((p) => [p.sheet, p.rowNumber, p.name, p.label, p.value, p.message]));
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { bytes, rows: c.onlyArchive.length + c.onlyExport.length + c.fields.length };
}
