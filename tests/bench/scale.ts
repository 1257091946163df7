// BENCH_SCALE=1 npm run bench: how a county archive grows towards a city's (地级市, 0.5–1.5 million members).
// Townships of 150,000 members each are generated once, each writes its full package, and county archives
// are filled with 1, 4 and 10 of them (150k, 600k, 1.5M members; BENCH_SCALE_SIZES=1,2 for other counts).
// For each size: open, a page of 100 of the county's members (p95), a search (p95), every statistics table,
// the import of one more township's package, and the file size; then the growth factor between sizes.
import fs from 'node:fs';
import path from 'node:path';
import { openArchive } from '../../db/connection';
import { createDispatcher } from '../../electron/api/dispatcher';
import type { ServiceContext } from '../../electron/services/core/context';
import { archiveFile } from '../../electron/services/core/dataDir';
import { initTownship } from '../../electron/services/core/settings';
import { insertDemoOrganizations } from '../../electron/services/demo/demoTownship';
import { generateTownship } from '../../electron/services/demo/township/generateTownship';
import { nameSearchKeys } from '../../electron/services/members/searchKeys';
import { insertMembersBulk } from '../../electron/services/members/memberBulk';
import { importPackages } from '../../electron/services/exchange/countyImport';
import { exportPublicKey, importCountyKey, initKeys, registerTownship } from '../../electron/services/exchange/keys';
import { writePackage } from '../../electron/services/exchange/packageWriter';

const TODAY = '2026-11-28';
const PER_TOWNSHIP = Number(process.env.BENCH_SCALE_TOWNSHIP ?? 150_000);
const COUNTY = '370783';

type Report = (name: string, figure: string, target: string, ok: boolean | null) => void;

interface Row {
  members: number;
  openMs: number;
  pageP95: number;
  searchP95: number;
  statsMs: number;
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

async function buildTownship(dir: string, i: number, members: number, countyAgePublic: string): Promise<{ file: string; pem: string; names: string[] }> {
  const code = townshipCode(i);
  const demo = generateTownship({ seed: 100 + i, members, townshipName: `第${i + 1}镇`, townshipCode: code, asOf: TODAY });
  const archive = await openArchive(archiveFile(dir));
  try {
    const ctx: ServiceContext = { archive, actor: 'bench', today: TODAY };
    const s = await initTownship(ctx, { code, name: `第${i + 1}镇`, role: 'township' });
    const idOf = await insertDemoOrganizations(ctx, demo.orgs, s.rootOrgId!);
    // Another region per township: the ID numbers' first six digits differ, so no person is in two townships.
    const region = String(110101 + i * 7);
    await insertMembersBulk(ctx, demo.members.map(({ orgKey, ...m }) => ({ ...m, idNumber: region + m.idNumber.slice(6, 17) + checkDigit(region + m.idNumber.slice(6, 17)), orgId: idOf.get(orgKey)! })), { source: 'bench' });
    await initKeys(ctx);
    await importCountyKey(ctx, countyAgePublic);
    const pem = (await exportPublicKey(ctx)).text;
    const stick = path.join(dir, 'stick');
    fs.mkdirSync(stick, { recursive: true });
    const written = await writePackage(ctx, { outDir: stick, full: true });
    return { file: written.file, pem, names: demo.members.slice(0, 400).map((m) => m.name) };
  } finally {
    await archive.close();
  }
}

/** GB 11643 check digit of the first 17 characters. */
function checkDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return '10X98765432'[sum % 11];
}

