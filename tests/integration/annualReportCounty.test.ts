// The 年报 at the county: three townships (real archives, demo data, different seeds) send full packages,
// then — after more movements — incremental ones; the county's tables equal, cell by cell, the sum of the
// three townships' own tables, and each township's tables at the county equal its own. The 汇总表 has a
// column per township; a township whose last package is older than the report date is named with its date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAnnualReport, annualCellItems, type AnnualReport } from '../../electron/services/statistics/annualReport/annualReport';
import { checkAnnualReport } from '../../electron/services/statistics/annualReport/reportChecks';
import { exitMember } from '../../electron/services/members/members';
import { transferWithinTownship } from '../../electron/services/members/life/transfers';
import { acknowledge, connect, exportTo, importAtCounty, openInstall, removeDir, stickDir, type Install } from '../support/exchangeScenario';

let county: Install;
let towns: Install[];
const DAY = '2026-06-30';

function expectSum(at: AnnualReport, parts: AnnualReport[]): void {
  const wrong: string[] = [];
  at.tables.forEach((t, k) => t.cells.forEach((row, i) => row.forEach((v, j) => {
    const sum = parts.reduce((s, p) => s + p.tables[k].cells[i][j], 0);
    if (Math.abs(v - sum) > 1e-9) wrong.push(`${t.title} ${t.rows[i].name} × ${t.columns[j].heads.join('·')}: ${v} ≠ ${sum}`);
  })));
  expect(wrong).toEqual([]);
}

async function roundTrip(full: boolean, from = towns): Promise<void> {
  const stick = stickDir();
  try {
    const files = [];
    for (const t of from) files.push((await exportTo(t, stick, full)).file);
    await importAtCounty(county, files);
    for (const t of from) await acknowledge(county, t);
  } finally {
    removeDir(stick);
  }
}

beforeAll(async () => {
  county = await openInstall('county', '370783', '寿光市');
  towns = [
    await openInstall('township', '370783101', '东城镇', { demoMembers: 300, seed: 3 }),
    await openInstall('township', '370783102', '西城镇', { demoMembers: 260, seed: 5 }),
    // This one last sent its data in May: on a report as of 30 June it is named with that date.
    await openInstall('township', '370783103', '南河镇', { demoMembers: 240, seed: 7, today: '2026-05-20' }),
  ];
  await connect(county, towns);
  await roundTrip(true);
}, 600_000);

afterAll(async () => {
  for (const i of [county, ...(towns ?? [])]) if (i) {
    await i.close();
    removeDir(i.dir);
  }
});

describe('年报 at the county', () => {
  it('full packages: the county equals the sum of the townships, and each township equals its own figures', async () => {
    const own = await Promise.all(towns.map((t) => computeAnnualReport(t.ctx, { asOf: DAY })));
    const all = await computeAnnualReport(county.ctx, { asOf: DAY });
    expect(all.county).toBe(true);
    expectSum(all, own);
    for (const [i, t] of towns.entries()) {
      const one = await computeAnnualReport(county.ctx, { asOf: DAY, township: t.code });
      expectSum(one, [own[i]]);
      expect(one.unitName).toBe(t.name);
    }
    const summary = all.summary!;
    expect(summary.columns.map((c) => c.heads.at(-1))).toEqual(['合计', '东城镇', '西城镇', '南河镇']);
    const members = summary.rows.findIndex((r) => r.key === 'members');
    expect(summary.cells[members].slice(1)).toEqual(own.map((r) => r.tables.find((x) => x.id === 'basic')!.cells[0][0]));
    expect(summary.cells[members][0]).toBe(all.tables.find((x) => x.id === 'basic')!.cells[0][0]);
    expect(all.townships!.filter((t) => t.stale).map((t) => [t.name, t.packageDate])).toEqual([['南河镇', '2026-05-20']]);
    const check = await checkAnnualReport(county.ctx, { asOf: DAY });
    // An old package is named, but is no fault in the figures: the check passes.
    expect(check.notices).toEqual(['南河镇最近一次报送的数据打包于 2026-05-20,早于截至日期 2026-06-30:其后的变动未计入']);
    expect(check.failures).toEqual([]);
    expect(check.passed).toBe(true);
    const cell = await annualCellItems(county.ctx, { asOf: DAY, table: 'basic', row: 'farmer', column: 'female' });
    const farmerFemale = all.tables.find((x) => x.id === 'basic')!;
    expect(cell.items.length).toBe(farmerFemale.cells[farmerFemale.rows.findIndex((r) => r.key === 'farmer')][2]);
    expect(new Set(cell.items.map((x) => x.township))).toEqual(new Set(['东城镇', '西城镇', '南河镇']));
  }, 300_000);

  it('incremental packages after more movements: still the sum, cell by cell, at two dates', async () => {
    for (const t of towns.slice(0, 2)) {
      const [m1, m2] = await t.archive.query<{ id: string; org_id: string }>("SELECT id, org_id FROM members WHERE exit_reason IS NULL AND category = 'formal' ORDER BY id LIMIT 2");
      await exitMember(t.ctx, m1.id, { reason: 'death', date: '2026-03-04' });
      const other = await t.archive.query<{ id: string }>("SELECT id FROM organizations WHERE type = 'branch' AND status = 'active' AND id <> ? ORDER BY id LIMIT 1", [m2.org_id]);
      await transferWithinTownship(t.ctx, m2.id, { toOrgId: other[0].id, date: '2026-04-05' });
    }
    await roundTrip(false, towns.slice(0, 2));
    for (const day of [DAY, '2026-12-31']) {
      const own = await Promise.all(towns.map((t) => computeAnnualReport(t.ctx, { asOf: day })));
      expectSum(await computeAnnualReport(county.ctx, { asOf: day }), own);
    }
  }, 300_000);
});
