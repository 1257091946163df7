// Corrections of 培训, 党内关爱, 党费 and 民主评议 against a real archive file: each needs its reason, is one
// transaction, and leaves the old values with the reason and who in the audit log (and, for a member's own
// record — 党费, 评议 — in the member's history); a refused correction writes nothing; the figures follow.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { listAuditLog } from '../../electron/services/audit/auditViewer';
import { deleteTrainingSession, getTrainingSession, saveTrainingSession, trainingSummary, type TrainingSessionInput } from '../../electron/services/practices/training';
import { addFundIncome, careSummary, createCareFund, deleteAid, listCareFunds, recordAid, type AidInput } from '../../electron/services/practices/care';
import { correctDuesPayment, duesGrid, saveDuesPayments, setDuesStandard } from '../../electron/services/development/dues';
import { appraisalGrid, correctAppraisal, recordDisposal, reviewsSummary, saveAppraisals } from '../../electron/services/development/reviews';
import { memberHistory } from '../../electron/services/members/memberEvents';
import { ValidationError } from '../../electron/services/core/errors';
import { careTownship, refusal, snapshot, type CareTownship } from '../support/careFixture';

let c: CareTownship;
beforeEach(async () => {
  c = await careTownship();
});
afterEach(async () => {
  await c.t.close();
});

const auditOf = async (action: string) => (await listAuditLog(c.t.ctx, {})).rows.filter((r) => r.action === action);
async function issuesOf(p: Promise<unknown>): Promise<{ field: string; message: string }[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error('expected a validation error');
}

describe('培训', () => {
  const session = (over: Partial<TrainingSessionInput> = {}): TrainingSessionInput => ({
    date: '2026-04-10', topic: '学习党章', placeKind: 'party_school', place: '镇党校', hours: 8, organizer: '镇党委组织办', attendeeIds: [c.zhang, c.li], ...over,
  });

  it('a session corrected needs its reason; the audit line says what changed and why; the figures follow', async () => {
    const s = await saveTrainingSession(c.t.ctx, session());
    const before = await snapshot(c.t, ['training_sessions', 'training_attendees']);
    expect(await refusal(saveTrainingSession(c.t.ctx, session({ id: s.id, hours: 4 })))).toContain('请填写更正的原因');
    expect(await snapshot(c.t, ['training_sessions', 'training_attendees'])).toEqual(before);
    await saveTrainingSession(c.t.ctx, session({ id: s.id, hours: 4, attendeeIds: [c.zhang, c.li, c.wang], reason: '学时录错,漏登王志强' }));
    expect((await trainingSummary(c.t.ctx, 2026)).personHours).toBe(12);
    const [line] = await auditOf('training.correct');
    expect(line.actionLabel).toBe('更正培训');
    expect(line.changes).toContain('学时:8 学时 → 4 学时');
    expect(line.changes).toContain('参加人员:2 人 → 3 人');
    expect(line.changes).toContain('增加参加人:王志强');
    expect(line.changes).toContain('原因:学时录错,漏登王志强');
  });

  it('a session deleted needs its reason and leaves what it was in the audit log', async () => {
    const s = await saveTrainingSession(c.t.ctx, session());
    expect(await refusal(deleteTrainingSession(c.t.ctx, s.id, { reason: ' ' }))).toContain('请填写删除的原因');
    await getTrainingSession(c.t.ctx, s.id);
    await deleteTrainingSession(c.t.ctx, s.id, { reason: '重复登记' });
    expect((await trainingSummary(c.t.ctx, 2026)).sessions).toBe(0);
    const [line] = await auditOf('training.delete');
    expect(line.changes).toContain('主题:学习党章');
    expect(line.changes).toContain('张建国');
    expect(line.changes).toContain('原因:重复登记');
    expect((await verifyAuditChain(c.t.archive)).intact).toBe(true);
  });
});

