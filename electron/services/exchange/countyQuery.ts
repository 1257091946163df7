// What the county sees: every township with its last package, and all members of all townships in one
// grid (township as a column and a filter). Every township record is shown, once: the same ID number is
// never merged away. A person transferred between townships has a record in each (exited by 组织关系转出
// in the one, on the roll in the other), linked by the letter (countyLetters); the same person on the
// roll of two townships is shown in both and flagged 重复登记 (countyChecks). So every figure is a sum
// of township records, and the township table, the grid and each township's rows agree.
import type { ServiceContext } from '../core/context';
import { getSetup } from '../core/settings';
import { DomainError } from '../core/errors';

export interface CountyTownshipStatus {
  code: string;
  name: string;
  fingerprint: string;
  registeredAt: string;
  lastSequence: number;
  lastKind: string | null;
  lastBaggingDate: string | null;
  lastAppliedAt: string | null;
  rowCounts: Record<string, number>;
  memberCount: number;
}

export async function requireCountyArchive(ctx: ServiceContext): Promise<{ code: string; name: string }> {
  const s = await getSetup(ctx);
  if (s.role !== 'county') throw new DomainError('conflict', '这是乡镇的安装;全县党员和乡镇数据只在县委组织部的安装中');
  return s.township ?? { code: '', name: '' };
}
const requireCounty = requireCountyArchive;

/** On the roll, not 转出待回执, and on the roll of another township that is not 转出待回执 either. */
export const DUPLICATE_SQL = `(c.exit_reason IS NULL AND c.transfer_pending = 0 AND EXISTS (SELECT 1 FROM county_members d WHERE d.id_number = c.id_number
  AND d.township_code <> c.township_code AND d.exit_reason IS NULL AND d.transfer_pending = 0))`;

export async function countyStatus(ctx: ServiceContext): Promise<{ townships: CountyTownshipStatus[]; totals: { townships: number; members: number; imports: number } }> {
  await requireCounty(ctx);
  const rows = await ctx.archive.query<Record<string, unknown>>(
    `SELECT t.*, (SELECT count(*) FROM county_members c WHERE c.superseded = 0 AND c.township_code = t.code AND c.exit_reason IS NULL) AS roll FROM county_townships t ORDER BY t.code`,
  );
  const townships = rows.map((r) => ({
    code: String(r.code), name: String(r.name), fingerprint: String(r.fingerprint), registeredAt: String(r.registered_at), lastSequence: Number(r.last_sequence),
    lastKind: (r.last_kind as string | null) ?? null, lastBaggingDate: (r.last_bagging_date as string | null) ?? null, lastAppliedAt: (r.last_applied_at as string | null) ?? null,
    rowCounts: r.row_counts ? (JSON.parse(String(r.row_counts)) as Record<string, number>) : {}, memberCount: Number(r.roll),
  }));
  const imports = await ctx.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM county_imports');
  return { townships, totals: { townships: townships.length, members: townships.reduce((sum, t) => sum + t.memberCount, 0), imports: imports?.n ?? 0 } };
}

export async function countyImportLog(ctx: ServiceContext, townshipCode?: string | null): Promise<
  { townshipCode: string; sequence: number; kind: string; baseSequence: number; fileName: string; baggingDate: string; appliedAt: string; actor: string; rowCounts: Record<string, number>; removed: number }[]
> {
  await requireCounty(ctx);
  const rows = await ctx.archive.query<Record<string, unknown>>(
    `SELECT * FROM county_imports ${townshipCode ? 'WHERE township_code = ?' : ''} ORDER BY applied_at DESC, township_code, sequence DESC LIMIT 1000`,
    townshipCode ? [townshipCode] : [],
  );
  return rows.map((r) => ({
    townshipCode: String(r.township_code), sequence: Number(r.sequence), kind: String(r.kind), baseSequence: Number(r.base_sequence), fileName: String(r.file_name),
    baggingDate: String(r.bagging_date), appliedAt: String(r.applied_at), actor: String(r.actor), rowCounts: JSON.parse(String(r.row_counts)) as Record<string, number>, removed: Number(r.removed),
  }));
}

/** The grid's lists: on the roll, exited, all, and the status views of the roll. */
export const COUNTY_MEMBER_STATUSES = ['roll', 'exited', 'all', 'probationary', 'mobile', 'lost', 'transferPending', 'duplicate'] as const;
export type CountyMemberStatus = (typeof COUNTY_MEMBER_STATUSES)[number];

export const STATUS_WHERE: Record<CountyMemberStatus, string | null> = {
  roll: 'c.exit_reason IS NULL',
  exited: 'c.exit_reason IS NOT NULL',
  all: null,
  probationary: "c.exit_reason IS NULL AND c.category = 'probationary'",
  mobile: 'c.exit_reason IS NULL AND c.is_mobile = 1',
  lost: 'c.exit_reason IS NULL AND c.is_lost = 1',
  transferPending: 'c.exit_reason IS NULL AND c.transfer_pending = 1',
  duplicate: DUPLICATE_SQL,
};

export interface CountyMemberQuery {
  offset?: number;
  limit?: number;
  townshipCode?: string | null;
  search?: string | null; // name characters, full pinyin, pinyin initials or ID number
  status?: CountyMemberStatus;
  sort?: 'name' | 'township' | 'org' | 'joinDate' | 'birthDate';
  dir?: 'asc' | 'desc';
}

