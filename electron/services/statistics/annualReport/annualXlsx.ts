// The 年报 as an Excel workbook: one sheet per table, as the forms are laid out — 填报单位 and 截至日期 above,
// the multi-level heads as merged cells, 项目 and 行次 on the left (其中 lines indented), set up for A4
// landscape with the heads repeated on every page.
import ExcelJS from 'exceljs';
import type { AnnualReport } from './annualReport';
import { headDepth, headLayout } from './headLayout';

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string, used: Set<string>): string {
  let name = title.replace(/[:\\/?*[\]]/g, '').slice(0, 31);
  for (let i = 2; used.has(name); i++) name = `${title.slice(0, 28)}(${i})`;
  used.add(name);
  return name;
}

export async function annualReportToXlsx(report: AnnualReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '乡镇党员档案';
  wb.created = new Date(`${report.asOf}T00:00:00Z`);
  const thin = { style: 'thin' as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const used = new Set<string>();
  for (const t of report.tables) {
    const depth = headDepth(t.columns);
    const width = t.columns.length + 2;
    const ws = wb.addWorksheet(sheetName(t.title, used), {
      pageSetup: {
        paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `4:${3 + depth}`,
        margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: '第 &P 页,共 &N 页' },
      views: [{ state: 'frozen', xSplit: 2, ySplit: 3 + depth }],
    });
    ws.columns = [{ width: 34 }, { width: 6 }, ...t.columns.map(() => ({ width: t.columns.length > 16 ? 7 : 10 }))];
    const title = ws.getCell(1, 1);
    title.value = t.title;
    title.font = { bold: true, size: 14 };
    title.alignment = { horizontal: 'center' };
    ws.mergeCells(1, 1, 1, width);
    ws.getCell(2, 1).value = `填报单位:${report.unitName}`;
    ws.getCell(2, 3).value = `截至日期:${report.asOf}`;
    ws.getCell(2, width).value = `单位:${t.unit}`;
    const top = 4;
    const corner = [['项目', 1], ['行次', 2]] as const;
    for (const [text, col] of corner) {
      ws.getCell(top, col).value = text;
      if (depth > 1) ws.mergeCells(top, col, top + depth - 1, col);
    }
    for (const h of headLayout(t.columns)) {
      const r = top + h.row;
      const c = 3 + h.col;
      ws.getCell(r, c).value = h.text;
      if (h.rowSpan > 1 || h.colSpan > 1) ws.mergeCells(r, c, r + h.rowSpan - 1, c + h.colSpan - 1);
    }
    for (let r = top; r < top + depth; r++) {
      for (let c = 1; c <= width; c++) {
        const cell = ws.getCell(r, c);
        cell.border = border;
        cell.font = { bold: true, size: 9 };
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
      }
    }
    t.rows.forEach((row, i) => {
      const line = ws.getRow(top + depth + i);
      line.values = [row.name, row.no, ...t.cells[i]];
      line.getCell(1).alignment = { indent: row.indent * 2 };
      line.getCell(2).alignment = { horizontal: 'center' };
      line.eachCell({ includeEmpty: true }, (c) => (c.border = border));
    });
    if (t.note) ws.getCell(top + depth + t.rows.length + 1, 1).value = `注:${t.note}`;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
