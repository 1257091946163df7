// The yearly work all in the window, as a clerk does it in Chromium against a real archive (the demo township
// and a branch just imported from a roster): a 半年分析 note, a 三年登记 outcome, a 限期改正 with its deadline
// (its 待办 appears under 即将到期), 月标准 set on the imported branch and a month's dues entered; each page's
// list printed (the preview's text, and the same document as a real PDF read back with pdftotext).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';
import { launchBrowser } from '../harness/browser';
import { openWatchedPage, type WatchedPage } from '../support/browserPage';
import { openApp } from '../support/appSession';
import { screenshotDir } from '../support/screenshots';
import { htmlToPdf, pdfText } from '../support/pdf';
import { csvText, people, STANDARD_HEADER, standardRow } from '../fixtures/rosters';
import { openPage } from '../support/nav';

const LONG = 240_000;
const TODAY = '2026-11-28';
const IMPORTED_BRANCH = '中共新庄村党支部';
const SHOTS = screenshotDir();

describe('年度工作, 待办 and 数据校验 in the window (browser, demo township and an imported branch)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let browser: Browser;
  let dataDir: string;
  let imported: { orgId: string; members: { memberId: string; name: string }[] };
  let unqualified: { orgId: string; orgName: string; memberId: string; name: string };

  async function call<T>(callName: string, input?: unknown): Promise<T> {
    const r = await harness.dispatch(callName, input);
    if (!r.ok) throw new Error(`${callName}: ${r.error.message}`);
    return r.value as T;
  }
  const frameText = async () => (await page.frameLocator('[data-testid="print-frame"]').locator('body').innerText()).replace(/\s+/g, '');
  /** The document the preview shows, printed to a real PDF: its text without spaces. */
  const pdfOf = async (callName: string, input: unknown) => pdfText(await htmlToPdf(browser, (await call<{ html: string }>(callName, input)).html)).replace(/\s+/g, '');
  let pickerShot = false;
  async function chooseBranch(search: string, orgId: string) {
    await page.getByTestId('yearly-branch').click();
    await page.getByTestId('yearly-branch-search').fill(search);
    if (!pickerShot) {
      pickerShot = true;
      await page.screenshot({ path: path.join(SHOTS, 'branch-picker.png') });
    }
    await page.locator(`[data-testid="yearly-branch-option"][data-org-id="${orgId}"]`).click();
  }
  async function closePreview() {
    await page.getByTestId('print-close').click();
    await page.getByTestId('print-frame').waitFor({ state: 'detached' });
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-yearly-'));
    harness = await startHarness({ dataDir, today: TODAY });
    await call('initTownship', { code: '370783101', name: '东城镇', role: 'township' });
    await call('loadDemo', { members: 600, seed: 3 });
    // A roster of four members of a branch the archive does not have yet: the import creates it.
    const csv = csvText([STANDARD_HEADER, ...people(4, 5000).map((p, i) => standardRow(p, i, IMPORTED_BRANCH))]);
    const { analysisId } = await call<{ analysisId: string }>('uploadImportFile', { file: { fileName: '新庄村花名册.csv', base64: Buffer.from(csv, 'utf8').toString('base64') } });
    let job = await call<{ id: string; state: string }>('startImport', { analysisId });
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 200));
      job = await call('jobStatus', { jobId: job.id });
    }
    expect(job.state).toBe('done');
    const tree = await call<{ id: string; name: string; type: string; status: string; memberCount: number }[]>('orgTree', {});
    const orgId = tree.find((o) => o.name === IMPORTED_BRANCH)!.id;
    const grid = await call<{ memberId: string; name: string }[]>('appraisalGrid', { year: 2026, orgId });
    imported = { orgId, members: grid };
    expect(imported.members).toHaveLength(4);
    // One member of a demo branch graded 不合格 in 2026, without a disposal yet.
    const demo = tree.find((o) => o.type === 'branch' && o.status === 'active' && o.memberCount > 15 && o.name !== IMPORTED_BRANCH)!;
    const rows = await call<{ memberId: string; name: string; category: string; grade: string | null }[]>('appraisalGrid', { year: 2026, orgId: demo.id });
    const who = rows.find((r) => r.category === 'formal' && r.grade !== 'unqualified')!;
    await call('saveAppraisals', { year: 2026, orgId: demo.id, rows: [{ memberId: who.memberId, grade: 'unqualified', note: null }] });
    unqualified = { orgId: demo.id, orgName: demo.name, memberId: who.memberId, name: who.name };

    browser = await launchBrowser();
    app = await openWatchedPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, consoleErrors: true });
    page = app.page;
    await openApp(page, harness);
    await page.getByTestId('dashboard').waitFor({ timeout: LONG });
    await openPage(page, 'yearly');
    await page.getByTestId('yearly-page').waitFor();
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('半年分析: a note typed for a member of the imported branch is kept and printed', async () => {
    await chooseBranch('新庄', imported.orgId);
    await page.getByTestId('tab-analysis').click();
    await page.getByTestId('analysis-H2').click();
    const m = imported.members[0];
    await page.getByTestId(`analysis-note-${m.memberId}`).fill('表现良好,按时参加组织生活');
    await page.getByTestId('analysis-save').click();
    await expect.poll(() => page.getByTestId('analysis-message').textContent()).toContain('已保存 1 项');
    await expect.poll(() => page.getByTestId('analysis-figures').textContent()).toBe('党员 4 名,已分析 1 名');
    const sheet = await call<{ rows: { memberId: string; note: string | null }[] }>('analysisGrid', { orgId: imported.orgId, period: '2026H2' });
    expect(sheet.rows.find((r) => r.memberId === m.memberId)!.note).toBe('表现良好,按时参加组织生活');
    await page.screenshot({ path: path.join(SHOTS, 'yearly-analysis.png') });
    await page.getByTestId('analysis-print').click();
    await expect.poll(frameText, { timeout: 30_000 }).toContain('2026年下半年党员分析');
    expect(await frameText()).toContain(`已分析(1条)`);
    await closePreview();
    const pdf = await pdfOf('printAnalyses', { orgId: imported.orgId, period: '2026H2' });
    expect(pdf).toContain(`${IMPORTED_BRANCH}2026年下半年党员分析`);
    expect(pdf).toContain(`${m.name}正式党员表现良好,按时参加组织生活`);
    expect(pdf).toContain('尚未分析(3条)');
  }, LONG);

  it('三年登记: an outcome per member and the branch’s summary, printed', async () => {
    await page.getByTestId('tab-registration').click();
    const [a, b] = imported.members;
    await page.getByTestId(`registration-outcome-${a.memberId}`).selectOption('登记');
    await page.getByTestId(`registration-outcome-${b.memberId}`).selectOption('暂缓登记');
    await page.getByTestId('registration-save').click();
    await expect.poll(() => page.getByTestId('registration-message').textContent()).toContain('已保存 2 项');
    await expect.poll(() => page.getByTestId('registration-summary').textContent()).toContain('登记 1暂缓登记 1不予登记 0尚未登记 2');
    await page.screenshot({ path: path.join(SHOTS, 'yearly-registration.png') });
    await page.getByTestId('registration-print').click();
    await expect.poll(frameText, { timeout: 30_000 }).toContain('2026年党员定期登记');
    await closePreview();
    const pdf = await pdfOf('printRegistrations', { orgId: imported.orgId, year: 2026 });
    expect(pdf).toContain('登记1名,暂缓登记1名,不予登记0名,尚未登记2名');
    expect(pdf).toContain(`暂缓登记(1条)`);
    expect(pdf).toContain(b.name);
  }, LONG);

  it('处置: 限期改正 with a deadline, and its 待办 appears under 即将到期', async () => {
    await chooseBranch(unqualified.orgName.slice(2, 6), unqualified.orgId);
    await page.getByTestId('tab-disposal').click();
    const line = page.getByTestId(`disposal-line-${unqualified.memberId}`);
    await line.waitFor();
    await expect(line.textContent()).resolves.toContain('尚未处置');
    await line.getByTestId('disposal-record').click();
    await page.getByTestId('disposal-kind').selectOption('correct');
    await page.getByTestId('disposal-deadline').fill('2027-05-31');
    await page.getByTestId('disposal-note').fill('由党支部书记谈话帮教');
    await page.screenshot({ path: path.join(SHOTS, 'yearly-disposal-form.png') });
    await page.getByTestId('disposal-save').click();
    await expect.poll(() => page.getByTestId('disposal-message').textContent()).toContain('限期改正,期限至 2027-05-31,已列入待办');
    await expect.poll(() => line.textContent()).toContain('改正期限至 2027-05-31');
    await page.getByTestId('disposal-print').click();
    await expect.poll(frameText, { timeout: 30_000 }).toContain('2026年度不合格党员处置');
    await closePreview();
    const pdf = await pdfOf('printDisposals', { year: 2026, orgId: unqualified.orgId });
    expect(pdf).toContain('限期改正(1条)');
    expect(pdf).toContain('限期改正(改正期限至2027-05-31)');
    expect(pdf).toContain(unqualified.name);

    await openPage(page, 'reminders');
    await page.getByTestId('reminders-page').waitFor();
    await page.getByTestId('reminder-scope-dueSoon').click();
    await page.getByTestId('reminder-kind-correctionDue').click();
    const row = page.getByTestId('reminder-correctionDue').filter({ hasText: unqualified.name });
    await expect(row.textContent()).resolves.toContain('改正期限至 2027-05-31');
    // Not under 已超期.
    await page.getByTestId('reminder-scope-overdue').click();
    await expect(page.getByTestId('reminder-correctionDue').filter({ hasText: unqualified.name }).count()).resolves.toBe(0);
  }, LONG);

  it('待办: the heading, 全部待办 and the badge say one count; the list prints', async () => {
    const r = await call<{ dueCount: number; overdueCount: number; dueSoonCount: number; greetingCount: number }>('reminders', {});
    await openPage(page, 'reminders');
    await page.getByTestId('reminder-scope-due').click();
    await expect(page.getByTestId('reminders-heading').textContent()).resolves.toContain(`${r.dueCount} 项(已超期 ${r.overdueCount} 项,即将到期 ${r.dueSoonCount} 项)`);
    await expect(page.getByTestId('reminder-scope-due').textContent()).resolves.toContain(String(r.dueCount));
    await expect.poll(() => page.getByTestId('reminders-badge').textContent()).toBe(String(r.dueCount));
    await expect(page.getByTestId('reminder-scope-greeting').textContent()).resolves.toContain(String(r.greetingCount));
    await page.screenshot({ path: path.join(SHOTS, 'reminders.png') });
    await page.getByTestId('reminders-print').click();
    await expect.poll(frameText, { timeout: 30_000 }).toContain('东城镇待办事项');
    expect(await frameText()).toContain(`合计${r.dueCount}`);
    await closePreview();
    expect(await pdfOf('printReminders', { scope: 'due' })).toContain(`合计${r.dueCount}`);
  }, LONG);

  it('数据校验: groups per rule with counts, a short page, each line opening its record; the list prints', async () => {
    const checks = await call<{ total: number; checks: { id: string; title: string; problems: unknown[] }[] }>('dataChecks', {});
    await openPage(page, 'checks');
    await page.getByTestId('checks-page').waitFor();
    for (const c of checks.checks) {
      await expect(page.getByTestId(`check-${c.id}`).getByTestId('check-count').textContent()).resolves.toBe(c.problems.length ? `${c.problems.length} 条` : '✓');
    }
    // The rules stand one under another across the page, not squeezed into a narrow column.
    const box = await page.getByTestId(`check-${checks.checks[0].id}`).boundingBox();
    expect(box!.width).toBeGreaterThan(1000);
    await page.screenshot({ path: path.join(SHOTS, 'checks.png') });
    await page.getByTestId('checks-print').click();
    await expect.poll(frameText, { timeout: 30_000 }).toContain('东城镇数据校验结果');
    await closePreview();
    const pdf = await pdfOf('printDataChecks', {});
    for (const c of checks.checks) expect(pdf).toContain(`${c.title}(${c.problems.length}条)`);
  }, LONG);

  it('党费: 月标准 set on the imported branch in one grid, then a month’s dues entered', async () => {
    await openPage(page, 'yearly');
    await page.getByTestId('yearly-page').waitFor();
    await chooseBranch('新庄', imported.orgId);
    await page.getByTestId('tab-dues').click();
    await expect.poll(() => page.getByTestId('dues-no-standard').textContent()).toContain('4 名党员尚无月标准');
    await page.getByTestId('dues-standards-open').click();
    await page.getByTestId('standards-from').fill('2026-11');
    await page.getByTestId('standards-all-farmer').click();
    const [a, b] = imported.members;
    // One of them on pay: 4,000 元 after tax is 1% by the 2008 table, 40 元.
    await page.getByTestId(`standards-basis-${b.memberId}`).selectOption('salary');
    await page.getByTestId(`standards-amount-${b.memberId}`).fill('4000');
    await page.screenshot({ path: path.join(SHOTS, 'dues-standards.png') });
    await page.getByTestId('standards-save').click();
    await expect.poll(() => page.getByTestId('standards-message').textContent()).toContain('已为 4 名党员设定自 2026-11 起的月标准');
    await page.getByTestId('dues-no-standard').waitFor({ state: 'detached' });
    const grid = await call<{ memberId: string; monthlyFen: number | null; basis: string | null }[]>('duesGrid', { year: 2026, orgId: imported.orgId });
    expect(grid.find((r) => r.memberId === a.memberId)!.monthlyFen).toBe(50);
    expect(grid.find((r) => r.memberId === b.memberId)!.monthlyFen).toBe(4000);
    await page.getByTestId(`dues-cell-${a.memberId}-11`).fill('0.5');
    await page.getByTestId('dues-save').click();
    await expect.poll(() => page.getByTestId('dues-message').textContent()).toContain('已保存 1 项');
    const after = await call<{ memberId: string; paid: Record<string, number> }[]>('duesGrid', { year: 2026, orgId: imported.orgId });
    expect(after.find((r) => r.memberId === a.memberId)!.paid['2026-11']).toBe(50);
    await page.screenshot({ path: path.join(SHOTS, 'dues-imported-branch.png') });
  }, LONG);

  it('导入花名册 says the last import can no longer be undone once its members have records of their own', async () => {
    await openPage(page, 'members');
    await page.getByTestId('import-roster').click();
    await page.getByTestId('import-wizard').waitFor();
    await expect.poll(() => page.getByTestId('last-import').textContent()).toContain('上一次导入:新庄村花名册.csv');
    await expect(page.getByTestId('undo-import-refusal').textContent()).resolves.toMatch(/^不能撤销:导入的党员“.+”在导入之后有过登记或修改,不能撤销$/);
    await expect(page.getByTestId('undo-import').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'import-undo-refused.png') });
    await page.getByTestId('import-close').click();
    expect(app.pageErrors).toEqual([]);
  }, LONG);
});
