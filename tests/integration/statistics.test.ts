// 党内统计 against a real archive (the demo township, ~2,000 members): every figure is recomputed here in
// plain JS from the raw rows (SELECT * with no aggregation) and must be equal; figures as of a past date
// ignore what happened after it; every member breakdown adds up to the member count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { computeStatistics, type Statistics, type StatTable } from '../../electron/services/statistics/statistics';
import { computeDashboard } from '../../electron/services/statistics/dashboard';
import { createMember, exitMember, updateMember } from '../../electron/services/members/members';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { CODE_LISTS } from '../../electron/services/core/codes';
import { openTestArchive, type TestArchive } from '../support/tempArchive';

const TODAY = '2026-11-28';

interface RawMember {
  id: string;
  org_id: string;
  gender: string;
  ethnicity: string;
  birth_date: string;
  education: string;
  occupation: string;
  category: string;
  join_date: string;
  full_date: string | null;
  exit_reason: string | null;
  exit_date: string | null;
  is_mobile: number;
  is_lost: number;
  lost_date: string | null;
}
interface RawOrg {
  id: string;
  parent_id: string | null;
  type: string;
  sector: string;
  status: string;
  founded_date: string | null;
  ended_date: string | null;
}

let t: TestArchive;
let members: RawMember[];
let orgs: RawOrg[];

// ---- the independent recomputation: no SQL beyond reading every row ----

function age(birth: string, on: string): number {
  let a = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  if (on.slice(5) < birth.slice(5)) a -= 1;
  return a;
}
function ageBand(a: number): string {
  if (a <= 30) return '30岁及以下';
  if (a >= 71) return '71岁及以上';
  const hi = Math.ceil((a - 30) / 5) * 5 + 30;
  return `${hi - 4}—${hi}岁`;
}
function period(join: string): string {
  if (join < '1949-10-01') return '新中国成立前';
  if (join < '1978-12-18') return '新中国成立后至党的十一届三中全会前';
  if (join < '2012-11-08') return '党的十一届三中全会后至党的十八大前';
  return '党的十八大以来';
}
const zh = (list: keyof typeof CODE_LISTS, code: string) => CODE_LISTS[list].find((e) => e.code === code)?.zh ?? code;

function tally<T>(items: T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of items) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}
/** A table as { label: count } without zero lines and without “其中” lines. */
function asTally(table: StatTable, ofWhich = false): Record<string, number> {
  return Object.fromEntries(table.rows.filter((r) => r.count > 0 && !!r.ofWhich === ofWhich).map((r) => [r.label, r.count]));
}
function table(stats: Statistics, id: string): StatTable {
  const found = stats.tables.find((x) => x.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
}
function subtree(rootId: string): Set<string> {
  const out = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of orgs) {
      if (o.parent_id && out.has(o.parent_id) && !out.has(o.id)) {
        out.add(o.id);
        grew = true;
      }
    }
  }
  return out;
}

