// 预备期 (probation): 转正, 延长预备期 (once, 6–12 months), 取消预备党员资格. Each is decided by the
// 支部大会 with a recorded vote (应到/实到/同意/反对/弃权) and written in ONE transaction: the decision
// with its vote, the member's new state, the history event and the audit entry.
// Dates: 入党日期 is the date of the 支部大会 that admitted the member, so the probation ends exactly one
// year after it (29 February → 28 February), later by an extension. 转正 counts from the end of probation
// (党龄从预备期满之日算起), so 转正日期 = the end of probation; the meeting cannot be before it.
import { eq } from 'drizzle-orm';
import { newId } from '../../core/ids';
import type { FieldProblem } from '../../core/errors';
import { members, probationDecisions, type Member } from '../../../../db/schema';
import { nowIso, type ServiceContext } from '../../core/context';
import { DomainError, ValidationError } from '../../core/errors';
import { labelOf } from '../../core/codes';
import { addYears } from '../memberRules';
import { getDevRules } from '../../development/rules';
import { exitMember, getMember, getMemberRow, type MemberRecord } from '../members';
import { addMonths, cleanText, recordLifeChange, requireOnRoll, throwIf, sinceJoining } from './lifeCommon';
import { checkDate } from '../../core/validation';

export interface VoteInput {
  entitled: number; // 应到会有表决权的正式党员
  present: number; // 实到
  yes: number; // 同意
  no: number; // 反对
  abstain: number; // 弃权
}

const VOTE_LABELS: Record<keyof VoteInput, string> = { entitled: '应到人数', present: '实到人数', yes: '同意票数', no: '反对票数', abstain: '弃权票数' };

/**
 * The 支部大会 rules of domain.md: more than half of those entitled present, and more than half of those
 * entitled voting yes. Exactly half is not a majority.
 */
export function checkVote(v: VoteInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(VOTE_LABELS) as (keyof VoteInput)[]) {
    if (!Number.isInteger(v[key]) || v[key] < 0) problems.push({ field: key, message: `${VOTE_LABELS[key]}应为不小于0的整数` });
  }
  if (problems.length) return problems;
  if (v.entitled < 1) return [{ field: 'entitled', message: '应到人数至少为1' }];
  if (v.present > v.entitled) problems.push({ field: 'present', message: `实到人数(${v.present})不能多于应到人数(${v.entitled})` });
  else if (v.present * 2 <= v.entitled) problems.push({ field: 'present', message: `实到人数须超过应到人数的半数:应到 ${v.entitled} 人,至少应到会 ${Math.floor(v.entitled / 2) + 1} 人,实到 ${v.present} 人` });
  if (v.yes + v.no + v.abstain > v.present) problems.push({ field: 'abstain', message: `同意、反对、弃权合计 ${v.yes + v.no + v.abstain} 票,多于实到人数 ${v.present}` });
  if (v.yes * 2 <= v.entitled) problems.push({ field: 'yes', message: `同意票须超过应到会有表决权党员的半数:应到 ${v.entitled} 人,至少需 ${Math.floor(v.entitled / 2) + 1} 票同意,实得 ${v.yes} 票` });
  return problems;
}

export interface ProbationDecision {
  id: string;
  kind: string;
  meetingDate: string;
  entitled: number;
  present: number;
  yes: number;
  no: number;
  abstain: number;
  extendMonths: number | null;
  probationEnd: string;
  note: string | null;
}

export interface ProbationStatus {
  memberId: string;
  category: string;
  joinDate: string;
  /** One year after the 支部大会 that admitted the member. */
  regularEnd: string;
  /** regularEnd, or later by the extension. */
  probationEnd: string;
  extendMonths: number | null;
  decisions: ProbationDecision[];
}

async function decisionsOf(ctx: ServiceContext, memberId: string): Promise<ProbationDecision[]> {
  const rows = await ctx.archive.db.select().from(probationDecisions).where(eq(probationDecisions.memberId, memberId)).orderBy(probationDecisions.meetingDate);
  return rows.map(({ memberId: _m, seq: _s, createdAt: _c, ...r }) => {
    void _m;
    void _s;
    void _c;
    return r;
  });
}

export async function probationStatus(ctx: ServiceContext, memberId: string): Promise<ProbationStatus> {
  const m = await getMemberRow(ctx, memberId);
  const decisions = await decisionsOf(ctx, memberId);
  const extension = decisions.find((d) => d.kind === 'extend');
  const regularEnd = addYears(m.joinDate, 1);
  return {
    memberId,
    category: m.category,
    joinDate: m.joinDate,
    regularEnd,
    probationEnd: extension ? addMonths(regularEnd, extension.extendMonths ?? 0) : regularEnd,
    extendMonths: extension?.extendMonths ?? null,
    decisions,
  };
}

export interface DecisionInput {
  meetingDate: string; // 支部大会日期
  vote: VoteInput;
  note?: string | null;
}

function requireProbationary(m: Member, operation: string): void {
  requireOnRoll(m, operation);
  if (m.category !== 'probationary') throw new DomainError('conflict', `${m.name}是${labelOf('memberCategory', m.category)},不是预备党员,不能${operation}`);
}

const voteText = (v: VoteInput) => `应到${v.entitled}人,实到${v.present}人,同意${v.yes}票,反对${v.no}票,弃权${v.abstain}票`;

