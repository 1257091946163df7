// 备份与恢复 in Chromium against a real archive: the list with date, size and counts; 立即备份 adds a
// verified backup; the encrypted backup needs the passphrase twice and downloads a .prbak that opens with
// it; restoring shows what the backup holds before anything is replaced and asks; a damaged file is
// refused with a Chinese message and the archive is unchanged.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';
import { openWatchedPage, type WatchedPage } from '../support/browserPage';
import { openApp } from '../support/appSession';
import { screenshotDir } from '../support/screenshots';
import { decryptBackup } from '../../electron/services/backup/encryptedFile';
import { backupToFolder } from '../../electron/services/backup/store';
import { archiveFile } from '../../electron/services/core/dataDir';
import { openPage } from '../support/nav';

const LONG = 180_000;
const PASS = '东城镇备份2026';

describe('备份与恢复 (browser, real archive)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let dataDir: string;

  async function call<T>(callName: string, input?: unknown): Promise<T> {
    const r = await harness.dispatch(callName, input);
    if (!r.ok) throw new Error(`${callName}: ${r.error.message}`);
    return r.value as T;
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-backup-'));
    harness = await startHarness({ dataDir, today: '2026-11-28' });
    await call('initTownship', { code: '370783101', name: '东城镇', role: 'township' });
    await call('loadDemo', { members: 120, seed: 5 });
    await backupToFolder(harness.archive, dataDir, 'auto', new Date(2026, 10, 27, 18, 0, 0));
    app = await openWatchedPage({ acceptDownloads: true });
    page = app.page;
    await openApp(page, harness);
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the backups and backs up now', async () => {
    await openPage(page, 'backup');
    await page.getByTestId('backup-page').waitFor();
    await expect.poll(() => page.getByTestId('backup-item').count()).toBe(1);
    const first = await page.getByTestId('backup-item').first().innerText();
    expect(first).toContain('2026-11-27 18:00:00');
    expect(first).toContain('自动');
    expect(first).toMatch(/党员 \d+ · 党组织 \d+/);
    await page.getByTestId('backup-now').click();
    await expect.poll(() => page.getByTestId('backup-item').count(), { timeout: 60_000 }).toBe(2);
    expect(await page.getByTestId('backup-item').first().innerText()).toContain('手动');
  }, LONG);

  it('the encrypted backup needs the passphrase twice and downloads a file that opens with it', async () => {
    await page.getByTestId('usb-pass1').fill(PASS);
    await page.getByTestId('usb-pass2').fill(PASS + 'x');
    expect(await page.getByTestId('usb-pass-problem').innerText()).toBe('两次输入的密码不一致');
    expect(await page.getByTestId('usb-backup').isDisabled()).toBe(true);
    await page.getByTestId('usb-pass2').fill(PASS);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByTestId('usb-backup').click()]);
    expect(download.suggestedFilename()).toBe('党员档案备份_2026-11-28.prbak');
    const saved = path.join(dataDir, 'usb.prbak');
    await download.saveAs(saved);
    const opened = decryptBackup(fs.readFileSync(saved), PASS, 'usb.prbak');
    expect(opened.manifest.township?.name).toBe('东城镇');
  }, LONG);

  it('restoring shows what the backup holds and asks; a damaged file is refused and the archive is unchanged', async () => {
    const hash = () => crypto.createHash('sha256').update(fs.readFileSync(archiveFile(dataDir))).digest('hex');
    await harness.archive.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const before = hash();
    const damaged = path.join(dataDir, '损坏的备份.prbak');
    const bytes = fs.readFileSync(path.join(dataDir, 'usb.prbak'));
    bytes[bytes.length >> 1] ^= 0x40;
    fs.writeFileSync(damaged, bytes);
    await page.getByTestId('restore-file').setInputFiles(damaged);
    await page.getByTestId('restore-pass').fill(PASS);
    await page.getByTestId('restore-inspect').click();
    await page.getByTestId('backup-error').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('backup-error').innerText()).toContain('无法解开备份文件“损坏的备份.prbak”');
    expect(await page.getByTestId('restore-preview').count()).toBe(0);

    await page.getByTestId('restore-file').setInputFiles(path.join(dataDir, 'usb.prbak'));
    await page.getByTestId('restore-inspect').click();
    await page.getByTestId('restore-preview').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('preview-township').innerText()).toBe('东城镇(370783101)');
    expect(await page.getByTestId('preview-counts').innerText()).toMatch(/党员 \d+ · 党组织 \d+ · 历史记录 \d+ · 审计日志 \d+/);
    expect(await page.getByTestId('preview-digest').innerText()).toBe('已核对:内容与备份时完全一致');
    await page.getByTestId('restore-confirm').click();
    await page.getByTestId('restore-question').waitFor();
    await page.screenshot({ path: path.join(screenshotDir(), 'backup-restore.png'), fullPage: true });
    await harness.archive.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    expect(hash()).toBe(before); // shown and asked: nothing replaced
    await page.getByTestId('restore-yes').click();
    await page.getByTestId('backup-restarting').waitFor();
    expect(fs.existsSync(path.join(dataDir, 'restore', 'confirmed'))).toBe(true);
    expect(app.pageErrors).toEqual([]);
  }, LONG);
});
