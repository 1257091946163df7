// 信息比对: the archive against an export of the national system's member library. The window sends the
// picked file's bytes (and the file's own date, which every accepted change names); the file is kept
// under an id like an import's, so that accepting compares the same file again rather than taking
// values from the window.
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { date } from '../schemas';
import { MAX_UPLOAD_BYTES } from '../../services/roster/uploads';
import { acceptUpload, compareReportFile, compareUpload } from '../../services/roster/rosterFiles';

const fileInput = z.object({
  fileName: z.string().min(1).max(260),
  base64: z.string().max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 4, `文件太大(最大 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB)`),
});
const analysisId = z.string().max(64);
const key = z.string().max(120);

const where = { sheet: z.string(), rowNumber: z.number() };
const comparisonSchema = z.object({
  analysisId: z.string(),
  fileName: z.string(),
  fileDate: z.string(),
  matched: z.number(),
  onlyArchive: z.array(z.object({ key: z.string(), memberId: z.string(), idNumber: z.string(), name: z.string(), orgName: z.string() })),
  onlyExport: z.array(z.object({ key: z.string(), idNumber: z.string(), name: z.string(), orgName: z.string(), ...where })),
  fields: z.array(
    z.object({
      key: z.string(), memberId: z.string(), idNumber: z.string(), name: z.string(), orgName: z.string(), field: z.string(), label: z.string(),
      archive: z.string(), exported: z.string(), ...where,
    }),
  ),
  unreadable: z.array(z.object({ ...where, name: z.string(), field: z.string(), label: z.string(), value: z.string(), message: z.string() })),
});

export const nationalCompareCalls = {
  /** Compare a national export with the archive; writes nothing. */
  compareNational: defineCall({
    access: 'read',
    input: z.object({ file: fileInput.optional(), analysisId: analysisId.optional(), fileDate: date }),
    output: comparisonSchema,
    run: (ctx, i) => compareUpload(ctx, i),
  }),
  /** Accept differences (by key, or every one of a kind): one transaction, each change in history and audit. */
  acceptNationalDifferences: defineCall({
    access: 'write',
    input: z.object({ analysisId, fileDate: date, keys: z.array(key).max(200_000).optional(), kinds: z.array(z.string().max(40)).max(60).optional() }),
    output: z.object({ updated: z.number(), added: z.number(), source: z.string() }),
    run: (ctx, i) => acceptUpload(ctx, i),
  }),
  /** The comparison as an xlsx report. */
  nationalCompareReport: defineCall({
    access: 'read',
    input: z.object({ analysisId, fileDate: date }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), rows: z.number() }),
    run: (ctx, i) => compareReportFile(ctx, i),
  }),
};

export type NationalComparisonDto = z.output<typeof comparisonSchema>;
