// 党费 (党费收缴使用管理规定 2008): the rate table as data, a monthly standard per member (from declared
// after-tax regular pay, or the fixed amounts for 农民党员, students, the unemployed and 低保), payments month by
// month for a whole branch in one grid, arrears per member and a yearly summary per branch.
// Money is kept in 分 (integers); the UI shows 元.
import { newId } from '../core/ids';
import { nowIso, todayOf, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { DomainError, ValidationError } from '../core/errors';
import { checkDate, checkFen, checkMonth } from '../core/validation';
import { recordMemberEvents, type MemberEventInput } from '../members/memberEvents';
import { cleanText } from '../members/life/lifeCommon';
import { getMemberRow } from '../members/members';
import type { FieldProblem } from '../core/errors';

/** The 2008 table: the rate applies to the whole monthly after-tax regular pay of the band it falls in. */
export const DUES_RATE_TABLE = {
  salary: [
    { upToFen: 300_000, rate: 0.005, label: '3000元以下(含3000元)', labelRate: '0.5%' },
    { upToFen: 500_000, rate: 0.01, label: '3000元以上至5000元(含5000元)', labelRate: '1%' },
    { upToFen: 1_000_000, rate: 0.015, label: '5000元以上至10000元(含10000元)', labelRate: '1.5%' },
    { upToFen: null, rate: 0.02, label: '10000元以上', labelRate: '2%' },
  ],
  retiree: [
    { upToFen: 500_000, rate: 0.005, label: '离退休费5000元以下(含5000元)', labelRate: '0.5%' },
    { upToFen: null, rate: 0.01, label: '离退休费5000元以上', labelRate: '1%' },
  ],
  fixed: {
    farmer: { minFen: 20, maxFen: 100, defaultFen: 50, label: '农民党员每月0.2元至1元' },
    student: { minFen: 20, maxFen: 20, defaultFen: 20, label: '学生党员每月0.2元' },
    unemployed: { minFen: 20, maxFen: 20, defaultFen: 20, label: '下岗失业党员每月0.2元' },
    low_income: { minFen: 20, maxFen: 20, defaultFen: 20, label: '享受最低生活保障的党员每月0.2元' },
  },
} as const;

export const DUES_BASES = ['salary', 'retiree', 'farmer', 'student', 'unemployed', 'low_income'] as const;
export type DuesBasis = (typeof DUES_BASES)[number];
export const BASIS_LABELS: Record<DuesBasis, string> = { salary: '按工资收入', retiree: '离退休', farmer: '农民党员', student: '学生', unemployed: '下岗失业', low_income: '低保' };

/** The monthly amount in 分: rate × income (rounded to the 分) or the fixed amount. */
export function monthlyDues(basis: DuesBasis, incomeFen: number | null, fixedFen?: number | null): number {
  if (basis === 'salary' || basis === 'retiree') {
    const band = DUES_RATE_TABLE[basis].find((b) => b.upToFen === null || (incomeFen ?? 0) <= b.upToFen)!;
    return Math.round((incomeFen ?? 0) * band.rate);
  }
  const f = DUES_RATE_TABLE.fixed[basis];
  return fixedFen ?? f.defaultFen;
}

/** One month's dues above this (100 万元) is a typing error. */
const MAX_DUES_PAYMENT_FEN = 100_000_000;
export const nextMonth = (m: string) => {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};
export const monthsBetween = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));

export interface StandardInput {
  memberId: string;
  fromMonth: string;
  basis: string;
  incomeFen?: number | null;
  fixedFen?: number | null;
}

