// A member's whole life against a real archive file: sub-records, 预备期, transfers, mobile, lost,
// 档案材料, status views and history. Each rule with a valid and an invalid case; refused operations
// write nothing (history, audit and counts unchanged).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrg } from '../../electron/services/organizations/organizations';
import { createMember, exitMember, getMember } from '../../electron/services/members/members';
import type { MemberInput } from '../../electron/services/members/memberRules';
import { listMembers, memberCounts } from '../../electron/services/members/memberQuery';
import { memberHistory } from '../../electron/services/members/memberEvents';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { DomainError, ValidationError } from '../../electron/services/core/errors';
import { deleteSubRecord, listSubRecords, saveSubRecord } from '../../electron/services/members/subRecords';
import { cancelProbation, checkVote, confirmFullMembership, extendProbation, probationStatus } from '../../electron/services/members/life/probation';
import { cancelTransferOut, listTransfers, recordTransferReceipt, transferIn, transferOut, transferWithinTownship } from '../../electron/services/members/life/transfers';
import { endMobile, mobileRoster, startMobile } from '../../electron/services/members/life/mobileMembers';
import { lostReview, markFound, markLost, restoreMembership, suspendMembership } from '../../electron/services/members/life/lostContact';
import { addMemberFile, getMemberFileContent, listMemberFiles, removeMemberFile } from '../../electron/services/members/memberFiles';
import { getLifeRules, setLifeRules } from '../../electron/services/core/settings';
import { addMonths } from '../../electron/services/members/life/lifeCommon';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { setDevRule } from '../../electron/services/development/rules';

const TODAY = '2026-11-28';
let t: TestArchive;
let branchId: string;
let otherBranchId: string;
let seqNo = 100;

beforeEach(async () => {
  t = await openTestArchive({ today: TODAY });
  const general = await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共前李村总支部委员会', type: 'general_branch', sector: 'rural', unitSituation: 'legal_entity' });
  branchId = (await createOrg(t.ctx, { parentId: general.id, name: '中共前李村第一支部委员会', type: 'branch', sector: 'rural', unitSituation: 'same_as_parent' })).id;
  otherBranchId = (await createOrg(t.ctx, { parentId: general.id, name: '中共前李村第二支部委员会', type: 'branch', sector: 'rural', unitSituation: 'same_as_parent' })).id;
});
afterEach(async () => {
  await t.close();
});

function person(over: Partial<MemberInput> = {}): MemberInput {
  const birth = over.birthDate ?? '1980-05-04';
  return {
    name: '王五', gender: '1', idNumber: makeIdNumber('370783', birth, (seqNo += 2) + 1), ethnicity: '01', birthDate: birth, education: '50',
    category: 'formal', orgId: branchId, joinDate: '2001-07-01', fullDate: '2002-07-01', occupation: '2', ...over,
  };
}
const probationary = (joinDate = '2025-06-10') => createMember(t.ctx, person({ category: 'probationary', joinDate, fullDate: null }));

async function problemsOf(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ValidationError) return Object.fromEntries(e.issues.map((i) => [i.field, i.message]));
    throw e;
  }
  throw new Error('expected a validation error');
}
async function conflictOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError && e.code === 'conflict') return e.message;
    throw e;
  }
  throw new Error('expected a conflict');
}
/** Everything a refused operation must leave untouched. */
async function snapshot() {
  const audit = await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM audit_log');
  const events = await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM member_events');
  const counter = await t.archive.queryOne<{ v: number }>("SELECT value AS v FROM counters WHERE name = 'change'");
  return { audit: audit?.n, events: events?.n, seq: counter?.v, counts: await memberCounts(t.ctx) };
}
const vote = (entitled: number, present: number, yes: number, no = 0, abstain = present - yes - no) => ({ entitled, present, yes, no, abstain });

