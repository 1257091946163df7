// 导入花名册 and Excel exports. The window reads the file the clerk picked and sends its bytes (base64);
// it never names a path. An analysis keeps those bytes in memory (never in the archive) under an id, so
// that the clerk's corrections re-analyse and the import runs without sending the file again. The import
// is a job (progress, cancel); exports return xlsx bytes for the window to offer as a download.
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { id, memberListQuery } from '../schemas';
import type { ServiceContext } from '../../services/core/context';
import { todayOf } from '../../services/core/context';
import { DomainError } from '../../services/core/errors';
import { jobsOf, type JobRunner } from '../../services/core/jobs';
import { newId } from '../../services/core/ids';
import { analyseRoster, importRoster, type ImportOptions } from '../../services/roster/rosterImport';
import { exportImportErrors, exportMembersXlsx, exportRosterXlsx } from '../../services/roster/rosterExport';
import { ROSTER_FIELDS, ROSTER_FIELD_LABELS } from '../../services/roster/rosterFields';
import type { RosterSource } from '../../services/roster/rosterRead';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const KEEP_MS = 60 * 60_000;

/** Files under analysis, by id: the picked file's bytes, for an hour, a few at a time. */
const sessions = new Map<string, { src: RosterSource; at: number }>();
const runnerOf = (ctx: ServiceContext): JobRunner => jobsOf(ctx.archive);

function sessionSource(analysisId: string): RosterSource {
  const s = sessions.get(analysisId);
  if (!s) throw new DomainError('not_found', '找不到要导入的文件(打开已超过一小时或程序已重启),请重新选择文件');
  s.at = Date.now();
  return s.src;
}

function remember(src: RosterSource): string {
  const now = Date.now();
  for (const [k, v] of sessions) if (now - v.at > KEEP_MS) sessions.delete(k);
  while (sessions.size >= 4) sessions.delete(sessions.keys().next().value!);
  const key = newId();
  sessions.set(key, { src, at: now });
  return key;
}

const rosterField = z.enum(ROSTER_FIELDS);
const branchChoice = z.discriminatedUnion('action', [z.object({ action: z.literal('create'), parentId: id }), z.object({ action: z.literal('map'), orgId: id })]);
const importOptions = z.object({
  sheet: z.string().max(100).nullable().optional(),
  mapping: z.record(z.string().max(200), rosterField.nullable()).optional(),
  branchChoices: z.record(z.string().max(200), branchChoice).optional(),
  duplicateMode: z.enum(['skip', 'fillEmpty', 'overwrite']).optional(),
  defaults: z.object({ ethnicity: z.string().max(8).optional(), education: z.string().max(8).optional(), occupation: z.string().max(8).optional() }).optional(),
  defaultOrgId: id.nullable().optional(),
});

const fileInput = z.object({ fileName: z.string().min(1).max(260), base64: z.string().max(Math.ceil((MAX_FILE_BYTES * 4) / 3) + 4) });

const rowProblem = z.object({ sheet: z.string(), rowNumber: z.number(), name: z.string(), field: z.string(), label: z.string(), value: z.string(), message: z.string() });
const analysisSchema = z.object({
  analysisId: z.string(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'xls', 'csv']),
  fields: z.array(z.object({ field: rosterField, label: z.string() })),
  sheets: z.array(
    z.object({
      name: z.string(),
      headerRow: z.number().nullable(),
      title: z.string().nullable(),
      branchFromSheet: z.string().nullable(),
      columns: z.array(z.object({ index: z.number(), header: z.string(), field: rosterField.nullable(), auto: z.boolean() })),
      rows: z.number(),
    }),
  ),
  counts: z.object({ rows: z.number(), new: z.number(), existing: z.number(), errors: z.number(), toUpdate: z.number() }),
  preview: z.array(z.object({ sheet: z.string(), rowNumber: z.number(), kind: z.enum(['new', 'existing', 'error']), orgName: z.string(), values: z.record(z.string(), z.string()) })),
  problems: z.array(rowProblem),
  problemTotal: z.number(),
  branches: z.array(z.object({ name: z.string(), rows: z.number(), matchOrgId: z.string().nullable(), matchOrgName: z.string().nullable() })),
  duplicates: z.array(
    z.object({
      sheet: z.string(), rowNumber: z.number(), name: z.string(), idNumber: z.string(), memberId: z.string(), storedName: z.string(),
      diffs: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string(), fillsEmpty: z.boolean() })),
    }),
  ),
  duplicateTotal: z.number(),
  notices: z.array(z.string()),
});

