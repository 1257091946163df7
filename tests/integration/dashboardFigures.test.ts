// The dashboard's key figures come first from a one-pass call; they must be the very numbers of the whole
// dashboard and of the statistics tables, on any date, and the CLI prints the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { runCli } from '../support/cli';

describe('dashboard figures', () => {
  let t: TestArchive;
  beforeAll(async () => {
    t = await openTestArchive();
    await loadDemoTownship(t.ctx, { members: 800, seed: 9 });
  }, 120_000);
  afterAll(() => t?.close());

  for (const asOf of ['2026-11-28', '2026-06-30', '2025-12-31', '2019-03-01']) {
    it(`agree with the whole dashboard and the statistics on ${asOf}`, async () => {
      const quick = await t.call<{ asOf: string; figures: Record<string, number> }>('dashboardFigures', { asOf });
      const whole = await t.call<{ figures: Record<string, number> }>('dashboard', { asOf });
      expect(quick.figures).toEqual(whole.figures);
      const stats = await t.call<{ memberTotal: number }>('statistics', { asOf });
      expect(quick.figures.roll).toBe(stats.memberTotal);
      expect(quick.figures.formal + quick.figures.probationary).toBe(quick.figures.roll);
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
