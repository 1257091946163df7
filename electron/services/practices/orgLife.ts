// 组织生活: 三会一课 (支部党员大会, 支委会, 党小组会, 党课) and 主题党日 of a branch — date, topic, who presided,
// minutes, attachments, and attendance taken from the branch's member list on that day (present / on leave /
// absent; a member who was not in the branch that day is refused). Per branch and year: meetings held
// against the expected number (党员大会 quarterly, 支委会 and 党小组会 monthly, 党课 quarterly) and each
// member's attendance rate; members absent without leave for six months feed the six-month rule (domain.md:
// 不参加组织生活 six months without reason → 自行脱党 review) and 民主评议.
import crypto from 'node:crypto';
import { newId } from '../core/ids';
import { nowIso, todayOf, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { ValidationError, notFound } from '../core/errors';
import { addMonths, cleanText } from '../members/life/lifeCommon';
import { filesDir, storeContent, MAX_FILE_BYTES } from '../members/memberFiles';
import { MEMBER_HOLDING_TYPES } from '../organizations/organizations';
import { requireBranch, yearRange } from './practiceCommon';
import { Problems } from '../core/validation';
import fs from 'node:fs';
import path from 'node:path';

export const MEETING_KINDS = ['congress', 'committee', 'group', 'lecture', 'theme_day'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = { congress: '支部党员大会', committee: '支委会', group: '党小组会', lecture: '党课', theme_day: '主题党日' };
/** Meetings a branch is expected to hold in a year (三会一课); 主题党日 has no number set here. */
export const EXPECTED_PER_YEAR: Record<MeetingKind, number | null> = { congress: 4, committee: 12, group: 12, lecture: 4, theme_day: null };
/**
 * The expected number by `today` within `year`: the whole year's for a past year; for the current year the
 * months begun (monthly meetings) or quarters ended (quarterly ones), so that November is not judged on December.
 */
export function expectedBy(kind: MeetingKind, year: number, today: string): number | null {
  const perYear = EXPECTED_PER_YEAR[kind];
  if (perYear === null) return null;
  const y = Number(today.slice(0, 4));
  if (year < y) return perYear;
  if (year > y) return 0;
  const month = Number(today.slice(5, 7));
  return perYear === 12 ? month : Math.floor(month / 3) * (perYear / 4);
}
/** Meetings of the whole branch: every member on the list is marked, those not marked count as absent. */
const WHOLE_BRANCH: ReadonlySet<MeetingKind> = new Set(['congress', 'lecture', 'theme_day']);
export const ATTENDANCE = ['present', 'leave', 'absent'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const ATTENDANCE_LABELS: Record<Attendance, string> = { present: '出席', leave: '请假', absent: '缺席' };
/** Months of unexcused absence after which a member is listed for the 自行脱党 review. */
export const ABSENCE_MONTHS = 6;

const FILE_SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
};

export interface RosterMember {
  id: string;
  name: string;
  category: string;
  /** On the branch committee (支委) that day: a 书记 or 委员 by job title or by a 职务 held then. */
  committee: boolean;
}

/**
 * A title of the party committee (书记, 副书记, 组织委员 …) — not the village's own committee (村委会委员,
 * 居委会主任), which many rural 书记 also sit on.
 */
export function isPartyCommitteeTitle(title: string | null | undefined): boolean {
  if (!title) return false;
  const party = title.replace(/(村|居)(民)?委员?会?(委员|主任|副主任)?|村委|居委/g, '');
  return /书记|委员/.test(party);
}

/**
 * The branch's members on `date`: joined by then, not left by then, and in this branch that day (their
 * branch now, unless a later `moved` event says where they were — as the 党内统计 count them).
 */
export async function branchRosterOn(ctx: ServiceContext, orgId: string, date: string): Promise<RosterMember[]> {
  const rows = await ctx.archive.query<Omit<RosterMember, 'committee'> & { job_title: string | null; posts: string | null }>(
    `SELECT m.id, m.name, m.category, m.job_title,
       (SELECT group_concat(p.title, '、') FROM member_posts p WHERE p.member_id = m.id AND p.from_date <= ?1 AND (p.to_date IS NULL OR p.to_date > ?1)) AS posts
     FROM (
       SELECT mm.id, mm.name, mm.category, mm.job_title, mm.join_date, mm.exit_date, mm.pinyin_full, coalesce(mv.org_then, mm.org_id) AS org_then FROM members mm
       LEFT JOIN (SELECT member_id, json_extract(before, '$.orgId') AS org_then FROM (
           SELECT member_id, before, row_number() OVER (PARTITION BY member_id ORDER BY event_date, recorded_at) AS rn
           FROM member_events WHERE kind = 'moved' AND event_date > ?1) WHERE rn = 1) mv ON mv.member_id = mm.id
       WHERE mm.org_id = ?2 OR mv.org_then = ?2) m
     WHERE m.org_then = ?2 AND m.join_date <= ?1 AND (m.exit_date IS NULL OR m.exit_date > ?1)
     ORDER BY m.pinyin_full`,
    [date, orgId],
  );
  return rows.map(({ job_title, posts, ...m }) => ({ ...m, committee: isPartyCommitteeTitle(job_title) || (posts ?? '').split('、').some(isPartyCommitteeTitle) }));
}

export interface AttendanceInput {
  memberId: string;
  status: string;
  reason?: string | null;
}
export interface MeetingFileInput {
  fileName: string;
  mime: string;
  contentBase64: string;
}
export interface MeetingInput {
  orgId: string;
  kind: string;
  date: string;
  topic: string;
  presidedBy: string;
  place?: string | null;
  minutes?: string | null;
  attendance: AttendanceInput[];
  files?: MeetingFileInput[];
}

export interface MeetingView {
  id: string;
  orgId: string;
  orgName: string;
  kind: MeetingKind;
  kindLabel: string;
  date: string;
  topic: string;
  presidedBy: string;
  place: string | null;
  minutes: string | null;
  present: number;
  leave: number;
  absent: number;
  attendance: { memberId: string; name: string; status: Attendance; reason: string | null }[];
  files: { id: string; fileName: string; mime: string; size: number; sha256: string }[];
}

function checkFiles(files: MeetingFileInput[] | undefined, p: Problems): { input: MeetingFileInput; content: Buffer }[] {
  return (files ?? []).map((f, i) => {
    const content = Buffer.from(f.contentBase64 ?? '', 'base64');
    const name = cleanText(f.fileName) ?? `附件${i + 1}`;
    if (!FILE_SIGNATURES[f.mime]) p.add(`files.${i}`, `附件“${name}”只能是 PDF、JPG 或 PNG 文件`);
    else if (content.length === 0) p.add(`files.${i}`, `附件“${name}”是空的`);
    else if (content.length > MAX_FILE_BYTES) p.add(`files.${i}`, `附件“${name}”太大,单个文件最大 20 MB`);
    else if (!FILE_SIGNATURES[f.mime](content)) p.add(`files.${i}`, `附件“${name}”的内容不是 ${f.mime === 'application/pdf' ? 'PDF' : f.mime === 'image/png' ? 'PNG' : 'JPG'} 文件`);
    return { input: { ...f, fileName: name.replace(/[\\/]/g, '_') }, content };
  });
}

async function insertFiles(ctx: ServiceContext, meetingId: string, files: { input: MeetingFileInput; content: Buffer }[]): Promise<void> {
  const seq = await ctx.archive.changeSeq();
  for (const f of files) {
    // Written (temp name, fsync, rename) before the row that names it; an orphan file on a rollback is harmless.
    const sha = storeContent(filesDir(ctx), f.content);
    await ctx.archive.run('INSERT INTO org_meeting_files(id, meeting_id, file_name, mime, size, sha256, seq, created_at) VALUES (?,?,?,?,?,?,?,?)', [
      newId(), meetingId, f.input.fileName, f.input.mime, f.content.length, sha, seq, nowIso(),
    ]);
  }
}

/** The checks a meeting's own fields take before anything is read (kind, topic, who presided, date, attachments, attendance list). */
function checkedFields(ctx: ServiceContext, input: Omit<MeetingInput, 'orgId'>) {
  const p = new Problems();
  if (!MEETING_KINDS.includes(input.kind as MeetingKind)) p.add('kind', `请选择会议类型(${MEETING_KINDS.map((k) => MEETING_KIND_LABELS[k]).join('、')})`);
  const topic = p.text('topic', '会议主题', input.topic, 200);
  const presidedBy = p.text('presidedBy', '主持人', input.presidedBy, 60);
  p.date('date', '会议日期', input.date, ctx);
  const files = checkFiles(input.files, p);
  const seen = new Set<string>();
  (input.attendance ?? []).forEach((a, i) => {
    if (!ATTENDANCE.includes(a.status as Attendance)) p.add(`attendance.${i}.status`, `第${i + 1}名党员的出勤情况应为出席、请假或缺席`);
    if (seen.has(a.memberId)) p.add(`attendance.${i}.memberId`, `第${i + 1}名党员在出勤名单中重复`);
    seen.add(a.memberId);
  });
  return { p, kind: input.kind as MeetingKind, topic, presidedBy, files, seen };
}

/** The attendance rows as they will be stored: each marked member on the branch's list that day, the unmarked absent at whole-branch meetings. */
async function attendanceRows(ctx: ServiceContext, org: { id: string; name: string; foundedDate: string | null }, input: Omit<MeetingInput, 'orgId'>, kind: MeetingKind, seen: Set<string>): Promise<AttendanceInput[]> {
  const q = new Problems();
  if (org.foundedDate && input.date < org.foundedDate) q.add('date', `会议日期(${input.date})早于“${org.name}”的成立日期(${org.foundedDate})`);
  const roster = await branchRosterOn(ctx, org.id, input.date);
  const onRoster = new Map(roster.map((m) => [m.id, m]));
  for (const [i, a] of (input.attendance ?? []).entries()) {
    if (onRoster.has(a.memberId)) continue;
    const who = await ctx.archive.queryOne<{ name: string }>('SELECT name FROM members WHERE id = ?', [a.memberId]);
    q.add(`attendance.${i}.memberId`, who ? `${who.name}在 ${input.date} 不是“${org.name}”的党员,不能登记其出勤` : `第${i + 1}名党员不在档案中(${a.memberId})`);
  }
  const rows: AttendanceInput[] = [...(input.attendance ?? [])];
  if (WHOLE_BRANCH.has(kind)) for (const m of roster) if (!seen.has(m.id)) rows.push({ memberId: m.id, status: 'absent' });
  if (!rows.some((r) => r.status === 'present')) q.add('attendance', roster.length ? '请登记出席的党员(出勤名单中没有人出席)' : `“${org.name}”在 ${input.date} 没有党员,不能登记会议`);
  q.throwIf(`不能登记“${org.name}”的${MEETING_KIND_LABELS[kind]}`);
  return rows;
}

async function insertAttendance(ctx: ServiceContext, meetingId: string, rows: AttendanceInput[], seq: number): Promise<void> {
  for (const r of rows) {
    await ctx.archive.run('INSERT INTO org_meeting_attendance(id, meeting_id, member_id, status, reason, seq) VALUES (?,?,?,?,?,?)', [newId(), meetingId, r.memberId, r.status, r.status === 'leave' ? cleanText(r.reason) : null, seq]);
  }
}

const countsOf = (rows: { status: string }[]) => ({ present: rows.filter((r) => r.status === 'present').length, leave: rows.filter((r) => r.status === 'leave').length, absent: rows.filter((r) => r.status === 'absent').length });

/** Records a meeting with its attendance (and attachments) in one transaction. */
export async function recordMeeting(ctx: ServiceContext, input: MeetingInput): Promise<MeetingView> {
  const { p, kind, topic, presidedBy, files, seen } = checkedFields(ctx, input);
  p.throwIf('不能登记会议');
  const id = newId();
  await ctx.archive.transaction(async () => {
    const org = await requireBranch(ctx, input.orgId, 'orgId', ',组织生活按党支部登记');
    const rows = await attendanceRows(ctx, org, input, kind, seen);
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    await ctx.archive.run('INSERT INTO org_meetings(id, org_id, kind, meeting_date, topic, presided_by, place, minutes, seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)', [
      id, org.id, kind, input.date, topic, presidedBy, cleanText(input.place), cleanText(input.minutes), seq, now, now,
    ]);
    await insertAttendance(ctx, id, rows, seq);
    await insertFiles(ctx, id, files);
    await appendAudit(ctx.archive, [{
      actor: ctx.actor, action: 'orglife.meeting', entity: 'org_meetings', entityId: id, before: null,
      after: { orgId: org.id, kind, date: input.date, topic, presidedBy, ...countsOf(rows), files: files.map((f) => f.input.fileName) },
    }]);
  });
  return getMeeting(ctx, id);
}

/** What a meeting was, for the audit line of its correction or deletion. */
function meetingFacts(m: MeetingView) {
  return { kind: m.kind, date: m.date, topic: m.topic, presidedBy: m.presidedBy, place: m.place, present: m.present, leave: m.leave, absent: m.absent };
}

/**
 * 更正 a meeting recorded wrongly (its date, type, topic, who presided, minutes, attendance): checked as a new
 * one is, the branch it belongs to unchanged, attachments kept; the reason goes to the audit log.
 */
export async function correctMeeting(ctx: ServiceContext, id: string, input: Omit<MeetingInput, 'orgId' | 'files'> & { reason: string }): Promise<MeetingView> {
  const { p, kind, topic, presidedBy, seen } = checkedFields(ctx, { ...input, files: [] });
  const reason = cleanText(input.reason);
  if (!reason) p.add('reason', '请填写更正的原因');
  p.throwIf('不能更正会议记录');
  await ctx.archive.transaction(async () => {
    const old = await getMeeting(ctx, id);
    const org = await requireBranch(ctx, old.orgId, 'orgId', ',组织生活按党支部登记');
    const rows = await attendanceRows(ctx, org, input, kind, seen);
    const seq = await ctx.archive.changeSeq();
    await ctx.archive.run('UPDATE org_meetings SET kind = ?, meeting_date = ?, topic = ?, presided_by = ?, place = ?, minutes = ?, seq = ?, updated_at = ? WHERE id = ?', [
      kind, input.date, topic, presidedBy, cleanText(input.place), cleanText(input.minutes), seq, nowIso(), id,
    ]);
    await ctx.archive.run('DELETE FROM org_meeting_attendance WHERE meeting_id = ?', [id]);
    await insertAttendance(ctx, id, rows, seq);
    await appendAudit(ctx.archive, [{
      actor: ctx.actor, action: 'orglife.correct', entity: 'org_meetings', entityId: id, before: meetingFacts(old),
      after: { kind, date: input.date, topic, presidedBy, place: cleanText(input.place), ...countsOf(rows), reason },
    }]);
  });
  return getMeeting(ctx, id);
}

/** 删除 a meeting that was never held (or recorded twice): the audit log keeps what it was, who attended, and why it went. */
export async function deleteMeeting(ctx: ServiceContext, id: string, input: { reason: string }): Promise<{ deleted: true }> {
  const reason = cleanText(input.reason);
  if (!reason) throw new ValidationError([{ field: 'reason', message: '请填写删除的原因(例如:重复登记)' }], '不能删除会议记录');
  await ctx.archive.transaction(async () => {
    const old = await getMeeting(ctx, id);
    await ctx.archive.run('DELETE FROM org_meeting_attendance WHERE meeting_id = ?', [id]);
    await ctx.archive.run('DELETE FROM org_meeting_files WHERE meeting_id = ?', [id]);
    await ctx.archive.run('DELETE FROM org_meetings WHERE id = ?', [id]);
    await appendAudit(ctx.archive, [{
      actor: ctx.actor, action: 'orglife.delete', entity: 'org_meetings', entityId: id,
      before: { orgId: old.orgId, ...meetingFacts(old), attendees: old.attendance.filter((a) => a.status === 'present').map((a) => a.memberId), files: old.files.map((f) => f.fileName) }, after: { reason },
    }]);
  });
  return { deleted: true };
}

export async function addMeetingFile(ctx: ServiceContext, input: { meetingId: string } & MeetingFileInput): Promise<MeetingView> {
  const p = new Problems();
  const files = checkFiles([input], p);
  p.throwIf('不能添加附件');
  await ctx.archive.transaction(async () => {
    await getMeeting(ctx, input.meetingId);
    await insertFiles(ctx, input.meetingId, files);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'orglife.file', entity: 'org_meeting_files', entityId: input.meetingId, before: null, after: { fileName: files[0].input.fileName } }]);
  });
  return getMeeting(ctx, input.meetingId);
}

