// The county's desk over three townships' packages (countyDeskScenario): no record merged by its ID
// number (a person appears once per township record; a transfer is linked by its letter; a duplicate is
// shown in both townships and listed as 重复登记); the county's checks; each township's own 数据校验
// counted per rule from its package, equal to the township's own run; every figure the same however it
// is summed — the township table, the grid's total, each township's rows, the tree, the CLI.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyStatus, listCountyMembers } from '../../electron/services/exchange/countyQuery';
import { runCountyChecks, setCountyRules } from '../../electron/services/exchange/countyChecks';
import { countyMemberRecord } from '../../electron/services/exchange/countyMemberRecord';
import { countyOrgTree, countyRosterData, countyRosterFile, countyMembersFile } from '../../electron/services/exchange/countyRoster';
import { runDataChecks } from '../../electron/services/statistics/dataChecks';
import { rosterHtml } from '../../electron/services/print/rosterHtml';
import { dumpArchive, type Install } from '../support/exchangeScenario';
import { buildDeskScenario, type DeskScenario } from '../support/countyDeskScenario';
import { runCli } from '../support/cli';
import { tempDir } from '../support/tempArchive';
import { launchBrowser } from '../harness/browser';
import { createDispatcher } from '../../electron/api/dispatcher';
import { htmlToPdf, pdfPageSize, pdfText } from '../support/pdf';

