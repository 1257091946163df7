// 撤销出党 against a real archive file: the member is back exactly as before the exit (row, counts,
// views), the history and the audit log say what was undone and why in words, a refusal writes nothing,
// and a rule about exit dates reads the dates of events, never the day an entry was typed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrg } from '../../electron/services/organizations/organizations';
import { createMember, exitMember, getMember, updateMember } from '../../electron/services/members/members';
import type { MemberInput } from '../../electron/services/members/memberRules';
import { listMembers, memberCounts } from '../../electron/services/members/memberQuery';
import { memberHistory } from '../../electron/services/members/memberEvents';
import { undoExit } from '../../electron/services/members/undoExit';
import { listAuditLog } from '../../electron/services/audit/auditViewer';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { DomainError, ValidationError } from '../../electron/services/core/errors';
import { listTransfers, recordTransferReceipt, transferOut } from '../../electron/services/members/life/transfers';
import { markLost, suspendMembership } from '../../electron/services/members/life/lostContact';
import { openTestArchive, type TestArchive } from '../support/tempArchive';

const TODAY = '2026-11-28';
let t: TestArchive;
let branchId: string;
let seqNo = 300;

beforeEach(async () => {
  t = await openTestArchive({ today: TODAY });
  branchId = (await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共后李村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' })).id;
});
afterEach(async () => {
  await t.close();
});

function person(over: Partial<MemberInput> = {}): MemberInput {
  const birth = over.birthDate ?? '1952-03-14';
  return {
    name: '李长顺', gender: '1', idNumber: makeIdNumber('370783', birth, (seqNo += 2) + 1), ethnicity: '01', birthDate: birth, education: '20',
    category: 'formal', orgId: branchId, joinDate: '1975-07-01', fullDate: '1976-07-01', occupation: '2', ...over,
  };
}

/** The member's stored row without the bookkeeping columns that every write changes. */
async function rowOf(id: string): Promise<Record<string, unknown>> {
  const row = await t.archive.queryOne<Record<string, unknown>>('SELECT * FROM members WHERE id = ?', [id]);
  const { seq: _seq, updated_at: _updated, ...rest } = row!;
  return rest;
}
const dump = async () => JSON.stringify([
  await t.archive.query('SELECT * FROM members ORDER BY id'),
  await t.archive.query('SELECT * FROM transfers ORDER BY id'),
  await t.archive.query('SELECT id, kind, summary FROM member_events ORDER BY id'),
  (await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM audit_log'))?.n,
]);
async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('撤销出党', () => {
  it('a member marked 死亡 by mistake is back on the roll exactly as before, in every view and count', async () => {
    const m = await createMember(t.ctx, person());
    await createMember(t.ctx, person({ name: '王秀英', gender: '2', idNumber: makeIdNumber('370783', '1952-03-14', 200) }));
    const rowBefore = await rowOf(m.id);
    const countsBefore = await memberCounts(t.ctx);
    const rollBefore = (await listMembers(t.ctx, { startRow: 0, endRow: 50, view: 'roll' })).rows.map((r) => r.id).sort();

    await exitMember(t.ctx, m.id, { reason: 'death', date: '2026-11-20', note: '病故' });
    expect((await memberCounts(t.ctx)).roll).toBe(countsBefore.roll - 1);

    const back = await undoExit(t.ctx, m.id, { reason: '误登记为死亡,本人健在' });
    expect(back).toMatchObject({ exitReason: null, exitDate: null, exitNote: null });
    expect(await rowOf(m.id)).toEqual(rowBefore);
    expect(await memberCounts(t.ctx)).toEqual(countsBefore);
    expect((await listMembers(t.ctx, { startRow: 0, endRow: 50, view: 'roll' })).rows.map((r) => r.id).sort()).toEqual(rollBefore);
    expect((await listMembers(t.ctx, { startRow: 0, endRow: 50, view: 'exited' })).total).toBe(0);

    // The history keeps both lines; the undoing names what it undid and why.
    const history = await memberHistory(t.archive, m.id);
    expect(history.map((e) => e.kind)).toEqual(expect.arrayContaining(['exited', 'exit_undone']));
    const undone = history.find((e) => e.kind === 'exit_undone')!;
    expect(undone.summary).toBe('撤销出党:原记为 2026-11-20 死亡;原因:误登记为死亡,本人健在');
    expect(undone.eventDate).toBe(TODAY);

    // The audit log in words: the action, the member's name, the fields by their Chinese names.
    const audit = (await listAuditLog(t.ctx, { member: m.id })).rows.find((r) => r.action === 'member.undoExit')!;
    expect(audit).toMatchObject({ actionLabel: '撤销出党', subject: '李长顺' });
    expect(audit.changes).toContain('出党方式:死亡 → (空)');
    expect(audit.changes).toContain('出党日期:2026-11-20 → (空)');
    expect(audit.changes).toContain('原因:误登记为死亡,本人健在');
    expect(audit.changes).not.toMatch(/[A-Za-z]{3,}/);
    expect((await verifyAuditChain(t.archive)).intact).toBe(true);
  });

  it('through the dispatcher as the window calls it; a blank reason, a member on the roll and a suspension are refused and write nothing', async () => {
    const m = await createMember(t.ctx, person());
    const onRoll = await t.dispatch('undoExit', { id: m.id, reason: '误登记' });
    expect(onRoll).toMatchObject({ ok: false, error: { code: 'conflict', message: '李长顺在册,没有可撤销的出党记录' } });

    await t.call('exitMember', { id: m.id, reason: 'withdrawal', date: '2026-10-01', note: null });
    const before = await dump();
    const blank = await t.dispatch('undoExit', { id: m.id, reason: '   ' });
    expect(blank).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ field: 'reason', message: expect.stringContaining('请填写撤销出党的原因') }] } });
    expect(await dump()).toBe(before);

    const lost = await createMember(t.ctx, person({ name: '赵德明' }));
    await markLost(t.ctx, lost.id, { reason: 'moved', date: '2026-01-05' });
    await suspendMembership(t.ctx, lost.id, { date: '2026-11-01' });
    const beforeSuspended = await dump();
    expect((await refusal(undoExit(t.ctx, lost.id, { reason: '误登记' }))).message).toContain('恢复党籍');
    expect(await dump()).toBe(beforeSuspended);

    const ok = await t.call<{ exitReason: string | null }>('undoExit', { id: m.id, reason: '本人未提出退党,系误登记' });
    expect(ok.exitReason).toBeNull();
  });

  it('an exit by 回执 undone: the letter waits for its 回执 again, and the 回执 can then be recorded for the right day', async () => {
    const m = await createMember(t.ctx, person());
    const letter = await transferOut(t.ctx, m.id, { date: '2026-10-10', destination: '某县某镇党委', duesPaidTo: '2026-10', validityMonths: 3 });
    await recordTransferReceipt(t.ctx, letter.id, { date: '2026-11-02' });
    expect((await getMember(t.ctx, m.id)).exitReason).toBe('transfer_out');

    const back = await undoExit(t.ctx, m.id, { reason: '回执登记错了人' });
    expect(back).toMatchObject({ exitReason: null, transferPending: true });
    expect((await listTransfers(t.ctx, { pending: true })).map((x) => x.id)).toEqual([letter.id]);
    expect((await memberCounts(t.ctx)).transferPending).toBe(1);
    expect((await memberHistory(t.archive, m.id)).find((e) => e.kind === 'exit_undone')!.summary).toContain(`介绍信 ${letter.letterNumber} 恢复为待回执`);

    await recordTransferReceipt(t.ctx, letter.id, { date: '2026-11-05' });
    expect(await getMember(t.ctx, m.id)).toMatchObject({ exitReason: 'transfer_out', exitDate: '2026-11-05', transferPending: false });
  });
});

describe('event dates, not entry dates', () => {
  it('a death of last week is accepted after an edit made today, and again after an undo made today', async () => {
    const m = await createMember(t.ctx, person());
    await updateMember(t.ctx, m.id, { phone: '13805367788' });
    const dead = await exitMember(t.ctx, m.id, { reason: 'death', date: '2026-11-21' });
    expect(dead.exitDate).toBe('2026-11-21');
    await undoExit(t.ctx, m.id, { reason: '日期填错' });
    expect((await exitMember(t.ctx, m.id, { reason: 'death', date: '2026-11-19' })).exitDate).toBe('2026-11-19');
  });

  it('an exit before the latest event the member lived through is still refused, naming that date', async () => {
    const m = await createMember(t.ctx, person());
    await markLost(t.ctx, m.id, { reason: 'moved', date: '2026-05-01' });
    let problem = '';
    try {
      await exitMember(t.ctx, m.id, { reason: 'death', date: '2026-04-01' });
    } catch (e) {
      if (e instanceof ValidationError) problem = e.issues.find((i) => i.field === 'date')?.message ?? '';
    }
    expect(problem).toContain('发生日期 2026-05-01');
  });
});