/** An attachment's content, checked against its hash (a damaged file is reported, not shown). */
export async function getMeetingFile(ctx: ServiceContext, id: string): Promise<{ fileName: string; mime: string; contentBase64: string }> {
  const f = await ctx.archive.queryOne<{ file_name: string; mime: string; sha256: string }>('SELECT file_name, mime, sha256 FROM org_meeting_files WHERE id = ?', [id]);
  if (!f) throw notFound('会议附件', id);
  const file = path.join(filesDir(ctx), f.sha256);
  if (!fs.existsSync(file)) throw notFound(`会议附件“${f.file_name}”的文件`, f.sha256);
  const content = fs.readFileSync(file);
  if (crypto.createHash('sha256').update(content).digest('hex') !== f.sha256) throw new Error(`会议附件“${f.file_name}”已损坏(内容与登记时不一致)`);
  return { fileName: f.file_name, mime: f.mime, contentBase64: content.toString('base64') };
}

const MEETING_SELECT = `SELECT g.id, g.org_id AS orgId, o.name AS orgName, g.kind, g.meeting_date AS date, g.topic, g.presided_by AS presidedBy, g.place, g.minutes,
  (SELECT count(*) FROM org_meeting_attendance a WHERE a.meeting_id = g.id AND a.status = 'present') AS present,
  (SELECT count(*) FROM org_meeting_attendance a WHERE a.meeting_id = g.id AND a.status = 'leave') AS leave,
  (SELECT count(*) FROM org_meeting_attendance a WHERE a.meeting_id = g.id AND a.status = 'absent') AS absent
  FROM org_meetings g JOIN organizations o ON o.id = g.org_id`;