export async function setDuesStandard(ctx: ServiceContext, input: StandardInput): Promise<{ id: string; monthlyFen: number }> {
  const problems: FieldProblem[] = [];
  // A standard may be set ahead, from a coming month on.
  problems.push(...checkMonth('fromMonth', '起始月份', input.fromMonth, ctx, { allowFuture: true }));
  if (!(DUES_BASES as readonly string[]).includes(input.basis)) problems.push({ field: 'basis', message: '请选择党费计算依据' });
  const basis = input.basis as DuesBasis;
  if (basis === 'salary' || basis === 'retiree') problems.push(...checkFen('income', '每月税后工资收入', input.incomeFen, { allowZero: true }));
  if (basis in DUES_RATE_TABLE.fixed && input.fixedFen != null) {
    const f = DUES_RATE_TABLE.fixed[basis as keyof typeof DUES_RATE_TABLE.fixed];
    if (!Number.isInteger(input.fixedFen) || input.fixedFen < f.minFen || input.fixedFen > f.maxFen) problems.push({ field: 'fixed', message: `${f.label},填写的是 ${(input.fixedFen / 100).toFixed(2)} 元` });
  }
  if (problems.length) throw new ValidationError(problems, '不能保存党费标准');
  const monthlyFen = monthlyDues(basis, input.incomeFen ?? null, input.fixedFen);
  return ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, input.memberId);
    const existing = await ctx.archive.queryOne<{ id: string; basis: string; monthly_amount: number }>('SELECT id, basis, monthly_amount FROM dues_standards WHERE member_id = ? AND from_month = ?', [m.id, input.fromMonth]);
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const id = existing?.id ?? newId();
    const income = basis === 'salary' || basis === 'retiree' ? input.incomeFen : null;
    if (existing) await ctx.archive.run('UPDATE dues_standards SET basis = ?, income = ?, monthly_amount = ?, seq = ?, updated_at = ? WHERE id = ?', [basis, income, monthlyFen, seq, now, id]);
    else await ctx.archive.run('INSERT INTO dues_standards(id, member_id, from_month, basis, income, monthly_amount, seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)', [id, m.id, input.fromMonth, basis, income, monthlyFen, seq, now, now]);
    const after = { fromMonth: input.fromMonth, basis, incomeFen: income, monthlyFen };
    await recordMemberEvents(ctx.archive, [{ memberId: m.id, kind: 'dues', eventDate: todayOf(ctx), actor: ctx.actor, summary: `党费标准:自 ${input.fromMonth} 起每月 ${(monthlyFen / 100).toFixed(2)} 元(${BASIS_LABELS[basis]})`, before: existing ? { basis: existing.basis, monthlyFen: existing.monthly_amount } : null, after }]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'dues.standard', entity: 'dues_standards', entityId: id, before: existing ? { basis: existing.basis, monthlyFen: existing.monthly_amount } : null, after: { ...after, memberId: m.id } }]);
    return { id, monthlyFen };
  });
}

interface StandardRow {
  member_id: string;
  from_month: string;
  basis: string;
  monthly_amount: number;
}

/** The standard in force in `month` (the latest starting on or before it). */
function standardIn(standards: StandardRow[], month: string): StandardRow | undefined {
  let found: StandardRow | undefined;
  for (const s of standards) if (s.from_month <= month && (!found || s.from_month > found.from_month)) found = s;
  return found;
}

/** The months of `year` a member owes dues for: from the first standard on, up to `lastMonth`. */
export function dueMonths(standards: StandardRow[], year: number, lastMonth: string): { month: string; fen: number }[] {
  const out: { month: string; fen: number }[] = [];
  for (let mo = 1; mo <= 12; mo++) {
    const month = `${year}-${String(mo).padStart(2, '0')}`;
    if (month > lastMonth) break;
    const s = standardIn(standards, month);
    if (s) out.push({ month, fen: s.monthly_amount });
  }
  return out;
}

export interface DuesGridRow {
  memberId: string;
  name: string;
  category: string;
  basis: string | null;
  monthlyFen: number | null;
  paid: Record<string, number>; // month → 分
  dueFen: number;
  paidFen: number;
  arrearsFen: number;
  unpaidMonths: number; // consecutive months without payment up to the month before this one
}

const currentMonthOf = (ctx: ServiceContext) => todayOf(ctx).slice(0, 7);

