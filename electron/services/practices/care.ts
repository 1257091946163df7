// 党内关爱: aid to members in hardship and to old members (慰问金, 医疗补助, 危房改造, 节日走访: date, amount,
// which fund, who gave it), the funds' ledgers (income entries, aid as outflows), and the members due a
// visit (困难党员, 50 years and more in the party, 政治生日 — the anniversary of joining — this month).
// A fund's running balance may never go negative, at any date: a write that would make it so (an aid, a
// back-dated aid, removing an income) is refused with the fund, the day and the amount, and leaves nothing
// written. Money is kept in 分.
import { newId } from '../core/ids';
import { nowIso, todayOf, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { DomainError, ValidationError, notFound } from '../core/errors';
import { cleanText } from '../members/life/lifeCommon';
import { addYears } from '../members/memberRules';
import type { FieldProblem } from '../core/errors';
import { checkMemberOnRoll } from './careCommon';
import { checkDate, checkFen, checkYear, requiredText, yuanOf } from '../core/validation';

export const AID_KINDS = ['condolence', 'medical', 'housing', 'festival'] as const;
export type AidKind = (typeof AID_KINDS)[number];
export const AID_KIND_LABELS: Record<AidKind, string> = { condolence: '慰问金', medical: '医疗补助', housing: '危房改造', festival: '节日走访' };
/** 50 years in the party makes an 老党员 due a visit (the 光荣在党50年 medal's threshold). */
export const OLD_MEMBER_YEARS = 50;
/** A single aid above this is a typing error (an extra zero), not a grant a township fund pays. */
const MAX_AID_FEN = 10_000_000;

function checkAmount(field: string, label: string, fen: number, problems: FieldProblem[], options: { allowZero: boolean }): void {
  problems.push(...checkFen(field, label, fen, { allowZero: options.allowZero, max: MAX_AID_FEN, maxLabel: '单笔上限' }));
}

// ---- funds ----

export interface CareFund {
  id: string;
  name: string;
  note: string | null;
  incomeFen: number;
  outFen: number;
  balanceFen: number;
}

export async function listCareFunds(ctx: ServiceContext, asOf?: string): Promise<CareFund[]> {
  const day = asOf ?? '9999-12-31';
  return ctx.archive.query<CareFund>(
    `SELECT f.id AS id, f.name AS name, f.note AS note,
       coalesce((SELECT sum(amount_fen) FROM care_fund_income i WHERE i.fund_id = f.id AND i.income_date <= ?), 0) AS incomeFen,
       coalesce((SELECT sum(amount_fen) FROM care_aids a WHERE a.fund_id = f.id AND a.aid_date <= ?), 0) AS outFen,
       coalesce((SELECT sum(amount_fen) FROM care_fund_income i WHERE i.fund_id = f.id AND i.income_date <= ?), 0)
         - coalesce((SELECT sum(amount_fen) FROM care_aids a WHERE a.fund_id = f.id AND a.aid_date <= ?), 0) AS balanceFen
     FROM care_funds f ORDER BY f.created_at`,
    [day, day, day, day],
  );
}

export async function createCareFund(ctx: ServiceContext, input: { name: string; note?: string | null }): Promise<CareFund> {
  const problems: FieldProblem[] = [];
  const name = requiredText('name', '基金名称', input.name, 40, problems);
  if (problems.length) throw new ValidationError(problems, '不能建立关爱基金');
  const id = newId();
  await ctx.archive.transaction(async () => {
    if (await ctx.archive.queryOne('SELECT 1 AS x FROM care_funds WHERE name = ?', [name])) throw new DomainError('conflict', `已有名为“${name}”的关爱基金`);
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const note = cleanText(input.note);
    await ctx.archive.run('INSERT INTO care_funds(id, name, note, seq, created_at, updated_at) VALUES (?,?,?,?,?,?)', [id, name, note, seq, now, now]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'care.fund.create', entity: 'care_funds', entityId: id, before: null, after: { name, note } }]);
  });
  return (await listCareFunds(ctx)).find((f) => f.id === id)!;
}

async function fundName(ctx: ServiceContext, fundId: string): Promise<string> {
  const f = await ctx.archive.queryOne<{ name: string }>('SELECT name FROM care_funds WHERE id = ?', [fundId]);
  if (!f) throw notFound('关爱基金', fundId);
  return f.name;
}

export interface LedgerEntry {
  id: string;
  date: string;
  kind: 'income' | 'aid';
  summary: string; // 摘要
  inFen: number;
  outFen: number;
  balanceFen: number;
}

