// Accounts as the clerks meet them, in Chromium against a real archive: the login screen, a wrong
// password and the lockout after 5 tries (messages in Chinese), the administrator's 用户管理 (unlock,
// add a user), the lock screen keeping the page, a 查询员 without edit buttons whose forced write is
// refused by the archive, and the first run creating the administrator. Screenshots: login, lock screen, 用户管理.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';
import { launchBrowser } from '../harness/browser';
import { openWatchedPage, type WatchedPage } from '../support/browserPage';
import { HARNESS_ADMIN, loginAs, openApp } from '../support/appSession';
import { screenshotDir } from '../support/screenshots';
import { openPage } from '../support/nav';

const SCREENSHOTS = screenshotDir();
const LONG = 180_000;
const VIEWER = { name: '查询员小刘', password: 'Chaxun-2026-看' };
const CLERK = { name: '录入员老陈', password: 'Luru-2026-写' };

async function value<T>(harness: Harness, name: string, input?: unknown): Promise<T> {
  const r = await harness.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

describe('accounts (browser, real archive)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-accounts-'));
    harness = await startHarness({ dataDir });
    await value(harness, 'initTownship', { code: '370783101', name: '纪台镇', role: 'township' });
    await value(harness, 'createUser', { ...VIEWER, role: 'viewer' });
    await value(harness, 'createUser', { ...CLERK, role: 'editor' });
    app = await openWatchedPage({ deviceScaleFactor: 1 });
    page = app.page;
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('asks for login first; a wrong password is answered in Chinese, and 5 wrong tries lock the account', async () => {
    await page.goto(harness.url);
    await page.getByTestId('login-page').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'login.png') });
    // Nothing of the archive is reachable from the page before login.
    const forced = await page.evaluate(() => (window as unknown as { api: Record<string, (i: unknown) => Promise<unknown>> }).api.orgTree({}));
    expect(forced).toMatchObject({ ok: false, error: { code: 'not_logged_in', message: '请先登录。' } });

    await page.getByTestId('login-name').fill(CLERK.name);
    for (let i = 1; i <= 5; i += 1) {
      await page.getByTestId('login-password').fill(`wrong-${i}-pw`);
      await page.getByTestId('login-submit').click();
      const expected = i < 5 ? `用户名或密码不正确。再错 ${5 - i} 次,账户将被锁定 15 分钟。` : `已被锁定 15 分钟`;
      await page.getByTestId('login-error').filter({ hasText: expected }).waitFor();
    }
    await page.getByTestId('login-password').fill(CLERK.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').filter({ hasText: `账户“${CLERK.name}”因密码连续输错 5 次已被锁定` }).waitFor();
    await expect(page.getByTestId('login-page').isVisible()).resolves.toBe(true);
  }, LONG);

  it('the administrator logs in, sees 用户管理, unlocks the clerk and adds a user', async () => {
    await loginAs(page, HARNESS_ADMIN);
    await page.getByTestId('account-user').filter({ hasText: `${HARNESS_ADMIN.name} · 管理员` }).waitFor();
    await openPage(page, 'users');
    await page.getByTestId('users-page').waitFor();
    await page.getByTestId(`user-state-${CLERK.name}`).filter({ hasText: '已锁定' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'users.png') });
    await page.getByTestId(`user-unlock-${CLERK.name}`).click();
    await page.getByTestId(`user-state-${CLERK.name}`).filter({ hasText: '正常' }).waitFor();

    await page.getByTestId('users-add').click();
    await page.getByTestId('user-name').fill('查询员二');
    await page.getByTestId('user-role').selectOption('viewer');
    await page.getByTestId('user-password').fill('short');
    await page.getByTestId('user-confirm').fill('short');
    await page.getByTestId('user-save').click();
    await page.getByTestId('user-error-password').filter({ hasText: '密码至少 8 个字符' }).waitFor();
    await page.getByTestId('user-password').fill('Second-viewer-2026');
    await page.getByTestId('user-confirm').fill('Second-viewer-2026');
    await page.getByTestId('user-save').click();
    await page.getByTestId('user-row-查询员二').waitFor();
    const users = await value<{ name: string; role: string }[]>(harness, 'listUsers', {});
    expect(users.find((u) => u.name === '查询员二')?.role).toBe('viewer');
  }, LONG);

  it('locks the window on request and opens it again with the password, on the same page', async () => {
    await page.getByTestId('account-user').click();
    await page.getByTestId('account-lock').click();
    await page.getByTestId('lock-screen').waitFor();
    await page.getByTestId('unlock-password').fill('not-the-password');
    await page.getByTestId('unlock-submit').click();
    await page.getByTestId('unlock-error').filter({ hasText: '密码不正确。再错 4 次' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'lock-screen.png') });
    // While locked the archive refuses the window's calls too.
    const forced = await page.evaluate(() => (window as unknown as { api: Record<string, (i: unknown) => Promise<unknown>> }).api.listUsers({}));
    expect(forced).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    await page.getByTestId('unlock-password').fill(HARNESS_ADMIN.password);
    await page.getByTestId('unlock-submit').click();
    await page.getByTestId('lock-screen').waitFor({ state: 'detached' });
    await expect(page.getByTestId('users-page').isVisible()).resolves.toBe(true);
  }, LONG);

  it('a 查询员 sees no edit buttons, cannot save, and a forced write is refused in Chinese', async () => {
    await page.getByTestId('account-user').click();
    await page.getByTestId('account-logout').click();
    await page.getByTestId('login-page').waitFor();
    await loginAs(page, VIEWER);
    await page.getByTestId('account-user').filter({ hasText: `${VIEWER.name} · 查询员` }).waitFor();
    await expect(page.getByTestId('nav-users').count()).resolves.toBe(0);
    await openPage(page, 'members');
    await page.getByTestId('main-page').waitFor();
    await page.getByTestId('members-grid').waitFor();
    await expect(page.getByTestId('new-member').count()).resolves.toBe(0);
    await expect(page.getByTestId('import-roster').count()).resolves.toBe(0);
    const root = (await value<{ rootOrgId: string }>(harness, 'getSetup', {})).rootOrgId;
    const forced = (await page.evaluate(
      (parentId) => (window as unknown as { api: Record<string, (i: unknown) => Promise<unknown>> }).api.createOrg({ parentId, name: '中共强行支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' }),
      root,
    )) as { ok: boolean; error?: { code: string; message: string } };
    expect(forced).toEqual({ ok: false, error: { code: 'forbidden', message: `权限不足:查询员“${VIEWER.name}”不能修改档案(createOrg)。` } });
    const tree = await value<{ name: string }[]>(harness, 'orgTree', {});
    expect(tree.some((o) => o.name === '中共强行支部委员会')).toBe(false);
    expect(app.pageErrors).toEqual([]);
  }, LONG);
});

