// 五事工作法: a village matter goes 民主提事 (proposed) → 联席议事 (discussed at the joint meeting, maybe
// amended) → 票决定事 (voted: for / against / abstain out of the voters present) → 集中办事 (carried out:
// who, by when, done) → 制度监事 (supervised: result made public, satisfaction). Steps are taken in order,
// each dated no earlier than the step before; a matter can stop at any step with a reason. The funnel per
// village and per township is what the seed reports (46,000 proposed, 33,000 discussed, 27,000 amended,
// 22,000 voted); matters past their deadline and not done are 待办.
import { newId } from '../core/ids';
import { nowIso, todayOf, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { DomainError, ValidationError, notFound } from '../core/errors';
import { cleanText } from '../members/life/lifeCommon';
import { requireBranch, yearRange } from './practiceCommon';
import { Problems } from '../core/validation';

export const MATTER_STAGES = ['proposed', 'discussed', 'voted', 'rejected', 'done', 'supervised', 'stopped'] as const;
export type MatterStage = (typeof MATTER_STAGES)[number];
export const MATTER_STAGE_LABELS: Record<MatterStage, string> = {
  proposed: '已提事,待议事', discussed: '已议事,待票决', voted: '已票决通过,办理中', rejected: '票决未通过', done: '已办结,待监事', supervised: '已监事', stopped: '已终止',
};
export const STEP_LABELS = { propose: '民主提事', discuss: '联席议事', vote: '票决定事', carry: '集中办事', supervise: '制度监事' } as const;

export interface MatterView {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  stage: MatterStage;
  stageLabel: string;
  proposedBy: string;
  proposedDate: string;
  proposal: string | null;
  discussedDate: string | null;
  amended: boolean | null;
  discussionOutcome: string | null;
  voteDate: string | null;
  votersPresent: number | null;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  passed: boolean | null;
  handler: string | null;
  deadline: string | null;
  doneDate: string | null;
  supervisedDate: string | null;
  madePublic: boolean | null;
  satisfaction: number | null;
  supervisionNote: string | null;
  stoppedAt: string | null;
  stopDate: string | null;
  stopReason: string | null;
  overdue: boolean;
}

const SELECT = `SELECT v.id, v.org_id AS orgId, o.name AS orgName, v.title, v.stage, v.proposed_by AS proposedBy, v.proposed_date AS proposedDate, v.proposal,
  v.discussed_date AS discussedDate, v.amended, v.discussion_outcome AS discussionOutcome, v.vote_date AS voteDate, v.voters_present AS votersPresent,
  v.votes_for AS votesFor, v.votes_against AS votesAgainst, v.votes_abstain AS votesAbstain, v.passed, v.handler, v.deadline, v.done_date AS doneDate,
  v.supervised_date AS supervisedDate, v.made_public AS madePublic, v.satisfaction, v.supervision_note AS supervisionNote, v.stopped_at AS stoppedAt,
  v.stop_date AS stopDate, v.stop_reason AS stopReason
  FROM village_matters v JOIN organizations o ON o.id = v.org_id`;

type Row = Omit<MatterView, 'amended' | 'passed' | 'madePublic' | 'stageLabel' | 'overdue'> & { amended: number | null; passed: number | null; madePublic: number | null };
const bool = (v: number | null) => (v === null || v === undefined ? null : v === 1);

function toView(r: Row, today: string): MatterView {
  return {
    ...r, amended: bool(r.amended), passed: bool(r.passed), madePublic: bool(r.madePublic), stageLabel: MATTER_STAGE_LABELS[r.stage] ?? r.stage,
    overdue: r.stage === 'voted' && !!r.deadline && r.deadline < today,
  };
}

export async function getMatter(ctx: ServiceContext, id: string): Promise<MatterView> {
  const r = await ctx.archive.queryOne<Row>(`${SELECT} WHERE v.id = ?`, [id]);
  if (!r) throw notFound('村级事项', id);
  return toView(r, todayOf(ctx));
}

export async function listMatters(ctx: ServiceContext, q: { year: number; orgId?: string | null; stage?: string | null }): Promise<MatterView[]> {
  const where = ['v.proposed_date BETWEEN ? AND ?'];
  const params: unknown[] = [...yearRange(q.year)];
  if (q.orgId) {
    where.push('v.org_id = ?');
    params.push(q.orgId);
  }
  if (q.stage) {
    where.push('v.stage = ?');
    params.push(q.stage);
  }
  const rows = await ctx.archive.query<Row>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY v.proposed_date DESC, v.created_at DESC`, params);
  const today = todayOf(ctx);
  return rows.map((r) => toView(r, today));
}

export interface ProposeInput {
  orgId: string;
  title: string;
  proposedBy: string;
  date: string;
  proposal?: string | null;
}

/** 民主提事: a matter raised by villagers, members or the branch, with who raised it and when. */
export async function proposeMatter(ctx: ServiceContext, input: ProposeInput): Promise<MatterView> {
  const p = new Problems();
  const title = p.text('title', '事项名称', input.title, 200);
  const proposedBy = p.text('proposedBy', '提事人', input.proposedBy, 100);
  p.date('date', '提事日期', input.date, ctx);
  p.throwIf('不能登记提事');
  const id = newId();
  await ctx.archive.transaction(async () => {
    const org = await requireBranch(ctx, input.orgId, 'orgId', ',事项应由村党支部登记');
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    await ctx.archive.run(
      'INSERT INTO village_matters(id, org_id, title, stage, proposed_by, proposed_date, proposal, seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)',
      [id, org.id, title, 'proposed', proposedBy, input.date, cleanText(input.proposal), seq, now, now],
    );
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'affairs.propose', entity: 'village_matters', entityId: id, before: null, after: { orgId: org.id, title, proposedBy, date: input.date } }]);
  });
  return getMatter(ctx, id);
}

/** One step of a matter: the stage it must be at, the checks, the columns it sets — in one transaction. */
async function step(ctx: ServiceContext, id: string, spec: { stages: MatterStage[]; step: string; check: (m: MatterView, p: Problems) => void; set: (m: MatterView) => Record<string, unknown> }): Promise<MatterView> {
  await ctx.archive.transaction(async () => {
    const m = await getMatter(ctx, id);
    if (!spec.stages.includes(m.stage)) {
      throw new DomainError('conflict', `“${m.title}”目前${m.stageLabel},不能登记${spec.step}(${spec.stages.map((s) => MATTER_STAGE_LABELS[s]).join('或')}的事项才能登记)`);
    }
    const p = new Problems();
    spec.check(m, p);
    p.throwIf(`“${m.title}”不能登记${spec.step}`);
    const fields = spec.set(m);
    const cols = Object.keys(fields);
    await ctx.archive.run(`UPDATE village_matters SET ${cols.map((c) => `${c} = ?`).join(', ')}, seq = ?, updated_at = ? WHERE id = ?`, [
      ...cols.map((c) => (typeof fields[c] === 'boolean' ? (fields[c] ? 1 : 0) : fields[c])), await ctx.archive.changeSeq(), nowIso(), id,
    ]);
    const before = Object.fromEntries(cols.map((c) => [c, (m as unknown as Record<string, unknown>)[c.replace(/_([a-z])/g, (_x, ch: string) => ch.toUpperCase())] ?? null]));
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: `affairs.${spec.step}`, entity: 'village_matters', entityId: id, before, after: fields }]);
  });
  return getMatter(ctx, id);
}

/** 联席议事: discussed at the joint meeting of the branch and the village committee; amended or not. */
export function discussMatter(ctx: ServiceContext, input: { id: string; date: string; amended: boolean; outcome?: string | null }): Promise<MatterView> {
  return step(ctx, input.id, {
    stages: ['proposed'], step: STEP_LABELS.discuss,
    check: (m, p) => {
      p.date('date', '议事日期', input.date, ctx, { notBefore: [[m.proposedDate, '提事日期']] });
    },
    set: () => ({ stage: 'discussed', discussed_date: input.date, amended: !!input.amended, discussion_outcome: cleanText(input.outcome) }),
  });
}

export interface VoteInput {
  id: string;
  date: string;
  votersPresent: number;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
}

/**
 * 票决定事: the votes of those present (村民代表会议 / 党员大会). The votes cast may not exceed the voters
 * present; the matter passes with more than half of those present for it.
 */
export function voteMatter(ctx: ServiceContext, input: VoteInput): Promise<MatterView> {
  return step(ctx, input.id, {
    stages: ['discussed'], step: STEP_LABELS.vote,
    check: (m, p) => {
      p.date('date', '票决日期', input.date, ctx, { notBefore: [[m.discussedDate, '议事日期']] });
      const present = p.count('votersPresent', '到会人数', input.votersPresent, 100_000);
      const yes = p.count('votesFor', '赞成票', input.votesFor, 100_000);
      const no = p.count('votesAgainst', '反对票', input.votesAgainst, 100_000);
      const abstain = p.count('votesAbstain', '弃权票', input.votesAbstain, 100_000);
      if (present === 0) p.add('votersPresent', '请填写到会人数');
      else if (yes + no + abstain > present) p.add('votesFor', `赞成 ${yes}、反对 ${no}、弃权 ${abstain},合计 ${yes + no + abstain} 票,超过了到会人数 ${present}`);
    },
    set: () => {
      const passed = input.votesFor * 2 > input.votersPresent;
      return { stage: passed ? 'voted' : 'rejected', vote_date: input.date, voters_present: input.votersPresent, votes_for: input.votesFor, votes_against: input.votesAgainst, votes_abstain: input.votesAbstain, passed };
    },
  });
}

/**
 * 集中办事: who carries the matter out and by when; the done date when it is done (the same call, or a
 * later one once the handler reports back).
 */
export function carryOutMatter(ctx: ServiceContext, input: { id: string; handler: string; deadline: string; doneDate?: string | null }): Promise<MatterView> {
  return step(ctx, input.id, {
    stages: ['voted'], step: STEP_LABELS.carry,
    check: (m, p) => {
      p.text('handler', '承办人', input.handler, 100);
      p.date('deadline', '办结期限', input.deadline, ctx, { notBefore: [[m.voteDate, '票决日期']], allowFuture: true });
      p.date('doneDate', '办结日期', input.doneDate, ctx, { required: false, notBefore: [[m.voteDate, '票决日期']] });
    },
    set: () => ({ handler: input.handler.trim(), deadline: input.deadline, ...(input.doneDate ? { stage: 'done', done_date: input.doneDate } : {}) }),
  });
}

/** 制度监事: the result made public (or not) and the villagers' satisfaction (percent). */
export function superviseMatter(ctx: ServiceContext, input: { id: string; date: string; madePublic: boolean; satisfaction?: number | null; note?: string | null }): Promise<MatterView> {
  return step(ctx, input.id, {
    stages: ['done'], step: STEP_LABELS.supervise,
    check: (m, p) => {
      p.date('date', '监事日期', input.date, ctx, { notBefore: [[m.doneDate, '办结日期']] });
      if (input.satisfaction != null) p.count('satisfaction', '群众满意率(%)', input.satisfaction, 100);
    },
    set: () => ({ stage: 'supervised', supervised_date: input.date, made_public: !!input.madePublic, satisfaction: input.satisfaction ?? null, supervision_note: cleanText(input.note) }),
  });
}

/** 终止: the matter stops at the step it reached, with the reason (withdrawn, merged, not feasible …). */
export function stopMatter(ctx: ServiceContext, input: { id: string; date: string; reason: string }): Promise<MatterView> {
  return step(ctx, input.id, {
    stages: ['proposed', 'discussed', 'voted'], step: '终止',
    check: (m, p) => {
      p.text('reason', '终止原因', input.reason, 500);
      p.date('date', '终止日期', input.date, ctx, { notBefore: [[m.voteDate ?? m.discussedDate ?? m.proposedDate, '上一步的日期']] });
    },
    set: (m) => ({ stage: 'stopped', stopped_at: m.stage, stop_date: input.date, stop_reason: input.reason.trim() }),
  });
}

export interface Funnel {
  proposed: number;
  discussed: number;
  amended: number;
  voted: number;
  passed: number;
  done: number;
  supervised: number;
  stopped: number;
  overdue: number;
}

export interface AffairsSummary {
  asOf: string;
  township: Funnel;
  villages: ({ orgId: string; orgName: string } & Funnel)[];
}

/**
 * The funnel of the matters proposed in the year, per village and for the township. Each count is of the
 * matters that reached the step (a date recorded): discussed, voted; amended at the joint meeting; passed
 * the vote; done; supervised. Overdue: passed, deadline before today, not done nor stopped.
 */
export async function villageAffairsSummary(ctx: ServiceContext, year: number): Promise<AffairsSummary> {
  const today = todayOf(ctx);
  const rows = await ctx.archive.query<{ orgId: string; orgName: string } & Funnel>(
    `SELECT v.org_id AS orgId, o.name AS orgName, count(*) AS proposed, count(v.discussed_date) AS discussed, coalesce(sum(v.amended = 1), 0) AS amended,
       count(v.vote_date) AS voted, coalesce(sum(v.passed = 1), 0) AS passed, count(v.done_date) AS done, count(v.supervised_date) AS supervised,
       coalesce(sum(v.stage = 'stopped'), 0) AS stopped, coalesce(sum(v.stage = 'voted' AND v.deadline < ?), 0) AS overdue
     FROM village_matters v JOIN organizations o ON o.id = v.org_id WHERE v.proposed_date BETWEEN ? AND ?
     GROUP BY v.org_id, o.name ORDER BY o.sort_order, o.name`,
    [today, ...yearRange(year)],
  );
  const keys = ['proposed', 'discussed', 'amended', 'voted', 'passed', 'done', 'supervised', 'stopped', 'overdue'] as const;
  const township = Object.fromEntries(keys.map((k) => [k, rows.reduce((s, r) => s + r[k], 0)])) as unknown as Funnel;
  return { asOf: today, township, villages: rows };
}

export const FUNNEL_LABELS: [keyof Funnel, string][] = [
  ['proposed', '提事'], ['discussed', '议事'], ['amended', '修改完善'], ['voted', '票决'], ['passed', '通过'], ['done', '办结'], ['supervised', '监事'], ['stopped', '终止'], ['overdue', '超期未办结'],
];

export function villageAffairsSummaryLines(s: AffairsSummary): string[] {
  return [
    ['村党组织', ...FUNNEL_LABELS.map(([, l]) => l)].join('\t'),
    ...s.villages.map((v) => [v.orgName, ...FUNNEL_LABELS.map(([k]) => v[k])].join('\t')),
    ['全乡镇', ...FUNNEL_LABELS.map(([k]) => s.township[k])].join('\t'),
  ];
}

/** Matters past their deadline and not done (for 待办). */
export async function overdueMatters(ctx: ServiceContext): Promise<MatterView[]> {
  const today = todayOf(ctx);
  const rows = await ctx.archive.query<Row>(`${SELECT} WHERE v.stage = 'voted' AND v.deadline < ? ORDER BY v.deadline`, [today]);
  return rows.map((r) => toView(r, today));
}

/** What taking back a matter's latest step undoes: the stage it returns to and the columns that step filled. */
const UNDO: Partial<Record<MatterStage, { step: string; back: (m: MatterView) => MatterStage; columns: string[] }>> = {
  discussed: { step: STEP_LABELS.discuss, back: () => 'proposed', columns: ['discussed_date', 'amended', 'discussion_outcome'] },
  voted: { step: STEP_LABELS.vote, back: () => 'discussed', columns: ['vote_date', 'voters_present', 'votes_for', 'votes_against', 'votes_abstain', 'passed'] },
  rejected: { step: STEP_LABELS.vote, back: () => 'discussed', columns: ['vote_date', 'voters_present', 'votes_for', 'votes_against', 'votes_abstain', 'passed'] },
  done: { step: STEP_LABELS.carry, back: () => 'voted', columns: ['handler', 'deadline', 'done_date'] },
  supervised: { step: STEP_LABELS.supervise, back: () => 'done', columns: ['supervised_date', 'made_public', 'satisfaction', 'supervision_note'] },
  stopped: { step: '终止', back: (m) => (m.stoppedAt as MatterStage | null) ?? 'proposed', columns: ['stopped_at', 'stop_date', 'stop_reason'] },
};

/**
 * 撤回 a matter's latest step recorded by mistake (a vote entered for the wrong matter, a 终止 that was not
 * decided): the matter is back at the stage before it, that step's entries cleared, the reason in the
 * audit log; the step can then be recorded again as it happened. A matter being carried out without its
 * 办结 date has its 承办人 and 期限 taken back.
 */
export async function undoMatterStep(ctx: ServiceContext, id: string, input: { reason: string }): Promise<MatterView> {
  const reason = cleanText(input.reason);
  if (!reason) throw new ValidationError([{ field: 'reason', message: '请填写撤回的原因' }], '不能撤回');
  await ctx.archive.transaction(async () => {
    const m = await getMatter(ctx, id);
    const carrying = m.stage === 'voted' && !!m.handler;
    const undo = carrying ? { step: STEP_LABELS.carry, back: () => 'voted' as MatterStage, columns: ['handler', 'deadline'] } : UNDO[m.stage];
    if (!undo) throw new DomainError('conflict', `“${m.title}”${m.stageLabel}:民主提事是事项的起点,没有可撤回的步骤;如不再办理,请登记终止`);
    const stage = undo.back(m);
    const view = m as unknown as Record<string, unknown>;
    const camel = (c: string) => c.replace(/_([a-z])/g, (_x, ch: string) => ch.toUpperCase());
    const before = { stage: m.stage, ...Object.fromEntries(undo.columns.map((c) => [camel(c), view[camel(c)] ?? null])) };
    await ctx.archive.run(`UPDATE village_matters SET stage = ?, ${undo.columns.map((c) => `${c} = NULL`).join(', ')}, seq = ?, updated_at = ? WHERE id = ?`, [stage, await ctx.archive.changeSeq(), nowIso(), id]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'affairs.undo', entity: 'village_matters', entityId: id, before: { ...before, step: undo.step }, after: { stage, step: undo.step, reason } }]);
  });
  return getMatter(ctx, id);
}