async function insertDecision(ctx: ServiceContext, memberId: string, kind: string, input: DecisionInput, probationEnd: string, extendMonths: number | null): Promise<string> {
  const id = newId();
  await ctx.archive.db.insert(probationDecisions).values({
    id, memberId, kind, meetingDate: input.meetingDate, ...input.vote, extendMonths, probationEnd, note: cleanText(input.note), seq: await ctx.archive.changeSeq(), createdAt: nowIso(),
  });
  return id;
}

/** 转正: the 支部大会 on or after the end of probation, with a passing vote. */
export async function confirmFullMembership(ctx: ServiceContext, memberId: string, input: DecisionInput): Promise<MemberRecord> {
  await ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, memberId);
    requireProbationary(m, '办理转正');
    const status = await probationStatus(ctx, memberId);
    const problems = checkDate('meetingDate', '支部大会日期', input.meetingDate, ctx);
    if (!problems.length && input.meetingDate < m.joinDate) problems.push({ field: 'meetingDate', message: `转正的支部大会日期不能早于入党日期 ${m.joinDate}` });
    else if (!problems.length && input.meetingDate < status.probationEnd) {
      problems.push({ field: 'meetingDate', message: `预备期未满:预备期至 ${status.probationEnd} 止(入党日期 ${m.joinDate} 起一年${status.extendMonths ? `,延长 ${status.extendMonths} 个月` : ''}),转正的支部大会不能早于该日` });
    }
    throwIf([...problems, ...checkVote(input.vote)], '不能转正');
    const decisionId = await insertDecision(ctx, memberId, 'full', input, status.probationEnd, null);
    const before = { category: m.category, fullDate: m.fullDate };
    const after = { category: 'formal', fullDate: status.probationEnd };
    await ctx.archive.db.update(members).set({ ...after, seq: await ctx.archive.changeSeq(), updatedAt: nowIso() }).where(eq(members.id, memberId));
    await recordLifeChange(ctx, {
      memberId, kind: 'probation', eventDate: input.meetingDate, summary: `转正:支部大会 ${input.meetingDate} 表决通过(${voteText(input.vote)}),转正日期 ${status.probationEnd}`,
      before, after: { ...after, decisionId, vote: input.vote }, action: 'probation.full', entity: 'probation_decisions', entityId: decisionId,
    });
  });
  return getMember(ctx, memberId);
}

/** 延长预备期: once, by 6 to 12 months (the range is an administrator's rule). */
export async function extendProbation(ctx: ServiceContext, memberId: string, input: DecisionInput & { months: number }): Promise<MemberRecord> {
  await ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, memberId);
    requireProbationary(m, '延长预备期');
    const status = await probationStatus(ctx, memberId);
    const earlier = status.decisions.find((d) => d.kind === 'extend');
    if (earlier) {
      throw new ValidationError([{ field: 'months', message: `预备期只能延长一次:已于 ${earlier.meetingDate} 延长 ${earlier.extendMonths} 个月(至 ${status.probationEnd})` }]);
    }
    const problems = checkDate('meetingDate', '支部大会日期', input.meetingDate, ctx, sinceJoining(m));
    // The range is the administrator's rule (development rules table; 6–12 months by default).
    const rule = (await getDevRules(ctx)).extensionMonths;
    const [least, most] = [rule?.value ?? 6, rule?.maxValue ?? 12];
    if (!Number.isInteger(input.months) || input.months < least || input.months > most) problems.push({ field: 'months', message: `延长预备期应为${least}至${most}个月,填写的是 ${input.months} 个月` });
    throwIf([...problems, ...checkVote(input.vote)], '不能延长预备期');
    const newEnd = addMonths(status.regularEnd, input.months);
    const decisionId = await insertDecision(ctx, memberId, 'extend', input, newEnd, input.months);
    await ctx.archive.run('UPDATE members SET seq = ?, updated_at = ? WHERE id = ?', [await ctx.archive.changeSeq(), nowIso(), memberId]);
    await recordLifeChange(ctx, {
      memberId, kind: 'probation', eventDate: input.meetingDate, summary: `延长预备期 ${input.months} 个月:预备期至 ${status.probationEnd} → ${newEnd}(${voteText(input.vote)})`,
      before: { probationEnd: status.probationEnd }, after: { probationEnd: newEnd, extendMonths: input.months, decisionId, vote: input.vote }, action: 'probation.extend', entity: 'probation_decisions', entityId: decisionId,
    });
  });
  return getMember(ctx, memberId);
}

/** 取消预备党员资格: the decision and the exit (出党方式 取消预备党员资格) in one transaction. */
export async function cancelProbation(ctx: ServiceContext, memberId: string, input: DecisionInput): Promise<MemberRecord> {
  await ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, memberId);
    requireProbationary(m, '取消预备党员资格');
    const status = await probationStatus(ctx, memberId);
    throwIf([...checkDate('meetingDate', '支部大会日期', input.meetingDate, ctx, sinceJoining(m)), ...checkVote(input.vote)], '不能取消预备党员资格');
    const decisionId = await insertDecision(ctx, memberId, 'cancel', input, status.probationEnd, null);
    await recordLifeChange(ctx, {
      memberId, kind: 'probation', eventDate: input.meetingDate, summary: `支部大会决定取消预备党员资格(${voteText(input.vote)})`,
      before: { category: m.category }, after: { decisionId, vote: input.vote }, action: 'probation.cancel', entity: 'probation_decisions', entityId: decisionId,
    });
    await exitMember(ctx, memberId, { reason: 'probation_cancelled', date: input.meetingDate, note: cleanText(input.note) });
  });
  return getMember(ctx, memberId);
}
