// 党建实务 (items 1–3) against a real archive file: 结对共建 with its help log and totals,
// 五事工作法 step by step (order, dates, votes exceeding the voters, stopping), 组织生活 with attendance from
// the branch's list on the day (a non-member refused, a moved member counted where they were), attachments
// stored by hash, the yearly figures, the six-month absence rule in 待办, and the three A4 prints read back
// from Chromium's PDF. Every refusal leaves nothing written.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createOrg } from '../../electron/services/organizations/organizations';
import { createMember, updateMember } from '../../electron/services/members/members';
import { saveSubRecord } from '../../electron/services/members/subRecords';
import type { MemberInput } from '../../electron/services/members/memberRules';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { DomainError, ValidationError } from '../../electron/services/core/errors';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { addHelpEntry, correctHelpEntry, createPair, deleteHelpEntry, endPair, listPairs, pairingSummary, pairYearRecord } from '../../electron/services/practices/pairing';
import { carryOutMatter, discussMatter, getMatter, proposeMatter, stopMatter, superviseMatter, undoMatterStep, villageAffairsSummary, voteMatter } from '../../electron/services/practices/villageAffairs';
import { addMeetingFile, branchRosterOn, branchYear, correctMeeting, deleteMeeting, getMeeting, getMeetingFile, longAbsentees, recordMeeting } from '../../electron/services/practices/orgLife';
import { listAuditLog } from '../../electron/services/audit/auditViewer';
import { listReminders } from '../../electron/services/development/reminders';
import { affairsFunnelHtml, meetingMinutesHtml, pairYearHtml } from '../../electron/services/print/practicesHtml';
import { launchBrowser } from '../harness/browser';
import { htmlToPdf, pdfPageSize, pdfText } from '../support/pdf';
import { openTestArchive, type TestArchive } from '../support/tempArchive';

const TODAY = '2026-11-28';
let t: TestArchive;
let branchId: string;
let otherBranchId: string;
let seqNo = 500;
const ids: Record<string, string> = {};

function memberInput(over: Partial<MemberInput>): MemberInput {
  const birth = over.birthDate ?? '1970-03-04';
  return {
    name: '赵党员', gender: '1', idNumber: makeIdNumber('370783', birth, (seqNo += 2) + 1), ethnicity: '01', birthDate: birth, education: '50',
    category: 'formal', orgId: branchId, joinDate: '2000-07-01', fullDate: '2001-07-01', occupation: '2', ...over,
  };
}
const count = async (table: string) => (await t.archive.queryOne<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e.message;
    throw e;
  }
  throw new Error('expected a refusal');
}

beforeEach(async () => {
  t = await openTestArchive({ today: TODAY });
  branchId = (await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共后李村支部委员会', shortName: '后李村党支部', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' })).id;
  otherBranchId = (await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共前王村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' })).id;
  ids.zhao = (await createMember(t.ctx, memberInput({ name: '赵一' }))).id;
  ids.qian = (await createMember(t.ctx, memberInput({ name: '钱二' }))).id;
  ids.sun = (await createMember(t.ctx, memberInput({ name: '孙三' }))).id;
  ids.late = (await createMember(t.ctx, memberInput({ name: '李新', category: 'probationary', joinDate: '2026-06-01', fullDate: null }))).id;
  ids.other = (await createMember(t.ctx, memberInput({ name: '周外', orgId: otherBranchId }))).id;
});
afterEach(async () => {
  await t.close();
});

