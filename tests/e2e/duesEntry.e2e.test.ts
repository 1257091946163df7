// 党费 entered in the 年度工作 page as a clerk types it, in Chromium against a real demo archive: text
// that is not money is an error under its cell and nothing is sent; 490 元 against a 49 元 standard is
// asked about before it is kept; the message counts what was really saved.
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

describe('党费 entry (browser, demo township)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let dataDir: string;
  let branchId = '';
  let memberId = '';

  async function call<T>(callName: string, input?: unknown): Promise<T> {
    const r = await harness.dispatch(callName, input);
    if (!r.ok) throw new Error(`${callName}: ${r.error.message}`);
    return r.value as T;
  }
  const paidInDecember = async () => (await call<{ memberId: string; paid: Record<string, number> }[]>('duesGrid', { year: 2026, orgId: branchId })).find((r) => r.memberId === memberId)!.paid['2026-12'];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-dues-'));
    harness = await startHarness({ dataDir, today: '2026-11-28' });
    await call('initTownship', { code: '370783101', name: '纪台镇', role: 'township' });
    await call('loadDemo', { members: 1500, seed: 3 });
    const tree = await call<{ id: string; type: string; status: string; memberCount: number }[]>('orgTree', {});
    branchId = tree.find((o) => o.type === 'branch' && o.status === 'active' && o.memberCount > 10)!.id;
    const grid = await call<{ memberId: string; paid: Record<string, number> }[]>('duesGrid', { year: 2026, orgId: branchId });
    memberId = grid.find((r) => r.paid['2026-12'] === undefined)!.memberId;
    // 4,900 元 of pay from December on: 49 元 a month.
    await call('setDuesStandard', { memberId, fromMonth: '2026-12', basis: 'salary', incomeFen: 490_000 });
    app = await openWatchedPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, consoleErrors: true });
    page = app.page;
    await openApp(page, harness);
    await page.getByTestId('dashboard').waitFor({ timeout: LONG });
    await openPage(page, 'yearly');
    await page.getByTestId('yearly-page').waitFor();
    await page.getByTestId('yearly-branch').click();
    await page.locator(`[data-testid="yearly-branch-option"][data-org-id="${branchId}"]`).click();
    await page.getByTestId('tab-dues').click();
    await page.getByTestId('dues-grid').waitFor();
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('text that is not money is an error under its cell, and nothing is saved', async () => {
    const cell = page.getByTestId(`dues-cell-${memberId}-12`);
    await cell.fill('abc');
    await expect.poll(() => cell.getAttribute('aria-invalid')).toBe('true');
    await expect(cell.locator('xpath=following-sibling::div[contains(@class,"cell-error")]').textContent()).resolves.toBe('不是金额');
    await page.getByTestId('dues-save').click();
    await expect.poll(() => page.getByTestId('dues-message').textContent()).toContain('有 1 个格子填写的不是金额');
    expect(await paidInDecember()).toBeUndefined();
  }, LONG);

  it('490 元 for a 49 元 standard is asked about; 返回修改 keeps it unsaved, and after correcting it the message counts one saved item', async () => {
    const cell = page.getByTestId(`dues-cell-${memberId}-12`);
    await cell.fill('490');
    await page.getByTestId('dues-save').click();
    const asked = page.getByTestId('dues-unusual');
    await asked.waitFor();
    await expect(asked.textContent()).resolves.toMatch(/2026-12 交纳 490\.00 元,月标准 49\.00 元/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dues-unusual.png') });
    await page.getByTestId('dues-unusual-back').click();
    await asked.waitFor({ state: 'detached' });
    expect(await paidInDecember()).toBeUndefined();

    await cell.fill('49');
    await page.getByTestId('dues-save').click();
    await expect.poll(() => page.getByTestId('dues-message').textContent()).toBe('已保存 1 项');
    expect(await paidInDecember()).toBe(4_900);
  }, LONG);

  it('confirming an unusual amount keeps it as typed; changing a recorded month asks for the reason too', async () => {
    const cell = page.getByTestId(`dues-cell-${memberId}-12`);
    await cell.fill('98');
    await page.getByTestId('dues-save').click();
    await page.getByTestId('dues-unusual-confirm').click();
    // December was recorded (49 元) by the test before: this is a correction, which keeps its reason.
    await expect.poll(() => page.getByTestId('dues-correction').textContent()).toContain('2026-12 已登记 49.00 元 → 98.00 元');
    expect(await paidInDecember()).toBe(4_900);
    await page.getByTestId('dues-correction-reason').fill('补交11月党费一并登记');
    await page.getByTestId('dues-correction-confirm').click();
    await expect.poll(() => page.getByTestId('dues-message').textContent()).toBe('已保存 1 项');
    expect(await paidInDecember()).toBe(9_800);
  }, LONG);
});