/** The branch's members with their standard and each month's payment for the year. */
export async function duesGrid(ctx: ServiceContext, year: number, orgId: string): Promise<DuesGridRow[]> {
  const members = await ctx.archive.query<{ id: string; name: string; category: string }>(
    `SELECT id, name, category FROM members m WHERE (org_id = ? AND exit_reason IS NULL) OR EXISTS (SELECT 1 FROM dues_payments p WHERE p.member_id = m.id AND p.org_id = ? AND p.month LIKE ?) ORDER BY pinyin_full`,
    [orgId, orgId, `${year}-%`],
  );
  const ids = members.map((m) => m.id);
  const standards = await rowsFor<StandardRow>(ctx, 'SELECT member_id, from_month, basis, monthly_amount FROM dues_standards WHERE member_id IN', ids, '');
  const payments = await rowsFor<{ member_id: string; month: string; amount: number }>(ctx, 'SELECT member_id, month, amount FROM dues_payments WHERE member_id IN', ids, '');
  const current = currentMonthOf(ctx);
  const lastDue = `${year}-12` < current ? `${year}-12` : current;
  return members.map((m) => {
    const own = standards.filter((s) => s.member_id === m.id);
    const paidAll = payments.filter((p) => p.member_id === m.id);
    const paid = Object.fromEntries(paidAll.filter((p) => p.month.startsWith(`${year}-`)).map((p) => [p.month, p.amount]));
    const due = dueMonths(own, year, lastDue);
    const dueFen = due.reduce((s, d) => s + d.fen, 0);
    const paidFen = Object.values(paid).reduce((s, v) => s + v, 0);
    const arrearsFen = due.reduce((s, d) => s + Math.max(0, d.fen - (paid[d.month] ?? 0)), 0);
    const now = standardIn(own, current) ?? standardIn(own, `${year}-12`);
    return { memberId: m.id, name: m.name, category: m.category, basis: now?.basis ?? null, monthlyFen: now?.monthly_amount ?? null, paid, dueFen, paidFen, arrearsFen, unpaidMonths: unpaidMonths(own, paidAll.map((p) => p.month), current) };
  });
}

/** Consecutive months without any payment, ending with the month before `current`. */
export function unpaidMonths(standards: { from_month: string }[], paidMonths: string[], current: string): number {
  if (!standards.length) return 0;
  const start = standards.reduce((a, s) => (s.from_month < a ? s.from_month : a), standards[0].from_month);
  const lastPaid = paidMonths.filter((m) => m < current).sort().pop();
  const firstUnpaid = lastPaid && lastPaid >= start ? nextMonth(lastPaid) : start;
  return Math.max(0, monthsBetween(firstUnpaid, current));
}

async function rowsFor<T>(ctx: ServiceContext, prefix: string, ids: string[], suffix: string): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    out.push(...(await ctx.archive.query<T>(`${prefix} (${chunk.map(() => '?').join(',')}) ${suffix}`, chunk)));
  }
  return out;
}

export interface PaymentsSave {
  orgId: string;
  year: number;
  paidDate: string;
  /** amountFen null removes the month's payment (a wrong entry). */
  entries: { memberId: string; month: string; amountFen: number | null }[];
  /** The clerk has seen the amounts far from the members' standards and confirms them. */
  confirmUnusual?: boolean;
  /** Why payments already recorded are changed or removed: required when the save corrects any. */
  reason?: string | null;
}

/** A month's payment at twice the standard or more, or half or less, is asked about before it is kept (490 元 typed for 49 元). */
const UNUSUAL_RATIO = 2;
const yuanText = (fen: number) => (fen / 100).toFixed(2);

/** The entries whose amount is far from the member's standard in that month, as problems naming member, month and both amounts. */
async function unusualPayments(ctx: ServiceContext, entries: PaymentsSave['entries']): Promise<FieldProblem[]> {
  const paying = entries.filter((e) => e.amountFen !== null && e.amountFen > 0);
  const ids = [...new Set(paying.map((e) => e.memberId))];
  if (!ids.length) return [];
  const standards = await rowsFor<StandardRow>(ctx, 'SELECT member_id, from_month, basis, monthly_amount FROM dues_standards WHERE member_id IN', ids, '');
  const names = new Map((await rowsFor<{ id: string; name: string }>(ctx, 'SELECT id, name FROM members WHERE id IN', ids, '')).map((m) => [m.id, m.name]));
  const problems: FieldProblem[] = [];
  for (const [i, e] of entries.entries()) {
    if (e.amountFen === null || e.amountFen <= 0) continue;
    const standard = standardIn(standards.filter((x) => x.member_id === e.memberId), e.month)?.monthly_amount;
    if (!standard) continue;
    if (e.amountFen >= standard * UNUSUAL_RATIO || e.amountFen * UNUSUAL_RATIO <= standard) {
      problems.push({ field: `entries.${i}.unusual`, message: `${names.get(e.memberId) ?? ''} ${e.month} 交纳 ${yuanText(e.amountFen)} 元,月标准 ${yuanText(standard)} 元` });
    }
  }
  return problems;
}

