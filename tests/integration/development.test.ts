// 发展党员 against a real archive file: every time rule with a passing and a failing case at its boundary
// (exactly 18, exactly one year of cultivation, the 3rd and 6th month of approval …), advisory rules warn
// instead of refusing, a refusal writes nothing, admission creates the 预备党员 with the whole development
// history, and a rule changed by the administrator takes effect and is audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrg } from '../../electron/services/organizations/organizations';
import { createMember } from '../../electron/services/members/members';
import type { MemberInput } from '../../electron/services/members/memberRules';
import { memberHistory } from '../../electron/services/members/memberEvents';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { ValidationError } from '../../electron/services/core/errors';
import {
  admitProbationary, approveAdmission, createApplicant, getDevRecord, makeActivist, makeCandidate, recordActivistReview, recordPoliticalReview,
  recordPublicity, recordTalk, recordTraining, workingDays, type ApplicantInput,
} from '../../electron/services/development/pipeline';
import { getDevRules, listDevRules, setDevRule } from '../../electron/services/development/rules';
import { openTestArchive, type TestArchive } from '../support/tempArchive';

const TODAY = '2026-11-28';
let t: TestArchive;
let branchId: string;
let formalA: string;
let formalB: string;
let probationaryC: string;
let seqNo = 300;

function memberInput(over: Partial<MemberInput> = {}): MemberInput {
  const birth = over.birthDate ?? '1975-03-04';
  return {
    name: '赵介绍', gender: '1', idNumber: makeIdNumber('370783', birth, (seqNo += 2) + 1), ethnicity: '01', birthDate: birth, education: '50',
    category: 'formal', orgId: branchId, joinDate: '2000-07-01', fullDate: '2001-07-01', occupation: '2', ...over,
  };
}
function applicant(over: Partial<ApplicantInput> = {}): ApplicantInput {
  const birth = over.birthDate ?? '1998-05-20';
  return {
    name: '孙申请', gender: '1', idNumber: makeIdNumber('370783', birth, (seqNo += 2) + 1), ethnicity: '01', birthDate: birth, education: '40', occupation: '2',
    orgId: branchId, applicationDate: '2023-03-01', ...over,
  };
}
async function problemsOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ValidationError) return e.message;
    throw e;
  }
  throw new Error('expected a validation error');
}
const auditCount = async () => (await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM audit_log'))!.n;
const vote = { entitled: 9, present: 8, yes: 7, no: 1, abstain: 0 };

/** An activist as of `activistDate` (application 6 months earlier, talk within the month). */
async function activist(activistDate: string, over: Partial<ApplicantInput> = {}) {
  const app = addMonthsText(activistDate, -6);
  const a = await createApplicant(t.ctx, applicant({ applicationDate: app, ...over }));
  await recordTalk(t.ctx, a.record.person.id, { date: app, decidedBy: '支部委员 李明' });
  await makeActivist(t.ctx, a.record.person.id, { date: activistDate, decidedBy: '支部委员会', contacts: [formalA] });
  return a.record.person.id;
}
/** A candidate with 政审, 24 学时 and 5 working days of 公示 ending the day before `meeting`. */
async function readyCandidate(meeting: string, over: { reviewDate?: string; hours?: number; publicity?: [string, string] } = {}) {
  const id = await activist('2024-01-10');
  await makeCandidate(t.ctx, id, { date: '2025-01-10', decidedBy: '支部委员会' });
  await recordPoliticalReview(t.ctx, id, { date: over.reviewDate ?? '2025-03-01', decidedBy: '镇党委组织办', documents: [{ name: '政审材料', date: over.reviewDate ?? '2025-03-01' }] });
  await recordTraining(t.ctx, id, { date: '2025-03-20', hours: over.hours ?? 24, decidedBy: '镇党校' });
  const [ps, pe] = over.publicity ?? [addDays(meeting, -9), addDays(meeting, -1)];
  await recordPublicity(t.ctx, id, { date: ps, endDate: pe, decidedBy: '党支部' });
  return id;
}
function addMonthsText(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + 1, 0)).getUTCDate();
  dt.setUTCDate(Math.min(d, last));
  return dt.toISOString().slice(0, 10);
}
const addDays = (date: string, n: number) => new Date(Date.parse(date) + n * 86_400_000).toISOString().slice(0, 10);

