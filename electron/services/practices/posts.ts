// 设岗定责, 公开承诺 and 党建联系点. Posts (党员先锋岗, 党员责任区, 党员志愿者) are for members without office
// (无职党员): a member holding a 职务 on the post's first day is refused, with the office named. Each member
// makes one public commitment a year (公开承诺) and the branch reviews it (践诺评议: 已兑现, 部分兑现, 未兑现).
// A 党建联系点 is a leader (name and post) linked to a unit or an organization of the archive from a date.
import { newId } from '../core/ids';
import { nowIso, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { DomainError, ValidationError, notFound } from '../core/errors';
import { cleanText } from '../members/life/lifeCommon';
import type { FieldProblem } from '../core/errors';
import { checkMemberOnRoll } from './careCommon';
import { checkDate, checkYear, optionalText, requiredText } from '../core/validation';

export const POST_KINDS = ['pioneer', 'area', 'volunteer'] as const;
export type PostKind = (typeof POST_KINDS)[number];
export const POST_KIND_LABELS: Record<PostKind, string> = { pioneer: '党员先锋岗', area: '党员责任区', volunteer: '党员志愿者' };
export const REVIEW_RESULTS = ['fulfilled', 'partly', 'unfulfilled'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];
export const REVIEW_LABELS: Record<ReviewResult, string> = { fulfilled: '已兑现', partly: '部分兑现', unfulfilled: '未兑现' };

// ---- 设岗定责 ----

export interface PostInput {
  id?: string | null;
  memberId: string;
  kind: string;
  post: string;
  area?: string | null;
  fromDate: string;
  toDate?: string | null;
  note?: string | null;
}

export interface PostRow {
  id: string;
  memberId: string;
  name: string;
  orgName: string;
  kind: string;
  kindLabel: string;
  post: string;
  area: string | null;
  fromDate: string;
  toDate: string | null;
  note: string | null;
}

export async function savePost(ctx: ServiceContext, input: PostInput): Promise<PostRow> {
  const problems: FieldProblem[] = [];
  if (!(POST_KINDS as readonly string[]).includes(input.kind)) problems.push({ field: 'kind', message: '请选择岗位类别(党员先锋岗、党员责任区或党员志愿者)' });
  const post = requiredText('post', '岗位名称', input.post, 60, problems);
  const area = optionalText('area', '责任区', input.area, 100, problems);
  const toDate = cleanText(input.toDate);
  const dateProblems = [...checkDate('fromDate', '上岗日期', input.fromDate, ctx), ...checkDate('toDate', '离岗日期', toDate, ctx, { required: false, allowFuture: true })];
  problems.push(...dateProblems);
  if (toDate && dateProblems.length === 0 && toDate < input.fromDate) problems.push({ field: 'toDate', message: `离岗日期 ${toDate} 早于上岗日期 ${input.fromDate}` });
  if (problems.length) throw new ValidationError(problems, '不能保存设岗定责');
  const id = input.id ?? newId();
  await ctx.archive.transaction(async () => {
    const existing = input.id ? await ctx.archive.queryOne<Record<string, unknown>>('SELECT member_id, kind, post, area, from_date, to_date FROM pioneer_posts WHERE id = ?', [input.id]) : undefined;
    if (input.id && !existing) throw notFound('设岗定责', input.id);
    const { member, problem } = await checkMemberOnRoll(ctx, 'memberId', input.memberId, input.fromDate, '设岗定责');
    if (problem) throw new ValidationError([problem], '不能保存设岗定责');
    const office = await ctx.archive.queryOne<{ title: string; from_date: string }>(
      'SELECT title, from_date FROM member_posts WHERE member_id = ? AND from_date <= ? AND (to_date IS NULL OR to_date >= ?) ORDER BY from_date DESC LIMIT 1',
      [input.memberId, input.fromDate, input.fromDate],
    );
    if (office) {
      throw new ValidationError([{ field: 'memberId', message: `${member!.name}自 ${office.from_date} 起任${office.title},设岗定责面向无职党员` }], '不能保存设岗定责');
    }
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const note = cleanText(input.note);
    if (existing) {
      await ctx.archive.run('UPDATE pioneer_posts SET member_id = ?, kind = ?, post = ?, area = ?, from_date = ?, to_date = ?, note = ?, seq = ?, updated_at = ? WHERE id = ?', [
        input.memberId, input.kind, post, area, input.fromDate, toDate, note, seq, now, id,
      ]);
    } else {
      await ctx.archive.run('INSERT INTO pioneer_posts(id, member_id, kind, post, area, from_date, to_date, note, seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)', [
        id, input.memberId, input.kind, post, area, input.fromDate, toDate, note, seq, now, now,
      ]);
    }
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: existing ? 'post.update' : 'post.create', entity: 'pioneer_posts', entityId: id, before: existing ?? null, after: { memberId: input.memberId, kind: input.kind, post, area, fromDate: input.fromDate, toDate, note } }]);
  });
  return (await postRows(ctx, 'p.id = ?', [id]))[0];
}

