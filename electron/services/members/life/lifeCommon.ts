// Shared pieces of a member's life (sub-records, 预备期, 转接, 流动/失联, 档案材料): the member's state checks,
// and the one way every change is written to the member's history and to the audit log (always inside the
// caller's transaction). Dates are checked by the form rules (core/validation), never before joining.
import type { FieldProblem } from '../../core/errors';
import type { Member } from '../../../../db/schema';
import type { ServiceContext } from '../../core/context';
import { appendAudit } from '../../audit/audit';
import { DomainError, ValidationError } from '../../core/errors';
import { labelOf } from '../../core/codes';
import { recordMemberEvents, type MemberEventKind } from '../memberEvents';
import type { DateRule } from '../../core/validation';

/** date + n calendar months; the 31st of a shorter month becomes its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** Trimmed text, empty → null. */
export function cleanText(v: string | null | undefined): string | null {
  return v == null || v.trim() === '' ? null : v.trim();
}

/** The rule a date of a member's life adds to the form rules: not before the member joined. */
export function sinceJoining(member: Pick<Member, 'joinDate'> | null | undefined): DateRule {
  return { notBefore: [[member?.joinDate, '入党日期']] };
}

export function throwIf(problems: FieldProblem[], what = ''): void {
  if (problems.length) throw new ValidationError(problems, what);
}

/** The member must still be on the roll (在册) for this operation. */
export function requireOnRoll(member: Member, operation: string): void {
  if (member.exitReason) {
    throw new DomainError('conflict', `${member.name}已于 ${member.exitDate} ${labelOf('exitReason', member.exitReason)},不能${operation}`);
  }
}

export interface LifeChange {
  memberId: string;
  kind: MemberEventKind;
  eventDate: string;
  summary: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  action: string; // audit action, e.g. transfer.out
  entity: string; // table
  entityId: string | null;
}

/** History event + audit entry for one change. Must run inside the write transaction. */
export async function recordLifeChange(ctx: ServiceContext, change: LifeChange): Promise<void> {
  await recordMemberEvents(ctx.archive, [
    { memberId: change.memberId, kind: change.kind, eventDate: change.eventDate, actor: ctx.actor, summary: change.summary, before: change.before, after: change.after },
  ]);
  await appendAudit(ctx.archive, [
    { actor: ctx.actor, action: change.action, entity: change.entity, entityId: change.entityId, before: change.before, after: { ...change.after, memberId: change.memberId } },
  ]);
}