describe('结对共建', () => {
  it('a help entry typed wrongly is corrected, one recorded twice is deleted, each with its reason; the totals follow', async () => {
    const pair = await createPair(t.ctx, { name: '镇农技站—后李村结对', kind: 'dept_village', startDate: '2026-01-05', units: [{ role: 'helper', name: '镇农技站' }, { role: 'helped', name: '后李村', orgId: branchId }] });
    const wrong = await addHelpEntry(t.ctx, { pairId: pair.id, date: '2026-03-01', measures: 2, moneyFen: 5_000_000 });
    const twice = await addHelpEntry(t.ctx, { pairId: pair.id, date: '2026-04-01', measures: 1 });
    expect(await refusal(correctHelpEntry(t.ctx, wrong.id, { date: '2026-03-01', measures: 2, moneyFen: 500_000, reason: '' }))).toContain('请填写更正的原因');
    const fixed = await correctHelpEntry(t.ctx, wrong.id, { date: '2026-03-02', measures: 2, moneyFen: 500_000, reason: '资金多录了一个零' });
    expect(fixed).toMatchObject({ date: '2026-03-02', moneyFen: 500_000, pairId: pair.id });
    await deleteHelpEntry(t.ctx, twice.id, { reason: '重复登记' });
    const year = await pairYearRecord(t.ctx, pair.id, 2026);
    expect(year.entries.map((e) => e.id)).toEqual([wrong.id]);
    expect(year.pair.year).toMatchObject({ entries: 1, measures: 2, moneyFen: 500_000 });
    const lines = (await listAuditLog(t.ctx, { kind: 'pairing' })).rows;
    expect(lines.find((r) => r.action === 'pairing.help.correct')!.changes).toContain('帮扶资金:50000.00 元 → 5000.00 元');
    expect(lines.find((r) => r.action === 'pairing.help.delete')).toMatchObject({ actionLabel: '删除帮扶记录', changes: expect.stringContaining('原因:重复登记') });
  });

  it('keeps a pair with its units and joint organization, logs help and totals it per pair and per township by year', async () => {
    const joint = await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共县农业农村局后李村联合党总支', type: 'joint_general_branch', sector: 'rural', unitSituation: 'joint', formation: 'dept_village', units: [{ name: '县农业农村局', kind: 'department' }, { name: '后李村', kind: 'village' }] });
    const pair = await createPair(t.ctx, {
      name: '县农业农村局—后李村结对', kind: 'dept_village', startDate: '2025-03-01', jointOrgId: joint.id,
      units: [{ role: 'helper', name: '县农业农村局' }, { role: 'helped', name: '后李村', orgId: branchId }],
    });
    expect(pair.units).toHaveLength(2);
    expect(pair.jointOrgName).toBe('中共县农业农村局后李村联合党总支');
    await addHelpEntry(t.ctx, { pairId: pair.id, date: '2025-06-01', measures: 2, problemsSolved: 3, moneyFen: 1_000_000, cadresExchanged: 1 });
    await addHelpEntry(t.ctx, { pairId: pair.id, date: '2026-04-10', measures: 3, measuresText: '大棚改造、冷库', problemsSolved: 5, moneyFen: 5_000_000, goods: '化肥20吨', goodsFen: 6_000_000, cadresExchanged: 2, trainings: 1, trainees: 40 });
    await addHelpEntry(t.ctx, { pairId: pair.id, date: '2026-09-15', measures: 1, problemsSolved: 2, cadresExchanged: 3 });
    const second = await createPair(t.ctx, { name: '寿光蔬菜产业联建', kind: 'industry', startDate: '2026-01-05', units: [{ role: 'helper', name: '蔬菜合作社' }, { role: 'helped', name: '前王村', orgId: otherBranchId }, { role: 'helped', name: '后李村' }] });
    await addHelpEntry(t.ctx, { pairId: second.id, date: '2026-05-05', measures: 4, problemsSolved: 1, trainings: 2, trainees: 60 });

    const list = await listPairs(t.ctx, 2026);
    const first = list.find((p) => p.id === pair.id)!;
    expect(first.year).toEqual({ entries: 2, measures: 4, problemsSolved: 7, moneyFen: 5_000_000, goodsFen: 6_000_000, cadresExchanged: 5, trainings: 1, trainees: 40 });
    expect(first.all.measures).toBe(6);
    const s = await pairingSummary(t.ctx, 2026);
    expect(s.pairs).toBe(2);
    expect(s.totals).toMatchObject({ entries: 3, measures: 8, problemsSolved: 8, cadresExchanged: 5, trainings: 3, trainees: 100 });
    expect(s.byKind.find((k) => k.kind === 'industry')).toMatchObject({ pairs: 1, measures: 4 });
    expect((await pairingSummary(t.ctx, 2025)).totals.measures).toBe(2);
    expect((await pairingSummary(t.ctx, 2025)).pairs).toBe(1);
  });

  it('refuses an impossible pair or entry and writes nothing', async () => {
    expect(await refusal(createPair(t.ctx, { name: '', kind: 'x', startDate: '2026-02-30', units: [{ role: 'helper', name: '县委组织部' }] })))
      .toMatch(/请填写结对名称.*请选择结对形式.*结对日期“2026-02-30”不是有效日期.*至少要有一个受帮扶方/);
    const pair = await createPair(t.ctx, { name: '强村带弱村', kind: 'strong_weak', startDate: '2026-03-01', units: [{ role: 'helper', name: '东庄村' }, { role: 'helped', name: '后李村' }] });
    const before = await count('practice_help_entries');
    expect(await refusal(addHelpEntry(t.ctx, { pairId: pair.id, date: '2026-02-01', measures: 1 }))).toContain('帮扶日期(2026-02-01)不能早于结对日期(2026-03-01)');
    expect(await refusal(addHelpEntry(t.ctx, { pairId: pair.id, date: '2026-12-01', measures: 1 }))).toContain('不能晚于今天');
    expect(await refusal(addHelpEntry(t.ctx, { pairId: pair.id, date: '2026-04-01', measures: -1 }))).toContain('措施办法(项)应为0至');
    expect(await refusal(addHelpEntry(t.ctx, { pairId: pair.id, date: '2026-04-01' }))).toContain('这条帮扶记录是空的');
    expect(await refusal(addHelpEntry(t.ctx, { pairId: pair.id, date: '2026-04-01', trainees: 30 }))).toContain('请填写举办培训班的期数');
    expect(await count('practice_help_entries')).toBe(before);
    await endPair(t.ctx, { id: pair.id, endDate: '2026-06-30' });
    expect(await refusal(addHelpEntry(t.ctx, { pairId: pair.id, date: '2026-07-01', measures: 1 }))).toContain('晚于结对结束日期(2026-06-30)');
  });
});