describe('sub-records', () => {
  it('adds, edits and deletes a post, each a history event with before → after and an audit entry', async () => {
    const m = await createMember(t.ctx, person());
    const post = await saveSubRecord(t.ctx, { memberId: m.id, kind: 'posts', values: { title: '村党支部书记', unit: '前李村', fromDate: '2015-03-01', toDate: null } });
    expect(post.values).toMatchObject({ title: '村党支部书记', fromDate: '2015-03-01', toDate: null });
    await saveSubRecord(t.ctx, { memberId: m.id, kind: 'posts', id: post.id, values: { ...post.values, toDate: '2021-03-01' } });
    const edit = (await memberHistory(t.archive, m.id)).find((e) => e.summary.startsWith('修改职务'))!;
    expect(edit.before).toMatchObject({ toDate: null });
    expect(edit.after).toMatchObject({ toDate: '2021-03-01' });
    await deleteSubRecord(t.ctx, 'posts', post.id, '录入错误');
    expect(await listSubRecords(t.ctx, m.id, 'posts')).toEqual([]);
    const del = (await memberHistory(t.archive, m.id)).find((e) => e.summary.startsWith('删除职务'))!;
    expect(del.before).toMatchObject({ title: '村党支部书记' });
    const audit = await t.archive.query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'member_posts' ORDER BY id");
    expect(audit.map((a) => a.action)).toEqual(['subrecord.create', 'subrecord.update', 'subrecord.delete']);
    expect((await verifyAuditChain(t.archive)).intact).toBe(true);
  });

  it('refuses a post ending before it began, a future date and a missing title, naming each field; nothing written', async () => {
    const m = await createMember(t.ctx, person());
    const before = await snapshot();
    const p = await problemsOf(saveSubRecord(t.ctx, { memberId: m.id, kind: 'posts', values: { title: '', fromDate: '2020-01-01', toDate: '2019-12-31' } }));
    expect(p.title).toContain('职务名称');
    expect(p.toDate).toContain('免职日期不能早于任职日期');
    const f = await problemsOf(saveSubRecord(t.ctx, { memberId: m.id, kind: 'rewards', values: { kind: 'reward', name: '优秀共产党员', date: '2027-01-01' } }));
    expect(f.date).toContain('不能晚于今天');
    const c = await problemsOf(saveSubRecord(t.ctx, { memberId: m.id, kind: 'rewards', values: { kind: 'medal', name: '优秀共产党员', date: '2020-07-01' } }));
    expect(c.kind).toContain('奖惩类别');
    expect(await snapshot()).toEqual(before);
  });

  it('family, abroad and training records with their own rules', async () => {
    const m = await createMember(t.ctx, person());
    await saveSubRecord(t.ctx, { memberId: m.id, kind: 'family', values: { relation: 'spouse', name: '李梅', birthDate: '1982-02-02', politicalStatus: 'masses' } });
    expect((await problemsOf(saveSubRecord(t.ctx, { memberId: m.id, kind: 'family', values: { relation: 'cousin', name: '' } }))).name).toContain('姓名');
    await saveSubRecord(t.ctx, { memberId: m.id, kind: 'abroad', values: { destination: '日本', purpose: 'work', fromDate: '2018-04-01', toDate: '2020-04-01' } });
    expect((await problemsOf(saveSubRecord(t.ctx, { memberId: m.id, kind: 'abroad', values: { destination: '日本', purpose: 'work', fromDate: '1970-04-01' } }))).fromDate).toContain('出生日期');
    await saveSubRecord(t.ctx, { memberId: m.id, kind: 'trainings', values: { title: '党员冬训', fromDate: '2025-12-01', toDate: '2025-12-03', hours: 24 } });
    expect((await problemsOf(saveSubRecord(t.ctx, { memberId: m.id, kind: 'trainings', values: { title: '党员冬训', fromDate: '2025-12-01', hours: -3 } }))).hours).toContain('学时');
  });

  it('an open hardship puts the member under 困难党员; closing it takes them out', async () => {
    const m = await createMember(t.ctx, person());
    const h = await saveSubRecord(t.ctx, { memberId: m.id, kind: 'hardships', values: { kind: 'illness', level: 'special', since: '2024-03-01' } });
    expect((await memberCounts(t.ctx)).hardship).toBe(1);
    expect((await listMembers(t.ctx, { startRow: 0, endRow: 10, view: 'hardship' })).rows.map((r) => r.id)).toEqual([m.id]);
    expect((await problemsOf(saveSubRecord(t.ctx, { memberId: m.id, kind: 'hardships', values: { kind: 'illness', level: 'extreme', since: '2024-03-01' } }))).level).toContain('困难程度');
    await saveSubRecord(t.ctx, { memberId: m.id, kind: 'hardships', id: h.id, values: { ...h.values, endDate: '2026-01-01' } });
    expect((await memberCounts(t.ctx)).hardship).toBe(0);
    expect((await getMember(t.ctx, m.id)).isHardship).toBe(false);
  });
});