/** Every movement of a fund in date order (income before outflow on one day), with the running balance. */
async function fundMovements(ctx: ServiceContext, fundId: string): Promise<LedgerEntry[]> {
  const rows = await ctx.archive.query<{ id: string; date: string; kind: 'income' | 'aid'; summary: string; amount: number; created: string }>(
    `SELECT * FROM (
       SELECT id, income_date AS date, 'income' AS kind, 0 AS outflow, source AS summary, amount_fen AS amount, created_at AS created FROM care_fund_income WHERE fund_id = ?
       UNION ALL
       SELECT a.id, a.aid_date, 'aid', 1, m.name || ' · ' || (CASE a.kind WHEN 'condolence' THEN '慰问金' WHEN 'medical' THEN '医疗补助' WHEN 'housing' THEN '危房改造' ELSE '节日走访' END), a.amount_fen, a.created_at
         FROM care_aids a JOIN members m ON m.id = a.member_id WHERE a.fund_id = ? AND a.amount_fen > 0)
     ORDER BY date, outflow, created, id`,
    [fundId, fundId],
  );
  let balance = 0;
  return rows.map((r) => {
    balance += r.kind === 'income' ? r.amount : -r.amount;
    return { id: r.id, date: r.date, kind: r.kind, summary: r.summary, inFen: r.kind === 'income' ? r.amount : 0, outFen: r.kind === 'aid' ? r.amount : 0, balanceFen: balance };
  });
}

/** Inside the write transaction, after the change: refuse (and so roll back) when the balance dips below zero. */
async function requireFundNeverNegative(ctx: ServiceContext, fundId: string, what: string): Promise<void> {
  const negative = (await fundMovements(ctx, fundId)).find((e) => e.balanceFen < 0);
  if (!negative) return;
  const name = await fundName(ctx, fundId);
  throw new DomainError(
    'conflict',
    `“${name}”余额不足,不能${what}:${negative.date}${negative.kind === 'aid' ? `(${negative.summary} 支出 ${yuanOf(negative.outFen)} 元)` : ''}之后余额为 ${yuanOf(negative.balanceFen)} 元,基金余额不能为负数`,
    [{ field: 'amount', message: `“${name}”在 ${negative.date} 的余额将为 ${yuanOf(negative.balanceFen)} 元` }],
  );
}

export interface IncomeInput {
  fundId: string;
  date: string;
  amountFen: number;
  source: string;
  note?: string | null;
}

export async function addFundIncome(ctx: ServiceContext, input: IncomeInput): Promise<{ id: string; balanceFen: number }> {
  const problems: FieldProblem[] = [];
  problems.push(...checkDate('date', '入账日期', input.date, ctx));
  checkAmount('amount', '入账金额', input.amountFen, problems, { allowZero: false });
  const source = requiredText('source', '资金来源', input.source, 60, problems);
  if (problems.length) throw new ValidationError(problems, '不能登记基金收入');
  const id = newId();
  await ctx.archive.transaction(async () => {
    await fundName(ctx, input.fundId);
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const note = cleanText(input.note);
    await ctx.archive.run('INSERT INTO care_fund_income(id, fund_id, income_date, amount_fen, source, note, seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)', [
      id, input.fundId, input.date, input.amountFen, source, note, seq, now, now,
    ]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'care.income', entity: 'care_fund_income', entityId: id, before: null, after: { fundId: input.fundId, date: input.date, amountFen: input.amountFen, source, note } }]);
  });
  return { id, balanceFen: (await listCareFunds(ctx)).find((f) => f.id === input.fundId)!.balanceFen };
}

export async function deleteFundIncome(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.archive.transaction(async () => {
    const row = await ctx.archive.queryOne<{ fund_id: string; income_date: string; amount_fen: number; source: string }>('SELECT fund_id, income_date, amount_fen, source FROM care_fund_income WHERE id = ?', [id]);
    if (!row) throw notFound('基金收入', id);
    await ctx.archive.run('DELETE FROM care_fund_income WHERE id = ?', [id]);
    await requireFundNeverNegative(ctx, row.fund_id, `删除 ${row.income_date} 的收入 ${yuanOf(row.amount_fen)} 元`);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'care.income.delete', entity: 'care_fund_income', entityId: id, before: row, after: null }]);
  });
}

// ---- aid ----

export interface AidInput {
  id?: string | null;
  memberId: string;
  date: string;
  kind: string;
  amountFen: number;
  fundId?: string | null;
  givenBy: string;
  reason?: string | null;
  note?: string | null;
  /** Why a recorded aid is corrected: required when `id` names one. */
  correctionReason?: string | null;
}

