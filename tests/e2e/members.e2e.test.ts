// End to end, as a clerk would: the renderer build served by the test harness against a real archive
// in a fresh temp folder, driven in Debian's Chromium. First run → township → demo data → pinyin
// search → new member with a wrong ID number (the archive's Chinese message under the field) → fixed
// and saved → a member leaves (出党, 死亡) and is found under 已出党 → the exit is undone (撤销出党). Screenshots for the README go to
// docs/screenshots/ at 1440×900.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HARNESS_TODAY, startHarness, type Harness } from '../harness/server';
import { APP_VIEWPORT, openWatchedPage, type WatchedPage } from '../support/browserPage';
import { openApp } from '../support/appSession';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { nameSearchKeys } from '../../electron/services/members/searchKeys';
import { screenshotDir } from '../support/screenshots';
import { openPage } from '../support/nav';

const SCREENSHOTS = screenshotDir();
const LONG = 180_000;
/** The township office's screen. */
const OFFICE = { width: 1366, height: 768 };

interface ListRow {
  id: string;
  name: string;
  orgId: string;
}

/** The archive's day, which the harness fixes (the page's 出党日期 defaults to it). */
const todayLocal = () => HARNESS_TODAY;

/** The grid's name cells (pinned left) holding exactly this name. */
function nameCell(page: Page, name: string) {
  return page.locator('[data-testid="members-grid"] .ag-row .ag-cell[col-id="name"]').filter({ hasText: new RegExp(`^${name}$`) });
}

