// Putting a development step right. A step recorded by mistake is voided with a reason: it stays on the
// timeline, struck through, and the person is where they were before it. Who decided and the note can be
// corrected on any step. A wrong date is corrected on the latest step by voiding it and recording it
// again with the right date through the same transition, so every rule is checked again and a refusal
// names the rule — all in one transaction, so a refused correction changes nothing.
import { nowIso, todayOf, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { DomainError, ValidationError, notFound } from '../core/errors';
import { cleanText } from '../members/life/lifeCommon';
import {
  getDevRecord, makeActivist, makeCandidate, recordActivistReview, recordPoliticalReview, recordPublicity, recordTalk, recordTraining, withdrawDevelopment,
  STEP_LABELS, type DevRecord, type TransitionResult,
} from './pipeline';

interface StepRow {
  id: string;
  person_id: string;
  kind: string;
  step_date: string;
  decided_by: string | null;
  detail: string | null;
  voided_at: string | null;
  created_at: string;
}

/** Steps that cannot be voided here, and what to do instead. */
const NOT_VOIDABLE: Record<string, string> = {
  apply: '递交入党申请书是培养档案的起点,不能作废;如不再培养,请办理“终止培养”',
  admit: '支部大会接收后已建立预备党员档案,不能在此作废;如有错误,请在党员档案中更正',
  approve: '党委审批已记入预备党员档案,不能在此作废;如有错误,请在党员档案中更正',
};

async function stepOf(ctx: ServiceContext, stepId: string): Promise<StepRow> {
  const s = await ctx.archive.queryOne<StepRow>('SELECT id, person_id, kind, step_date, decided_by, detail, voided_at, created_at FROM dev_steps WHERE id = ?', [stepId]);
  if (!s) throw notFound('发展党员步骤', stepId);
  return s;
}

/** The person's steps that stand, oldest first. */
async function standingSteps(ctx: ServiceContext, personId: string): Promise<StepRow[]> {
  return ctx.archive.query<StepRow>(
    'SELECT id, person_id, kind, step_date, decided_by, detail, voided_at, created_at FROM dev_steps WHERE person_id = ? AND voided_at IS NULL ORDER BY step_date, created_at',
    [personId],
  );
}

const detailOf = (s: StepRow): Record<string, unknown> => (s.detail ? (JSON.parse(s.detail) as Record<string, unknown>) : {});
const latest = (steps: StepRow[], kind: string) => steps.filter((s) => s.kind === kind).at(-1);
const label = (s: StepRow) => `${STEP_LABELS[s.kind] ?? s.kind}(${s.step_date})`;

/** The person's columns a step set, as the remaining steps leave them once it is gone. */
function columnsWithout(step: StepRow, remaining: StepRow[]): Record<string, unknown> {
  const last = (kind: string) => latest(remaining, kind)?.step_date ?? null;
  const stageBefore = () => (latest(remaining, 'candidate') ? 'candidate' : latest(remaining, 'activist') ? 'activist' : 'applicant');
  switch (step.kind) {
    case 'talk': return { talk_date: last('talk') };
    case 'activist': return { stage: 'applicant', activist_date: null, contacts: null };
    case 'review': return { last_review_date: remaining.filter((s) => s.kind === 'review').map((s) => s.step_date).sort().at(-1) ?? null };
    case 'candidate': return { stage: 'activist', candidate_date: null };
    case 'political_review': return { political_review_date: last('political_review') };
    case 'training': {
      const sessions = remaining.filter((s) => s.kind === 'training');
      return { training_hours: sessions.length ? sessions.reduce((n, s) => n + Number(detailOf(s).hours ?? 0), 0) : null, training_end_date: sessions.map((s) => s.step_date).sort().at(-1) ?? null };
    }
    case 'publicity': {
      const p = latest(remaining, 'publicity');
      return { publicity_start: p?.step_date ?? null, publicity_end: p ? ((detailOf(p).endDate as string | undefined) ?? null) : null };
    }
    case 'withdraw': return { stage: stageBefore() };
    default: return {};
  }
}

/** 作废: the latest standing step of a person, with the reason; the person is back where they were before it. */
export async function voidDevStep(ctx: ServiceContext, stepId: string, input: { reason: string }): Promise<DevRecord> {
  const reason = cleanText(input.reason);
  if (!reason) throw new ValidationError([{ field: 'reason', message: '请填写作废的原因(例如:误登记,实际未谈话)' }], '不能作废');
  const step = await stepOf(ctx, stepId);
  await ctx.archive.transaction(() => voidWithin(ctx, step, reason));
  return getDevRecord(ctx, step.person_id);
}

async function voidWithin(ctx: ServiceContext, given: StepRow, reason: string): Promise<void> {
  // Read again inside the transaction: another window may have voided it meanwhile.
  const step = await stepOf(ctx, given.id);
  if (step.voided_at) throw new DomainError('conflict', `${label(step)}已于 ${step.voided_at.slice(0, 10)} 作废`);
  const elsewhere = NOT_VOIDABLE[step.kind];
  if (elsewhere) throw new DomainError('conflict', `${label(step)}:${elsewhere}`);
  const standing = await standingSteps(ctx, step.person_id);
  const last = standing.at(-1)!;
  if (last.id !== step.id) throw new DomainError('conflict', `只能作废最近的一步:${label(last)}在${label(step)}之后,请先作废后面的步骤`);
  const remaining = standing.filter((s) => s.id !== step.id);
  const columns = columnsWithout(step, remaining);
  const names = Object.keys(columns);
  const person = await ctx.archive.queryOne<Record<string, unknown>>(`SELECT ${['name', ...names].join(', ')} FROM dev_people WHERE id = ?`, [step.person_id]);
  const seq = await ctx.archive.changeSeq();
  const now = nowIso();
  // The archive's day, like every date a clerk reads: the audit log keeps the instant.
  await ctx.archive.run('UPDATE dev_steps SET voided_at = ?, void_reason = ?, seq = ? WHERE id = ?', [todayOf(ctx), reason, seq, step.id]);
  if (names.length) {
    await ctx.archive.run(`UPDATE dev_people SET ${names.map((c) => `${c} = ?`).join(', ')}, seq = ?, updated_at = ? WHERE id = ?`, [...names.map((c) => columns[c]), seq, now, step.person_id]);
  }
  const before = Object.fromEntries(names.map((c) => [c, person?.[c] ?? null]));
  await appendAudit(ctx.archive, [{
    actor: ctx.actor, action: 'development.void', entity: 'dev_people', entityId: step.person_id,
    before: { ...before, step: STEP_LABELS[step.kind] ?? step.kind, date: step.step_date }, after: { ...columns, reason },
  }]);
}

export interface StepCorrection {
  date?: string | null;
  decidedBy?: string | null;
  note?: string | null;
  reason: string;
}

/** The transition that records a step of this kind again, with its own details (contacts, hours, end of 公示). */
function redo(ctx: ServiceContext, step: StepRow, date: string, decidedBy: string | null, note: string | null): Promise<TransitionResult> {
  const d = detailOf(step);
  const base = { date, decidedBy, note };
  switch (step.kind) {
    case 'talk': return recordTalk(ctx, step.person_id, base);
    case 'activist': return makeActivist(ctx, step.person_id, { ...base, contacts: (d.contacts as string[] | undefined) ?? [] });
    case 'review': return recordActivistReview(ctx, step.person_id, base);
    case 'candidate': return makeCandidate(ctx, step.person_id, base);
    case 'political_review': return recordPoliticalReview(ctx, step.person_id, base);
    case 'training': return recordTraining(ctx, step.person_id, { ...base, hours: Number(d.hours ?? 0) });
    case 'publicity': return recordPublicity(ctx, step.person_id, { ...base, endDate: String(d.endDate ?? date) });
    case 'withdraw': return withdrawDevelopment(ctx, step.person_id, base);
    default: throw new DomainError('conflict', `${label(step)}:${NOT_VOIDABLE[step.kind] ?? '不能更正日期'}`);
  }
}

/**
 * 更正: who decided and the note on any standing step; the date on the latest one, recorded again with
 * every rule checked. The warnings of the step recorded again are returned.
 */
export async function correctDevStep(ctx: ServiceContext, stepId: string, input: StepCorrection): Promise<TransitionResult> {
  const reason = cleanText(input.reason);
  if (!reason) throw new ValidationError([{ field: 'reason', message: '请填写更正的原因' }], '不能更正');
  const step = await stepOf(ctx, stepId);
  if (step.voided_at) throw new DomainError('conflict', `${label(step)}已作废,不能更正`);
  const decidedBy = input.decidedBy === undefined ? step.decided_by : cleanText(input.decidedBy);
  const oldNote = (detailOf(step).note as string | undefined) ?? null;
  const note = input.note === undefined ? oldNote : cleanText(input.note);
  const dateChanged = !!input.date && input.date !== step.step_date;
  if (!dateChanged && decidedBy === step.decided_by && note === oldNote) throw new ValidationError([{ field: 'date', message: '没有要更正的内容' }], '不能更正');
  return ctx.archive.transaction(async () => {
    if (dateChanged) {
      await voidWithin(ctx, step, `更正日期为 ${input.date}:${reason}`);
      const redone = await redo(ctx, step, input.date!, decidedBy, note);
      // The documents filed with the step belong to the step recorded again.
      const newest = redone.record.steps.filter((s) => !s.voidedAt).at(-1)!;
      await ctx.archive.run('UPDATE dev_documents SET step_id = ?, seq = ? WHERE step_id = ?', [newest.id, await ctx.archive.changeSeq(), step.id]);
      return { ...redone, record: await getDevRecord(ctx, step.person_id) };
    }
    const detail = { ...detailOf(step), ...(note ? { note } : {}) };
    if (!note) delete detail.note;
    await ctx.archive.run('UPDATE dev_steps SET decided_by = ?, detail = ?, seq = ? WHERE id = ?', [decidedBy, Object.keys(detail).length ? JSON.stringify(detail) : null, await ctx.archive.changeSeq(), step.id]);
    await appendAudit(ctx.archive, [{
      actor: ctx.actor, action: 'development.correct', entity: 'dev_people', entityId: step.person_id,
      before: { step: STEP_LABELS[step.kind] ?? step.kind, decidedBy: step.decided_by, note: oldNote }, after: { step: STEP_LABELS[step.kind] ?? step.kind, decidedBy, note, reason },
    }]);
    return { record: await getDevRecord(ctx, step.person_id), warnings: [] };
  });
}
