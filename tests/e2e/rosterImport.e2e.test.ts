// 导入花名册 and 导出Excel as a clerk does them, in Chromium through the harness against a real archive:
// a roster with a title row, a column the app does not know, two bad rows, a branch the archive lacks
// and a person it already holds. The clerk sees the mapping (and corrects one column), the preview and
// the problems, exports the rows with errors, chooses where the new branch goes and what happens to the
// person already there; cancelling writes nothing, confirming writes exactly the valid rows. A large
// roster shows the progress bar and is cancelled mid-way. The grid view and the 花名册 export to xlsx,
// read back with exceljs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';
import { openWatchedPage, type WatchedPage } from '../support/browserPage';
import { openApp } from '../support/appSession';
import { screenshotDir } from '../support/screenshots';
import { people, STANDARD_HEADER, standardRow, writeBigXlsx, writeXlsx, type Person } from '../fixtures/rosters';
import { openPage } from '../support/nav';

const LONG = 240_000;
const BIG_ROWS = 60_000;

describe('roster import wizard and Excel export (browser, real archive)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let dir: string;
  let roster: string;
  let ps: Person[];
  let rootOrgId: string;
  let generalId: string;
  let eastId: string;

  async function call<T>(callName: string, input?: unknown): Promise<T> {
    const r = await harness.dispatch(callName, input);
    if (!r.ok) throw new Error(`${callName}: ${r.error.message}`);
    return r.value as T;
  }
  const memberTotal = async () => (await call<{ total: number }>('listMembers', { startRow: 0, endRow: 1, view: 'all' })).total;
  const orgNames = async () => (await call<{ name: string }[]>('orgTree', {})).map((o) => o.name);

  async function openWizardWith(file: string) {
    await page.getByTestId('import-roster').click();
    await page.getByTestId('import-wizard').waitFor();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-mapping').or(page.getByTestId('import-failure')).first().waitFor({ timeout: LONG });
    if (await page.getByTestId('import-failure').count()) throw new Error(await page.getByTestId('import-failure').innerText());
    await page.getByTestId('import-busy').waitFor({ state: 'detached', timeout: LONG });
  }

  async function settle() {
    await page.getByTestId('import-busy').waitFor({ state: 'detached', timeout: LONG });
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-import-'));
    harness = await startHarness({ dataDir: path.join(dir, 'data') });
    rootOrgId = (await call<{ rootOrgId: string }>('initTownship', { code: '370783101', name: '东城镇', role: 'township' })).rootOrgId;
    generalId = (await call<{ id: string }>('createOrg', { parentId: rootOrgId, name: '中共东城镇机关党总支', type: 'general_branch', sector: 'agency', unitSituation: 'same_as_parent' })).id;
    eastId = (await call<{ id: string }>('createOrg', { parentId: rootOrgId, name: '中共东村党支部委员会', type: 'branch', sector: 'rural', unitSituation: 'same_as_parent' })).id;

    // 10 people: 东村 (matches the archive's 中共东村党支部委员会) and 西村 (not in the archive).
    ps = people(10, 100);
    const p0 = ps[0];
    await call('createMember', {
      name: p0.name, gender: p0.gender === '男' ? '1' : '2', idNumber: p0.idNumber, ethnicity: '01', birthDate: p0.birthDate, education: '50', category: 'formal',
      orgId: eastId, joinDate: p0.joinDate, fullDate: p0.fullDate, occupation: '2',
    });
    const rows = ps.map((p, i) => [...standardRow(p, i, i < 5 ? '东村党支部' : '西村党支部'), i % 2 ? '党小组长' : '党员']);
    rows[3][5] = Number(ps[3].idNumber); // stored by Excel as a number: its last digits are gone
    rows[7][7] = '2099.07'; // 入党时间 in the future
    roster = path.join(dir, '东城镇花名册.xlsx');
    await writeXlsx(roster, [{ name: '花名册', rows: [['东城镇党员花名册'], [...STANDARD_HEADER, '党内职务'], ...rows], merges: ['A1:O1'] }]);

    app = await openWatchedPage({ acceptDownloads: true, consoleErrors: true });
    page = app.page;
    await openApp(page, harness);
    await openPage(page, 'members', { timeout: LONG });
    await page.getByTestId('main-page').waitFor();
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the header row and the mapping, and takes the clerk’s correction', async () => {
    await openWizardWith(roster);
    await expect.poll(() => page.getByTestId('import-header-row-0').innerText()).toContain('表头在第 2 行,数据 10 行');
    expect(await page.getByTestId('import-counts').innerText()).toContain('共 10 行:新增 7 人,档案中已有 1 人,有错误 2 行');
    expect(await page.getByTestId('map-0-1').inputValue()).toBe('name');
    expect(await page.getByTestId('map-0-4').inputValue()).toBe('birthDate'); // 出生年月
    expect(await page.getByTestId('map-0-5').inputValue()).toBe('idNumber'); // 身份证号码
    expect(await page.getByTestId('map-0-6').inputValue()).toBe('education'); // 文化程度
    expect(await page.getByTestId('map-0-14').inputValue()).toBe(''); // 党内职务: not a known header
    await page.getByTestId('map-0-14').selectOption('jobTitle');
    await settle();
    expect(await page.getByTestId('map-0-14').inputValue()).toBe('jobTitle');
    const corrected = page.locator('.rimport-mapping tr').filter({ hasText: '党内职务' });
    expect(await corrected.innerText()).toContain('已更正');
    // The roster has no 职业 column: 工作岗位 stays 未填写 (listed by 数据校验) unless the clerk picks a value here.
    expect(await page.getByTestId('import-default-occupation').inputValue()).toBe('0');
    await page.getByTestId('import-default-occupation').selectOption('1');
    await settle();
    expect(await page.getByTestId('import-default-occupation').inputValue()).toBe('1');
    await corrected.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir(), 'import-mapping.png') });
  }, LONG);

  it('previews the rows as they will be stored', async () => {
    await page.getByTestId('import-step-preview').click();
    const rows = page.getByTestId('import-preview-row');
    await expect.poll(() => rows.count()).toBe(10);
    const first = await rows.nth(0).innerText();
    expect(first).toContain(ps[0].name);
    expect(first).toContain('已在档案');
    expect(first).toContain('1975-07-01'); // 入党时间 “1975.07” as the archive stores it
    expect(first).toContain('党员'); // the corrected column arrives as 职务
    expect(first).toContain('工人(工勤技能人员)'); // the chosen 职业 for a roster without that column
    expect(await rows.nth(5).innerText()).toContain('西村党支部');
    expect(await rows.nth(3).innerText()).toContain('有错误');
    expect(await page.getByTestId('import-preview').locator('th').allInnerTexts()).toContain('职务');
  }, LONG);

  it('lists the problems per row and exports the rows with errors with an explanation column', async () => {
    await page.getByTestId('import-step-problems').click();
    const problems = page.getByTestId('import-problem');
    await expect.poll(() => problems.count()).toBeGreaterThanOrEqual(2);
    const lines = await problems.allInnerTexts();
    // Row 6 is the 4th data row (title on row 1, header on row 2); row 10 the 8th.
    expect(lines.find((l) => l.startsWith('6\t'))).toMatch(new RegExp(`${ps[3].name}\\t身份证号码\\t.*Excel`)); // the column as the roster names it
    expect(lines.find((l) => l.startsWith('10\t'))).toMatch(new RegExp(`${ps[7].name}\\t入党时间\\t2099\\.07\\t入党日期不能晚于今天`));
    expect(lines.every((l) => /^(6|10)\t/.test(l))).toBe(true);
    await page.screenshot({ path: path.join(screenshotDir(), 'import-problems.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-export-errors').click()]);
    expect(download.suggestedFilename()).toBe('东城镇花名册_错误行.xlsx');
    const saved = path.join(dir, 'errors.xlsx');
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.at(-1)).toBe('错误说明');
    expect(ws.actualRowCount).toBe(3);
    const names = [2, 3].map((r) => ws.getRow(r).getCell(2).value);
    expect(names).toEqual([ps[3].name, ps[7].name]);
    expect(String(ws.getRow(3).getCell(header.length).value)).toContain('入党日期');
  }, LONG);

  it('offers the new branch’s parent and the duplicate’s diff; cancelling the wizard writes nothing', async () => {
    await page.getByTestId('import-step-choices').click();
    const west = page.locator('[data-testid^="import-branch-"]').filter({ hasText: '西村党支部' }).first();
    expect(await west.innerText()).toContain('档案中没有');
    expect(await page.locator('[data-testid^="import-branch-"]').filter({ hasText: '东村党支部' }).first().innerText()).toContain('中共东村党支部委员会');
    const duplicate = page.getByTestId('import-duplicate');
    expect(await duplicate.count()).toBe(1);
    expect(await duplicate.innerText()).toContain(ps[0].idNumber);
    expect(await duplicate.innerText()).toContain('联系电话');
    await page.getByTestId('import-mode-fillEmpty').check();
    await settle();
    expect(await page.getByTestId('import-choices').innerText()).toContain('将更新 1 人');
    await page.screenshot({ path: path.join(screenshotDir(), 'import-choices.png') });

    const before = await memberTotal();
    const orgsBefore = await orgNames();
    await page.getByTestId('import-close').click();
    await page.getByTestId('import-wizard').waitFor({ state: 'detached' });
    expect(await memberTotal()).toBe(before);
    expect(before).toBe(1);
    expect(await orgNames()).toEqual(orgsBefore);
  }, LONG);

  it('confirming writes exactly the valid rows, the new branch under the chosen parent', async () => {
    await openWizardWith(roster);
    await page.getByTestId('import-step-choices').click();
    const westRow = page.locator('[data-testid^="import-branch-"]').filter({ hasText: '西村党支部' }).first();
    const index = (await westRow.getAttribute('data-testid'))!.replace('import-branch-', '');
    await page.getByTestId(`import-branch-parent-${index}`).selectOption(generalId);
    await page.getByTestId('import-mode-fillEmpty').check();
    await settle();
    await page.getByTestId('import-next').click();
    const summary = await page.getByTestId('import-confirm-step').innerText();
    expect(summary).toContain('新增党员 7 名');
    expect(summary).toContain('有错误的 2 行不导入');
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-result').waitFor({ timeout: LONG });
    expect(await page.getByTestId('import-result').innerText()).toContain('新增 7 人,更新 1 人');

    const listed = await call<{ rows: { idNumber: string; name: string; orgName: string; phone: string | null }[]; total: number }>('listMembers', { startRow: 0, endRow: 50, view: 'all' });
    const valid = ps.filter((_, i) => i !== 3 && i !== 7);
    expect(listed.total).toBe(8);
    expect(listed.rows.map((r) => r.idNumber).sort()).toEqual(valid.map((p) => p.idNumber).sort());
    expect(listed.rows.find((r) => r.idNumber === ps[0].idNumber)?.phone).toBe('13800138000'); // the empty field filled
    const tree = await call<{ id: string; name: string; parentId: string | null; memberCount: number }[]>('orgTree', {});
    expect(tree.find((o) => o.name === '西村党支部')).toMatchObject({ parentId: generalId, memberCount: 4 });
    expect(tree.find((o) => o.id === eastId)?.memberCount).toBe(4);

    await page.getByTestId('import-close').click();
    await expect.poll(() => page.getByTestId('grid-total').innerText()).toContain('8');
  }, LONG);

  it('a large import shows its progress and a cancel writes nothing', async () => {
    const big = path.join(dir, '全镇花名册.xlsx');
    await writeBigXlsx(big, BIG_ROWS);
    const before = await memberTotal();
    const orgsBefore = await orgNames();
    await openWizardWith(big);
    await page.getByTestId('import-step-confirm').click();
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-progress').waitFor({ timeout: LONG });
    await expect.poll(async () => Number(await page.getByTestId('import-progress').getAttribute('value')), { timeout: LONG, interval: 50 }).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(screenshotDir(), 'import-progress.png') });
    await page.getByTestId('import-cancel').click();
    await page.getByTestId('import-cancelled').waitFor({ timeout: LONG });
    expect(await memberTotal()).toBe(before);
    expect(await orgNames()).toEqual(orgsBefore);
    expect((await call<{ ok: boolean }>('checkArchive', {})).ok).toBe(true);
    await page.getByTestId('import-close').click();
  }, LONG);

  it('exports the grid view as shown (a branch, the chosen columns) and the 花名册 per branch', async () => {
    const west = (await call<{ id: string; name: string }[]>('orgTree', {})).find((o) => o.name === '西村党支部')!;
    await page.getByTestId(`org-toggle-${generalId}`).click(); // 西村党支部 was created under the 党总支
    await page.getByTestId(`org-${west.id}`).locator('.org-name').click();
    await expect.poll(() => page.getByTestId('grid-total').innerText()).toContain('4');
    // The clerk shows 职务 and hides 民族.
    await page.getByTestId('column-chooser').click();
    await page.getByTestId('col-jobTitle').check();
    await page.getByTestId('col-ethnicity').uncheck();
    await page.getByTestId('column-chooser-done').click();

    await page.getByTestId('export-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-view').click()]);
    const saved = path.join(dir, 'view.xlsx');
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toContain('职务');
    expect(header).not.toContain('民族');
    expect(header.slice(0, 3)).toEqual(['姓名', '性别', '公民身份号码']);
    expect(ws.actualRowCount).toBe(5);
    const westPeople = ps.slice(5).filter((_, i) => i !== 2); // ps[7] had an error
    const idCol = header.indexOf('公民身份号码') + 1;
    const ids = [2, 3, 4, 5].map((r) => ws.getRow(r).getCell(idCol).value);
    expect(ids.every((v) => typeof v === 'string')).toBe(true); // ID numbers as text, all 18 characters
    expect([...ids].sort()).toEqual(westPeople.map((p) => p.idNumber).sort());
    const joinCol = header.indexOf('入党日期') + 1;
    const joined = ws.getRow(2).getCell(joinCol).value;
    expect(joined).toBeInstanceOf(Date); // a real Excel date
    expect(ws.getRow(2).getCell(joinCol).numFmt).toBe('yyyy-mm-dd');
    await expect.poll(() => page.getByTestId('toast').allInnerTexts()).toContainEqual(expect.stringContaining('共 4 人'));

    // The whole township's 花名册, one sheet per branch.
    await page.getByTestId(`org-${rootOrgId}`).locator('.org-name').click();
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-per-branch').check();
    await page.screenshot({ path: path.join(screenshotDir(), 'export-menu.png') });
    const [roster2] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-roster').click()]);
    const savedRoster = path.join(dir, 'roster.xlsx');
    await roster2.saveAs(savedRoster);
    const rb = new ExcelJS.Workbook();
    await rb.xlsx.readFile(savedRoster);
    expect(rb.worksheets.map((s) => s.name).sort()).toEqual(['西村党支部', '中共东村党支部委员会'].sort());
    const sheet = rb.getWorksheet('西村党支部')!;
    expect(String(sheet.getRow(1).getCell(1).value)).toBe('西村党支部党员花名册');
    expect(sheet.getRow(3).getCell(1).value).toBe('序号');
    expect([4, 5, 6, 7].map((r) => sheet.getRow(r).getCell(1).value)).toEqual([1, 2, 3, 4]);
    expect(app.pageErrors).toEqual([]);
  }, LONG);
});
