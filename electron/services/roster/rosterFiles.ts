// 导入花名册 and the Excel exports as the window and the CLI take them: a roster sent as bytes and kept
// under an id (uploads.ts), its analysis, the import as a job, and every export as an xlsx file to save
// (its name, its type and its bytes in base64, as they cross the transport).
import type { ServiceContext } from '../core/context';
import { todayOf } from '../core/context';
import { DomainError } from '../core/errors';
import { jobsOf, type JobStatus } from '../core/jobs';
import { analyseRoster, importRoster, type ImportOptions, type RosterAnalysis } from './rosterImport';
import { exportImportErrors, exportMembersXlsx, exportRosterXlsx, type MemberExportInput, type RosterExportInput } from './rosterExport';
import { exportNationalXlsx, type NationalExportInput } from './nationalExport';
import { ROSTER_FIELDS, ROSTER_FIELD_LABELS, type RosterField } from './rosterFields';
import { keepUpload, uploadedSource, type UploadedFile } from './uploads';
import { acceptDifferences, compareWithNational, type AcceptResult, type NationalComparison } from './nationalCompare';
import { nationalCompareXlsx } from './nationalCompareReport';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// Characters no file name may hold on Windows, where most of the offices are.
const safeName = (s: string) => s.replace(/[\\/:*?"<>|]/g, '_');

export interface XlsxFile {
  fileName: string;
  mimeType: string;
  base64: string;
  rows: number;
}

/** Keep a file for an import without reading it yet (the CLI imports in one pass, as it has no corrections to wait for). */
export function uploadRoster(file: UploadedFile): { analysisId: string; fileName: string } {
  return { analysisId: keepUpload(file), fileName: file.fileName };
}

/** Read a new file, or the one kept under `analysisId` again with the clerk's corrections; nothing is written. */
export async function analyseUpload(
  ctx: ServiceContext,
  input: { file?: UploadedFile; analysisId?: string; options?: ImportOptions },
): Promise<RosterAnalysis & { analysisId: string; fields: { field: RosterField; label: string }[] }> {
  const analysisId = input.file ? keepUpload(input.file) : input.analysisId;
  if (!analysisId) throw new DomainError('bad_input', '请选择要导入的文件');
  const a = await analyseRoster(ctx, uploadedSource(analysisId), input.options);
  return { ...a, analysisId, fields: ROSTER_FIELDS.map((f) => ({ field: f, label: ROSTER_FIELD_LABELS[f] })) };
}

/** The import of a kept file as a job: one transaction; cancelled before its commit, it writes nothing. */
export function startRosterImport(ctx: ServiceContext, input: { analysisId: string; options?: ImportOptions; expectedRows?: number }): JobStatus {
  const src = uploadedSource(input.analysisId);
  return jobsOf(ctx.archive).start('import', (control) =>
    importRoster(ctx, src, input.options, { signal: control.signal, progress: control.progress, expectedRows: input.expectedRows }),
  );
}

/** The rows with errors, as written, plus a column explaining each: fix in Excel, import again. */
export async function importErrorsFile(ctx: ServiceContext, input: { analysisId: string; options?: ImportOptions }): Promise<XlsxFile> {
  const src = uploadedSource(input.analysisId);
  const r = await exportImportErrors(ctx, src, input.options ?? {});
  return { fileName: safeName(`${src.fileName.replace(/\.[^.]+$/, '')}_错误行.xlsx`), mimeType: XLSX_MIME, base64: r.bytes.toString('base64'), rows: r.rows };
}

export async function membersFile(ctx: ServiceContext, input: MemberExportInput): Promise<XlsxFile> {
  const r = await exportMembersXlsx(ctx, input);
  return { fileName: `党员名单_${todayOf(ctx)}.xlsx`, mimeType: XLSX_MIME, base64: r.bytes.toString('base64'), rows: r.rows };
}

export async function nationalMembersFile(ctx: ServiceContext, input: NationalExportInput): Promise<XlsxFile> {
  const r = await exportNationalXlsx(ctx, input);
  return { fileName: `党员信息库_全国系统格式_${todayOf(ctx)}.xlsx`, mimeType: XLSX_MIME, base64: r.bytes.toString('base64'), rows: r.rows };
}

export async function rosterFile(ctx: ServiceContext, input: RosterExportInput): Promise<XlsxFile> {
  const r = await exportRosterXlsx(ctx, input);
  return { fileName: safeName(`${r.title}_${todayOf(ctx)}.xlsx`), mimeType: XLSX_MIME, base64: r.bytes.toString('base64'), rows: r.rows };
}

// ---- 信息比对 with a national export ----

/** Compare the picked export (or the one kept under `analysisId`) with the archive; nothing is written. */
export async function compareUpload(ctx: ServiceContext, input: { file?: UploadedFile; analysisId?: string; fileDate: string }): Promise<NationalComparison & { analysisId: string }> {
  const analysisId = input.file ? keepUpload(input.file) : input.analysisId;
  if (!analysisId) throw new DomainError('bad_input', '请选择全国党员管理信息系统导出的文件');
  return { ...(await compareWithNational(ctx, uploadedSource(analysisId), input.fileDate)), analysisId };
}

export function acceptUpload(ctx: ServiceContext, input: { analysisId: string; fileDate: string; keys?: string[]; kinds?: string[] }): Promise<AcceptResult> {
  return acceptDifferences(ctx, uploadedSource(input.analysisId), input.fileDate, { keys: input.keys, kinds: input.kinds });
}

export async function compareReportFile(ctx: ServiceContext, input: { analysisId: string; fileDate: string }): Promise<XlsxFile> {
  const src = uploadedSource(input.analysisId);
  const r = await nationalCompareXlsx(await compareWithNational(ctx, src, input.fileDate));
  return { fileName: safeName(`信息比对_${src.fileName.replace(/\.[^.]+$/, '')}_${todayOf(ctx)}.xlsx`), mimeType: XLSX_MIME, base64: r.bytes.toString('base64'), rows: r.rows };
}