describe('members workspace (browser, real archive)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-'));
    harness = await startHarness({ dataDir });
    app = await openWatchedPage({ deviceScaleFactor: 1, consoleErrors: true });
    page = app.page;
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('first run: the township is set up, with the archive’s messages under the fields', async () => {
    await openApp(page, harness);
    await page.getByTestId('setup-page').waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');

    await page.getByTestId('setup-name').fill('纪台镇');
    await page.getByTestId('setup-code').fill('3707831');
    await page.getByTestId('setup-submit').click();
    await expect(page.getByTestId('setup-error-code').textContent()).resolves.toContain('9位');

    await page.getByTestId('setup-code').fill('370783101');
    await page.getByTestId('setup-error-code').waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'first-run.png') });
  }, LONG);

  it('loads the demo township and shows the main window', async () => {
    await page.getByTestId('setup-demo').check();
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('setup-busy').waitFor();
    // The window opens on the dashboard (首页); the members page is one click away.
    await openPage(page, 'members', { timeout: LONG });
    await page.getByTestId('main-page').waitFor({ timeout: LONG });

    await expect(page.getByTestId('app-title').textContent()).resolves.toContain('纪台镇');
    await page.locator('[data-testid="members-grid"] .ag-row .ag-cell[col-id="name"]').first().waitFor();
    const counts = await harness.dispatch('memberCounts', {});
    expect(counts.ok).toBe(true);
    const roll = counts.ok ? (counts.value as { roll: number }).roll : 0;
    expect(roll).toBeGreaterThan(1000);
    // The counts arrive with their own calls after the page shows: wait for them, do not read once.
    await expect.poll(() => page.getByTestId('header-count').textContent()).toContain(String(roll));
    await expect.poll(() => page.getByTestId('view-count-roll').textContent()).toBe(String(roll));
    await expect.poll(() => page.getByTestId('grid-total').textContent()).toContain(String(roll));
    // Coded values are shown as Chinese labels.
    const gender = await page.locator('[data-testid="members-grid"] .ag-row .ag-cell[col-id="gender"]').first().textContent();
    expect(['男', '女']).toContain(gender?.trim());
    await page.mouse.move(700, 880); // no hover highlight in the picture
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'main-window.png') });
  }, LONG);

  let demoMember: ListRow;

  it('finds a member by the pinyin initials of the name', async () => {
    const listed = await harness.dispatch('listMembers', { startRow: 0, endRow: 200, view: 'roll' });
    expect(listed.ok).toBe(true);
    const rows = listed.ok ? (listed.value as { rows: ListRow[] }).rows : [];
    // Pick a name whose initials are rare enough to put it on the first screen of results.
    let initials = '';
    for (const row of rows) {
      const keys = nameSearchKeys(row.name);
      if (keys.pinyinInitials.length < 2) continue;
      const hits = await harness.dispatch('listMembers', { startRow: 0, endRow: 20, view: 'roll', search: keys.pinyinInitials });
      if (hits.ok && (hits.value as { total: number }).total <= 10) {
        demoMember = row;
        initials = keys.pinyinInitials;
        break;
      }
    }
    expect(demoMember, 'a demo member with rare initials').toBeDefined();

    await page.getByTestId('search').fill(initials);
    await expect.poll(async () => Number((await page.getByTestId('grid-total').textContent())?.replace(/\D/g, '')), { timeout: 10_000 }).toBeLessThanOrEqual(10);
    await nameCell(page, demoMember.name).first().waitFor();
  }, LONG);

  it('one click selects a row, Enter or a double-click opens it; the page says so once, and the hint can be put away', async () => {
    await page.setViewportSize(OFFICE);
    const hint = page.getByTestId('grid-hint');
    await expect.poll(() => hint.textContent()).toContain('单击选中,双击或按回车打开');
    const cell = nameCell(page, demoMember.name).first();
    await cell.click();
    const selected = page.locator('[data-testid="members-grid"] .ag-row.ag-row-selected .ag-cell[col-id="name"]');
    await expect.poll(() => selected.allTextContents()).toEqual([demoMember.name]);
    await page.waitForTimeout(400); // long enough for a drawer to have opened on the click
    expect(await page.getByTestId('member-form').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'grid-selected-1366.png') });
    await page.keyboard.press('Enter');
    await page.getByTestId('member-form').waitFor();
    await expect.poll(() => page.getByTestId('field-name').inputValue()).toBe(demoMember.name);
    await page.getByTestId('form-close').click();
    await page.getByTestId('member-form').waitFor({ state: 'detached' });

    await page.getByTestId('grid-hint-dismiss').click();
    await hint.waitFor({ state: 'detached' });
    const pref = await harness.dispatch('getPreference', { key: 'membersGrid.hintDismissed' });
    expect(pref.ok && pref.value).toBe(true);
    await page.setViewportSize(APP_VIEWPORT);
  }, LONG);

  const newName = '赵测新';
  const birthDate = '1985-06-15';
  const goodId = makeIdNumber('370783', birthDate, 987);
  const badId = goodId.slice(0, 17) + (goodId[17] === '1' ? '2' : '1');

  it('shows the archive’s Chinese message under the ID field, keeps the form, then saves', async () => {
    await page.getByTestId('new-member').click();
    await page.getByTestId('member-form').waitFor();
    await page.getByTestId('field-name').fill(newName);
    await page.getByTestId('field-idNumber').fill(badId);
    await page.getByTestId('field-gender').selectOption('1');
    await page.getByTestId('field-birthDate').fill(birthDate);
    await page.getByTestId('field-educationLevel').selectOption({ label: '大学' });
    await page.getByTestId('field-orgId').selectOption({ index: 1 });
    await page.getByTestId('field-joinDate').fill('2010-07-01');
    await page.getByTestId('field-fullDate').fill('2011-07-01');
    await page.getByTestId('field-jobPost').selectOption({ label: '农牧渔业生产人员' });
    await page.getByTestId('field-phone').fill('13800138000');
    await page.getByTestId('field-address').fill('纪台镇东村12号');
    await page.getByTestId('save-button').click();

    const idError = page.getByTestId('error-idNumber');
    await idError.waitFor();
    await expect(idError.textContent()).resolves.toContain('校验位');
    // Nothing typed was lost.
    await expect(page.getByTestId('field-name').inputValue()).resolves.toBe(newName);
    await expect(page.getByTestId('field-address').inputValue()).resolves.toBe('纪台镇东村12号');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'member-form-error.png') });

    await page.getByTestId('field-idNumber').fill(goodId);
    await page.getByTestId('field-idNumber').blur();
    await page.getByTestId('error-idNumber').waitFor({ state: 'detached' });
    await page.getByTestId('save-button').click();
    await expect.poll(() => page.getByTestId('form-message').textContent(), { timeout: 20_000 }).toContain(newName);
    await expect(page.getByTestId('member-form-title').textContent()).resolves.toContain(newName);
    await page.getByTestId('form-close').click();
    await page.getByTestId('member-form').waitFor({ state: 'detached' });

    await page.getByTestId('search').fill(newName);
    await nameCell(page, newName).first().waitFor();
    const stored = await harness.dispatch('listMembers', { startRow: 0, endRow: 5, search: newName });
    expect(stored.ok && (stored.value as { rows: { idNumber: string }[] }).rows[0]?.idNumber).toBe(goodId);
  }, LONG);

  it('a member leaves (出党, 死亡) and is found under 已出党', async () => {
    await page.getByTestId('search').fill(demoMember.name);
    const cell = nameCell(page, demoMember.name).first();
    await cell.waitFor();
    await cell.dblclick();
    await page.getByTestId('member-form').waitFor();
    await expect.poll(() => page.getByTestId('field-name').inputValue()).toBe(demoMember.name);

    await page.getByTestId('exit-button').click();
    await page.getByTestId('exit-dialog').waitFor();
    await page.getByTestId('exit-reason').selectOption({ label: '死亡' });
    await page.getByTestId('exit-date').fill(todayLocal());
    await page.getByTestId('exit-note').fill('病故');
    await page.getByTestId('exit-confirm').click();
    await page.getByTestId('exit-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('exited-banner').waitFor();

    await page.getByTestId('tab-history').click();
    await expect.poll(() => page.getByTestId('member-history').textContent()).toContain('出党');
    await page.getByTestId('form-close').click();
    await page.getByTestId('member-form').waitFor({ state: 'detached' });

    await expect.poll(() => page.getByTestId('view-count-exited').textContent()).not.toBe('0');
    await page.getByTestId('view-exited').click();
    await page.getByTestId('search').fill('');
    await page.getByTestId('search').fill(demoMember.name);
    const row = page.locator('[data-testid="members-grid"] .ag-row').filter({ has: page.locator('.ag-cell[col-id="exitReason"]', { hasText: '死亡' }) });
    await row.first().waitFor();
    await nameCell(page, demoMember.name).first().waitFor();
    await expect(page.locator('[data-testid="members-grid"] .ag-cell[col-id="exitDate"]').first().textContent()).resolves.toBe(todayLocal());

    // And no longer on the roll.
    await page.getByTestId('view-roll').click();
    await expect.poll(() => page.getByTestId('grid-total').textContent()).toMatch(/共 \d+ 人/);
    const onRoll = await harness.dispatch('listMembers', { startRow: 0, endRow: 50, view: 'roll', search: demoMember.name });
    expect(onRoll.ok && (onRoll.value as { rows: ListRow[] }).rows.some((r) => r.id === demoMember.id)).toBe(false);
  }, LONG);

  it('a search that finds nobody in the list says where the matches are, and one click goes there', async () => {
    await page.setViewportSize(OFFICE);
    await page.getByTestId('view-roll').click();
    await page.getByTestId('search').fill(demoMember.name);
    const notice = page.getByTestId('search-elsewhere');
    const sameName = await harness.dispatch('memberCounts', { search: demoMember.name });
    const counts = sameName.ok ? (sameName.value as { roll: number; exited: number }) : { roll: -1, exited: -1 };
    // The demo township is the same every run: the one who left has no namesake on the roll.
    expect(counts.roll).toBe(0);
    expect(counts.exited).toBeGreaterThanOrEqual(1);
    await expect.poll(() => notice.textContent()).toContain(`全部在册中没有“${demoMember.name}”`);
    await expect.poll(() => notice.textContent()).toContain(`已出党:${counts.exited} 人`);
    expect(await page.getByTestId('grid-empty').textContent()).not.toContain('无显示行');
    // Said once: the grid's own "no rows" overlay stays away under the notice.
    expect(await page.locator('[data-testid="members-grid"] .ag-overlay-no-rows-wrapper').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'search-elsewhere-1366.png') });
    await page.getByTestId('search-go-exited').click();
    await expect.poll(() => page.getByTestId('view-exited').getAttribute('aria-current')).toBe('true');
    await nameCell(page, demoMember.name).first().waitFor();
    await page.getByTestId('grid-empty').waitFor({ state: 'detached' });
    // Nobody anywhere: said so in words, with what the box can search by.
    await page.getByTestId('search').fill('qqqqqqqq');
    await expect.poll(() => page.getByTestId('search-nowhere').textContent()).toContain('全乡镇都没有“qqqqqqqq”');
    await page.getByTestId('search').fill('');
    await page.getByTestId('view-roll').click();
    await page.setViewportSize(APP_VIEWPORT);
  }, LONG);

  it('the exit was a mistake: 撤销出党 with a reason brings the member back to the roll, and the history and audit log say why', async () => {
    const exitedBefore = Number(await page.getByTestId('view-count-exited').textContent());
    await page.getByTestId('view-exited').click();
    await page.getByTestId('search').fill('');
    await page.getByTestId('search').fill(demoMember.name);
    const cell = nameCell(page, demoMember.name).first();
    await cell.waitFor();
    await cell.dblclick();
    await page.getByTestId('exited-banner').waitFor();
    await page.getByTestId('undo-exit-button').click();
    await page.getByTestId('undo-exit-dialog').waitFor();
    // Without a reason nothing is written and the field says what is missing.
    await page.getByTestId('undo-exit-confirm').click();
    await expect.poll(() => page.getByTestId('undo-exit-error-reason').textContent()).toContain('请填写撤销出党的原因');
    await page.getByTestId('undo-exit-reason').fill('误登记为死亡,本人健在');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'undo-exit.png') });
    await page.getByTestId('undo-exit-confirm').click();
    await page.getByTestId('undo-exit-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('exited-banner').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('form-message').textContent()).toContain('已回到在册名单');
    await page.getByTestId('exit-button').waitFor();

    await page.getByTestId('tab-history').click();
    await expect.poll(() => page.getByTestId('member-history').textContent()).toContain('撤销出党:原记为');
    await expect(page.getByTestId('member-history').textContent()).resolves.toContain('原因:误登记为死亡,本人健在');
    await page.getByTestId('form-close').click();
    await page.getByTestId('member-form').waitFor({ state: 'detached' });

    await expect.poll(async () => Number(await page.getByTestId('view-count-exited').textContent())).toBe(exitedBefore - 1);
    const onRoll = await harness.dispatch('listMembers', { startRow: 0, endRow: 50, view: 'roll', search: demoMember.name });
    expect(onRoll.ok && (onRoll.value as { rows: ListRow[] }).rows.some((r) => r.id === demoMember.id)).toBe(true);
    const audit = await harness.dispatch('listAuditLog', { member: demoMember.id });
    const line = audit.ok && (audit.value as { rows: { actionLabel: string; subject: string; changes: string }[] }).rows.find((r) => r.actionLabel === '撤销出党');
    expect(line).toMatchObject({ subject: demoMember.name, changes: expect.stringContaining('出党方式:死亡 → (空)') });
    await page.getByTestId('view-roll').click();
  }, LONG);

  it('fills 出生日期 and 性别 from a valid ID number, and asks before dropping typed input', async () => {
    await page.getByTestId('new-member').click();
    await page.getByTestId('member-form').waitFor();
    const womanId = makeIdNumber('370783', '1992-03-08', 246); // even sequence: female
    await page.getByTestId('field-idNumber').fill(womanId);
    await expect(page.getByTestId('field-birthDate').inputValue()).resolves.toBe('1992-03-08');
    await expect(page.getByTestId('field-gender').inputValue()).resolves.toBe('2');

    await page.getByTestId('form-close').click();
    await page.getByTestId('confirm-discard').waitFor();
    await page.getByTestId('confirm-keep').click();
    await expect(page.getByTestId('field-idNumber').inputValue()).resolves.toBe(womanId);
    await page.getByTestId('form-close').click();
    await page.getByTestId('confirm-discard-yes').click();
    await page.getByTestId('member-form').waitFor({ state: 'detached' });
  }, LONG);

  it('had no script errors or CSP violations', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
