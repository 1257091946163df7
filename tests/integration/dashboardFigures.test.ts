// 首页 counts its own figures (it must show them before the 年报 could be ready), so they are held here to
// the 党内统计年报 cell by cell on several dates: the roll and its 预备党员, the pyramid's bands, 学历, and the
// year's admissions. The quick call and the whole dashboard carry the same figures, and the CLI prints them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { cellOf, type AnnualReport, type ReportTable } from '../../electron/services/statistics/annualReport/annualReport';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { runCli } from '../support/cli';

interface Dashboard {
  figures: Record<string, number>;
  pyramid: { band: string; male: number; female: number }[];
  education: { code: string; count: number }[];
}

describe('dashboard figures', () => {
  let t: TestArchive;
  beforeAll(async () => {
    t = await openTestArchive();
    await loadDemoTownship(t.ctx, { members: 800, seed: 9 });
  }, 120_000);
  afterAll(() => t?.close());

  for (const asOf of ['2026-11-28', '2026-06-30', '2025-12-31', '2019-03-01']) {
    it(`are the 年报's figures on ${asOf}, in the quick call and the whole dashboard alike`, async () => {
      const quick = await t.call<{ asOf: string; figures: Record<string, number> }>('dashboardFigures', { asOf });
      const whole = await t.call<Dashboard>('dashboard', { asOf });
      expect(quick.figures).toEqual(whole.figures);
      const report = await t.call<AnnualReport>('annualReport', { asOf });
      const table = (id: string): ReportTable => report.tables.find((x) => x.id === id)!;
      const basic = table('basic');
      const f = whole.figures;
      expect(f.roll).toBe(cellOf(basic, 'total', 'total'));
      expect(f.probationary).toBe(cellOf(basic, 'total', 'probationary'));
      expect(f.formal + f.probationary).toBe(f.roll);
      expect(f.developedThisYear).toBe(cellOf(table('change'), 'in_developed', 'count'));
      // The pyramid's bands are the 年报's: band by band its men and women are the band's members (the demo
      // records every member as 男 or 女), and its women all of the 年报's 女.
      expect(whole.pyramid.map((b) => `age_band_${b.band}`)).toEqual(basic.columns.filter((c) => c.partition === 'age_band').map((c) => c.key));
      for (const b of whole.pyramid) expect(b.male + b.female, b.band).toBe(cellOf(basic, 'total', `age_band_${b.band}`));
      expect(whole.pyramid.reduce((s, b) => s + b.female, 0)).toBe(cellOf(basic, 'total', 'female'));
      for (const e of whole.education) expect(e.count, e.code).toBe(cellOf(table('education'), 'total', `edu_${e.code}`));
    }, 60_000);
  }

  it('the demo township has members in every figure that the comparison relies on', async () => {
    const { figures } = await t.call<{ figures: Record<string, number> }>('dashboardFigures', { asOf: '2026-11-28' });
    for (const k of ['roll', 'formal', 'probationary', 'mobile', 'lost', 'developedThisYear', 'exitsThisYear', 'branches']) expect(figures[k], k).toBeGreaterThan(0);
  });

  it('npm run cli -- dashboard --json prints the same figures', async () => {
    const { figures } = await t.call<{ figures: Record<string, number> }>('dashboard', { asOf: '2026-11-28' });
    const r = runCli(t.dir, ['dashboard', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).figures).toEqual(figures);
    const text = runCli(t.dir, ['dashboard']);
    expect(text.out).toContain(`在册党员 ${figures.roll} 名`);
  }, 60_000);
});
