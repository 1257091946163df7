// BENCH_SCALE=1 npm run bench: how a county archive grows towards a city's (地级市, 0.5–1.5 million members).
// One township of 150,000 members is generated and its full package goes through the county import; the
// county then gets more townships by plain SQL in one transaction (the first township's rows under other
// codes and other ID numbers): 1, 4 and 10 townships, 150k, 600k and 1.5M members (BENCH_SCALE_SIZES=1,2
// for other counts). For each size: open, a page of 100 of the county's members (p95), a search (p95),
// every table of the 党内统计年报, the county import of one more township's package, and the file size; then
// the growth factor between sizes. Only the measured operations go through the services.
//
// The 年报 column is counted over a township-shaped archive holding that many members (one township's
// rows copied): what a whole city's report would have to read, without building a city of packages.
import fs from 'node:fs';
import path from 'node:path';
import { openArchive, type Archive } from '../../db/connection';
import { createDispatcher } from '../../electron/api/dispatcher';
import type { ServiceContext } from '../../electron/services/core/context';
import { archiveFile } from '../../electron/services/core/dataDir';
import { initTownship } from '../../electron/services/core/settings';
import { insertDemoOrganizations } from '../../electron/services/demo/demoTownship';
import { generateTownship } from '../../electron/services/demo/township/generateTownship';
import { nameSearchKeys } from '../../electron/services/members/searchKeys';
import { insertMembersBulk, MEMBER_COLUMNS } from '../../electron/services/members/memberBulk';
import { importPackages } from '../../electron/services/exchange/countyImport';
import { exportPublicKey, importCountyKey, initKeys, registerTownship } from '../../electron/services/exchange/keys';
import { writePackage } from '../../electron/services/exchange/packageWriter';

const TODAY = '2026-11-28';
const COUNTY = '370783';

export interface ScaleOptions {
  /** Townships in each county measured (default 1, 4, 10). */
  sizes: number[];
  /** Members of the generated township every other one copies (default 150,000). */
  perTownship: number;
  /** Members of the township whose package each size imports (default 4,200). */
  extraMembers: number;
  /** Requests of each kind per size (default 100)… */
  samples: number;
  /** …unless they have taken this long in all, once there are 5 (a slow page at 1.5M takes a minute). */
  budgetMs: number;
}

/** The options from BENCH_SCALE_SIZES, _TOWNSHIP, _EXTRA, _SAMPLES and _BUDGET_S. */
export function scaleOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ScaleOptions {
  return {
    sizes: (env.BENCH_SCALE_SIZES ?? '1,4,10').split(',').map(Number),
    perTownship: Number(env.BENCH_SCALE_TOWNSHIP ?? 150_000),
    extraMembers: Number(env.BENCH_SCALE_EXTRA ?? 4_200),
    samples: Number(env.BENCH_SCALE_SAMPLES ?? 100),
    budgetMs: Number(env.BENCH_SCALE_BUDGET_S ?? 120) * 1000,
  };
}

type Report = (name: string, figure: string, target: string, ok: boolean | null) => void;

export interface ScaleRow {
  members: number;
  buildMs: number;
  openMs: number;
  firstPageMs: number;
  pageP95: number;
  pageSamples: number;
  searchP95: number;
  searchSamples: number;
  statsMs: number;
  statsMembers: number;
  importMs: number;
  fileMb: number;
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** The i-th township: its own code and its own ID-number region, so numbers never repeat across townships. */
function townshipCode(i: number): string {
  return `${COUNTY}${String(101 + i).padStart(3, '0')}`;
}
const regionOf = (i: number) => String(110101 + i * 7);

/** GB 11643 check digit of the first 17 characters. */
function checkDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return '10X98765432'[sum % 11];
}
/** The same in SQL, of a column `f` holding the first 17 characters. */
const CHECK_DIGIT_SQL = `substr('10X98765432', ((${[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2].map((w, p) => `substr(f, ${p + 1}, 1) * ${w}`).join(' + ')}) % 11) + 1, 1)`;

interface Township {
  dir: string;
  file: string;
  pem: string;
  names: string[];
}