type MeetingRow = Omit<MeetingView, 'kindLabel' | 'attendance' | 'files'>;

export async function getMeeting(ctx: ServiceContext, id: string): Promise<MeetingView> {
  const g = await ctx.archive.queryOne<MeetingRow>(`${MEETING_SELECT} WHERE g.id = ?`, [id]);
  if (!g) throw notFound('会议记录', id);
  const attendance = await ctx.archive.query<MeetingView['attendance'][number]>(
    `SELECT a.member_id AS memberId, m.name, a.status, a.reason FROM org_meeting_attendance a JOIN members m ON m.id = a.member_id
     WHERE a.meeting_id = ? ORDER BY CASE a.status WHEN 'present' THEN 0 WHEN 'leave' THEN 1 ELSE 2 END, m.pinyin_full`,
    [id],
  );
  const files = await ctx.archive.query<MeetingView['files'][number]>('SELECT id, file_name AS fileName, mime, size, sha256 FROM org_meeting_files WHERE meeting_id = ? ORDER BY created_at', [id]);
  return { ...g, kindLabel: MEETING_KIND_LABELS[g.kind] ?? g.kind, attendance, files };
}

export type MeetingListRow = Omit<MeetingView, 'attendance' | 'files' | 'minutes'> & { files: number };

export async function listMeetings(ctx: ServiceContext, q: { year: number; orgId?: string | null; kind?: string | null }): Promise<MeetingListRow[]> {
  const where = ['g.meeting_date BETWEEN ? AND ?'];
  const params: unknown[] = [...yearRange(q.year)];
  if (q.orgId) {
    where.push('g.org_id = ?');
    params.push(q.orgId);
  }
  if (q.kind) {
    where.push('g.kind = ?');
    params.push(q.kind);
  }
  const rows = await ctx.archive.query<MeetingRow & { files: number }>(
    `${MEETING_SELECT.replace('FROM org_meetings g', ', (SELECT count(*) FROM org_meeting_files f WHERE f.meeting_id = g.id) AS files FROM org_meetings g')} WHERE ${where.join(' AND ')} ORDER BY g.meeting_date DESC, o.name`,
    params,
  );
  return rows.map(({ minutes: _minutes, ...r }) => ({ ...r, kindLabel: MEETING_KIND_LABELS[r.kind] ?? r.kind }));
}

