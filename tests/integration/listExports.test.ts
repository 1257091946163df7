// 待办 and 数据校验 as lists that leave the window: `reminders --out F.xlsx` and `checks --out F.xlsx` read back
// with exceljs hold the same lines and counts as `--json`; the A4 prints (real PDFs from Chromium) carry
// every group with its count. 已超期 and 即将到期 are apart: no item of 预备期即将期满 is past its date.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { initTownship } from '../../electron/services/core/settings';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { REMINDER_LABELS, type ReminderKind } from '../../electron/services/development/reminders';
import { launchBrowser } from '../harness/browser';
import { htmlToPdf, pdfText } from '../support/pdf';
import { tempDir } from '../support/tempArchive';
import { CLI_TODAY, runCli } from '../support/cli';

let dir: string;
let browser: Browser;

beforeAll(async () => {
  dir = tempDir('pr-lists-');
  const archive = await openArchive(archiveFile(dir));
  const ctx = { archive, actor: 'test', today: CLI_TODAY };
  await initTownship(ctx, { code: '370783101', name: '东城镇', role: 'township' });
  await loadDemoTownship(ctx, { members: 600, seed: 4 });
  // One 预备党员 whose year ended last month without a decision: 已超期, never 预备期即将期满.
  const late = (await archive.queryOne<{ id: string }>(`SELECT id FROM members WHERE category = 'probationary' AND exit_reason IS NULL ORDER BY join_date LIMIT 1`))!;
  await archive.run(`UPDATE members SET join_date = '2025-10-20' WHERE id = ?`, [late.id]);
  await archive.close();
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The 明细 sheet's lines counted by their group, and the 汇总 sheet's counts by group. */
async function readBack(file: string): Promise<{ detail: Map<string, number>; summary: Map<string, number>; total: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const detail = new Map<string, number>();
  wb.getWorksheet('明细')!.eachRow((row, n) => {
    if (n === 1) return;
    const group = String(row.getCell(1).value);
    detail.set(group, (detail.get(group) ?? 0) + 1);
  });
  const summary = new Map<string, number>();
  let total = -1;
  wb.getWorksheet('汇总')!.eachRow((row) => {
    const [label, count] = [row.getCell(1).value, row.getCell(2).value];
    if (typeof count !== 'number') return;
    if (label === '合计') total = count;
    else summary.set(String(label), count);
  });
  return { detail, summary, total };
}

describe('待办 out of the window', () => {
  it('reminders --json: one count (heading, 全部 and badge alike), 政治生日 apart, 即将到期 never past its date', () => {
    const r = runCli(dir, ['reminders', '--json']);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.out) as { asOf: string; items: { kind: ReminderKind; overdue: boolean; dueDate: string }[]; counts: Record<string, number>; dueCount: number; overdueCount: number; dueSoonCount: number; greetingCount: number };
    expect(v.counts.politicalBirthday).toBeGreaterThan(0);
    expect(v.greetingCount).toBe(v.counts.politicalBirthday);
    expect(v.dueCount).toBe(v.items.length - v.greetingCount);
    expect(v.overdueCount + v.dueSoonCount).toBe(v.dueCount);
    expect(v.overdueCount).toBeGreaterThan(0);
    expect(v.dueSoonCount).toBeGreaterThan(0);
    const ending = v.items.filter((i) => i.kind === 'probationEnding');
    expect(ending.length).toBeGreaterThan(0);
    for (const i of ending) {
      expect(i.overdue).toBe(false);
      expect(i.dueDate >= v.asOf).toBe(true);
    }
    const late = v.items.filter((x) => x.kind === 'probationOverdue');
    expect(late.length).toBeGreaterThan(0);
    for (const i of late) expect(i.dueDate < v.asOf && i.overdue).toBe(true);
    const text = runCli(dir, ['reminders']).out;
    expect(text).toContain(`待办 ${v.dueCount} 项(已超期 ${v.overdueCount} 项,即将到期 ${v.dueSoonCount} 项);另有本月政治生日 ${v.greetingCount} 人,不计入待办`);
  }, 60_000);

  it('reminders --out F.xlsx reads back with the same counts as --json, kind by kind', async () => {
    const v = JSON.parse(runCli(dir, ['reminders', '--json']).out) as { items: { kind: ReminderKind; overdue: boolean }[]; dueCount: number };
    const file = path.join(dir, '待办.xlsx');
    const r = runCli(dir, ['reminders', '--out', file]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`已导出 ${v.dueCount} 项`);
    const back = await readBack(file);
    expect(back.total).toBe(v.dueCount);
    const expected = new Map<string, number>();
    for (const i of v.items) {
      if (i.kind === 'politicalBirthday') continue;
      const group = `${i.overdue ? '已超期' : '即将到期'} · ${REMINDER_LABELS[i.kind]}`;
      expected.set(group, (expected.get(group) ?? 0) + 1);
    }
    expect(back.detail).toEqual(expected);
    expect(back.summary).toEqual(expected);
    // 政治生日 on their own, as the window's chip.
    const birthdays = path.join(dir, '政治生日.xlsx');
    expect(runCli(dir, ['reminders', '--birthdays', '--out', birthdays]).code).toBe(0);
    expect((await readBack(birthdays)).total).toBe(v.items.filter((i) => i.kind === 'politicalBirthday').length);
  }, 60_000);

  it('reminders --html prints on A4 every group with its count', async () => {
    const file = path.join(dir, '待办.html');
    expect(runCli(dir, ['reminders', '--overdue', '--html', file]).code).toBe(0);
    const v = JSON.parse(runCli(dir, ['reminders', '--json']).out) as { items: { kind: ReminderKind; overdue: boolean; name: string }[]; overdueCount: number };
    const text = pdfText(await htmlToPdf(browser, fs.readFileSync(file, 'utf8'))).replace(/\s+/g, '');
    expect(text).toContain('东城镇待办事项(已超期)');
    expect(text).toContain(`合计${v.overdueCount}`);
    const overdueKinds = new Map<ReminderKind, number>();
    for (const i of v.items) if (i.overdue && i.kind !== 'politicalBirthday') overdueKinds.set(i.kind, (overdueKinds.get(i.kind) ?? 0) + 1);
    expect(overdueKinds.size).toBeGreaterThan(1);
    for (const [kind, n] of overdueKinds) expect(text).toContain(`已超期·${REMINDER_LABELS[kind]}(${n}条)`);
    expect(text).not.toContain('即将到期·');
  }, 60_000);
});

describe('数据校验 out of the window', () => {
  it('checks --out F.xlsx reads back with the same counts as --json, rule by rule', async () => {
    const j = runCli(dir, ['checks', '--json']);
    const v = JSON.parse(j.out) as { total: number; checks: { title: string; problems: { name: string; detail: string }[] }[] };
    expect(v.total).toBeGreaterThan(0);
    const file = path.join(dir, '数据校验.xlsx');
    const r = runCli(dir, ['checks', '--out', file]);
    expect(r.code).toBe(1); // problems found, as `checks` says
    expect(r.out).toContain(`已导出 ${v.total} 条问题`);
    const back = await readBack(file);
    expect(back.total).toBe(v.total);
    expect(back.summary).toEqual(new Map(v.checks.map((c) => [c.title, c.problems.length])));
    expect(back.detail).toEqual(new Map(v.checks.filter((c) => c.problems.length).map((c) => [c.title, c.problems.length])));
  }, 60_000);

  it('checks --html prints every rule with its count, its lines under it', async () => {
    const file = path.join(dir, '数据校验.html');
    runCli(dir, ['checks', '--html', file]);
    const v = JSON.parse(runCli(dir, ['checks', '--json']).out) as { total: number; checks: { title: string; problems: { name: string }[] }[] };
    const text = pdfText(await htmlToPdf(browser, fs.readFileSync(file, 'utf8'))).replace(/\s+/g, '');
    expect(text).toContain('东城镇数据校验结果');
    for (const c of v.checks) expect(text).toContain(`${c.title}(${c.problems.length}条)`);
    const some = v.checks.find((c) => c.problems.length)!;
    expect(text).toContain(some.problems[0].name);
  }, 60_000);
});
