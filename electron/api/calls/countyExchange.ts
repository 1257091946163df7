// 导出到县 (township) and 导入乡镇数据 (county): keys, the package, its verification, the 回执, and the
// county's view of all townships. Folders and package files are the ones the clerk picked in the main
// process (the removable-drive list or a folder/file dialog), passed as paths; key and receipt files are
// small texts the window reads from the picked file and sends (or receives and offers to save).
// Writing and importing packages are jobs (progress, cancel): jobStatus / cancelJob.
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { jobStatusSchema } from './importExport';
import { exportPublicKey, importCountyKey, initKeys, keysStatus, registerTownship } from '../../services/exchange/keys';
import { previewExport } from '../../services/exchange/packageWriter';
import { listSentPackages } from '../../services/exchange/exchangeLog';
import { importReceipt } from '../../services/exchange/receipts';
import { COUNTY_MEMBER_STATUSES, countyImportLog, countyMemberHistory, countyStatus, listCountyMembers } from '../../services/exchange/countyQuery';
import { receiptToSave, startCountyExport, startCountyImport, verifyPackage } from '../../services/exchange/exchangeSteps';

const counts = z.record(z.string(), z.number());
const keysStatusSchema = z.object({
  role: z.enum(['township', 'county']),
  dir: z.string(),
  own: z.object({ fingerprint: z.string(), signingPublicPem: z.string(), ageRecipient: z.string() }).nullable(),
  county: z.object({ fingerprint: z.string(), recipient: z.string(), name: z.string().nullable() }).nullable(),
});
const planSchema = z.object({
  township: z.object({ code: z.string(), name: z.string() }),
  sequence: z.number(),
  kind: z.enum(['full', 'incremental']),
  baseSequence: z.number(),
  changeFrom: z.number(),
  changeTo: z.number(),
  tables: z.array(z.object({ name: z.string(), rows: z.number(), total: z.number() })),
  attachments: z.number(),
  attachmentBytes: z.number(),
  missingAttachments: z.array(z.string()),
  countyFingerprint: z.string().nullable(),
  nothingToSend: z.boolean(),
});
const packageInfoSchema = z.object({
  bagName: z.string(), townshipCode: z.string(), townshipName: z.string(), sequence: z.number(), kind: z.enum(['full', 'incremental']), baseSequence: z.number(),
  changeFrom: z.number(), changeTo: z.number(), baggingDate: z.string(), createdAt: z.string(), schemaVersion: z.string(), appVersion: z.string(), tableRows: counts,
  attachments: z.number(), attachmentBytes: z.number(), missingAttachments: z.array(z.string()), payloadBytes: z.number(), payloadFiles: z.number(), bagDigest: z.string(),
  signingFingerprint: z.string(),
});
const filePath = z.string().min(1).max(4096);
const keyText = z.string().min(1).max(64 * 1024);