/** A township through the services (generator, bulk insert, keys, full package): only two are built. */
async function buildTownship(dir: string, i: number, members: number, countyAgePublic: string): Promise<Township> {
  const code = townshipCode(i);
  const demo = generateTownship({ seed: 100 + i, members, townshipName: `第${i + 1}镇`, townshipCode: code, asOf: TODAY });
  const archive = await openArchive(archiveFile(dir));
  try {
    const ctx: ServiceContext = { archive, actor: 'bench', today: TODAY };
    const s = await initTownship(ctx, { code, name: `第${i + 1}镇`, role: 'township' });
    const idOf = await insertDemoOrganizations(ctx, demo.orgs, s.rootOrgId!);
    const region = regionOf(i);
    const withRegion = (n: string) => region + n.slice(6, 17) + checkDigit(region + n.slice(6, 17));
    await insertMembersBulk(ctx, demo.members.map(({ orgKey, ...m }) => ({ ...m, idNumber: withRegion(m.idNumber), orgId: idOf.get(orgKey)! })), { source: 'bench' });
    await initKeys(ctx);
    await importCountyKey(ctx, countyAgePublic);
    const pem = (await exportPublicKey(ctx)).text;
    const stick = path.join(dir, 'stick');
    fs.mkdirSync(stick, { recursive: true });
    const written = await writePackage(ctx, { outDir: stick, full: true });
    return { dir, file: written.file, pem, names: demo.members.slice(0, 400).map((m) => m.name) };
  } finally {
    await archive.close();
  }
}

/**
 * Township `i` at the county, as a copy of township 0's rows under its own code and with its own ID
 * numbers (so nobody is in two townships and nobody is superseded). One transaction.
 */
async function cloneAtCounty(archive: Archive, i: number): Promise<void> {
  const from = townshipCode(0);
  const to = townshipCode(i);
  const newNumber = `f || ${CHECK_DIGIT_SQL}`;
  await archive.transaction(async () => {
    await archive.run(
      `INSERT INTO county_townships(code, name, public_key, fingerprint, registered_at, last_sequence, last_kind, last_change_to, last_bagging_date, last_applied_at, row_counts, member_count)
       SELECT ?2, ?3, public_key, fingerprint || ?2, registered_at, last_sequence, last_kind, last_change_to, last_bagging_date, last_applied_at, row_counts, member_count
       FROM county_townships WHERE code = ?1`,
      [from, to, `第${i + 1}镇`],
    );
    await archive.run(
      `INSERT INTO county_imports(id, township_code, sequence, kind, base_sequence, change_to, file_name, sha256, size, bagging_date, row_counts, removed, applied_at, actor)
       SELECT id || ?2, ?2, sequence, kind, base_sequence, change_to, file_name, sha256, size, bagging_date, row_counts, removed, applied_at, actor FROM county_imports WHERE township_code = ?1`,
      [from, to],
    );
    await archive.run(
      `INSERT INTO county_rows(township_code, table_name, row_key, source_seq, data)
       SELECT ?2, table_name, row_key, source_seq,
              CASE WHEN table_name = 'members' THEN json_set(data, '$.id_number', ${newNumber}) ELSE data END
       FROM (SELECT *, ?3 || substr(data ->> '$.id_number', 7, 11) AS f FROM county_rows WHERE township_code = ?1)`,
      [from, to, regionOf(i)],
    );
    await archive.run(
      `INSERT INTO county_members(township_code, id, id_number, name, gender, birth_date, ethnicity, education, category, org_id, org_name, join_date, full_date,
         occupation, phone, exit_reason, exit_date, is_mobile, is_lost, transfer_pending, pinyin_full, pinyin_initials, updated_at, superseded)
       SELECT ?2, id, ${newNumber}, name, gender, birth_date, ethnicity, education, category, org_id, org_name, join_date, full_date,
         occupation, phone, exit_reason, exit_date, is_mobile, is_lost, transfer_pending, pinyin_full, pinyin_initials, updated_at, superseded
       FROM (SELECT *, ?3 || substr(id_number, 7, 11) AS f FROM county_members WHERE township_code = ?1)`,
      [from, to, regionOf(i)],
    );
  });
}

/** The township-shaped archive for the statistics: township 0's members again, `copies` more times. */
async function growMembers(archive: Archive, firstCopy: number, lastCopy: number, originals: number): Promise<void> {
  const cols = MEMBER_COLUMNS.filter((c) => c !== 'id' && c !== 'id_number');
  await archive.transaction(async () => {
    for (let k = firstCopy; k <= lastCopy; k++) {
      await archive.run(
        `INSERT INTO members(id, id_number, ${cols.join(', ')})
         SELECT id || '-' || ?1, f || ${CHECK_DIGIT_SQL}, ${cols.join(', ')}
         FROM (SELECT *, ?2 || substr(id_number, 7, 11) AS f FROM members WHERE rowid <= ?3)`,
        [k, regionOf(k), originals],
      );
    }
  });
  await archive.optimize({ force: true });
}