export interface AidRow {
  id: string;
  memberId: string;
  name: string;
  orgName: string;
  date: string;
  kind: string;
  kindLabel: string;
  amountFen: number;
  fundId: string | null;
  fundName: string | null;
  givenBy: string;
  reason: string | null;
  note: string | null;
}

/** Records (or corrects) one aid; money comes out of its fund, whose balance must stay ≥ 0 at every date. */
export async function recordAid(ctx: ServiceContext, input: AidInput): Promise<AidRow> {
  const problems: FieldProblem[] = [];
  problems.push(...checkDate('date', '关爱日期', input.date, ctx));
  const isKind = (AID_KINDS as readonly string[]).includes(input.kind);
  if (!isKind) problems.push({ field: 'kind', message: '请选择关爱方式(慰问金、医疗补助、危房改造或节日走访)' });
  checkAmount('amount', '金额', input.amountFen, problems, { allowZero: input.kind === 'festival' });
  if (input.amountFen > 0 && !input.fundId) problems.push({ field: 'fundId', message: '有金额的关爱须选择从哪个基金支出' });
  const givenBy = requiredText('givenBy', '经办人', input.givenBy, 40, problems);
  const correctionReason = cleanText(input.correctionReason);
  if (input.id && !correctionReason) problems.push({ field: 'correctionReason', message: '请填写更正的原因' });
  if (problems.length) throw new ValidationError(problems, input.id ? '不能更正关爱记录' : '不能登记关爱');
  const id = input.id ?? newId();
  // A visit without money is no movement of any fund.
  const fundId = input.amountFen > 0 ? input.fundId! : null;
  await ctx.archive.transaction(async () => {
    const existing = input.id
      ? await ctx.archive.queryOne<Record<string, unknown> & { fundId: string | null }>(
        'SELECT member_id AS memberId, aid_date AS date, kind, amount_fen AS amountFen, fund_id AS fundId, given_by AS givenBy, reason AS aidReason, note FROM care_aids WHERE id = ?', [input.id])
      : undefined;
    if (input.id && !existing) throw notFound('关爱记录', input.id);
    const { member, problem } = await checkMemberOnRoll(ctx, 'memberId', input.memberId, input.date, `登记 ${input.date} 的关爱`);
    if (problem) throw new ValidationError([problem], '不能登记关爱');
    if (fundId) await fundName(ctx, fundId);
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const reason = cleanText(input.reason);
    const note = cleanText(input.note);
    if (existing) {
      await ctx.archive.run('UPDATE care_aids SET member_id = ?, aid_date = ?, kind = ?, amount_fen = ?, fund_id = ?, given_by = ?, reason = ?, note = ?, seq = ?, updated_at = ? WHERE id = ?', [
        input.memberId, input.date, input.kind, input.amountFen, fundId, givenBy, reason, note, seq, now, id,
      ]);
    } else {
      await ctx.archive.run('INSERT INTO care_aids(id, member_id, aid_date, kind, amount_fen, fund_id, given_by, reason, note, seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)', [
        id, input.memberId, input.date, input.kind, input.amountFen, fundId, givenBy, reason, note, seq, now, now,
      ]);
    }
    const label = AID_KIND_LABELS[input.kind as AidKind];
    if (fundId) await requireFundNeverNegative(ctx, fundId, `向${member!.name}支付${label} ${yuanOf(input.amountFen)} 元`);
    await appendAudit(ctx.archive, [{
      actor: ctx.actor, action: existing ? 'care.aid.correct' : 'care.aid.create', entity: 'care_aids', entityId: id, before: existing ?? null,
      after: existing
        ? { memberId: input.memberId, date: input.date, kind: input.kind, amountFen: input.amountFen, fundId, givenBy, aidReason: reason, note, reason: correctionReason }
        : { memberId: input.memberId, date: input.date, kind: input.kind, amountFen: input.amountFen, fundId, givenBy, aidReason: reason, note },
    }]);
  });
  return (await aidRows(ctx, 'a.id = ?', [id]))[0];
}