describe('五事工作法', () => {
  it('takes a matter through the five steps in order, each step dated no earlier than the one before', async () => {
    let m = await proposeMatter(t.ctx, { orgId: branchId, title: '村内主街硬化', proposedBy: '村民代表 王五', date: '2026-03-02', proposal: '主街雨天泥泞' });
    expect(m.stage).toBe('proposed');
    expect(await refusal(voteMatter(t.ctx, { id: m.id, date: '2026-03-20', votersPresent: 30, votesFor: 20, votesAgainst: 5, votesAbstain: 5 }))).toContain('不能登记票决定事');
    expect(await refusal(discussMatter(t.ctx, { id: m.id, date: '2026-03-01', amended: true }))).toContain('议事日期(2026-03-01)不能早于提事日期(2026-03-02)');
    m = await discussMatter(t.ctx, { id: m.id, date: '2026-03-10', amended: true, outcome: '改为分两期实施' });
    expect(await refusal(voteMatter(t.ctx, { id: m.id, date: '2026-03-20', votersPresent: 30, votesFor: 20, votesAgainst: 8, votesAbstain: 5 })))
      .toContain('赞成 20、反对 8、弃权 5,合计 33 票,超过了到会人数 30');
    const audit = await count('audit_log');
    expect((await t.archive.queryOne<{ stage: string; vote_date: string | null }>('SELECT stage, vote_date FROM village_matters WHERE id = ?', [m.id]))).toEqual({ stage: 'discussed', vote_date: null });
    expect(await count('audit_log')).toBe(audit);
    m = await voteMatter(t.ctx, { id: m.id, date: '2026-03-20', votersPresent: 30, votesFor: 25, votesAgainst: 3, votesAbstain: 2 });
    expect([m.stage, m.passed]).toEqual(['voted', true]);
    expect(await refusal(carryOutMatter(t.ctx, { id: m.id, handler: '村委会主任', deadline: '2026-03-19' }))).toContain('办结期限(2026-03-19)不能早于票决日期(2026-03-20)');
    m = await carryOutMatter(t.ctx, { id: m.id, handler: '村委会主任 刘六', deadline: '2026-08-31' });
    expect(m.stage).toBe('voted');
    expect(m.overdue).toBe(true); // 2026-08-31 passed by 2026-11-28
    const r = await listReminders(t.ctx);
    expect(r.items.filter((i) => i.kind === 'matterOverdue').map((i) => [i.name, i.target])).toEqual([['村内主街硬化', 'villageMatter']]);
    m = await carryOutMatter(t.ctx, { id: m.id, handler: '村委会主任 刘六', deadline: '2026-08-31', doneDate: '2026-09-05' });
    expect(m.stage).toBe('done');
    expect((await listReminders(t.ctx)).counts.matterOverdue).toBe(0);
    expect(await refusal(superviseMatter(t.ctx, { id: m.id, date: '2026-09-01', madePublic: true }))).toContain('不能早于办结日期(2026-09-05)');
    expect(await refusal(superviseMatter(t.ctx, { id: m.id, date: '2026-09-10', madePublic: true, satisfaction: 120 }))).toContain('群众满意率(%)应为0至100');
    m = await superviseMatter(t.ctx, { id: m.id, date: '2026-09-10', madePublic: true, satisfaction: 96 });
    expect(m.stage).toBe('supervised');
    expect(await refusal(stopMatter(t.ctx, { id: m.id, date: '2026-10-01', reason: 'x' }))).toContain('已监事');
    expect((await verifyAuditChain(t.archive)).intact).toBe(true);
  });

  it('counts the funnel per village and for the township; a failed vote and a stopped matter end the road', async () => {
    const take = async (orgId: string, title: string, upTo: number, opts: { amended?: boolean; yes?: number } = {}) => {
      const m = await proposeMatter(t.ctx, { orgId, title, proposedBy: '党员 赵一', date: '2026-02-01' });
      if (upTo >= 2) await discussMatter(t.ctx, { id: m.id, date: '2026-02-10', amended: opts.amended ?? false });
      if (upTo >= 3) await voteMatter(t.ctx, { id: m.id, date: '2026-02-20', votersPresent: 20, votesFor: opts.yes ?? 15, votesAgainst: 20 - (opts.yes ?? 15), votesAbstain: 0 });
      if (upTo >= 4) await carryOutMatter(t.ctx, { id: m.id, handler: '支部书记', deadline: '2026-12-31', doneDate: '2026-06-01' });
      if (upTo >= 5) await superviseMatter(t.ctx, { id: m.id, date: '2026-06-10', madePublic: true, satisfaction: 90 });
      return m.id;
    };
    await take(branchId, 'A', 5, { amended: true });
    await take(branchId, 'B', 4);
    await take(branchId, 'C', 3, { yes: 10 }); // 10 of 20 is not more than half: rejected
    const stopped = await take(branchId, 'D', 1);
    await stopMatter(t.ctx, { id: stopped, date: '2026-02-05', reason: '与A事项合并' });
    await take(otherBranchId, 'E', 2, { amended: true });
    const s = await villageAffairsSummary(t.ctx, 2026);
    expect(s.township).toEqual({ proposed: 5, discussed: 4, amended: 2, voted: 3, passed: 2, done: 2, supervised: 1, stopped: 1, overdue: 0 });
    expect(s.villages.find((v) => v.orgId === branchId)).toMatchObject({ proposed: 4, discussed: 3, voted: 3, passed: 2 });
    expect((await villageAffairsSummary(t.ctx, 2025)).township.proposed).toBe(0);
    expect(await refusal(proposeMatter(t.ctx, { orgId: t.rootOrgId, title: 'x', proposedBy: 'y', date: '2026-01-01' }))).toContain('不是在用的党支部');
  });
});

