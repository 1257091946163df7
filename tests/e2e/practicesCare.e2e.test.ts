// End to end, 培训, 党内关爱 and 设岗定责 in Chromium against the demo township through the harness (today fixed at
// 2026-11-28): a training session recorded in the page's form (an attendee found by pinyin initials) shows in
// the grid and its 签到表 preview; an aid larger than the fund's balance is refused on the page with the fund
// named, and nothing is added; a post for a member is saved; each tab photographed with the demo's year.
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

describe('培训, 党内关爱, 设岗定责 (browser, real archive)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let dataDir: string;

  async function call<T>(callName: string, input?: unknown): Promise<T> {
    const r = await harness.dispatch(callName, input);
    if (!r.ok) throw new Error(`${callName}: ${r.error.message}`);
    return r.value as T;
  }
  async function openTab(key: string) {
    await openPage(page, 'practices');
    await page.getByTestId('practices-page').waitFor();
    await page.getByTestId(`practices-tab-${key}`).click();
    await page.getByTestId(`practices-panel-${key}`).waitFor();
  }
  async function pick(picker: string, search: string, name: string) {
    await page.getByTestId(`${picker}-search`).fill(search);
    await page.getByTestId(`${picker}-found`).filter({ hasText: name }).first().click();
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-care-'));
    harness = await startHarness({ dataDir, today: TODAY });
    await call('initTownship', { code: '370783101', name: '纪台镇', role: 'township' });
    await call('loadDemo', { members: 4200, seed: 1 });
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

  it('records a training session in the form and prints its sign-in sheet', async () => {
    const members = await call<{ rows: { id: string; name: string }[] }>('listMembers', { startRow: 0, endRow: 5, view: 'roll', sort: [{ colId: 'joinDate', sort: 'asc' }] });
    const who = members.rows[0];
    const initials = (await harness.archive.queryOne<{ i: string }>('SELECT pinyin_initials AS i FROM members WHERE id = ?', [who.id]))!.i;
    await openTab('training');
    await page.locator('[data-testid="training-grid"] .ag-row').first().waitFor({ timeout: LONG });
    await page.getByTestId('training-totals').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practices-training.png') });
    await page.getByTestId('training-record').click();
    await page.getByTestId('training-date').fill('2026-11-20');
    await page.getByTestId('training-topic').fill('冬春训练营:学习新修订的《条例》');
    await page.getByTestId('training-place-kind').selectOption('party_school');
    await page.getByTestId('training-place').fill('镇党校二楼');
    await page.getByTestId('training-hours').fill('4.5');
    await page.getByTestId('training-organizer').fill('镇党委组织办');
    await pick('training-picker', initials, who.name);
    // An impossible number of hours is refused on the page, naming the field.
    await page.getByTestId('training-hours').fill('130');
    await page.getByTestId('training-save').click();
    await expect(page.getByTestId('training-error').textContent()).resolves.toContain('学时应在 0.5 至 120 之间');
    await page.getByTestId('training-hours').fill('4.5');
    await page.getByTestId('training-save').click();
    await page.getByTestId('training-panel').filter({ hasText: '冬春训练营' }).waitFor();
    await expect(page.getByTestId('training-attendees').textContent()).resolves.toContain(who.name);
    const stored = await harness.archive.queryOne<{ hours_tenths: number; n: number }>(
      "SELECT s.hours_tenths, (SELECT count(*) FROM training_attendees a WHERE a.session_id = s.id) AS n FROM training_sessions s WHERE s.topic LIKE '冬春训练营%'",
    );
    expect(stored).toEqual({ hours_tenths: 45, n: 1 });
    await page.getByTestId('training-print').click();
    const frame = page.frameLocator('[data-testid="print-frame"]');
    await frame.locator('h1').filter({ hasText: '党员培训签到表' }).waitFor();
    await expect(frame.locator('table').textContent()).resolves.toContain(who.name);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practices-training-signin.png') });
    await page.getByTestId('print-close').click();
    await page.getByTestId('training-view-members').click();
    await page.locator('[data-testid="training-hours-grid"] .ag-row').first().waitFor();
    await expect(page.getByTestId('training-below-heading').textContent()).resolves.toMatch(/2026 年培训学时低于 32 学时的党员/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practices-training-hours.png') });
  }, LONG);

  it('refuses an aid the fund cannot pay, on the page, and writes nothing', async () => {
    await openTab('care');
    await page.locator('[data-testid="care-grid"] .ag-row').first().waitFor({ timeout: LONG });
    await page.getByTestId('care-totals').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practices-care.png') });
    const funds = await call<{ id: string; name: string; balanceFen: number }[]>('careFunds', {});
    const member = (await call<{ rows: { id: string; name: string }[] }>('careDueVisits', {})).rows[0];
    const before = (await harness.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM care_aids'))!.n;
    await page.getByTestId('care-view-due').click();
    await page.locator('[data-testid="care-due-grid"] .ag-row').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practices-care-due.png') });
    await page.locator('[data-testid="care-due-grid"] .ag-row').filter({ hasText: member.name }).first().click();
    await page.getByTestId('aid-form').waitFor();
    await page.getByTestId('aid-kind').selectOption('medical');
    await page.getByTestId('aid-amount').fill(String(funds[0].balanceFen / 100 + 1000));
    await page.getByTestId('aid-fund').selectOption(funds[0].id);
    await page.getByTestId('aid-given-by').fill('组织委员 王海燕');
    await page.getByTestId('aid-save').click();
    const error = await page.getByTestId('aid-error').textContent();
    expect(error).toContain(`“${funds[0].name}”余额不足`);
    expect(error).toContain('基金余额不能为负数');
    expect((await harness.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM care_aids'))!.n).toBe(before);
    // The same visit without money goes through.
    await page.getByTestId('aid-kind').selectOption('festival');
    await page.getByTestId('aid-amount').fill('');
    await page.getByTestId('aid-fund').selectOption('');
    await page.getByTestId('aid-save').click();
    await page.getByTestId('aid-form').waitFor({ state: 'detached' });
    expect((await harness.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM care_aids'))!.n).toBe(before + 1);
    await page.getByTestId('care-view-ledger').click();
    await page.getByTestId('care-ledger').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practices-care-ledger.png'), fullPage: false });
  }, LONG);

  it('saves a post for a member and shows posts, commitments and contact points', async () => {
    await openTab('posts');
    await page.locator('[data-testid="posts-grid"] .ag-row').first().waitFor({ timeout: LONG });
    await page.getByTestId('posts-totals').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practices-posts.png') });
    const free = (await harness.archive.queryOne<{ id: string; name: string; i: string }>(
      "SELECT m.id, m.name, m.pinyin_initials AS i FROM members m WHERE m.exit_reason IS NULL AND m.join_date < '2020-01-01' AND NOT EXISTS (SELECT 1 FROM member_posts p WHERE p.member_id = m.id) AND NOT EXISTS (SELECT 1 FROM pioneer_posts p WHERE p.member_id = m.id) AND (SELECT count(*) FROM members x WHERE x.name = m.name) = 1 LIMIT 1",
    ))!;
    await page.getByTestId('posts-add').click();
    await pick('post-picker', free.name, free.name);
    await page.getByTestId('post-kind').selectOption('volunteer');
    await page.getByTestId('post-post').fill('防汛应急志愿服务');
    await page.getByTestId('post-area').fill('三组、四组');
    await page.getByTestId('post-from').fill('2026-06-01');
    await page.getByTestId('post-save').click();
    await page.getByTestId('post-form').waitFor({ state: 'detached' });
    const saved = await harness.archive.queryOne<{ kind: string; area: string; from_date: string }>("SELECT kind, area, from_date FROM pioneer_posts WHERE member_id = ? AND post = '防汛应急志愿服务'", [free.id]);
    expect(saved).toEqual({ kind: 'volunteer', area: '三组、四组', from_date: '2026-06-01' });
    // A post clicked in the grid opens its form: the day its holder left it is recorded.
    const ended = async () => (await harness.archive.queryOne<{ n: number }>("SELECT count(*) AS n FROM pioneer_posts WHERE to_date = '2026-11-27'"))!.n;
    const endedBefore = await ended();
    await page.locator('[data-testid="posts-grid"] .ag-row').first().click();
    await page.getByTestId('post-form').waitFor();
    await page.getByTestId('post-to').fill('2026-11-27');
    await page.getByTestId('post-save').click();
    await page.getByTestId('post-form').waitFor({ state: 'detached' });
    expect(await ended()).toBe(endedBefore + 1);
    await page.getByTestId('posts-view-commitments').click();
    await page.locator('[data-testid="commitments-grid"] .ag-row').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'practices-commitments.png') });
    await page.getByTestId('posts-view-liaisons').click();
    await page.locator('[data-testid="liaisons-grid"] .ag-row').first().waitFor();
    await expect(page.getByTestId('liaisons-grid').textContent()).resolves.toContain('镇党委书记');
    expect(app.pageErrors).toEqual([]);
  }, LONG);
});
