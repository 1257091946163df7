// Paging the members grid: every shortcut (bookmarks for deep pages, walking branches for a sort by
// branch name) must return exactly the rows of a plain ORDER BY … LIMIT … OFFSET.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { listMembers, memberCounts, type MemberListQuery, type MemberView } from '../../electron/services/members/memberQuery';
import { nameSearchKeys } from '../../electron/services/members/searchKeys';
import { openTestArchive, type TestArchive } from '../support/tempArchive';

let t: TestArchive;
beforeAll(async () => {
  t = await openTestArchive();
  await loadDemoTownship(t.ctx, { members: 6000, seed: 3 });
}, 120_000);
afterAll(() => t.close());

const SQL_COLUMN: Record<string, string> = { name: 'm.pinyin_full', joinDate: 'm.join_date', birthDate: 'm.birth_date', gender: 'm.gender', orgName: 'o.name' };

async function reference(where: string, params: unknown[], sort: { colId: string; sort: 'asc' | 'desc' }[], start: number, count: number): Promise<string[]> {
  const dir = sort[0]?.sort ?? 'asc';
  const order = sort.map((s) => `${SQL_COLUMN[s.colId]} ${s.sort}`);
  if (sort[0]?.colId === 'orgName') order.push(`o.id ${dir}`, `m.pinyin_full asc`, `m.rowid asc`);
  else {
    if (!sort.some((s) => s.colId === 'name')) order.push(`m.pinyin_full ${dir}`);
    order.push(`m.rowid ${dir}`);
  }
  const rows = await t.archive.query<{ id: string }>(
    `SELECT m.id FROM members m JOIN organizations o ON o.id = m.org_id WHERE ${where} ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?`,
    [...params, count, start],
  );
  return rows.map((r) => r.id);
}

async function page(q: Partial<MemberListQuery> & { startRow: number }) {
  return listMembers(t.ctx, { endRow: q.startRow + 100, ...q });
}

describe('members grid paging', () => {
  it.each([
    [[{ colId: 'name', sort: 'asc' }]],
    [[{ colId: 'name', sort: 'desc' }]],
    [[{ colId: 'joinDate', sort: 'desc' }]],
    [[{ colId: 'birthDate', sort: 'asc' }]],
  ] as const)('deep pages sorted by %j equal a plain OFFSET query', async (sort) => {
    for (const start of [0, 1999, 2000, 2001, 4150, 5700]) {
      const got = await page({ startRow: start, sort: [...sort], view: 'roll' });
      expect(got.rows.map((r) => r.id)).toEqual(await reference('m.exit_reason IS NULL', [], [...sort], start, 100));
    }
  });

  it('pages with a coded filter and a date filter equal the plain query', async () => {
    const filters = { gender: { filterType: 'text' as const, type: 'equals' as const, filter: '女' }, joinDate: { filterType: 'date' as const, type: 'greaterThan' as const, dateFrom: '1990-01-01' } };
    for (const start of [0, 500]) {
      const got = await page({ startRow: start, sort: [{ colId: 'joinDate', sort: 'asc' }], view: 'roll', filters });
      expect(got.rows.map((r) => r.id)).toEqual(await reference("m.exit_reason IS NULL AND m.gender = '2' AND m.join_date > '1990-01-01'", [], [{ colId: 'joinDate', sort: 'asc' }], start, 100));
    }
  });

  it('a sort by branch name walks the branches and equals the plain query, page after page', async () => {
    const all: string[] = [];
    for (let start = 0; start < 6000; start += 100) {
      const got = await page({ startRow: start, sort: [{ colId: 'orgName', sort: 'asc' }], view: 'roll' });
      all.push(...got.rows.map((r) => r.id));
      if (got.rows.length < 100) break;
    }
    const total = (await page({ startRow: 0, view: 'roll' })).total;
    expect(all.length).toBe(total);
    expect(new Set(all).size).toBe(total);
    expect(all.slice(1000, 1100)).toEqual(await reference('m.exit_reason IS NULL', [], [{ colId: 'orgName', sort: 'asc' }], 1000, 100));
  });

  it('quick search finds by pinyin initials, full pinyin, characters and ID number', async () => {
    const [m] = (await page({ startRow: 2500, view: 'roll' })).rows;
    const keys = nameSearchKeys(m.name);
    for (const search of [keys.pinyinInitials, keys.pinyinFull, m.name, m.name.slice(1), m.idNumber, m.idNumber.slice(0, 10)]) {
      const found = await listMembers(t.ctx, { startRow: 0, endRow: 1000, view: 'roll', search });
      expect(found.rows.map((r) => r.id), `search ${search}`).toContain(m.id);
    }
    // Initials made only of x (徐欣 → xx) are pinyin, not the X of an ID number.
    const xName = (await t.archive.queryOne<{ pinyin_initials: string; id: string }>("SELECT id, pinyin_initials FROM members WHERE pinyin_initials LIKE 'xx%'"))!;
    const byX = await listMembers(t.ctx, { startRow: 0, endRow: 1000, view: 'all', search: 'xx' });
    expect(byX.rows.map((r) => r.id)).toContain(xName.id);
    const none = await listMembers(t.ctx, { startRow: 0, endRow: 10, view: 'roll', search: 'qqqqqqqq' });
    expect(none.total).toBe(0);
  });

  it('totals follow writes (the cache is dropped at every commit)', async () => {
    const before = (await page({ startRow: 0, view: 'exited' })).total;
    const [m] = (await page({ startRow: 10, view: 'roll' })).rows;
    await t.call('exitMember', { id: m.id, reason: 'death', date: '2026-11-01' });
    expect((await page({ startRow: 0, view: 'exited' })).total).toBe(before + 1);
  });

  it('a search’s figures per status view are what each view’s list finds, for the township and for one branch', async () => {
    const [m] = (await page({ startRow: 1200, view: 'roll' })).rows;
    const [gone] = (await page({ startRow: 0, view: 'exited' })).rows;
    const keys = nameSearchKeys(m.name);
    const views: MemberView[] = ['roll', 'probationary', 'mobile', 'lost', 'lostReview', 'hardship', 'transferPending', 'exited'];
    for (const search of [m.name.slice(0, 1), keys.pinyinInitials, m.idNumber.slice(0, 6), gone.name]) {
      for (const orgId of [null, m.orgId]) {
        const counts = await memberCounts(t.ctx, orgId, search);
        for (const view of views) {
          const listed = await listMembers(t.ctx, { startRow: 0, endRow: 1, orgId, view, search });
          expect(counts[view as keyof typeof counts], `${search} ${orgId ?? 'township'} ${view}`).toBe(listed.total);
        }
        const reasons = Object.entries(counts.exitedByReason);
        for (const [reason, n] of reasons) expect((await listMembers(t.ctx, { startRow: 0, endRow: 1, orgId, view: 'exited', exitReason: reason, search })).total).toBe(n);
        expect(reasons.reduce((sum, [, n]) => sum + n, 0)).toBe(counts.exited);
      }
    }
    // The one who left is found among the exits, not on the roll.
    const byName = await memberCounts(t.ctx, null, gone.name);
    expect(byName.exited).toBeGreaterThanOrEqual(1);
    // Without a search the figures are the status views' own.
    expect(await memberCounts(t.ctx, null, null)).toEqual(await memberCounts(t.ctx, null));
    expect(await memberCounts(t.ctx, null, 'qqqqqqqq')).toMatchObject({ roll: 0, exited: 0 });
  });
});
