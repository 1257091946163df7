// 党内统计年报 in Chromium against the demo township at 1366×768: the list of tables, a form with its merged
// heads and numbered rows showing the archive's figures, a number that opens the members it counts, and
// 报表校核. Screenshots go to test-results/screenshots.
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

async function value<T>(harness: Harness, name: string, input: unknown = {}): Promise<T> {
  const r = await harness.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

interface Table { id: string; rows: { key: string }[]; columns: { key: string }[]; cells: number[][] }

describe('党内统计年报 page (browser, demo township)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-annual-'));
    harness = await startHarness({ dataDir });
    await value(harness, 'initTownship', { code: '370783101', name: '纪台镇', role: 'township' });
    await value(harness, 'loadDemo', { members: 1500, seed: 1 });
    app = await openWatchedPage({ deviceScaleFactor: 1, consoleErrors: true, viewport: { width: 1366, height: 768 } });
    page = app.page;
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the tables with the archive’s figures; a number opens the members it counts; 校核 passes', async () => {
    await openApp(page, harness);
    await openPage(page, 'annual');
    await page.getByTestId('annual-form-change').waitFor({ timeout: LONG });
    const report = await value<{ asOf: string; tables: Table[] }>(harness, 'annualReport', { asOf: '2026-12-31' });
    const cellOf = (id: string, row: string, col: string) => {
      const t = report.tables.find((x) => x.id === id)!;
      return t.cells[t.rows.findIndex((r) => r.key === row)][t.columns.findIndex((c) => c.key === col)];
    };
    await expect(page.getByTestId('annual-cell-change-actual-count').textContent()).resolves.toBe(String(cellOf('change', 'actual', 'count')));
    await expect(page.getByTestId('annual-meta').textContent()).resolves.toContain('截至日期:2026-12-31');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'annual-change.png') });

    await page.getByTestId('annual-table-basic').click();
    await page.getByTestId('annual-form-basic').waitFor();
    const farmerFemale = cellOf('basic', 'farmer', 'female');
    await expect(page.getByTestId('annual-cell-basic-farmer-female').textContent()).resolves.toBe(String(farmerFemale));
    await page.getByTestId('annual-cell-basic-farmer-female').click();
    await page.getByTestId('annual-cell').waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="annual-cell"] [data-testid="annual-member"]').length === n, farmerFemale);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'annual-basic.png') });
    await page.getByTestId('annual-cell-close').click();

    await page.getByTestId('annual-table-lost').click();
    await page.getByTestId('annual-form-lost').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'annual-lost.png') });

    await page.getByTestId('annual-mid-year').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="annual-meta"]')?.textContent?.includes('2026-06-30'));
    await page.getByTestId('annual-check').click();
    await page.getByTestId('annual-check-result').waitFor({ timeout: LONG });
    await expect(page.getByTestId('annual-check-result').textContent()).resolves.toContain('报表校核通过');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'annual-check.png') });
  }, LONG);
});
