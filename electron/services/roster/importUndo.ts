// 撤销上一次导入: the last roster import taken back as one recorded action. An import writes all its rows in
// one transaction under one change sequence number; what it added (the members, their 'imported' events, the
// organizations it created) is removed and the archive is as it was before it — every table but the audit
// log, which keeps the import and its undo. Refused, with the reason, once it can no longer be exact:
// an imported member changed since (any record of his written later), an organization it created used
// since, existing members updated by the import (their old values are not kept), or a package to the
// county made since (the county holds the imported members).
import type { ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { DomainError } from '../core/errors';
import { readSetting } from '../core/settings';

const LAST_IMPORT_KEY = 'import:last';

export interface ImportRecord {
  seq: number;
  fileName: string;
  inserted: number;
  updated: number;
  createdOrgIds: string[];
  at: string;
  /** The setting as it was before this import (the import before it), put back by the undo. */
  previous: { value: string; seq: number } | null;
}

/**
 * How many imports can be taken back one after another. Each record holds the one before it as text, and
 * text inside text doubles its escapes: without a limit, a few dozen imports make a setting too long to write.
 */
const UNDOABLE_IMPORTS = 4;

function keepUndoable(value: string, depth: number): string {
  const record = JSON.parse(value) as ImportRecord;
  if (record.previous) record.previous = depth > 1 ? { ...record.previous, value: keepUndoable(record.previous.value, depth - 1) } : null;
  return JSON.stringify(record);
}

/** Inside the import's transaction: what the undo needs to know of it. */
export async function recordImport(ctx: ServiceContext, r: Omit<ImportRecord, 'seq' | 'previous'>): Promise<void> {
  const seq = await ctx.archive.changeSeq();
  const stored = (await ctx.archive.queryOne<{ value: string; seq: number }>('SELECT value, seq FROM settings WHERE key = ?', [LAST_IMPORT_KEY])) ?? null;
  const previous = stored && { value: keepUndoable(stored.value, UNDOABLE_IMPORTS - 1), seq: stored.seq };
  const record: ImportRecord = { ...r, seq, previous };
  await ctx.archive.run('INSERT INTO settings(key, value, seq) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, seq = excluded.seq', [LAST_IMPORT_KEY, JSON.stringify(record), seq]);
}

export interface LastImport {
  fileName: string;
  at: string;
  inserted: number;
  /** Why it can no longer be undone; null when it can. */
  refusal: string | null;
}

const IMPORTED = `SELECT member_id FROM member_events WHERE seq = ? AND kind = 'imported'`;

/** Tables that hold a member's records with their change sequence number. */
async function memberTables(ctx: ServiceContext): Promise<string[]> {
  const tables = await ctx.archive.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  const out: string[] = [];
  for (const t of tables) {
    const cols = await ctx.archive.query<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, [t.name]);
    if (cols.some((c) => c.name === 'member_id') && cols.some((c) => c.name === 'seq')) out.push(t.name);
  }
  return out;
}