describe('预备期', () => {
  it('checks the 支部大会 vote: exactly half present or voting yes is refused, one more passes', () => {
    expect(checkVote(vote(10, 6, 6))).toEqual([]);
    expect(checkVote(vote(10, 5, 5)).map((p) => p.field)).toEqual(['present', 'yes']);
    expect(checkVote(vote(10, 8, 5, 3)).map((p) => p.field)).toEqual(['yes']);
    expect(checkVote(vote(10, 11, 6, 0, 5)).map((p) => p.field)).toContain('present');
    expect(checkVote({ entitled: 10, present: 8, yes: 6, no: 2, abstain: 1 }).map((p) => p.field)).toEqual(['abstain']);
  });

  it('probation ends exactly one year after the 支部大会 that admitted the member (29 Feb → 28 Feb)', async () => {
    const m = await probationary('2024-02-29');
    expect((await probationStatus(t.ctx, m.id)).probationEnd).toBe('2025-02-28');
  });

  it('转正 on the day probation ends is fine; a day earlier is refused, nothing written', async () => {
    const early = await probationary('2025-06-10');
    const before = await snapshot();
    const p = await problemsOf(confirmFullMembership(t.ctx, early.id, { meetingDate: '2026-06-09', vote: vote(20, 15, 14) }));
    expect(p.meetingDate).toContain('预备期未满');
    expect(p.meetingDate).toContain('2026-06-10');
    expect(await snapshot()).toEqual(before);
    const done = await confirmFullMembership(t.ctx, early.id, { meetingDate: '2026-06-10', vote: vote(20, 15, 14) });
    expect(done).toMatchObject({ category: 'formal', fullDate: '2026-06-10' });
    const ev = (await memberHistory(t.archive, early.id)).find((e) => e.kind === 'probation')!;
    expect(ev).toMatchObject({ kind: 'probation', eventDate: '2026-06-10' });
    expect(ev.before).toMatchObject({ category: 'probationary' });
  });

  it('refuses 转正 before admission, with a failed vote, and for a formal member', async () => {
    const m = await probationary('2025-06-10');
    expect((await problemsOf(confirmFullMembership(t.ctx, m.id, { meetingDate: '2025-01-01', vote: vote(20, 15, 14) }))).meetingDate).toContain('不能早于入党日期');
    expect((await problemsOf(confirmFullMembership(t.ctx, m.id, { meetingDate: '2026-07-01', vote: vote(20, 15, 10) }))).yes).toContain('超过应到会有表决权党员的半数');
    const formal = await createMember(t.ctx, person());
    expect(await conflictOf(confirmFullMembership(t.ctx, formal.id, { meetingDate: '2026-07-01', vote: vote(20, 15, 14) }))).toContain('不是预备党员');
  });

  it('延长预备期: 6 and 12 months accepted, 5 and 13 refused, a second extension refused', async () => {
    for (const months of [5, 13]) {
      const m = await probationary();
      expect((await problemsOf(extendProbation(t.ctx, m.id, { meetingDate: '2026-06-12', months, vote: vote(9, 7, 5) }))).months).toContain('6至12个月');
    }
    const six = await probationary('2025-06-10');
    await extendProbation(t.ctx, six.id, { meetingDate: '2026-06-12', months: 6, vote: vote(9, 7, 5) });
    expect((await probationStatus(t.ctx, six.id)).probationEnd).toBe('2026-12-10');
    const twelve = await probationary('2025-06-10');
    await extendProbation(t.ctx, twelve.id, { meetingDate: '2026-06-12', months: 12, vote: vote(9, 7, 5) });
    expect((await probationStatus(t.ctx, twelve.id)).probationEnd).toBe('2027-06-10');
    const before = await snapshot();
    expect((await problemsOf(extendProbation(t.ctx, twelve.id, { meetingDate: '2026-07-12', months: 6, vote: vote(9, 7, 5) }))).months).toContain('只能延长一次');
    expect(await snapshot()).toEqual(before);
    // 转正 now waits for the extended end.
    expect((await problemsOf(confirmFullMembership(t.ctx, six.id, { meetingDate: '2026-11-01', vote: vote(9, 7, 5) }))).meetingDate).toContain('2026-12-10');
  });

  it('延长预备期 follows the administrator’s rule for its range', async () => {
    await setDevRule(t.ctx, { key: 'extensionMonths', value: 3, maxValue: 9, advisory: false });
    const m = await probationary('2025-06-10');
    expect((await problemsOf(extendProbation(t.ctx, m.id, { meetingDate: '2026-06-12', months: 10, vote: vote(9, 7, 5) }))).months).toContain('3至9个月');
    await extendProbation(t.ctx, m.id, { meetingDate: '2026-06-12', months: 4, vote: vote(9, 7, 5) });
    expect((await probationStatus(t.ctx, m.id)).probationEnd).toBe('2026-10-10');
  });

  it('取消预备党员资格 is a decision and an exit in one transaction; a failed vote writes neither', async () => {
    const m = await probationary();
    const before = await snapshot();
    expect((await problemsOf(cancelProbation(t.ctx, m.id, { meetingDate: '2026-06-20', vote: vote(10, 5, 5) }))).present).toBeDefined();
    expect(await snapshot()).toEqual(before);
    const r = await cancelProbation(t.ctx, m.id, { meetingDate: '2026-06-20', vote: vote(10, 8, 7), note: '不履行党员义务' });
    expect(r).toMatchObject({ exitReason: 'probation_cancelled', exitDate: '2026-06-20' });
    expect((await probationStatus(t.ctx, m.id)).decisions.map((d) => d.kind)).toEqual(['cancel']);
    expect((await memberCounts(t.ctx)).exitedByReason.probation_cancelled).toBe(1);
  });
});

