// A member's history (member events): every change with the day it happened, who recorded it, and
// the changed fields before → after. The member page shows it as a timeline.
import { newId } from './ids';
import type { Archive } from '../../db/connection';
import { nowIso } from './context';

export type MemberEventKind =
  | 'created' | 'edited' | 'moved' | 'exited' | 'restored' | 'imported'
  // A member's life (issue 3): sub-records, 预备期, 组织关系转接, 流动/失联, 档案材料.
  | 'subrecord' | 'probation' | 'transfer' | 'mobile' | 'lost' | 'file'
  // 发展党员 and the yearly work (issue 4): the development history copied at admission, 民主评议, 处置, 党费.
  | 'development' | 'appraisal' | 'disposal' | 'analysis' | 'registration' | 'dues';

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

export async function recordMemberEvents(archive: Archive, events: MemberEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const seq = await archive.changeSeq();
  const recordedAt = nowIso();
  const perStatement = 3000;
  for (let i = 0; i < events.length; i += perStatement) {
    const chunk = events.slice(i, i + perStatement);
    await archive.run(
      `INSERT INTO member_events(id, member_id, kind, event_date, actor, summary, before, after, seq, recorded_at) VALUES ${chunk.map(() => '(?,?,?,?,?,?,?,?,?,?)').join(',')}`,
      chunk.flatMap((e) => [
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
      ]),
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
