// An archive written by the release before the national items (a demo township made by that release's
// own CLI: tests/fixtures/previous-release/make.sh), opened by this one: the migration keeps every stored
// value, the coarse 学历 and 职业 stay valid, no leaf is guessed, and 数据校验 lists them as 待细化.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../db/connection';
import { tempDir } from '../support/tempArchive';
import { isCode } from '../../electron/services/core/codes';
import { checkArchive } from '../../electron/services/core/integrity';
import { runDataChecks } from '../../electron/services/statistics/dataChecks';
import type { ServiceContext } from '../../electron/services/core/context';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'previous-release', 'archive-381b995.db.gz');
const dirs: string[] = [];
const archives: Archive[] = [];
afterEach(async () => {
  for (const a of archives.splice(0)) await a.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

type Row = Record<string, unknown>;
/** Every row of every table, ordered by the columns the older release had (so both reads line up). */
async function everyRow(archive: Archive, order?: Map<string, string[]>): Promise<{ rows: Map<string, Row[]>; columns: Map<string, string[]> }> {
  const tables = await archive.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__migrations', '__drizzle_migrations') ORDER BY name"); // the migrations' own bookkeeping grows, as it should
  const rows = new Map<string, Row[]>();
  const columns = new Map<string, string[]>();
  for (const { name } of tables) {
    const cols = (await archive.query<{ name: string }>(`SELECT name FROM pragma_table_info('${name}')`)).map((c) => c.name);
    columns.set(name, cols);
    const by = (order?.get(name) ?? cols).map((c) => `"${c}"`).join(', ');
    rows.set(name, await archive.query<Row>(`SELECT * FROM "${name}" ORDER BY ${by}`));
  }
  return { rows, columns };
}

describe('an archive of the previous release', () => {
  it('opens with every stored value unchanged; coarse values valid, leaves null, listed as 待细化', async () => {
    const dir = tempDir('pr-prev-');
    dirs.push(dir);
    const file = path.join(dir, 'archive.db');
    fs.writeFileSync(file, zlib.gunzipSync(fs.readFileSync(FIXTURE)));

    const old = await openArchive(file, { migrate: false });
    const oldColumns = (await old.query<{ name: string }>("SELECT name FROM pragma_table_info('members')")).map((c) => c.name);
    expect(oldColumns).not.toContain('education_level'); // truly the older schema
    const { rows: before, columns } = await everyRow(old);
    await old.close();
    expect(before.get('members')!.length).toBeGreaterThan(200);

    const archive = await openArchive(file);
    archives.push(archive);
    const after = (await everyRow(archive, columns)).rows;
    for (const [table, rows] of before) {
      const now = after.get(table)!;
      expect(now.length, table).toBe(rows.length);
      // Every column the old release wrote holds what it held.
      rows.forEach((r, i) => {
        const kept = Object.fromEntries(Object.keys(r).map((k) => [k, now[i][k]]));
        expect(kept, `${table} row ${i + 1}`).toEqual(r);
      });
    }

    const members = after.get('members')!;
    for (const m of members) {
      expect(isCode('education', m.education as string), `${m.name} 学历 ${m.education}`).toBe(true);
      expect(isCode('occupation', m.occupation as string), `${m.name} 职业 ${m.occupation}`).toBe(true);
      expect(m.occupation).not.toBe('0');
      expect(m.education_level).toBeNull();
      expect(m.job_post).toBeNull();
    }

    const ctx: ServiceContext = { archive, actor: 'tester', today: '2026-11-28' };
    expect((await checkArchive(ctx)).ok).toBe(true);
    const checks = Object.fromEntries((await runDataChecks(ctx)).checks.map((c) => [c.id, c.problems.map((p) => p.id).sort()]));
    const onRoll = members.filter((m) => m.exit_reason == null).map((m) => m.id as string).sort();
    expect(checks.educationToRefine).toEqual(onRoll);
    expect(checks.jobPostToRefine).toEqual(onRoll);
    expect(checks.jobPostMissing).toEqual([]);
  }, 60_000);
});
