// The print templates rendered to real A4 PDFs in Chromium and read back with pdftotext.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../harness/browser';
import { htmlToPdf, pdfFonts, pdfPageSize, pdfPages, pdfText } from '../support/pdf';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { listMembers } from '../../electron/services/members/memberQuery';
import { memberFileData, rosterData, transferLetterData } from '../../electron/services/print/memberPrinting';
import { transferLetterHtml } from '../../electron/services/print/transferLetterHtml';
import { transferOut } from '../../electron/services/members/life/transfers';
import { execFileSync } from 'node:child_process';
import { memberFileHtml, memberFilesHtml } from '../../electron/services/print/memberFileHtml';
import { printDocument } from '../../electron/services/print/printDocument';
import { rosterHtml } from '../../electron/services/print/rosterHtml';
import { orgTree } from '../../electron/services/organizations/organizations';

let t: TestArchive;
let browser: Browser;
beforeAll(async () => {
  t = await openTestArchive();
  await loadDemoTownship(t.ctx, { members: 2000, seed: 5 });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const A4 = { width: 595.28, height: 841.89 }; // 210 × 297 mm in points
const squash = (s: string) => s.replace(/\s+/g, '');

describe('党员基本信息表', () => {
  it('is exactly one A4 page with the member’s name, ID number and branch as real text', async () => {
    const [m] = (await listMembers(t.ctx, { startRow: 100, endRow: 101, view: 'roll' })).rows;
    const html = memberFileHtml(await memberFileData(t.ctx, m.id));
    const file = await htmlToPdf(browser, html);
    expect(pdfPages(file)).toBe(1);
    const size = pdfPageSize(file);
    expect(Math.abs(size.width - A4.width)).toBeLessThan(2);
    expect(Math.abs(size.height - A4.height)).toBeLessThan(2);
    const text = squash(pdfText(file));
    expect(text).toContain(squash(m.name));
    expect(text).toContain(m.idNumber);
    expect(text).toContain(squash(m.orgName));
    expect(text).toContain('党员基本信息表');
    // Every font in the PDF maps its glyphs back to Unicode (which is how the text above was read).
    const fonts = pdfFonts(file).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/\byes\s+\S+\s+yes\b/); // emb … uni
  }, 60_000);

  it('prints Chinese as real glyphs, not the boxes of a missing font', async () => {
    // Two different characters must rasterize differently, and differently from a code point no font has.
    const raster = async (ch: string) => {
      const file = await htmlToPdf(browser, printDocument({ title: 'x', pageNumbers: false, body: `<div style="font-size:200pt">${ch}</div>` }));
      return execFileSync('pdftoppm', ['-r', '20', '-gray', '-f', '1', '-l', '1', file], { maxBuffer: 64 << 20 });
    };
    const [dang, yuan, tofu] = [await raster('党'), await raster('员'), await raster('\u{E000}')];
    expect(dang.equals(yuan)).toBe(false);
    expect(dang.equals(tofu)).toBe(false);
  }, 60_000);

  it('prints HTML characters escaped and a very long address wrapped inside the page', async () => {
    const [m] = (await listMembers(t.ctx, { startRow: 5, endRow: 6, view: 'roll' })).rows;
    const data = await memberFileData(t.ctx, m.id);
    const address = '山东省潍坊市寿光市东城镇东王村'.repeat(12) + '末尾888号';
    data.fields.name = '张<b>三&四</b>';
    data.fields.address = address;
    const html = memberFileHtml(data);
    expect(html).not.toContain('<b>三');
    const page = await browser.newPage();
    await page.setContent(html);
    await page.emulateMedia({ media: 'print' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.close();
    expect(overflow).toBeLessThanOrEqual(0);
    const file = await htmlToPdf(browser, html);
    const text = squash(pdfText(file));
    expect(text).toContain('张<b>三&四</b>');
    expect(text).toContain(squash(address));
  }, 60_000);
});

describe('组织关系介绍信', () => {
  it('一式三联 on one page: the letter number on each of the three parts, with cut lines', async () => {
    const [m] = (await listMembers(t.ctx, { startRow: 40, endRow: 41, view: 'roll' })).rows;
    const letter = await transferOut(t.ctx, m.id, { date: '2026-11-20', destination: '中共寿光市古城街道工作委员会', duesPaidTo: '2026-10' });
    const data = await transferLetterData(t.ctx, letter.letterNumber!);
    expect(await transferLetterData(t.ctx, '2026-1')).toEqual(data); // the short form of the number
    const file = await htmlToPdf(browser, transferLetterHtml(data));
    expect(pdfPages(file)).toBe(1);
    const text = squash(pdfText(file));
    expect(text.split(squash(letter.letterNumber!)).length - 1).toBe(3);
    for (const part of ['(存根)', '(回执)', '请接洽', '沿此线剪开']) expect(text).toContain(part);
    expect(text).toContain(squash(m.name));
    expect(text).toContain('中共寿光市古城街道工作委员会');
    expect(text).toContain('党费已交到2026年10月');
    await expect(transferLetterData(t.ctx, '〔2026〕第999号')).rejects.toThrow('找不到介绍信');
  }, 60_000);
});

describe('batch printing', () => {
  it('puts every member of a batch on a page of their own', async () => {
    const { rows } = await listMembers(t.ctx, { startRow: 20, endRow: 25, view: 'roll' });
    const file = await htmlToPdf(browser, memberFilesHtml(await Promise.all(rows.map((r) => memberFileData(t.ctx, r.id)))));
    expect(pdfPages(file)).toBe(rows.length);
    rows.forEach((r, i) => expect(pdfText(file, i + 1)).toContain(r.idNumber));
  }, 60_000);
});

describe('党员花名册', () => {
  it('a roster of 150 members repeats its header on every page, numbers the pages, and totals at the end', async () => {
    const tree = await orgTree(t.ctx);
    const data = await rosterData(t.ctx, { orgId: tree.find((n) => !n.parentId)!.id, view: 'roll', layout: 'flat' });
    expect(data.rows.length).toBeGreaterThan(150);
    data.rows = data.rows.slice(0, 150);
    data.totals = [{ label: '合计', value: '150 人' }];
    const file = await htmlToPdf(browser, rosterHtml(data));
    const pages = pdfPages(file);
    expect(pages).toBeGreaterThan(2);
    const size = pdfPageSize(file);
    expect(size.width).toBeGreaterThan(size.height); // landscape
    for (let p = 1; p <= pages; p++) {
      const text = pdfText(file, p);
      expect(text).toContain('公民身份号码');
      expect(text).toContain('序号');
      expect(squash(text)).toContain(`第${p}页/共${pages}页`);
    }
    const last = squash(pdfText(file, pages));
    expect(last).toContain('合计:150人');
    // Every member's ID number is printed, and each row once.
    const all = pdfText(file);
    for (const r of data.rows) expect(all.split(r.idNumber).length - 1).toBe(1);
  }, 60_000);

  it('the township’s 花名册 is laid out branch by branch: a heading, its own 序号 and a subtotal, each branch from a new page', async () => {
    const data = await rosterData(t.ctx, { view: 'roll' });
    const sections = data.sections!;
    const { total } = await listMembers(t.ctx, { startRow: 0, endRow: 1, view: 'roll' });
    const branches = await t.archive.query<{ name: string; n: number }>(
      'SELECT o.name, count(*) AS n FROM members m JOIN organizations o ON o.id = m.org_id WHERE m.exit_reason IS NULL GROUP BY o.id ORDER BY o.name',
    );
    expect(sections.length).toBe(branches.length);
    expect(data.columns.map((c) => c.label)).not.toContain('所在党支部'); // the heading names the branch
    const file = await htmlToPdf(browser, rosterHtml(data));
    const pages = pdfPages(file);
    const pageTexts = Array.from({ length: pages }, (_, i) => squash(pdfText(file, i + 1)));
    let at = 0;
    for (const b of branches) {
      // Each branch begins at the top of a page of its own: its heading before any row on that page.
      const first = pageTexts.findIndex((text, i) => i >= at && text.includes(squash(b.name)));
      expect(first, b.name).toBeGreaterThanOrEqual(at);
      expect(pageTexts[first].indexOf(squash(b.name))).toBeLessThan(pageTexts[first].indexOf('序号'));
      const rest = pageTexts.slice(first).join('');
      expect(rest, b.name).toContain(`小计:${b.n}人`);
      at = first + 1;
    }
    expect(pageTexts[pages - 1]).toContain(`总计:${total}人`);
    expect(pageTexts[pages - 1]).toContain(`党组织:${branches.length}个`);
    // Every ID number on one line (pdftotext would split a wrapped one), each printed once.
    const all = pdfText(file);
    for (const s of sections) for (const r of s.rows) expect(all.split(r.idNumber).length - 1).toBe(1);
  }, 180_000);

  it('one table of several branches has a 所在党支部 column; a branch’s own does not need it', async () => {
    const flat = await rosterData(t.ctx, { view: 'roll', layout: 'flat' });
    expect(flat.sections).toBeUndefined();
    expect(flat.columns.map((c) => c.label)).toContain('所在党支部');
    const tree = await orgTree(t.ctx);
    const branch = tree.find((n) => n.type === 'branch' && n.totalCount > 0)!;
    const own = await rosterData(t.ctx, { orgId: branch.id, view: 'roll' });
    expect(own.sections).toBeUndefined();
    expect(own.columns.map((c) => c.label)).not.toContain('所在党支部');
    flat.rows = flat.rows.slice(0, 60);
    const file = await htmlToPdf(browser, rosterHtml(flat));
    const text = pdfText(file);
    expect(squash(text)).toContain('所在党支部');
    for (const r of flat.rows) expect(text.split(r.idNumber).length - 1).toBe(1);
  }, 60_000);
});