export const countyExchangeCalls = {
  // fingerprints and state only
  exchangeKeys: defineCall({ access: 'read', input: z.object({}).optional(), output: keysStatusSchema, run: (ctx) => keysStatus(ctx) }),
  initExchangeKeys: defineCall({
    access: 'admin',
    input: z.object({}).optional(),
    output: keysStatusSchema.extend({ created: z.array(z.string()) }),
    run: (ctx) => initKeys(ctx),
  }),
  /** The text of this install's public key file and a file name to offer in the save dialog. */
  // creates the key pair when missing
  exportPublicKey: defineCall({
    access: 'admin',
    input: z.object({}).optional(),
    output: z.object({ fileName: z.string(), text: z.string(), fingerprint: z.string() }),
    run: (ctx) => exportPublicKey(ctx),
  }),
  importCountyKey: defineCall({
    access: 'admin',
    input: z.object({ text: keyText }),
    output: z.object({ fingerprint: z.string(), recipient: z.string(), name: z.string().nullable(), replaced: z.string().nullable() }),
    run: (ctx, i) => importCountyKey(ctx, i.text),
  }),
  registerTownship: defineCall({
    access: 'admin',
    input: z.object({ code: z.string().max(20), name: z.string().max(50).nullable().optional(), publicKeyPem: keyText }),
    output: z.object({ code: z.string(), name: z.string(), fingerprint: z.string(), registeredAt: z.string(), replacedFingerprint: z.string().nullable() }),
    run: (ctx, i) => registerTownship(ctx, i),
  }),
  /** 导出到县, step 1: what would be sent (counts by table, sequence range, attachments). */
  previewCountyExport: defineCall({ access: 'read', input: z.object({ full: z.boolean().optional() }).optional(), output: planSchema, run: (ctx, i) => previewExport(ctx, i ?? {}) }),
  /**
   * 导出到县, step 2: write the package into the picked folder (the stick), then read it back from there
   * and verify it. A job: its result is { package, verification }.
   */
  startCountyExport: defineCall({
    access: 'write',
    input: z.object({ outDir: filePath, full: z.boolean().optional() }),
    output: jobStatusSchema,
    run: async (ctx, i) => startCountyExport(ctx, i),
  }),
  listSentPackages: defineCall({
    access: 'read',
    input: z.object({}).optional(),
    output: z.array(
      z.object({
        sequence: z.number(), kind: z.string(), baseSequence: z.number(), changeFrom: z.number(), changeTo: z.number(), fileName: z.string(), filePath: z.string(), size: z.number(),
        rowCounts: counts, attachments: z.number(), attachmentBytes: z.number(), createdAt: z.string(), actor: z.string(), verifiedAt: z.string().nullable(),
        acknowledgedAt: z.string().nullable(), bagDigest: z.string(),
      }),
    ),
    run: (ctx) => listSentPackages(ctx),
  }),
  /** Verify a package without applying it: at a township one of its own; at the county any registered township's. */
  // marks the log row verified
  verifyPackage: defineCall({
    access: 'write',
    input: z.object({ file: filePath }),
    output: z.object({ ok: z.boolean(), problem: z.string().nullable(), message: z.string(), info: packageInfoSchema.nullable(), continuity: z.enum(['next', 'replay']).nullable() }),
    run: (ctx, i) => verifyPackage(ctx, i.file),
  }),
  importReceipt: defineCall({
    access: 'write',
    input: z.object({ text: keyText }),
    output: z.object({ status: z.enum(['acknowledged', 'already']), packageSequence: z.number(), message: z.string() }),
    run: (ctx, i) => importReceipt(ctx, i.text),
  }),
  /** 导入乡镇数据: one or many packages, any order. A job: its result is one outcome per file. */
  startCountyImport: defineCall({
    access: 'write',
    input: z.object({ files: z.array(filePath).min(1, '请选择至少一个数据包').max(500, '一次最多导入 500 个数据包') }),
    output: jobStatusSchema,
    run: (ctx, i) => startCountyImport(ctx, i.files),
  }),
  countyStatus: defineCall({
    access: 'read',
    input: z.object({}).optional(),
    output: z.object({
      townships: z.array(
        z.object({
          code: z.string(), name: z.string(), fingerprint: z.string(), registeredAt: z.string(), lastSequence: z.number(), lastKind: z.string().nullable(),
          lastBaggingDate: z.string().nullable(), lastAppliedAt: z.string().nullable(), rowCounts: counts, memberCount: z.number(),
        }),
      ),
      totals: z.object({ townships: z.number(), members: z.number(), imports: z.number() }),
    }),
    run: (ctx) => countyStatus(ctx),
  }),
  countyImportLog: defineCall({
    access: 'read',
    input: z.object({ townshipCode: z.string().max(12).nullable().optional() }).optional(),
    output: z.array(
      z.object({
        townshipCode: z.string(), sequence: z.number(), kind: z.string(), baseSequence: z.number(), fileName: z.string(), baggingDate: z.string(), appliedAt: z.string(),
        actor: z.string(), rowCounts: counts, removed: z.number(),
      }),
    ),
    run: (ctx, i) => countyImportLog(ctx, i?.townshipCode),
  }),
  /** The county's members grid: every township, township as a column and a filter; paged (infinite row model). */
  listCountyMembers: defineCall({
    access: 'read',
    input: z.object({
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      townshipCode: z.string().max(12).nullable().optional(),
      search: z.string().max(40).nullable().optional(),
      status: z.enum(COUNTY_MEMBER_STATUSES).optional(),
      sort: z.enum(['name', 'township', 'org', 'joinDate', 'birthDate']).optional(),
      dir: z.enum(['asc', 'desc']).optional(),
    }),
    output: z.object({
      total: z.number(),
      rows: z.array(
        z.object({
          townshipCode: z.string(), townshipName: z.string(), id: z.string(), idNumber: z.string(), name: z.string(), gender: z.string(), birthDate: z.string(),
          ethnicity: z.string(), education: z.string(), category: z.string(), orgId: z.string(), orgName: z.string().nullable(), joinDate: z.string(),
          fullDate: z.string().nullable(), occupation: z.string(), phone: z.string().nullable(), exitReason: z.string().nullable(), exitDate: z.string().nullable(),
          isMobile: z.boolean(), isLost: z.boolean(), transferPending: z.boolean(), duplicate: z.boolean(),
        }),
      ),
    }),
    run: (ctx, i) => listCountyMembers(ctx, i),
  }),
  /** One person at the county: their record in every township and the history from all of them. */
  countyMemberHistory: defineCall({
    access: 'read',
    input: z.object({ idNumber: z.string().min(15).max(18) }),
    output: z.object({
      records: z.array(z.object({ townshipCode: z.string(), id: z.string(), current: z.boolean(), exitReason: z.string().nullable(), member: z.record(z.string(), z.unknown()) })),
      events: z.array(z.object({ townshipCode: z.string(), memberId: z.string(), kind: z.string(), eventDate: z.string(), summary: z.string(), actor: z.string() })),
    }),
    run: (ctx, i) => countyMemberHistory(ctx, i.idNumber),
  }),
  /** The signed 回执 for a township's last applied package: text and a file name for the save dialog. */
  writeReceipt: defineCall({
    access: 'write',
    input: z.object({ townshipCode: z.string().max(12) }),
    output: z.object({ fileName: z.string(), text: z.string(), packageSequence: z.number(), townshipName: z.string(), fingerprint: z.string() }),
    run: (ctx, i) => receiptToSave(ctx, i.townshipCode),
  }),
};