interface StoredPayment {
  id: string;
  amount: number;
  paid_date: string;
  name: string;
}

/**
 * Payments of a whole branch entered in the grid: one transaction, one audit entry per changed cell. A cell
 * that changes or removes a payment already recorded is a correction: it needs the reason, which goes with
 * the old amount into the member's history and the audit log.
 */
export async function saveDuesPayments(ctx: ServiceContext, input: PaymentsSave): Promise<{ saved: number }> {
  const problems: FieldProblem[] = [];
  problems.push(...checkDate('paidDate', '交纳日期', input.paidDate, ctx));
  for (const [i, e] of input.entries.entries()) {
    // Dues may be paid ahead (预交), so a month of the year still to come is accepted.
    const month = checkMonth(`entries.${i}.month`, `第${i + 1}项的月份`, e.month, ctx, { allowFuture: true });
    problems.push(...month);
    if (month.length === 0 && !e.month.startsWith(`${input.year}-`)) problems.push({ field: `entries.${i}.month`, message: `月份 ${e.month} 不在 ${input.year} 年度` });
    if (e.amountFen !== null) problems.push(...checkFen(`entries.${i}.amount`, `${e.month} 的党费`, e.amountFen, { max: MAX_DUES_PAYMENT_FEN }));
  }
  if (problems.length) throw new ValidationError(problems, '不能保存党费');
  if (!input.confirmUnusual) {
    const unusual = await unusualPayments(ctx, input.entries);
    if (unusual.length) throw new ValidationError(unusual, '以下党费与月标准相差较大,请核对;确认无误后再保存');
  }
  const reason = cleanText(input.reason);
  return ctx.archive.transaction(async () => {
    const stored = new Map<number, StoredPayment>();
    const corrections: FieldProblem[] = [];
    for (const [i, e] of input.entries.entries()) {
      const existing = await ctx.archive.queryOne<StoredPayment>(
        'SELECT p.id, p.amount, p.paid_date, m.name FROM dues_payments p JOIN members m ON m.id = p.member_id WHERE p.member_id = ? AND p.month = ?', [e.memberId, e.month]);
      if (!existing) continue;
      stored.set(i, existing);
      if (existing.amount !== e.amountFen) corrections.push({ field: `entries.${i}.correction`, message: `${existing.name} ${e.month} 已登记 ${yuanText(existing.amount)} 元 → ${e.amountFen === null ? '删除' : `${yuanText(e.amountFen)} 元`}` });
    }
    if (corrections.length && !reason) throw new ValidationError(corrections, '以下党费已经登记过,更正或删除须填写原因');
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const audits = [];
    const events: MemberEventInput[] = [];
    let saved = 0;
    for (const [i, e] of input.entries.entries()) {
      const existing = stored.get(i);
      if (e.amountFen === null) {
        if (!existing) continue;
        await ctx.archive.run('DELETE FROM dues_payments WHERE id = ?', [existing.id]);
      } else if (existing) {
        if (existing.amount === e.amountFen) continue;
        await ctx.archive.run('UPDATE dues_payments SET amount = ?, paid_date = ?, org_id = ?, seq = ?, updated_at = ? WHERE id = ?', [e.amountFen, input.paidDate, input.orgId, seq, now, existing.id]);
      } else {
        const m = await ctx.archive.queryOne('SELECT id FROM members WHERE id = ?', [e.memberId]);
        if (!m) throw new ValidationError([{ field: 'memberId', message: `找不到党员(${e.memberId})` }]);
        await ctx.archive.run('INSERT INTO dues_payments(id, member_id, org_id, month, amount, paid_date, seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)', [newId(), e.memberId, input.orgId, e.month, e.amountFen, input.paidDate, seq, now, now]);
      }
      saved++;
      if (existing) {
        const after = e.amountFen === null ? { month: e.month, amountFen: null, reason } : { month: e.month, amountFen: e.amountFen, paidDate: input.paidDate, reason };
        const summary = e.amountFen === null
          ? `删除党费记录:${e.month} ${yuanText(existing.amount)} 元(原因:${reason})`
          : `更正党费:${e.month} ${yuanText(existing.amount)} 元 → ${yuanText(e.amountFen)} 元(原因:${reason})`;
        events.push({ memberId: e.memberId, kind: 'dues', eventDate: todayOf(ctx), actor: ctx.actor, summary, before: { month: e.month, amountFen: existing.amount, paidDate: existing.paid_date }, after });
        audits.push({ actor: ctx.actor, action: 'dues.payment.correct', entity: 'dues_payments', entityId: existing.id, before: { month: e.month, amountFen: existing.amount, paidDate: existing.paid_date }, after: { memberId: e.memberId, ...after } });
      } else audits.push({ actor: ctx.actor, action: 'dues.payment', entity: 'dues_payments', entityId: null, before: null, after: { memberId: e.memberId, month: e.month, amountFen: e.amountFen, paidDate: input.paidDate } });
    }
    await recordMemberEvents(ctx.archive, events);
    await appendAudit(ctx.archive, audits);
    return { saved };
  });
}