export async function deletePost(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.archive.transaction(async () => {
    const before = await ctx.archive.queryOne<Record<string, unknown>>('SELECT member_id, kind, post, area, from_date, to_date FROM pioneer_posts WHERE id = ?', [id]);
    if (!before) throw notFound('设岗定责', id);
    await ctx.archive.run('DELETE FROM pioneer_posts WHERE id = ?', [id]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'post.delete', entity: 'pioneer_posts', entityId: id, before, after: null }]);
  });
}

async function postRows(ctx: ServiceContext, where: string, params: unknown[]): Promise<PostRow[]> {
  const rows = await ctx.archive.query<Omit<PostRow, 'kindLabel'>>(
    `SELECT p.id AS id, p.member_id AS memberId, m.name AS name, o.name AS orgName, p.kind AS kind, p.post AS post, p.area AS area, p.from_date AS fromDate, p.to_date AS toDate, p.note AS note
     FROM pioneer_posts p JOIN members m ON m.id = p.member_id JOIN organizations o ON o.id = m.org_id WHERE ${where}
     ORDER BY o.sort_order, o.name, p.kind, m.pinyin_full`,
    params,
  );
  return rows.map((r) => ({ ...r, kindLabel: POST_KIND_LABELS[r.kind as PostKind] ?? r.kind }));
}

/** Posts held at some time in the year. */
export async function listPosts(ctx: ServiceContext, year: number): Promise<PostRow[]> {
  const p = checkYear('year', '年度', year);
  if (p.length) throw new ValidationError(p);
  return postRows(ctx, 'p.from_date <= ? AND (p.to_date IS NULL OR p.to_date >= ?)', [`${year}-12-31`, `${year}-01-01`]);
}

// ---- 公开承诺 ----

export interface CommitmentInput {
  memberId: string;
  year: number;
  commitment: string;
  madeDate: string;
}

export interface CommitmentRow {
  id: string;
  memberId: string;
  name: string;
  orgName: string;
  year: number;
  commitment: string;
  madeDate: string;
  reviewResult: string | null;
  reviewLabel: string | null;
  reviewDate: string | null;
  reviewNote: string | null;
}

/** A member's commitment of a year (made within that year); saving again changes its text or date. */
export async function saveCommitment(ctx: ServiceContext, input: CommitmentInput): Promise<CommitmentRow> {
  const problems: FieldProblem[] = [...checkYear('year', '年度', input.year)];
  const text = requiredText('commitment', '承诺内容', input.commitment, 500, problems);
  problems.push(...checkDate('madeDate', '承诺日期', input.madeDate, ctx));
  if (problems.length === 0 && input.madeDate.slice(0, 4) !== String(input.year)) problems.push({ field: 'madeDate', message: `承诺日期 ${input.madeDate} 不在 ${input.year} 年内` });
  if (problems.length) throw new ValidationError(problems, '不能保存公开承诺');
  let id = '';
  await ctx.archive.transaction(async () => {
    const { problem } = await checkMemberOnRoll(ctx, 'memberId', input.memberId, input.madeDate, '作公开承诺');
    if (problem) throw new ValidationError([problem], '不能保存公开承诺');
    const existing = await ctx.archive.queryOne<{ id: string; commitment: string; made_date: string; review_date: string | null }>('SELECT id, commitment, made_date, review_date FROM member_commitments WHERE member_id = ? AND year = ?', [input.memberId, input.year]);
    if (existing?.review_date && existing.review_date < input.madeDate) throw new ValidationError([{ field: 'madeDate', message: `该承诺已于 ${existing.review_date} 评议,承诺日期不能晚于评议日期` }], '不能保存公开承诺');
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    id = existing?.id ?? newId();
    if (existing) await ctx.archive.run('UPDATE member_commitments SET commitment = ?, made_date = ?, seq = ?, updated_at = ? WHERE id = ?', [text, input.madeDate, seq, now, id]);
    else await ctx.archive.run('INSERT INTO member_commitments(id, member_id, year, commitment, made_date, seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)', [id, input.memberId, input.year, text, input.madeDate, seq, now, now]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: existing ? 'commitment.update' : 'commitment.create', entity: 'member_commitments', entityId: id, before: existing ?? null, after: { memberId: input.memberId, year: input.year, commitment: text, madeDate: input.madeDate } }]);
  });
  return (await commitmentRows(ctx, 'c.id = ?', [id]))[0];
}