export interface CountyMemberRow {
  townshipCode: string;
  townshipName: string;
  id: string;
  idNumber: string;
  name: string;
  gender: string;
  birthDate: string;
  ethnicity: string;
  education: string;
  category: string;
  orgId: string;
  orgName: string | null;
  joinDate: string;
  fullDate: string | null;
  occupation: string;
  phone: string | null;
  exitReason: string | null;
  exitDate: string | null;
  isMobile: boolean;
  isLost: boolean;
  transferPending: boolean;
  /** On the roll here and in another township, without a transfer under way: 重复登记. */
  duplicate: boolean;
}

const SORTS: Record<NonNullable<CountyMemberQuery['sort']>, string> = {
  name: 'c.pinyin_full',
  township: 'c.township_code, c.pinyin_full',
  org: 'c.org_name, c.pinyin_full',
  joinDate: 'c.join_date',
  birthDate: 'c.birth_date',
};

export async function listCountyMembers(ctx: ServiceContext, query: CountyMemberQuery = {}): Promise<{ rows: CountyMemberRow[]; total: number }> {
  await requireCounty(ctx);
  const where = ['c.superseded = 0'];
  const params: unknown[] = [];
  const status = STATUS_WHERE[query.status ?? 'roll'];
  if (status) where.push(status);
  if (query.townshipCode) {
    where.push('c.township_code = ?');
    params.push(query.townshipCode);
  }
  const s = query.search?.trim();
  if (s) {
    if (/^[0-9]{6,17}[0-9Xx]?$/.test(s)) {
      where.push('c.id_number LIKE ?');
      params.push(s.toUpperCase() + '%');
    } else if (/^[a-z]+$/i.test(s)) {
      where.push('(c.pinyin_initials LIKE ? OR c.pinyin_full LIKE ?)');
      params.push(s.toLowerCase() + '%', s.toLowerCase() + '%');
    } else {
      where.push('c.name LIKE ?');
      params.push('%' + s.replace(/[%_]/g, '') + '%');
    }
  }
  const w = where.join(' AND ');
  const order = `${SORTS[query.sort ?? 'name']} ${query.dir === 'desc' ? 'DESC' : 'ASC'}, c.township_code, c.id`;
  const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000);
  const offset = Math.max(query.offset ?? 0, 0);
  const total = (await ctx.archive.queryOne<{ n: number }>(`SELECT count(*) AS n FROM county_members c WHERE ${w}`, params))?.n ?? 0;
  const rows = await ctx.archive.query<Record<string, unknown>>(
    `SELECT c.*, t.name AS township_name, ${DUPLICATE_SQL} AS duplicate FROM county_members c JOIN county_townships t ON t.code = c.township_code WHERE ${w} ORDER BY ${order} LIMIT ? OFFSET ?`,
    [...params, limit, offset],
  );
  return { total, rows: rows.map(countyMemberRow) };
}

export function countyMemberRow(r: Record<string, unknown>): CountyMemberRow {
  return {
      townshipCode: String(r.township_code), townshipName: String(r.township_name), id: String(r.id), idNumber: String(r.id_number), name: String(r.name), gender: String(r.gender),
      birthDate: String(r.birth_date), ethnicity: String(r.ethnicity), education: String(r.education), category: String(r.category), orgId: String(r.org_id),
      orgName: (r.org_name as string | null) ?? null, joinDate: String(r.join_date), fullDate: (r.full_date as string | null) ?? null, occupation: String(r.occupation),
      phone: (r.phone as string | null) ?? null, exitReason: (r.exit_reason as string | null) ?? null, exitDate: (r.exit_date as string | null) ?? null,
      isMobile: Number(r.is_mobile) === 1, isLost: Number(r.is_lost) === 1, transferPending: Number(r.transfer_pending) === 1, duplicate: Number(r.duplicate) === 1,
  };
}

/** One person at the county: every record they have in any township (`current`: on that roll), and their history across all of them. */
export async function countyMemberHistory(ctx: ServiceContext, idNumber: string): Promise<{
  records: { townshipCode: string; id: string; current: boolean; exitReason: string | null; member: Record<string, unknown> }[];
  events: { townshipCode: string; memberId: string; kind: string; eventDate: string; summary: string; actor: string }[];
}> {
  await requireCounty(ctx);
  const recs = await ctx.archive.query<{ township_code: string; id: string; exit_reason: string | null; data: string }>(
    `SELECT c.township_code, c.id, c.exit_reason, r.data FROM county_members c
     JOIN county_rows r ON r.township_code = c.township_code AND r.table_name = 'members' AND r.row_key = c.id
     WHERE c.id_number = ? ORDER BY c.exit_reason IS NOT NULL, c.township_code`,
    [idNumber],
  );
  const events: { townshipCode: string; memberId: string; kind: string; eventDate: string; summary: string; actor: string; recordedAt: string }[] = [];
  for (const r of recs) {
    const rows = await ctx.archive.query<{ data: string }>(
      "SELECT data FROM county_rows WHERE township_code = ? AND table_name = 'member_events' AND json_extract(data, '$.member_id') = ?",
      [r.township_code, r.id],
    );
    for (const e of rows) {
      const d = JSON.parse(e.data) as Record<string, string>;
      events.push({ townshipCode: r.township_code, memberId: r.id, kind: d.kind, eventDate: d.event_date, summary: d.summary, actor: d.actor, recordedAt: d.recorded_at });
    }
  }
  events.sort((a, b) => a.eventDate.localeCompare(b.eventDate) || a.recordedAt.localeCompare(b.recordedAt));
  return {
    records: recs.map((r) => ({ townshipCode: r.township_code, id: r.id, current: r.exit_reason === null, exitReason: r.exit_reason, member: JSON.parse(r.data) as Record<string, unknown> })),
    events: events.map(({ recordedAt: _r, ...e }) => e),
  };
}