/** An aid recorded by mistake (or twice) is removed, its money back in the fund; the audit log keeps it and why. */
export async function deleteAid(ctx: ServiceContext, id: string, input: { reason: string }): Promise<void> {
  const reason = cleanText(input.reason);
  if (!reason) throw new ValidationError([{ field: 'reason', message: '请填写删除的原因(例如:重复登记)' }], '不能删除关爱记录');
  await ctx.archive.transaction(async () => {
    const before = await ctx.archive.queryOne<Record<string, unknown>>(
      'SELECT member_id AS memberId, aid_date AS date, kind, amount_fen AS amountFen, fund_id AS fundId, given_by AS givenBy, reason AS aidReason, note FROM care_aids WHERE id = ?', [id]);
    if (!before) throw notFound('关爱记录', id);
    await ctx.archive.run('DELETE FROM care_aids WHERE id = ?', [id]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'care.aid.delete', entity: 'care_aids', entityId: id, before, after: { reason } }]);
  });
}

async function aidRows(ctx: ServiceContext, where: string, params: unknown[]): Promise<AidRow[]> {
  const rows = await ctx.archive.query<Omit<AidRow, 'kindLabel'>>(
    `SELECT a.id AS id, a.member_id AS memberId, m.name AS name, o.name AS orgName, a.aid_date AS date, a.kind AS kind, a.amount_fen AS amountFen,
       a.fund_id AS fundId, f.name AS fundName, a.given_by AS givenBy, a.reason AS reason, a.note AS note
     FROM care_aids a JOIN members m ON m.id = a.member_id JOIN organizations o ON o.id = m.org_id LEFT JOIN care_funds f ON f.id = a.fund_id
     WHERE ${where} ORDER BY a.aid_date DESC, m.pinyin_full`,
    params,
  );
  return rows.map((r) => ({ ...r, kindLabel: AID_KIND_LABELS[r.kind as AidKind] ?? r.kind }));
}

export async function getAid(ctx: ServiceContext, id: string): Promise<AidRow> {
  const [row] = await aidRows(ctx, 'a.id = ?', [id]);
  if (!row) throw notFound('关爱记录', id);
  return row;
}

export async function listAids(ctx: ServiceContext, year: number): Promise<AidRow[]> {
  const p = checkYear('year', '年度', year);
  if (p.length) throw new ValidationError(p);
  return aidRows(ctx, 'a.aid_date BETWEEN ? AND ?', [`${year}-01-01`, `${year}-12-31`]);
}

// ---- the ledger of a year ----

export interface FundLedger {
  fundId: string;
  fundName: string;
  openingFen: number;
  entries: LedgerEntry[];
  inFen: number;
  outFen: number;
  closingFen: number;
}

/** Each fund's movements of the year with the balance brought forward and carried forward. */
export async function careLedger(ctx: ServiceContext, year: number): Promise<{ year: number; funds: FundLedger[] }> {
  const p = checkYear('year', '年度', year);
  if (p.length) throw new ValidationError(p);
  const funds = await ctx.archive.query<{ id: string; name: string }>('SELECT id, name FROM care_funds ORDER BY created_at');
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const out: FundLedger[] = [];
  for (const f of funds) {
    const all = await fundMovements(ctx, f.id);
    const before = all.filter((e) => e.date < start);
    const entries = all.filter((e) => e.date >= start && e.date <= end);
    const openingFen = before.length ? before[before.length - 1].balanceFen : 0;
    const inFen = entries.reduce((s, e) => s + e.inFen, 0);
    const outFen = entries.reduce((s, e) => s + e.outFen, 0);
    out.push({ fundId: f.id, fundName: f.name, openingFen, entries, inFen, outFen, closingFen: openingFen + inFen - outFen });
  }
  return { year, funds: out };
}

// ---- who is due a visit ----

export interface DueVisit {
  memberId: string;
  name: string;
  orgName: string;
  joinDate: string;
  partyYears: number;
  hardship: boolean;
  oldMember: boolean;
  politicalBirthday: boolean;
  reasons: string[];
  lastAidDate: string | null;
  visitedThisMonth: boolean;
}

/**
 * Members on the roll today who are 困难党员, have 50 years or more in the party, or whose 政治生日 (the month
 * and day they joined) falls in this month; with the last aid they got and whether they were visited this month.
 */