export interface KindFigures {
  kind: MeetingKind;
  label: string;
  held: number;
  expected: number | null;
  /** The expected number by today (the current year counted so far). */
  expectedToDate: number | null;
}
export interface MemberAttendance {
  memberId: string;
  name: string;
  meetings: number;
  present: number;
  leave: number;
  absent: number;
  /** present / meetings, in percent with one decimal; null without meetings. */
  rate: number | null;
}
export interface BranchYear {
  orgId: string;
  orgName: string;
  year: number;
  kinds: KindFigures[];
  members: MemberAttendance[];
}

const rateOf = (present: number, meetings: number) => (meetings ? Math.round((present * 1000) / meetings) / 10 : null);

/** A branch's year: meetings held per kind against the expected number, and each member's attendance. */
export async function branchYear(ctx: ServiceContext, orgId: string, year: number): Promise<BranchYear> {
  const org = await ctx.archive.queryOne<{ name: string }>('SELECT name FROM organizations WHERE id = ?', [orgId]);
  if (!org) throw notFound('党组织', orgId);
  const [from, to] = yearRange(year);
  const held = await ctx.archive.query<{ kind: string; n: number }>('SELECT kind, count(*) AS n FROM org_meetings WHERE org_id = ? AND meeting_date BETWEEN ? AND ? GROUP BY kind', [orgId, from, to]);
  const members = await ctx.archive.query<Omit<MemberAttendance, 'rate'>>(
    `SELECT a.member_id AS memberId, m.name, count(*) AS meetings, sum(a.status = 'present') AS present, sum(a.status = 'leave') AS leave, sum(a.status = 'absent') AS absent
     FROM org_meeting_attendance a JOIN org_meetings g ON g.id = a.meeting_id JOIN members m ON m.id = a.member_id
     WHERE g.org_id = ? AND g.meeting_date BETWEEN ? AND ? GROUP BY a.member_id, m.name ORDER BY m.pinyin_full`,
    [orgId, from, to],
  );
  return {
    orgId, orgName: org.name, year,
    kinds: MEETING_KINDS.map((k) => ({ kind: k, label: MEETING_KIND_LABELS[k], held: held.find((h) => h.kind === k)?.n ?? 0, expected: EXPECTED_PER_YEAR[k], expectedToDate: expectedBy(k, year, todayOf(ctx)) })),
    members: members.map((m) => ({ ...m, rate: rateOf(m.present, m.meetings) })),
  };
}

