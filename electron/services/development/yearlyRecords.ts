// The yearly work of one branch, as grids and lists: 半年一分析 (one note per member for a half-year),
// 三年一登记 (one outcome per member for a registration year, with the branch's summary) and the 不合格党员处置
// of an appraisal year (the members graded 不合格 with what was decided: 限期改正 with its deadline, 劝其退党,
// 除名). A grid is saved in one transaction through the single-record services of reviews.ts, so that every
// line keeps its history event and audit entry and a bad line leaves nothing written.
import type { ServiceContext } from '../core/context';
import { DomainError, ValidationError, type FieldProblem } from '../core/errors';
import { getOrg } from '../organizations/organizations';
import { DISPOSAL_LABELS, getRegistrationOutcomes, saveAnalysis, saveRegistration } from './reviews';

const CATEGORY_LABELS: Record<string, string> = { formal: '正式党员', probationary: '预备党员' };
export const categoryLabel = (c: string) => CATEGORY_LABELS[c] ?? c;

/** 2026H2 → 2026年下半年. */
export function periodLabel(period: string): string {
  return `${period.slice(0, 4)}年${period.endsWith('H1') ? '上半年' : '下半年'}`;
}

async function orgNameOf(ctx: ServiceContext, orgId: string): Promise<string> {
  return (await getOrg(ctx, orgId)).name;
}

/** Re-throws a line's refusal with the member's name, so the clerk knows which line to fix. */
async function line<T>(name: string, index: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ValidationError) {
      const problems: FieldProblem[] = e.issues.map((p) => ({ field: `rows.${index}.${p.field}`, message: p.message }));
      throw new ValidationError(problems, `第 ${index + 1} 行(${name})`);
    }
    throw e;
  }
}

// ---- 半年一分析 ----

export interface AnalysisRow {
  memberId: string;
  name: string;
  category: string;
  note: string | null;
}

/** The branch's members on the roll (and anyone analysed there for the period), with their note. */
export async function analysisGrid(ctx: ServiceContext, orgId: string, period: string): Promise<{ orgId: string; orgName: string; period: string; label: string; rows: AnalysisRow[]; analysed: number }> {
  if (!/^\d{4}H[12]$/.test(period)) throw new ValidationError([{ field: 'period', message: '分析期应为“2026H1”(上半年)或“2026H2”(下半年)' }]);
  const rows = await ctx.archive.query<AnalysisRow>(
    `SELECT m.id AS memberId, m.name AS name, m.category AS category, a.note AS note
     FROM members m LEFT JOIN member_analyses a ON a.member_id = m.id AND a.period = ?
     WHERE m.org_id = ? AND (m.exit_reason IS NULL OR a.id IS NOT NULL) ORDER BY m.pinyin_full`,
    [period, orgId],
  );
  return { orgId, orgName: await orgNameOf(ctx, orgId), period, label: periodLabel(period), rows, analysed: rows.filter((r) => r.note).length };
}

export async function saveAnalyses(ctx: ServiceContext, input: { orgId: string; period: string; rows: { memberId: string; note: string }[] }): Promise<{ saved: number }> {
  const grid = await analysisGrid(ctx, input.orgId, input.period);
  const before = new Map(grid.rows.map((r) => [r.memberId, r]));
  return ctx.archive.transaction(async () => {
    let saved = 0;
    for (const [i, r] of input.rows.entries()) {
      const known = before.get(r.memberId);
      if (!known) throw new DomainError('bad_input', `第 ${i + 1} 行的党员不在${grid.orgName}`);
      if ((known.note ?? '') === r.note.trim()) continue;
      await line(known.name, i, () => saveAnalysis(ctx, { memberId: r.memberId, period: input.period, note: r.note }));
      saved++;
    }
    return { saved };
  });
}

// ---- 三年一登记 ----

export interface RegistrationRow {
  memberId: string;
  name: string;
  category: string;
  outcome: string | null;
  date: string | null;
  note: string | null;
}

export interface RegistrationSheet {
  orgId: string;
  orgName: string;
  year: number;
  outcomes: string[];
  rows: RegistrationRow[];
  /** The branch's summary: each outcome's count, and those not registered yet. */
  summary: { outcome: string; count: number }[];
  notRegistered: number;
}