describe('五事工作法 corrections', () => {
  it('the latest step is taken back with its reason: a wrong vote, a 终止 not decided; the start cannot be taken back', async () => {
    const m = await proposeMatter(t.ctx, { orgId: branchId, title: '村道硬化', proposedBy: '党员 赵一', date: '2026-02-01' });
    expect(await refusal(undoMatterStep(t.ctx, m.id, { reason: '误登记' }))).toContain('民主提事是事项的起点');
    await discussMatter(t.ctx, { id: m.id, date: '2026-02-10', amended: false });
    await voteMatter(t.ctx, { id: m.id, date: '2026-02-20', votersPresent: 20, votesFor: 8, votesAgainst: 12, votesAbstain: 0 });
    expect((await getMatter(t.ctx, m.id)).stage).toBe('rejected');
    expect(await refusal(undoMatterStep(t.ctx, m.id, { reason: ' ' }))).toContain('请填写撤回的原因');
    const back = await undoMatterStep(t.ctx, m.id, { reason: '赞成票和反对票录反了' });
    expect(back).toMatchObject({ stage: 'discussed', voteDate: null, votesFor: null, passed: null, discussedDate: '2026-02-10' });
    await voteMatter(t.ctx, { id: m.id, date: '2026-02-20', votersPresent: 20, votesFor: 12, votesAgainst: 8, votesAbstain: 0 });
    expect((await getMatter(t.ctx, m.id)).stage).toBe('voted');
    await stopMatter(t.ctx, { id: m.id, date: '2026-03-01', reason: '资金未落实' });
    expect(await undoMatterStep(t.ctx, m.id, { reason: '终止未经联席会议决定' })).toMatchObject({ stage: 'voted', stopDate: null, stopReason: null });
    expect((await villageAffairsSummary(t.ctx, 2026)).township).toMatchObject({ voted: 1, passed: 1, stopped: 0 });
    const line = (await listAuditLog(t.ctx, { kind: 'affairs' })).rows.find((r) => r.action === 'affairs.undo')!;
    expect(line.actionLabel).toBe('撤回五事工作法步骤');
    expect(line.changes).toContain('原因:');
    expect(line.changes).not.toMatch(/[A-Za-z]{3,}/);
  });
});

