// `npm run bench`: the archive at county size (150,000 members). Prints figures and, where a target is
// a ratio, the baseline measured in the same run. Targets are reported, not asserted: machines differ.
//   open           time to open the archive (quick_check + migrations check)
//   page           a page of 100 members, sorted and filtered, through the dispatcher (p50 / p95)
//   search         pinyin-initials quick search, through the dispatcher (p50 / p95)
//   bulk insert    insertMembersBulk vs a raw multi-row INSERT through sqlite3 of the same rows
//   dashboard      首页 with its charts for the whole archive (≤ 2 s)
//   window         Chromium, logged in: a township's dashboard (6,000 and 150,000 members) and grid first rows,
//                  and a county's member page after one full package (needs `npm run build`)
//   print batch    150 members' 党员基本信息表 into one PDF in Chromium
//   annual         (BENCH_ONLY=annual) every 年报 table, township and county (≤ 1 s)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { openArchive } from '../../db/connection';
import { generateTownship } from '../../electron/services/demo/township/generateTownship';
import { createDispatcher } from '../../electron/api/dispatcher';
import { archiveFile } from '../../electron/services/core/dataDir';
import { initTownship } from '../../electron/services/core/settings';
import { insertDemoOrganizations } from '../../electron/services/demo/demoTownship';
import { insertMembersBulk, MEMBER_COLUMNS, memberInsertSql, ROWS_PER_STATEMENT } from '../../electron/services/members/memberBulk';
import { nameSearchKeys } from '../../electron/services/members/searchKeys';
import { newId } from '../../electron/services/core/ids';
import type { ServiceContext } from '../../electron/services/core/context';
import { buildWindowCounty, buildWindowTownship, measureCountyMembers, measureTownshipWindow } from './windowFigures';
import { measurePrintBatch } from './printBatch';
import { measureRosterImport } from './rosterImport';
import { benchExchange } from './exchange';
import { benchScale } from './scale';
import { benchAnnualReport } from './annualReport';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 150_000);
/** BENCH_ONLY=rosterImport: only the bulk inserts (the raw baseline) and the roster import; =window: the window's figures; =exchange. */
const ONLY = process.env.BENCH_ONLY ?? '';
const TODAY = '2026-11-28';

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
const ms = (n: number) => `${n.toFixed(1)} ms`;
/** BENCH_WINDOW_RUNS: how many times each window figure is measured (the median is reported). */
const WINDOW_RUNS = Math.max(1, Number(process.env.BENCH_WINDOW_RUNS ?? 3));
const median = (values: number[]) => quantile(values, 0.5);
const spread = (values: number[]) => (values.length > 1 ? ` (median of ${values.length}: ${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})` : '');
const results: { name: string; figure: string; target: string; ok: boolean | null }[] = [];
function report(name: string, figure: string, target: string, ok: boolean | null) {
  results.push({ name, figure, target, ok });
  console.log(`${ok === null ? '  ' : ok ? '✔ ' : '✘ '}${name.padEnd(34)} ${figure.padEnd(46)} ${target}`);
}

async function rawInsert(file: string, rows: unknown[][]): Promise<number> {
  const db = new sqlite3.Database(file);
  const run = (sql: string, params: unknown[] = []) => new Promise<void>((res, rej) => db.run(sql, params, (e) => (e ? rej(e) : res())));
  await run('PRAGMA journal_mode = WAL');
  await run('PRAGMA synchronous = FULL');
  await run('PRAGMA foreign_keys = ON');
  const t0 = performance.now();
  await run('BEGIN IMMEDIATE');
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    await run(memberInsertSql(chunk.length), chunk.flat());
  }
  await run('COMMIT');
  const elapsed = performance.now() - t0;
  await new Promise<void>((res) => db.close(() => res()));
  return elapsed;
}

