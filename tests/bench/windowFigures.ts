// The window's figures in Chromium, as a clerk meets them: log in on the login screen, then time
//   dashboard   from the click on 登录 to the dashboard's first figures (首页 opens first in a township)
//   grid        from the click on 党员 to the first grid row with a name in it
//   county      from the click on 登录 to the first row of the county's member page (a county opens there)
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { HARNESS_ADMIN, RENDERER_DIR, startHarness } from '../harness/server';
import { launchBrowser } from '../harness/browser';

async function loginTimed(page: Page, url: string): Promise<number> {
  await page.goto('about:blank'); // the browser's own start-up is not the clerk's wait
  await page.goto(url);
  await page.getByTestId('login-page').waitFor({ timeout: 60_000 });
  await page.getByTestId('login-name').fill(HARNESS_ADMIN.name);
  await page.getByTestId('login-password').fill(HARNESS_ADMIN.password);
  const t0 = performance.now();
  await page.getByTestId('login-submit').click();
  return t0;
}

/** Runs in the page: a cell of the grid under `selector` holds text. */
const firstFilledCell = (selector: string) => [...document.querySelectorAll(`${selector} [role="gridcell"]`)].some((c) => (c.textContent ?? '').trim() !== '');

async function withWindow<T>(dataDir: string, work: (page: Page, url: string) => Promise<T>): Promise<T | null> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return null;
  const harness = await startHarness({ dataDir });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    return await work(page, harness.url);
  } finally {
    await browser.close();
    await harness.close();
  }
}

/** A township archive: the dashboard's figures after logging in, then the grid's first rows. Null without a build. */
export function measureTownshipWindow(dataDir: string): Promise<{ dashboardMs: number; gridMs: number } | null> {
  return withWindow(dataDir, async (page, url) => {
    const t0 = await loginTimed(page, url);
    await page.getByTestId('kpi-roll').waitFor({ timeout: 60_000 });
    const dashboardMs = performance.now() - t0;
    const t1 = performance.now();
    await page.getByTestId('nav-members').click();
    await page.waitForFunction(firstFilledCell, '[data-testid="members-grid"]', { timeout: 30_000, polling: 10 });
    return { dashboardMs, gridMs: performance.now() - t1 };
  });
}

/** A county archive: its member page's first rows after logging in. Null without a build. */
export function measureCountyMembers(dataDir: string): Promise<{ membersMs: number } | null> {
  return withWindow(dataDir, async (page, url) => {
    const t0 = await loginTimed(page, url);
    await page.waitForFunction(firstFilledCell, '[data-testid="county-members-grid"]', { timeout: 60_000, polling: 10 });
    return { membersMs: performance.now() - t0 };
  });
}
