// The audit log: who changed what, when, before → after. Rows are hash-chained: each row's hash covers
// its own content and the previous row's hash, so editing, inserting or deleting a row by hand breaks
// the chain from that row on, and `check` names the first broken row.
import crypto from 'node:crypto';
import type { Archive } from '../../../db/connection';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  actor: string;
  action: string; // e.g. member.create, org.dissolve
  entity: string; // members | organizations | settings …
  entityId: string | null;
  before: unknown;
  after: unknown;
}

interface StoredAudit {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  seq: number;
  prev_hash: string;
  hash: string;
}

function rowHash(r: Omit<StoredAudit, 'id' | 'hash'>): string {
  const canonical = JSON.stringify([r.prev_hash, r.at, r.actor, r.action, r.entity, r.entity_id, r.before, r.after, r.seq]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

function asJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Append entries to the chain. Must run inside the write transaction whose changes they describe. */
export async function appendAudit(archive: Archive, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (!archive.inTransaction()) throw new Error('appendAudit() must run inside the write transaction');
  const seq = await archive.changeSeq();
  const last = await archive.queryOne<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  let prev = last?.hash ?? GENESIS_HASH;
  const at = new Date().toISOString();
  const rows: unknown[][] = [];
  for (const e of entries) {
    const r = { at, actor: e.actor, action: e.action, entity: e.entity, entity_id: e.entityId, before: asJson(e.before), after: asJson(e.after), seq, prev_hash: prev };
    const hash = rowHash(r);
    rows.push([r.at, r.actor, r.action, r.entity, r.entity_id, r.before, r.after, r.seq, r.prev_hash, hash]);
    prev = hash;
  }
  // Multi-row inserts in chunks below SQLite's parameter limit.
  const perStatement = 3000;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await archive.run(
      `INSERT INTO audit_log(at, actor, action, entity, entity_id, before, after, seq, prev_hash, hash) VALUES ${chunk.map(() => '(?,?,?,?,?,?,?,?,?,?)').join(',')}`,
      chunk.flat(),
    );
  }
}

export interface AuditChainReport {
  intact: boolean;
  rows: number;
  firstBrokenId?: number;
  problem?: string;
}

/** Walk the whole chain in id order, in pages, recomputing every hash. */
export async function verifyAuditChain(archive: Archive): Promise<AuditChainReport> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const page = await archive.query<StoredAudit>('SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT 5000', [lastId]);
    if (page.length === 0) break;
    for (const r of page) {
      count++;
      if (r.prev_hash !== prev) {
        return { intact: false, rows: count, firstBrokenId: r.id, problem: `审计日志第 ${r.id} 条的前一条哈希不符(前面的记录被删除或改动过)` };
      }
      if (rowHash(r) !== r.hash) {
        return { intact: false, rows: count, firstBrokenId: r.id, problem: `审计日志第 ${r.id} 条的内容与其哈希不符(该条记录被改动过)` };
      }
      prev = r.hash;
      lastId = r.id;
    }
  }
  return { intact: true, rows: count };
}
