// The scale benchmark's building blocks at a tiny size (the benchmark itself, `BENCH_SCALE=1 npm run bench`,
// is not part of the tests): two township packages through the county import, the county grown by SQL
// copies of a township, the statistics' archive grown likewise, and the table of figures. The copies must
// be whole (every member visible, nobody superseded) and carry valid, distinct ID numbers.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { parseIdNumber } from '../../electron/services/members/idNumber';
import { benchScale, printScaleTable } from '../bench/scale';
import { tempDir } from '../support/tempArchive';

const root = tempDir('pr-bench-scale-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the scale benchmark at a tiny size', () => {
  it('builds counties of 1 and 3 townships and measures each', async () => {
    const reported: string[] = [];
    const rows = await benchScale(root, (name, figure) => reported.push(`${name} ${figure}`), { sizes: [1, 3], perTownship: 240, extraMembers: 30, samples: 3, budgetMs: 60_000 });
    expect(rows).toHaveLength(2);
    const [one, three] = rows;
    // The county shows the roll; the copies add exactly two more townships' worth.
    expect(one.members).toBeGreaterThan(200);
    expect(three.members).toBe(3 * one.members);
    expect(one.statsMembers).toBe(240);
    expect(three.statsMembers).toBe(720);
    expect(three.fileMb).toBeGreaterThan(one.fileMb);
    for (const r of rows) for (const f of [r.openMs, r.firstPageMs, r.pageP95, r.searchP95, r.statsMs, r.importMs]) expect(f).toBeGreaterThan(0);
    expect(reported.some((l) => l.startsWith('scale: county of'))).toBe(true);

    // The statistics' archive: every copied ID number is valid and none repeats.
    const archive = await openArchive(archiveFile(path.join(root, 't0')));
    try {
      const numbers = (await archive.query<{ id_number: string }>('SELECT id_number FROM members')).map((r) => r.id_number);
      expect(new Set(numbers).size).toBe(720);
      for (const n of numbers) expect(parseIdNumber(n).ok, n).toBe(true);
    } finally {
      await archive.close();
    }

    const lines: string[] = [];
    printScaleTable(rows, 30, (l) => lines.push(l));
    expect(lines.at(-1)).toMatch(/^\| [\d,]+ \(×3\.0\) \|/);
  }, 180_000);
});
