// 导入花名册 and Excel exports. The window reads the file the clerk picked and sends its bytes (base64);
// it never names a path, and the CLI sends the bytes of the file it was given the same way. The file is
// kept in memory under an id (services/roster/uploads.ts), so that the clerk's corrections re-analyse and
// the import runs without sending the file again. The import is a job (progress, cancel); exports return
// xlsx bytes for the window to offer as a download.
import { z } from 'zod';
import { lastImport, undoLastImport } from '../../services/roster/importUndo';
import { defineCall } from '../defineCall';
import { id, memberListQuery, memberView } from '../schemas';
import { cancelJob, jobStatus } from '../../services/core/jobs';
import { ROSTER_FIELDS } from '../../services/roster/rosterFields';
import { MAX_UPLOAD_BYTES } from '../../services/roster/uploads';
import { analyseUpload, importErrorsFile, membersFile, nationalMembersFile, rosterFile, startRosterImport, uploadRoster } from '../../services/roster/rosterFiles';

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

const fileInput = z.object({
  fileName: z.string().min(1).max(260),
  base64: z.string().max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 4, `文件太大(最大 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB)`),
});
const analysisId = z.string().max(64);

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

export const importExportCalls = {
  /** The last import, and whether it can still be undone (the reason when not). */
  lastImport: defineCall({
    access: 'read', input: z.object({}).optional(),
    output: z.object({ fileName: z.string(), at: z.string(), inserted: z.number(), refusal: z.string().nullable() }).nullable(),
    run: (ctx) => lastImport(ctx),
  }),
  /** 撤销上一次导入: one recorded action; the archive as before the import. */
  undoLastImport: defineCall({
    access: 'write', input: z.object({}).optional(),
    output: z.object({ fileName: z.string(), members: z.number(), organizations: z.number() }),
    run: (ctx) => undoLastImport(ctx),
  }),
  /** Read the picked file (or the one under analysis again, with the clerk's corrections); nothing is written. */
  // writes nothing yet, but is only the first step of an import
  analyseImport: defineCall({
    access: 'write',
    input: z.object({ file: fileInput.optional(), analysisId: analysisId.optional(), options: importOptions.optional() }),
    output: analysisSchema,
    run: (ctx, i) => analyseUpload(ctx, i),
  }),
  /**
   * Keep a file for startImport without analysing it: the CLI imports in one pass (a 150,000-row roster
   * takes seconds to read), reporting the problems the analysis would have shown.
   */
  // the first step of an import, as analyseImport
  uploadImportFile: defineCall({
    access: 'write',
    input: z.object({ file: fileInput }),
    output: z.object({ analysisId: z.string(), fileName: z.string() }),
    run: async (_ctx, i) => uploadRoster(i.file),
  }),
  /** The import as a job: one transaction; cancel before the commit writes nothing. */
  startImport: defineCall({
    access: 'write',
    input: z.object({ analysisId, options: importOptions.optional(), expectedRows: z.number().int().nonnegative().optional() }),
    output: jobStatusSchema,
    run: async (ctx, i) => startRosterImport(ctx, i),
  }),
  jobStatus: defineCall({
    access: 'read',
    input: z.object({ jobId: z.string().max(64) }),
    output: jobStatusSchema,
    run: async (ctx, i) => jobStatus(ctx.archive, i.jobId),
  }),
  // cancelling rolls a job back; it never writes
  cancelJob: defineCall({
    access: 'read',
    input: z.object({ jobId: z.string().max(64) }),
    output: jobStatusSchema,
    run: async (ctx, i) => cancelJob(ctx.archive, i.jobId),
  }),
  /** The rows with errors, as written, plus a column explaining each: fix in Excel, import again. */
  exportImportErrors: defineCall({
    access: 'read',
    input: z.object({ analysisId, options: importOptions.optional() }),
    output: fileOutput,
    run: (ctx, i) => importErrorsFile(ctx, i),
  }),
  /** The grid's current view (its filters, sort and chosen columns) as an xlsx. */
  exportMembers: defineCall({
    access: 'read',
    input: z.object({ query: memberListQuery.omit({ startRow: true, endRow: true }), columns: z.array(z.string().max(40)).max(60).optional() }),
    output: fileOutput,
    run: (ctx, i) => membersFile(ctx, i),
  }),
  /** The member library in the national system's layout (its columns, order and values). */
  exportMembersNational: defineCall({
    access: 'read',
    input: z.object({ orgId: id.nullable().optional(), view: memberView.optional() }),
    output: fileOutput,
    run: (ctx, i) => nationalMembersFile(ctx, i),
  }),
  /** 花名册: title row, 序号, chosen columns; one sheet per branch on request. */
  exportRoster: defineCall({
    access: 'read',
    input: z.object({
      orgId: id.nullable().optional(),
      view: z.enum(['roll', 'exited', 'all', 'probationary', 'mobile', 'lost', 'lostReview', 'hardship', 'transferPending']).optional(),
      columns: z.array(z.string().max(40)).max(60).optional(),
      perBranch: z.boolean().optional(),
    }),
    output: fileOutput,
    run: (ctx, i) => rosterFile(ctx, i),
  }),
};

export type RosterAnalysisDto = z.output<typeof analysisSchema>;
export type JobStatusDto = z.output<typeof jobStatusSchema>;
