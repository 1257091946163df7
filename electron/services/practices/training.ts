// 培训: training sessions (date, topic, where — 党校, 远程教育站点, 外埠基地 — how many 学时, who organised it)
// with their attendees, each a member on the roll on the session's day. Per member and year: person-times
// (人次) and 学时; the members under the yearly target (党员教育管理工作条例 2019: 党员每年集中学习培训
// 一般不少于32学时) are listed. The target is a setting the office can change (audited).
// Hours are kept in tenths of a 学时 so that sums are exact; the services speak 学时 (one decimal).
import { newId } from '../core/ids';
import { nowIso, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { ValidationError, notFound } from '../core/errors';
import { cleanText } from '../members/life/lifeCommon';
import type { FieldProblem } from '../core/errors';
import { checkMemberOnRoll, yearAsOf } from './careCommon';
import { checkDate, checkYear, requiredText } from '../core/validation';
import { changeSetting, readSetting } from '../core/settings';

export const PLACE_KINDS = ['party_school', 'remote_site', 'outside_base'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export const PLACE_KIND_LABELS: Record<PlaceKind, string> = { party_school: '党校', remote_site: '远程教育站点', outside_base: '外埠培训基地' };

export const DEFAULT_TRAINING_TARGET = 32;
const TARGET_KEY = 'rules:trainingHoursTarget';
/** One session: half a 学时 at least, and no session runs longer than a fortnight's 120 学时. */
export const MIN_HOURS = 0.5;
export const MAX_HOURS = 120;

export interface TrainingSessionInput {
  id?: string | null;
  date: string;
  topic: string;
  placeKind: string;
  place: string;
  hours: number | null;
  organizer: string;
  note?: string | null;
  attendeeIds: string[];
  /** Why a recorded session is corrected: required when `id` names one. */
  reason?: string | null;
}

export interface TrainingSessionRow {
  id: string;
  date: string;
  topic: string;
  placeKind: string;
  placeKindLabel: string;
  place: string;
  hours: number;
  organizer: string;
  note: string | null;
  attendees: number;
  personHours: number;
}

export interface TrainingAttendee {
  memberId: string;
  name: string;
  orgId: string;
  orgName: string;
}

export interface TrainingSessionDetail extends TrainingSessionRow {
  attendeeList: TrainingAttendee[];
}

const toHours = (tenths: number) => Math.round(tenths) / 10;

export async function getTrainingTarget(ctx: ServiceContext): Promise<number> {
  const stored = await readSetting<number>(ctx.archive, TARGET_KEY);
  return stored === undefined || stored === null ? DEFAULT_TRAINING_TARGET : Number(stored);
}

export async function setTrainingTarget(ctx: ServiceContext, hours: number): Promise<number> {
  if (!(Number.isInteger(hours) && hours >= 1 && hours <= 200)) throw new ValidationError([{ field: 'hours', message: `每年培训学时目标应为1至200之间的整数,收到“${hours}”` }]);
  return changeSetting(ctx, TARGET_KEY, 'training.target', await getTrainingTarget(ctx), hours);
}

function hoursProblem(hours: number | null): FieldProblem[] {
  if (hours === null || typeof hours !== 'number' || !Number.isFinite(hours)) return [{ field: 'hours', message: '请填写学时' }];
  if (hours < MIN_HOURS || hours > MAX_HOURS) return [{ field: 'hours', message: `学时应在 ${MIN_HOURS} 至 ${MAX_HOURS} 之间,填写的是 ${hours}` }];
  if (Math.round(hours * 10) !== hours * 10) return [{ field: 'hours', message: `学时最多保留一位小数,填写的是 ${hours}` }];
  return [];
}

/** Creates or updates a session; the attendee list given replaces the stored one. One transaction. */
export async function saveTrainingSession(ctx: ServiceContext, input: TrainingSessionInput): Promise<TrainingSessionDetail> {
  const problems: FieldProblem[] = [];
  problems.push(...checkDate('date', '培训日期', input.date, ctx));
  const topic = requiredText('topic', '培训主题', input.topic, 100, problems);
  if (!(PLACE_KINDS as readonly string[]).includes(input.placeKind)) problems.push({ field: 'placeKind', message: '请选择培训地点类别(党校、远程教育站点或外埠培训基地)' });
  const place = requiredText('place', '培训地点', input.place, 100, problems);
  problems.push(...hoursProblem(input.hours));
  const organizer = requiredText('organizer', '主办单位', input.organizer, 60, problems);
  const attendeeIds = [...new Set(input.attendeeIds)];
  if (attendeeIds.length === 0) problems.push({ field: 'attendeeIds', message: '请至少选择一名参加培训的党员' });
  const reason = cleanText(input.reason);
  if (input.id && !reason) problems.push({ field: 'reason', message: '请填写更正的原因' });
  if (problems.length) throw new ValidationError(problems, input.id ? '不能更正培训' : '不能保存培训');
  const note = cleanText(input.note);
  const hoursTenths = Math.round(input.hours! * 10);
  const id = input.id ?? newId();
  await ctx.archive.transaction(async () => {
    const existing = input.id
      ? await ctx.archive.queryOne<Record<string, unknown>>('SELECT session_date AS date, topic, place_kind AS placeKind, place, hours_tenths AS hoursTenths, organizer, note FROM training_sessions WHERE id = ?', [input.id])
      : undefined;
    if (input.id && !existing) throw notFound('培训', input.id);
    const memberProblems: FieldProblem[] = [];
    for (const [i, memberId] of attendeeIds.entries()) {
      const { problem } = await checkMemberOnRoll(ctx, `attendeeIds.${i}`, memberId, input.date, `登记参加 ${input.date} 的培训`);
      if (problem) memberProblems.push(problem);
    }
    if (memberProblems.length) throw new ValidationError(memberProblems, '不能保存培训');
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    if (existing) {
      await ctx.archive.run('UPDATE training_sessions SET session_date = ?, topic = ?, place_kind = ?, place = ?, hours_tenths = ?, organizer = ?, note = ?, seq = ?, updated_at = ? WHERE id = ?', [
        input.date, topic, input.placeKind, place, hoursTenths, organizer, note, seq, now, id,
      ]);
    } else {
      await ctx.archive.run('INSERT INTO training_sessions(id, session_date, topic, place_kind, place, hours_tenths, organizer, note, seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)', [
        id, input.date, topic, input.placeKind, place, hoursTenths, organizer, note, seq, now, now,
      ]);
    }
    const before = existing ? (await ctx.archive.query<{ member_id: string }>('SELECT member_id FROM training_attendees WHERE session_id = ?', [id])).map((r) => r.member_id) : [];
    const removed = before.filter((m) => !attendeeIds.includes(m));
    const added = attendeeIds.filter((m) => !before.includes(m));
    for (const m of removed) await ctx.archive.run('DELETE FROM training_attendees WHERE session_id = ? AND member_id = ?', [id, m]);
    for (let i = 0; i < added.length; i += 500) {
      const chunk = added.slice(i, i + 500);
      await ctx.archive.run(`INSERT INTO training_attendees(id, session_id, member_id, seq, created_at) VALUES ${chunk.map(() => '(?,?,?,?,?)').join(',')}`, chunk.flatMap((m) => [newId(), id, m, seq, now]));
    }
    await appendAudit(ctx.archive, [{
      actor: ctx.actor, action: existing ? 'training.correct' : 'training.create', entity: 'training_sessions', entityId: id,
      before: existing ? { ...existing, attendees: before.length } : null,
      after: { date: input.date, topic, placeKind: input.placeKind, place, hoursTenths, organizer, note, attendees: attendeeIds.length, added, removed, ...(existing ? { reason } : {}) },
    }]);
  });
  return getTrainingSession(ctx, id);
}

/** A session entered by mistake (or twice) is removed with its attendance; the audit log keeps what it was and why. */
export async function deleteTrainingSession(ctx: ServiceContext, id: string, input: { reason: string }): Promise<void> {
  const reason = cleanText(input.reason);
  if (!reason) throw new ValidationError([{ field: 'reason', message: '请填写删除的原因(例如:重复登记)' }], '不能删除培训');
  await ctx.archive.transaction(async () => {
    const s = await getTrainingSession(ctx, id);
    await ctx.archive.run('DELETE FROM training_attendees WHERE session_id = ?', [id]);
    await ctx.archive.run('DELETE FROM training_sessions WHERE id = ?', [id]);
    await appendAudit(ctx.archive, [{
      actor: ctx.actor, action: 'training.delete', entity: 'training_sessions', entityId: id,
      before: { date: s.date, topic: s.topic, placeKind: s.placeKind, place: s.place, hoursTenths: Math.round(s.hours * 10), organizer: s.organizer, attendees: s.attendeeList.map((a) => a.memberId) }, after: { reason },
    }]);
  });
}

const SESSION_SELECT = `SELECT s.id AS id, s.session_date AS date, s.topic AS topic, s.place_kind AS placeKind, s.place AS place, s.hours_tenths AS hoursTenths,
  s.organizer AS organizer, s.note AS note, (SELECT count(*) FROM training_attendees a WHERE a.session_id = s.id) AS attendees FROM training_sessions s`;

type SessionSql = Omit<TrainingSessionRow, 'hours' | 'placeKindLabel' | 'personHours'> & { hoursTenths: number };
const sessionRow = (r: SessionSql): TrainingSessionRow => {
  const { hoursTenths, ...rest } = r;
  return { ...rest, hours: toHours(hoursTenths), placeKindLabel: PLACE_KIND_LABELS[r.placeKind as PlaceKind] ?? r.placeKind, personHours: toHours(hoursTenths * r.attendees) };
};

export async function listTrainingSessions(ctx: ServiceContext, year: number): Promise<TrainingSessionRow[]> {
  const p = checkYear('year', '年度', year);
  if (p.length) throw new ValidationError(p);
  const rows = await ctx.archive.query<SessionSql>(`${SESSION_SELECT} WHERE s.session_date BETWEEN ? AND ? ORDER BY s.session_date DESC, s.topic`, [`${year}-01-01`, `${year}-12-31`]);
  return rows.map(sessionRow);
}

export async function getTrainingSession(ctx: ServiceContext, id: string): Promise<TrainingSessionDetail> {
  const row = await ctx.archive.queryOne<SessionSql>(`${SESSION_SELECT} WHERE s.id = ?`, [id]);
  if (!row) throw notFound('培训', id);
  const attendeeList = await ctx.archive.query<TrainingAttendee>(
    `SELECT m.id AS memberId, m.name AS name, o.id AS orgId, o.name AS orgName FROM training_attendees a JOIN members m ON m.id = a.member_id JOIN organizations o ON o.id = m.org_id
     WHERE a.session_id = ? ORDER BY o.sort_order, o.name, m.pinyin_full`,
    [id],
  );
  return { ...sessionRow(row), attendeeList };
}

export interface MemberTrainingRow {
  memberId: string;
  name: string;
  orgId: string;
  orgName: string;
  sessions: number; // 人次
  hours: number; // 学时
  belowTarget: boolean;
}

export interface TrainingHoursReport {
  year: number;
  asOf: string;
  target: number;
  rows: MemberTrainingRow[];
  belowTarget: number;
}

/**
 * Every member on the roll at the end of the year (today, within the current year) with their person-times
 * and 学时 of the year; `onlyBelow` keeps those under the target.
 */
export async function trainingHours(ctx: ServiceContext, year: number, options: { orgId?: string | null; onlyBelow?: boolean } = {}): Promise<TrainingHoursReport> {
  const p = checkYear('year', '年度', year);
  if (p.length) throw new ValidationError(p);
  const target = await getTrainingTarget(ctx);
  const asOf = yearAsOf(ctx, year);
  const params: unknown[] = [`${year}-01-01`, `${year}-12-31`, asOf, asOf];
  let orgFilter = '';
  if (options.orgId) {
    orgFilter = 'AND m.org_id = ?';
    params.push(options.orgId);
  }
  const rows = await ctx.archive.query<{ memberId: string; name: string; orgId: string; orgName: string; sessions: number; tenths: number }>(
    `SELECT m.id AS memberId, m.name AS name, o.id AS orgId, o.name AS orgName, coalesce(t.sessions, 0) AS sessions, coalesce(t.tenths, 0) AS tenths
     FROM members m JOIN organizations o ON o.id = m.org_id
     LEFT JOIN (SELECT a.member_id AS member_id, count(*) AS sessions, sum(s.hours_tenths) AS tenths FROM training_attendees a JOIN training_sessions s ON s.id = a.session_id
                WHERE s.session_date BETWEEN ? AND ? GROUP BY a.member_id) t ON t.member_id = m.id
     WHERE m.join_date <= ? AND (m.exit_reason IS NULL OR m.exit_date > ?) ${orgFilter}
     ORDER BY o.sort_order, o.name, m.pinyin_full`,
    params,
  );
  const all = rows.map((r) => ({ memberId: r.memberId, name: r.name, orgId: r.orgId, orgName: r.orgName, sessions: r.sessions, hours: toHours(r.tenths), belowTarget: r.tenths < target * 10 }));
  const below = all.filter((r) => r.belowTarget).length;
  return { year, asOf, target, rows: options.onlyBelow ? all.filter((r) => r.belowTarget) : all, belowTarget: below };
}

export interface TrainingSummary {
  sessions: number;
  byPlaceKind: Record<PlaceKind, number>;
  personTimes: number;
  personHours: number;
  membersTrained: number;
  target: number;
  onRoll: number;
  belowTarget: number;
}

/** The year's figures for `practices summary`: sessions, 人次, person-学时, members under the target. */
export async function trainingSummary(ctx: ServiceContext, year: number): Promise<TrainingSummary> {
  const report = await trainingHours(ctx, year);
  const bounds = [`${year}-01-01`, `${year}-12-31`];
  const byKind = await ctx.archive.query<{ kind: string; n: number }>('SELECT place_kind AS kind, count(*) AS n FROM training_sessions WHERE session_date BETWEEN ? AND ? GROUP BY place_kind', bounds);
  const totals = await ctx.archive.queryOne<{ personTimes: number; tenths: number | null; members: number }>(
    `SELECT count(*) AS personTimes, sum(s.hours_tenths) AS tenths, count(DISTINCT a.member_id) AS members
     FROM training_attendees a JOIN training_sessions s ON s.id = a.session_id WHERE s.session_date BETWEEN ? AND ?`,
    bounds,
  );
  const byPlaceKind = Object.fromEntries(PLACE_KINDS.map((k) => [k, byKind.find((r) => r.kind === k)?.n ?? 0])) as Record<PlaceKind, number>;
  return {
    sessions: byKind.reduce((s, r) => s + r.n, 0),
    byPlaceKind,
    personTimes: totals?.personTimes ?? 0,
    personHours: toHours(totals?.tenths ?? 0),
    membersTrained: totals?.members ?? 0,
    target: report.target,
    onRoll: report.rows.length,
    belowTarget: report.belowTarget,
  };
}


export function trainingSummaryLines(s: TrainingSummary): string[] {
  return [
    `培训 ${s.sessions} 期(党校 ${s.byPlaceKind.party_school}、远程教育站点 ${s.byPlaceKind.remote_site}、外埠培训基地 ${s.byPlaceKind.outside_base}),${s.personTimes} 人次,${s.personHours} 人·学时`,
    `参训党员 ${s.membersTrained} 名;在册 ${s.onRoll} 名中年度学时低于 ${s.target} 学时的 ${s.belowTarget} 名`,
  ];
}
