// 党内统计 as an Excel workbook (exceljs): one sheet with every table stacked, as offices paste them into
// the county's report, set up to print on A4. Returned as bytes: the window offers them as a download,
// it never sees a file path.
import ExcelJS from 'exceljs';
import type { Statistics } from './statistics';

export async function statisticsToXlsx(stats: Statistics): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '乡镇党员档案';
  wb.created = new Date(`${stats.asOf}T00:00:00Z`);
  const ws = wb.addWorksheet('党内统计', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: '第 &P 页,共 &N 页' },
  });
  ws.columns = [{ width: 44 }, { width: 14 }, { width: 12 }];
  const thin = { style: 'thin' as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const title = ws.addRow([`${stats.scope.name} 党内统计`]);
  title.font = { bold: true, size: 14 };
  ws.mergeCells(title.number, 1, title.number, 3);
  ws.addRow([`统计截止日期:${stats.asOf}(本年自 ${stats.yearStart} 起)`, '在册党员', stats.memberTotal]);
  ws.addRow([]);
  for (const t of stats.tables) {
    const caption = ws.addRow([t.title]);
    caption.font = { bold: true };
    const head = ws.addRow(['项目', t.unit === 'org' ? '数量(个)' : '数量(人)', '占比']);
    head.eachCell((c) => {
      c.font = { bold: true };
      c.border = border;
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
    });
    for (const r of t.rows) {
      const row = ws.addRow([r.ofWhich && !r.label.startsWith('其中') ? `  其中:${r.label}` : r.label, r.count, t.total > 0 ? r.count / t.total : null]);
      row.getCell(3).numFmt = '0.0%';
      row.eachCell({ includeEmpty: true }, (c) => (c.border = border));
    }
    const total = ws.addRow(['合计', t.total, t.total > 0 ? 1 : null]);
    total.font = { bold: true };
    total.getCell(3).numFmt = '0.0%';
    total.eachCell({ includeEmpty: true }, (c) => (c.border = border));
    if (t.note) ws.addRow([`注:${t.note}`]).font = { italic: true, size: 9 };
    ws.addRow([]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