describe('党内关爱', () => {
  let fundId: string;
  const aid = (over: Partial<AidInput> = {}): AidInput => ({ memberId: c.old, date: '2026-06-30', kind: 'condolence', amountFen: 50_000, fundId, givenBy: '组织委员 刘明', ...over });
  beforeEach(async () => {
    fundId = (await createCareFund(c.t.ctx, { name: '党员阳光关爱基金' })).id;
    await addFundIncome(c.t.ctx, { fundId, date: '2026-01-15', amountFen: 200_000, source: '县委组织部拨付' });
  });

  it('an aid corrected needs its reason; the fund and the year follow; the audit line reads in 元', async () => {
    const a = await recordAid(c.t.ctx, aid({ reason: '住院' }));
    expect(await refusal(recordAid(c.t.ctx, aid({ id: a.id, amountFen: 5_000 })))).toContain('请填写更正的原因');
    expect((await listCareFunds(c.t.ctx))[0].balanceFen).toBe(150_000);
    // A correction that would overdraw the fund is refused like a new aid, leaving the record as it was.
    expect(await refusal(recordAid(c.t.ctx, aid({ id: a.id, amountFen: 250_000, correctionReason: '多打了一个零' })))).toContain('余额不足');
    await recordAid(c.t.ctx, aid({ id: a.id, amountFen: 5_000, reason: '住院', correctionReason: '多打了一个零' }));
    expect((await listCareFunds(c.t.ctx))[0].balanceFen).toBe(195_000);
    expect((await careSummary(c.t.ctx, 2026)).amountFen).toBe(5_000);
    const [line] = await auditOf('care.aid.correct');
    expect(line.actionLabel).toBe('更正党内关爱');
    expect(line.changes).toContain('金额:500.00 元 → 50.00 元');
    expect(line.changes).toContain('原因:多打了一个零');
  });

  it('an aid deleted needs its reason; the money is back in the fund', async () => {
    const a = await recordAid(c.t.ctx, aid());
    expect(await refusal(deleteAid(c.t.ctx, a.id, { reason: '' }))).toContain('请填写删除的原因');
    await deleteAid(c.t.ctx, a.id, { reason: '重复登记' });
    expect((await listCareFunds(c.t.ctx))[0].balanceFen).toBe(200_000);
    const [line] = await auditOf('care.aid.delete');
    expect(line.changes).toContain('慰问金');
    expect(line.changes).toContain('500.00 元');
    expect(line.changes).toContain('原因:重复登记');
  });
});

describe('党费', () => {
  beforeEach(async () => {
    await setDuesStandard(c.t.ctx, { memberId: c.zhang, fromMonth: '2026-01', basis: 'salary', incomeFen: 490_000 });
    await saveDuesPayments(c.t.ctx, { orgId: c.branchId, year: 2026, paidDate: '2026-11-20', entries: [{ memberId: c.zhang, month: '2026-03', amountFen: 4_900 }, { memberId: c.zhang, month: '2026-04', amountFen: 4_900 }] });
  });

  it('changing or removing a recorded payment asks for the reason, naming each, and writes nothing until given', async () => {
    const before = await snapshot(c.t, ['dues_payments', 'member_events']);
    const entries = [{ memberId: c.zhang, month: '2026-03', amountFen: 4_000 }, { memberId: c.zhang, month: '2026-04', amountFen: null }, { memberId: c.zhang, month: '2026-05', amountFen: 4_900 }];
    expect(await issuesOf(saveDuesPayments(c.t.ctx, { orgId: c.branchId, year: 2026, paidDate: '2026-11-28', entries }))).toEqual([
      { field: 'entries.0.correction', message: '张建国 2026-03 已登记 49.00 元 → 40.00 元' },
      { field: 'entries.1.correction', message: '张建国 2026-04 已登记 49.00 元 → 删除' },
    ]);
    expect(await snapshot(c.t, ['dues_payments', 'member_events'])).toEqual(before);
    expect((await saveDuesPayments(c.t.ctx, { orgId: c.branchId, year: 2026, paidDate: '2026-11-28', entries, reason: '按收据核对' })).saved).toBe(3);
    const row = (await duesGrid(c.t.ctx, 2026, c.branchId)).find((r) => r.memberId === c.zhang)!;
    expect(row.paid).toEqual({ '2026-03': 4_000, '2026-05': 4_900 });
    const history = (await memberHistory(c.t.archive, c.zhang)).filter((e) => e.kind === 'dues').map((e) => e.summary);
    expect(history).toEqual(expect.arrayContaining(['更正党费:2026-03 49.00 元 → 40.00 元(原因:按收据核对)', '删除党费记录:2026-04 49.00 元(原因:按收据核对)']));
    const lines = await auditOf('dues.payment.correct');
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => l.changes).join('\n')).toContain('金额:49.00 元 → 40.00 元');
    for (const l of lines) expect(l.changes).toContain('原因:按收据核对');
  });

  it('one month corrected by itself keeps its paid date; a month never paid has nothing to correct', async () => {
    expect(await refusal(correctDuesPayment(c.t.ctx, { memberId: c.zhang, month: '2026-03', amountFen: 5_000, reason: '' }))).toContain('请填写更正的原因');
    await correctDuesPayment(c.t.ctx, { memberId: c.zhang, month: '2026-03', amountFen: 5_000, reason: '少录一元' });
    const p = await c.t.archive.queryOne<{ amount: number; paid_date: string }>("SELECT amount, paid_date FROM dues_payments WHERE month = '2026-03'");
    expect(p).toEqual({ amount: 5_000, paid_date: '2026-11-20' });
    expect(await refusal(correctDuesPayment(c.t.ctx, { memberId: c.zhang, month: '2026-07', amountFen: 5_000, reason: '补' }))).toContain('张建国 2026-07 没有登记党费');
  });
});