export const jobStatusSchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  done: z.number(),
  total: z.number(),
  message: z.string().nullable(),
  result: z.unknown(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

const fileOutput = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), rows: z.number() });
const safeName = (s: string) => s.replace(/[\\/:*?"<>|]/g, '_');

export const importExportCalls = {
  /** Read the picked file (or the one under analysis again, with the clerk's corrections); nothing is written. */
  // writes nothing yet, but is only the first step of an import
  analyseImport: defineCall({
    access: 'write',
    input: z.object({ file: fileInput.optional(), analysisId: z.string().max(64).optional(), options: importOptions.optional() }),
    output: analysisSchema,
    async run(ctx, i) {
      let analysisId = i.analysisId;
      if (i.file) {
        const bytes = Buffer.from(i.file.base64, 'base64');
        if (bytes.length === 0) throw new DomainError('bad_input', `文件“${i.file.fileName}”是空的`);
        analysisId = remember({ fileName: i.file.fileName, bytes });
      }
      if (!analysisId) throw new DomainError('bad_input', '请选择要导入的文件');
      const a = await analyseRoster(ctx, sessionSource(analysisId), i.options as ImportOptions);
      return { ...a, analysisId, fields: ROSTER_FIELDS.map((f) => ({ field: f, label: ROSTER_FIELD_LABELS[f] })) };
    },
  }),
  /** The import as a job: one transaction; cancel before the commit writes nothing. */
  // 党建实务 (practices): reading and printing
  startImport: defineCall({
    access: 'write',
    input: z.object({ analysisId: z.string().max(64), options: importOptions.optional(), expectedRows: z.number().int().nonnegative().optional() }),
    output: jobStatusSchema,
    async run(ctx, i) {
      const src = sessionSource(i.analysisId);
      return runnerOf(ctx).start('import', (control) =>
        importRoster(ctx, src, i.options as ImportOptions, { signal: control.signal, progress: control.progress, expectedRows: i.expectedRows }),
      );
    },
  }),
  jobStatus: defineCall({
    access: 'read',
    input: z.object({ jobId: z.string().max(64) }),
    output: jobStatusSchema,
    async run(ctx, i) {
      const s = runnerOf(ctx).status(i.jobId);
      if (!s) throw new DomainError('not_found', '找不到该任务');
      return s;
    },
  }),
  // cancelling rolls a job back; it never writes
  cancelJob: defineCall({
    access: 'read',
    input: z.object({ jobId: z.string().max(64) }),
    output: jobStatusSchema,
    async run(ctx, i) {
      const s = runnerOf(ctx).cancel(i.jobId);
      if (!s) throw new DomainError('not_found', '找不到该任务');
      return s;
    },
  }),
  /** The rows with errors, as written, plus a column explaining each: fix in Excel, import again. */
  exportImportErrors: defineCall({
    access: 'read',
    input: z.object({ analysisId: z.string().max(64), options: importOptions.optional() }),
    output: fileOutput,
    async run(ctx, i) {
      const src = sessionSource(i.analysisId);
      const r = await exportImportErrors(ctx, src, i.options as ImportOptions);
      return { fileName: safeName(`${src.fileName.replace(/\.[^.]+$/, '')}_错误行.xlsx`), mimeType: XLSX_MIME, base64: r.bytes.toString('base64'), rows: r.rows };
    },
  }),
  /** The grid's current view (its filters, sort and chosen columns) as an xlsx. */
  exportMembers: defineCall({
    access: 'read',
    input: z.object({ query: memberListQuery.omit({ startRow: true, endRow: true }), columns: z.array(z.string().max(40)).max(60).optional() }),
    output: fileOutput,
    async run(ctx, i) {
      const r = await exportMembersXlsx(ctx, { query: i.query, columns: i.columns });
      return { fileName: `党员名单_${todayOf(ctx)}.xlsx`, mimeType: XLSX_MIME, base64: r.bytes.toString('base64'), rows: r.rows };
    },
  }),
  /** 花名册: title row, 序号, chosen columns; one sheet per branch on request. */
  // changing records (录入员, 管理员)
  exportRoster: defineCall({
    access: 'read',
    input: z.object({
      orgId: id.nullable().optional(),
      view: z.enum(['roll', 'exited', 'all', 'probationary', 'mobile', 'lost', 'lostReview', 'hardship', 'transferPending']).optional(),
      columns: z.array(z.string().max(40)).max(60).optional(),
      perBranch: z.boolean().optional(),
    }),
    output: fileOutput,
    async run(ctx, i) {
      const r = await exportRosterXlsx(ctx, i);
      return { fileName: safeName(`${r.title}_${todayOf(ctx)}.xlsx`), mimeType: XLSX_MIME, base64: r.bytes.toString('base64'), rows: r.rows };
    },
  }),
};

export type RosterAnalysisDto = z.output<typeof analysisSchema>;
export type JobStatusDto = z.output<typeof jobStatusSchema>;
