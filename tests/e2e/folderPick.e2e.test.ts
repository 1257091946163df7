// 导出到县 with the system's folder dialog: in the app window.folders opens it (Electron; tested with
// electron mocked in tests/electron/folderDialog.test.ts); here the page gets a stand-in window.folders
// that answers as the dialog would, to show that the chosen folder becomes the package's target, that a
// cancel changes nothing and that a refusal is shown. Without window.folders (a plain browser) the
// button is not there and the folder is typed.
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

const LONG = 180_000;

describe('导出到县: the folder dialog (browser, stand-in window.folders)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-folders-'));
    harness = await startHarness({ dataDir, today: '2026-11-28' });
    const r = await harness.dispatch('initTownship', { code: '370783101', name: '东城镇', role: 'township' });
    if (!r.ok) throw new Error(r.error.message);
    app = await openWatchedPage({
      // The dialog's answers, in turn: a folder, a cancel, a refusal.
      initScript: () => {
        const answers = [
          { ok: true, path: '/media/clerk/KINGSTON' },
          { ok: false, cancelled: true, message: '已取消' },
          { ok: false, message: '拒绝打开文件夹对话框:测试' },
        ];
        const asked: unknown[] = [];
        Object.assign(window, { folders: { pick: async (p: unknown) => (asked.push(p), answers.shift()) }, foldersAsked: asked });
      },
    });
    page = app.page;
    await openApp(page, harness);
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the chosen folder becomes the target; a cancel keeps it; a refusal is shown', async () => {
    await openPage(page, 'countyExport');
    const folder = page.getByTestId('cx-folder');
    await page.getByTestId('cx-folder-pick').click();
    await expect.poll(() => folder.inputValue()).toBe('/media/clerk/KINGSTON');
    expect(await page.evaluate(() => (window as unknown as { foldersAsked: unknown[] }).foldersAsked)).toEqual([{ title: '选择 U 盘或文件夹' }]);
    await page.getByTestId('cx-drives').screenshot({ path: path.join(screenshotDir(), 'county-export-folder-dialog.png') });
    await page.getByTestId('cx-folder-pick').click();
    await page.getByTestId('cx-folder-pick').click();
    await page.getByText('拒绝打开文件夹对话框:测试').waitFor();
    expect(await folder.inputValue()).toBe('/media/clerk/KINGSTON');
    expect(app.pageErrors).toEqual([]);
  });
});
