// The development and yearly-work forms (积极分子培养考察登记表, 发展对象公示, 转正表决结果, 民主评议结果) from a
// real archive, rendered to A4 PDFs in Chromium and read back with pdftotext.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../harness/browser';
import { htmlToPdf, pdfPageSize, pdfPages, pdfText } from '../support/pdf';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { listDevPeople, recordActivistReview } from '../../electron/services/development/pipeline';
import { appraisalGrid } from '../../electron/services/development/reviews';
import { createMember } from '../../electron/services/members/members';
import { confirmFullMembership } from '../../electron/services/members/life/probation';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { activistRecordData, fullMembershipVoteData, publicityNoticeData, reviewResultsData } from '../../electron/services/print/developmentPrinting';
import { activistRecordHtml, REVIEWS_SHOWN } from '../../electron/services/print/activistRecordHtml';
import { publicityNoticeHtml } from '../../electron/services/print/publicityNoticeHtml';
import { fullMembershipVoteHtml } from '../../electron/services/print/fullMembershipVoteHtml';
import { reviewResultsHtml } from '../../electron/services/print/reviewResultsHtml';

let t: TestArchive;
let browser: Browser;
beforeAll(async () => {
  t = await openTestArchive();
  await loadDemoTownship(t.ctx, { members: 900, seed: 3 });
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const A4 = { width: 595.28, height: 841.89 };
const squash = (s: string) => s.replace(/\s+/g, '');
const expectA4Portrait = (file: string) => {
  const size = pdfPageSize(file);
  expect(Math.abs(size.width - A4.width)).toBeLessThan(2);
  expect(Math.abs(size.height - A4.height)).toBeLessThan(2);
};

describe('入党积极分子培养考察登记表', () => {
  it('one page with the person, the 培养联系人 and every 考察 of a demo activist', async () => {
    const activist = (await listDevPeople(t.ctx, { stage: 'activist' }))[0];
    expect(activist).toBeDefined();
    await recordActivistReview(t.ctx, activist.id, { date: '2026-11-20', decidedBy: '王支书', note: '学习积极,带头参加义务劳动' });
    const data = await activistRecordData(t.ctx, activist.id);
    expect(data.contacts.length).toBeGreaterThanOrEqual(1);
    const file = await htmlToPdf(browser, activistRecordHtml(data));
    expect(pdfPages(file)).toBe(1);
    expectA4Portrait(file);
    const text = squash(pdfText(file));
    for (const s of ['入党积极分子培养考察登记表', activist.name, activist.idNumber, activist.orgName, activist.activistDate!, '王支书', '学习积极,带头参加义务劳动', ...data.contacts]) {
      expect(text).toContain(squash(s));
    }
  }, 60_000);

  it('stays on one page with many 考察 (the older ones summarised), escaped', async () => {
    const activist = (await listDevPeople(t.ctx, { stage: 'activist' }))[1];
    const data = await activistRecordData(t.ctx, activist.id);
    data.person.name = '李<i>四&五</i>';
    data.person.address = '山东省潍坊市寿光市东城镇东王村'.repeat(10);
    data.reviews = Array.from({ length: 14 }, (_, i) => ({ date: `2025-${String((i % 12) + 1).padStart(2, '0')}-01`, by: `考察人${i + 1}`, note: `第${i + 1}次考察:思想上积极要求进步,工作中带头,群众评价好。`.repeat(4) }));
    data.laterSteps = Array.from({ length: 12 }, (_, i) => ({ date: '2026-10-01', text: `政治审查(镇党委组织办第${i + 1}次)` }));
    const html = activistRecordHtml(data);
    expect(html).not.toContain('<i>四');
    const file = await htmlToPdf(browser, html);
    expect(pdfPages(file)).toBe(1);
    const text = squash(pdfText(file));
    expect(text).toContain('李<i>四&五</i>');
    expect(text).toContain(`另有较早的${14 - REVIEWS_SHOWN}次考察`);
    expect(text).toContain('考察人14');
    expect(text).not.toContain('考察人1第');
  }, 60_000);

  it('refuses a person who is not yet an activist, by name', async () => {
    const applicant = (await listDevPeople(t.ctx, { stage: 'applicant' }))[0];
    await expect(activistRecordData(t.ctx, applicant.id)).rejects.toThrow(`${applicant.name}目前是入党申请人,尚未确定为入党积极分子`);
  });
});

describe('发展对象公示', () => {
  it('one page listing the branch’s 发展对象 and the 公示 period, without ID numbers', async () => {
    const candidates = await listDevPeople(t.ctx, { stage: 'candidate' });
    const withPublicity = candidates.find((c) => c.publicityStart) ?? candidates[0];
    expect(withPublicity).toBeDefined();
    const sameBranch = candidates.filter((c) => c.orgId === withPublicity.orgId);
    const data = await publicityNoticeData(t.ctx, withPublicity.orgId);
    expect(data.people.map((p) => p.name).sort()).toEqual(sameBranch.map((c) => c.name).sort());
    const file = await htmlToPdf(browser, publicityNoticeHtml(data));
    expect(pdfPages(file)).toBe(1);
    expectA4Portrait(file);
    const text = squash(pdfText(file));
    expect(text).toContain('发展对象公示');
    expect(text).toContain(squash(withPublicity.orgName));
    for (const c of sameBranch) {
      expect(text).toContain(c.name);
      expect(text).not.toContain(c.idNumber);
    }
    if (withPublicity.publicityStart) {
      const [y, m, d] = withPublicity.publicityStart.split('-').map(Number);
      expect(text).toContain(`公示时间:${y}年${m}月${d}日至`);
      expect(text).toMatch(/(\d+)个工作日/);
    }
    expect(text).toContain('第1页/共1页');
  }, 60_000);

  it('prints blank period lines when no 公示 is recorded, and escapes names', async () => {
    const data = await publicityNoticeData(t.ctx, (await listDevPeople(t.ctx, { stage: 'candidate' }))[0].orgId);
    data.period = null;
    data.people = [{ ...data.people[0], name: '赵<b>&六' }];
    const html = publicityNoticeHtml(data);
    expect(html).not.toContain('<b>&六');
    const text = squash(pdfText(await htmlToPdf(browser, html)));
    expect(text).toContain('赵<b>&六');
    expect(text).toContain('公示时间:年月日至年月日');
    expect(text).toContain('拟将下列1名同志');
  }, 60_000);
});

describe('预备党员转正表决结果', () => {
  it('one page with the meeting date, attendance, the votes and the result', async () => {
    const branch = (await listDevPeople(t.ctx, { stage: 'candidate' }))[0].orgId;
    const m = await createMember(t.ctx, {
      name: '周转正', gender: '2', idNumber: makeIdNumber('370783', '1990-05-06', 128), ethnicity: '01', birthDate: '1990-05-06', education: '50', category: 'probationary',
      orgId: branch, joinDate: '2025-10-15', fullDate: null, occupation: '2',
    });
    await expect(fullMembershipVoteData(t.ctx, m.id)).rejects.toThrow(`${m.name}还没有转正的支部大会表决记录`);
    await confirmFullMembership(t.ctx, m.id, { meetingDate: '2026-10-20', vote: { entitled: 31, present: 27, yes: 25, no: 1, abstain: 1 } });
    const data = await fullMembershipVoteData(t.ctx, m.id);
    const file = await htmlToPdf(browser, fullMembershipVoteHtml(data));
    expect(pdfPages(file)).toBe(1);
    expectA4Portrait(file);
    const text = squash(pdfText(file));
    for (const s of ['预备党员转正表决结果', m.name, m.orgName, '2026-10-20', '2025-10-15至2026-10-15', '31人', '27人', '4人', '25票', '1票']) expect(text).toContain(squash(s));
    expect(text).toContain('表决结果:通过');
    expect(text).toContain('党龄自2026-10-15算起');
  }, 60_000);

  it('says 未通过 when the yes votes are not over half of those entitled (an old paper vote entered as is)', async () => {
    const branch = (await listDevPeople(t.ctx, { stage: 'candidate' }))[0].orgId;
    const m = await createMember(t.ctx, {
      name: '钱预备', gender: '1', idNumber: makeIdNumber('370783', '1991-03-04', 137), ethnicity: '01', birthDate: '1991-03-04', education: '50', category: 'probationary',
      orgId: branch, joinDate: '2025-09-01', fullDate: null, occupation: '2',
    });
    await confirmFullMembership(t.ctx, m.id, { meetingDate: '2026-09-05', vote: { entitled: 20, present: 15, yes: 11, no: 2, abstain: 2 } });
    const data = await fullMembershipVoteData(t.ctx, m.id);
    data.vote.yes = 10;
    data.note = '会议记录:'.repeat(200);
    data.member.name = '钱<预>&备';
    const file = await htmlToPdf(browser, fullMembershipVoteHtml(data));
    expect(pdfPages(file)).toBe(1);
    const text = squash(pdfText(file));
    expect(text).toContain('同意票10票,未超过');
    expect(text).toContain('表决结果:未通过');
    expect(text).toContain('钱<预>&备');
  }, 60_000);
});

describe('民主评议党员结果', () => {
  it('every member of the branch with their grade, counts per grade matching the archive, numbered pages', async () => {
    const branch = await t.archive.queryOne<{ org_id: string }>('SELECT org_id FROM appraisals WHERE year = 2026 GROUP BY org_id ORDER BY count(*) DESC LIMIT 1');
    const grid = await appraisalGrid(t.ctx, 2026, branch!.org_id);
    const data = await reviewResultsData(t.ctx, branch!.org_id, 2026);
    const expected = (g: string) => grid.filter((r) => r.grade === g && r.category !== 'probationary').length;
    expect(data.counts.map((c) => c.count)).toEqual(['excellent', 'qualified', 'basic', 'unqualified'].map(expected));
    expect(data.rows.length).toBe(grid.length);
    const file = await htmlToPdf(browser, reviewResultsHtml(data));
    expectA4Portrait(file);
    const pages = pdfPages(file);
    const text = squash(pdfText(file));
    expect(text).toContain('2026年度民主评议党员结果');
    for (const r of grid) expect(text).toContain(squash(r.name));
    expect(text).toContain(`优秀合格基本合格不合格评定合计`);
    expect(text).toContain(`${data.graded}人${data.notGraded}人`);
    expect(text).toContain(`第1页/共${pages}页`);
    for (let p = 1; p <= pages; p++) expect(squash(pdfText(file, p))).toContain('序号姓名人员类别评议等次');
  }, 60_000);

  it('a long branch repeats its header on every page; names escaped', async () => {
    const data = await reviewResultsData(t.ctx, (await t.archive.queryOne<{ org_id: string }>('SELECT org_id FROM appraisals LIMIT 1'))!.org_id, 2026);
    data.rows = Array.from({ length: 90 }, (_, i) => ({ name: i === 0 ? '孙<u>&七' : `党员${i + 1}`, category: '正式党员', grade: '合格', disposal: '', note: '' }));
    const html = reviewResultsHtml(data);
    expect(html).not.toContain('<u>&七');
    const file = await htmlToPdf(browser, html);
    const pages = pdfPages(file);
    expect(pages).toBeGreaterThan(1);
    for (let p = 1; p <= pages; p++) {
      const page = squash(pdfText(file, p));
      // Every page with rows starts with the header; the summary may stand on a page of its own.
      if (/党员\d+/.test(page)) expect(page).toContain('序号姓名人员类别评议等次');
      else expect(page).toContain('评议等次统计');
    }
    const text = squash(pdfText(file));
    expect(text).toContain('孙<u>&七');
    expect(text).toContain('党员90');
  }, 60_000);
});
