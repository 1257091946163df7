// 信息比对 as a clerk does it, in Chromium through the harness against a real archive: the archive is
// the national export imported; the clerk picks a copy of the export with 20 planted differences, sees
// them by kind (nothing written), accepts one, then all of one kind, adds the people only in the export,
// and reads those only in the archive, which stay on the roll. The report downloads as an xlsx.
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
import { nationalRows, writeNationalXlsx } from '../support/nationalExport';
import { openPage } from '../support/nav';

const LONG = 240_000;

describe('信息比对 page (browser, real archive)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let dir: string;
  let copyFile: string;

  async function call<T>(callName: string, input?: unknown): Promise<T> {
    const r = await harness.dispatch(callName, input);
    if (!r.ok) throw new Error(`${callName}: ${r.error.message}`);
    return r.value as T;
  }
  const total = async () => (await call<{ total: number }>('listMembers', { startRow: 0, endRow: 1, view: 'roll' })).total;
  const summary = () => page.getByTestId('compare-summary').innerText();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-compare-'));
    harness = await startHarness({ dataDir: path.join(dir, 'data') });
    await call('initTownship', { code: '370783101', name: '东城镇', role: 'township' });
    const base = nationalRows(60).filter((r) => r.valid);
    const baseFile = path.join(dir, 'base.xlsx');
    await writeNationalXlsx(baseFile, base);
    const { analysisId } = await call<{ analysisId: string }>('uploadImportFile', { file: { fileName: 'base.xlsx', base64: fs.readFileSync(baseFile).toString('base64') } });
    let job = await call<{ id: string; state: string }>('startImport', { analysisId });
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 100));
      job = await call('jobStatus', { jobId: job.id });
    }
    expect(job.state).toBe('done');

    // 5 removed, 5 added, 10 fields changed (2 of them 手机号码).
    const copy = base.filter((_, i) => i < 40 || i >= 45).map((r) => ({ ...r, cells: { ...r.cells } }));
    copy[1].cells.学历 = copy[1].cells.学历 === '硕士研究生' ? '博士研究生' : '硕士研究生';
    copy[2].cells.工作岗位 = copy[2].cells.工作岗位 === '乡村医生' ? '公务员' : '乡村医生';
    copy[3].cells.手机号码 = '13912345678';
    copy[4].cells.手机号码 = '13987654321';
    copy[5].cells.现居住地 = '山东省寿光市古城街道99号';
    copy[6].cells.户籍所在地 = '山东省潍坊市';
    copy[7].cells.从事专业技术职务 = '副高级';
    copy[8].cells.民族 = copy[8].cells.民族 === '回族' ? '满族' : '回族';
    copy[9].cells.入党类型 = copy[9].cells.入党类型 === '重新入党' ? '火线入党' : '重新入党';
    copy[10].cells.是否农民工 = copy[10].cells.是否农民工 === '是' ? '否' : '是';
    copy.push(...nationalRows(5, 3000));
    copyFile = path.join(dir, '党员信息库导出.xlsx');
    await writeNationalXlsx(copyFile, copy);
    const when = new Date('2026-11-20T09:00:00');
    fs.utimesSync(copyFile, when, when);

    app = await openWatchedPage({ acceptDownloads: true, consoleErrors: true });
    page = app.page;
    page.on('dialog', (d) => void d.accept());
    await openApp(page, harness);
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the 20 differences by kind and writes nothing', async () => {
    const before = await total();
    await openPage(page, 'compare', { timeout: LONG });
    await page.getByTestId('compare-page').waitFor();
    await page.screenshot({ path: path.join(screenshotDir(), 'compare-empty.png') });
    await page.getByTestId('compare-file').setInputFiles(copyFile);
    await page.getByTestId('compare-summary').waitFor({ timeout: LONG });
    expect(await summary()).toContain('只在档案中 5 人 · 只在导出文件中 5 人 · 字段不同 10 处');
    expect(await page.getByTestId('compare-fileinfo').innerText()).toContain('党员信息库导出.xlsx');
    expect(await page.getByTestId('compare-field-row').count()).toBe(10);
    expect(await page.getByTestId('compare-kinds').innerText()).toContain('联系电话 2');
    expect(await total()).toBe(before);
    await page.screenshot({ path: path.join(screenshotDir(), 'compare-fields.png') });
  }, LONG);

  it('accepts one difference, then all of one kind, then adds the people only in the export', async () => {
    const before = await total();
    await page.getByTestId('compare-accept').first().click();
    await expect.poll(summary, { timeout: LONG }).toContain('字段不同 9 处');
    await page.getByTestId('compare-accept-kind-phone').click();
    await expect.poll(summary, { timeout: LONG }).toContain('字段不同 7 处');
    await page.getByTestId('compare-tab-onlyExport').click();
    await page.getByTestId('compare-add-all').click();
    await expect.poll(summary, { timeout: LONG }).toContain('只在导出文件中 0 人');
    expect(await total()).toBe(before + 5);
    await page.getByTestId('compare-tab-onlyArchive').click();
    expect(await page.getByTestId('compare-only-archive').locator('tbody tr').count()).toBe(5);
    await page.screenshot({ path: path.join(screenshotDir(), 'compare-only-archive.png') });
  }, LONG);

  it('downloads the report', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-report').click()]);
    expect(download.suggestedFilename()).toMatch(/^信息比对_党员信息库导出_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const saved = path.join(dir, 'report.xlsx');
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    expect(wb.getWorksheet('字段不同')!.rowCount).toBe(8); // header + the 7 not accepted
    expect(wb.getWorksheet('只在档案中')!.rowCount).toBe(6);
  }, LONG);
});
