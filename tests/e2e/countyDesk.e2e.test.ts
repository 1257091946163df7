// The county's desk in Chromium, over three township archives sent to the county (countyDeskScenario):
// a duplicate planted, a transfer between townships received, one never received, one township
// overdue. Each appears on the checks page and in `checks --json`, with the same counts; the totals of
// the members page, the township table, the per-township filter and the CLI agree. Double-click opens
// a member's record read-only; the status column shows 重复登记; the 花名册 prints by township.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';
import { launchBrowser } from '../harness/browser';
import { openWatchedPage } from '../support/browserPage';
import { openApp } from '../support/appSession';
import { screenshotDir } from '../support/screenshots';
import { runCli } from '../support/cli';
import { tempDir } from '../support/tempArchive';
import { buildDeskScenario, DESK_TODAY, type DeskScenario } from '../support/countyDeskScenario';
import type { Install } from '../support/exchangeScenario';
import { openPage } from '../support/nav';

const LONG = 240_000;

describe('the county’s desk (browser, three townships)', () => {
  let s: DeskScenario;
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const roll = async (t: Install) => (await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members WHERE exit_reason IS NULL'))!.n;

  beforeAll(async () => {
    s = await buildDeskScenario({ countyDir: tempDir('pr-e2e-desk-county-') });
    await s.county.close();
    harness = await startHarness({ dataDir: s.county.dir, today: DESK_TODAY });
    browser = await launchBrowser();
    page = (await openWatchedPage({ browser, viewport: { width: 1366, height: 768 }, acceptDownloads: true, pageErrors, label: '寿光市' })).page;
    await openApp(page, harness);
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await s?.close();
  });

  it('the checks page and `checks --json` list the duplicate, the transfer never received, the expired letter and the overdue township, with the same counts', async () => {
    await openPage(page, 'checks');
    await page.getByTestId('county-checks-page').waitFor();
    const count = (id: string) => page.getByTestId(`county-check-${id}`).getByTestId('check-count').innerText();
    await expect.poll(() => count('duplicate')).toBe('2 条');
    expect(await count('notReceived')).toBe('1 条');
    expect(await count('letterExpired')).toBe('1 条');
    expect(await count('overdue')).toBe('1 条');
    expect(await page.getByTestId('checks-total').innerText()).toBe('共 5 条问题');
    const dup = page.getByTestId('county-check-duplicate').getByTestId('county-problem');
    expect(await dup.allInnerTexts()).toEqual([expect.stringContaining('东城镇'), expect.stringContaining('南城镇')]);
    expect(await page.getByTestId('county-check-notReceived').innerText()).toContain(s.lost.letter);
    expect(await page.getByTestId('county-check-overdue').innerText()).toContain('南城镇');
    // Each township's own checks, per rule, with the sum.
    await expect.poll(() => page.getByTestId('county-township-row').count()).toBe(3);
    const perTownship = await page.getByTestId('county-township-total').allInnerTexts();
    const sum = Number(await page.getByTestId('county-township-sum').innerText());
    expect(perTownship.map(Number).reduce((a, b) => a + b, 0)).toBe(sum);
    await page.screenshot({ path: path.join(screenshotDir(), 'county-checks.png'), fullPage: true });

    const cli = runCli(s.county.dir, ['checks', '--json']);
    const r = JSON.parse(cli.out) as { total: number; townshipTotal: number; checks: { id: string; problems: { townshipName: string; name: string }[] }[] };
    expect(Object.fromEntries(r.checks.map((c) => [c.id, c.problems.length]))).toEqual({ duplicate: 2, notReceived: 1, letterExpired: 1, overdue: 1 });
    expect(r.total).toBe(5);
    expect(r.townshipTotal).toBe(sum);
    expect(r.checks.find((c) => c.id === 'notReceived')!.problems[0]).toMatchObject({ townshipName: '西城镇', name: s.lost.name });

    // A member in the list opens their record at the county.
    await dup.first().getByTestId('check-open').click();
    await page.getByTestId('county-record').waitFor();
    expect(await page.getByTestId('county-record-statuses').innerText()).toContain('重复登记');
    await page.getByTestId('county-record-close').click();
    expect(pageErrors).toEqual([]);
  }, LONG);

  it('the members page: totals agree with the township table and the CLI; the duplicate in both townships; double-click opens the record read-only', async () => {
    await openPage(page, 'members');
    await page.getByTestId('county-members-grid').waitFor();
    const total = (await roll(s.a)) + (await roll(s.b)) + (await roll(s.c));
    await expect.poll(() => page.getByTestId('grid-total').innerText()).toBe(`共 ${total} 名`);
    const status = await harness.dispatch('countyStatus', {});
    if (!status.ok) throw new Error(status.error.message);
    const table = (status.value as { townships: { memberCount: number }[] }).townships.reduce((sum, t) => sum + t.memberCount, 0);
    expect(table).toBe(total);
    let perTownship = 0;
    for (const t of [s.a, s.b, s.c]) {
      await page.getByTestId('cx-township-filter').selectOption(t.code);
      await expect.poll(() => page.getByTestId('grid-total').innerText()).toBe(`共 ${await roll(t)} 名`);
      perTownship += Number((await page.getByTestId('grid-total').innerText()).replace(/\D/g, ''));
    }
    expect(perTownship).toBe(total);
    await page.getByTestId('cx-township-filter').selectOption('');
    expect(JSON.parse(runCli(s.county.dir, ['members', 'list', '--json']).out).length).toBe(total);

    await page.getByTestId('cx-status-filter').selectOption('duplicate');
    await expect.poll(() => page.getByTestId('grid-total').innerText()).toBe('共 2 名');
    await expect.poll(async () => (await page.locator('.ag-row [col-id="townshipName"]').allInnerTexts()).sort()).toEqual(['东城镇', '南城镇']);
    expect(await page.locator('.ag-row [col-id="status"]').allInnerTexts()).toEqual(['重复登记', '重复登记']);
    await page.getByTestId('cx-status-filter').selectOption('roll');
    await page.getByTestId('search').fill(s.underWay.idNumber);
    await expect.poll(() => page.getByTestId('grid-total').innerText()).toBe('共 2 名');
    await expect.poll(async () => (await page.locator('.ag-row [col-id="status"]').allInnerTexts()).sort()).toEqual(['', '转出待回执']);
    await page.getByTestId('search').fill('');
    await expect.poll(() => page.getByTestId('grid-total').innerText()).toBe(`共 ${total} 名`);
    await page.screenshot({ path: path.join(screenshotDir(), 'county-members-status.png') });

    // The received transfer's record in 西城镇: read-only, the transfer in, 东城镇's record linked by the letter.
    await page.getByTestId('search').fill(s.received.idNumber);
    await expect.poll(() => page.getByTestId('grid-total').innerText()).toBe('共 1 名');
    await page.locator('.ag-row [col-id="name"]').first().dblclick();
    const record = page.getByTestId('county-record');
    await record.waitFor();
    await expect.poll(() => page.getByTestId('county-record-title').innerText()).toBe(`${s.received.name} · 西城镇`);
    expect(await page.getByTestId('county-record-source').innerText()).toContain('县级档案只读');
    expect(await page.getByTestId('county-record-others').innerText()).toContain(`介绍信 ${s.received.letter}:东城镇 → 西城镇`);
    expect(await record.locator('[data-title="组织关系转接"]').innerText()).toContain('转入');
    expect(await record.locator('input, textarea, select').count()).toBe(0);
    await page.screenshot({ path: path.join(screenshotDir(), 'county-record.png') });
    await page.getByTestId('county-record-other').click();
    await expect.poll(() => page.getByTestId('county-record-title').innerText()).toBe(`${s.received.name} · 东城镇`);
    await page.keyboard.press('Escape');
    await expect.poll(() => record.count()).toBe(0);
    await page.getByTestId('search').fill('');

    // The 花名册 by township: a heading per township in the preview.
    await page.getByTestId('county-print-roster').click();
    const frame = page.frameLocator('[data-testid="print-frame"]');
    for (const name of ['东城镇', '西城镇', '南城镇']) await expect.poll(() => frame.locator('section.branch h2').allInnerTexts()).toContain(name);
    await page.screenshot({ path: path.join(screenshotDir(), 'county-roster-preview.png') });
    await page.getByTestId('print-close').click();
    expect(pageErrors).toEqual([]);
  }, LONG);

  it('the export with chosen columns downloads every member of the list', async () => {
    await page.getByTestId('county-export-menu').click();
    await page.getByTestId('county-export-panel').waitFor();
    await page.screenshot({ path: path.join(screenshotDir(), 'county-export-menu.png') });
    await page.getByTestId('county-export-col-phone').uncheck();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('county-export-list').click()]);
    expect(download.suggestedFilename()).toBe(`寿光市党员名单_${DESK_TODAY}.xlsx`);
    expect(pageErrors).toEqual([]);
  }, LONG);

  it('in English: the checks and the status column in English words', async () => {
    await page.getByTestId('lang-en').click();
    await openPage(page, 'checks');
    await page.getByTestId('county-checks-page').waitFor();
    await expect.poll(() => page.getByTestId('county-check-duplicate').locator('h3').innerText()).toContain('On the roll in two townships');
    expect(await page.getByTestId('checks-total').innerText()).toBe('5 problems');
    await page.screenshot({ path: path.join(screenshotDir(), 'county-checks-en.png'), fullPage: true });
    await openPage(page, 'members');
    await page.getByTestId('cx-status-filter').selectOption('duplicate');
    await expect.poll(() => page.locator('.ag-row [col-id="status"]').allInnerTexts()).toEqual(['On two rolls', 'On two rolls']);
    await page.screenshot({ path: path.join(screenshotDir(), 'county-members-en.png') });
    await page.getByTestId('lang-zh-CN').click();
    expect(pageErrors).toEqual([]);
  }, LONG);
});