export async function reviewCommitment(ctx: ServiceContext, input: { id: string; result: string; date: string; note?: string | null }): Promise<CommitmentRow> {
  const problems: FieldProblem[] = [];
  if (!(REVIEW_RESULTS as readonly string[]).includes(input.result)) problems.push({ field: 'result', message: '请选择评议结果(已兑现、部分兑现或未兑现)' });
  problems.push(...checkDate('date', '评议日期', input.date, ctx));
  if (problems.length) throw new ValidationError(problems, '不能保存承诺评议');
  await ctx.archive.transaction(async () => {
    const c = await ctx.archive.queryOne<{ made_date: string; review_result: string | null; review_date: string | null; review_note: string | null }>('SELECT made_date, review_result, review_date, review_note FROM member_commitments WHERE id = ?', [input.id]);
    if (!c) throw notFound('公开承诺', input.id);
    if (input.date < c.made_date) throw new ValidationError([{ field: 'date', message: `评议日期 ${input.date} 早于承诺日期 ${c.made_date}` }], '不能保存承诺评议');
    const seq = await ctx.archive.changeSeq();
    const note = cleanText(input.note);
    await ctx.archive.run('UPDATE member_commitments SET review_result = ?, review_date = ?, review_note = ?, seq = ?, updated_at = ? WHERE id = ?', [input.result, input.date, note, seq, nowIso(), input.id]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'commitment.review', entity: 'member_commitments', entityId: input.id, before: c, after: { result: input.result, date: input.date, note } }]);
  });
  return (await commitmentRows(ctx, 'c.id = ?', [input.id]))[0];
}

async function commitmentRows(ctx: ServiceContext, where: string, params: unknown[]): Promise<CommitmentRow[]> {
  const rows = await ctx.archive.query<Omit<CommitmentRow, 'reviewLabel'>>(
    `SELECT c.id AS id, c.member_id AS memberId, m.name AS name, o.name AS orgName, c.year AS year, c.commitment AS commitment, c.made_date AS madeDate,
       c.review_result AS reviewResult, c.review_date AS reviewDate, c.review_note AS reviewNote
     FROM member_commitments c JOIN members m ON m.id = c.member_id JOIN organizations o ON o.id = m.org_id WHERE ${where}
     ORDER BY o.sort_order, o.name, m.pinyin_full`,
    params,
  );
  return rows.map((r) => ({ ...r, reviewLabel: r.reviewResult ? REVIEW_LABELS[r.reviewResult as ReviewResult] ?? r.reviewResult : null }));
}

export async function listCommitments(ctx: ServiceContext, year: number): Promise<CommitmentRow[]> {
  const p = checkYear('year', '年度', year);
  if (p.length) throw new ValidationError(p);
  return commitmentRows(ctx, 'c.year = ?', [year]);
}

// ---- 党建联系点 ----

export interface LiaisonInput {
  id?: string | null;
  leaderName: string;
  leaderPost: string;
  orgId?: string | null;
  unit?: string | null;
  fromDate: string;
  toDate?: string | null;
  note?: string | null;
}

export interface LiaisonRow {
  id: string;
  leaderName: string;
  leaderPost: string;
  orgId: string | null;
  unit: string;
  fromDate: string;
  toDate: string | null;
  note: string | null;
}

