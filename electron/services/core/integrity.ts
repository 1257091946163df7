// `check`: is the archive whole? SQLite's own integrity check, the foreign keys, and the audit chain.
import type { ServiceContext } from './context';
import { verifyAuditChain, type AuditChainReport } from '../audit/audit';

export interface IntegrityReport {
  ok: boolean;
  database: { ok: boolean; messages: string[] };
  foreignKeys: { ok: boolean; violations: number };
  audit: AuditChainReport;
}

export async function checkArchive(ctx: ServiceContext): Promise<IntegrityReport> {
  const integrity = await ctx.archive.query<{ integrity_check: string }>('PRAGMA integrity_check');
  const messages = integrity.map((r) => r.integrity_check);
  const dbOk = messages.length === 1 && messages[0] === 'ok';
  const fk = await ctx.archive.query('PRAGMA foreign_key_check');
  const audit = await verifyAuditChain(ctx.archive);
  return { ok: dbOk && fk.length === 0 && audit.intact, database: { ok: dbOk, messages: dbOk ? [] : messages.slice(0, 20) }, foreignKeys: { ok: fk.length === 0, violations: fk.length }, audit };
}