export async function dueVisits(ctx: ServiceContext, options: { month?: string } = {}): Promise<{ asOf: string; month: string; rows: DueVisit[] }> {
  const today = todayOf(ctx);
  const month = options.month ?? today.slice(0, 7);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new ValidationError([{ field: 'month', message: `月份应为 YYYY-MM,收到“${month}”` }]);
  const fiftyYearsAgo = addYears(today, -OLD_MEMBER_YEARS);
  const rows = await ctx.archive.query<{ memberId: string; name: string; orgName: string; joinDate: string; hardship: number; lastAidDate: string | null; visitedThisMonth: number }>(
    `SELECT m.id AS memberId, m.name AS name, o.name AS orgName, m.join_date AS joinDate, m.is_hardship AS hardship,
       (SELECT max(a.aid_date) FROM care_aids a WHERE a.member_id = m.id) AS lastAidDate,
       EXISTS (SELECT 1 FROM care_aids a WHERE a.member_id = m.id AND substr(a.aid_date, 1, 7) = ?) AS visitedThisMonth
     FROM members m JOIN organizations o ON o.id = m.org_id
     WHERE m.exit_reason IS NULL AND m.join_date <= ?
       AND (m.is_hardship = 1 OR m.join_date <= ? OR substr(m.join_date, 6, 2) = ?)
     ORDER BY m.is_hardship DESC, m.join_date, m.pinyin_full`,
    [month, today, fiftyYearsAgo, month.slice(5, 7)],
  );
  const yearsSince = (d: string) => Number(today.slice(0, 4)) - Number(d.slice(0, 4)) - (today.slice(5) < d.slice(5) ? 1 : 0);
  return {
    asOf: today,
    month,
    rows: rows.map((r) => {
      const hardship = r.hardship === 1;
      const oldMember = r.joinDate <= fiftyYearsAgo;
      const politicalBirthday = r.joinDate.slice(5, 7) === month.slice(5, 7);
      const partyYears = yearsSince(r.joinDate);
      const reasons = [hardship ? '困难党员' : '', oldMember ? `党龄${partyYears}年` : '', politicalBirthday ? `政治生日 ${r.joinDate.slice(5)}` : ''].filter(Boolean);
      return { memberId: r.memberId, name: r.name, orgName: r.orgName, joinDate: r.joinDate, partyYears, hardship, oldMember, politicalBirthday, reasons, lastAidDate: r.lastAidDate, visitedThisMonth: r.visitedThisMonth === 1 };
    }),
  };
}

// ---- figures ----

export interface CareSummary {
  aids: number;
  amountFen: number;
  byKind: Record<AidKind, { count: number; amountFen: number }>;
  membersHelped: number;
  incomeFen: number;
  funds: { name: string; incomeFen: number; outFen: number; balanceFen: number }[];
  balanceFen: number; // all funds at the end of the year
}

export async function careSummary(ctx: ServiceContext, year: number): Promise<CareSummary> {
  const p = checkYear('year', '年度', year);
  if (p.length) throw new ValidationError(p);
  const bounds = [`${year}-01-01`, `${year}-12-31`];
  const byKindRows = await ctx.archive.query<{ kind: string; n: number; fen: number }>('SELECT kind, count(*) AS n, sum(amount_fen) AS fen FROM care_aids WHERE aid_date BETWEEN ? AND ? GROUP BY kind', bounds);
  const helped = await ctx.archive.queryOne<{ n: number }>('SELECT count(DISTINCT member_id) AS n FROM care_aids WHERE aid_date BETWEEN ? AND ?', bounds);
  const ledger = await careLedger(ctx, year);
  const byKind = Object.fromEntries(AID_KINDS.map((k) => {
    const r = byKindRows.find((x) => x.kind === k);
    return [k, { count: r?.n ?? 0, amountFen: r?.fen ?? 0 }];
  })) as CareSummary['byKind'];
  return {
    aids: byKindRows.reduce((s, r) => s + r.n, 0),
    amountFen: byKindRows.reduce((s, r) => s + r.fen, 0),
    byKind,
    membersHelped: helped?.n ?? 0,
    incomeFen: ledger.funds.reduce((s, f) => s + f.inFen, 0),
    funds: ledger.funds.map((f) => ({ name: f.fundName, incomeFen: f.inFen, outFen: f.outFen, balanceFen: f.closingFen })),
    balanceFen: ledger.funds.reduce((s, f) => s + f.closingFen, 0),
  };
}

export function careSummaryLines(s: CareSummary): string[] {
  return [
    `关爱党员 ${s.membersHelped} 名,${s.aids} 次,共 ${yuanOf(s.amountFen)} 元:${AID_KINDS.map((k) => `${AID_KIND_LABELS[k]} ${s.byKind[k].count} 次 ${yuanOf(s.byKind[k].amountFen)} 元`).join(',')}`,
    `基金本年收入 ${yuanOf(s.incomeFen)} 元,年末结余 ${yuanOf(s.balanceFen)} 元${s.funds.length ? `(${s.funds.map((f) => `${f.name} ${yuanOf(f.balanceFen)} 元`).join(',')})` : ''}`,
  ];
}
