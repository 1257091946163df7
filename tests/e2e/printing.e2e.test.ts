// Printing as a clerk does it, in Chromium through the harness: a member's 党员基本信息表, the branch's
// 花名册 and the transfer letter open in the print preview with the archive's real data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';
import { APP_VIEWPORT, openWatchedPage, type WatchedPage } from '../support/browserPage';
import { openApp } from '../support/appSession';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { screenshotDir } from '../support/screenshots';
import { openPage } from '../support/nav';

const LONG = 120_000;

describe('printing (browser, real archive)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  const name = '孙印刷';
  const idNumber = makeIdNumber('370783', '1969-09-09', 77);

  async function call<T>(callName: string, input?: unknown): Promise<T> {
    const r = await harness.dispatch(callName, input);
    if (!r.ok) throw new Error(`${callName}: ${r.error.message}`);
    return r.value as T;
  }
  const frameText = async () => (await page.frameLocator('[data-testid="print-frame"]').locator('body').innerText()).replace(/\s+/g, '');

  beforeAll(async () => {
    harness = await startHarness({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-print-')) });
    const setup = await call<{ rootOrgId: string }>('initTownship', { code: '370783101', name: '纪台镇', role: 'township' });
    const branch = await call<{ id: string }>('createOrg', { parentId: setup.rootOrgId, name: '中共东村支部委员会', shortName: '东村支部', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' });
    const m = await call<{ id: string }>('createMember', {
      name, gender: '1', idNumber, ethnicity: '01', birthDate: '1969-09-09', education: '50', category: 'formal', orgId: branch.id, joinDate: '1995-07-01', fullDate: '1996-07-01', occupation: '2', address: '东村<3组>&8号',
    });
    await call('transferOut', { id: m.id, date: '2026-11-20', destination: '中共寿光市古城街道工作委员会', duesPaidTo: '2026-10' });
    const west = await call<{ id: string }>('createOrg', { parentId: setup.rootOrgId, name: '中共西村支部委员会', shortName: '西村支部', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' });
    await call('createMember', {
      name: '钱西村', gender: '2', idNumber: makeIdNumber('370783', '1975-03-03', 82), ethnicity: '01', birthDate: '1975-03-03', education: '50', category: 'formal', orgId: west.id, joinDate: '2001-07-01', fullDate: '2002-07-01', occupation: '2',
    });
    app = await openWatchedPage({ consoleErrors: true });
    page = app.page;
    await openApp(page, harness);
    await openPage(page, 'members');
    await page.getByTestId('main-page').waitFor();
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
  });

  it('prints the 花名册 of the view from the toolbar', async () => {
    await page.getByTestId('print-roster').click();
    await page.getByTestId('print-frame').waitFor();
    await expect.poll(frameText).toContain('党员花名册');
    expect(await frameText()).toContain(idNumber);
    await page.screenshot({ path: path.join(screenshotDir(), 'print-roster.png') });
    await page.getByTestId('print-close').click();
  }, LONG);

  it('the township’s 花名册 opens per branch, ID numbers on one line as on paper, and switches to one table with 所在党支部', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('print-roster').click();
    const frame = page.frameLocator('[data-testid="print-frame"]');
    await expect.poll(() => page.getByTestId('print-layout').inputValue()).toBe('perBranch');
    await expect.poll(() => frame.locator('section.branch h2').allTextContents()).toEqual(['中共东村支部委员会', '中共西村支部委员会']);
    expect(await frameText()).toContain('小计:1人');
    // The sheet in the preview is as wide as the paper, and no ID number breaks over two lines.
    const lines = await frame.locator('td', { hasText: idNumber }).evaluate((td) => {
      const range = td.ownerDocument.createRange();
      range.selectNodeContents(td);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return { lines: tops.size, fits: td.scrollWidth <= td.clientWidth, body: td.ownerDocument.body.getBoundingClientRect().width, view: td.ownerDocument.documentElement.clientWidth };
    });
    expect(lines.lines).toBe(1);
    expect(lines.fits).toBe(true);
    expect(Math.abs(lines.body - (297 * 96) / 25.4)).toBeLessThan(2); // A4 landscape: 297 mm
    expect(lines.view).toBeGreaterThanOrEqual(lines.body); // the whole sheet's width shows at 1366×768
    await page.screenshot({ path: path.join(screenshotDir(), 'print-roster-per-branch-1366.png') });

    await page.getByTestId('print-layout').selectOption('flat');
    await expect.poll(() => frame.locator('th').allTextContents()).toContain('所在党支部');
    expect(await frame.locator('section.branch').count()).toBe(0);
    await expect.poll(() => frame.locator('td', { hasText: idNumber }).evaluate((td) => td.scrollWidth <= td.clientWidth && td.getClientRects().length === 1)).toBe(true);
    await page.screenshot({ path: path.join(screenshotDir(), 'print-roster-flat-1366.png') });
    await page.getByTestId('print-close').click();
    await page.setViewportSize(APP_VIEWPORT);
  }, LONG);

  it('prints every member’s form of the view as one batch (a job with progress)', async () => {
    await page.getByTestId('print-batch').click();
    await page.getByTestId('print-frame').waitFor();
    await expect.poll(frameText).toContain('党员基本信息表');
    expect(await frameText()).toContain(name);
    await page.getByTestId('print-close').click();
  }, LONG);

  it('prints a member’s 党员基本信息表 from the member drawer, escaped', async () => {
    await page.getByTestId('search').fill(name);
    const cell = page.locator('[data-testid="members-grid"] .ag-row .ag-cell[col-id="name"]').filter({ hasText: name });
    await cell.first().dblclick();
    await page.getByTestId('member-form').waitFor();
    await page.getByTestId('print-member').click();
    await page.getByTestId('print-frame').waitFor();
    await expect.poll(frameText).toContain('党员基本信息表');
    const text = await frameText();
    expect(text).toContain(name);
    expect(text).toContain('东村<3组>&8号');
    await page.screenshot({ path: path.join(screenshotDir(), 'print-member.png') });
    await page.getByTestId('print-close').click();
  }, LONG);

  it('prints the transfer letter from the member’s transfers', async () => {
    await page.getByRole('tab', { name: '党籍与转接' }).or(page.getByText('党籍与转接', { exact: true })).first().click();
    await page.locator('[data-testid^="print-letter-"]').first().click();
    await page.getByTestId('print-frame').waitFor();
    await expect.poll(frameText).toContain('〔2026〕第001号');
    expect((await frameText()).split('〔2026〕第001号').length - 1).toBe(3);
    await page.getByTestId('print-close').click();
    expect(app.pageErrors).toEqual([]);
  }, LONG);
});
