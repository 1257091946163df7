// End to end, a member's life as a clerk handles it, in Chromium against a real archive through the
// harness: a transfer out with a numbered letter (the member waits under 转出待回执), the 回执 (the member
// is under 已出党 · 组织关系转出), the same person transferred back in by ID number (one record with its
// whole history), a sub-record and a scanned document. Screenshots (1440×900) for the README.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HARNESS_TODAY, startHarness, type Harness } from '../harness/server';
import { openWatchedPage, type WatchedPage } from '../support/browserPage';
import { openApp } from '../support/appSession';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { screenshotDir } from '../support/screenshots';
import { openPage } from '../support/nav';

const SCREENSHOTS = screenshotDir();
const LONG = 120_000;
// A 1×1 PNG: enough for the viewer.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('a member’s life (browser, real archive)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let dataDir: string;
  const name = '钱转出';
  const idNumber = makeIdNumber('370783', '1978-04-12', 135);
  let memberId = '';

  async function call<T>(callName: string, input?: unknown): Promise<T> {
    const r = await harness.dispatch(callName, input);
    if (!r.ok) throw new Error(`${callName}: ${r.error.message}`);
    return r.value as T;
  }
  const cell = (text: string) => page.locator('[data-testid="members-grid"] .ag-row .ag-cell[col-id="name"]').filter({ hasText: new RegExp(`^${text}$`) });
  async function openMember() {
    await page.getByTestId('search').fill(name);
    await cell(name).first().waitFor();
    await cell(name).first().dblclick();
    await page.getByTestId('member-form').waitFor();
    await expect.poll(() => page.getByTestId('field-name').inputValue()).toBe(name);
  }
  async function closeForm() {
    await page.getByTestId('form-close').click();
    await page.getByTestId('member-form').waitFor({ state: 'detached' });
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-life-'));
    harness = await startHarness({ dataDir });
    const setup = await call<{ rootOrgId: string }>('initTownship', { code: '370783101', name: '纪台镇', role: 'township' });
    const org = { type: 'branch', sector: 'rural', unitSituation: 'legal_entity' };
    const east = await call<{ id: string }>('createOrg', { parentId: setup.rootOrgId, name: '中共东村支部委员会', shortName: '东村支部', ...org });
    await call('createOrg', { parentId: setup.rootOrgId, name: '中共西村支部委员会', shortName: '西村支部', ...org });
    const m = await call<{ id: string }>('createMember', {
      name, gender: '1', idNumber, ethnicity: '01', birthDate: '1978-04-12', education: '50', category: 'formal', orgId: east.id, joinDate: '2005-07-01', fullDate: '2006-07-01', occupation: '2',
    });
    memberId = m.id;
    for (const [i, n] of ['孙一', '李二', '周三'].entries()) {
      const birth = `1985-0${i + 1}-15`;
      await call('createMember', { name: n, gender: '1', idNumber: makeIdNumber('370783', birth, 211 + i * 2), ethnicity: '01', birthDate: birth, education: '40', category: 'formal', orgId: east.id, joinDate: '2012-07-01', fullDate: '2013-07-01', occupation: '2' });
    }
    app = await openWatchedPage({ deviceScaleFactor: 1, consoleErrors: true });
    page = app.page;
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await openApp(page, harness);
    // The window may open on another page (the dashboard); the members page is one click away.
    const members = page.getByTestId('main-page').or(page.getByTestId('nav-members'));
    await members.first().waitFor();
    if (await page.getByTestId('nav-members').count()) await openPage(page, 'members');
    await page.getByTestId('main-page').waitFor();
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('adds a 职务 in the sub-record grid, with the archive’s message for a wrong date first', async () => {
    await openMember();
    await page.getByTestId('tab-records').click();
    await page.getByTestId('add-posts').click();
    await page.getByTestId('subrecord-dialog-title').fill('村党支部书记');
    await page.getByTestId('subrecord-dialog-unit').fill('东村');
    await page.getByTestId('subrecord-dialog-fromDate').fill('2018-03-01');
    await page.getByTestId('subrecord-dialog-toDate').fill('2017-03-01');
    await page.getByTestId('subrecord-dialog-submit').click();
    await expect.poll(() => page.getByTestId('subrecord-dialog-error-toDate').textContent()).toContain('不能早于');
    await page.getByTestId('subrecord-dialog-toDate').fill('');
    await page.getByTestId('subrecord-dialog-submit').click();
    await page.getByTestId('subrecord-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('row-posts').first().textContent()).toContain('村党支部书记');
    await page.getByTestId('add-trainings').click();
    await page.getByTestId('subrecord-dialog-title').fill('党员冬训');
    await page.getByTestId('subrecord-dialog-fromDate').fill('2025-12-01');
    await page.getByTestId('subrecord-dialog-hours').fill('24');
    await page.getByTestId('subrecord-dialog-submit').click();
    await page.getByTestId('row-trainings').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'member-subrecords.png') });
  }, LONG);

  it('files a scanned 入党申请书 and shows it in the viewer; the checklist updates', async () => {
    await page.getByTestId('tab-files').click();
    await expect.poll(() => page.getByTestId('check-application').textContent()).toContain('缺');
    await page.getByTestId('file-doctype').selectOption('application');
    await page.getByTestId('file-input').setInputFiles({ name: '入党申请书.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('file-upload').click();
    await page.getByTestId('file-row').first().waitFor();
    await expect.poll(() => page.getByTestId('check-application').textContent()).toContain('已归档');
    await page.getByTestId('file-view').first().click();
    await page.getByTestId('file-viewer').locator('img').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'member-files.png') });
    await page.getByTestId('file-viewer-close').click();
    await page.getByTestId('file-viewer').waitFor({ state: 'detached' });
  }, LONG);

  it('transfers the member out with a letter: they wait under 转出待回执', async () => {
    await page.getByTestId('tab-status').click();
    await page.getByTestId('action-out').click();
    await page.getByTestId('dialog-out-destination').fill('中共寿光市古城街道委员会');
    await page.getByTestId('dialog-out-duesPaidTo').fill('2099-13');
    await page.getByTestId('dialog-out-submit').click();
    await expect.poll(() => page.getByTestId('dialog-out-error-duesPaidTo').textContent()).toContain('YYYY-MM');
    const month = HARNESS_TODAY.slice(0, 7);
    await page.getByTestId('dialog-out-duesPaidTo').fill(month);
    await page.getByTestId('dialog-out-submit').click();
    await page.getByTestId('dialog-out').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('transfer-pending').textContent()).toContain('第001号');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'member-transfer.png') });
    await closeForm();

    await expect.poll(() => page.getByTestId('view-count-transferPending').textContent()).toBe('1');
    await page.getByTestId('view-transferPending').click();
    await page.getByTestId('search').fill('');
    await cell(name).first().waitFor();
    await expect.poll(async () => (await page.getByTestId('grid-total').textContent())?.replace(/\D/g, '')).toBe('1');
  }, LONG);

  it('records the 回执: the member is under 已出党 · 组织关系转出', async () => {
    await openMember();
    await page.getByTestId('tab-status').click();
    await page.getByTestId('action-receipt').click();
    // The dialog says what the 回执 does and fills in no date: one click does not take the member off the roll.
    await expect(page.getByTestId('dialog-receipt-warn').textContent()).resolves.toContain('将以“组织关系转出”出党');
    await page.getByTestId('dialog-receipt-submit').click();
    await page.getByTestId('dialog-receipt-error-date').waitFor();
    await expect.poll(() => page.getByTestId('view-count-transferPending').textContent()).toBe('1');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'member-receipt.png') });
    await page.getByTestId('dialog-receipt-date').fill(HARNESS_TODAY);
    await page.getByTestId('dialog-receipt-submit').click();
    await page.getByTestId('dialog-receipt').waitFor({ state: 'detached' });
    await closeForm();
    await expect.poll(() => page.getByTestId('view-count-transferPending').textContent()).toBe('0');
    await page.getByTestId('view-exited-toggle').click();
    await page.getByTestId('view-exited-transfer_out').click();
    await page.getByTestId('search').fill(name);
    const row = page.locator('[data-testid="members-grid"] .ag-row').filter({ has: page.locator('.ag-cell[col-id="exitReason"]', { hasText: '组织关系转出' }) });
    await row.first().waitFor();
    await cell(name).first().waitFor();
  }, LONG);

  it('brings the member back by ID number: one record, with its whole history', async () => {
    await page.getByTestId('view-roll').click();
    await page.getByTestId('transfer-in').click();
    await page.getByTestId('transfer-in-lookup-idNumber').fill(idNumber);
    await page.getByTestId('transfer-in-lookup-submit').click();
    await expect.poll(() => page.getByTestId('transfer-in-match').textContent()).toContain('恢复原档案');
    await page.getByTestId('transfer-in-orgId').selectOption({ label: '中共西村支部委员会' });
    await page.getByTestId('transfer-in-letterNumber').fill('古组转〔2026〕3号');
    await page.getByTestId('transfer-in-origin').fill('中共寿光市古城街道委员会');
    await page.getByTestId('transfer-in-submit').click();
    await page.getByTestId('member-form').waitFor();
    await expect.poll(() => page.getByTestId('field-name').inputValue()).toBe(name);
    await page.getByTestId('tab-history').click();
    await expect.poll(() => page.getByTestId('member-history').textContent()).toContain('转回本镇');
    const history = await page.getByTestId('member-history').textContent();
    for (const step of ['建立党员档案', '新增职务', '归档材料', '开具组织关系介绍信', '收到介绍信', '出党:组织关系转出']) expect(history).toContain(step);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'member-history.png') });
    await closeForm();

    const all = await call<{ rows: { id: string; exitReason: string | null; orgName: string }[] }>('listMembers', { startRow: 0, endRow: 10, view: 'all', search: idNumber });
    expect(all.rows).toEqual([expect.objectContaining({ id: memberId, exitReason: null, orgName: '中共西村支部委员会' })]);
    const dossier = await call<{ subRecords: { posts: unknown[] }; files: { files: unknown[] }; transfers: { direction: string }[] }>('memberDossier', { id: memberId });
    expect(dossier.subRecords.posts).toHaveLength(1);
    expect(dossier.files.files).toHaveLength(1);
    expect(dossier.transfers.map((x) => x.direction).sort()).toEqual(['in', 'out']);
  }, LONG);

  it('had no script errors or CSP violations', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