describe('组织关系转接', () => {
  it('within the township: a branch change recorded as an event; the same branch or a date before joining is refused', async () => {
    const m = await createMember(t.ctx, person());
    expect((await problemsOf(transferWithinTownship(t.ctx, m.id, { toOrgId: branchId, date: '2026-03-01' }))).toOrgId).toContain('相同');
    expect((await problemsOf(transferWithinTownship(t.ctx, m.id, { toOrgId: otherBranchId, date: '2000-03-01' }))).date).toContain('不能早于入党日期');
    const moved = await transferWithinTownship(t.ctx, m.id, { toOrgId: otherBranchId, date: '2026-03-01' });
    expect(moved.orgId).toBe(otherBranchId);
    const ev = (await memberHistory(t.archive, m.id)).find((e) => e.kind === 'transfer')!;
    expect(ev.summary).toContain('第一支部委员会 → 中共前李村第二支部委员会');
    expect(ev.before).toEqual({ orgId: branchId });
  });

  it('out: numbered letters per year, pending until the 回执, then exited as 组织关系转出', async () => {
    const a = await createMember(t.ctx, person({ name: '甲' }));
    const b = await createMember(t.ctx, person({ name: '乙' }));
    const c = await createMember(t.ctx, person({ name: '丙' }));
    const la = await transferOut(t.ctx, a.id, { date: '2025-12-30', destination: '中共寿光市古城街道委员会', duesPaidTo: '2025-12' });
    const lb = await transferOut(t.ctx, b.id, { date: '2026-01-05', destination: '中共潍坊市奎文区委组织部', duesPaidTo: '2025-12' });
    const lc = await transferOut(t.ctx, c.id, { date: '2026-02-01', destination: '中共青岛市市北区委组织部', duesPaidTo: '2026-01', validityMonths: 2 });
    expect([la.letterNumber, lb.letterNumber, lc.letterNumber]).toEqual(['〔2025〕第001号', '〔2026〕第001号', '〔2026〕第002号']);
    expect(la.validUntil).toBe('2026-03-30');
    expect(lc.validUntil).toBe('2026-04-01');
    let counts = await memberCounts(t.ctx);
    expect(counts).toMatchObject({ roll: 3, transferPending: 3 });
    expect((await listMembers(t.ctx, { startRow: 0, endRow: 10, view: 'transferPending' })).total).toBe(3);
    expect((await listTransfers(t.ctx, { pending: true })).length).toBe(3);

    expect((await problemsOf(recordTransferReceipt(t.ctx, la.id, { date: '2025-12-01' }))).date).toContain('不能早于介绍信开出日期');
    const done = await recordTransferReceipt(t.ctx, la.id, { date: '2026-01-10' });
    expect(done).toMatchObject({ exitReason: 'transfer_out', exitDate: '2026-01-10', transferPending: false });
    counts = await memberCounts(t.ctx);
    expect(counts).toMatchObject({ roll: 2, transferPending: 2, exited: 1 });
    expect(counts.exitedByReason.transfer_out).toBe(1);
    expect(await conflictOf(recordTransferReceipt(t.ctx, la.id, { date: '2026-01-11' }))).toContain('已完成');

    await cancelTransferOut(t.ctx, lb.id, { date: '2026-02-01', reason: '接收单位不接收' });
    expect((await memberCounts(t.ctx)).transferPending).toBe(1);
  });

  it('refuses a transfer of an exited member, a second letter, a transfer before joining and bad dues; nothing written', async () => {
    const m = await createMember(t.ctx, person());
    await exitMember(t.ctx, m.id, { reason: 'death', date: '2026-01-01' });
    expect(await conflictOf(transferOut(t.ctx, m.id, { date: '2026-02-01', destination: 'X', duesPaidTo: '2026-01' }))).toContain('不能办理组织关系转出');
    const n = await createMember(t.ctx, person());
    const before = await snapshot();
    const p = await problemsOf(transferOut(t.ctx, n.id, { date: '2000-02-01', destination: '', duesPaidTo: '2026-13' }));
    expect(p.date).toContain('不能早于入党日期');
    expect(p.destination).toContain('转往');
    expect(p.duesPaidTo).toContain('YYYY-MM');
    expect(await snapshot()).toEqual(before);
    await transferOut(t.ctx, n.id, { date: '2026-02-01', destination: 'X', duesPaidTo: '2026-01' });
    expect(await conflictOf(transferOut(t.ctx, n.id, { date: '2026-02-02', destination: 'Y', duesPaidTo: '2026-01' }))).toContain('等待回执');
    expect(await conflictOf(transferWithinTownship(t.ctx, n.id, { toOrgId: otherBranchId, date: '2026-02-02' }))).toContain('等待回执');
  });

  it('the letter validity is a rule the office can change (default 3 months)', async () => {
    expect((await getLifeRules(t.ctx)).letterValidityMonths).toBe(3);
    await setLifeRules(t.ctx, { letterValidityMonths: 2 });
    const m = await createMember(t.ctx, person());
    expect((await transferOut(t.ctx, m.id, { date: '2026-05-31', destination: 'X', duesPaidTo: '2026-05' })).validUntil).toBe('2026-07-31');
    expect((await problemsOf(setLifeRules(t.ctx, { letterValidityMonths: 0 }))).letterValidityMonths).toBeDefined();
  });

  it('in: a newcomer gets a record; a returning member (same ID number) gets the old one back with its history', async () => {
    const fresh = person({ name: '新来' });
    const r = await transferIn(t.ctx, { date: '2026-03-01', letterNumber: '寿组转〔2026〕15号', origin: '中共寿光市委组织部', orgId: branchId, member: fresh });
    expect(r.returning).toBe(false);
    expect(r.transfer).toMatchObject({ direction: 'in', origin: '中共寿光市委组织部', letterNumber: '寿组转〔2026〕15号' });

    const m = await createMember(t.ctx, person({ name: '回来' }));
    await saveSubRecord(t.ctx, { memberId: m.id, kind: 'posts', values: { title: '村委委员', fromDate: '2010-01-01' } });
    const letter = await transferOut(t.ctx, m.id, { date: '2025-01-10', destination: '中共寿光市古城街道委员会', duesPaidTo: '2024-12' });
    await recordTransferReceipt(t.ctx, letter.id, { date: '2025-02-01' });
    expect((await problemsOf(transferIn(t.ctx, { date: '2025-01-15', letterNumber: 'X1', origin: '古城街道', orgId: otherBranchId, member: { idNumber: m.idNumber } }))).date).toContain('不能早于其转出本镇的日期');
    const back = await transferIn(t.ctx, { date: '2026-04-01', letterNumber: '古组转〔2026〕3号', origin: '中共寿光市古城街道委员会', orgId: otherBranchId, member: { idNumber: m.idNumber, phone: '13900001111' } });
    expect(back.returning).toBe(true);
    expect(back.member).toMatchObject({ id: m.id, exitReason: null, orgId: otherBranchId, phone: '13900001111' });
    const same = await t.archive.query('SELECT id FROM members WHERE id_number = ?', [m.idNumber]);
    expect(same).toHaveLength(1);
    const kinds = (await memberHistory(t.archive, m.id)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['created', 'subrecord', 'transfer', 'exited', 'restored', 'edited']));
    expect(await listSubRecords(t.ctx, m.id, 'posts')).toHaveLength(1);
  });

  it('in: an ID number already on the roll is refused as a duplicate, nothing written', async () => {
    const m = await createMember(t.ctx, person());
    const before = await snapshot();
    const p = await problemsOf(transferIn(t.ctx, { date: '2026-03-01', letterNumber: 'A1', origin: '某地', orgId: branchId, member: person({ idNumber: m.idNumber }) }));
    expect(p.idNumber).toContain('已是本镇在册党员');
    expect(await snapshot()).toEqual(before);
    const dead = await createMember(t.ctx, person());
    await exitMember(t.ctx, dead.id, { reason: 'expulsion', date: '2026-01-01' });
    expect((await problemsOf(transferIn(t.ctx, { date: '2026-03-01', letterNumber: 'A2', origin: '某地', orgId: branchId, member: { idNumber: dead.idNumber } }))).idNumber).toContain('开除党籍');
  });
});

