// Migrations that transform data, tested as Signal tests its own: build the archive as the previous
// version left it (the migrations up to the one before), put rows in, migrate, and check every row.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../db/connection';
import { findMigrationsDir, knownMigrationTags } from '../../db/migrate';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A migrations folder holding only the migrations before `tag`: the schema an older program wrote. */
function migrationsBefore(tag: string): string {
  const full = findMigrationsDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-migrations-'));
  dirs.push(dir);
  const journal = JSON.parse(fs.readFileSync(path.join(full, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  const index = journal.entries.findIndex((e) => e.tag === tag);
  if (index < 0) throw new Error(`no migration ${tag}`);
  const kept = journal.entries.slice(0, index);
  fs.mkdirSync(path.join(dir, 'meta'));
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: kept }));
  for (const e of kept) fs.copyFileSync(path.join(full, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

async function olderArchive(tag: string): Promise<{ file: string; archive: Archive }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-old-'));
  dirs.push(dir);
  const file = path.join(dir, 'archive.db');
  return { file, archive: await openArchive(file, { migrationsDir: migrationsBefore(tag) }) };
}

/** A row for `table` with a value in every NOT NULL column that has no default, plus `values`. */
async function insertRow(archive: Archive, table: string, values: Record<string, unknown>): Promise<void> {
  const columns = await archive.query<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(`SELECT * FROM pragma_table_info('${table}')`);
  const row: Record<string, unknown> = {};
  for (const c of columns) {
    if (c.name in values) row[c.name] = values[c.name];
    else if ((c.notnull || c.pk) && c.dflt_value === null) row[c.name] = /INT|REAL/i.test(c.type) ? 0 : `${c.name}-value`;
  }
  const names = Object.keys(row);
  await archive.run(`INSERT INTO \`${table}\` (${names.map((n) => `\`${n}\``).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, names.map((n) => row[n]));
}

const tag = (prefix: string) => knownMigrationTags().find((t) => t.startsWith(prefix))!;

describe('migrations that transform data', () => {
  it('0001 member life: members of the older archive keep every value and are neither 困难党员 nor 转出待回执', async () => {
    const { file, archive } = await olderArchive(tag('0001'));
    const before = { id: 'm-1', name: '张三', id_number: '370783199001011234', birth_date: '1990-01-01', join_date: '2015-07-01' };
    await insertRow(archive, 'organizations', { id: 'o-1', name: '中共东村支部委员会', parent_id: null });
    await insertRow(archive, 'members', { ...before, org_id: 'o-1' });
    const old = await archive.queryOne<Record<string, unknown>>("SELECT * FROM members WHERE id = 'm-1'");
    await archive.close();

    const migrated = await openArchive(file);
    try {
      const row = (await migrated.queryOne<Record<string, unknown>>("SELECT * FROM members WHERE id = 'm-1'"))!;
      for (const [k, v] of Object.entries(old!)) expect(row[k], k).toEqual(v);
      expect(row.is_hardship).toBe(0);
      expect(row.transfer_pending).toBe(0);
      const applied = (await migrated.query<{ tag: string }>('SELECT tag FROM __migrations ORDER BY tag')).map((r) => r.tag);
      expect(applied).toEqual(knownMigrationTags());
    } finally {
      await migrated.close();
    }
  }, 60_000);

  it('0007 county rows without rowid: every township row is carried over unchanged, and the table is WITHOUT ROWID', async () => {
    const { file, archive } = await olderArchive(tag('0007'));
    const rows = Array.from({ length: 250 }, (_, i) => ({
      township_code: i % 2 ? '370783101' : '370783102',
      table_name: i % 3 ? 'members' : 'organizations',
      row_key: `k-${String(i).padStart(4, '0')}`,
      source_seq: i % 7 === 0 ? null : i,
      data: JSON.stringify({ i, name: `党员${i}` }),
    }));
    await archive.transaction(async () => {
      for (const r of rows) await archive.run('INSERT INTO county_rows (township_code, table_name, row_key, source_seq, data) VALUES (?, ?, ?, ?, ?)', [r.township_code, r.table_name, r.row_key, r.source_seq, r.data]);
    });
    await archive.close();

    const migrated = await openArchive(file);
    try {
      const after = await migrated.query<Record<string, unknown>>('SELECT township_code, table_name, row_key, source_seq, data FROM county_rows ORDER BY row_key');
      expect(after).toEqual([...rows].sort((a, b) => a.row_key.localeCompare(b.row_key)));
      const sql = (await migrated.queryOne<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'county_rows'"))!.sql;
      expect(sql).toMatch(/WITHOUT ROWID/i);
      const check = await migrated.query<{ integrity_check: string }>('PRAGMA integrity_check');
      expect(check).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      await migrated.close();
    }
  }, 60_000);
});
