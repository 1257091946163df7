// The yearly work of domain.md: 民主评议 (一年一评议: grades 优秀/合格/基本合格/不合格 entered for a whole branch
// in one grid; 预备党员 take part but get no grade; a warning when 优秀 exceeds one third of those graded),
// the 不合格党员 disposal (限期改正 with a deadline, 劝其退党, 除名), 半年一分析 notes and 三年一登记 with
// configurable outcomes. Every save is one transaction with history events and audit entries.
import { newId } from '../core/ids';
import { nowIso, todayOf, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { DomainError, ValidationError } from '../core/errors';
import { checkDate, checkYear } from '../core/validation';
import { changeSetting, readSetting } from '../core/settings';
import { addMonths, cleanText } from '../members/life/lifeCommon';
import { recordMemberEvents, type MemberEventInput } from '../members/memberEvents';
import { exitMember, getMemberRow } from '../members/members';
import type { FieldProblem } from '../core/errors';

export const GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
export const GRADE_LABELS: Record<string, string> = { excellent: '优秀', qualified: '合格', basic: '基本合格', unqualified: '不合格' };
export const DISPOSAL_KINDS = ['correct', 'persuade', 'remove'] as const;
export const DISPOSAL_LABELS: Record<string, string> = { correct: '限期改正', persuade: '劝其退党', remove: '除名' };
export const DEFAULT_REGISTRATION_OUTCOMES = ['登记', '暂缓登记', '不予登记'];

export interface AppraisalRow {
  memberId: string;
  name: string;
  category: string;
  grade: string | null;
  note: string | null;
  disposal: string | null; // kind of the latest disposal for this year's grade
}

const gradeWord = (grade: string | null) => (grade ? GRADE_LABELS[grade] : '参加评议,不评定等次');

function requireYear(year: number): void {
  const problems = checkYear('year', '年度', year);
  if (problems.length) throw new ValidationError(problems);
}

/** The branch's members on the roll (and anyone already graded there for the year), with their grades. */
export async function appraisalGrid(ctx: ServiceContext, year: number, orgId: string): Promise<AppraisalRow[]> {
  requireYear(year);
  return ctx.archive.query<AppraisalRow>(
    `SELECT m.id AS memberId, m.name AS name, m.category AS category, a.grade AS grade, a.note AS note,
       (SELECT d.kind FROM disposals d WHERE d.appraisal_id = a.id ORDER BY d.decided_date DESC LIMIT 1) AS disposal
     FROM members m LEFT JOIN appraisals a ON a.member_id = m.id AND a.year = ?
     WHERE (m.org_id = ? AND m.exit_reason IS NULL AND m.join_date <= ?) OR a.org_id = ?
     ORDER BY m.pinyin_full`,
    [year, orgId, `${year}-12-31`, orgId],
  );
}

export interface AppraisalSave {
  year: number;
  orgId: string;
  rows: { memberId: string; grade: string | null; note?: string | null }[];
  /** Why grades already recorded are changed: required when the save changes any. */
  reason?: string | null;
}

export interface AppraisalSaveResult {
  saved: number;
  warnings: string[];
  /** Members graded 不合格 without a disposal yet: the UI opens the disposal record for them. */
  needsDisposal: string[];
}

export async function saveAppraisals(ctx: ServiceContext, input: AppraisalSave): Promise<AppraisalSaveResult> {
  requireYear(input.year);
  return ctx.archive.transaction(async () => {
    const problems: FieldProblem[] = [];
    if (!(await ctx.archive.queryOne('SELECT 1 FROM organizations WHERE id = ?', [input.orgId]))) problems.push({ field: 'orgId', message: '找不到要评议的党组织,请重新选择' });
    const members = new Map<string, { name: string; category: string; orgId: string; joinDate: string }>();
    // The results are filed under the organization that held the review: it must exist.
    if (!(await ctx.archive.queryOne('SELECT 1 AS x FROM organizations WHERE id = ?', [input.orgId]))) problems.push({ field: 'orgId', message: `找不到党组织(${input.orgId})` });
    for (const [i, r] of input.rows.entries()) {
      const m = await ctx.archive.queryOne<{ name: string; category: string; org_id: string; join_date: string }>('SELECT name, category, org_id, join_date FROM members WHERE id = ?', [r.memberId]);
      if (!m) {
        problems.push({ field: `rows.${i}.memberId`, message: `找不到党员(${r.memberId})` });
        continue;
      }
      members.set(r.memberId, { name: m.name, category: m.category, orgId: m.org_id, joinDate: m.join_date });
      if (r.grade !== null && !(GRADES as readonly string[]).includes(r.grade)) problems.push({ field: `rows.${i}.grade`, message: `${m.name}的评议等次不正确` });
      else if (r.grade !== null && m.category === 'probationary') problems.push({ field: `rows.${i}.grade`, message: `${m.name}是预备党员:预备党员参加民主评议,但不评定等次` });
      if (m.join_date > `${input.year}-12-31`) problems.push({ field: `rows.${i}.memberId`, message: `${m.name}于 ${m.join_date} 入党,不参加 ${input.year} 年度评议` });
    }
    if (problems.length) throw new ValidationError(problems, '不能保存民主评议结果');
    // A grade already recorded and now changed is a correction: it needs its reason, and a 不合格 whose
    // disposal is recorded stays until the disposal is dealt with (the disposal depends on it).
    const reason = cleanText(input.reason);
    const stored = new Map<string, { id: string; grade: string | null; note: string | null; disposal: string | null }>();
    const corrections: FieldProblem[] = [];
    for (const [i, r] of input.rows.entries()) {
      const existing = await ctx.archive.queryOne<{ id: string; grade: string | null; note: string | null; disposal: string | null }>(
        'SELECT a.id, a.grade, a.note, (SELECT d.kind FROM disposals d WHERE d.appraisal_id = a.id ORDER BY d.decided_date DESC LIMIT 1) AS disposal FROM appraisals a WHERE a.year = ? AND a.member_id = ?',
        [input.year, r.memberId],
      );
      if (!existing) continue;
      stored.set(r.memberId, existing);
      if (existing.grade === r.grade) continue;
      const m = members.get(r.memberId)!;
      if (existing.disposal) problems.push({ field: `rows.${i}.grade`, message: `${m.name}已按“不合格”登记了处置(${DISPOSAL_LABELS[existing.disposal]}),不能再更正评议等次` });
      else corrections.push({ field: `rows.${i}.correction`, message: `${m.name} ${input.year}年度:${gradeWord(existing.grade)} → ${gradeWord(r.grade)}` });
    }
    if (problems.length) throw new ValidationError(problems, '不能更正民主评议结果');
    if (corrections.length && !reason) throw new ValidationError(corrections, '以下党员的评议等次已经登记过,更正须填写原因');
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const events: MemberEventInput[] = [];
    const audits = [];
    let saved = 0;
    for (const r of input.rows) {
      const m = members.get(r.memberId)!;
      const existing = stored.get(r.memberId);
      const note = cleanText(r.note);
      if (existing && existing.grade === r.grade && existing.note === note) continue;
      if (!existing && r.grade === null && !note && m.category !== 'probationary') continue;
      const id = existing?.id ?? newId();
      if (existing) await ctx.archive.run('UPDATE appraisals SET grade = ?, note = ?, org_id = ?, seq = ?, updated_at = ? WHERE id = ?', [r.grade, note, input.orgId, seq, now, id]);
      else await ctx.archive.run('INSERT INTO appraisals(id, year, member_id, org_id, grade, note, seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)', [id, input.year, r.memberId, input.orgId, r.grade, note, seq, now, now]);
      saved++;
      const corrected = existing !== undefined && existing.grade !== r.grade;
      events.push({
        memberId: r.memberId, kind: 'appraisal', eventDate: todayOf(ctx), actor: ctx.actor,
        summary: corrected ? `更正${input.year}年度民主评议:${gradeWord(existing.grade)} → ${gradeWord(r.grade)}(原因:${reason})` : `${input.year}年度民主评议:${gradeWord(r.grade)}`,
        before: existing ? { grade: existing.grade } : null, after: corrected ? { year: input.year, grade: r.grade, reason } : { year: input.year, grade: r.grade },
      });
      audits.push({
        actor: ctx.actor, action: corrected ? 'appraisal.correct' : 'appraisal.save', entity: 'appraisals', entityId: id, before: existing ? { grade: existing.grade, note: existing.note } : null,
        after: corrected ? { year: input.year, memberId: r.memberId, grade: r.grade, note, reason } : { year: input.year, memberId: r.memberId, grade: r.grade, note },
      });
    }
    await recordMemberEvents(ctx.archive, events);
    await appendAudit(ctx.archive, audits);
    const counts = await ctx.archive.query<{ grade: string; n: number }>('SELECT grade, count(*) AS n FROM appraisals WHERE year = ? AND org_id = ? AND grade IS NOT NULL GROUP BY grade', [input.year, input.orgId]);
    const graded = counts.reduce((s, c) => s + c.n, 0);
    const excellent = counts.find((c) => c.grade === 'excellent')?.n ?? 0;
    const warnings: string[] = [];
    if (graded > 0 && excellent * 3 > graded) {
      warnings.push(`优秀等次一般不超过参加评定党员的三分之一:本支部评定 ${graded} 人,优秀 ${excellent} 人,超过 ${Math.floor(graded / 3)} 人`);
    }
    const needsDisposal = (await ctx.archive.query<{ member_id: string }>(
      `SELECT a.member_id FROM appraisals a WHERE a.year = ? AND a.org_id = ? AND a.grade = 'unqualified' AND NOT EXISTS (SELECT 1 FROM disposals d WHERE d.appraisal_id = a.id)`,
      [input.year, input.orgId],
    )).map((r) => r.member_id);
    return { saved, warnings, needsDisposal };
  });
}

/** 更正 one member's recorded grade of a year, as the grid does, with its reason. */
export async function correctAppraisal(ctx: ServiceContext, input: { memberId: string; year: number; grade: string | null; reason: string }): Promise<AppraisalSaveResult> {
  requireYear(input.year);
  const m = await getMemberRow(ctx, input.memberId);
  const existing = await ctx.archive.queryOne<{ org_id: string; note: string | null }>('SELECT org_id, note FROM appraisals WHERE year = ? AND member_id = ?', [input.year, m.id]);
  if (!existing) throw new DomainError('not_found', `${m.name}没有 ${input.year} 年度的民主评议结果,无可更正`);
  if (!cleanText(input.reason)) throw new ValidationError([{ field: 'reason', message: '请填写更正的原因' }], '不能更正民主评议结果');
  return saveAppraisals(ctx, { year: input.year, orgId: existing.org_id, rows: [{ memberId: m.id, grade: input.grade, note: existing.note }], reason: input.reason });
}

export interface DisposalInput {
  memberId: string;
  year: number; // the appraisal year that graded the member 不合格
  kind: string;
  decidedDate: string;
  deadline?: string | null;
  note?: string | null;
}

export interface DisposalView {
  id: string;
  memberId: string;
  appraisalId: string | null;
  kind: string;
  decidedDate: string;
  deadline: string | null;
  note: string | null;
}

/** 不合格党员处置: 限期改正 (deadline, usually a year), 劝其退党, 除名 (also the exit 除名). */
export async function recordDisposal(ctx: ServiceContext, input: DisposalInput): Promise<DisposalView> {
  const problems: FieldProblem[] = [];
  if (!(DISPOSAL_KINDS as readonly string[]).includes(input.kind)) problems.push({ field: 'kind', message: '请选择处置方式(限期改正、劝其退党或除名)' });
  const decided = checkDate('decidedDate', '处置决定日期', input.decidedDate, ctx);
  problems.push(...decided);
  let deadline = cleanText(input.deadline);
  if (input.kind === 'correct') {
    if (!deadline && decided.length === 0) deadline = addMonths(input.decidedDate, 12);
    const deadlineProblems = checkDate('deadline', '改正期限', deadline, ctx, { allowFuture: true });
    problems.push(...deadlineProblems);
    if (deadlineProblems.length === 0 && decided.length === 0 && deadline! <= input.decidedDate) problems.push({ field: 'deadline', message: `限期改正须填写晚于决定日期(${input.decidedDate})的改正期限` });
  } else deadline = null;
  if (problems.length) throw new ValidationError(problems, '不能登记处置');
  const id = newId();
  await ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, input.memberId);
    const appraisal = await ctx.archive.queryOne<{ id: string; grade: string | null }>('SELECT id, grade FROM appraisals WHERE year = ? AND member_id = ?', [input.year, input.memberId]);
    if (!appraisal || appraisal.grade !== 'unqualified') throw new DomainError('conflict', `${m.name}在 ${input.year} 年度民主评议中不是“不合格”,不能登记不合格党员处置`);
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const note = cleanText(input.note);
    await ctx.archive.run('INSERT INTO disposals(id, member_id, appraisal_id, kind, decided_date, deadline, outcome, note, seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)', [
      id, m.id, appraisal.id, input.kind, input.decidedDate, deadline, null, note, seq, now, now,
    ]);
    const after = { kind: input.kind, decidedDate: input.decidedDate, deadline, year: input.year, note };
    await recordMemberEvents(ctx.archive, [{ memberId: m.id, kind: 'disposal', eventDate: input.decidedDate, actor: ctx.actor, summary: `不合格党员处置:${DISPOSAL_LABELS[input.kind]}${deadline ? `,改正期限至 ${deadline}` : ''}`, before: null, after }]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'disposal.record', entity: 'disposals', entityId: id, before: null, after: { ...after, memberId: m.id } }]);
    if (input.kind === 'remove') await exitMember(ctx, m.id, { reason: 'removal', date: input.decidedDate, note: note ?? `${input.year}年度民主评议不合格,予以除名` });
  });
  return (await ctx.archive.queryOne<DisposalView>('SELECT id, member_id AS memberId, appraisal_id AS appraisalId, kind, decided_date AS decidedDate, deadline, note FROM disposals WHERE id = ?', [id]))!;
}

