// Which tables travel to the county: the ONE place that decides it. Every table of the archive that
// carries a change sequence column (`seq`) travels, so a table another feature adds later is picked up
// without touching this file, as long as its rows carry `seq` like every archive table does (schema.ts).
// The exceptions are listed below, each with the reason it stays in the township.
import type { Archive } from '../../../db/connection';

const STAYS_HOME: Record<string, string> = {
  settings: 'this install’s own settings and UI preferences',
  counters: 'this install’s counters (the change sequence itself)',
  audit_log: 'the install’s own hash-chained audit trail; the package has its own signature',
  users: 'accounts and password hashes never leave the install',
};

const STAYS_HOME_PREFIXES = ['exchange_', 'county_', 'sqlite_', '__', 'session', 'login'];

export interface ExchangeTable {
  name: string;
  columns: string[];
  primaryKey: string[];
}

export async function exchangeTables(archive: Archive): Promise<ExchangeTable[]> {
  const tables = await archive.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  const out: ExchangeTable[] = [];
  for (const { name } of tables) {
    if (STAYS_HOME[name] || STAYS_HOME_PREFIXES.some((p) => name.startsWith(p))) continue;
    const info = await archive.query<{ name: string; pk: number }>(`SELECT name, pk FROM pragma_table_info(?)`, [name]);
    const columns = info.map((c) => c.name);
    if (!columns.includes('seq')) continue;
    const primaryKey = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    if (primaryKey.length === 0) throw new Error(`表 ${name} 没有主键,不能随数据包发送`);
    out.push({ name, columns, primaryKey });
  }
  return out;
}

/** Columns whose value is the SHA-256 of a file under files/: the file travels with the row. */
export function attachmentColumns(t: ExchangeTable): string[] {
  return t.columns.filter((c) => c === 'sha256' || c.endsWith('_sha256') || (t.name === 'members' && c === 'photo'));
}