describe('民主评议', () => {
  const grade = (memberId: string, g: string | null) => ({ memberId, grade: g, note: null });

  it('a recorded grade changed asks for the reason; the history and audit say both grades and why; the counts follow', async () => {
    await saveAppraisals(c.t.ctx, { year: 2026, orgId: c.branchId, rows: [grade(c.zhang, 'excellent'), grade(c.li, 'qualified'), grade(c.wang, 'qualified')] });
    const before = await snapshot(c.t, ['appraisals', 'member_events']);
    expect(await issuesOf(saveAppraisals(c.t.ctx, { year: 2026, orgId: c.branchId, rows: [grade(c.zhang, 'qualified'), grade(c.li, 'qualified')] }))).toEqual([
      { field: 'rows.0.correction', message: '张建国 2026年度:优秀 → 合格' },
    ]);
    expect(await snapshot(c.t, ['appraisals', 'member_events'])).toEqual(before);
    await saveAppraisals(c.t.ctx, { year: 2026, orgId: c.branchId, rows: [grade(c.zhang, 'qualified')], reason: '录入时选错行' });
    const summary = await reviewsSummary(c.t.ctx, 2026);
    expect(summary.total).toMatchObject({ excellent: 0, qualified: 3 });
    const history = (await memberHistory(c.t.archive, c.zhang)).filter((e) => e.kind === 'appraisal').map((e) => e.summary);
    expect(history[0]).toBe('更正2026年度民主评议:优秀 → 合格(原因:录入时选错行)');
    const [line] = await auditOf('appraisal.correct');
    expect(line.actionLabel).toBe('更正民主评议');
    expect(line.changes).toContain('评议等次:优秀 → 合格');
    expect(line.changes).toContain('原因:录入时选错行');
  });

  it('one grade corrected by itself; a 不合格 with its disposal recorded is not changed', async () => {
    await saveAppraisals(c.t.ctx, { year: 2026, orgId: c.branchId, rows: [grade(c.zhang, 'basic'), grade(c.li, 'unqualified')] });
    await correctAppraisal(c.t.ctx, { memberId: c.zhang, year: 2026, grade: 'qualified', reason: '评议表核对' });
    expect((await appraisalGrid(c.t.ctx, 2026, c.branchId)).find((r) => r.memberId === c.zhang)!.grade).toBe('qualified');
    await recordDisposal(c.t.ctx, { memberId: c.li, year: 2026, kind: 'correct', decidedDate: '2026-11-20' });
    expect(await refusal(correctAppraisal(c.t.ctx, { memberId: c.li, year: 2026, grade: 'qualified', reason: '评错了' }))).toContain('李秀英已按“不合格”登记了处置(限期改正)');
    expect(await refusal(correctAppraisal(c.t.ctx, { memberId: c.wang, year: 2026, grade: 'qualified', reason: '补' }))).toContain('王志强没有 2026 年度的民主评议结果');
  });
});