export async function benchScale(root: string, report: Report): Promise<Row[]> {
  const sizes = (process.env.BENCH_SCALE_SIZES ?? '1,4,10').split(',').map(Number);
  const townships = Math.max(...sizes) + 1; // one more: the package imported into each size
  // The county's keys first (the townships encrypt to it), in a key folder every county archive copies.
  const keyHome = path.join(root, 'county-keys');
  const keyArchive = await openArchive(archiveFile(keyHome));
  const keyCtx: ServiceContext = { archive: keyArchive, actor: 'bench', today: TODAY };
  await initTownship(keyCtx, { code: `${COUNTY}000`, name: '寿光市', role: 'county' });
  await initKeys(keyCtx);
  const countyAge = (await exportPublicKey(keyCtx)).text;
  await keyArchive.close();

  const built: { file: string; pem: string; names: string[] }[] = [];
  for (let i = 0; i < townships; i++) {
    const t0 = performance.now();
    const members = i === townships - 1 ? 4_200 : PER_TOWNSHIP;
    built.push(await buildTownship(path.join(root, `t${i}`), i, members, countyAge));
    report(`scale: township ${i + 1} of ${townships} built`, `${members} members, ${((performance.now() - t0) / 1000).toFixed(1)} s`, '', null);
  }

  const rows: Row[] = [];
  for (const k of sizes) {
    const dir = path.join(root, `county-${k}`);
    fs.cpSync(keyHome, dir, { recursive: true });
    let archive = await openArchive(archiveFile(dir));
    let ctx: ServiceContext = { archive, actor: 'bench', today: TODAY };
    for (let i = 0; i < townships; i++) await registerTownship(ctx, { code: townshipCode(i), name: `第${i + 1}镇`, publicKeyPem: built[i].pem });
    await importPackages(ctx, built.slice(0, k).map((b) => b.file));
    await archive.close();

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
    const first = await call('listCountyMembers', { offset: 0, limit: 100 });
    const members = first.total;
    let seed = 11;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const sorts = ['name', 'township', 'org', 'joinDate', 'birthDate'] as const;
    const pageTimes: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      await call('listCountyMembers', { offset: rnd(Math.max(1, Math.floor(members / 100))) * 100, limit: 100, sort: sorts[i % sorts.length], dir: i % 2 ? 'desc' : 'asc' });
      pageTimes.push(performance.now() - t);
    }
    const searchTimes: number[] = [];
    for (let i = 0; i < 100; i++) {
      const name = built[rnd(k)].names[rnd(400)];
      const term = i % 2 ? nameSearchKeys(name).pinyinInitials.slice(0, 3) : name;
      const t = performance.now();
      await call('listCountyMembers', { offset: 0, limit: 100, search: term });
      searchTimes.push(performance.now() - t);
    }
    const ts = performance.now();
    await call('statistics', { asOf: '2026-11-20' });
    const statsMs = performance.now() - ts;
    const ti = performance.now();
    const [outcome] = await importPackages(ctx, [built[townships - 1].file]);
    const importMs = performance.now() - ti;
    if (outcome.status !== 'applied') throw new Error(`the extra township's package was not applied (${outcome.status})`);
    await archive.close();
    const fileMb = fs.statSync(archiveFile(dir)).size / 1048576;
    const row = { members, openMs, pageP95: quantile(pageTimes, 0.95), searchP95: quantile(searchTimes, 0.95), statsMs, importMs, fileMb };
    rows.push(row);
    report(`scale: county of ${members.toLocaleString('en')}`, `open ${row.openMs.toFixed(0)} ms, page p95 ${row.pageP95.toFixed(1)} ms, search p95 ${row.searchP95.toFixed(1)} ms, statistics ${row.statsMs.toFixed(0)} ms, import 4,200 ${(row.importMs / 1000).toFixed(2)} s, ${row.fileMb.toFixed(0)} MB`, '', null);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  printTable(rows);
  return rows;
}

function printTable(rows: Row[]) {
  const cols: [string, (r: Row) => number, number][] = [
    ['open ms', (r) => r.openMs, 0],
    ['page p95 ms', (r) => r.pageP95, 1],
    ['search p95 ms', (r) => r.searchP95, 1],
    ['statistics ms', (r) => r.statsMs, 0],
    ['import 4,200 s', (r) => r.importMs / 1000, 2],
    ['file MB', (r) => r.fileMb, 0],
  ];
  console.log(`\n| members | ${cols.map((c) => c[0]).join(' | ')} |`);
  console.log(`|---:|${cols.map(() => '---:').join('|')}|`);
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    const cell = ([, f, d]: (typeof cols)[number]) => `${f(r).toFixed(d)}${prev ? ` (×${(f(r) / Math.max(f(prev), 1e-9)).toFixed(2)})` : ''}`;
    console.log(`| ${r.members.toLocaleString('en')}${prev ? ` (×${(r.members / prev.members).toFixed(1)})` : ''} | ${cols.map(cell).join(' | ')} |`);
  });
}
