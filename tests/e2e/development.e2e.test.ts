// End to end, 发展党员 as a clerk handles it, in Chromium against a real archive through the harness (today fixed
// at 2026-11-28): an applicant taken through every stage to 正式党员 with valid dates (the transitions in the
// page's dialogs where they matter, the rest through the same dispatcher); an activist promoted after 11
// months is refused and the page shows the rule by name; the 待办 page and its badge for the demo township.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';
import { openWatchedPage, type WatchedPage } from '../support/browserPage';
import { openApp } from '../support/appSession';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { nameSearchKeys } from '../../electron/services/members/searchKeys';
import { screenshotDir } from '../support/screenshots';
import { openPage } from '../support/nav';

const SCREENSHOTS = screenshotDir();
const LONG = 180_000;
const TODAY = '2026-11-28';

describe('发展党员 (browser, real archive)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let dataDir: string;
  let branchId = '';
  const introducers: string[] = [];

  async function call<T>(callName: string, input?: unknown): Promise<T> {
    const r = await harness.dispatch(callName, input);
    if (!r.ok) throw new Error(`${callName}: ${r.error.message}`);
    return r.value as T;
  }
  const applicant = (name: string, birth: string, seq: number, applicationDate: string) => ({
    name, gender: '1', idNumber: makeIdNumber('370783', birth, seq), ethnicity: '01', birthDate: birth, education: '40', occupation: '2', orgId: branchId, applicationDate,
  });
  async function openPerson(name: string) {
    await openPage(page, 'development');
    await page.getByTestId('development-page').waitFor();
    await page.getByTestId('dev-card').filter({ hasText: name }).click();
    await page.getByTestId('dev-record').filter({ hasText: name }).waitFor();
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-dev-'));
    harness = await startHarness({ dataDir, today: TODAY });
    await call('initTownship', { code: '370783101', name: '纪台镇', role: 'township' });
    await call('loadDemo', { members: 4200, seed: 1 });
    const branch = await call<{ id: string }[]>('orgTree', {});
    const tree = branch as unknown as { id: string; type: string; status: string; memberCount: number }[];
    branchId = tree.find((o) => o.type === 'branch' && o.status === 'active' && o.memberCount > 20)!.id;
    const members = await call<{ rows: { id: string; category: string }[] }>('listMembers', { startRow: 0, endRow: 100, orgId: branchId, sort: [{ colId: 'joinDate', sort: 'asc' }] });
    introducers.push(...members.rows.filter((m) => m.category === 'formal').slice(0, 2).map((m) => m.id));
    app = await openWatchedPage({ deviceScaleFactor: 1, consoleErrors: true });
    page = app.page;
    await openApp(page, harness);
    await page.getByTestId('dashboard').waitFor({ timeout: LONG });
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes an applicant through every stage to 正式党员', async () => {
    const { record } = await call<{ record: { person: { id: string } } }>('createApplicant', applicant('吴全程', '1996-04-12', 611, '2023-03-01'));
    const id = record.person.id;
    // 谈话 in the page's dialog.
    await openPerson('吴全程');
    await page.getByTestId('action-talk').click();
    await page.getByTestId('transition-date').fill('2023-03-20');
    await page.getByTestId('transition-decided').fill('支部委员 王明');
    await page.getByTestId('transition-submit').click();
    await page.getByTestId('dev-timeline').filter({ hasText: '与申请人谈话' }).waitFor();
    await call('makeActivist', { id, date: '2023-09-01', decidedBy: '支部委员会', contacts: [introducers[0]] });
    await call('recordActivistReview', { id, date: '2024-03-01' });
    await call('makeCandidate', { id, date: '2024-09-02', decidedBy: '支部委员会' });
    await call('recordPoliticalReview', { id, date: '2024-10-08', documents: [{ name: '政审材料', date: '2024-10-08' }] });
    await call('recordTraining', { id, date: '2024-10-20', hours: 24 });
    await call('recordPublicity', { id, date: '2024-11-04', endDate: '2024-11-08' });
    // 支部大会 in the page's dialog: two introducers and the vote.
    await openPerson('吴全程');
    await page.getByTestId('action-admit').click();
    await page.getByTestId('transition-date').fill('2024-11-15');
    // The introducers are found by typing: the first by name, the second by the initials of its pinyin.
    const names = await Promise.all(introducers.map(async (m) => (await call<{ name: string }>('getMember', { id: m })).name));
    const picker = page.getByTestId('transition-members');
    for (const typed of [names[0], nameSearchKeys(names[1]).pinyinInitials]) {
      await picker.getByTestId('transition-members-search').fill(typed);
      await picker.getByTestId('transition-members-option').filter({ hasText: typed === names[0] ? names[0] : names[1] }).first().click();
    }
    await expect.poll(() => picker.getByTestId('transition-members-chosen').allTextContents()).toEqual(names.map((n) => `${n}×`));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'development-introducers.png') });
    for (const [k, v] of Object.entries({ entitled: '20', present: '18', yes: '17', no: '1', abstain: '0' })) await page.getByTestId(`vote-${k}`).fill(v);
    await page.getByTestId('transition-doc').fill('入党志愿书');
    await page.getByTestId('transition-submit').click();
    await page.getByTestId('stage-admitted').getByText('吴全程').waitFor();
    await page.getByTestId('dev-timeline').filter({ hasText: '支部大会接收为预备党员' }).waitFor();
    await page.mouse.move(1430, 890);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'development.png') });
    const rec = await call<{ person: { memberId: string } }>('getDevRecord', { id });
    await call('approveAdmission', { id, date: '2025-01-10', decidedBy: '镇党委' });
    // 转正 after the year of probation, through probation.ts.
    const full = await call<{ category: string; joinDate: string; fullDate: string }>('confirmFullMembership', { id: rec.person.memberId, meetingDate: '2025-11-20', vote: { entitled: 20, present: 18, yes: 18, no: 0, abstain: 0 } });
    expect(full).toMatchObject({ category: 'formal', joinDate: '2024-11-15', fullDate: '2025-11-15' });
    const history = await call<{ kind: string }[]>('memberHistory', { id: rec.person.memberId });
    expect(history.filter((e) => e.kind === 'development').length).toBeGreaterThanOrEqual(8);
  }, LONG);

  it('refuses to promote an activist after 11 months and names the rule', async () => {
    const { record } = await call<{ record: { person: { id: string } } }>('createApplicant', applicant('郑十一', '1995-07-08', 713, '2025-01-05'));
    await call('recordTalk', { id: record.person.id, date: '2025-01-20' });
    await call('makeActivist', { id: record.person.id, date: '2025-07-10', contacts: [introducers[0]] });
    await openPerson('郑十一');
    await page.getByTestId('action-candidate').click();
    await page.getByTestId('transition-date').fill('2026-06-10');
    await page.getByTestId('transition-submit').click();
    const error = page.getByTestId('transition-error');
    await error.waitFor();
    const text = await error.textContent();
    expect(text).toContain('培养教育期');
    expect(text).toContain('1年以上培养教育');
    expect(text).toContain('2025-07-10');
    expect(text).toContain('2026-07-10');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'development-refused.png') });
  }, LONG);

  it('a rule warning after one person’s step is gone when another person is opened', async () => {
    await call('createApplicant', applicant('钱迟谈', '1997-02-03', 815, '2026-06-01'));
    await call('createApplicant', applicant('孙另一', '1998-03-04', 817, '2026-06-02'));
    await openPerson('钱迟谈');
    // 谈话 three months after the application: allowed, with the advisory rule's warning.
    await page.getByTestId('action-talk').click();
    await page.getByTestId('transition-date').fill('2026-09-01');
    await page.getByTestId('transition-submit').click();
    await expect.poll(() => page.getByTestId('dev-warnings').textContent()).toContain('1个月内派人同申请人谈话');
    await page.getByTestId('dev-card').filter({ hasText: '孙另一' }).click();
    await page.getByTestId('dev-record').filter({ hasText: '孙另一' }).waitFor();
    await expect(page.getByTestId('dev-warnings').count()).resolves.toBe(0);
  }, LONG);

  it('a step recorded with the wrong date is corrected, and a step recorded by mistake is voided, each with its reason', async () => {
    await openPerson('钱迟谈');
    const record = page.getByTestId('dev-record').filter({ hasText: '钱迟谈' });
    const talk = record.getByTestId('dev-step').filter({ hasText: '与申请人谈话' });
    await talk.getByTestId('dev-step-correct').click();
    await page.getByTestId('step-fix-date').fill('2026-06-20');
    await page.getByTestId('step-fix-submit').click();
    await expect.poll(() => page.getByTestId('step-fix-error-reason').textContent()).toContain('请填写更正的原因');
    await page.getByTestId('step-fix-reason').fill('谈话记录上的日期是6月20日');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'development-correct-step.png') });
    await page.getByTestId('step-fix-submit').click();
    await page.getByTestId('step-fix-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => record.getByTestId('dev-step-voided').textContent()).toContain('更正日期为 2026-06-20:谈话记录上的日期是6月20日');
    await expect.poll(() => talk.count()).toBe(2);
    const person = await call<{ person: { id: string; talkDate: string | null } }>('getDevRecord', { id: (await call<{ id: string; name: string }[]>('listDevPeople', {})).find((p) => p.name === '钱迟谈')!.id });
    expect(person.person.talkDate).toBe('2026-06-20');

    await record.getByTestId('dev-step-void').click();
    await page.getByTestId('step-fix-reason').fill('实际尚未谈话,误登记');
    await page.getByTestId('step-fix-submit').click();
    await page.getByTestId('step-fix-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => record.getByTestId('dev-step-voided').count()).toBe(2);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'development-voided-step.png') });
    const after = await call<{ person: { talkDate: string | null; stage: string } }>('getDevRecord', { id: person.person.id });
    expect(after.person).toMatchObject({ talkDate: null, stage: 'applicant' });
  }, LONG);

  it('adds a 入党申请人 from the page: the ID number fills 出生日期 and 性别, a refusal stands under its field, then the card opens', async () => {
    await openPage(page, 'development');
    await page.getByTestId('new-applicant').click();
    const dialog = page.getByTestId('applicant-dialog');
    await dialog.waitFor();
    await page.getByTestId('applicant-name').fill('冯新申');
    // Born 2010: not yet 18 on the application day.
    await page.getByTestId('applicant-idNumber').fill(makeIdNumber('370783', '2010-04-05', 915));
    await expect(page.getByTestId('applicant-birthDate').inputValue()).resolves.toBe('2010-04-05');
    await expect(page.getByTestId('applicant-gender').inputValue()).resolves.toBe('1');
    await page.getByTestId('applicant-education').selectOption('40');
    await page.getByTestId('applicant-occupation').selectOption('2');
    await page.getByTestId('applicant-orgId').selectOption(branchId);
    await page.getByTestId('applicant-applicationDate').fill('2026-11-02');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'development-new-applicant.png') });
    await page.getByTestId('applicant-submit').click();
    await expect.poll(() => dialog.locator('[role="alert"]').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('18周岁')]));
    await page.getByTestId('applicant-idNumber').fill(makeIdNumber('370783', '1999-04-05', 915));
    await page.getByTestId('applicant-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('stage-applicant').getByText('冯新申').waitFor();
    await page.getByTestId('dev-record').filter({ hasText: '冯新申' }).waitFor();
    const people = await call<{ name: string; applicationDate: string; birthDate: string }[]>('listDevPeople', {});
    expect(people.find((p) => p.name === '冯新申')).toMatchObject({ applicationDate: '2026-11-02' });
  }, LONG);

  it('lists reminders of every kind with the count in the navigation', async () => {
    await openPage(page, 'reminders');
    await page.getByTestId('reminders-page').waitFor();
    const r = await call<{ dueCount: number; greetingCount: number; counts: Record<string, number> }>('reminders', {});
    await expect.poll(() => page.getByTestId('reminders-badge').textContent()).toBe(String(r.dueCount));
    // Every kind of work due has its chip under 全部待办 (the demo's 预备党员 are all within their year); the
    // 政治生日 are counted on their own chip, outside the 待办.
    for (const kind of Object.keys(r.counts).filter((k) => k !== 'politicalBirthday' && k !== 'probationOverdue')) {
      expect(r.counts[kind], kind).toBeGreaterThan(0);
      await page.getByTestId(`reminder-kind-${kind}`).waitFor();
    }
    expect(r.greetingCount).toBe(r.counts.politicalBirthday);
    await expect(page.getByTestId('reminder-scope-greeting').textContent()).resolves.toContain(String(r.greetingCount));
    await page.getByTestId('reminder-approvalOverdue').first().waitFor();
    await page.mouse.move(1430, 890);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reminders.png') });
    expect(app.pageErrors).toEqual([]);
  }, LONG);
});
