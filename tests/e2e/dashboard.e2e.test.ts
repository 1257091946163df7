// The dashboard (首页) and the data checks in Chromium against the demo township:
// the charts draw, a click on a branch's bar opens the members grid on that branch, the tables show the
// archive's figures, and the checks list opens a member. The README's screenshot is taken here.
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

async function value<T>(harness: Harness, name: string, input: unknown = {}): Promise<T> {
  const r = await harness.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

describe('dashboard and checks (browser, demo township)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-dash-'));
    harness = await startHarness({ dataDir });
    await value(harness, 'initTownship', { code: '370783101', name: '纪台镇', role: 'township' });
    await value(harness, 'loadDemo', { members: 4200, seed: 1 });
    app = await openWatchedPage({ deviceScaleFactor: 1, consoleErrors: true });
    page = app.page;
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens on the dashboard with its figures and charts', async () => {
    await openApp(page, harness);
    await page.getByTestId('dashboard').waitFor({ timeout: LONG });
    // 首页 counts the 年报's roll: a member admitted by the branch counts from the 党委's approval, so the
    // members page (every record) may hold a few more.
    const quick = await value<{ figures: { roll: number } }>(harness, 'dashboardFigures', {});
    const counts = await value<{ roll: number }>(harness, 'memberCounts', {});
    expect(quick.figures.roll).toBeGreaterThan(counts.roll * 0.99);
    await expect(page.getByTestId('kpi-roll').locator('.kpi-value').textContent()).resolves.toBe(String(quick.figures.roll));
    for (const chart of ['chart-branches', 'chart-pyramid', 'chart-education', 'chart-occupation', 'chart-trend', 'chart-pipeline']) {
      await page.locator(`[data-testid="${chart}"] canvas`).first().waitFor();
    }
    // The demo township has people in every stage of 发展党员 now: no “尚无数据” on the pipeline.
    await expect(page.getByTestId('pipeline-no-data').count()).resolves.toBe(0);
    await page.waitForTimeout(800); // chart animations
    await page.mouse.move(1430, 890);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard.png') });
  }, LONG);

  it('clicking the largest branch’s bar opens the grid on that branch', async () => {
    const dash = await value<{ byBranch: { orgId: string; name: string; count: number }[] }>(harness, 'dashboard', {});
    const top = dash.byBranch[0];
    const box = (await page.getByTestId('chart-branches').boundingBox())!;
    // The biggest branch is the top bar (the chart lists 15 branches, largest on top).
    const band = (box.height - 16) / Math.min(15, dash.byBranch.length);
    await page.mouse.click(box.x + box.width * 0.6, box.y + 8 + band / 2);
    await page.getByTestId('main-page').waitFor();
    await page.waitForFunction((name) => document.querySelector('[data-testid="grid-scope"]')?.textContent?.includes(name), top.name);
    await page.waitForFunction((n) => document.querySelector('[data-testid="grid-total"]')?.textContent?.includes(String(n)), top.count);
    await expect(page.getByTestId('grid-total').textContent()).resolves.toContain(String(top.count));
    await openPage(page, 'dashboard');
    await page.getByTestId('dashboard').waitFor();
  }, LONG);

  it('the checks page lists problems and opens a member', async () => {
    await openPage(page, 'checks');
    await page.getByTestId('check-missingFields').waitFor();
    await page.getByTestId('check-missingFields').getByTestId('check-open').first().click();
    await page.locator('.drawer').waitFor();
    expect(app.pageErrors).toEqual([]);
  }, LONG);
});
