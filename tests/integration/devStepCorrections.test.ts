// Putting a development step right, against a real archive file: a voided step stays on the timeline
// with its reason and the person is back where they were before it; only the latest step can be voided;
// a wrong date is corrected by recording the step again, every rule checked, and a refused correction
// changes nothing; who decided and the note can be corrected on any step; the audit says it in words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrg } from '../../electron/services/organizations/organizations';
import { createMember } from '../../electron/services/members/members';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { DomainError, ValidationError } from '../../electron/services/core/errors';
import { createApplicant, getDevPerson, getDevRecord, makeActivist, makeCandidate, recordTalk, recordTraining } from '../../electron/services/development/pipeline';
import { correctDevStep, voidDevStep } from '../../electron/services/development/stepCorrections';
import { listAuditLog } from '../../electron/services/audit/auditViewer';
import { openTestArchive, type TestArchive } from '../support/tempArchive';

let t: TestArchive;
let branchId: string;
let contact: string;
let personId: string;

beforeEach(async () => {
  t = await openTestArchive({ today: '2026-11-28' });
  branchId = (await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共前王村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' })).id;
  contact = (await createMember(t.ctx, {
    name: '王联系', gender: '1', idNumber: makeIdNumber('370783', '1970-01-02', 11), ethnicity: '01', birthDate: '1970-01-02', education: '40',
    category: 'formal', orgId: branchId, joinDate: '1995-07-01', fullDate: '1996-07-01', occupation: '2',
  })).id;
  const a = await createApplicant(t.ctx, {
    name: '李更正', gender: '1', idNumber: makeIdNumber('370783', '1998-05-20', 21), ethnicity: '01', birthDate: '1998-05-20', education: '40', occupation: '2',
    orgId: branchId, applicationDate: '2025-01-10',
  });
  personId = a.record.person.id;
  await recordTalk(t.ctx, personId, { date: '2025-01-20', decidedBy: '支部委员 李明' });
  await makeActivist(t.ctx, personId, { date: '2025-07-15', decidedBy: '支部委员会', contacts: [contact] });
});
afterEach(async () => {
  await t.close();
});

const stepsOf = async () => (await getDevRecord(t.ctx, personId)).steps;
const stepOfKind = async (kind: string) => (await stepsOf()).filter((s) => s.kind === kind && !s.voidedAt).at(-1)!;
const dump = async () => JSON.stringify([
  await t.archive.query('SELECT * FROM dev_people ORDER BY id'), await t.archive.query('SELECT * FROM dev_steps ORDER BY id'),
  await t.archive.query('SELECT * FROM dev_documents ORDER BY id'), (await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM audit_log'))!.n,
]);
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError || e instanceof ValidationError) return e.message;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('作废 a development step', () => {
  it('the latest step voided: on the timeline with its reason, the person back where they were, the audit in words', async () => {
    const step = await stepOfKind('activist');
    const record = await voidDevStep(t.ctx, step.id, { reason: '支部委员会未开会,误登记' });
    expect(record.person).toMatchObject({ stage: 'applicant', activistDate: null, contacts: [] });
    const voided = record.steps.find((s) => s.id === step.id)!;
    expect(voided).toMatchObject({ voidReason: '支部委员会未开会,误登记' });
    expect(voided.voidedAt).toBe('2026-11-28');
    const line = (await listAuditLog(t.ctx, { kind: 'development' })).rows.find((r) => r.action === 'development.void')!;
    expect(line).toMatchObject({ actionLabel: '作废发展党员步骤', subject: '李更正' });
    expect(line.changes).toContain('阶段:入党积极分子 → 入党申请人');
    expect(line.changes).toContain('原因:支部委员会未开会,误登记');
    expect(line.changes).not.toMatch(/[A-Za-z]{3,}/);
    // Recorded again afterwards, as it really happened.
    await makeActivist(t.ctx, personId, { date: '2025-08-01', decidedBy: '支部委员会', contacts: [contact] });
    expect((await getDevPerson(t.ctx, personId)).activistDate).toBe('2025-08-01');
  });

  it('an earlier step, the application and a voided step are refused, naming the step, and nothing changes', async () => {
    const before = await dump();
    expect(await refusal(voidDevStep(t.ctx, (await stepOfKind('talk')).id, { reason: '误登记' }))).toBe('只能作废最近的一步:确定为入党积极分子(2025-07-15)在与申请人谈话(2025-01-20)之后,请先作废后面的步骤');
    expect(await refusal(voidDevStep(t.ctx, (await stepOfKind('apply')).id, { reason: '误登记' }))).toContain('不能作废;如不再培养,请办理“终止培养”');
    expect(await refusal(voidDevStep(t.ctx, (await stepOfKind('activist')).id, { reason: '  ' }))).toContain('请填写作废的原因');
    expect(await dump()).toBe(before);
    const step = await stepOfKind('activist');
    await voidDevStep(t.ctx, step.id, { reason: '误登记' });
    expect(await refusal(voidDevStep(t.ctx, step.id, { reason: '误登记' }))).toContain('已于');
  });

  it('training hours voided are taken off the total, the other sessions stay', async () => {
    await makeCandidate(t.ctx, personId, { date: '2026-07-20', decidedBy: '支部委员会' });
    await recordTraining(t.ctx, personId, { date: '2026-08-01', hours: 16 });
    await recordTraining(t.ctx, personId, { date: '2026-08-20', hours: 8 });
    expect((await getDevPerson(t.ctx, personId)).trainingHours).toBe(24);
    await voidDevStep(t.ctx, (await stepOfKind('training')).id, { reason: '重复登记' });
    expect(await getDevPerson(t.ctx, personId)).toMatchObject({ trainingHours: 16, trainingEndDate: '2026-08-01' });
  });
});

describe('更正 a development step', () => {
  it('the date of the latest step: recorded again with every rule checked; the old line stays, voided, with the reason', async () => {
    const step = await stepOfKind('activist');
    const r = await correctDevStep(t.ctx, step.id, { date: '2025-07-25', reason: '会议记录上的日期是7月25日' });
    expect(r.record.person).toMatchObject({ stage: 'activist', activistDate: '2025-07-25', contacts: [contact] });
    const steps = r.record.steps.filter((s) => s.kind === 'activist');
    expect(steps.map((s) => [s.stepDate, s.voidReason])).toEqual([['2025-07-15', '更正日期为 2025-07-25:会议记录上的日期是7月25日'], ['2025-07-25', null]]);
    expect(steps[1].decidedBy).toBe('支部委员会');
  });

  it('a date the rules do not allow is refused naming the rule, and nothing changes', async () => {
    const before = await dump();
    const message = await refusal(correctDevStep(t.ctx, (await stepOfKind('activist')).id, { date: '2025-05-01', reason: '日期填错' }));
    expect(message).toContain('申请后确定积极分子');
    expect(message).toContain('2025-07-10');
    expect(await dump()).toBe(before);
  });

  it('who decided and the note on an earlier step, without touching its date or the stage', async () => {
    const talk = await stepOfKind('talk');
    const r = await correctDevStep(t.ctx, talk.id, { decidedBy: '支部书记 王强', note: '在村党员活动室谈话', reason: '谈话人写错' });
    const corrected = r.record.steps.find((s) => s.id === talk.id)!;
    expect(corrected).toMatchObject({ stepDate: '2025-01-20', decidedBy: '支部书记 王强', detail: { note: '在村党员活动室谈话' }, voidedAt: null });
    expect(r.record.person.stage).toBe('activist');
    expect(await refusal(correctDevStep(t.ctx, talk.id, { decidedBy: '支部书记 王强', reason: '再改一次' }))).toContain('没有要更正的内容');
    expect(await refusal(correctDevStep(t.ctx, talk.id, { date: '2025-01-25', reason: '日期' }))).toContain('只能作废最近的一步');
    const line = (await listAuditLog(t.ctx, { kind: 'development' })).rows.find((r) => r.action === 'development.correct')!;
    expect(line.changes).toBe('决定机构:支部委员 李明 → 支部书记 王强;说明:(空) → 在村党员活动室谈话;原因:谈话人写错');
  });
});