beforeEach(async () => {
  t = await openTestArchive({ today: TODAY });
  branchId = (await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共后李村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' })).id;
  formalA = (await createMember(t.ctx, memberInput({ name: '赵介绍' }))).id;
  formalB = (await createMember(t.ctx, memberInput({ name: '钱介绍' }))).id;
  probationaryC = (await createMember(t.ctx, memberInput({ name: '孙预备', category: 'probationary', joinDate: '2026-06-01', fullDate: null }))).id;
});
afterEach(async () => {
  await t.close();
});

describe('the rule table', () => {
  it('holds every rule of domain.md with its default and its text', async () => {
    const rules = await getDevRules(t.ctx);
    expect(rules.applicantAge.value).toBe(18);
    expect(rules.talkWithinMonths.value).toBe(1);
    expect(rules.cultivationMonths.value).toBe(12);
    expect(rules.introducers.value).toBe(2);
    expect(rules.politicalReviewMonths.value).toBe(12);
    expect(rules.trainingHours.value).toBe(24);
    expect(rules.publicityWorkdays.value).toBe(5);
    expect([rules.approvalMonths.value, rules.approvalMonths.maxValue]).toEqual([3, 6]);
    expect(rules.probationMonths.value).toBe(12);
    expect([rules.extensionMonths.value, rules.extensionMonths.maxValue]).toEqual([6, 12]);
    expect(rules.cultivationMonths.text).toContain('1年以上培养教育');
    expect((await listDevRules(t.ctx)).length).toBeGreaterThanOrEqual(13);
  });

  it('a rule changed by the administrator takes effect and is audited; advisory makes it a warning', async () => {
    const id = await activist('2025-01-10');
    expect(await problemsOf(makeCandidate(t.ctx, id, { date: '2025-08-10' }))).toContain('培养教育期');
    const changed = await setDevRule(t.ctx, { key: 'cultivationMonths', value: 7, advisory: false });
    expect(changed.text).toContain('7个月以上');
    const audit = await t.archive.queryOne<{ action: string; entity_id: string; before: string; after: string; actor: string }>("SELECT action, entity_id, before, after, actor FROM audit_log WHERE action = 'rules.update'");
    expect(audit).toMatchObject({ entity_id: 'cultivationMonths', actor: 'tester' });
    expect(JSON.parse(audit!.before).value).toBe(12);
    expect(JSON.parse(audit!.after).value).toBe(7);
    const ok = await makeCandidate(t.ctx, id, { date: '2025-08-10' });
    expect(ok.record.person.stage).toBe('candidate');
    // Advisory: a broken rule lets the transition through with a warning naming it.
    await setDevRule(t.ctx, { key: 'cultivationMonths', value: 12, advisory: true });
    const other = await activist('2025-03-01');
    const warned = await makeCandidate(t.ctx, other, { date: '2025-06-01' });
    expect(warned.record.person.stage).toBe('candidate');
    expect(warned.warnings.join()).toContain('培养教育期');
    expect(warned.record.steps.find((s) => s.kind === 'candidate')!.warnings[0]).toContain('2025-03-01');
    await expect(setDevRule(t.ctx, { key: 'applicantAge', value: 5, advisory: false })).rejects.toThrow(/16 至 30/);
    expect((await verifyAuditChain(t.archive)).intact).toBe(true);
  });
});

describe('入党申请人', () => {
  it('accepts an applicant exactly 18 on the application date and refuses one a day younger, naming the dates', async () => {
    const ok = await createApplicant(t.ctx, applicant({ birthDate: '2000-03-15', applicationDate: '2018-03-15' }));
    expect(ok.record.person.stage).toBe('applicant');
    expect(ok.record.steps.map((s) => s.kind)).toEqual(['apply']);
    expect(ok.record.steps[0].documents[0].name).toBe('入党申请书');
    const before = await auditCount();
    const msg = await problemsOf(createApplicant(t.ctx, applicant({ birthDate: '2000-03-16', applicationDate: '2018-03-15' })));
    expect(msg).toContain('申请入党年龄');
    expect(msg).toContain('年满18周岁');
    expect(msg).toContain('2018-03-16');
    expect(msg).toContain('2018-03-15');
    expect(await auditCount()).toBe(before);
  });

  it('refuses a person who is already a member or already registered', async () => {
    const a = applicant();
    await createApplicant(t.ctx, a);
    expect(await problemsOf(createApplicant(t.ctx, { ...a, name: '孙重复' }))).toContain('已登记');
  });

  it('talk within one month: on the last day no warning, a day later a warning (advisory), still recorded', async () => {
    const a = await createApplicant(t.ctx, applicant({ applicationDate: '2024-01-31' }));
    const onTime = await recordTalk(t.ctx, a.record.person.id, { date: '2024-02-29' });
    expect(onTime.warnings).toEqual([]);
    const b = await createApplicant(t.ctx, applicant({ applicationDate: '2024-01-31' }));
    const late = await recordTalk(t.ctx, b.record.person.id, { date: '2024-03-01' });
    expect(late.warnings[0]).toContain('与申请人谈话时限');
    expect(late.warnings[0]).toContain('2024-02-29');
    expect(late.record.person.talkDate).toBe('2024-03-01');
  });
});

describe('入党积极分子', () => {
  it('needs the talk, six months since the application (exactly six passes) and 1–2 full members as contacts', async () => {
    const a = await createApplicant(t.ctx, applicant({ applicationDate: '2024-02-10' }));
    const id = a.record.person.id;
    expect(await problemsOf(makeActivist(t.ctx, id, { date: '2024-08-10', contacts: [formalA] }))).toContain('尚未登记谈话');
    await recordTalk(t.ctx, id, { date: '2024-02-20' });
    const early = await problemsOf(makeActivist(t.ctx, id, { date: '2024-08-09', contacts: [formalA] }));
    expect(early).toContain('申请后确定积极分子');
    expect(early).toContain('2024-08-10');
    expect(await problemsOf(makeActivist(t.ctx, id, { date: '2024-08-10', contacts: [] }))).toContain('培养联系人');
    expect(await problemsOf(makeActivist(t.ctx, id, { date: '2024-08-10', contacts: [probationaryC] }))).toContain('不是正式党员');
    const ok = await makeActivist(t.ctx, id, { date: '2024-08-10', contacts: [formalA, formalB], decidedBy: '支部委员会' });
    expect(ok.record.person).toMatchObject({ stage: 'activist', activistDate: '2024-08-10', contacts: [formalA, formalB] });
    const reviewed = await recordActivistReview(t.ctx, id, { date: '2025-02-10', decidedBy: '支部委员会' });
    expect(reviewed.record.person.lastReviewDate).toBe('2025-02-10');
  });
});

describe('发展对象', () => {
  it('after exactly one year of cultivation passes; after 11 months is refused with the rule and the dates', async () => {
    const id = await activist('2024-03-15');
    const before = await auditCount();
    const msg = await problemsOf(makeCandidate(t.ctx, id, { date: '2025-02-15' }));
    expect(msg).toContain('培养教育期');
    expect(msg).toContain('1年以上培养教育');
    expect(msg).toContain('2024-03-15');
    expect(msg).toContain('2025-03-15');
    expect(msg).toContain('2025-02-15');
    expect(await auditCount()).toBe(before);
    expect(await problemsOf(makeCandidate(t.ctx, id, { date: '2025-03-14' }))).toContain('培养教育期');
    const ok = await makeCandidate(t.ctx, id, { date: '2025-03-15', decidedBy: '支部委员会' });
    expect(ok.record.person.stage).toBe('candidate');
  });
});

describe('支部大会 and 党委审批', () => {
  it('admits with 2 full-member introducers, 政审 in validity, 24 学时 and 5 working days of 公示; creates the 预备党员 with the history', async () => {
    const id = await readyCandidate('2025-06-20');
    const r = await admitProbationary(t.ctx, id, { date: '2025-06-20', vote, introducers: [formalA, formalB], decidedBy: '支部党员大会', documents: [{ name: '入党志愿书', date: '2025-06-20' }] });
    expect(r.member).toMatchObject({ category: 'probationary', joinDate: '2025-06-20', fullDate: null, orgId: branchId, name: '孙申请' });
    expect(r.record.person).toMatchObject({ stage: 'admitted', meetingDate: '2025-06-20', memberId: r.member!.id, introducers: [formalA, formalB] });
    const history = await memberHistory(t.archive, r.member!.id);
    const dev = history.filter((e) => e.kind === 'development').map((e) => e.eventDate).sort();
    expect(dev).toEqual(['2023-07-10', '2023-07-10', '2024-01-10', '2025-01-10', '2025-03-01', '2025-03-20', '2025-06-11', '2025-06-20']);
    expect(history.some((e) => e.summary.includes('入党志愿书'))).toBe(true);
    expect(history.some((e) => e.kind === 'created')).toBe(true);
    expect((await verifyAuditChain(t.archive)).intact).toBe(true);
  });

  it('refuses one introducer, a probationary introducer, a failing vote', async () => {
    const id = await readyCandidate('2025-06-20');
    expect(await problemsOf(admitProbationary(t.ctx, id, { date: '2025-06-20', vote, introducers: [formalA] }))).toContain('入党介绍人');
    expect(await problemsOf(admitProbationary(t.ctx, id, { date: '2025-06-20', vote, introducers: [formalA, probationaryC] }))).toContain('不是正式党员');
    expect(await problemsOf(admitProbationary(t.ctx, id, { date: '2025-06-20', vote: { entitled: 9, present: 8, yes: 4, no: 4, abstain: 0 }, introducers: [formalA, formalB] }))).toContain('同意票须超过');
    const members = await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members');
    expect(members!.n).toBe(3);
  });

  it('政审 valid exactly 12 months passes; a day later is refused', async () => {
    const ok = await readyCandidate('2026-03-01', { reviewDate: '2025-03-01' });
    expect((await admitProbationary(t.ctx, ok, { date: '2026-03-01', vote, introducers: [formalA, formalB] })).record.person.stage).toBe('admitted');
    const late = await readyCandidate('2026-03-02', { reviewDate: '2025-03-01' });
    const msg = await problemsOf(admitProbationary(t.ctx, late, { date: '2026-03-02', vote, introducers: [formalA, formalB] }));
    expect(msg).toContain('政审有效期');
    expect(msg).toContain('2026-03-01');
  });

  it('24 学时 passes, 23 is refused', async () => {
    const short = await readyCandidate('2025-06-20', { hours: 23 });
    expect(await problemsOf(admitProbationary(t.ctx, short, { date: '2025-06-20', vote, introducers: [formalA, formalB] }))).toContain('集中培训学时');
    await recordTraining(t.ctx, short, { date: '2025-04-01', hours: 1 });
    expect((await admitProbationary(t.ctx, short, { date: '2025-06-20', vote, introducers: [formalA, formalB] })).record.person.trainingHours).toBe(24);
  });

  it('公示 of 5 working days passes, 4 is refused, and the meeting must come after it ends', async () => {
    expect(workingDays('2025-06-09', '2025-06-13')).toBe(5);
    expect(workingDays('2025-06-13', '2025-06-19')).toBe(5);
    const id = await activist('2024-01-10');
    await makeCandidate(t.ctx, id, { date: '2025-01-10' });
    expect(await problemsOf(recordPublicity(t.ctx, id, { date: '2025-06-09', endDate: '2025-06-12' }))).toContain('只有 4 个工作日');
    await recordPublicity(t.ctx, id, { date: '2025-06-09', endDate: '2025-06-13' });
    await recordPoliticalReview(t.ctx, id, { date: '2025-03-01' });
    await recordTraining(t.ctx, id, { date: '2025-03-01', hours: 24 });
    expect(await problemsOf(admitProbationary(t.ctx, id, { date: '2025-06-13', vote, introducers: [formalA, formalB] }))).toContain('公示至 2025-06-13 结束');
    expect((await admitProbationary(t.ctx, id, { date: '2025-06-16', vote, introducers: [formalA, formalB] })).record.person.stage).toBe('admitted');
  });

  it('党委审批: in the 3rd month no warning, after it a warning, in the 6th month still allowed, after it refused', async () => {
    const admitted = async () => {
      const id = await readyCandidate('2025-06-20');
      await admitProbationary(t.ctx, id, { date: '2025-06-20', vote, introducers: [formalA, formalB] });
      return id;
    };
    const a = await admitted();
    expect((await approveAdmission(t.ctx, a, { date: '2025-09-20', decidedBy: '镇党委' })).warnings).toEqual([]);
    const b = await admitted();
    const w = await approveAdmission(t.ctx, b, { date: '2025-09-21' });
    expect(w.warnings[0]).toContain('党委审批时限');
    expect(w.warnings[0]).toContain('2025-09-20');
    const c = await admitted();
    const six = await approveAdmission(t.ctx, c, { date: '2025-12-20' });
    expect(six.record.person.approvalDate).toBe('2025-12-20');
    expect(six.warnings).toHaveLength(1);
    const d = await admitted();
    const msg = await problemsOf(approveAdmission(t.ctx, d, { date: '2025-12-21' }));
    expect(msg).toContain('最长不得超过6个月');
    expect(msg).toContain('2025-12-20');
    const rec = await getDevRecord(t.ctx, a);
    expect(rec.steps.at(-1)!.kind).toBe('approve');
    const member = rec.person.memberId!;
    expect((await memberHistory(t.archive, member)).some((e) => e.summary.includes('党委审批'))).toBe(true);
  });
});