// ---- 半年一分析 ----

export async function saveAnalysis(ctx: ServiceContext, input: { memberId: string; period: string; note: string }): Promise<{ id: string; period: string; note: string }> {
  if (!/^\d{4}H[12]$/.test(input.period)) throw new ValidationError([{ field: 'period', message: '分析期应为“2026H1”(上半年)或“2026H2”(下半年)' }]);
  const note = cleanText(input.note);
  if (!note) throw new ValidationError([{ field: 'note', message: '请填写分析情况' }]);
  return ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, input.memberId);
    const existing = await ctx.archive.queryOne<{ id: string; note: string }>('SELECT id, note FROM member_analyses WHERE member_id = ? AND period = ?', [m.id, input.period]);
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const id = existing?.id ?? newId();
    if (existing) await ctx.archive.run('UPDATE member_analyses SET note = ?, seq = ?, updated_at = ? WHERE id = ?', [note, seq, now, id]);
    else await ctx.archive.run('INSERT INTO member_analyses(id, member_id, period, note, seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?)', [id, m.id, input.period, note, seq, now, now]);
    const half = input.period.endsWith('H1') ? '上半年' : '下半年';
    await recordMemberEvents(ctx.archive, [{ memberId: m.id, kind: 'analysis', eventDate: todayOf(ctx), actor: ctx.actor, summary: `${input.period.slice(0, 4)}年${half}党员分析:${note}`, before: existing ? { note: existing.note } : null, after: { period: input.period, note } }]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'analysis.save', entity: 'member_analyses', entityId: id, before: existing ? { note: existing.note } : null, after: { memberId: m.id, period: input.period, note } }]);
    return { id, period: input.period, note };
  });
}

