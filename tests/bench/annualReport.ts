// BENCH_ONLY=annual npm run bench: every table of the 党内统计年报 for a 150,000-member township archive and
// for a county holding one such township (after its full package), each computed cold (a new report date
// each time, so neither the figures nor the day's roll are cached). Target ≤ 1 s for all tables together, for
// every date after the first (the first after a write, or after a package, also prepares the rows; printed apart).
import path from 'node:path';
import { generateTownship } from '../../electron/services/demo/township/generateTownship';
import { insertDemoOrganizations } from '../../electron/services/demo/demoTownship';
import { insertMembersBulk } from '../../electron/services/members/memberBulk';
import { computeAnnualReport } from '../../electron/services/statistics/annualReport/annualReport';
import { checkAnnualReport } from '../../electron/services/statistics/annualReport/reportChecks';
import { computeDashboard, computeDashboardFigures } from '../../electron/services/statistics/dashboard';
import { writePackage } from '../../electron/services/exchange/packageWriter';
import { importPackages } from '../../electron/services/exchange/countyImport';
import { connect, openInstall } from '../support/exchangeScenario';

type Report = (name: string, figure: string, target: string, ok: boolean | null) => void;
const TODAY = '2026-11-28';
const DATES = ['2026-12-31', '2026-06-30', '2025-12-31'];

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

export async function benchAnnualReport(root: string, members: number, report: Report): Promise<void> {
  const town = await openInstall('township', '370783101', '东城镇', { dir: path.join(root, 'town'), today: TODAY });
  const demo = generateTownship({ seed: 42, members, townshipName: '东城镇', townshipCode: '370783101', asOf: TODAY });
  const idOf = await insertDemoOrganizations(town.ctx, demo.orgs, town.rootOrgId);
  await insertMembersBulk(town.ctx, demo.members.map(({ orgKey, ...m }) => ({ ...m, orgId: idOf.get(orgKey)! })), { source: 'bench' });
  await town.archive.optimize({ force: true });
  const own: number[] = [];
  for (const asOf of DATES) own.push((await timed(() => computeAnnualReport(town.ctx, { asOf })))[1]);
  // The first report after a write also works out what does not depend on the day (each member's entry, moves and
  // own attributes); every later date only the day's roll. Both are printed; the target is on the later ones.
  report(`年报 all tables, township ${members.toLocaleString('en')}`, `first ${own[0].toFixed(0)} ms, then cold ${own.slice(1).map((t) => t.toFixed(0)).join(' / ')} ms`, '≤ 1000 ms', Math.max(...own.slice(1)) <= 1000);
  const [check, checkMs] = await timed(() => checkAnnualReport(town.ctx, { asOf: '2026-12-31' }));
  report('年报 报表校核, township', `${checkMs.toFixed(0)} ms, ${check.checked} checks, ${check.failures.length} failures`, '', null);

  // 首页 counts the 年报's roll in one pass of its own (it shows before a 年报 could be ready); the baseline
  // is the plain pass over the members by 入党日期 and exit alone, which 首页 counted before it followed the 年报.
  const [, plainMs] = await timed(() => town.archive.queryOne(`SELECT sum(join_date <= ?1 AND (exit_reason IS NULL OR exit_date > ?1)) FROM members`, ['2026-11-20']));
  const [, figuresMs] = await timed(() => computeDashboardFigures(town.ctx, { asOf: '2026-11-21' }));
  const [, dashMs] = await timed(() => computeDashboard(town.ctx, { asOf: '2026-11-22' }));
  report(`首页 figures, township ${members.toLocaleString('en')}`, `${figuresMs.toFixed(0)} ms (plain pass by 入党日期 ${plainMs.toFixed(0)} ms, ×${(figuresMs / Math.max(1, plainMs)).toFixed(1)}); with its charts ${dashMs.toFixed(0)} ms`, 'figures ≤ 400 ms, charts ≤ 2 s', figuresMs <= 400 && dashMs <= 2000);

  const county = await openInstall('county', '370783', '寿光市', { dir: path.join(root, 'county'), today: TODAY });
  await connect(county, [town]);
  const written = await writePackage(town.ctx, { outDir: root, full: true });
  await importPackages(county.ctx, [written.file]);
  const times: number[] = [];
  for (const asOf of DATES) times.push((await timed(() => computeAnnualReport(county.ctx, { asOf })))[1]);
  report(`年报 all tables, county ${members.toLocaleString('en')}`, `first ${times[0].toFixed(0)} ms (copies the rows out), then cold ${times.slice(1).map((t) => t.toFixed(0)).join(' / ')} ms`, '≤ 1000 ms', Math.max(...times.slice(1)) <= 1000);
  await county.close();
  await town.close();
}
