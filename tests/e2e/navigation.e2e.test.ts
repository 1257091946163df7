// The top navigation on a clerk's 1366×768 screen: the bar fits on one row without scrolling, for the
// township's administrator (every page) and for the county, in Chinese and in English; the pages beyond
// the everyday ones sit in menus that open below their button, close on Escape (focus back on the
// button), on a press outside and on choosing a page; the menu's button shows the page it holds; the
// keyboard opens and walks a menu; a 查询员 sees 规则设置 as a plain button, as a menu of one would be.
// The 导出Excel panel of the members page closes the same way (the same hook).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';
import { launchBrowser } from '../harness/browser';
import { openWatchedPage } from '../support/browserPage';
import { loginAs, openApp } from '../support/appSession';
import { screenshotDir } from '../support/screenshots';
import { openPage } from '../support/nav';

const LONG = 180_000;
const SMALL_SCREEN = { width: 1366, height: 768 };
const VIEWER = { name: '查询员小王', password: 'Chaxun-2026-导航' };

async function value(harness: Harness, callName: string, input?: unknown): Promise<unknown> {
  const r = await harness.dispatch(callName, input);
  if (!r.ok) throw new Error(`${callName}: ${r.error.message}`);
  return r.value;
}

/** How the bar lies: whether it scrolls, and every shown entry's box (menu items are not on the bar). */
async function barLayout(page: Page) {
  return page.locator('.top-nav').evaluate((nav) => {
    const entries = [...nav.querySelectorAll<HTMLElement>(':scope > button, :scope > .nav-group > button, :scope > .accounts-menu')].map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute('data-testid'), left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    });
    return { scrollWidth: nav.scrollWidth, clientWidth: nav.clientWidth, viewport: window.innerWidth, entries };
  });
}

function expectFits(layout: Awaited<ReturnType<typeof barLayout>>) {
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
  for (const e of layout.entries) {
    expect(e.left, `${e.id} starts inside the window`).toBeGreaterThanOrEqual(0);
    expect(e.right, `${e.id} ends inside the window`).toBeLessThanOrEqual(layout.viewport);
  }
  // One row: a wrapped bar would push every page down.
  const tops = layout.entries.map((e) => Math.round(e.top));
  expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(4);
}

const expanded = (page: Page, group: string) => page.getByTestId(`nav-group-${group}`).getAttribute('aria-expanded');

