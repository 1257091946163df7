// End to end, 党建实务 as a clerk handles it, in Chromium against the demo township through the harness (today
// fixed at 2026-11-28): record a 支部党员大会 with attendance taken from the branch's list (one member on leave
// with a reason, one absent), take a village matter through all five steps of 五事工作法 (a vote with more
// ballots than voters refused on the page), and see both in the branch's yearly figures; then each tab with the
// demo's year of records, photographed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';
import { openWatchedPage, type WatchedPage } from '../support/browserPage';
import { openApp } from '../support/appSession';
import { screenshotDir } from '../support/screenshots';
import { openPage } from '../support/nav';

const SCREENSHOTS = screenshotDir();
const LONG = 180_000;
const TODAY = '2026-11-28';

interface Node { id: string; name: string; shortName: string | null; type: string; status: string; sector: string; memberCount: number }
interface BranchYear { kinds: { kind: string; held: number }[]; members: { name: string; meetings: number; present: number; leave: number; absent: number }[] }
interface Funnel { proposed: number; discussed: number; amended: number; voted: number; passed: number; done: number; supervised: number }

describe('党建实务 (browser, real archive)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let dataDir: string;
  let village: Node;

  async function call<T>(callName: string, input?: unknown): Promise<T> {
    const r = await harness.dispatch(callName, input);
    if (!r.ok) throw new Error(`${callName}: ${r.error.message}`);
    return r.value as T;
  }
  const villageFunnel = async () => (await call<{ villages: (Funnel & { orgId: string })[] }>('affairsSummary', { year: 2026 })).villages.find((v) => v.orgId === village.id)!;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-practices-'));
    harness = await startHarness({ dataDir, today: TODAY });
    await call('initTownship', { code: '370783101', name: '纪台镇', role: 'township' });
    await call('loadDemo', { members: 4200, seed: 1 });
    const tree = await call<Node[]>('orgTree', {});
    village = tree.find((o) => o.type === 'branch' && o.status === 'active' && o.sector === 'rural' && o.memberCount >= 8 && o.memberCount <= 40)!;
    app = await openWatchedPage({ deviceScaleFactor: 1, consoleErrors: true });
    page = app.page;
    await openApp(page, harness);
    await page.getByTestId('dashboard').waitFor({ timeout: LONG });
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('records a 支部党员大会 with attendance and shows it in the branch’s yearly figures', async () => {
    const before = await call<BranchYear>('branchYear', { orgId: village.id, year: 2026 });
    const heldBefore = before.kinds.find((k) => k.kind === 'congress')!.held;
    await openPage(page, 'practices');
    await page.getByTestId('practices-page').waitFor();
    await page.getByTestId('practices-tab-orgLife').click();
    await page.getByTestId('orglife-branch').selectOption(village.id);
    await expect.poll(() => page.getByTestId('figure-congress').locator('td').nth(1).textContent()).toBe(String(heldBefore));

    await page.getByTestId('orglife-record').click();
    await page.getByTestId('meeting-kind').selectOption('congress');
    await page.getByTestId('meeting-date').fill('2026-11-20');
    await page.getByTestId('meeting-topic').fill('学习贯彻全会精神,讨论明年工作');
    await page.getByTestId('meeting-presided').fill('支部书记');
    await page.getByTestId('meeting-place').fill('村党员活动室');
    const rows = page.getByTestId('roster-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    const roster = await rows.count();
    const onLeave = (await rows.nth(1).locator('.practices-roster-name').textContent())!;
    const absent = (await rows.nth(2).locator('.practices-roster-name').textContent())!;
    await rows.nth(1).getByTestId('att-leave').check();
    await rows.nth(1).getByTestId('att-reason').fill('外出务工');
    await rows.nth(2).getByTestId('att-absent').check();
    await page.getByTestId('meeting-minutes').fill('一、传达学习全会精神\n二、讨论明年村级重点工作');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practices-meeting-form.png') });
    await page.getByTestId('meeting-save').click();

    const detail = page.getByTestId('meeting-detail');
    await detail.filter({ hasText: '学习贯彻全会精神' }).waitFor();
    await expect.poll(() => detail.textContent()).toContain(`${onLeave}(外出务工)`);
    expect(await detail.textContent()).toContain(`出席 ${roster - 2} · 请假 1 · 缺席 1`);
    await expect.poll(() => page.getByTestId('figure-congress').locator('td').nth(1).textContent()).toBe(String(heldBefore + 1));
    const rates = page.getByTestId('orglife-member-rates');
    await rates.locator('tr', { hasText: absent }).waitFor();

    const after = await call<BranchYear>('branchYear', { orgId: village.id, year: 2026 });
    expect(after.kinds.find((k) => k.kind === 'congress')!.held).toBe(heldBefore + 1);
    const was = before.members.find((m) => m.name === absent);
    const now = after.members.find((m) => m.name === absent)!;
    expect(now.absent).toBe((was?.absent ?? 0) + 1);
    expect(now.meetings).toBe((was?.meetings ?? 0) + 1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practices-orglife.png') });
  }, LONG);

  it('a 支委会 takes its attendance from the branch committee of the day, not the whole branch', async () => {
    const roster = await call<{ id: string; name: string; committee: boolean }[]>('branchRoster', { orgId: village.id, date: '2026-11-21' });
    const committee = roster.filter((m) => m.committee);
    expect(committee.length).toBeGreaterThan(0);
    expect(committee.length).toBeLessThan(roster.length);
    await page.getByTestId('orglife-record').click();
    await page.getByTestId('meeting-date').fill('2026-11-21');
    await page.getByTestId('meeting-kind').selectOption('committee');
    await expect.poll(() => page.getByTestId('roster-hint').textContent()).toContain(`支委名单(${committee.length} 人`);
    const rows = page.getByTestId('roster-row');
    await expect.poll(() => rows.count()).toBe(committee.length);
    expect((await rows.locator('.practices-roster-name').allTextContents()).sort()).toEqual(committee.map((m) => m.name).sort());
    await page.getByTestId('meeting-topic').fill('研究年终党员评议工作');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practices-committee-meeting.png') });
    await page.getByTestId('meeting-presided').fill('支部书记');
    await page.getByTestId('meeting-save').click();
    await page.getByTestId('meeting-detail').filter({ hasText: '研究年终党员评议工作' }).waitFor();
    await expect.poll(() => page.getByTestId('meeting-detail').textContent()).toContain(`出席 ${committee.length} · 请假 0 · 缺席 0`);
  }, LONG);

  it('the 支委会 recorded wrongly is corrected (topic, one member on leave) and then deleted, each with its reason', async () => {
    const detail = page.getByTestId('meeting-detail');
    const heldBefore = (await call<BranchYear>('branchYear', { orgId: village.id, year: 2026 })).kinds.find((k) => k.kind === 'committee')!.held;
    await page.getByTestId('meeting-correct').click();
    const form = page.getByTestId('meeting-form');
    await form.waitFor();
    await expect(page.getByTestId('meeting-topic').last().inputValue()).resolves.toBe('研究年终党员评议工作');
    await page.getByTestId('meeting-topic').last().fill('研究年终民主评议党员工作');
    const rows = form.getByTestId('roster-row');
    await rows.first().getByTestId('att-leave').check();
    await rows.first().getByTestId('att-reason').fill('外出开会');
    await page.getByTestId('meeting-reason').fill('主题写错,一名支委请假');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practices-meeting-correct.png') });
    await page.getByTestId('meeting-save').last().click();
    await detail.filter({ hasText: '研究年终民主评议党员工作' }).waitFor();
    await expect.poll(() => detail.textContent()).toContain('请假 1');

    await page.getByTestId('meeting-delete').click();
    await page.getByTestId('meeting-delete-submit').click();
    await expect.poll(() => page.locator('.toast').last().textContent()).toContain('删除的原因');
    await page.getByTestId('meeting-delete-reason').fill('支委会实际未召开,误登记');
    await page.getByTestId('meeting-delete-submit').click();
    await detail.waitFor({ state: 'detached' });
    await expect.poll(async () => (await call<BranchYear>('branchYear', { orgId: village.id, year: 2026 })).kinds.find((k) => k.kind === 'committee')!.held).toBe(heldBefore - 1);
    const audit = await call<{ rows: { actionLabel: string; changes: string }[] }>('listAuditLog', { kind: 'orglife' });
    expect(audit.rows.find((r) => r.actionLabel === '删除会议记录')!.changes).toContain('原因:支委会实际未召开,误登记');
  }, LONG);

  it('takes a village matter through all five steps and shows it in the village’s funnel', async () => {
    const before = await villageFunnel();
    await page.getByTestId('practices-tab-villageAffairs').click();
    await page.getByTestId('affairs-village').selectOption(village.id);
    await expect.poll(() => page.getByTestId('funnel-proposed').locator('strong').textContent()).toBe(String(before.proposed));
    await page.getByTestId('affairs-propose').click();
    await page.getByTestId('propose-title').fill('新建村级文化活动广场');
    await page.getByTestId('propose-by').fill('村民代表 王德福');
    await page.getByTestId('propose-date').fill('2026-09-01');
    await page.getByTestId('propose-save').click();
    const panel = page.getByTestId('matter-panel');
    await panel.filter({ hasText: '新建村级文化活动广场' }).waitFor();

    const step = async (name: string, fill: () => Promise<void>) => {
      await panel.getByTestId(`step-${name}`).click();
      await fill();
      await panel.getByTestId('step-save').click();
    };
    await step('discuss', async () => {
      await panel.getByTestId('step-date').fill('2026-09-08');
      await panel.getByTestId('step-amended').check();
      await panel.getByTestId('step-text').fill('广场面积调整为800平方米');
    });
    await panel.filter({ hasText: '已议事,待票决' }).waitFor();
    // More ballots than voters: refused, the page says so and nothing changes.
    await step('vote', async () => {
      await panel.getByTestId('step-date').fill('2026-09-15');
      await panel.getByTestId('step-votersPresent').fill('30');
      await panel.getByTestId('step-votesFor').fill('28');
      await panel.getByTestId('step-votesAgainst').fill('3');
    });
    await expect.poll(() => panel.getByTestId('step-error').textContent()).toContain('合计 31 票,超过了到会人数 30');
    await panel.getByTestId('step-votesAgainst').fill('1');
    await panel.getByTestId('step-save').click();
    await panel.filter({ hasText: '已票决通过,办理中' }).waitFor();
    await step('carry', async () => {
      await panel.getByTestId('step-handler').fill('村委会主任 刘建国');
      await panel.getByTestId('step-deadline').fill('2026-11-30');
      await panel.getByTestId('step-done').fill('2026-11-10');
    });
    await panel.filter({ hasText: '已办结,待监事' }).waitFor();
    await step('supervise', async () => {
      await panel.getByTestId('step-date').fill('2026-11-15');
      await panel.getByTestId('step-public').check();
      await panel.getByTestId('step-satisfaction').fill('96');
    });
    await panel.filter({ hasText: '已监事' }).waitFor();
    expect(await panel.getByTestId('matter-steps').textContent()).toContain('到会人数 30,赞成 28,反对 1,弃权 0 — 通过');

    const after = await villageFunnel();
    for (const k of ['proposed', 'discussed', 'amended', 'voted', 'passed', 'done', 'supervised'] as const) expect(after[k], k).toBe(before[k] + 1);
    await expect.poll(() => page.getByTestId('funnel-supervised').locator('strong').textContent()).toBe(String(before.supervised + 1));
    // The 制度监事 was entered too early: taken back with its reason, the matter waits for it again.
    await panel.getByTestId('matter-undo').click();
    await panel.getByTestId('matter-undo-submit').click();
    await expect.poll(() => panel.getByTestId('matter-undo-error').textContent()).toContain('请填写撤回的原因');
    await panel.getByTestId('matter-undo-reason').fill('群众评议尚未开展,满意度是估计的');
    await panel.getByTestId('matter-undo-submit').click();
    await panel.filter({ hasText: '已办结,待监事' }).waitFor();
    await expect.poll(() => page.getByTestId('funnel-supervised').locator('strong').textContent()).toBe(String(before.supervised));
    expect((await villageFunnel()).supervised).toBe(before.supervised);
    await page.getByTestId('affairs-village').selectOption('');
    await expect.poll(() => page.getByTestId('funnel-proposed').locator('strong').textContent()).not.toBe(String(after.proposed));
    await page.getByTestId('affairs-grid').locator('.ag-row').filter({ hasText: '已票决通过' }).first().click();
    await page.getByTestId('matter-panel').filter({ hasText: '票决定事' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practices-affairs.png') });
  }, LONG);

  it('shows the demo’s pairs with their year of help, and the prints open in the preview', async () => {
    await page.getByTestId('practices-tab-pairing').click();
    const grid = page.getByTestId('pairing-grid');
    await grid.locator('.ag-row').first().waitFor();
    expect(await grid.locator('.ag-row').count()).toBeGreaterThanOrEqual(5);
    await grid.locator('.ag-row').first().click();
    await page.getByTestId('pair-panel').waitFor();
    await page.getByTestId('pair-entries').locator('li').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practices-pairing.png') });
    await page.getByTestId('pairing-print').click();
    const frame = page.frameLocator('iframe');
    await frame.getByText('城乡结对共建年度记录').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practices-pairing-print.png') });
    expect(app.pageErrors).toEqual([]);
  }, LONG);

  it('a help entry is corrected with its reason, and one recorded twice is deleted', async () => {
    await page.getByTestId('print-close').click();
    await page.getByTestId('print-preview').waitFor({ state: 'detached' });
    const entries = page.getByTestId('pair-entries').getByTestId('pair-entry');
    const count = await entries.count();
    await entries.first().getByTestId('pair-entry-correct').click();
    const form = entries.first().getByTestId('help-form');
    await form.getByTestId('help-measures').fill('9');
    await form.getByTestId('help-reason').fill('措施项数录错');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practices-help-correct.png') });
    await form.getByTestId('help-save').click();
    await expect.poll(() => entries.first().textContent()).toContain('9');
    await entries.last().getByTestId('pair-entry-delete').click();
    await page.getByTestId('pair-entry-delete-reason').fill('重复登记');
    await page.getByTestId('pair-entry-delete-submit').click();
    await expect.poll(() => entries.count()).toBe(count - 1);
    const audit = await call<{ rows: { actionLabel: string; changes: string }[] }>('listAuditLog', { kind: 'pairing' });
    expect(audit.rows.map((r) => r.actionLabel)).toEqual(expect.arrayContaining(['更正帮扶记录', '删除帮扶记录']));
  }, LONG);
});