describe('组织生活', () => {
  it('a meeting recorded wrongly is corrected (date, topic, attendance) and one never held is deleted, each with its reason; the figures follow', async () => {
    const m = await recordMeeting(t.ctx, { orgId: branchId, kind: 'congress', date: '2026-03-10', topic: '学习会', presidedBy: '赵一', attendance: [{ memberId: ids.zhao, status: 'present' }, { memberId: ids.qian, status: 'present' }] });
    expect(m).toMatchObject({ present: 2, absent: 1 });
    expect(await refusal(correctMeeting(t.ctx, m.id, { kind: 'congress', date: '2026-03-12', topic: '学习会', presidedBy: '赵一', attendance: [], reason: ' ' }))).toContain('请填写更正的原因');
    const fixed = await correctMeeting(t.ctx, m.id, {
      kind: 'congress', date: '2026-03-12', topic: '学习贯彻全会精神', presidedBy: '赵一',
      attendance: [{ memberId: ids.zhao, status: 'present' }, { memberId: ids.qian, status: 'leave', reason: '外出务工' }], reason: '会议日期和出勤登记错了',
    });
    expect(fixed).toMatchObject({ date: '2026-03-12', topic: '学习贯彻全会精神', present: 1, leave: 1, absent: 1 });
    expect(fixed.attendance.find((a) => a.memberId === ids.qian)).toMatchObject({ status: 'leave', reason: '外出务工' });
    const year = await branchYear(t.ctx, branchId, 2026);
    expect(year.kinds.find((k) => k.kind === 'congress')!.held).toBe(1);

    await deleteMeeting(t.ctx, m.id, { reason: '重复登记' });
    expect((await branchYear(t.ctx, branchId, 2026)).kinds.find((k) => k.kind === 'congress')!.held).toBe(0);
    expect(await count('org_meeting_attendance')).toBe(0);
    const lines = (await listAuditLog(t.ctx, { kind: 'orglife' })).rows;
    expect(lines.find((r) => r.action === 'orglife.correct')!.changes).toContain('原因:会议日期和出勤登记错了');
    const deleted = lines.find((r) => r.action === 'orglife.delete')!;
    expect(deleted.actionLabel).toBe('删除会议记录');
    expect(deleted.changes).toContain('主题:学习贯彻全会精神');
    expect(deleted.changes).toContain('赵一');
    expect(deleted.changes).toContain('原因:重复登记');
    expect((await verifyAuditChain(t.archive)).intact).toBe(true);
  });

  it('marks the branch committee of the day: a 书记 by job title, a 委员 by a post held then, not a 村委会 post nor a post that ended', async () => {
    await updateMember(t.ctx, ids.zhao, { jobTitle: '村党支部书记兼村委会主任' });
    await saveSubRecord(t.ctx, { memberId: ids.qian, kind: 'posts', values: { title: '组织委员', fromDate: '2024-01-01', toDate: '2026-04-01' } });
    await saveSubRecord(t.ctx, { memberId: ids.sun, kind: 'posts', values: { title: '村委会委员', fromDate: '2024-01-01' } });
    const on = async (date: string) => Object.fromEntries((await branchRosterOn(t.ctx, branchId, date)).map((m) => [m.name, m.committee]));
    expect(await on('2026-03-01')).toEqual({ 赵一: true, 钱二: true, 孙三: false });
    expect(await on('2026-05-01')).toEqual({ 赵一: true, 钱二: false, 孙三: false });
  });

  it('takes attendance from the branch list on the day: a non-member is refused, the unmarked are absent, a moved member counts where they were', async () => {
    expect((await branchRosterOn(t.ctx, branchId, '2026-03-01')).map((m) => m.name).sort()).toEqual(['孙三', '赵一', '钱二'].sort());
    const before = await count('org_meetings');
    const refused = await refusal(recordMeeting(t.ctx, {
      orgId: branchId, kind: 'congress', date: '2026-03-01', topic: '学习传达', presidedBy: '赵一',
      attendance: [{ memberId: ids.zhao, status: 'present' }, { memberId: ids.other, status: 'present' }, { memberId: ids.late, status: 'present' }],
    }));
    expect(refused).toContain('周外在 2026-03-01 不是“中共后李村支部委员会”的党员');
    expect(refused).toContain('李新在 2026-03-01 不是');
    expect(await count('org_meetings')).toBe(before);
    expect(await count('org_meeting_attendance')).toBe(0);
    expect(await refusal(recordMeeting(t.ctx, { orgId: branchId, kind: 'congress', date: '2026-13-01', topic: 'x', presidedBy: 'y', attendance: [] }))).toContain('会议日期“2026-13-01”不是有效日期');
    expect(await refusal(recordMeeting(t.ctx, { orgId: branchId, kind: 'congress', date: '2026-03-01', topic: 'x', presidedBy: 'y', attendance: [{ memberId: ids.zhao, status: 'late' }] }))).toContain('出席、请假或缺席');

    const m = await recordMeeting(t.ctx, {
      orgId: branchId, kind: 'congress', date: '2026-03-01', topic: '学习传达全会精神', presidedBy: '赵一', place: '村党员活动室', minutes: '一、学习全会精神\n二、讨论发展计划',
      attendance: [{ memberId: ids.zhao, status: 'present' }, { memberId: ids.qian, status: 'leave', reason: '外出务工' }],
    });
    expect([m.present, m.leave, m.absent]).toEqual([1, 1, 1]);
    expect(m.attendance.find((a) => a.name === '孙三')!.status).toBe('absent');
    // 钱二 moves to the other branch today: on 2026-03-01 they were still in 后李村.
    await updateMember(t.ctx, ids.qian, { orgId: otherBranchId });
    expect((await branchRosterOn(t.ctx, branchId, '2026-03-01')).map((x) => x.name)).toContain('钱二');
    expect((await branchRosterOn(t.ctx, branchId, TODAY)).map((x) => x.name)).not.toContain('钱二');
    expect((await branchRosterOn(t.ctx, otherBranchId, TODAY)).map((x) => x.name)).toContain('钱二');
  });

  it('stores attachments by hash beside the archive and reads them back checked', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% sign-in sheet\n');
    const m = await recordMeeting(t.ctx, {
      orgId: branchId, kind: 'lecture', date: '2026-04-01', topic: '书记讲党课', presidedBy: '赵一', attendance: [{ memberId: ids.zhao, status: 'present' }],
      files: [{ fileName: '签到表.pdf', mime: 'application/pdf', contentBase64: pdf.toString('base64') }],
    });
    expect(m.files).toHaveLength(1);
    const stored = path.join(t.dir, 'files', m.files[0].sha256);
    expect(fs.readFileSync(stored)).toEqual(pdf);
    expect(Buffer.from((await getMeetingFile(t.ctx, m.files[0].id)).contentBase64, 'base64')).toEqual(pdf);
    expect(await refusal(addMeetingFile(t.ctx, { meetingId: m.id, fileName: 'x.pdf', mime: 'application/pdf', contentBase64: Buffer.from('not a pdf').toString('base64') }))).toContain('内容不是 PDF');
    fs.writeFileSync(stored, 'tampered');
    await expect(getMeetingFile(t.ctx, m.files[0].id)).rejects.toThrow('已损坏');
    expect((await getMeeting(t.ctx, m.id)).files).toHaveLength(1);
  });

  it('counts held against expected per branch and year, each member’s rate, and lists six months of unexcused absence in 待办', async () => {
    const meet = (kind: string, date: string, present: string[], leave: string[] = []) =>
      recordMeeting(t.ctx, { orgId: branchId, kind, date, topic: `${kind} ${date}`, presidedBy: '赵一', attendance: [...present.map((k) => ({ memberId: ids[k], status: 'present' })), ...leave.map((k) => ({ memberId: ids[k], status: 'leave', reason: '病假' }))] });
    await meet('congress', '2026-01-10', ['zhao', 'qian', 'sun']);
    await meet('congress', '2026-04-10', ['zhao', 'qian']); // 孙三 absent from here on
    await meet('lecture', '2026-04-20', ['zhao'], ['qian']);
    await meet('congress', '2026-07-10', ['zhao', 'qian']);
    await meet('congress', '2026-10-10', ['zhao', 'qian', 'late']);
    await recordMeeting(t.ctx, { orgId: branchId, kind: 'committee', date: '2026-05-05', topic: '支委会', presidedBy: '赵一', attendance: [{ memberId: ids.zhao, status: 'present' }, { memberId: ids.qian, status: 'present' }] });
    const y = await branchYear(t.ctx, branchId, 2026);
    expect(y.kinds.map((k) => [k.label, k.held, k.expected, k.expectedToDate])).toEqual([['支部党员大会', 4, 4, 3], ['支委会', 1, 12, 11], ['党小组会', 0, 12, 11], ['党课', 1, 4, 3], ['主题党日', 0, null, null]]);
    expect((await branchYear(t.ctx, branchId, 2025)).kinds[0]).toMatchObject({ held: 0, expected: 4, expectedToDate: 4 });
    const rate = (name: string) => y.members.find((m) => m.name === name)!;
    expect(rate('赵一')).toMatchObject({ meetings: 6, present: 6, rate: 100 });
    expect(rate('钱二')).toMatchObject({ meetings: 6, present: 5, leave: 1, rate: 83.3 });
    expect(rate('孙三')).toMatchObject({ meetings: 5, present: 1, absent: 4, rate: 20 });
    expect(rate('李新')).toMatchObject({ meetings: 2, present: 1, absent: 1 }); // on the list only from 2026-06-01, when they joined
    const absent = await longAbsentees(t.ctx);
    expect(absent.map((a) => [a.name, a.firstAbsent, a.absences, a.lastAttended])).toEqual([['孙三', '2026-04-10', 4, '2026-01-10']]);
    const r = await listReminders(t.ctx);
    expect(r.items.filter((i) => i.kind === 'orgLifeAbsent').map((i) => i.name)).toEqual(['孙三']);
    // One day less than six months since the first absence: not yet listed.
    expect(await longAbsentees({ ...t.ctx, today: '2026-10-09' })).toEqual([]);
    expect((await longAbsentees({ ...t.ctx, today: '2026-10-10' })).map((a) => a.name)).toEqual(['孙三']);
  });
});

