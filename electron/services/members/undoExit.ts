// 撤销出党: an exit recorded by mistake (a member marked 死亡 who is alive, a 回执 entered for the wrong
// letter) is taken back with a reason. The member is on the roll again exactly as before the exit — the
// exit fields cleared, a 回执's letter waiting again — and the history keeps both lines: the exit and
// its undoing, with who and why.
import { nowIso, todayOf, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { DomainError, ValidationError } from '../core/errors';
import { labelOf } from '../core/codes';
import { recordMemberEvents } from './memberEvents';
import { getMember, getMemberRow, type MemberRecord } from './members';
import { cleanText } from './life/lifeCommon';

/** Exits that are decisions with their own records, taken back where they were made. */
const UNDONE_ELSEWHERE: Record<string, string> = {
  suspended: '停止党籍请在党员档案的“失联党员”处用“恢复党籍”办理',
  probation_cancelled: '取消预备党员资格是支部大会的决定,不能在此撤销',
};

export interface UndoExitInput {
  reason: string;
}

export async function undoExit(ctx: ServiceContext, memberId: string, input: UndoExitInput): Promise<MemberRecord> {
  const reason = cleanText(input.reason);
  if (!reason) throw new ValidationError([{ field: 'reason', message: '请填写撤销出党的原因(例如:误登记为死亡)' }], '不能撤销出党');
  await ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, memberId);
    if (!m.exitReason) throw new DomainError('conflict', `${m.name}在册,没有可撤销的出党记录`);
    const elsewhere = UNDONE_ELSEWHERE[m.exitReason];
    if (elsewhere) throw new DomainError('conflict', `${m.name}于 ${m.exitDate} ${labelOf('exitReason', m.exitReason)}:${elsewhere}`);
    const org = await ctx.archive.queryOne<{ name: string; status: string }>('SELECT name, status FROM organizations WHERE id = ?', [m.orgId]);
    if (org && org.status !== 'active') {
      throw new DomainError('conflict', `${m.name}原所在的“${org.name}”${labelOf('orgStatus', org.status)},不能回到该党组织;请先恢复或另行建立档案`);
    }
    // An exit by 回执: the letter it completed waits for its 回执 again, as it did before.
    const letter = m.exitReason === 'transfer_out'
      ? await ctx.archive.queryOne<{ id: string; letter_number: string | null }>(
        "SELECT id, letter_number FROM transfers WHERE member_id = ? AND direction = 'out' AND status = 'completed' AND receipt_date = ? ORDER BY updated_at DESC LIMIT 1",
        [memberId, m.exitDate],
      )
      : null;
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const before = { exitReason: m.exitReason, exitDate: m.exitDate, exitNote: m.exitNote, transferPending: m.transferPending };
    const after = { exitReason: null, exitDate: null, exitNote: null, transferPending: letter !== null };
    await ctx.archive.run('UPDATE members SET exit_reason = NULL, exit_date = NULL, exit_note = NULL, transfer_pending = ?, seq = ?, updated_at = ? WHERE id = ?', [letter ? 1 : 0, seq, now, memberId]);
    if (letter) await ctx.archive.run("UPDATE transfers SET status = 'pending', receipt_date = NULL, seq = ?, updated_at = ? WHERE id = ?", [seq, now, letter.id]);
    const what = `${m.exitDate} ${labelOf('exitReason', m.exitReason)}`;
    const summary = `撤销出党:原记为 ${what}${letter ? `(介绍信 ${letter.letter_number ?? ''} 恢复为待回执)` : ''};原因:${reason}`;
    // Dated the day of the correction: an entry, not something that happened to the member, so a later
    // exit with its true (earlier) date is not held back by it.
    await recordMemberEvents(ctx.archive, [{ memberId, kind: 'exit_undone', eventDate: todayOf(ctx), actor: ctx.actor, summary, before, after: { ...after, reason } }]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'member.undoExit', entity: 'members', entityId: memberId, before, after: { ...after, reason } }]);
  });
  return getMember(ctx, memberId);
}