/** 更正 one recorded month's payment (or remove it, amountFen null), as the grid does, with its reason; the paid date stays. */
export async function correctDuesPayment(ctx: ServiceContext, input: { memberId: string; month: string; amountFen: number | null; reason: string; confirmUnusual?: boolean }): Promise<{ saved: number }> {
  const m = await getMemberRow(ctx, input.memberId);
  const existing = await ctx.archive.queryOne<{ org_id: string; paid_date: string }>('SELECT org_id, paid_date FROM dues_payments WHERE member_id = ? AND month = ?', [m.id, input.month]);
  if (!existing) throw new DomainError('not_found', `${m.name} ${input.month} 没有登记党费,无可更正`);
  if (!cleanText(input.reason)) throw new ValidationError([{ field: 'reason', message: '请填写更正的原因' }], '不能更正党费');
  return saveDuesPayments(ctx, {
    orgId: existing.org_id, year: Number(input.month.slice(0, 4)), paidDate: existing.paid_date,
    entries: [{ memberId: m.id, month: input.month, amountFen: input.amountFen }], confirmUnusual: input.confirmUnusual, reason: input.reason,
  });
}

export interface DuesSummaryRow {
  orgId: string;
  orgName: string;
  members: number; // members with a standard in the year
  dueFen: number;
  paidFen: number;
  arrearsFen: number;
  membersInArrears: number;
}

/**
 * Per branch for a year: what was due (standards × months up to this month, or December for past years),
 * what was paid (every payment dated in the year's months, in the branch it was paid in), arrears.
 */
export async function duesSummary(ctx: ServiceContext, year: number): Promise<{ year: number; branches: DuesSummaryRow[]; total: Omit<DuesSummaryRow, 'orgId' | 'orgName'> }> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ValidationError([{ field: 'year', message: '年度应为2000至2100之间的整数' }]);
  const orgs = await ctx.archive.query<{ id: string; name: string }>(
    `SELECT DISTINCT o.id, o.name, o.sort_order FROM organizations o WHERE o.id IN (SELECT m.org_id FROM members m JOIN dues_standards s ON s.member_id = m.id) OR o.id IN (SELECT org_id FROM dues_payments WHERE month LIKE ?) ORDER BY o.sort_order, o.name`,
    [`${year}-%`],
  );
  const branches: DuesSummaryRow[] = [];
  for (const o of orgs) {
    const grid = await duesGrid(ctx, year, o.id);
    const inBranch = grid.filter((g) => g.dueFen > 0 || g.paidFen > 0);
    branches.push({
      orgId: o.id, orgName: o.name, members: inBranch.length,
      dueFen: inBranch.reduce((s, g) => s + g.dueFen, 0), paidFen: inBranch.reduce((s, g) => s + g.paidFen, 0),
      arrearsFen: inBranch.reduce((s, g) => s + g.arrearsFen, 0), membersInArrears: inBranch.filter((g) => g.arrearsFen > 0).length,
    });
  }
  const total = { members: 0, dueFen: 0, paidFen: 0, arrearsFen: 0, membersInArrears: 0 };
  for (const b of branches) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += b[k];
  return { year, branches, total };
}
