// 失联党员 (lost contact) and 停止党籍. A member is lost from a date with a coded reason; after the
// configurable number of months without contact (6 by default) they surface for 停止党籍 review, which
// is an exit (出党方式 停止党籍) that can be restored with a reason. Each step is one transaction.
import { nowIso, todayOf, type ServiceContext } from '../../core/context';
import { DomainError } from '../../core/errors';
import { isCode, labelOf } from '../../core/codes';
import { exitMember, getMember, getMemberRow, type MemberRecord } from '../members';
import { getLifeRules } from '../../core/settings';
import { subtreeIds } from '../../organizations/organizations';
import { addMonths, cleanText, recordLifeChange, requireOnRoll, throwIf, sinceJoining } from './lifeCommon';
import { checkDate } from '../../core/validation';

export async function markLost(ctx: ServiceContext, memberId: string, input: { reason: string; date: string; note?: string | null }): Promise<MemberRecord> {
  await ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, memberId);
    requireOnRoll(m, '登记为失联党员');
    if (m.isLost) throw new DomainError('conflict', `${m.name}已于 ${m.lostDate} 登记为失联党员`);
    const problems = checkDate('date', '失联日期', input.date, ctx, sinceJoining(m));
    if (!isCode('lostReason', input.reason)) problems.push({ field: 'reason', message: '请选择失联原因' });
    throwIf(problems, '不能登记失联');
    const after = { isLost: true, lostReason: input.reason, lostDate: input.date };
    await ctx.archive.run('UPDATE members SET is_lost = 1, lost_reason = ?, lost_date = ?, seq = ?, updated_at = ? WHERE id = ?', [input.reason, input.date, await ctx.archive.changeSeq(), nowIso(), memberId]);
    const note = cleanText(input.note);
    await recordLifeChange(ctx, {
      memberId, kind: 'lost', eventDate: input.date, summary: `失去联系:${labelOf('lostReason', input.reason)}${note ? `(${note})` : ''}`,
      before: { isLost: false, lostReason: m.lostReason, lostDate: m.lostDate }, after: { ...after, note }, action: 'lost.mark', entity: 'members', entityId: memberId,
    });
  });
  return getMember(ctx, memberId);
}

export async function markFound(ctx: ServiceContext, memberId: string, input: { date: string; note?: string | null }): Promise<MemberRecord> {
  await ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, memberId);
    requireOnRoll(m, '恢复联系');
    if (!m.isLost) throw new DomainError('conflict', `${m.name}不是失联党员`);
    const problems = checkDate('date', '恢复联系日期', input.date, ctx, sinceJoining(m));
    if (!problems.length && m.lostDate && input.date < m.lostDate) problems.push({ field: 'date', message: `恢复联系日期不能早于失联日期 ${m.lostDate}` });
    throwIf(problems, '不能恢复联系');
    await ctx.archive.run('UPDATE members SET is_lost = 0, lost_reason = NULL, lost_date = NULL, seq = ?, updated_at = ? WHERE id = ?', [await ctx.archive.changeSeq(), nowIso(), memberId]);
    const note = cleanText(input.note);
    await recordLifeChange(ctx, {
      memberId, kind: 'lost', eventDate: input.date, summary: `恢复联系${note ? `:${note}` : ''}`,
      before: { isLost: true, lostReason: m.lostReason, lostDate: m.lostDate }, after: { isLost: false, lostReason: null, lostDate: null }, action: 'lost.found', entity: 'members', entityId: memberId,
    });
  });
  return getMember(ctx, memberId);
}

export interface LostReviewRow {
  memberId: string;
  name: string;
  orgId: string;
  orgName: string;
  lostReason: string | null;
  lostDate: string;
  dueDate: string; // lostDate + the rule's months: from this day 停止党籍 may be decided
  due: boolean;
}

