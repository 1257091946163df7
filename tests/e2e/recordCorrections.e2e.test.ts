// Putting right, in the window, a training session, an aid, a month's 党费 and a 民主评议 grade entered
// wrongly (Chromium against the demo township through the harness, today 2026-11-28): each mistake is made
// in the page, corrected (or deleted) with its reason, and then the audit line (and for 党费 and 评议 the
// member's history) says before → after and why; the figures on the page follow.
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

interface AuditRows { rows: { action: string; actionLabel: string; changes: string }[] }
interface HistoryRow { kind: string; summary: string }

describe('corrections of training, care, dues and reviews (browser, demo township)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let dataDir: string;
  let branchId = '';

  async function call<T>(callName: string, input?: unknown): Promise<T> {
    const r = await harness.dispatch(callName, input);
    if (!r.ok) throw new Error(`${callName}: ${r.error.message}`);
    return r.value as T;
  }
  const auditLine = async (action: string) => (await call<AuditRows>('listAuditLog', { kind: action.split('.')[0], limit: 200 })).rows.find((r) => r.action === action);
  async function openTab(key: string) {
    await openPage(page, 'practices');
    await page.getByTestId('practices-page').waitFor();
    await page.getByTestId(`practices-tab-${key}`).click();
    await page.getByTestId(`practices-panel-${key}`).waitFor();
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-fix-'));
    harness = await startHarness({ dataDir, today: '2026-11-28' });
    await call('initTownship', { code: '370783101', name: '纪台镇', role: 'township' });
    await call('loadDemo', { members: 1500, seed: 3 });
    const tree = await call<{ id: string; type: string; status: string; memberCount: number }[]>('orgTree', {});
    branchId = tree.find((o) => o.type === 'branch' && o.status === 'active' && o.memberCount > 10)!.id;
    app = await openWatchedPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, consoleErrors: true });
    page = app.page;
    await openApp(page, harness);
    await page.getByTestId('dashboard').waitFor({ timeout: LONG });
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a training session typed with the wrong hours is corrected with its reason, then deleted as recorded twice', async () => {
    const members = await call<{ rows: { id: string; name: string }[] }>('listMembers', { startRow: 0, endRow: 3, view: 'roll', orgId: branchId });
    const who = members.rows[0];
    const before = await call<{ sessions: number; personHours: number }>('trainingSummary', { year: 2026 });
    await openTab('training');
    await page.getByTestId('training-record').click();
    await page.getByTestId('training-date').fill('2026-11-20');
    await page.getByTestId('training-topic').fill('冬训:学习党纪处分条例');
    await page.getByTestId('training-place').fill('镇党校');
    await page.getByTestId('training-hours').fill('40');
    await page.getByTestId('training-organizer').fill('镇党委组织办');
    await page.getByTestId('training-picker-search').fill(who.name);
    await page.getByTestId('training-picker-found').filter({ hasText: who.name }).first().click();
    await page.getByTestId('training-save').click();
    const panel = page.getByTestId('training-panel');
    await panel.filter({ hasText: '冬训:学习党纪处分条例' }).waitFor();
    await expect.poll(async () => (await call<{ personHours: number }>('trainingSummary', { year: 2026 })).personHours).toBe(before.personHours + 40);

    await page.getByTestId('training-edit').click();
    await page.getByTestId('training-hours').fill('4');
    await page.getByTestId('training-save').click();
    await expect.poll(() => page.getByTestId('training-error').textContent()).toContain('请填写更正的原因');
    await page.getByTestId('training-reason').fill('学时多打了一个零');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'correction-training.png') });
    await page.getByTestId('training-save').click();
    await panel.filter({ hasText: '4 学时' }).waitFor();
    expect((await call<{ personHours: number }>('trainingSummary', { year: 2026 })).personHours).toBe(before.personHours + 4);
    const corrected = (await auditLine('training.correct'))!;
    expect(corrected.actionLabel).toBe('更正培训');
    expect(corrected.changes).toContain('学时:40 学时 → 4 学时');
    expect(corrected.changes).toContain('原因:学时多打了一个零');

    await page.getByTestId('training-delete').click();
    await page.getByTestId('training-delete-reason').fill('重复登记');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'correction-training-delete.png') });
    await page.getByTestId('training-delete-submit').click();
    await panel.waitFor({ state: 'detached' });
    expect((await call<{ sessions: number }>('trainingSummary', { year: 2026 })).sessions).toBe(before.sessions);
    expect((await auditLine('training.delete'))!.changes).toContain('原因:重复登记');
  }, LONG);

  it('an aid of 5,000 元 typed for 500 元 is corrected with its reason (the fund gets the difference back), then deleted', async () => {
    const fund = (await call<{ id: string; name: string; balanceFen: number }[]>('careFunds', {})).find((f) => f.balanceFen > 600_000)!;
    const members = await call<{ rows: { id: string; name: string }[] }>('listMembers', { startRow: 0, endRow: 3, view: 'roll', orgId: branchId });
    const who = members.rows[1];
    const balance = async () => (await call<{ id: string; balanceFen: number }[]>('careFunds', {})).find((f) => f.id === fund.id)!.balanceFen;
    const start = await balance();
    await openTab('care');
    await page.getByTestId('care-record').click();
    await page.getByTestId('aid-picker-search').fill(who.name);
    await page.getByTestId('aid-picker-found').filter({ hasText: who.name }).first().click();
    await page.getByTestId('aid-date').fill('2026-11-25');
    await page.getByTestId('aid-kind').selectOption('medical');
    await page.getByTestId('aid-amount').fill('5000');
    await page.getByTestId('aid-fund').selectOption(fund.id);
    await page.getByTestId('aid-given-by').fill('组织委员 刘明');
    await page.getByTestId('aid-save').click();
    await page.getByTestId('aid-form').waitFor({ state: 'detached' });
    expect(await balance()).toBe(start - 500_000);

    const row = page.locator('[data-testid="care-grid"] .ag-row').filter({ hasText: who.name }).filter({ hasText: '5,000.00' }).first();
    await row.click();
    await page.getByTestId('aid-chosen').waitFor();
    await page.getByTestId('aid-correct').click();
    await expect(page.getByTestId('aid-amount').inputValue()).resolves.toBe('5000.00');
    await page.getByTestId('aid-amount').fill('500');
    await page.getByTestId('aid-correction-reason').fill('多打了一个零');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'correction-aid.png') });
    await page.getByTestId('aid-save').click();
    await page.getByTestId('aid-form').waitFor({ state: 'detached' });
    expect(await balance()).toBe(start - 50_000);
    const corrected = (await auditLine('care.aid.correct'))!;
    expect(corrected.changes).toContain('金额:5000.00 元 → 500.00 元');
    expect(corrected.changes).toContain('原因:多打了一个零');

    await page.locator('[data-testid="care-grid"] .ag-row').filter({ hasText: who.name }).filter({ hasText: '500.00' }).first().click();
    await page.getByTestId('aid-delete').click();
    await page.getByTestId('aid-delete-reason').fill('重复登记');
    await page.getByTestId('aid-delete-submit').click();
    await page.getByTestId('aid-chosen').waitFor({ state: 'detached' });
    expect(await balance()).toBe(start);
    expect((await auditLine('care.aid.delete'))!.changes).toContain('原因:重复登记');
  }, LONG);

  it('a recorded month of 党费 changed in the grid asks for the reason, naming the month; the history and audit say both amounts', async () => {
    const grid = await call<{ memberId: string; name: string; monthlyFen: number | null; paid: Record<string, number> }[]>('duesGrid', { year: 2026, orgId: branchId });
    const payer = grid.find((r) => r.monthlyFen && r.paid['2026-03'] !== undefined)!;
    const old = payer.paid['2026-03'];
    await openPage(page, 'yearly');
    await page.getByTestId('yearly-page').waitFor();
    await page.getByTestId('yearly-branch').click();
    await page.locator(`[data-testid="yearly-branch-option"][data-org-id="${branchId}"]`).click();
    await page.getByTestId('tab-dues').click();
    await page.getByTestId('dues-grid').waitFor();
    const cell = page.getByTestId(`dues-cell-${payer.memberId}-03`);
    await cell.fill(((old + 100) / 100).toFixed(2));
    await page.getByTestId('dues-save').click();
    const prompt = page.getByTestId('dues-correction');
    await prompt.waitFor();
    await expect(prompt.textContent()).resolves.toContain(`${payer.name} 2026-03 已登记 ${(old / 100).toFixed(2)} 元 → ${((old + 100) / 100).toFixed(2)} 元`);
    expect((await call<typeof grid>('duesGrid', { year: 2026, orgId: branchId })).find((r) => r.memberId === payer.memberId)!.paid['2026-03']).toBe(old);
    await page.getByTestId('dues-correction-reason').fill('按收据核对');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'correction-dues.png') });
    await page.getByTestId('dues-correction-confirm').click();
    await expect.poll(() => page.getByTestId('dues-message').textContent()).toContain('1');
    expect((await call<typeof grid>('duesGrid', { year: 2026, orgId: branchId })).find((r) => r.memberId === payer.memberId)!.paid['2026-03']).toBe(old + 100);
    const history = await call<HistoryRow[]>('memberHistory', { id: payer.memberId });
    expect(history.find((h) => h.kind === 'dues')!.summary).toBe(`更正党费:2026-03 ${(old / 100).toFixed(2)} 元 → ${((old + 100) / 100).toFixed(2)} 元(原因:按收据核对)`);
    expect((await auditLine('dues.payment.correct'))!.changes).toContain('原因:按收据核对');
  }, LONG);

  it('a recorded grade changed in the 民主评议 grid asks for the reason; the history, audit and counts follow', async () => {
    // A year of its own: the demo's grades are left alone, and the page shows what is saved here.
    const rows = await call<{ memberId: string; name: string; category: string }[]>('appraisalGrid', { year: 2025, orgId: branchId });
    const formal = rows.filter((r) => r.category === 'formal');
    await call('saveAppraisals', { year: 2025, orgId: branchId, rows: formal.map((r) => ({ memberId: r.memberId, grade: 'qualified', note: null })), reason: '按评议表重新录入' });
    const target = formal[0];
    await page.getByTestId('tab-appraisal').click();
    await page.getByTestId('yearly-year').fill('2025');
    const grid = page.getByTestId('appraisal-grid');
    const row = grid.locator('tr').filter({ hasText: target.name }).first();
    await expect.poll(() => row.getByTestId('grade-select').inputValue()).toBe('qualified');
    const before = (await call<{ total: { excellent: number; qualified: number } }>('reviewsSummary', { year: 2025 })).total;
    await row.getByTestId('grade-select').selectOption('excellent');
    await page.getByTestId('appraisal-save').click();
    const prompt = page.getByTestId('appraisal-correction');
    await prompt.waitFor();
    await expect(prompt.textContent()).resolves.toContain(`${target.name} 2025年度:合格 → 优秀`);
    await page.getByTestId('appraisal-correction-reason').fill('录入时选错行');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'correction-appraisal.png') });
    await page.getByTestId('appraisal-correction-confirm').click();
    await prompt.waitFor({ state: 'detached' });
    const after = (await call<{ total: { excellent: number; qualified: number } }>('reviewsSummary', { year: 2025 })).total;
    expect(after).toMatchObject({ excellent: before.excellent + 1, qualified: before.qualified - 1 });
    const history = await call<HistoryRow[]>('memberHistory', { id: target.memberId });
    expect(history.find((h) => h.kind === 'appraisal')!.summary).toBe('更正2025年度民主评议:合格 → 优秀(原因:录入时选错行)');
    const line = (await auditLine('appraisal.correct'))!;
    expect(line.changes).toContain('评议等次:合格 → 优秀');
    expect(line.changes).toContain('原因:录入时选错行');
  }, LONG);
});