export async function registrationGrid(ctx: ServiceContext, orgId: string, year: number): Promise<RegistrationSheet> {
  const rows = await ctx.archive.query<RegistrationRow>(
    `SELECT m.id AS memberId, m.name AS name, m.category AS category, r.outcome AS outcome, r.reg_date AS date, r.note AS note
     FROM members m LEFT JOIN registrations r ON r.member_id = m.id AND r.year = ?
     WHERE m.org_id = ? AND (m.exit_reason IS NULL OR r.id IS NOT NULL) ORDER BY m.pinyin_full`,
    [year, orgId],
  );
  const outcomes = await getRegistrationOutcomes(ctx);
  // An outcome recorded before the list was changed still counts under its own words.
  const named = [...outcomes, ...new Set(rows.map((r) => r.outcome).filter((o): o is string => !!o && !outcomes.includes(o)))];
  return {
    orgId, orgName: await orgNameOf(ctx, orgId), year, outcomes, rows,
    summary: named.map((outcome) => ({ outcome, count: rows.filter((r) => r.outcome === outcome).length })),
    notRegistered: rows.filter((r) => !r.outcome).length,
  };
}

export async function saveRegistrations(ctx: ServiceContext, input: { orgId: string; year: number; date: string; rows: { memberId: string; outcome: string; note?: string | null }[] }): Promise<{ saved: number }> {
  const sheet = await registrationGrid(ctx, input.orgId, input.year);
  const before = new Map(sheet.rows.map((r) => [r.memberId, r]));
  return ctx.archive.transaction(async () => {
    let saved = 0;
    for (const [i, r] of input.rows.entries()) {
      const known = before.get(r.memberId);
      if (!known) throw new DomainError('bad_input', `第 ${i + 1} 行的党员不在${sheet.orgName}`);
      if (known.outcome === r.outcome && (known.note ?? '') === (r.note ?? '').trim()) continue;
      await line(known.name, i, () => saveRegistration(ctx, { memberId: r.memberId, year: input.year, outcome: r.outcome, date: input.date, note: r.note }));
      saved++;
    }
    return { saved };
  });
}

// ---- 不合格党员处置 ----

export interface DisposalLine {
  memberId: string;
  name: string;
  orgName: string;
  /** Still on the roll (除名 or 劝其退党 followed by leaving takes him off). */
  onRoll: boolean;
  disposals: { id: string; kind: string; label: string; decidedDate: string; deadline: string | null; note: string | null }[];
}

/** Members graded 不合格 in `year` (in one branch, or the whole township), with every disposal recorded. */
export async function disposalList(ctx: ServiceContext, year: number, orgId?: string | null): Promise<{ year: number; orgName: string | null; lines: DisposalLine[]; counts: { kind: string; label: string; count: number }[]; pending: number }> {
  const members = await ctx.archive.query<{ member_id: string; name: string; org_name: string; on_roll: number; appraisal_id: string }>(
    `SELECT a.member_id, m.name, o.name AS org_name, (m.exit_reason IS NULL) AS on_roll, a.id AS appraisal_id
     FROM appraisals a JOIN members m ON m.id = a.member_id JOIN organizations o ON o.id = a.org_id
     WHERE a.year = ? AND a.grade = 'unqualified' ${orgId ? 'AND a.org_id = ?' : ''} ORDER BY o.sort_order, o.name, m.pinyin_full`,
    orgId ? [year, orgId] : [year],
  );
  const lines: DisposalLine[] = [];
  for (const m of members) {
    const disposals = await ctx.archive.query<{ id: string; kind: string; decidedDate: string; deadline: string | null; note: string | null }>(
      'SELECT id, kind, decided_date AS decidedDate, deadline, note FROM disposals WHERE appraisal_id = ? ORDER BY decided_date, created_at',
      [m.appraisal_id],
    );
    lines.push({ memberId: m.member_id, name: m.name, orgName: m.org_name, onRoll: m.on_roll === 1, disposals: disposals.map((d) => ({ ...d, label: DISPOSAL_LABELS[d.kind] ?? d.kind })) });
  }
  const latest = (l: DisposalLine) => l.disposals.at(-1)?.kind ?? null;
  return {
    year,
    orgName: orgId ? await orgNameOf(ctx, orgId) : null,
    lines,
    counts: Object.entries(DISPOSAL_LABELS).map(([kind, label]) => ({ kind, label, count: lines.filter((l) => latest(l) === kind).length })),
    pending: lines.filter((l) => !l.disposals.length).length,
  };
}