function expected(asOf: string, inScope: (m: RawMember) => boolean = () => true, orgScope: (o: RawOrg) => boolean = () => true) {
  const yearStart = asOf.slice(0, 4) + '-01-01';
  const roll = members.filter((m) => m.join_date <= asOf && (m.exit_reason === null || (m.exit_date !== null && m.exit_date > asOf)) && inScope(m));
  const developed = members.filter((m) => m.join_date >= yearStart && m.join_date <= asOf && inScope(m));
  const madeFull = members.filter((m) => m.full_date !== null && m.full_date >= yearStart && m.full_date <= asOf && inScope(m));
  const exits = members.filter((m) => m.exit_reason !== null && m.exit_date! >= yearStart && m.exit_date! <= asOf && inScope(m));
  const liveOrgs = orgs.filter((o) => (o.founded_date === null || o.founded_date <= asOf) && (o.status === 'active' || (o.ended_date !== null && o.ended_date > asOf)) && orgScope(o));
  const probationary = (m: RawMember) => (m.full_date !== null ? m.full_date > asOf : m.category === 'probationary');
  return {
    total: roll.length,
    gender: tally(roll, (m) => zh('gender', m.gender)),
    han: roll.filter((m) => m.ethnicity === '01').length,
    minorityByName: tally(roll.filter((m) => m.ethnicity !== '01'), (m) => zh('ethnicity', m.ethnicity)),
    age: tally(roll, (m) => ageBand(age(m.birth_date, asOf))),
    education: tally(roll, (m) => zh('education', m.education)),
    college: roll.filter((m) => ['10', '20', '30'].includes(m.education)).length,
    occupation: tally(roll, (m) => zh('occupation', m.occupation)),
    period: tally(roll, (m) => period(m.join_date)),
    category: tally(roll, (m) => (probationary(m) ? '预备党员' : '正式党员')),
    mobile: roll.filter((m) => m.is_mobile).length,
    lost: roll.filter((m) => m.is_lost && (m.lost_date === null || m.lost_date <= asOf)).length,
    orgType: tally(liveOrgs, (o) => zh('orgType', o.type)),
    orgSector: tally(liveOrgs, (o) => zh('orgSector', o.sector)),
    developedGender: tally(developed, (m) => zh('gender', m.gender)),
    developedYoung: developed.filter((m) => age(m.birth_date, m.join_date) <= 35).length,
    developedEducation: tally(developed, (m) => zh('education', m.education)),
    developedOccupation: tally(developed, (m) => zh('occupation', m.occupation)),
    developed: developed.length,
    madeFull: madeFull.length,
    exits: tally(exits, (m) => zh('exitReason', m.exit_reason!)),
    transferOut: exits.filter((m) => m.exit_reason === 'transfer_out').length,
  };
}

function expectFiguresEqual(stats: Statistics, want: ReturnType<typeof expected>) {
  expect(stats.memberTotal).toBe(want.total);
  expect(asTally(table(stats, 'gender'))).toEqual(want.gender);
  const eth = table(stats, 'ethnicity');
  expect(eth.rows.find((r) => r.code === '01')?.count ?? 0).toBe(want.han);
  expect(eth.rows.find((r) => r.code === 'minority')?.count).toBe(want.total - want.han);
  expect(asTally(eth, true)).toEqual(want.minorityByName);
  expect(asTally(table(stats, 'age'))).toEqual(want.age);
  expect(asTally(table(stats, 'education'))).toEqual(want.education);
  expect(table(stats, 'education').rows.find((r) => r.code === 'college')?.count).toBe(want.college);
  expect(asTally(table(stats, 'occupation'))).toEqual(want.occupation);
  expect(asTally(table(stats, 'joinPeriod'))).toEqual(want.period);
  expect(asTally(table(stats, 'category'))).toEqual(want.category);
  const ml = table(stats, 'mobileLost');
  expect(ml.rows.find((r) => r.code === 'mobile')?.count).toBe(want.mobile);
  expect(ml.rows.find((r) => r.code === 'lost')?.count).toBe(want.lost);
  expect(asTally(table(stats, 'orgType'))).toEqual(want.orgType);
  expect(asTally(table(stats, 'orgSector'))).toEqual(want.orgSector);
  expect(asTally(table(stats, 'developedGender'))).toEqual(want.developedGender);
  expect(table(stats, 'developedAge').rows.find((r) => r.code === 'young')?.count).toBe(want.developedYoung);
  expect(asTally(table(stats, 'developedEducation'))).toEqual(want.developedEducation);
  expect(asTally(table(stats, 'developedOccupation'))).toEqual(want.developedOccupation);
  expect(table(stats, 'developedGender').total).toBe(want.developed);
  expect(table(stats, 'madeFull').total).toBe(want.madeFull);
  expect(asTally(table(stats, 'exits'))).toEqual(want.exits);
  expect(table(stats, 'transfers').rows.find((r) => r.code === 'out')?.count).toBe(want.transferOut);
}

async function readRaw() {
  members = await t.archive.query<RawMember>('SELECT * FROM members');
  orgs = await t.archive.query<RawOrg>('SELECT * FROM organizations');
}