export async function saveLiaison(ctx: ServiceContext, input: LiaisonInput): Promise<LiaisonRow> {
  const problems: FieldProblem[] = [];
  const leaderName = requiredText('leaderName', '领导姓名', input.leaderName, 30, problems);
  const leaderPost = requiredText('leaderPost', '领导职务', input.leaderPost, 60, problems);
  const toDate = cleanText(input.toDate);
  const dateProblems = [...checkDate('fromDate', '建立日期', input.fromDate, ctx), ...checkDate('toDate', '结束日期', toDate, ctx, { required: false, allowFuture: true })];
  problems.push(...dateProblems);
  if (toDate && dateProblems.length === 0 && toDate < input.fromDate) problems.push({ field: 'toDate', message: `结束日期 ${toDate} 早于建立日期 ${input.fromDate}` });
  let unit = optionalText('unit', '联系单位', input.unit, 100, problems);
  if (!input.orgId && !unit) problems.push({ field: 'unit', message: '请选择联系的党组织或填写联系单位' });
  if (problems.length) throw new ValidationError(problems, '不能保存党建联系点');
  const id = input.id ?? newId();
  await ctx.archive.transaction(async () => {
    const existing = input.id ? await ctx.archive.queryOne<Record<string, unknown>>('SELECT leader_name, leader_post, org_id, unit, from_date, to_date FROM liaison_points WHERE id = ?', [input.id]) : undefined;
    if (input.id && !existing) throw notFound('党建联系点', input.id);
    if (input.orgId) {
      const org = await ctx.archive.queryOne<{ name: string; status: string; ended_date: string | null }>('SELECT name, status, ended_date FROM organizations WHERE id = ?', [input.orgId]);
      if (!org) throw new ValidationError([{ field: 'orgId', message: `档案中没有这个党组织(${input.orgId})` }], '不能保存党建联系点');
      if (org.status !== 'active' && org.ended_date && org.ended_date <= input.fromDate) throw new DomainError('conflict', `${org.name}已于 ${org.ended_date} 撤销或合并,不能在 ${input.fromDate} 建立联系点`);
      unit = unit ?? org.name;
    }
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const note = cleanText(input.note);
    const values = [leaderName, leaderPost, input.orgId ?? null, unit, input.fromDate, toDate, note, seq];
    if (existing) await ctx.archive.run('UPDATE liaison_points SET leader_name = ?, leader_post = ?, org_id = ?, unit = ?, from_date = ?, to_date = ?, note = ?, seq = ?, updated_at = ? WHERE id = ?', [...values, now, id]);
    else await ctx.archive.run('INSERT INTO liaison_points(leader_name, leader_post, org_id, unit, from_date, to_date, note, seq, created_at, updated_at, id) VALUES (?,?,?,?,?,?,?,?,?,?,?)', [...values, now, now, id]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: existing ? 'liaison.update' : 'liaison.create', entity: 'liaison_points', entityId: id, before: existing ?? null, after: { leaderName, leaderPost, orgId: input.orgId ?? null, unit, fromDate: input.fromDate, toDate, note } }]);
  });
  return (await liaisonRows(ctx, 'id = ?', [id]))[0];
}

async function liaisonRows(ctx: ServiceContext, where: string, params: unknown[]): Promise<LiaisonRow[]> {
  return ctx.archive.query<LiaisonRow>(
    `SELECT id, leader_name AS leaderName, leader_post AS leaderPost, org_id AS orgId, unit, from_date AS fromDate, to_date AS toDate, note FROM liaison_points WHERE ${where} ORDER BY from_date, leader_name`,
    params,
  );
}

export async function listLiaisons(ctx: ServiceContext, year: number): Promise<LiaisonRow[]> {
  const p = checkYear('year', '年度', year);
  if (p.length) throw new ValidationError(p);
  return liaisonRows(ctx, 'from_date <= ? AND (to_date IS NULL OR to_date >= ?)', [`${year}-12-31`, `${year}-01-01`]);
}

// ---- figures ----

export interface PostsSummary {
  posts: number;
  byKind: Record<PostKind, number>;
  membersWithPost: number;
  commitments: number;
  reviewed: number;
  byResult: Record<ReviewResult, number>;
  liaisonPoints: number;
  liaisonLeaders: number;
}

export async function postsSummary(ctx: ServiceContext, year: number): Promise<PostsSummary> {
  const posts = await listPosts(ctx, year);
  const commitments = await listCommitments(ctx, year);
  const liaisons = await listLiaisons(ctx, year);
  const byKind = Object.fromEntries(POST_KINDS.map((k) => [k, posts.filter((p) => p.kind === k).length])) as Record<PostKind, number>;
  const byResult = Object.fromEntries(REVIEW_RESULTS.map((r) => [r, commitments.filter((c) => c.reviewResult === r).length])) as Record<ReviewResult, number>;
  return {
    posts: posts.length,
    byKind,
    membersWithPost: new Set(posts.map((p) => p.memberId)).size,
    commitments: commitments.length,
    reviewed: commitments.filter((c) => c.reviewResult).length,
    byResult,
    liaisonPoints: liaisons.length,
    liaisonLeaders: new Set(liaisons.map((l) => l.leaderName)).size,
  };
}


export function postsSummaryLines(s: PostsSummary): string[] {
  return [
    `设岗定责 ${s.posts} 个岗位(${POST_KINDS.map((k) => `${POST_KIND_LABELS[k]} ${s.byKind[k]}`).join('、')}),${s.membersWithPost} 名无职党员上岗`,
    `公开承诺 ${s.commitments} 份,已评议 ${s.reviewed} 份(${REVIEW_RESULTS.map((r) => `${REVIEW_LABELS[r]} ${s.byResult[r]}`).join('、')})`,
    `党建联系点 ${s.liaisonPoints} 个,${s.liaisonLeaders} 名领导`,
  ];
}