describe('prints (A4 PDF from Chromium, read back with pdftotext)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('meeting minutes with attendance, a pair’s yearly record and the township funnel', async () => {
    const m = await recordMeeting(t.ctx, {
      orgId: branchId, kind: 'congress', date: '2026-03-01', topic: '学习传达全会精神', presidedBy: '赵一', place: '村党员活动室', minutes: '一、学习全会精神',
      attendance: [{ memberId: ids.zhao, status: 'present' }, { memberId: ids.qian, status: 'leave', reason: '外出务工' }],
    });
    const minutes = await htmlToPdf(browser, meetingMinutesHtml(m, '东城镇'));
    const size = pdfPageSize(minutes); // A4: 595 × 842 pt
    expect(Math.abs(size.width - 595.3)).toBeLessThan(2);
    expect(Math.abs(size.height - 841.9)).toBeLessThan(2);
    const text = pdfText(minutes).replace(/\s+/g, '');
    expect(text).toContain('支部党员大会会议记录');
    expect(text).toContain('出席人员赵一');
    expect(text).toContain('钱二(外出务工)');
    expect(text).toContain('缺席人员孙三');
    expect(text).toContain('实到人数1人(请假1人,缺席1人)');

    const pair = await createPair(t.ctx, { name: '县农业农村局—后李村结对', kind: 'dept_village', startDate: '2025-03-01', units: [{ role: 'helper', name: '县农业农村局' }, { role: 'helped', name: '后李村' }] });
    await addHelpEntry(t.ctx, { pairId: pair.id, date: '2026-04-10', measures: 3, measuresText: '大棚改造', problemsSolved: 5, moneyFen: 5_000_000, cadresExchanged: 2 });
    const pairPdf = pdfText(await htmlToPdf(browser, pairYearHtml(await pairYearRecord(t.ctx, pair.id, 2026), '东城镇'))).replace(/\s+/g, '');
    expect(pairPdf).toContain('城乡结对共建年度记录');
    expect(pairPdf).toContain('50000.00');
    expect(pairPdf).toContain('本年合计(1次)3项');

    const a = await proposeMatter(t.ctx, { orgId: branchId, title: '修建文化广场', proposedBy: '村民 王五', date: '2026-02-01' });
    await discussMatter(t.ctx, { id: a.id, date: '2026-02-10', amended: true });
    const funnel = pdfText(await htmlToPdf(browser, affairsFunnelHtml(await villageAffairsSummary(t.ctx, 2026), 2026, '东城镇'))).replace(/\s+/g, '');
    expect(funnel).toContain('五事工作法”运行情况统计');
    expect(funnel).toContain('民主提事1件,其中1件经联席会议讨论审议,对1个议题进行了修改完善');
    expect(funnel).toContain('中共后李村支部委员会');
  });
});

it('a matter’s step refused with a conflict names the stage', async () => {
  t = await openTestArchive({ today: TODAY });
  try {
    const b = (await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共东村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' })).id;
    const m = await proposeMatter(t.ctx, { orgId: b, title: '修路', proposedBy: '王五', date: '2026-01-01' });
    const err = await superviseMatter(t.ctx, { id: m.id, date: '2026-01-02', madePublic: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).not.toBeInstanceOf(ValidationError);
    expect((err as Error).message).toContain('“修路”目前已提事,待议事,不能登记制度监事');
  } finally {
    await t.close();
  }
});
