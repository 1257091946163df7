// The audit viewer: the filtered log a page at a time, the chain verified, and the filtered log as xlsx
// bytes (the window offers them as a download; it never handles a path).
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { todayOf } from '../../services/core/context';
import { auditFilterOptions, exportAuditLogXlsx, listAuditLog, verificationText, verifyAuditLog } from '../../services/audit/auditViewer';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const day = z.string().max(10).nullable().optional();
const auditQuery = z.object({
  actor: z.string().max(80).nullable().optional(),
  member: z.string().max(80).nullable().optional(),
  from: day,
  to: day,
  kind: z.string().max(40).nullable().optional(),
});

const auditRow = z.object({
  id: z.number(), at: z.string(), time: z.string(), actor: z.string(), action: z.string(), actionLabel: z.string(), kind: z.string(), kindLabel: z.string(),
  entity: z.string(), entityId: z.string().nullable(), memberId: z.string().nullable(), subject: z.string(), changes: z.string(), before: z.string().nullable(), after: z.string().nullable(), names: z.record(z.string(), z.string()),
});

const verification = z.object({
  intact: z.boolean(),
  rows: z.number(),
  firstBrokenId: z.number().optional(),
  problem: z.string().optional(),
  firstBroken: z.object({ id: z.number(), time: z.string(), actor: z.string(), action: z.string(), actionLabel: z.string() }).nullable().optional(),
  text: z.string(),
});

export const auditCalls = {
  listAuditLog: defineCall({
    access: 'audit',
    input: auditQuery.extend({ offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(1000).optional() }),
    output: z.object({ rows: z.array(auditRow), total: z.number() }),
    run: (ctx, i) => listAuditLog(ctx, i),
  }),
  auditFilterOptions: defineCall({
    access: 'audit',
    input: z.object({}).optional(),
    output: z.object({ actors: z.array(z.string()), kinds: z.array(z.object({ kind: z.string(), label: z.string() })) }),
    run: (ctx) => auditFilterOptions(ctx),
  }),
  verifyAuditChain: defineCall({
    access: 'audit',
    input: z.object({}).optional(),
    output: verification,
    run: async (ctx) => {
      const v = await verifyAuditLog(ctx);
      return { ...v, text: verificationText(v) };
    },
  }),
  // the office's rules (管理员)
  exportAuditLog: defineCall({
    access: 'audit',
    input: auditQuery,
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), rows: z.number(), intact: z.boolean() }),
    run: async (ctx, i) => {
      const r = await exportAuditLogXlsx(ctx, i);
      return { fileName: `审计日志_${todayOf(ctx)}.xlsx`, mimeType: XLSX_MIME, base64: r.bytes.toString('base64'), rows: r.rows, intact: r.verification.intact };
    },
  }),
};