const roll = async (t: Install) => (await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members WHERE exit_reason IS NULL'))!.n;

describe('the county’s desk over three townships', () => {
  let s: DeskScenario;
  let browser: Browser | null = null;

  beforeAll(async () => {
    s = await buildDeskScenario();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('every count agrees: the township table, the grid total, each township’s rows and the tree, and each is the township’s own roll', async () => {
    const status = await countyStatus(s.county.ctx);
    const grid = await listCountyMembers(s.county.ctx, { status: 'roll', limit: 1 });
    const perTownship: number[] = [];
    for (const t of [s.a, s.b, s.c]) {
      const own = await roll(t);
      const rows = await listCountyMembers(s.county.ctx, { status: 'roll', townshipCode: t.code, limit: 1 });
      expect(rows.total).toBe(own);
      expect(status.townships.find((x) => x.code === t.code)!.memberCount).toBe(own);
      perTownship.push(rows.total);
    }
    const table = status.townships.reduce((sum, t) => sum + t.memberCount, 0);
    const sum = perTownship.reduce((x, y) => x + y, 0);
    expect(table).toBe(grid.total);
    expect(sum).toBe(grid.total);
    expect(status.totals.members).toBe(grid.total);
    expect((await countyOrgTree(s.county.ctx)).find((n) => n.id === 'county')!.totalCount).toBe(grid.total);
    // Exited and all: the same sums.
    const all = await listCountyMembers(s.county.ctx, { status: 'all', limit: 1 });
    const exited = await listCountyMembers(s.county.ctx, { status: 'exited', limit: 1 });
    expect(all.total).toBe(grid.total + exited.total);
    let members = 0;
    for (const t of [s.a, s.b, s.c]) members += (await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members'))!.n;
    expect(all.total).toBe(members);
  });

  it('never merged by ID: a duplicate shows in both townships, a received transfer is one exit and one arrival, one under way is no duplicate', async () => {
    const dup = await listCountyMembers(s.county.ctx, { search: s.duplicate.idNumber, status: 'roll' });
    expect(dup.rows.map((r) => [r.townshipName, r.duplicate])).toEqual([
      ['东城镇', true],
      ['南城镇', true],
    ]);
    const moved = await listCountyMembers(s.county.ctx, { search: s.received.idNumber, status: 'all', sort: 'township' });
    expect(moved.rows.map((r) => [r.townshipName, r.exitReason, r.duplicate])).toEqual([
      ['东城镇', 'transfer_out', false],
      ['西城镇', null, false],
    ]);
    const transit = await listCountyMembers(s.county.ctx, { search: s.underWay.idNumber, status: 'roll', sort: 'township' });
    expect(transit.rows.map((r) => [r.townshipName, r.transferPending, r.duplicate])).toEqual([
      ['东城镇', true, false],
      ['西城镇', false, false],
    ]);
    expect((await listCountyMembers(s.county.ctx, { status: 'duplicate' })).total).toBe(2);
    expect((await listCountyMembers(s.county.ctx, { status: 'transferPending' })).rows.map((r) => r.name).sort()).toEqual([s.lost.name, s.underWay.name].sort());
  });

  it('the county’s checks: 重复登记 in both, 转出未接收 and 介绍信过期 for the lost letter, 逾期未报送 for 南城镇', async () => {
    const r = await runCountyChecks(s.county.ctx);
    const by = Object.fromEntries(r.checks.map((c) => [c.id, c.problems]));
    expect(by.duplicate.map((p) => [p.townshipName, p.name, p.idNumber])).toEqual([
      ['东城镇', s.duplicate.name, s.duplicate.idNumber],
      ['南城镇', s.duplicate.name, s.duplicate.idNumber],
    ]);
    expect(by.duplicate[0].detail).toContain('南城镇');
    expect(by.notReceived.map((p) => [p.townshipName, p.name])).toEqual([['西城镇', s.lost.name]]);
    expect(by.notReceived[0].detail).toContain(s.lost.letter);
    expect(by.notReceived[0].detail).toContain('88 天未见南城镇接收(规定 30 天)');
    expect(by.letterExpired.map((p) => [p.townshipName, p.name])).toEqual([['西城镇', s.lost.name]]);
    expect(by.letterExpired[0].detail).toContain('有效期至 2026-10-01');
    expect(by.overdue.map((p) => [p.entity, p.townshipName])).toEqual([['township', '南城镇']]);
    expect(by.overdue[0].detail).toContain('已 69 天没有报送数据包(规定 30 天)');
    expect(r.total).toBe(5);
    // Nothing in the checks is an internal key.
    expect(JSON.stringify(r.checks)).not.toMatch(/transfer_out|pending|superseded/);

    // The rules are the county's settings: longer limits, and "none since a date".
    const before = await dumpArchive(s.county.archive);
    await expect(setCountyRules(s.county.ctx, { arrivalDays: 0 })).rejects.toThrow('1至365');
    expect(await dumpArchive(s.county.archive)).toEqual(before);
    await setCountyRules(s.county.ctx, { arrivalDays: 90, overdueDays: 70 });
    const relaxed = await runCountyChecks(s.county.ctx);
    expect(relaxed.checks.find((c) => c.id === 'notReceived')!.problems).toEqual([]);
    expect(relaxed.checks.find((c) => c.id === 'overdue')!.problems).toEqual([]);
    const since = await runCountyChecks(s.county.ctx, { since: '2026-10-01' });
    expect(since.checks.find((c) => c.id === 'overdue')!.problems.map((p) => p.townshipName)).toEqual(['南城镇']);
    await setCountyRules(s.county.ctx, { arrivalDays: 30, overdueDays: 30 });
  });

  it('each township’s own 数据校验 counted per rule from its package, as the township counts it at home', async () => {
    const r = await runCountyChecks(s.county.ctx);
    expect(r.townships.map((t) => t.name)).toEqual(['东城镇', '西城镇', '南城镇']);
    let total = 0;
    for (const t of [s.a, s.b, s.c]) {
      // 南城镇 checked its package on the day it made it.
      const home = await runDataChecks(t === s.c ? { ...t.ctx, today: '2026-11-28' } : t.ctx);
      const atCounty = r.townships.find((x) => x.code === t.code)!;
      expect(atCounty.available).toBe(true);
      expect(atCounty.counts).toEqual(Object.fromEntries(home.checks.map((c) => [c.id, c.problems.length])));
      expect(atCounty.total).toBe(home.total);
      total += home.total;
    }
    expect(r.townshipTotal).toBe(total);
    expect(r.townshipRules.map((x) => x.title)).toContain('必填项缺失');
  });

  it('a member’s record at the county, read-only: fields in words, sub-records and history as sent, the other township’s record linked by the letter', async () => {
    const rec = await countyMemberRecord(s.county.ctx, s.b.code, s.received.idB);
    expect(rec.townshipName).toBe('西城镇');
    expect(rec.statuses).toEqual(['在册']);
    expect(rec.fields.find((f) => f.label === '性别')!.value).toMatch(/^[男女]$/);
    const transfers = rec.sections.find((x) => x.title === '组织关系转接')!;
    expect(transfers.rows.map((row) => row[transfers.columns.indexOf('类型')])).toEqual(['转入']);
    expect(rec.history.some((h) => h.summary.includes(s.received.letter))).toBe(true);
    expect(rec.otherRecords).toEqual([expect.objectContaining({ townshipName: '东城镇', link: `介绍信 ${s.received.letter}:东城镇 → 西城镇` })]);
    expect(rec.otherRecords[0].state).toContain('组织关系转出');
    const dup = await countyMemberRecord(s.county.ctx, null, s.duplicate.idC);
    expect(dup.statuses).toContain('重复登记');
    expect(dup.otherRecords[0].link).toContain('重复登记');
    // By ID number: two records, so the township must be named.
    await expect(countyMemberRecord(s.county.ctx, null, s.duplicate.idNumber)).rejects.toThrow('--township 370783101');
    expect((await countyMemberRecord(s.county.ctx, s.c.code, s.duplicate.idNumber)).id).toBe(s.duplicate.idC);
    // The transfer under way: linked by its letter, though 西城镇 wrote the number its own way (2026-2).
    const transit = await countyMemberRecord(s.county.ctx, s.a.code, s.underWay.idA);
    expect(transit.statuses).toEqual(['在册', '转出待回执']);
    expect(transit.otherRecords.map((o) => [o.townshipName, o.state, o.link])).toEqual([['西城镇', '在册', `介绍信 ${s.underWay.letter}:东城镇 → 西城镇`]]);
    const lost = await countyMemberRecord(s.county.ctx, s.b.code, s.lost.idB);
    expect(lost.statuses).toContain('转出待回执');
  });

  it('the 花名册 by township: A4 with a heading per township (pdftotext), an xlsx sheet per township, the export with chosen columns', async () => {
    const data = await countyRosterData(s.county.ctx, {});
    expect(data.sections!.map((x) => [x.heading, x.rows.length])).toEqual([
      ['东城镇', await roll(s.a)],
      ['西城镇', await roll(s.b)],
      ['南城镇', await roll(s.c)],
    ]);
    browser = await launchBrowser();
    const pdf = await htmlToPdf(browser, rosterHtml(data));
    const size = pdfPageSize(pdf);
    expect(Math.round(Math.max(size.width, size.height))).toBe(842); // A4
    const text = pdfText(pdf);
    for (const name of ['东城镇', '西城镇', '南城镇']) expect(text).toMatch(new RegExp(`^\\s*${name}\\s*$`, 'm'));
    expect(text).toContain('寿光市 党员花名册');
    expect(text).toContain(s.duplicate.idNumber);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((Buffer.from((await countyRosterFile(s.county.ctx, {})).base64, 'base64')) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['东城镇', '西城镇', '南城镇']);
    expect(String(book.worksheets[1].getCell('A1').value)).toBe('西城镇党员花名册');
    expect(book.worksheets[1].rowCount - 3).toBe(await roll(s.b));

    const file = await countyMembersFile(s.county.ctx, { columns: ['name', 'idNumber', 'orgName', 'isMobile'] });
    const list = new ExcelJS.Workbook();
    await list.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = list.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['所在乡镇', '姓名', '公民身份号码', '所在党支部', '是否流动党员']);
    expect(ws.rowCount - 1).toBe(file.rows);
    expect(file.rows).toBe((await listCountyMembers(s.county.ctx, { status: 'roll', limit: 1 })).total);
  }, 120_000);

  it('the desk’s calls at a county archive answer wrong input in the clerk’s words, never a program error, and change nothing', async () => {
    const internal: string[] = [];
    const d = createDispatcher(s.county.archive, { today: '2026-11-28', onInternalError: (name) => internal.push(name) });
    const before = await dumpArchive(s.county.archive);
    const wrong: [string, unknown][] = [
      ['countyChecks', { since: 'x' }], ['countyChecks', { since: '2026-99-99' }], ['countyChecks', null], ['countyMemberRecord', { id: '%' }],
      ['countyMemberRecord', { id: s.duplicate.idNumber, townshipCode: '999999999' }], ['countyMemberRecord', {}], ['printCountyRoster', { status: 'nope' }],
      ['printCountyRoster', { columns: ['x', 'name'], townshipCode: '370783999' }], ['exportCountyMembers', { columns: ['townshipName', 'x'.repeat(40)] }],
      ['exportCountyRoster', { townshipCode: '' }], ['setCountyRules', { arrivalDays: 1.5 }], ['setCountyRules', { overdueDays: -1 }], ['countyOrgTree', 'x'],
      ['listCountyMembers', { status: 'duplicate', search: '%_' }],
    ];
    for (const [name, input] of wrong) {
      const r = await d.dispatch(name, input, { actor: 'fuzz', trusted: true });
      if (!r.ok) {
        expect(r.error.code, `${name} ${JSON.stringify(input)}`).not.toBe('internal');
        expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
    expect(internal).toEqual([]);
    expect(await dumpArchive(s.county.archive)).toEqual(before);
  });

  it('the CLI at the county: members list, members show, orgs tree, checks, export members and print roster over the county’s data, with the pages’ figures', async () => {
    await s.county.close();
    try {
      const dir = s.county.dir;
      const total = (await (async () => {
        await s.county.reopen();
        const n = (await listCountyMembers(s.county.ctx, { status: 'roll', limit: 1 })).total;
        await s.county.close();
        return n;
      })());
      const list = runCli(dir, ['members', 'list', '--json']);
      expect(list.err).toBe('');
      const rows = JSON.parse(list.out) as { townshipName: string; idNumber: string; duplicate: boolean }[];
      expect(rows.length).toBe(total);
      expect(rows.filter((r) => r.idNumber === s.duplicate.idNumber).map((r) => [r.townshipName, r.duplicate])).toEqual([
        ['东城镇', true],
        ['南城镇', true],
      ]);
      expect(runCli(dir, ['members', 'list']).out).toContain(`共 ${total} 人`);
      expect(JSON.parse(runCli(dir, ['members', 'list', '--township', s.b.code, '--json']).out).length).toBe(await roll(s.b));
      const counts = JSON.parse(runCli(dir, ['members', 'count', '--json']).out) as Record<string, number>;
      expect(counts).toMatchObject({ roll: total, duplicate: 2, transferPending: 2 });
      expect(counts.all).toBe(counts.roll + counts.exited);

      const show = runCli(dir, ['members', 'show', s.received.idNumber, '--township', s.b.code]);
      expect(show.code).toBe(0);
      expect(show.out).toContain('西城镇');
      expect(show.out).toContain(`介绍信 ${s.received.letter}:东城镇 → 西城镇`);
      const ambiguous = runCli(dir, ['members', 'show', s.duplicate.idNumber]);
      expect(ambiguous.code).not.toBe(0);
      expect(ambiguous.err).toContain('请指明乡镇');

      const tree = runCli(dir, ['orgs', 'tree']).out.split('\n');
      expect(tree[0]).toBe(`寿光市  [县]  ${total}人`);
      expect(tree).toContain(`  西城镇  [乡镇 ${s.b.code}]  ${await roll(s.b)}人`);

      const checks = runCli(dir, ['checks', '--json']);
      expect(checks.code).toBe(1);
      const r = JSON.parse(checks.out) as { total: number; checks: { id: string; problems: unknown[] }[]; townshipTotal: number };
      expect(r.total).toBe(5);
      expect(Object.fromEntries(r.checks.map((c) => [c.id, c.problems.length]))).toEqual({ duplicate: 2, notReceived: 1, letterExpired: 1, overdue: 1 });
      const words = runCli(dir, ['checks']).out;
      expect(words).toContain('重复登记:2 条');
      expect(words).toContain('逾期未报送:1 条');
      expect(words).toContain('各乡镇数据校验');

      const out = path.join(tempDir('pr-county-cli-'), 'county.xlsx');
      const exp = runCli(dir, ['export', 'members', '--out', out, '--columns', 'name,idNumber']);
      expect(exp.out).toContain(`已导出 ${total} 名党员`);
      expect(fs.statSync(out).size).toBeGreaterThan(0);
      const html = path.join(path.dirname(out), 'roster.html');
      const pr = runCli(dir, ['print', 'roster', '--html', html]);
      expect(pr.err).toBe('');
      const printed = fs.readFileSync(html, 'utf8');
      for (const name of ['东城镇', '西城镇', '南城镇']) expect(printed).toContain(`<h2>${name}</h2>`);
    } finally {
      await s.county.reopen();
    }
  }, 180_000);
});