export interface OrgLifeSummary {
  /** Branches in use with members on the roll: those expected to hold 三会一课. */
  branches: number;
  /** expectedTotal: all branches for the whole year; branchesMeetingNorm: branches that held at least the number expected by today. */
  kinds: (KindFigures & { expectedTotal: number | null; branchesHeld: number; branchesMeetingNorm: number | null })[];
  attendance: { marked: number; present: number; leave: number; absent: number; rate: number | null };
  byBranch: { orgId: string; orgName: string; held: Record<MeetingKind, number>; rate: number | null }[];
}

export async function orgLifeSummary(ctx: ServiceContext, year: number): Promise<OrgLifeSummary> {
  const [from, to] = yearRange(year);
  const types = [...MEMBER_HOLDING_TYPES].map((t) => `'${t}'`).join(',');
  const branches = await ctx.archive.query<{ id: string; name: string }>(
    `SELECT o.id, o.name FROM organizations o WHERE o.type IN (${types}) AND o.status = 'active' AND EXISTS (SELECT 1 FROM members m WHERE m.org_id = o.id AND m.exit_reason IS NULL) ORDER BY o.sort_order, o.name`,
  );
  const held = await ctx.archive.query<{ orgId: string; kind: MeetingKind; n: number }>('SELECT org_id AS orgId, kind, count(*) AS n FROM org_meetings WHERE meeting_date BETWEEN ? AND ? GROUP BY org_id, kind', [from, to]);
  const att = await ctx.archive.query<{ orgId: string; marked: number; present: number; leave: number; absent: number }>(
    `SELECT g.org_id AS orgId, count(*) AS marked, sum(a.status = 'present') AS present, sum(a.status = 'leave') AS leave, sum(a.status = 'absent') AS absent
     FROM org_meeting_attendance a JOIN org_meetings g ON g.id = a.meeting_id WHERE g.meeting_date BETWEEN ? AND ? GROUP BY g.org_id`,
    [from, to],
  );
  const branchIds = new Set(branches.map((b) => b.id));
  const heldOf = (orgId: string, k: MeetingKind) => held.find((h) => h.orgId === orgId && h.kind === k)?.n ?? 0;
  const kinds = MEETING_KINDS.map((k) => {
    const expected = EXPECTED_PER_YEAR[k];
    const toDate = expectedBy(k, year, todayOf(ctx));
    return {
      kind: k, label: MEETING_KIND_LABELS[k], held: held.filter((h) => h.kind === k).reduce((s, h) => s + h.n, 0), expected, expectedToDate: toDate,
      expectedTotal: expected === null ? null : expected * branches.length,
      branchesHeld: branches.filter((b) => heldOf(b.id, k) > 0).length,
      branchesMeetingNorm: toDate === null ? null : branches.filter((b) => heldOf(b.id, k) >= toDate).length,
    };
  });
  const sum = (f: 'marked' | 'present' | 'leave' | 'absent') => att.reduce((s, a) => s + a[f], 0);
  // Branches with meetings but no members now (merged or emptied since) are still listed.
  const listed = [...branches, ...[...new Set(held.map((h) => h.orgId))].filter((id) => !branchIds.has(id)).map((id) => ({ id, name: '' }))];
  const names = await ctx.archive.query<{ id: string; name: string }>(`SELECT id, name FROM organizations WHERE id IN (${listed.map(() => '?').join(',') || "''"})`, listed.map((b) => b.id));
  return {
    branches: branches.length,
    kinds,
    attendance: { marked: sum('marked'), present: sum('present'), leave: sum('leave'), absent: sum('absent'), rate: rateOf(sum('present'), sum('marked')) },
    byBranch: listed.map((b) => {
      const a = att.find((x) => x.orgId === b.id);
      return { orgId: b.id, orgName: names.find((n) => n.id === b.id)?.name ?? b.name, held: Object.fromEntries(MEETING_KINDS.map((k) => [k, heldOf(b.id, k)])) as Record<MeetingKind, number>, rate: a ? rateOf(a.present, a.marked) : null };
    }),
  };
}

