// A member's history (member events): every change with the day it happened, who recorded it, and
// the changed fields before → after. The member page shows it as a timeline.
import { newId } from '../core/ids';
import type { Archive } from '../../../db/connection';
import { nowIso } from '../core/context';

export type MemberEventKind =
  | 'created' | 'edited' | 'moved' | 'exited' | 'exit_undone' | 'restored' | 'imported'
  // A member's life: sub-records, 预备期, 组织关系转接, 流动/失联, 档案材料.
  | 'subrecord' | 'probation' | 'transfer' | 'mobile' | 'lost' | 'file'
  // 发展党员 and the yearly work: the development history copied at admission, 民主评议, 处置, 党费.
  | 'development' | 'appraisal' | 'disposal' | 'analysis' | 'registration' | 'dues';

/**
 * The kinds whose date is the day something happened to the member (a letter, a decision, 流动, 失联),
 * as the clerk gave it. Every other kind is dated the day the clerk typed it (an edit, a sub-record, a
 * filed document, a correction), and a rule that compares event dates must not read those: a death of
 * last week is entered after an edit made today.
 */
export const EVENT_DATED_KINDS = ['probation', 'transfer', 'mobile', 'lost', 'restored', 'development', 'disposal'] as const satisfies readonly MemberEventKind[];

/** The latest day something happened to the member, by the events' own dates; null when none. */
export async function lastEventDate(archive: Archive, memberId: string): Promise<string | null> {
  const row = await archive.queryOne<{ d: string | null }>(
    `SELECT max(event_date) AS d FROM member_events WHERE member_id = ? AND kind IN (${EVENT_DATED_KINDS.map(() => '?').join(', ')})`,
    [memberId, ...EVENT_DATED_KINDS],
  );
  return row?.d ?? null;
}

export interface MemberEventInput {
  memberId: string;
  kind: MemberEventKind;
  eventDate: string;
  actor: string;
  summary: string; // Chinese, one line
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface MemberEventView {
  id: string;
  memberId: string;
  kind: string;
  eventDate: string;
  actor: string;
  summary: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  recordedAt: string;
}

/**
 * Rows as one JSON text for `json_each(?)`. JSON.stringify writes a lone UTF-16 surrogate as a `\udXXX`
 * escape, which SQLite would store as bytes that are not UTF-8; a bound string becomes U+FFFD instead,
 * and so it does here.
 */
export function rowsAsJson(rows: unknown[][]): string {
  const json = JSON.stringify(rows);
  return json.includes('\\ud') ? json.replace(/(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g, '$1\\ufffd') : json;
}

export async function recordMemberEvents(archive: Archive, events: MemberEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const seq = await archive.changeSeq();
  const recordedAt = nowIso();
  const perStatement = 5000;
  for (let i = 0; i < events.length; i += perStatement) {
    const chunk = events.slice(i, i + perStatement);
    // One JSON text unpacked by SQLite rather than 10 bound values per event (see memberBulk.ts).
    await archive.run(
      `INSERT INTO member_events(id, member_id, kind, event_date, actor, summary, before, after, seq, recorded_at)
       SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8, value->>9 FROM json_each(?)`,
      [rowsAsJson(chunk.map((e) => [
        newId(),
        e.memberId,
        e.kind,
        e.eventDate,
        e.actor,
        e.summary,
        e.before ? JSON.stringify(e.before) : null,
        e.after ? JSON.stringify(e.after) : null,
        seq,
        recordedAt,
      ]))],
    );
  }
}

export async function memberHistory(archive: Archive, memberId: string): Promise<MemberEventView[]> {
  const rows = await archive.query<{
    id: string; member_id: string; kind: string; event_date: string; actor: string; summary: string; before: string | null; after: string | null; recorded_at: string;
  }>('SELECT id, member_id, kind, event_date, actor, summary, before, after, recorded_at FROM member_events WHERE member_id = ? ORDER BY event_date DESC, recorded_at DESC', [memberId]);
  return rows.map((r) => ({
    id: r.id,
    memberId: r.member_id,
    kind: r.kind,
    eventDate: r.event_date,
    actor: r.actor,
    summary: r.summary,
    before: r.before ? JSON.parse(r.before) : null,
    after: r.after ? JSON.parse(r.after) : null,
    recordedAt: r.recorded_at,
  }));
}

/**
 * The history with the names of the members and organizations its before/after name by id, so that the
 * window can say a change in its own language (the summary is the archive's Chinese sentence).
 */
export async function memberHistoryNamed(archive: Archive, memberId: string): Promise<(MemberEventView & { names: Record<string, string> })[]> {
  const events = await memberHistory(archive, memberId);
  const idsOf = (e: MemberEventView) => [...JSON.stringify([e.before, e.after]).matchAll(/"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/g)].map((m) => m[1]);
  const ids = [...new Set(events.flatMap(idsOf))];
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const marks = chunk.map(() => '?').join(',');
    for (const r of await archive.query<{ id: string; name: string }>(`SELECT id, name FROM members WHERE id IN (${marks}) UNION ALL SELECT id, name FROM organizations WHERE id IN (${marks})`, [...chunk, ...chunk])) names.set(r.id, r.name);
  }
  return events.map((e) => ({ ...e, names: Object.fromEntries(idsOf(e).filter((id) => names.has(id)).map((id) => [id, names.get(id)!])) }));
}