export async function listAnalyses(ctx: ServiceContext, memberId: string): Promise<{ id: string; period: string; note: string }[]> {
  return ctx.archive.query('SELECT id, period, note FROM member_analyses WHERE member_id = ? ORDER BY period DESC', [memberId]);
}

// ---- 三年一登记 ----

const REGISTRATION_OUTCOMES_KEY = 'rules:registrationOutcomes';

export async function getRegistrationOutcomes(ctx: ServiceContext): Promise<string[]> {
  return (await readSetting<string[]>(ctx.archive, REGISTRATION_OUTCOMES_KEY)) ?? DEFAULT_REGISTRATION_OUTCOMES;
}

export async function setRegistrationOutcomes(ctx: ServiceContext, outcomes: string[]): Promise<string[]> {
  const clean = [...new Set(outcomes.map((o) => o.trim()).filter(Boolean))];
  if (clean.length < 1 || clean.some((o) => o.length > 20)) throw new ValidationError([{ field: 'outcomes', message: '登记结果至少一项,每项不超过20个字' }]);
  return changeSetting(ctx, REGISTRATION_OUTCOMES_KEY, 'rules.registrationOutcomes', await getRegistrationOutcomes(ctx), clean);
}

export async function saveRegistration(ctx: ServiceContext, input: { memberId: string; year: number; outcome: string; date: string; note?: string | null }): Promise<{ id: string }> {
  requireYear(input.year);
  const outcomes = await getRegistrationOutcomes(ctx);
  const problems: FieldProblem[] = [];
  if (!outcomes.includes(input.outcome)) problems.push({ field: 'outcome', message: `登记结果应为 ${outcomes.join('、')} 之一` });
  problems.push(...checkDate('date', '登记日期', input.date, ctx));
  if (problems.length) throw new ValidationError(problems, '不能保存党员登记');
  return ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, input.memberId);
    const existing = await ctx.archive.queryOne<{ id: string; outcome: string }>('SELECT id, outcome FROM registrations WHERE member_id = ? AND year = ?', [m.id, input.year]);
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const id = existing?.id ?? newId();
    const note = cleanText(input.note);
    if (existing) await ctx.archive.run('UPDATE registrations SET outcome = ?, reg_date = ?, note = ?, seq = ?, updated_at = ? WHERE id = ?', [input.outcome, input.date, note, seq, now, id]);
    else await ctx.archive.run('INSERT INTO registrations(id, member_id, year, outcome, reg_date, note, seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)', [id, m.id, input.year, input.outcome, input.date, note, seq, now, now]);
    await recordMemberEvents(ctx.archive, [{ memberId: m.id, kind: 'registration', eventDate: input.date, actor: ctx.actor, summary: `${input.year}年党员定期登记:${input.outcome}`, before: existing ? { outcome: existing.outcome } : null, after: { year: input.year, outcome: input.outcome } }]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'registration.save', entity: 'registrations', entityId: id, before: existing ? { outcome: existing.outcome } : null, after: { memberId: m.id, year: input.year, outcome: input.outcome, date: input.date, note } }]);
    return { id };
  });
}