async function refusalOf(ctx: ServiceContext, r: ImportRecord): Promise<string | null> {
  if (r.updated > 0) return `这次导入更新了档案中已有的 ${r.updated} 名党员,其原来的内容未保留,不能撤销`;
  const exported = await ctx.archive.queryOne<{ sequence: number }>('SELECT sequence FROM exchange_packages WHERE change_to >= ? ORDER BY sequence LIMIT 1', [r.seq]);
  if (exported) return `导入之后已制作第 ${exported.sequence} 号导出到县的数据包,县里已有这些党员,不能撤销`;
  const changed = await ctx.archive.queryOne<{ name: string }>(`SELECT name FROM members WHERE id IN (${IMPORTED}) AND seq <> ? LIMIT 1`, [r.seq, r.seq]);
  if (changed) return `导入的党员“${changed.name}”在导入之后有过修改,不能撤销`;
  for (const table of await memberTables(ctx)) {
    const later = await ctx.archive.queryOne<{ name: string }>(
      `SELECT m.name FROM "${table}" x JOIN members m ON m.id = x.member_id WHERE x.member_id IN (${IMPORTED}) AND x.seq <> ? LIMIT 1`,
      [r.seq, r.seq],
    );
    if (later) return `导入的党员“${later.name}”在导入之后有过登记或修改,不能撤销`;
  }
  if (r.createdOrgIds.length) {
    const marks = r.createdOrgIds.map(() => '?').join(',');
    const org = await ctx.archive.queryOne<{ name: string }>(
      `SELECT o.name FROM organizations o WHERE o.id IN (${marks}) AND (o.seq <> ?
         OR EXISTS (SELECT 1 FROM members m WHERE m.org_id = o.id AND m.id NOT IN (${IMPORTED}))
         OR EXISTS (SELECT 1 FROM organizations c WHERE c.parent_id = o.id AND c.id NOT IN (${marks}))) LIMIT 1`,
      [...r.createdOrgIds, r.seq, r.seq, ...r.createdOrgIds],
    );
    if (org) return `导入时新建的“${org.name}”在导入之后有过修改或已有其他党员、下级组织,不能撤销`;
  }
  return null;
}

export async function lastImport(ctx: ServiceContext): Promise<LastImport | null> {
  const r = await readSetting<ImportRecord>(ctx.archive, LAST_IMPORT_KEY);
  if (!r) return null;
  return { fileName: r.fileName, at: r.at, inserted: r.inserted, refusal: await refusalOf(ctx, r) };
}

export async function undoLastImport(ctx: ServiceContext): Promise<{ fileName: string; members: number; organizations: number }> {
  return ctx.archive.transaction(async () => {
    const r = await readSetting<ImportRecord>(ctx.archive, LAST_IMPORT_KEY);
    if (!r) throw new DomainError('conflict', '没有可以撤销的导入');
    const refusal = await refusalOf(ctx, r);
    if (refusal) throw new DomainError('conflict', refusal);
    const members = (await ctx.archive.queryOne<{ n: number }>(`SELECT count(*) AS n FROM members WHERE id IN (${IMPORTED})`, [r.seq]))!.n;
    // The members' own rows first (their 'imported' events last: they name who was imported), then the members.
    await ctx.archive.exec('CREATE TEMP TABLE IF NOT EXISTS undone_members(id TEXT PRIMARY KEY)');
    await ctx.archive.run('DELETE FROM temp.undone_members');
    await ctx.archive.run(`INSERT INTO temp.undone_members(id) ${IMPORTED}`, [r.seq]);
    for (const table of await memberTables(ctx)) await ctx.archive.run(`DELETE FROM "${table}" WHERE member_id IN (SELECT id FROM temp.undone_members) AND seq = ?`, [r.seq]);
    await ctx.archive.run('DELETE FROM members WHERE id IN (SELECT id FROM temp.undone_members) AND seq = ?', [r.seq]);
    await ctx.archive.run('DROP TABLE temp.undone_members');
    // Organizations children first (they were created after their parents).
    for (const id of [...r.createdOrgIds].reverse()) {
      await ctx.archive.run('DELETE FROM org_units WHERE org_id = ?', [id]);
      await ctx.archive.run('DELETE FROM organizations WHERE id = ? AND seq = ?', [id, r.seq]);
    }
    if (r.previous) await ctx.archive.run('UPDATE settings SET value = ?, seq = ? WHERE key = ?', [r.previous.value, r.previous.seq, LAST_IMPORT_KEY]);
    else await ctx.archive.run('DELETE FROM settings WHERE key = ?', [LAST_IMPORT_KEY]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'import.undo', entity: 'members', entityId: null, before: { fileName: r.fileName, at: r.at, members: members, organizations: r.createdOrgIds.length }, after: null }]);
    return { fileName: r.fileName, members, organizations: r.createdOrgIds.length };
  });
}