export async function benchScale(root: string, report: Report, options: ScaleOptions = scaleOptionsFromEnv()): Promise<ScaleRow[]> {
  const { perTownship: PER_TOWNSHIP, extraMembers: EXTRA_MEMBERS, samples: SAMPLES, budgetMs: BUDGET_MS } = options;
  const sizes = [...options.sizes].sort((a, b) => a - b);
  const extraIndex = sizes[sizes.length - 1]; // the township whose package each size imports
  // The county's keys first (the townships encrypt to it), in a key folder every county archive copies.
  const countyDir = path.join(root, 'county');
  let archive = await openArchive(archiveFile(countyDir));
  let ctx: ServiceContext = { archive, actor: 'bench', today: TODAY };
  await initTownship(ctx, { code: `${COUNTY}000`, name: '寿光市', role: 'county' });
  await initKeys(ctx);
  const countyAge = (await exportPublicKey(ctx)).text;
  await archive.close();

  let t = performance.now();
  const first = await buildTownship(path.join(root, 't0'), 0, PER_TOWNSHIP, countyAge);
  const extra = await buildTownship(path.join(root, 'extra'), extraIndex, EXTRA_MEMBERS, countyAge);
  report('scale: two townships built', `${PER_TOWNSHIP.toLocaleString('en')} + ${EXTRA_MEMBERS.toLocaleString('en')} members and their full packages, ${((performance.now() - t) / 1000).toFixed(1)} s`, '', null);

  t = performance.now();
  archive = await openArchive(archiveFile(countyDir));
  ctx = { archive, actor: 'bench', today: TODAY };
  await registerTownship(ctx, { code: townshipCode(0), name: '第1镇', publicKeyPem: first.pem });
  await registerTownship(ctx, { code: townshipCode(extraIndex), name: `第${extraIndex + 1}镇`, publicKeyPem: extra.pem });
  const [applied] = await importPackages(ctx, [first.file]);
  if (applied.status !== 'applied') throw new Error(`the first township's package was not applied (${applied.status})`);
  await archive.close();
  report('scale: county import of the first township', `${((performance.now() - t) / 1000).toFixed(1)} s`, '', null);

  const statsDir = first.dir;
  const originals = PER_TOWNSHIP;
  const rows: ScaleRow[] = [];
  let held = 1;
  for (const k of sizes) {
    // Grow the county and the statistics' archive to k townships.
    t = performance.now();
    archive = await openArchive(archiveFile(countyDir));
    for (let i = held; i < k; i++) await cloneAtCounty(archive, i);
    await archive.optimize({ force: true });
    await archive.close();
    const statsArchive = await openArchive(archiveFile(statsDir));
    if (k > held) await growMembers(statsArchive, held, k - 1, originals);
    held = k;
    const buildMs = performance.now() - t;

    // The measured county: a copy, so that the next size grows the file without the extra township.
    const dir = path.join(root, `county-${k}`);
    fs.cpSync(countyDir, dir, { recursive: true });
    const t0 = performance.now();
    archive = await openArchive(archiveFile(dir));
    const openMs = performance.now() - t0;
    ctx = { archive, actor: 'bench', today: TODAY };
    const dispatcher = createDispatcher(archive, { today: TODAY });
    const call = async (name: string, input: unknown) => {
      const r = await dispatcher.dispatch(name, input, { actor: 'bench', trusted: true });
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value as { total: number; rows: unknown[] };
    };
    const th = performance.now();
    const head = await call('listCountyMembers', { offset: 0, limit: 100 });
    const firstPageMs = performance.now() - th; // the page the county opens on: by name, from the top
    const members = head.total;
    let seed = 11;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const sorts = ['name', 'township', 'org', 'joinDate', 'birthDate'] as const;
    const pageTimes: number[] = [];
    const bySort = new Map<string, number[]>();
    const within = (times: number[]) => times.length < 5 || times.reduce((a, b) => a + b, 0) < BUDGET_MS;
    for (let i = 0; i < SAMPLES && within(pageTimes); i++) {
      const ts = performance.now();
      await call('listCountyMembers', { offset: rnd(Math.max(1, Math.floor(members / 100))) * 100, limit: 100, sort: sorts[i % sorts.length], dir: i % 2 ? 'desc' : 'asc' });
      pageTimes.push(performance.now() - ts);
      bySort.set(sorts[i % sorts.length], [...(bySort.get(sorts[i % sorts.length]) ?? []), performance.now() - ts]);
    }
    const searchTimes: number[] = [];
    for (let i = 0; i < SAMPLES && within(searchTimes); i++) {
      const name = first.names[rnd(first.names.length)];
      const term = i % 2 ? nameSearchKeys(name).pinyinInitials.slice(0, 3) : name;
      const ts = performance.now();
      const r = await call('listCountyMembers', { offset: 0, limit: 100, search: term });
      searchTimes.push(performance.now() - ts);
      if (!r.rows.length) throw new Error(`search ${term} found nobody`);
    }
    const ti = performance.now();
    const [outcome] = await importPackages(ctx, [extra.file]);
    const importMs = performance.now() - ti;
    if (outcome.status !== 'applied') throw new Error(`the extra township's package was not applied (${outcome.status})`);
    await archive.close();
    const fileMb = fs.statSync(archiveFile(dir)).size / 1048576;
    fs.rmSync(dir, { recursive: true, force: true });

    // Every table of the 党内统计年报 over the same number of members (a cold computation: a date not asked before).
    const statsDispatcher = createDispatcher(statsArchive, { today: TODAY });
    const ts = performance.now();
    const stats = await statsDispatcher.dispatch('annualReport', { asOf: `2026-11-${String(10 + rows.length).padStart(2, '0')}` }, { actor: 'bench', trusted: true });
    const statsMs = performance.now() - ts;
    if (!stats.ok) throw new Error(`annual report: ${stats.error.message}`);
    const statsMembers = (await statsArchive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members'))?.n ?? 0;
    await statsArchive.close();

    const row: ScaleRow = {
      members, buildMs, openMs, firstPageMs, pageP95: quantile(pageTimes, 0.95), pageSamples: pageTimes.length, searchP95: quantile(searchTimes, 0.95), searchSamples: searchTimes.length, statsMs, statsMembers, importMs, fileMb };
    rows.push(row);
    console.log(`  (pages by sort, max: ${[...bySort].map(([k, v]) => `${k} ${Math.max(...v).toFixed(0)} ms`).join(', ')})`);
    report(
      `scale: county of ${members.toLocaleString('en')}`,
      `open ${row.openMs.toFixed(0)} ms, first page ${row.firstPageMs.toFixed(0)} ms, page p95 ${row.pageP95.toFixed(1)} ms (${row.pageSamples}), search p95 ${row.searchP95.toFixed(1)} ms (${row.searchSamples}), 年报 (${statsMembers.toLocaleString('en')}) ${row.statsMs.toFixed(0)} ms, import ${EXTRA_MEMBERS.toLocaleString('en')} ${(row.importMs / 1000).toFixed(2)} s, ${row.fileMb.toFixed(0)} MB (built in ${(buildMs / 1000).toFixed(0)} s)`,
      '',
      null,
    );
  }
  printScaleTable(rows, EXTRA_MEMBERS);
  return rows;
}

export function printScaleTable(rows: ScaleRow[], extraMembers: number, log: (line: string) => void = console.log): void {
  const cols: [string, (r: ScaleRow) => number, number][] = [
    ['open ms', (r) => r.openMs, 0],
    ['first page ms', (r) => r.firstPageMs, 0],
    ['page p95 ms', (r) => r.pageP95, 1],
    ['search p95 ms', (r) => r.searchP95, 1],
    ['年报 ms', (r) => r.statsMs, 0],
    [`import ${extraMembers.toLocaleString('en')} s`, (r) => r.importMs / 1000, 2],
    ['file MB', (r) => r.fileMb, 0],
  ];
  log(`\n| members | ${cols.map((c) => c[0]).join(' | ')} |`);
  log(`|---:|${cols.map(() => '---:').join('|')}|`);
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    const cell = ([, f, d]: (typeof cols)[number]) => `${f(r).toFixed(d)}${prev ? ` (×${(f(r) / Math.max(f(prev), 1e-9)).toFixed(2)})` : ''}`;
    log(`| ${r.members.toLocaleString('en')}${prev ? ` (×${(r.members / prev.members).toFixed(1)})` : ''} | ${cols.map(cell).join(' | ')} |`);
  });
}
