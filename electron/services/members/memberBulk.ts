// Many members at once (demo township, roster import): the same rules as one at a time, checked for
// the whole batch before anything is written, then multi-row inserts inside ONE transaction, so an
// interrupted load leaves the archive exactly as it was.
import { newId } from '../core/ids';
import { nowIso, todayOf, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { ValidationError } from '../core/errors';
import { labelOf } from '../core/codes';
import { nameSearchKeys, type NameSearchKeys } from './searchKeys';
import { rowsAsJson } from './memberEvents';
import { checkMemberRecord, type MemberInput } from './memberRules';
import { normalizeMemberInput } from './members';
import { MEMBER_HOLDING_TYPES } from '../organizations/organizations';
import type { FieldProblem } from '../core/errors';

/** A member as loaded in bulk: what a clerk enters plus an exit already in the past. */
export interface BulkMemberInput extends MemberInput {
  id?: string;
  exitReason?: string | null;
  exitDate?: string | null;
  exitNote?: string | null;
}

export const MEMBER_COLUMNS = [
  'id', 'name', 'gender', 'id_number', 'ethnicity', 'birth_date', 'education', 'category', 'org_id', 'join_date', 'full_date',
  'occupation', 'job_title', 'phone', 'address', 'is_mobile', 'is_lost', 'lost_reason', 'lost_date', 'exit_reason', 'exit_date',
  'exit_note', 'native_place', 'degree', 'work_start_date', 'work_unit', 'household_place', 'photo', 'remarks', 'pinyin_full',
  'pinyin_initials', 'seq', 'created_at', 'updated_at',
  'education_level', 'job_post', 'new_social_stratum', 'professional_title', 'is_migrant_worker', 'current_residence',
  'party_age_adjust_months', 'join_type', 'full_status', 'join_branch', 'probation_extension_months', 'mobile_province',
  'mobile_city', 'mobile_county', 'lost_month',
] as const;

/** SQLite allows 32766 bound parameters per statement; stay well below it. */
export const ROWS_PER_STATEMENT = Math.floor(30000 / MEMBER_COLUMNS.length);

export function memberInsertSql(rows: number): string {
  const one = `(${MEMBER_COLUMNS.map(() => '?').join(',')})`;
  return `INSERT INTO members(${MEMBER_COLUMNS.join(',')}) VALUES ${Array(rows).fill(one).join(',')}`;
}

/**
 * The same insert with the rows as ONE JSON text, unpacked by SQLite. Binding 34 values per row is done
 * on Node's main thread (measured: 4 s of main-thread time for 150,000 rows); one JSON text is
 * serialized natively and unpacked in SQLite's worker thread, where it overlaps the reading of the next
 * rows. JSON carries exactly what binding did: text, integers, null.
 * Unpacked with jsonb_each, not json_each: json_each hands each row over as JSON text, which every
 * `->>` parses again from its start (34 columns: 4.5 s for 150,000 rows, most of the import's SQLite
 * time); jsonb_each converts the text to SQLite's binary JSON once and `->>` then steps over it. And
 * columns holding one value for the whole chunk (seq and the timestamps, photo, the columns a roster
 * does not have, a branch's only value …) are bound once as parameters instead of extracted row by row
 * (measured on the bench's 150,000 rows: 1.2 s instead of 4.5–7 s).
 */
export function memberInsertFromJson(rows: readonly unknown[][]): { sql: string; params: unknown[] } {
  const params: unknown[] = [null]; // ?1: the rows' JSON, set below
  const varying: number[] = [];
  const exprs: string[] = [];
  const first = rows[0];
  for (let c = 0; c < MEMBER_COLUMNS.length; c++) {
    const v = first[c];
    let same = true;
    for (let r = 1; r < rows.length && same; r++) same = rows[r][c] === v;
    if (same) {
      params.push(v);
      exprs.push(`?${params.length}`);
    } else {
      exprs.push(`value->>${varying.length}`);
      varying.push(c);
    }
  }
  const packed: unknown[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const out: unknown[] = new Array(varying.length);
    for (let k = 0; k < varying.length; k++) out[k] = row[varying[k]];
    packed[r] = out;
  }
  params[0] = rowsAsJson(packed);
  return { sql: `INSERT INTO members(${MEMBER_COLUMNS.join(',')}) SELECT ${exprs.join(',')} FROM jsonb_each(?1)`, params };
}

/** The 'imported' member event of each member: [event id, member id, summary or null] per row in ?6. */
const IMPORTED_EVENTS_JSON = `INSERT INTO member_events(id, member_id, kind, event_date, actor, summary, before, after, seq, recorded_at)
  SELECT value->>0, value->>1, 'imported', ?1, ?2, coalesce(value->>2, ?3), NULL, NULL, ?4, ?5 FROM jsonb_each(?6)`;

/** Rows per JSON insert (and per audit entry): no parameter limit applies, fewer round trips. */
const ROWS_PER_JSON_STATEMENT = 5000;

export interface BulkResult {
  inserted: number;
  ids: string[];
}

export interface BulkOptions {
  source: string; // shown in history and audit: 演示数据, 导入 xxx.xlsx …
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /**
   * The rows were read by the roster import, which already normalized them as normalizeMemberInput does,
   * ran checkMemberRecord on each, resolved every branch and made ID numbers unique against the archive
   * and within the file: normalizing, the per-row rules and the archive-wide ID number read (150,000
   * rows, once per batch) are not repeated (measured: a third of the import's time). The branch check
   * stays, and the archive's UNIQUE index on id_number still refuses a duplicate.
   */
  prechecked?: boolean;
}

/**
 * Search keys by name, kept across calls: a roster import calls once per batch of 5,000, and the same
 * names recur in every batch (pinyin-pro per name was 0.2 s of a 150,000-row import). Bounded.
 */
const keysCache = new Map<string, NameSearchKeys>();
function keysOf(name: string): NameSearchKeys {
  let k = keysCache.get(name);
  if (!k) {
    if (keysCache.size >= 50_000) keysCache.clear();
    keysCache.set(name, (k = nameSearchKeys(name)));
  }
  return k;
}

export async function insertMembersBulk(ctx: ServiceContext, inputs: BulkMemberInput[], options: BulkOptions): Promise<BulkResult> {
  const today = todayOf(ctx);
  // Prechecked rows are already as normalizing would leave them: used as they are, not copied.
  const cleaned: BulkMemberInput[] = options.prechecked ? inputs : inputs.map((i) => ({ ...normalizeMemberInput(i), id: i.id, exitReason: i.exitReason ?? null, exitDate: i.exitDate ?? null, exitNote: i.exitNote ?? null }));
  return ctx.archive.transaction(async () => {
    const orgs = new Map(
      (await ctx.archive.query<{ id: string; name: string; type: string; status: string }>('SELECT id, name, type, status FROM organizations')).map((o) => [o.id, o]),
    );
    const seen = new Map<string, number>();
    if (!options.prechecked) for (const r of await ctx.archive.query<{ id_number: string }>('SELECT id_number FROM members')) seen.set(r.id_number, -1);
    const problems: FieldProblem[] = [];
    cleaned.forEach((m, index) => {
      const row = `第${index + 1}条(${m.name || '无姓名'})`;
      if (!options.prechecked) for (const p of checkMemberRecord(m, today)) problems.push({ field: `${index}.${p.field}`, message: `${row}:${p.message}` });
      const org = orgs.get(m.orgId);
      if (!org || !MEMBER_HOLDING_TYPES.has(org.type)) problems.push({ field: `${index}.orgId`, message: `${row}:所在党支部不存在或不是党支部` });
      const prior = seen.get(m.idNumber);
      if (prior !== undefined) problems.push({ field: `${index}.idNumber`, message: `${row}:公民身份号码${prior < 0 ? '与档案中已有党员' : `与第${prior + 1}条`}重复` });
      else seen.set(m.idNumber, index);
    });
    if (problems.length) throw new ValidationError(problems.slice(0, 50), `${problems.length} 处错误,未写入任何记录`);

    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const ids: string[] = [];
    const summary = `建立党员档案(${options.source})`;
    for (let start = 0; start < cleaned.length; start += ROWS_PER_JSON_STATEMENT) {
      if (options.signal?.aborted) throw new Error('已取消,未写入任何记录');
      const chunk = cleaned.slice(start, start + ROWS_PER_JSON_STATEMENT);
      const rows: unknown[][] = [];
      const events: unknown[][] = [];
      for (const m of chunk) {
        const id = m.id ?? newId();
        ids.push(id);
        const k = keysOf(m.name);
        const exitReason = m.exitReason ?? null;
        rows.push([
          id, m.name, m.gender, m.idNumber, m.ethnicity, m.birthDate, m.education, m.category, m.orgId, m.joinDate, m.fullDate ?? null,
          m.occupation, m.jobTitle ?? null, m.phone ?? null, m.address ?? null, m.isMobile ? 1 : 0, m.isLost ? 1 : 0, m.lostReason ?? null,
          m.lostDate ?? null, exitReason, m.exitDate ?? null, m.exitNote ?? null, m.nativePlace ?? null, m.degree ?? null, m.workStartDate ?? null,
          m.workUnit ?? null, m.householdPlace ?? null, null, m.remarks ?? null, k.pinyinFull, k.pinyinInitials, seq, now, now,
          m.educationLevel ?? null, m.jobPost ?? null, m.newSocialStratum ?? null, m.professionalTitle ?? null, m.isMigrantWorker ? 1 : 0,
          m.currentResidence ?? null, m.partyAgeAdjustMonths ?? null, m.joinType ?? null, m.fullStatus ?? null, m.joinBranch ?? null,
          m.probationExtensionMonths ?? null, m.mobileProvince ?? null, m.mobileCity ?? null, m.mobileCounty ?? null, m.lostMonth ?? null,
        ]);
        // For a member who has left, the 'imported' event says so.
        events.push([newId(), id, exitReason ? `${summary};已于 ${m.exitDate} ${labelOf('exitReason', exitReason)}` : null]);
      }
      // The history events get their own small JSON text: the members' text parsed a second time for
      // three values cost more than writing these (measured: 0.7 s against 0.4 s for 150,000 rows).
      const insert = memberInsertFromJson(rows);
      await ctx.archive.run(insert.sql, insert.params);
      await ctx.archive.run(IMPORTED_EVENTS_JSON, [today, ctx.actor, summary, seq, now, rowsAsJson(events)]);
      // One audit entry per statement: who loaded which records, without repeating every field.
      await appendAudit(ctx.archive, [
        {
          actor: ctx.actor,
          action: 'member.bulk_create',
          entity: 'members',
          entityId: null,
          before: null,
          after: { source: options.source, members: chunk.map((m, i) => [ids[start + i], m.name, m.idNumber]) },
        },
      ]);
      options.onProgress?.(Math.min(start + chunk.length, cleaned.length), cleaned.length);
    }
    return { inserted: ids.length, ids };
  });
}
