// The dashboard and 数据校验: read-only calls (the 党内统计年报 has its own, annualReport.ts). Export and print return the document itself
// (xlsx bytes as base64, or self-contained HTML): the window offers the download or the print preview
// and never handles a file path.
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { date, id, saidWords } from '../schemas';
import { computeDashboard, computeDashboardFigures } from '../../services/statistics/dashboard';
import { runDataChecks } from '../../services/statistics/dataChecks';
import { getSetup } from '../../services/core/settings';
import { dataChecksPrintList, dataChecksWorkbookList } from '../../services/statistics/dataChecksList';
import { groupedListHtml } from '../../services/print/groupedListHtml';
import { listWorkbook, safeFileName, XLSX_MIME } from '../../services/core/listWorkbook';

const statRow = z.object({ code: z.string(), label: z.string(), labelEn: z.string(), count: z.number().int() });

const dashboardFigures = z.object({
  roll: z.number(), formal: z.number(), probationary: z.number(), mobile: z.number(), lost: z.number(),
  developedThisYear: z.number(), madeFullThisYear: z.number(), exitsThisYear: z.number(), branches: z.number(),
});
const dashboardSchema = z.object({
  asOf: date,
  figures: dashboardFigures,
  byBranch: z.array(z.object({ orgId: id, name: z.string(), count: z.number() })),
  pyramid: z.array(z.object({ band: z.string(), label: z.string(), labelEn: z.string(), min: z.number().nullable(), max: z.number().nullable(), male: z.number(), female: z.number() })),
  education: z.array(statRow),
  occupation: z.array(statRow),
  pipeline: z.object({ available: z.boolean(), stages: z.array(z.object({ code: z.string(), label: z.string(), labelEn: z.string(), count: z.number() })) }),
  trend: z.array(z.object({ month: z.string(), mobile: z.number(), lost: z.number() })),
  reminders: z.object({ available: z.boolean(), count: z.number() }),
});

const checkProblem = z.object({ entity: z.enum(['member', 'org']), id, name: z.string(), orgName: z.string(), detail: z.string(), words: z.array(saidWords) });
const dataChecksSchema = z.object({
  today: date,
  total: z.number().int(),
  checks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      titleEn: z.string(),
      available: z.boolean(),
      note: z.string().optional(),
      noteEn: z.string().optional(),
      problems: z.array(checkProblem),
    }),
  ),
});

export const statisticsCalls = {
  dashboardFigures: defineCall({ access: 'read', input: z.object({ asOf: date.optional() }).optional(), output: z.object({ asOf: date, figures: dashboardFigures }), run: (ctx, i) => computeDashboardFigures(ctx, { asOf: i?.asOf }) }),
  dashboard: defineCall({ access: 'read', input: z.object({ asOf: date.optional() }).optional(), output: dashboardSchema, run: (ctx, i) => computeDashboard(ctx, { asOf: i?.asOf }) }),
  dataChecks: defineCall({ access: 'read', input: z.object({}).optional(), output: dataChecksSchema, run: (ctx) => runDataChecks(ctx) }),
  // every rule with its lines, on A4 and as xlsx
  printDataChecks: defineCall({
    access: 'read', input: z.object({}).optional(), output: z.object({ html: z.string(), title: z.string() }),
    run: async (ctx) => {
      const list = dataChecksPrintList(await runDataChecks(ctx), (await getSetup(ctx)).township?.name ?? '');
      return { html: groupedListHtml(list), title: list.title };
    },
  }),
  exportDataChecks: defineCall({
    access: 'read', input: z.object({}).optional(), output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), rows: z.number() }),
    run: async (ctx) => {
      const checks = await runDataChecks(ctx);
      const list = dataChecksWorkbookList(checks, (await getSetup(ctx)).township?.name ?? '');
      return { fileName: safeFileName(`${list.title}_${list.asOf}.xlsx`), mimeType: XLSX_MIME, base64: (await listWorkbook(list)).toString('base64'), rows: checks.total };
    },
  }),
};

export type DashboardDto = z.output<typeof dashboardSchema>;
export type DataChecksDto = z.output<typeof dataChecksSchema>;