async function main() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-bench-'));
  // The load average says how much the figures owe to other work on a shared machine.
  console.log(`乡镇党员档案 benchmark — ${MEMBERS} members, ${os.cpus().length} cores, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  if (process.env.BENCH_SCALE === '1') {
    // BENCH_SCALE=1: only the growth of a county archive towards a city's (scale.ts).
    await benchScale(path.join(root, 'scale'), report).catch((e: Error) => report('scale', `failed: ${e.message.split('\n')[0]}`, '', false));
    return finish(root);
  }
  if (ONLY === 'annual') {
    // BENCH_ONLY=annual: only the 党内统计年报 (township and county of MEMBERS members).
    await benchAnnualReport(path.join(root, 'annual'), MEMBERS, report).catch((e: Error) => report('annual report', `failed: ${e.message.split('\n')[0]}`, '', false));
    return finish(root);
  }
  if (ONLY === 'exchange') {
    // BENCH_ONLY=exchange: only the county package (export with 1 GiB of scans, import of 20 packages).
    await benchExchange(path.join(root, 'exchange'), report).catch((e: Error) => report('exchange', `failed: ${e.message.split('\n')[0]}`, '', false));
    return finish(root);
  }
  const t0 = performance.now();
  const demo = generateTownship({ seed: 42, members: MEMBERS, townshipName: '东城镇', townshipCode: '370783101', asOf: TODAY });
  report('generate demo data', ms(performance.now() - t0), '', null);

  // Two archives with the same organizations: one filled by the service, one by raw inserts.
  const setup = async (dir: string) => {
    const archive = await openArchive(archiveFile(dir));
    const ctx: ServiceContext = { archive, actor: 'bench', today: TODAY };
    const s = await initTownship(ctx, { code: '370783101', name: '东城镇', role: 'township' });
    const idOf = await insertDemoOrganizations(ctx, demo.orgs, s.rootOrgId!);
    return { archive, ctx, idOf };
  };
  const ours = await setup(path.join(root, 'ours'));
  const raw = await setup(path.join(root, 'raw'));
  const inputs = demo.members.map(({ orgKey, ...m }) => ({ ...m, orgId: ours.idOf.get(orgKey)! }));

  // Baseline: the same rows, already shaped, stored by plain multi-row INSERTs (same statement size).
  const now = new Date().toISOString();
  const rawRows = demo.members.map((m) => {
    const k = nameSearchKeys(m.name);
    const values: Record<string, unknown> = {
      id: newId(), name: m.name, gender: m.gender, id_number: m.idNumber, ethnicity: m.ethnicity, birth_date: m.birthDate, education: m.education,
      category: m.category, org_id: raw.idOf.get(m.orgKey), join_date: m.joinDate, full_date: m.fullDate, occupation: m.occupation, job_title: m.jobTitle,
      phone: m.phone, address: m.address, is_mobile: m.isMobile ? 1 : 0, is_lost: m.isLost ? 1 : 0, lost_reason: m.lostReason, lost_date: m.lostDate,
      exit_reason: m.exitReason, exit_date: m.exitDate, exit_note: m.exitNote, native_place: m.nativePlace, degree: m.degree, work_start_date: m.workStartDate,
      work_unit: m.workUnit, household_place: m.householdPlace, photo: null, remarks: m.remarks, pinyin_full: k.pinyinFull, pinyin_initials: k.pinyinInitials,
      seq: 1, created_at: now, updated_at: now,
    };
    return MEMBER_COLUMNS.map((c) => values[c] ?? null);
  });
  await raw.archive.close();
  const rawMs = await rawInsert(archiveFile(path.join(root, 'raw')), rawRows);

  const t1 = performance.now();
  await insertMembersBulk(ours.ctx, inputs, { source: 'bench' });
  const oursMs = performance.now() - t1;
  await ours.archive.optimize({ force: true }); // as every bulk load does after its commit
  const ratio = oursMs / rawMs;
  report('bulk insert: raw sqlite3 multi-row', `${ms(rawMs)} (${Math.round(MEMBERS / (rawMs / 1000))} rows/s)`, 'baseline', null);
  report('bulk insert: insertMembersBulk', `${ms(oursMs)} (${Math.round(MEMBERS / (oursMs / 1000))} rows/s), ${ratio.toFixed(2)}× raw`, '≤ 2× raw', ratio <= 2);
  await ours.archive.close();
  if (ONLY === 'rosterImport') {
    await reportRosterImport(root, rawMs);
    return finish(root);
  }
  if (ONLY === 'window') {
    await reportWindow(root, path.join(root, 'ours'));
    return finish(root);
  }

  const t2 = performance.now();
  const archive = await openArchive(archiveFile(path.join(root, 'ours')));
  report('open archive', ms(performance.now() - t2), '', null);
  const dispatcher = createDispatcher(archive, { today: TODAY });
  const call = async (name: string, input: unknown) => {
    const r = await dispatcher.dispatch(name, input, { actor: 'bench', trusted: true });
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as { rows: { name: string }[]; total: number };
  };

  // Pages: the grid's typical requests — whole archive or one branch, a status view, a column filter, a sort.
  const tree = (await dispatcher.dispatch('orgTree', {}, { actor: 'bench', trusted: true })) as { ok: true; value: { id: string; type: string; totalCount: number }[] };
  const branches = tree.value.filter((o) => o.type === 'branch' && o.totalCount > 50).map((o) => o.id);
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const scenarios: (() => unknown)[] = [
    () => ({ startRow: rnd(1400) * 100, sort: [{ colId: 'name', sort: 'asc' }], view: 'roll' }),
    () => ({ startRow: rnd(50) * 100, sort: [{ colId: 'birthDate', sort: 'desc' }], view: 'roll', filters: { education: { filterType: 'text', type: 'contains', filter: '高中' } } }),
    () => ({ startRow: 0, sort: [{ colId: 'joinDate', sort: 'asc' }], orgId: branches[rnd(branches.length)], view: 'roll' }),
    () => ({ startRow: rnd(30) * 100, sort: [{ colId: 'joinDate', sort: 'desc' }], view: 'roll', filters: { gender: { filterType: 'text', type: 'equals', filter: '女' }, joinDate: { filterType: 'date', type: 'greaterThan', dateFrom: '2000-01-01' } } }),
    () => ({ startRow: rnd(20) * 100, sort: [{ colId: 'orgName', sort: 'asc' }], view: 'mobile' }),
    () => ({ startRow: rnd(1400) * 100, sort: [{ colId: 'orgName', sort: 'asc' }], view: 'roll' }),
  ];
  const pageTimes: number[] = [];
  const byScenario: number[][] = scenarios.map(() => []);
  for (let i = 0; i < 300; i++) {
    const q = scenarios[i % scenarios.length]() as { startRow: number };
    const t = performance.now();
    await call('listMembers', { ...q, endRow: q.startRow + 100 });
    pageTimes.push(performance.now() - t);
    byScenario[i % scenarios.length].push(performance.now() - t);
  }
  console.log(`  (p95 per kind of page: ${byScenario.map((s) => quantile(s, 0.95).toFixed(1)).join(' / ')} ms)`);
  const pageP95 = quantile(pageTimes, 0.95);
  report('page of 100, sorted + filtered', `p50 ${ms(quantile(pageTimes, 0.5))}, p95 ${ms(pageP95)}`, 'p95 ≤ 30 ms', pageP95 <= 30);

  // A free-text "contains" filter on a column without a search key reads every row: reported, no target.
  const scanTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const startRow = rnd(50) * 100;
    const t = performance.now();
    await call('listMembers', { startRow, endRow: startRow + 100, view: 'all', sort: [{ colId: 'name', sort: 'asc' }], filters: { address: { filterType: 'text', type: 'contains', filter: `${1 + (i % 9)}组` } } });
    scanTimes.push(performance.now() - t);
  }
  report('page with a "contains" column filter', `p50 ${ms(quantile(scanTimes, 0.5))}, p95 ${ms(quantile(scanTimes, 0.95))}`, '(full scan, no target)', null);

  // Searches: initials of real names, 2–3 letters, as a clerk types them.
  const searchTimes: number[] = [];
  for (let i = 0; i < 300; i++) {
    const m = demo.members[rnd(demo.members.length)];
    const initials = nameSearchKeys(m.name).pinyinInitials.slice(0, 2 + (i % 2));
    const t = performance.now();
    const r = await call('listMembers', { startRow: 0, endRow: 100, search: initials, view: 'all', sort: [] });
    searchTimes.push(performance.now() - t);
    if (!r.rows.length) throw new Error(`search ${initials} found nothing`);
  }
  const searchP95 = quantile(searchTimes, 0.95);
  report('pinyin-initials search', `p50 ${ms(quantile(searchTimes, 0.5))}, p95 ${ms(searchP95)}`, 'p95 ≤ 50 ms', searchP95 <= 50);

  // 首页 with its charts for the whole archive (one cold computation each time: a write in between would end
  // the cache, so each run asks for a different date). The 年报 has its own bench (annualReport.ts).
  const dashTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = await dispatcher.dispatch('dashboard', { asOf: `2026-11-${String(20 + i).padStart(2, '0')}` }, { actor: 'bench', trusted: true });
    if (!r.ok) throw new Error(`dashboard: ${r.error.message}`);
    dashTimes.push(performance.now() - t);
  }
  const dashMax = Math.max(...dashTimes);
  report('dashboard with its charts', `p50 ${ms(quantile(dashTimes, 0.5))}, max ${ms(dashMax)}`, '≤ 2 s', dashMax <= 2000);
  await archive.close();

  await reportWindow(root, path.join(root, 'ours'));

  const batch = await measurePrintBatch(path.join(root, 'ours'), 150).catch((e: Error) => e);
  if (batch instanceof Error) report('print 150 member forms to PDF', `failed: ${batch.message.split('\n')[0]}`, '≤ 15 s', false);
  else report('print 150 member forms to PDF', `${ms(batch.ms)} (${batch.pages} pages)`, '≤ 15 s, 150 pages', batch.ms <= 15_000 && batch.pages === 150);

  await reportRosterImport(root, rawMs);
  await benchExchange(path.join(root, 'exchange'), report).catch((e: Error) => report('exchange', `failed: ${e.message.split('\n')[0]}`, '', false));
  finish(root);
}

// The window in Chromium: a small and a county-sized township, then the county after one full package.
async function reportWindow(root: string, bigTownship: string) {
  const small = path.join(root, 'small');
  await buildWindowTownship(small, 6_000);
  for (const [label, dir] of [['6,000', small], [MEMBERS.toLocaleString('en'), bigTownship]] as const) {
    // Each run in a fresh harness and browser; the median of WINDOW_RUNS, since the machine is shared.
    const runs: { dashboardMs: number; loginMs: number; gridMs: number }[] = [];
    let failure: Error | null = null;
    for (let r = 0; r < WINDOW_RUNS && !failure; r++) {
      const w = await measureTownshipWindow(dir).catch((e: Error) => e);
      if (w === null) break;
      if (w instanceof Error) failure = w;
      else runs.push(w);
    }
    if (failure) report(`dashboard at ${label} members`, `failed: ${failure.message.split('\n')[0]}`, '≤ 1 s', false);
    else if (!runs.length) report(`dashboard at ${label} members`, 'skipped: no renderer build (npm run build)', '≤ 1 s', null);
    else {
      const dash = median(runs.map((w) => w.dashboardMs));
      const grid = median(runs.map((w) => w.gridMs));
      console.log(`  (load average now ${os.loadavg()[0].toFixed(1)})`);
      report(`dashboard at ${label} members`, `${ms(dash)} from 登录 to the first figures${spread(runs.map((w) => w.dashboardMs))}`, '≤ 1000 ms', dash <= 1000);
      report(`  of which the login's password check`, ms(median(runs.map((w) => w.loginMs))), '', null);
      report(`grid first rows at ${label} members`, `${ms(grid)} after the click on 党员${spread(runs.map((w) => w.gridMs))}`, '≤ 500 ms', grid <= 500);
    }
  }
  // The county: the big township's full package imported, then its member page.
  try {
    const countyDir = path.join(root, 'county');
    await buildWindowCounty(countyDir, bigTownship, path.join(root, 'stick'));
    const times: number[] = [];
    for (let r = 0; r < WINDOW_RUNS; r++) {
      const c = await measureCountyMembers(countyDir);
      if (c === null) break;
      times.push(c.membersMs);
    }
    if (!times.length) report(`county member page (${MEMBERS.toLocaleString('en')})`, 'skipped: no renderer build (npm run build)', '≤ 1 s', null);
    else report(`county member page (${MEMBERS.toLocaleString('en')})`, `${ms(median(times))} from 登录 to the first rows${spread(times)}`, '≤ 1000 ms', median(times) <= 1000);
  } catch (e) {
    report(`county member page (${MEMBERS.toLocaleString('en')})`, `failed: ${(e as Error).message.split('\n')[0]}`, '≤ 1 s', false);
  }
}