beforeAll(async () => {
  t = await openTestArchive({ today: TODAY });
  await loadDemoTownship(t.ctx, { members: 2000, seed: 5 });
  await readRaw();
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('党内统计 (demo township, every figure recomputed from the raw rows)', () => {
  it('as of today: every table equals the independent count', async () => {
    const stats = await computeStatistics(t.ctx, { asOf: TODAY });
    expectFiguresEqual(stats, expected(TODAY));
    // Plausible for a township: most members on the roll, some admitted this year, some left.
    expect(stats.memberTotal).toBeGreaterThan(1800);
    expect(table(stats, 'developedGender').total).toBeGreaterThan(0);
    expect(table(stats, 'exits').total).toBeGreaterThan(0);
  });

  it('every member breakdown adds up to the member count; org breakdowns to the org count', async () => {
    for (const asOf of [TODAY, '2024-12-31', '2015-06-30']) {
      const stats = await computeStatistics(t.ctx, { asOf });
      for (const id of ['gender', 'ethnicity', 'age', 'education', 'occupation', 'joinPeriod', 'category', 'mobileLost']) {
        const tb = table(stats, id);
        expect(tb.total, `${id} as of ${asOf}`).toBe(stats.memberTotal);
        expect(tb.rows.filter((r) => !r.ofWhich).reduce((s, r) => s + r.count, 0)).toBe(stats.memberTotal);
      }
      expect(table(stats, 'orgType').total).toBe(stats.organizationTotal);
      expect(table(stats, 'orgSector').total).toBe(stats.organizationTotal);
      const dev = table(stats, 'developedGender').total;
      for (const id of ['developedAge', 'developedEducation', 'developedOccupation']) expect(table(stats, id).total).toBe(dev);
    }
  });

  it('as of a past date: later admissions are not counted, members who left later still are', async () => {
    const past = '2025-06-30';
    const joinedLater = members.filter((m) => m.join_date > past);
    const leftLater = members.filter((m) => m.exit_reason && m.exit_date! > past && m.join_date <= past);
    expect(joinedLater.length).toBeGreaterThan(0);
    expect(leftLater.length).toBeGreaterThan(0);
    const stats = await computeStatistics(t.ctx, { asOf: past });
    expectFiguresEqual(stats, expected(past));
    const onRollToday = members.filter((m) => m.exit_reason === null && m.join_date <= past).length;
    expect(stats.memberTotal).toBe(onRollToday + leftLater.length);
    // The year's figures are those of 2025 up to 30 June.
    expect(stats.yearStart).toBe('2025-01-01');
  });

  it('one branch: counts its members, and a member moved out after the date still counts there', async () => {
    const counts = new Map<string, number>();
    for (const m of members) if (m.exit_reason === null) counts.set(m.org_id, (counts.get(m.org_id) ?? 0) + 1);
    const [from, to] = [...counts].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    const mover = members.find((m) => m.org_id === from && m.exit_reason === null && m.join_date < '2020-01-01')!;
    await updateMember(t.ctx, mover.id, { orgId: to }); // recorded as moved on TODAY
    await readRaw();
    const inFrom = (m: RawMember) => m.org_id === from;
    const past = '2026-06-30';
    const before = await computeStatistics(t.ctx, { asOf: past, orgId: from });
    const below = subtree(from); // the branch and its 党小组
    const wantBefore = expected(past, (m) => m.org_id === from || m.id === mover.id, (o) => below.has(o.id));
    expectFiguresEqual(before, wantBefore);
    const now = await computeStatistics(t.ctx, { asOf: TODAY, orgId: from });
    expectFiguresEqual(now, expected(TODAY, inFrom, (o) => below.has(o.id)));
    // … and on that date the branch it moved to did not have the member yet.
    const toPast = await computeStatistics(t.ctx, { asOf: past, orgId: to });
    expect(toPast.memberTotal).toBe(expected(past, (m) => m.org_id === to && m.id !== mover.id).total);
    const toNow = await computeStatistics(t.ctx, { asOf: TODAY, orgId: to });
    expect(toNow.memberTotal).toBe(expected(TODAY, (m) => m.org_id === to).total);
  });

  it('a subtree (党总支 with its branches) counts everything below it', async () => {
    const general = orgs.find((o) => o.type === 'general_branch' && o.status === 'active')!;
    const ids = subtree(general.id);
    const stats = await computeStatistics(t.ctx, { asOf: TODAY, orgId: general.id });
    expectFiguresEqual(stats, expected(TODAY, (m) => ids.has(m.org_id), (o) => ids.has(o.id)));
    expect(stats.memberTotal).toBeGreaterThan(0);
  });

  it('a write is reflected at once (the cache ends with the archive version)', async () => {
    const first = await computeStatistics(t.ctx, { asOf: TODAY });
    const branch = orgs.find((o) => o.type === 'branch' && o.status === 'active')!;
    const m = await createMember(t.ctx, {
      name: '统计新', gender: '2', idNumber: makeIdNumber('370783', '1999-02-03', 42), ethnicity: '03', birthDate: '1999-02-03', education: '20',
      category: 'probationary', orgId: branch.id, joinDate: '2026-03-01', fullDate: null, occupation: '6', phone: '13800000000', address: '东城镇',
    });
    const second = await computeStatistics(t.ctx, { asOf: TODAY });
    expect(second.memberTotal).toBe(first.memberTotal + 1);
    await exitMember(t.ctx, m.id, { reason: 'probation_cancelled', date: '2026-11-01', note: null });
    await readRaw();
    const third = await computeStatistics(t.ctx, { asOf: TODAY });
    expectFiguresEqual(third, expected(TODAY));
    // As of a day before the exit the member was on the roll, 预备, 回族.
    const october = await computeStatistics(t.ctx, { asOf: '2026-10-31' });
    expectFiguresEqual(october, expected('2026-10-31'));
    expect(table(october, 'ethnicity').rows.find((r) => r.code === '03')!.count).toBeGreaterThan(0);
  });

  it('figures whose records do not exist yet show 0 with a note', async () => {
    const stats = await computeStatistics(t.ctx, { asOf: TODAY });
    const appraisal = table(stats, 'appraisal');
    // 民主评议 is kept now (development/reviews.ts): the demo's grades of the report year, from the raw rows.
    expect(appraisal.available).toBe(true);
    const graded = await t.archive.queryOne<{ n: number }>(`SELECT count(*) AS n FROM appraisals WHERE year = ${Number(TODAY.slice(0, 4))} AND grade IS NOT NULL`);
    expect(appraisal.total).toBe(graded!.n);
    expect(table(stats, 'transfers').rows.find((r) => r.code === 'in')?.count).toBe(0);
  });

  it('the dashboard agrees with the tables and the raw rows', async () => {
    const d = await computeDashboard(t.ctx, { asOf: TODAY });
    const want = expected(TODAY);
    expect(d.figures.roll).toBe(want.total);
    expect(d.pyramid.reduce((s, b) => s + b.male + b.female, 0)).toBe(want.total);
    const onRollNow = members.filter((m) => m.exit_reason === null);
    const perBranch = tally(onRollNow, (m) => m.org_id);
    for (const b of d.byBranch) expect(b.count).toBe(perBranch[b.orgId]);
    expect(d.byBranch.reduce((s, b) => s + b.count, 0)).toBe(onRollNow.length);
    expect(d.trend).toHaveLength(12);
    expect(d.trend[11].lost).toBe(want.lost);
    expect(d.trend[11].month).toBe('2026-11');
  });

  it('the API answers with the contract’s shapes, xlsx bytes and printable HTML', async () => {
    const stats = await t.call<Statistics>('statistics', { asOf: TODAY });
    expect(stats.tables.length).toBe(18);
    const xlsx = await t.call<{ base64: string; fileName: string }>('exportStatistics', { asOf: TODAY });
    const bytes = Buffer.from(xlsx.base64, 'base64');
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a zip: the xlsx container
    expect(xlsx.fileName).toMatch(/\.xlsx$/);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('党内统计')!;
    const cells: unknown[] = [];
    ws.eachRow((row) => cells.push(row.getCell(1).value, row.getCell(2).value));
    expect(cells).toContain('党员按性别');
    expect(cells).toContain(stats.memberTotal);
    const print = await t.call<{ html: string }>('printStatistics', { asOf: TODAY });
    expect(print.html).toContain('@page');
    expect(print.html).toContain('size: A4');
    expect(print.html).toContain('table-header-group');
    expect(print.html).toContain('党员按年龄');
    const bad = await t.dispatch('statistics', { asOf: '2026-13-45' });
    expect(bad.ok).toBe(false);
  });
});