// ---- summary ----

export interface ReviewSummaryRow {
  orgId: string;
  orgName: string;
  excellent: number;
  qualified: number;
  basic: number;
  unqualified: number;
  graded: number;
  notGraded: number; // 预备党员 who took part
  excellentOverThird: boolean;
  disposals: number;
}

/** Per branch for one year: grade counts, 预备党员 taking part without grade, 优秀 share, disposals. */
export async function reviewsSummary(ctx: ServiceContext, year: number): Promise<{ year: number; branches: ReviewSummaryRow[]; total: Omit<ReviewSummaryRow, 'orgId' | 'orgName' | 'excellentOverThird'> }> {
  requireYear(year);
  const rows = await ctx.archive.query<{ org_id: string; org_name: string; grade: string | null; n: number; disposals: number }>(
    `SELECT a.org_id AS org_id, o.name AS org_name, a.grade AS grade, count(*) AS n, sum((SELECT count(*) FROM disposals d WHERE d.appraisal_id = a.id)) AS disposals
     FROM appraisals a JOIN organizations o ON o.id = a.org_id WHERE a.year = ? GROUP BY a.org_id, a.grade ORDER BY o.sort_order, o.name`,
    [year],
  );
  const byOrg = new Map<string, ReviewSummaryRow>();
  for (const r of rows) {
    const row = byOrg.get(r.org_id) ?? { orgId: r.org_id, orgName: r.org_name, excellent: 0, qualified: 0, basic: 0, unqualified: 0, graded: 0, notGraded: 0, excellentOverThird: false, disposals: 0 };
    if (r.grade) {
      row[r.grade as (typeof GRADES)[number]] += r.n;
      row.graded += r.n;
    } else row.notGraded += r.n;
    row.disposals += r.disposals ?? 0;
    byOrg.set(r.org_id, row);
  }
  const branches = [...byOrg.values()].map((b) => ({ ...b, excellentOverThird: b.excellent * 3 > b.graded }));
  const total = { excellent: 0, qualified: 0, basic: 0, unqualified: 0, graded: 0, notGraded: 0, disposals: 0 };
  for (const b of branches) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += b[k];
  return { year, branches, total };
}

export async function gradeCounts(ctx: ServiceContext, year: number): Promise<Map<string, number>> {
  const rows = await ctx.archive.query<{ grade: string; n: number }>('SELECT grade, count(*) AS n FROM appraisals WHERE year = ? AND grade IS NOT NULL GROUP BY grade', [year]);
  return new Map(rows.map((r) => [r.grade, r.n]));
}