/** 失联党员 with the 6-month rule applied: who is due for 停止党籍 review today. */
export async function lostReview(ctx: ServiceContext, q: { orgId?: string | null; dueOnly?: boolean } = {}): Promise<LostReviewRow[]> {
  const { lostMonthsBeforeSuspension: months } = await getLifeRules(ctx);
  let filter = '';
  let params: unknown[] = [];
  if (q.orgId) {
    const ids = await subtreeIds(ctx.archive, q.orgId);
    filter = `AND m.org_id IN (${ids.map(() => '?').join(',')})`;
    params = ids;
  }
  const rows = await ctx.archive.query<{ memberId: string; name: string; orgId: string; orgName: string; lostReason: string | null; lostDate: string | null }>(
    `SELECT m.id AS memberId, m.name AS name, m.org_id AS orgId, o.name AS orgName, m.lost_reason AS lostReason, m.lost_date AS lostDate
     FROM members m JOIN organizations o ON o.id = m.org_id WHERE m.exit_reason IS NULL AND m.is_lost = 1 ${filter} ORDER BY m.lost_date, m.pinyin_full`,
    params,
  );
  const today = todayOf(ctx);
  const out = rows
    .filter((r) => r.lostDate)
    .map((r) => {
      const dueDate = addMonths(r.lostDate!, months);
      return { ...r, lostDate: r.lostDate!, dueDate, due: dueDate <= today };
    });
  return q.dueOnly ? out.filter((r) => r.due) : out;
}

/** 停止党籍: only for a member lost for at least the rule's months (6). */
export async function suspendMembership(ctx: ServiceContext, memberId: string, input: { date: string; note?: string | null }): Promise<MemberRecord> {
  await ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, memberId);
    requireOnRoll(m, '停止党籍');
    const { lostMonthsBeforeSuspension: months } = await getLifeRules(ctx);
    if (!m.isLost || !m.lostDate) throw new DomainError('conflict', `${m.name}不是失联党员:只有失联满 ${months} 个月的党员才能停止党籍`);
    const problems = checkDate('date', '停止党籍日期', input.date, ctx, sinceJoining(m));
    const dueDate = addMonths(m.lostDate, months);
    if (!problems.length && input.date < dueDate) problems.push({ field: 'date', message: `失联未满 ${months} 个月:自 ${m.lostDate} 失联,${dueDate} 起才能停止党籍` });
    throwIf(problems, '不能停止党籍');
    await exitMember(ctx, memberId, { reason: 'suspended', date: input.date, note: cleanText(input.note) ?? `失联满 ${months} 个月(自 ${m.lostDate})` });
  });
  return getMember(ctx, memberId);
}

/** 恢复党籍: a suspended member is back on the roll; the reason is required and kept. */
export async function restoreMembership(ctx: ServiceContext, memberId: string, input: { date: string; reason: string }): Promise<MemberRecord> {
  await ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, memberId);
    if (m.exitReason !== 'suspended') {
      throw new DomainError('conflict', m.exitReason ? `${m.name}的出党方式是${labelOf('exitReason', m.exitReason)},只有停止党籍的党员才能恢复党籍` : `${m.name}在册,不需要恢复党籍`);
    }
    const problems = checkDate('date', '恢复党籍日期', input.date, ctx, sinceJoining(m));
    if (!problems.length && m.exitDate && input.date < m.exitDate) problems.push({ field: 'date', message: `恢复党籍日期不能早于停止党籍日期 ${m.exitDate}` });
    const reason = cleanText(input.reason);
    if (!reason) problems.push({ field: 'reason', message: '请填写恢复党籍的理由' });
    throwIf(problems, '不能恢复党籍');
    const before = { exitReason: m.exitReason, exitDate: m.exitDate, exitNote: m.exitNote, isLost: m.isLost, lostReason: m.lostReason, lostDate: m.lostDate };
    await ctx.archive.run(
      'UPDATE members SET exit_reason = NULL, exit_date = NULL, exit_note = NULL, is_lost = 0, lost_reason = NULL, lost_date = NULL, seq = ?, updated_at = ? WHERE id = ?',
      [await ctx.archive.changeSeq(), nowIso(), memberId],
    );
    await recordLifeChange(ctx, {
      memberId, kind: 'restored', eventDate: input.date, summary: `恢复党籍:${reason}`,
      before, after: { exitReason: null, exitDate: null, isLost: false, reason }, action: 'member.restore', entity: 'members', entityId: memberId,
    });
  });
  return getMember(ctx, memberId);
}