// 导入花名册: the CLI in a child process, end to end (read the xlsx as a stream, check, one transaction).
async function reportRosterImport(root: string, rawMs: number) {
  const imp = await measureRosterImport(path.join(root, 'import'), MEMBERS).catch((e: Error) => e);
  if (imp instanceof Error) report(`import ${MEMBERS.toLocaleString('en')}-row roster`, `failed: ${imp.message.split('\n')[0]}`, '≥ 20,000 rows/s', false);
  else {
    const rate = imp.rows / (imp.ms / 1000);
    const rawRate = MEMBERS / (rawMs / 1000);
    report(`import ${MEMBERS.toLocaleString('en')}-row roster`, `${ms(imp.ms)} (${Math.round(rate)} rows/s, ${(rate / rawRate).toFixed(2)}× raw insert rate)`, '≥ 20,000 rows/s', rate >= 20_000 && imp.inserted === MEMBERS);
    report('import: peak RSS of the CLI', imp.maxRssMb === null ? 'not measured (no /usr/bin/time)' : `${imp.maxRssMb.toFixed(0)} MB`, '≤ 500 MB', imp.maxRssMb === null ? null : imp.maxRssMb <= 500);
  }
}

function finish(root: string) {
  fs.rmSync(root, { recursive: true, force: true });
  const failed = results.filter((r) => r.ok === false);
  console.log(`\n${results.filter((r) => r.ok).length} targets met, ${failed.length} missed`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
