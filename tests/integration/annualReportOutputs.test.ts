// 党内统计年报 as the clerk gets it: the CLI (`report annual`, `report check`), the workbook read back with
// exceljs (one sheet per table, the form's merged multi-level heads, 填报单位 and 截至日期), and the print
// rendered to a real PDF in Chromium (A4 landscape, row names, page numbers, each table's heads).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { tempDir } from '../support/tempArchive';
import { launchBrowser } from '../harness/browser';
import { htmlToPdf, pdfPageSize, pdfPages, pdfText } from '../support/pdf';

let dir: string;
let browser: Browser;

beforeAll(async () => {
  dir = tempDir('pr-annual-cli-');
  expect(runCli(dir, ['init', '--code', '370783101', '--name', '东城镇']).code).toBe(0);
  expect(runCli(dir, ['demo', '--members', '800']).code).toBe(0);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('report annual / report check', () => {
  it('prints every table with its numbered rows; --json has the same cells; the check passes', () => {
    const text = runCli(dir, ['report', 'annual', '--as-of', '2026-12-31']);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('填报单位:中共东城镇委员会');
    for (const title of ['党员数量变化情况', '党员基本情况', '党员入党时间情况', '党员学历情况', '乡(镇)、建制村党员情况', '民主评议党员情况', '党员培训情况',
      '预备党员转正情况', '党员出党情况', '发展党员情况', '发展对象、入党积极分子、入党申请人情况', '流动党员情况', '失去联系党员情况', '党的基层组织数量情况']) {
      expect(text.out).toContain(title);
    }
    const json = JSON.parse(runCli(dir, ['report', 'annual', '--as-of', '2026-12-31', '--json']).out);
    const change = json.tables.find((t: { id: string }) => t.id === 'change');
    const actual = change.cells[change.rows.findIndex((r: { key: string }) => r.key === 'actual')][0];
    expect(text.out).toMatch(new RegExp(`本年底实有数\\s+16\\s+${actual}\\b`));
    const basic = json.tables.find((t: { id: string }) => t.id === 'basic');
    expect(basic.cells[0][0]).toBe(actual);
    const half = JSON.parse(runCli(dir, ['report', 'annual', '--half', '--json']).out);
    expect(half.asOf).toBe('2026-06-30');
    const check = runCli(dir, ['report', 'check', '--as-of', '2026-12-31']);
    expect(check.code, check.out).toBe(0);
    expect(check.out).toContain('全部通过');
    const bad = runCli(dir, ['report', 'annual', '--as-of', '2026-13-45']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('统计日期');
  }, 120_000);

  it('--out writes a workbook with one sheet per table and the merged heads of the form', async () => {
    const out = path.join(dir, '年报.xlsx');
    const r = runCli(dir, ['report', 'annual', '--as-of', '2026-12-31', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.length).toBe(14);
    const ws = wb.getWorksheet('党员基本情况')!;
    expect(ws.getCell(2, 1).value).toBe('填报单位:中共东城镇委员会');
    expect(ws.getCell(2, 3).value).toBe('截至日期:2026-12-31');
    const merges = (ws as unknown as { model: { merges: string[] } }).model.merges;
    // 项目 and 行次 span both head rows; 总数 too; 其中 spans 预备党员/女/少数民族; 年龄 its ten bands.
    expect(merges).toEqual(expect.arrayContaining(['A4:A5', 'B4:B5', 'C4:C5', 'D4:F4', 'G4:P4']));
    expect(ws.getCell(4, 4).value).toBe('其中');
    expect(ws.getCell(5, 4).value).toBe('预备党员');
    expect(ws.getCell(4, 7).value).toBe('年龄');
    expect(ws.getCell(5, 16).value).toBe('71岁及以上');
    expect(ws.getCell(6, 1).value).toBe('总计');
    expect(ws.getCell(6, 2).value).toBe(1);
    const json = JSON.parse(runCli(dir, ['report', 'annual', '--as-of', '2026-12-31', '--json']).out);
    const basic = json.tables.find((t: { id: string }) => t.id === 'basic');
    basic.rows.forEach((row: { name: string }, i: number) => {
      expect(ws.getCell(6 + i, 1).value).toBe(row.name);
      basic.cells[i].forEach((v: number, j: number) => expect(ws.getCell(6 + i, 3 + j).value).toBe(v));
    });
    expect(ws.pageSetup.orientation).toBe('landscape');
    const lost = wb.getWorksheet('失去联系党员情况')!;
    expect((lost as unknown as { model: { merges: string[] } }).model.merges.length).toBeGreaterThan(6);
  }, 120_000);

  it('--html is the print: A4 landscape, every table with its row names, heads and page numbers', async () => {
    const file = path.join(dir, '年报.html');
    expect(runCli(dir, ['report', 'annual', '--as-of', '2026-12-31', '--html', file]).code).toBe(0);
    const pdf = await htmlToPdf(browser, fs.readFileSync(file, 'utf8'));
    const size = pdfPageSize(pdf);
    expect(Math.round(size.width)).toBe(842);
    expect(Math.round(size.height)).toBe(595);
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(14);
    for (let p = 1; p <= pages; p++) {
      const text = pdfText(pdf, p);
      expect(text).toContain('填报单位:中共东城镇委员会');
      expect(text).toContain('截至日期:2026-12-31');
      expect(text).toContain('行次');
      expect(text).toContain(`第 ${p} 页 / 共 ${pages} 页`);
    }
    const all = pdfText(pdf);
    for (const name of ['上年底总数', '本年底应有数', '在岗职工', '其中:农民工', '离退休人员', '入党时间', '71岁及以上', '尚未讨论或审批', '取消预备党员资格', '跨省(区、市)流动', '党总支部']) expect(all).toContain(name);
  }, 120_000);
});
