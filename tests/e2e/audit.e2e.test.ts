// 审计日志 as an inspector uses it, in Chromium against a real archive edited by two clerks: the chain
// verified on open, filters by clerk and by member, the export read back with exceljs; then one row is
// changed by hand and the page opens with the red banner naming it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { startHarness, type Harness } from '../harness/server';
import { openWatchedPage, type WatchedPage } from '../support/browserPage';
import { openApp } from '../support/appSession';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { updateMember } from '../../electron/services/members/members';
import { screenshotDir } from '../support/screenshots';
import { openPage } from '../support/nav';

const LONG = 120_000;
const TODAY = '2026-11-28';

describe('审计日志 (browser, real archive)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;

  async function call<T>(callName: string, input?: unknown): Promise<T> {
    const r = await harness.dispatch(callName, input);
    if (!r.ok) throw new Error(`${callName}: ${r.error.message}`);
    return r.value as T;
  }
  const gridText = async () => (await page.locator('[data-testid="audit-grid"] .ag-row').allInnerTexts()).join('\n');

  beforeAll(async () => {
    harness = await startHarness({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-audit-')), today: TODAY });
    const setup = await call<{ rootOrgId: string }>('initTownship', { code: '370783101', name: '纪台镇', role: 'township' });
    const branch = await call<{ id: string }>('createOrg', { parentId: setup.rootOrgId, name: '中共南村支部委员会', shortName: '南村支部', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' });
    const m = await call<{ id: string }>('createMember', {
      name: '钱审阅', gender: '1', idNumber: makeIdNumber('370783', '1966-06-06', 31), ethnicity: '01', birthDate: '1966-06-06', education: '50', category: 'formal', orgId: branch.id,
      joinDate: '1992-07-01', fullDate: '1993-07-01', occupation: '2',
    });
    await call('createMember', {
      name: '郑其他', gender: '2', idNumber: makeIdNumber('370783', '1975-05-05', 42), ethnicity: '01', birthDate: '1975-05-05', education: '50', category: 'formal', orgId: branch.id,
      joinDate: '2000-07-01', fullDate: '2001-07-01', occupation: '2',
    });
    // A second clerk's edit, through the same service the window's call would run.
    await updateMember({ archive: harness.archive, actor: '李录入', today: TODAY }, m.id, { phone: '13700001111', address: '南村5组' });
    app = await openWatchedPage({ acceptDownloads: true, consoleErrors: true });
    page = app.page;
    await openApp(page, harness);
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
  });

  it('opens from the top navigation with the chain verified', async () => {
    await openPage(page, 'audit');
    await page.getByTestId('audit-page').waitFor();
    await page.screenshot({ path: path.join(screenshotDir(), 'audit-log-open.png') });
    const banner = page.getByTestId('audit-banner');
    await expect.poll(() => banner.getAttribute('data-intact')).toBe('yes');
    expect(await banner.innerText()).toContain('哈希链校验通过');
    await expect.poll(gridText).toContain('钱审阅');
    expect(await gridText()).toContain('李录入');
  }, LONG);

  it('filters by clerk and by member', async () => {
    await page.getByTestId('audit-actor').selectOption('李录入');
    await page.getByTestId('audit-search').click();
    await expect.poll(() => page.getByTestId('audit-total').innerText()).toBe('共 1 条');
    const text = await gridText();
    expect(text).toContain('修改党员档案');
    expect(text).toContain('联系电话:(空) → 13700001111');
    expect(text).not.toContain('郑其他');
    await page.getByTestId('audit-actor').selectOption('');
    await page.getByTestId('audit-member').fill('钱审阅');
    await page.getByTestId('audit-search').click();
    await expect.poll(() => page.getByTestId('audit-total').innerText()).toBe('共 2 条');
    expect(await gridText()).not.toContain('郑其他');
    await page.getByTestId('audit-from').fill('2026-01-01');
    await page.getByTestId('audit-to').fill('2025-01-01');
    await page.getByTestId('audit-search').click();
    await expect.poll(() => page.getByTestId('audit-message').innerText()).toContain('截止日期 2025-01-01 早于起始日期 2026-01-01');
    await page.getByTestId('audit-to').fill('');
    await page.getByTestId('audit-search').click();
    await expect.poll(() => page.getByTestId('audit-total').innerText()).toBe('共 2 条');
    await page.screenshot({ path: path.join(screenshotDir(), 'audit-log.png') });
  }, LONG);

  it('exports the filtered log to xlsx', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(download.suggestedFilename()).toBe(`审计日志_${TODAY}.xlsx`);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'audit-dl-')), 'a.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.rowCount).toBe(3);
    expect([ws.getRow(2).getCell(6).value, ws.getRow(3).getCell(6).value]).toEqual(['钱审阅', '钱审阅']);
    expect(ws.getRow(3).getCell(3).value).toBe('李录入');
    await expect.poll(() => page.getByTestId('audit-message').innerText()).toContain('已导出');
  }, LONG);

  it('shows a red banner naming the first broken row after a row is changed by hand', async () => {
    const row = await harness.archive.queryOne<{ id: number }>("SELECT id FROM audit_log WHERE actor = '李录入'");
    await harness.archive.run("UPDATE audit_log SET actor = 'admin' WHERE id = ?", [row!.id]);
    await openPage(page, 'dashboard');
    await openPage(page, 'audit');
    const banner = page.getByTestId('audit-banner');
    await expect.poll(() => banner.getAttribute('data-intact')).toBe('no');
    const text = await banner.innerText();
    expect(text).toContain(`审计日志第 ${row!.id} 条的内容与其哈希不符`);
    expect(await banner.getAttribute('role')).toBe('alert');
    await page.screenshot({ path: path.join(screenshotDir(), 'audit-log-broken.png') });
    expect(app.pageErrors).toEqual([]);
  }, LONG);
});
