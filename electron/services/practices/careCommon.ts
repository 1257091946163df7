// What 培训, 党内关爱 and 设岗定责/承诺/联系点 share beyond the form rules (core/validation): a member named in a
// record must be in the archive and on the roll on the record's date (joined by then, not yet left).
// Messages are Chinese and name the member.
import type { FieldProblem } from '../core/errors';
import { todayOf, type ServiceContext } from '../core/context';
import { isIsoDate } from '../core/validation';
import { labelOf } from '../core/codes';

export interface RollMember {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  joinDate: string;
  exitReason: string | null;
  exitDate: string | null;
}

export async function memberRow(ctx: ServiceContext, memberId: string): Promise<RollMember | undefined> {
  return ctx.archive.queryOne<RollMember>(
    `SELECT m.id AS id, m.name AS name, m.org_id AS orgId, o.name AS orgName, m.join_date AS joinDate, m.exit_reason AS exitReason, m.exit_date AS exitDate
     FROM members m JOIN organizations o ON o.id = m.org_id WHERE m.id = ?`,
    [memberId],
  );
}

/**
 * The member as of `date`: a problem when they are not in the archive, had not joined yet, or had left by
 * then (an exit on that very day counts as left).
 */
export async function checkMemberOnRoll(ctx: ServiceContext, field: string, memberId: string, date: string | null, what: string): Promise<{ member?: RollMember; problem?: FieldProblem }> {
  const m = await memberRow(ctx, memberId);
  if (!m) return { problem: { field, message: `档案中没有这名党员(${memberId}),不能${what}` } };
  if (date && isIsoDate(date)) {
    if (m.joinDate > date) return { member: m, problem: { field, message: `${m.name}于 ${m.joinDate} 入党,${date} 时还不是党员,不能${what}` } };
    if (m.exitReason && m.exitDate && m.exitDate <= date) {
      return { member: m, problem: { field, message: `${m.name}已于 ${m.exitDate} ${labelOf('exitReason', m.exitReason)},不能${what}` } };
    }
  }
  return { member: m };
}

/** The last day of a year that has happened: 31 December, or today within the current year. */
export function yearAsOf(ctx: ServiceContext, year: number): string {
  const end = `${year}-12-31`;
  const today = todayOf(ctx);
  return today < end ? today : end;
}
