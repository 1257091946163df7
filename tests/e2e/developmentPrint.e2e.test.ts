// The development and yearly-work forms printed as a clerk does it, in Chromium through the harness: from an
// activist's record the 培养考察登记表, from a 发展对象 the branch's 公示, from 年度工作 the branch's 民主评议
// results, and from a member's 预备期 the 转正表决结果 — each in the print preview with the archive's data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';
import { openWatchedPage, type WatchedPage } from '../support/browserPage';
import { openApp } from '../support/appSession';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { screenshotDir } from '../support/screenshots';
import { openPage } from '../support/nav';

const LONG = 180_000;
const TODAY = '2026-11-28';

describe('printing the development forms (browser, real archive)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let activist: { id: string; name: string; idNumber: string };
  let candidate: { name: string; orgId: string; orgName: string };
  let reviewed: { orgId: string; name: string };
  let member: { id: string; name: string };

  async function call<T>(callName: string, input?: unknown): Promise<T> {
    const r = await harness.dispatch(callName, input);
    if (!r.ok) throw new Error(`${callName}: ${r.error.message}`);
    return r.value as T;
  }
  const frameText = async () => (await page.frameLocator('[data-testid="print-frame"]').locator('body').innerText()).replace(/\s+/g, '');

  beforeAll(async () => {
    harness = await startHarness({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-devprint-')), today: TODAY });
    await call('initTownship', { code: '370783101', name: '纪台镇', role: 'township' });
    await call('loadDemo', { members: 800, seed: 2 });
    activist = (await call<{ id: string; name: string; idNumber: string }[]>('listDevPeople', { stage: 'activist' }))[0];
    candidate = (await call<{ name: string; orgId: string; orgName: string }[]>('listDevPeople', { stage: 'candidate' }))[0];
    reviewed = (await harness.archive.queryOne<{ orgId: string; name: string }>(
      "SELECT a.org_id AS orgId, m.name AS name FROM appraisals a JOIN members m ON m.id = a.member_id WHERE a.year = 2026 AND a.grade IS NOT NULL ORDER BY a.org_id LIMIT 1"))!;
    member = await call<{ id: string; name: string }>('createMember', {
      name: '冯转正', gender: '2', idNumber: makeIdNumber('370783', '1993-04-05', 62), ethnicity: '01', birthDate: '1993-04-05', education: '50', category: 'probationary',
      orgId: candidate.orgId, joinDate: '2025-10-20', fullDate: null, occupation: '2',
    });
    await call('confirmFullMembership', { id: member.id, meetingDate: '2026-10-25', vote: { entitled: 18, present: 16, yes: 15, no: 0, abstain: 1 } });
    app = await openWatchedPage({ consoleErrors: true });
    page = app.page;
    await openApp(page, harness);
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
  });

  it('prints an activist’s 培养考察登记表 from the 发展党员 page', async () => {
    await openPage(page, 'development');
    await page.getByTestId('development-page').waitFor();
    await page.getByTestId('dev-card').filter({ hasText: activist.name }).first().click();
    await page.getByTestId('dev-record').filter({ hasText: activist.name }).waitFor();
    await page.getByTestId('print-activist').click();
    await page.getByTestId('print-frame').waitFor();
    await expect.poll(frameText).toContain('入党积极分子培养考察登记表');
    const text = await frameText();
    expect(text).toContain(activist.name);
    expect(text).toContain(activist.idNumber);
    await page.screenshot({ path: path.join(screenshotDir(), 'print-activist.png') });
    await page.getByTestId('print-close').click();
  }, LONG);

  it('prints the branch’s 发展对象公示 from a 发展对象', async () => {
    await page.getByTestId('dev-card').filter({ hasText: candidate.name }).first().click();
    await page.getByTestId('dev-record').filter({ hasText: candidate.name }).waitFor();
    await page.getByTestId('print-publicity').click();
    await page.getByTestId('print-frame').waitFor();
    await expect.poll(frameText).toContain('发展对象公示');
    const text = await frameText();
    expect(text).toContain(candidate.name);
    expect(text).toContain(candidate.orgName.replace(/\s+/g, ''));
    await page.screenshot({ path: path.join(screenshotDir(), 'print-publicity.png') });
    await page.getByTestId('print-close').click();
  }, LONG);

  it('prints the 民主评议 results of a branch from 年度工作', async () => {
    await openPage(page, 'yearly');
    await page.getByTestId('yearly-page').waitFor();
    await page.getByTestId('yearly-branch').click();
    await page.locator(`[data-testid="yearly-branch-option"][data-org-id="${reviewed.orgId}"]`).click();
    await page.getByTestId('appraisal-grid').filter({ hasText: reviewed.name }).waitFor();
    await page.getByTestId('print-reviews').click();
    await page.getByTestId('print-frame').waitFor();
    await expect.poll(frameText).toContain('2026年度民主评议党员结果');
    const text = await frameText();
    expect(text).toContain(reviewed.name);
    expect(text).toContain('评议等次统计');
    await page.screenshot({ path: path.join(screenshotDir(), 'print-reviews.png') });
    await page.getByTestId('print-close').click();
  }, LONG);

  it('prints the 转正表决结果 from the member’s 预备期', async () => {
    await openPage(page, 'members');
    await page.getByTestId('main-page').waitFor();
    await page.getByTestId('search').fill(member.name);
    await page.locator('[data-testid="members-grid"] .ag-row .ag-cell[col-id="name"]').filter({ hasText: member.name }).first().dblclick();
    await page.getByTestId('member-form').waitFor();
    await page.getByRole('tab', { name: '党籍与转接' }).or(page.getByText('党籍与转接', { exact: true })).first().click();
    await page.getByTestId('print-full-vote').click();
    await page.getByTestId('print-frame').waitFor();
    await expect.poll(frameText).toContain('预备党员转正表决结果');
    const text = await frameText();
    expect(text).toContain(member.name);
    expect(text).toContain('18人');
    expect(text).toContain('表决结果:通过');
    await page.screenshot({ path: path.join(screenshotDir(), 'print-full-vote.png') });
    await page.getByTestId('print-close').click();
    expect(app.pageErrors).toEqual([]);
  }, LONG);
});
