// The national card in the window, at the office's 1366×768: the member form grouped as the card
// (基本信息 with the 采集表's items, 其他信息), 学历 and 工作岗位 offering the national leaves (工作岗位 with a
// search), an older record's coarse value shown as 待细化 and refined by picking a leaf; the grid's column
// chooser with the new columns; the national-layout export and the 采集表 from the record and the branch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';
import { openWatchedPage, type WatchedPage } from '../support/browserPage';
import { openApp } from '../support/appSession';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { screenshotDir } from '../support/screenshots';
import { openPage } from '../support/nav';

const LONG = 120_000;
const OFFICE = { width: 1366, height: 768 };

describe('the national card (browser, real archive)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let dataDir: string;
  const shots = screenshotDir();
  const ids: Record<string, string> = {};

  async function call<T>(callName: string, input?: unknown): Promise<T> {
    const r = await harness.dispatch(callName, input);
    if (!r.ok) throw new Error(`${callName}: ${r.error.message}`);
    return r.value as T;
  }

  async function openMember(name: string) {
    await page.getByTestId('search').fill(name);
    const cell = page.locator('[data-testid="members-grid"] .ag-row .ag-cell[col-id="name"]').filter({ hasText: new RegExp(`^${name}$`) }).first();
    await cell.waitFor();
    await cell.dblclick();
    await page.getByTestId('member-form').waitFor();
    await expect.poll(() => page.getByTestId('field-name').inputValue()).toBe(name);
  }

  async function closeForm() {
    await page.getByTestId('form-close').click();
    await page.getByTestId('member-form').waitFor({ state: 'detached' });
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-national-'));
    harness = await startHarness({ dataDir });
    const setup = await call<{ rootOrgId: string }>('initTownship', { code: '370783101', name: '纪台镇', role: 'township' });
    const branch = await call<{ id: string }>('createOrg', { parentId: setup.rootOrgId, name: '中共东村支部委员会', shortName: '东村支部', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' });
    ids.branch = branch.id;
    const base = { gender: '1', ethnicity: '01', category: 'formal', orgId: branch.id };
    ids.leaf = (await call<{ id: string }>('createMember', {
      ...base, name: '王全国', idNumber: makeIdNumber('370783', '1970-05-05', 11), birthDate: '1970-05-05', education: '', educationLevel: '大学', degree: '3',
      joinDate: '1995-07-01', fullDate: '1996-07-01', occupation: '', jobPost: '事业单位专业技术岗位', professionalTitle: '中小学高级教师',
      currentResidence: '纪台镇东村3组8号', householdPlace: '纪台镇东村', partyAgeAdjustMonths: 6, joinType: '正常入党', fullStatus: '按期转正', joinBranch: '东村支部',
      phone: '13800138000', address: '纪台镇东村3组8号',
    })).id;
    ids.coarse = (await call<{ id: string }>('createMember', {
      ...base, name: '李旧档', idNumber: makeIdNumber('370783', '1950-02-02', 13), birthDate: '1950-02-02', education: '50', joinDate: '1975-07-01', fullDate: '1976-07-01', occupation: '8', workUnit: '离退休人员',
    })).id;
    app = await openWatchedPage({ consoleErrors: true });
    page = app.page;
    await page.setViewportSize(OFFICE);
    await openApp(page, harness);
    await openPage(page, 'members');
    await page.getByTestId('main-page').waitFor();
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a record holding only coarse values shows 待细化; picking the leaves refines it, the search narrows 工作岗位', async () => {
    await openMember('李旧档');
    const education = page.getByTestId('field-educationLevel');
    await expect.poll(() => education.locator('option:checked').textContent()).toBe('待细化(高中)');
    await expect.poll(() => page.getByTestId('refine-educationLevel').textContent()).toContain('原记录只有“高中”');
    await expect.poll(() => page.getByTestId('field-jobPost').locator('option:checked').textContent()).toBe('待细化(离退休人员)');
    await page.screenshot({ path: path.join(shots, 'national-form-refine-1366.png') });
    // The leaves sit under their groups: 普通高中 under 高中.
    expect(await education.locator('optgroup[label="高中"] option').allTextContents()).toEqual(['职业高中', '技工学校', '普通高中']);
    await education.selectOption('普通高中');
    await page.getByTestId('search-jobPost').fill('退休');
    await expect.poll(() => page.getByTestId('refine-jobPost').count()).toBe(1);
    await expect.poll(() => page.getByTestId('field-jobPost').locator('optgroup option').allTextContents()).toEqual(['退休人员']);
    await page.screenshot({ path: path.join(shots, 'national-form-jobpost-search-1366.png') });
    await page.getByTestId('field-jobPost').selectOption('退休人员');
    await page.getByTestId('save-button').click();
    await expect.poll(() => page.getByTestId('form-message').textContent()).toContain('已保存');
    const m = await call<Record<string, unknown>>('getMember', { id: ids.coarse });
    expect(m).toMatchObject({ educationLevel: '普通高中', education: '50', jobPost: '退休人员', occupation: '8' });
    await closeForm();
  }, LONG);

  it('the form is grouped as the national card; 党龄 is computed from 转正 with its 校正值', async () => {
    await openMember('王全国');
    const legends = await page.locator('[data-testid="member-form"] legend').allTextContents();
    expect(legends).toEqual(['基本信息', '其他信息', '本档案补充']);
    await page.screenshot({ path: path.join(shots, 'national-form-basic-1366.png') });
    // 1996-07-01 → 2026-11-28 is 364 months; + 6 = 370 months: 30 years.
    await expect.poll(() => page.getByTestId('field-partyAge').textContent()).toBe('30 年');
    await expect.poll(() => page.getByTestId('field-jobPost').inputValue()).toBe('事业单位专业技术岗位');
    await page.getByTestId('field-partyAge').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'national-form-other-1366.png') });
    await page.getByTestId('field-isLost').check();
    await page.getByTestId('field-isMobile').check();
    await page.getByTestId('field-mobileProvince').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'national-form-lost-mobile-1366.png') });
    for (const f of ['lostReason', 'lostDate', 'lostMonth', 'mobileProvince', 'mobileCity', 'mobileCounty']) await page.getByTestId(`field-${f}`).waitFor();
    await page.getByTestId('form-close').click();
    await page.getByTestId('confirm-discard-yes').click();
    await page.getByTestId('member-form').waitFor({ state: 'detached' });
  }, LONG);

  it('the column chooser offers the national columns; the grid shows the leaf or 待细化', async () => {
    await page.getByTestId('search').fill('');
    await page.getByTestId('column-chooser').click();
    for (const c of ['educationLevel', 'jobPost', 'partyAge', 'newSocialStratum', 'isMigrantWorker', 'currentResidence', 'joinType', 'fullStatus', 'lostMonth']) {
      await page.getByTestId(`col-${c}`).waitFor();
    }
    await page.getByTestId('col-jobPost').check();
    await page.getByTestId('col-partyAge').check();
    await page.screenshot({ path: path.join(shots, 'national-columns-1366.png') });
    await page.getByTestId('column-chooser-done').click();
    // The new columns come last: scroll the grid to them (AG Grid draws only the columns in view).
    await page.locator('[data-testid="members-grid"] .ag-body-horizontal-scroll-viewport').evaluate((el) => (el.scrollLeft = el.scrollWidth));
    const cell = page.locator('[data-testid="members-grid"] .ag-row .ag-cell[col-id="jobPost"]');
    await expect.poll(() => cell.allTextContents()).toEqual(expect.arrayContaining(['事业单位专业技术岗位', '退休人员']));
    await page.screenshot({ path: path.join(shots, 'national-grid-1366.png') });
  }, LONG);

  it('导出Excel → 全国系统格式 downloads the member library in the national layout', async () => {
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-national').waitFor();
    await page.screenshot({ path: path.join(shots, 'national-export-menu-1366.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-national').click()]);
    const file = path.join(dataDir, download.suggestedFilename());
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1, 8)).toEqual(['序号', '姓名', '性别', '公民身份号码', '民族', '出生日期', '学历']);
    expect(ws.rowCount).toBe(3);
  }, LONG);

  it('prints the 采集表 from the record and the whole branch from the toolbar', async () => {
    await openMember('王全国');
    await page.getByTestId('print-collection-form').click();
    const frame = page.frameLocator('[data-testid="print-frame"]');
    await expect.poll(async () => (await frame.locator('body').innerText()).replace(/\s+/g, '')).toContain('党员基本信息采集表');
    expect((await frame.locator('body').innerText()).replace(/\s+/g, '')).toContain('11工作岗位事业单位专业技术岗位');
    await page.screenshot({ path: path.join(shots, 'national-collection-form-1366.png') });
    await page.getByTestId('print-close').click();
    await closeForm();
    await page.getByTestId('search').fill('');
    await page.getByTestId(`org-${ids.branch}`).click();
    await page.getByTestId('print-collection-forms').click();
    await expect.poll(() => frame.locator('section.collection-form').count()).toBe(2);
    await page.getByTestId('print-close').click();
  }, LONG);

  it('in English: the card\'s sections and items are labelled in English', async () => {
    await page.getByTestId('lang-en').click();
    await page.getByTestId('search').fill('李旧档');
    const cell = page.locator('[data-testid="members-grid"] .ag-row .ag-cell[col-id="name"]').filter({ hasText: /^李旧档$/ }).first();
    await cell.waitFor();
    await cell.dblclick();
    await page.getByTestId('member-form').waitFor();
    // The form draws its sections once the record has loaded: wait for them rather than read them at once.
    await expect.poll(() => page.locator('[data-testid="member-form"] legend').allTextContents()).toEqual(['Basic information', 'Other information', 'Kept in this archive']);
    await expect.poll(() => page.getByTestId('field-educationLevel').locator('option:checked').textContent()).toBe('High school');
    await page.getByTestId('field-partyAge').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'national-form-en-1366.png') });
    await closeForm();
    await page.getByTestId('lang-zh-CN').click();
  }, LONG);
});