describe('流动党员 and 失联', () => {
  it('registers a mobile member on the roster; since before joining or a second open period is refused', async () => {
    const m = await createMember(t.ctx, person());
    expect((await problemsOf(startMobile(t.ctx, m.id, { destination: '青岛', since: '1999-01-01', contact: '' }))).since).toContain('入党日期');
    await startMobile(t.ctx, m.id, { destination: '青岛市黄岛区', since: '2026-03-01', contact: '13812340000', certificateNo: 'LD2026001', destinationBranch: '黄岛区流动党员党支部' });
    expect((await memberCounts(t.ctx)).mobile).toBe(1);
    expect(await mobileRoster(t.ctx)).toMatchObject([{ memberId: m.id, certificateNo: 'LD2026001', destination: '青岛市黄岛区' }]);
    expect(await conflictOf(startMobile(t.ctx, m.id, { destination: '济南', since: '2026-04-01', contact: '1' }))).toContain('已登记为流动党员');
    expect((await problemsOf(endMobile(t.ctx, m.id, { date: '2026-02-01' }))).date).toContain('外出日期');
    await endMobile(t.ctx, m.id, { date: '2026-10-01' });
    expect((await memberCounts(t.ctx)).mobile).toBe(0);
  });

  it('the 6-month rule: lost for 6 months surfaces for review and allows 停止党籍; a day earlier is refused', async () => {
    const m = await createMember(t.ctx, person());
    expect((await problemsOf(markLost(t.ctx, m.id, { reason: 'unknown', date: '2026-05-28' }))).reason).toContain('失联原因');
    await markLost(t.ctx, m.id, { reason: 'migrant_work', date: '2026-05-29' });
    expect(await lostReview(t.ctx, { dueOnly: true })).toEqual([]);
    expect((await lostReview(t.ctx))[0]).toMatchObject({ dueDate: '2026-11-29', due: false });
    const before = await snapshot();
    expect((await problemsOf(suspendMembership(t.ctx, m.id, { date: '2026-11-28' }))).date).toContain('失联未满 6 个月');
    expect(await snapshot()).toEqual(before);

    const n = await createMember(t.ctx, person());
    await markLost(t.ctx, n.id, { reason: 'moved', date: '2026-05-28' });
    expect((await lostReview(t.ctx, { dueOnly: true })).map((r) => r.memberId)).toEqual([n.id]);
    // The sidebar view 失联满6个月待处置 shows the same member, with its count.
    expect((await memberCounts(t.ctx)).lostReview).toBe(1);
    expect((await listMembers(t.ctx, { startRow: 0, endRow: 10, view: 'lostReview' })).rows.map((r) => r.id)).toEqual([n.id]);
    const s = await suspendMembership(t.ctx, n.id, { date: '2026-11-28' });
    expect(s).toMatchObject({ exitReason: 'suspended' });
    expect((await memberCounts(t.ctx)).exitedByReason.suspended).toBe(1);

    expect((await problemsOf(restoreMembership(t.ctx, n.id, { date: '2026-11-28', reason: ' ' }))).reason).toContain('理由');
    const r = await restoreMembership(t.ctx, n.id, { date: '2026-11-28', reason: '本人主动联系,说明情况' });
    expect(r).toMatchObject({ exitReason: null, isLost: false });
    expect((await memberHistory(t.archive, n.id))[0]).toMatchObject({ kind: 'restored' });
    // Only 停止党籍 is restorable.
    await exitMember(t.ctx, m.id, { reason: 'death', date: '2026-11-28' });
    expect(await conflictOf(restoreMembership(t.ctx, m.id, { date: '2026-11-28', reason: 'x' }))).toContain('只有停止党籍');
  });

  it('a found member leaves the 失联 view; found before lost is refused', async () => {
    const m = await createMember(t.ctx, person());
    await markLost(t.ctx, m.id, { reason: 'moved', date: '2026-05-01' });
    expect((await problemsOf(markFound(t.ctx, m.id, { date: '2026-04-01' }))).date).toContain('失联日期');
    await markFound(t.ctx, m.id, { date: '2026-06-01' });
    expect((await memberCounts(t.ctx)).lost).toBe(0);
  });

  it('an exit dated before the member’s last recorded event is refused', async () => {
    const m = await createMember(t.ctx, person());
    await markLost(t.ctx, m.id, { reason: 'moved', date: '2026-05-01' });
    expect((await problemsOf(exitMember(t.ctx, m.id, { reason: 'death', date: '2026-04-01' }))).date).toContain('的发生日期 2026-05-01');
  });
});

