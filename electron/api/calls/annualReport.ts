// 党内统计年报: the tables as of a date, what a cell counts, 报表校核, and the workbook and print of the forms.
// Read-only calls; export and print return the document itself (the window never handles a path).
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { date, id } from '../schemas';
import { annualCellItems, computeAnnualReport } from '../../services/statistics/annualReport/annualReport';
import { checkAnnualReport } from '../../services/statistics/annualReport/reportChecks';
import { annualReportToXlsx } from '../../services/statistics/annualReport/annualXlsx';
import { annualReportToHtml } from '../../services/print/annualReportHtml';

const reportInput = z.object({
  asOf: date.nullable().optional(),
  period: z.enum(['annual', 'half']).nullable().optional(),
  orgId: id.nullable().optional(),
  township: z.string().max(20).nullable().optional(),
});

const reportTable = z.object({
  id: z.string(),
  title: z.string(),
  unit: z.string(),
  entity: z.enum(['member', 'org', 'none']),
  rows: z.array(z.object({ key: z.string(), name: z.string(), indent: z.number().int(), no: z.number().int(), parent: z.string().optional(), ofWhich: z.boolean().optional() })),
  columns: z.array(z.object({ key: z.string(), heads: z.array(z.string()), partOf: z.string().optional(), partition: z.string().optional() })),
  cells: z.array(z.array(z.number())),
  derivedRows: z.array(z.string()),
  note: z.string().optional(),
});

export const annualReportSchema = z.object({
  asOf: date,
  yearStart: date,
  unitName: z.string(),
  scope: z.object({ orgId: z.string().nullable(), name: z.string(), township: z.string().nullable() }),
  county: z.boolean(),
  tables: z.array(reportTable),
  townships: z.array(z.object({ code: z.string(), name: z.string(), packageDate: z.string().nullable(), stale: z.boolean() })).optional(),
  summary: reportTable.optional(),
});

const item = z.object({ id: z.string(), name: z.string(), orgName: z.string(), township: z.string().optional(), note: z.string().optional() });

export const annualReportCalls = {
  annualReport: defineCall({ access: 'read', input: reportInput, output: annualReportSchema, run: (ctx, i) => computeAnnualReport(ctx, i) }),
  annualReportCell: defineCall({
    access: 'read',
    input: reportInput.extend({ table: z.string().max(40), row: z.string().max(60), column: z.string().max(60) }),
    output: z.object({ entity: z.string(), items: z.array(item) }),
    run: (ctx, i) => annualCellItems(ctx, i),
  }),
  annualReportCheck: defineCall({
    access: 'read',
    input: reportInput,
    output: z.object({
      asOf: date, unitName: z.string(), passed: z.boolean(), checked: z.number().int(),
      failures: z.array(z.object({ table: z.string(), title: z.string(), detail: z.string(), members: z.array(item) })),
      notices: z.array(z.string()),
    }),
    run: (ctx, i) => checkAnnualReport(ctx, i),
  }),
  exportAnnualReport: defineCall({
    access: 'read',
    input: reportInput,
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() }),
    async run(ctx, i) {
      const report = await computeAnnualReport(ctx, i);
      const bytes = await annualReportToXlsx(report);
      return {
        fileName: `党内统计年报_${report.unitName}_${report.asOf}.xlsx`.replace(/[\\/:*?"<>|]/g, '_'),
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        base64: bytes.toString('base64'),
      };
    },
  }),
  printAnnualReport: defineCall({
    access: 'read',
    input: reportInput.extend({ tables: z.array(z.string().max(40)).max(40).optional() }),
    output: z.object({ html: z.string(), title: z.string() }),
    async run(ctx, i) {
      const report = await computeAnnualReport(ctx, i);
      return { html: annualReportToHtml(report, { tables: i.tables }), title: `${report.unitName} 党内统计年报(截至 ${report.asOf})` };
    },
  }),
};

export type AnnualReportDto = z.output<typeof annualReportSchema>;