export function orgLifeSummaryLines(s: OrgLifeSummary): string[] {
  return [
    `应开展三会一课的党支部 ${s.branches} 个`,
    '类型\t已开\t全年应开(合计)\t每支部应开(截至今日)\t开展的支部\t达到次数的支部',
    ...s.kinds.map((k) => [k.label, k.held, k.expectedTotal ?? '—', k.expectedToDate ?? '—', k.branchesHeld, k.branchesMeetingNorm ?? '—'].join('\t')),
    `出勤登记 ${s.attendance.marked} 人次:出席 ${s.attendance.present},请假 ${s.attendance.leave},缺席 ${s.attendance.absent},出席率 ${s.attendance.rate ?? '—'}%`,
  ];
}

export interface Absentee {
  memberId: string;
  name: string;
  orgId: string;
  orgName: string;
  firstAbsent: string;
  absences: number;
  lastAttended: string | null;
}

/**
 * Members on the roll whose every meeting since `firstAbsent` was missed without leave, for at least
 * ABSENCE_MONTHS months by `today` — the six-month rule's candidates for the 自行脱党 review.
 */
export async function longAbsentees(ctx: ServiceContext): Promise<Absentee[]> {
  const cutoff = addMonths(todayOf(ctx), -ABSENCE_MONTHS);
  return ctx.archive.query<Absentee>(
    `SELECT a.member_id AS memberId, m.name, m.org_id AS orgId, o.name AS orgName, min(g.meeting_date) AS firstAbsent, count(*) AS absences, ok.last_ok AS lastAttended
     FROM org_meeting_attendance a JOIN org_meetings g ON g.id = a.meeting_id JOIN members m ON m.id = a.member_id JOIN organizations o ON o.id = m.org_id
     LEFT JOIN (SELECT a2.member_id, max(g2.meeting_date) AS last_ok FROM org_meeting_attendance a2 JOIN org_meetings g2 ON g2.id = a2.meeting_id
                WHERE a2.status IN ('present', 'leave') GROUP BY a2.member_id) ok ON ok.member_id = a.member_id
     WHERE a.status = 'absent' AND m.exit_reason IS NULL AND (ok.last_ok IS NULL OR g.meeting_date > ok.last_ok)
     GROUP BY a.member_id, m.name, m.org_id, o.name, ok.last_ok HAVING min(g.meeting_date) <= ? ORDER BY o.name, m.pinyin_full`,
    [cutoff],
  );
}