describe('档案材料', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  it('stores a PDF content-addressed under files/, reads it back, keeps the checklist, removes with history', async () => {
    const m = await createMember(t.ctx, person());
    const empty = await listMemberFiles(t.ctx, m.id);
    expect(empty.missing).toEqual(['application', 'activist_record', 'political_review', 'volunteer_form', 'full_application']);
    const f = await addMemberFile(t.ctx, { memberId: m.id, docType: 'application', fileName: '入党申请书.pdf', mime: 'application/pdf', contentBase64: PDF.toString('base64') });
    const stored = path.join(path.dirname(t.archive.file), 'files', f.sha256);
    expect(fs.readFileSync(stored).equals(PDF)).toBe(true);
    expect(fs.readdirSync(path.dirname(stored)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const back = await getMemberFileContent(t.ctx, f.id);
    expect(Buffer.from(back.contentBase64, 'base64').equals(PDF)).toBe(true);
    expect((await listMemberFiles(t.ctx, m.id)).missing).not.toContain('application');
    await removeMemberFile(t.ctx, f.id, '扫描不清');
    expect((await listMemberFiles(t.ctx, m.id)).files).toEqual([]);
    expect(fs.existsSync(stored)).toBe(true);
    expect((await memberHistory(t.archive, m.id)).filter((e) => e.kind === 'file').map((e) => e.summary)).toEqual([expect.stringContaining('移除材料'), expect.stringContaining('归档材料')]);
  });

  it('refuses a file whose content is not what it claims, an unknown type and a missing document type', async () => {
    const m = await createMember(t.ctx, person());
    const before = await snapshot();
    const p = await problemsOf(addMemberFile(t.ctx, { memberId: m.id, docType: 'application', fileName: 'a.pdf', mime: 'application/pdf', contentBase64: Buffer.from('hello').toString('base64') }));
    expect(p.file).toContain('不是 PDF');
    expect((await problemsOf(addMemberFile(t.ctx, { memberId: m.id, docType: 'x', fileName: 'a.exe', mime: 'application/x-msdownload', contentBase64: 'TVo=' }))).docType).toContain('材料类别');
    expect(await snapshot()).toEqual(before);
  });

  it('reports a damaged file instead of showing it', async () => {
    const m = await createMember(t.ctx, person());
    const f = await addMemberFile(t.ctx, { memberId: m.id, docType: 'application', fileName: 'a.pdf', mime: 'application/pdf', contentBase64: PDF.toString('base64') });
    fs.writeFileSync(path.join(path.dirname(t.archive.file), 'files', f.sha256), Buffer.from('%PDF-tampered'));
    await expect(getMemberFileContent(t.ctx, f.id)).rejects.toThrow('已损坏');
  });
});

describe('through the dispatcher', () => {
  it('memberDossier returns the record with sub-records, probation, transfers, files and history', async () => {
    const m = await probationary('2025-06-10');
    await saveSubRecord(t.ctx, { memberId: m.id, kind: 'trainings', values: { title: '发展对象培训', fromDate: '2025-03-01', hours: 24 } });
    const d = await t.call<{ member: { id: string }; subRecords: Record<string, unknown[]>; probation: { probationEnd: string }; history: unknown[] }>('memberDossier', { id: m.id });
    expect(d.member.id).toBe(m.id);
    expect(d.subRecords.trainings).toHaveLength(1);
    expect(d.probation.probationEnd).toBe('2026-06-10');
    expect(d.history.length).toBe(2);
    const bad = await t.dispatch('extendProbation', { id: m.id, meetingDate: '2026-06-12', months: 13, vote: vote(9, 7, 5) });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.[0]).toMatchObject({ field: 'months' });
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect((await verifyAuditChain(t.archive)).intact).toBe(true);
  });
});