describe('the top navigation (browser, 1366×768)', () => {
  let browser: Browser;
  let township: Harness;
  let county: Harness;
  const dirs: string[] = [];
  const pageErrors: string[] = [];
  let page: Page;

  beforeAll(async () => {
    const dir = (prefix: string) => {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      dirs.push(d);
      return d;
    };
    township = await startHarness({ dataDir: dir('party-records-e2e-nav-') });
    await value(township, 'initTownship', { code: '370783101', name: '东城镇', role: 'township' });
    await value(township, 'loadDemo', { members: 60, seed: 3 });
    await value(township, 'createUser', { ...VIEWER, role: 'viewer' });
    county = await startHarness({ dataDir: dir('party-records-e2e-nav-county-') });
    await value(county, 'initTownship', { code: '370783', name: '寿光市', role: 'county' });
    browser = await launchBrowser();
    page = (await openWatchedPage({ browser, viewport: SMALL_SCREEN, deviceScaleFactor: 1, pageErrors, consoleErrors: true, label: '东城镇' })).page;
    await openApp(page, township);
    await page.getByTestId('page-dashboard').waitFor();
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    await township?.close();
    await county?.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('the township administrator’s bar holds every page in one row, with 待办 and three menus', async () => {
    const bar = await barLayout(page);
    expect(bar.entries.map((e) => e.id)).toEqual(['nav-dashboard', 'nav-members', 'nav-reminders', 'nav-group-work', 'nav-group-reports', 'nav-countyExport', 'nav-group-system', 'account-menu']);
    expectFits(bar);
    const items = (group: string) => page.locator(`#nav-menu-${group} [role="menuitem"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(await items('work')).toEqual(['nav-development', 'nav-yearly', 'nav-practices']);
    expect(await items('reports')).toEqual(['nav-annual', 'nav-checks', 'nav-compare']);
    expect(await items('system')).toEqual(['nav-rules', 'nav-users', 'nav-audit', 'nav-backup']);
    // Closed menus show none of their pages.
    expect(await page.getByTestId('nav-checks').isVisible()).toBe(false);
    expect(await page.getByTestId('nav-stats').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, LONG);

  it('a menu opens below its button and closes on Escape, focus back on the button', async () => {
    await page.getByTestId('nav-group-reports').click();
    expect(await expanded(page, 'reports')).toBe('true');
    await page.getByTestId('nav-checks').waitFor();
    const button = (await page.getByTestId('nav-group-reports').boundingBox())!;
    const menu = (await page.locator('#nav-menu-reports').boundingBox())!;
    expect(menu.y).toBeGreaterThanOrEqual(button.y + button.height);
    expect(menu.x + menu.width).toBeLessThanOrEqual(SMALL_SCREEN.width);
    await page.screenshot({ path: path.join(screenshotDir(), 'nav-township-menu-1366.png'), clip: { x: 0, y: 0, width: SMALL_SCREEN.width, height: 260 } });
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-checks').waitFor({ state: 'hidden' });
    expect(await expanded(page, 'reports')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-group-reports');
  }, LONG);

  it('a press outside closes the menu, and opening another menu closes the first', async () => {
    await page.getByTestId('nav-group-work').click();
    await page.getByTestId('nav-yearly').waitFor();
    await page.getByTestId('app-title').click();
    await page.getByTestId('nav-yearly').waitFor({ state: 'hidden' });
    await page.getByTestId('nav-group-work').click();
    await page.getByTestId('nav-yearly').waitFor();
    await page.getByTestId('nav-group-system').click();
    await page.getByTestId('nav-backup').waitFor();
    expect(await page.getByTestId('nav-yearly').isVisible()).toBe(false);
    expect(await expanded(page, 'work')).toBe('false');
    await page.getByTestId('nav-group-system').click();
    await page.getByTestId('nav-backup').waitFor({ state: 'hidden' });
  }, LONG);

  it('choosing a page opens it, closes the menu and marks the menu’s button with the page', async () => {
    await openPage(page, 'checks');
    await page.getByTestId('page-checks').waitFor();
    await page.getByTestId('nav-checks').waitFor({ state: 'hidden' });
    const group = page.getByTestId('nav-group-reports');
    expect(await group.getAttribute('class')).toContain('active');
    expect(await group.innerText()).toBe('统计与校核 · 数据校验▾');
    expect(await page.getByTestId('nav-group-work').getAttribute('class')).not.toContain('active');
    // The open menu marks the page being shown.
    await group.click();
    expect(await page.getByTestId('nav-checks').getAttribute('aria-current')).toBe('page');
    await page.screenshot({ path: path.join(screenshotDir(), 'nav-township-active-1366.png'), clip: { x: 0, y: 0, width: SMALL_SCREEN.width, height: 260 } });
    await page.keyboard.press('Escape');
    // Still one row with the longest label the bar can show.
    await openPage(page, 'annual');
    await page.getByTestId('page-annual').waitFor();
    expect(await group.innerText()).toBe('统计与校核 · 党内统计年报▾');
    expectFits(await barLayout(page));
    expect(pageErrors).toEqual([]);
  }, LONG);

  it('the keyboard opens a menu, walks it with the arrows and opens the page with Enter', async () => {
    await page.getByTestId('nav-group-work').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('nav-development').waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(await focused()).toBe('nav-development');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('nav-yearly');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('nav-practices');
    await page.keyboard.press('Home');
    expect(await focused()).toBe('nav-development');
    await page.keyboard.press('Escape');
    expect(await focused()).toBe('nav-group-work');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('page-yearly').waitFor();
    expect(await page.getByTestId('nav-group-work').innerText()).toContain('年度工作');
    // Tab leaves an open menu for the next entry of the bar, closing it.
    await page.getByTestId('nav-group-work').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('nav-yearly').waitFor();
    expect(await focused()).toBe('nav-yearly');
    await page.keyboard.press('Tab');
    await page.getByTestId('nav-yearly').waitFor({ state: 'hidden' });
    expect(await focused()).toBe('nav-group-reports');
    expect(pageErrors).toEqual([]);
  }, LONG);

  it('the 导出Excel panel of the members page closes on Escape and on a press outside, as the menus do', async () => {
    await openPage(page, 'members');
    await page.getByTestId('main-page').waitFor();
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-panel').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('export-panel').waitFor({ state: 'detached' });
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-panel').waitFor();
    await page.getByTestId('export-panel').getByText(/.+/).first().click();
    expect(await page.getByTestId('export-panel').isVisible()).toBe(true);
    await page.getByTestId('app-title').click();
    await page.getByTestId('export-panel').waitFor({ state: 'detached' });
    // A nav menu opened over the members page closes the same way.
    await page.getByTestId('nav-group-reports').click();
    await page.getByTestId('nav-annual').waitFor();
    await page.getByTestId('members-grid').click({ position: { x: 200, y: 120 } });
    await page.getByTestId('nav-annual').waitFor({ state: 'hidden' });
    expect(pageErrors).toEqual([]);
  }, LONG);

  it('in English the bar still fits in one row', async () => {
    await openPage(page, 'dashboard');
    await page.getByTestId('page-dashboard').waitFor();
    await page.getByTestId('lang-en').click();
    await page.getByTestId('nav-group-reports').filter({ hasText: 'Reports & checks' }).waitFor();
    expectFits(await barLayout(page));
    await page.getByTestId('nav-group-system').click();
    await page.getByTestId('nav-backup').waitFor();
    await page.screenshot({ path: path.join(screenshotDir(), 'nav-township-menu-en-1366.png'), clip: { x: 0, y: 0, width: SMALL_SCREEN.width, height: 260 } });
    await page.keyboard.press('Escape');
    await page.getByTestId('lang-zh-CN').click();
    await page.getByTestId('nav-group-reports').filter({ hasText: '统计与校核' }).waitFor();
  }, LONG);

  it('a 查询员 has no 导出到县 and sees 规则设置 as a plain button (a menu of one page)', async () => {
    await page.getByTestId('account-user').click();
    await page.getByTestId('account-logout').click();
    await page.getByTestId('login-page').waitFor();
    await loginAs(page, VIEWER);
    await page.getByTestId('page-dashboard').waitFor();
    const bar = await barLayout(page);
    expect(bar.entries.map((e) => e.id)).toEqual(['nav-dashboard', 'nav-members', 'nav-reminders', 'nav-group-work', 'nav-group-reports', 'nav-rules', 'account-menu']);
    expectFits(bar);
    await openPage(page, 'rules');
    await page.getByTestId('page-rules').waitFor();
    expect(await page.getByTestId('nav-rules').getAttribute('aria-current')).toBe('page');
    expect(pageErrors).toEqual([]);
  }, LONG);

  it('the county’s bar: 党员, 统计与校核, 导入乡镇数据 and 系统管理, in one row', async () => {
    const countyPage = (await openWatchedPage({ browser, viewport: SMALL_SCREEN, deviceScaleFactor: 1, pageErrors, consoleErrors: true, label: '寿光市' })).page;
    await openApp(countyPage, county);
    await countyPage.getByTestId('nav-countyImport').waitFor();
    const bar = await barLayout(countyPage);
    expect(bar.entries.map((e) => e.id)).toEqual(['nav-members', 'nav-group-reports', 'nav-countyImport', 'nav-group-system', 'account-menu']);
    expectFits(bar);
    await countyPage.getByTestId('nav-group-system').click();
    expect(await countyPage.locator('#nav-menu-system [role="menuitem"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(['nav-users', 'nav-audit', 'nav-backup']);
    await countyPage.screenshot({ path: path.join(screenshotDir(), 'nav-county-menu-1366.png'), clip: { x: 0, y: 0, width: SMALL_SCREEN.width, height: 260 } });
    await countyPage.keyboard.press('Escape');
    await openPage(countyPage, 'checks');
    await countyPage.getByTestId('county-checks-page').waitFor();
    expect(await countyPage.getByTestId('nav-group-reports').innerText()).toBe('统计与校核 · 数据校验▾');
    expect(pageErrors).toEqual([]);
  }, LONG);
});