describe('first run creates the administrator (browser)', () => {
  let harness: Harness;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-first-admin-'));
    harness = await startHarness({ dataDir, seedAdmin: false });
    browser = await launchBrowser();
  }, LONG);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('asks for the township and the administrator, then opens the workspace logged in', async () => {
    const { page } = await openWatchedPage({ browser });
    await openApp(page, harness);
    await page.getByTestId('setup-page').waitFor();
    await page.getByTestId('setup-name').fill('纪台镇');
    await page.getByTestId('setup-code').fill('370783101');
    await page.getByTestId('admin-name').fill('王书记');
    await page.getByTestId('admin-password').fill('Wang-2026-书记');
    await page.getByTestId('admin-confirm').fill('Wang-2026-书记x');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('setup-error-adminConfirm').filter({ hasText: '两次输入的密码不一致' }).waitFor();
    await page.getByTestId('admin-confirm').fill('Wang-2026-书记');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'first-run-admin.png') });
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('account-user').filter({ hasText: '王书记 · 管理员' }).waitFor({ timeout: 60_000 });
    expect(await value(harness, 'listUsers', {})).toMatchObject([{ name: '王书记', role: 'admin' }]);
  }, LONG);

  it('an archive set up before accounts asks for the administrator at its first start', async () => {
    const older = await startHarness({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-no-users-')), seedAdmin: false });
    try {
      await value(older, 'initTownship', { code: '370783102', name: '西城镇', role: 'township' });
      const { page } = await openWatchedPage({ browser });
      await openApp(page, older);
      await page.getByTestId('first-admin-page').filter({ hasText: '西城镇' }).waitFor();
      await page.getByTestId('admin-name').fill('李管理');
      await page.getByTestId('admin-password').fill('Li-2026-管理');
      await page.getByTestId('admin-confirm').fill('Li-2026-管理');
      await page.getByTestId('first-admin-submit').click();
      await page.getByTestId('account-user').filter({ hasText: '李管理 · 管理员' }).waitFor({ timeout: 60_000 });
    } finally {
      await older.close();
      fs.rmSync(older.dataDir, { recursive: true, force: true });
    }
  }, LONG);
});
