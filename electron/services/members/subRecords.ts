// A member's repeatable sub-records: 职务, 奖惩, 困难情况, 家庭成员, 出国出境, 培训. Each kind is one
// table described once below (fields, code lists, date rules); add, edit and remove go through the same
// code, each in one transaction with a history event (before → after) and an audit entry. A removed
// sub-record is gone from its table but stays in the history and the audit log.
import { newId } from '../core/ids';
import type { FieldProblem } from '../core/errors';
import type { Member } from '../../../db/schema';
import { nowIso, todayOf, type ServiceContext } from '../core/context';
import { DomainError, notFound } from '../core/errors';
import { isCode, labelOf, type CodeListName } from '../core/codes';
import { isIsoDate } from './memberRules';
import { getMemberRow } from './members';
import { cleanText, recordLifeChange, throwIf } from './life/lifeCommon';

export const SUB_RECORD_KINDS = ['posts', 'rewards', 'hardships', 'family', 'abroad', 'trainings'] as const;
export type SubRecordKind = (typeof SUB_RECORD_KINDS)[number];
export type SubRecordValue = string | number | null;
export type SubRecordValues = Record<string, SubRecordValue>;

interface FieldSpec {
  key: string;
  column: string;
  label: string;
  type: 'text' | 'date' | 'code' | 'int';
  required?: boolean;
  list?: CodeListName;
  max?: number; // text length or integer maximum
}

interface KindSpec {
  table: string;
  label: string;
  fields: FieldSpec[];
  /** [from, to]: to may be empty, else not before from. */
  range?: [string, string];
  /** Fields shown in the one-line history summary. */
  summary: string[];
  order: string;
}

const f = (key: string, column: string, label: string, type: FieldSpec['type'], extra: Partial<FieldSpec> = {}): FieldSpec => ({ key, column, label, type, ...extra });

export const SUB_RECORD_SPECS: Record<SubRecordKind, KindSpec> = {
  posts: {
    table: 'member_posts',
    label: '职务',
    fields: [
      f('title', 'title', '职务名称', 'text', { required: true, max: 100 }),
      f('unit', 'unit', '任职单位', 'text', { max: 200 }),
      f('fromDate', 'from_date', '任职日期', 'date', { required: true }),
      f('toDate', 'to_date', '免职日期', 'date'),
      f('note', 'note', '备注', 'text', { max: 500 }),
    ],
    range: ['fromDate', 'toDate'],
    summary: ['title', 'unit', 'fromDate'],
    order: 'from_date DESC',
  },
  rewards: {
    table: 'member_rewards',
    label: '奖惩',
    fields: [
      f('kind', 'kind', '奖惩类别', 'code', { required: true, list: 'rewardKind' }),
      f('name', 'name', '奖惩名称', 'text', { required: true, max: 200 }),
      f('date', 'date', '奖惩日期', 'date', { required: true }),
      f('authority', 'authority', '批准机关', 'text', { max: 200 }),
      f('note', 'note', '奖惩原因', 'text', { max: 500 }),
    ],
    summary: ['kind', 'name', 'date'],
    order: 'date DESC',
  },
  hardships: {
    table: 'member_hardships',
    label: '困难情况',
    fields: [
      f('kind', 'kind', '困难类型', 'code', { required: true, list: 'hardshipKind' }),
      f('level', 'level', '困难程度', 'code', { required: true, list: 'hardshipLevel' }),
      f('since', 'since', '困难起始日期', 'date', { required: true }),
      f('endDate', 'end_date', '解除日期', 'date'),
      f('note', 'note', '情况说明', 'text', { max: 500 }),
    ],
    range: ['since', 'endDate'],
    summary: ['kind', 'level', 'since', 'endDate'],
    order: 'since DESC',
  },
  family: {
    table: 'member_family',
    label: '家庭成员',
    fields: [
      f('relation', 'relation', '称谓', 'code', { required: true, list: 'familyRelation' }),
      f('name', 'name', '姓名', 'text', { required: true, max: 30 }),
      f('birthDate', 'birth_date', '出生日期', 'date'),
      f('politicalStatus', 'political_status', '政治面貌', 'code', { list: 'politicalStatus' }),
      f('workUnit', 'work_unit', '工作单位及职务', 'text', { max: 200 }),
      f('phone', 'phone', '联系电话', 'text', { max: 30 }),
    ],
    summary: ['relation', 'name'],
    order: 'created_at',
  },
  abroad: {
    table: 'member_abroad',
    label: '出国出境',
    fields: [
      f('destination', 'destination', '前往国家(地区)', 'text', { required: true, max: 100 }),
      f('purpose', 'purpose', '事由', 'code', { required: true, list: 'abroadPurpose' }),
      f('fromDate', 'from_date', '出境日期', 'date', { required: true }),
      f('toDate', 'to_date', '回国(境)日期', 'date'),
      f('note', 'note', '备注', 'text', { max: 500 }),
    ],
    range: ['fromDate', 'toDate'],
    summary: ['destination', 'purpose', 'fromDate'],
    order: 'from_date DESC',
  },
  trainings: {
    table: 'member_trainings',
    label: '培训',
    fields: [
      f('title', 'title', '培训班名称', 'text', { required: true, max: 200 }),
      f('organizer', 'organizer', '主办单位', 'text', { max: 200 }),
      f('fromDate', 'from_date', '培训开始日期', 'date', { required: true }),
      f('toDate', 'to_date', '培训结束日期', 'date'),
      f('hours', 'hours', '学时', 'int', { max: 2000 }),
      f('note', 'note', '备注', 'text', { max: 500 }),
    ],
    range: ['fromDate', 'toDate'],
    summary: ['title', 'fromDate', 'hours'],
    order: 'from_date DESC',
  },
};

export interface SubRecord {
  id: string;
  memberId: string;
  kind: SubRecordKind;
  values: SubRecordValues;
  seq: number;
  updatedAt: string;
}

function specOf(kind: string): KindSpec {
  if (!(SUB_RECORD_KINDS as readonly string[]).includes(kind)) throw new DomainError('bad_input', `没有“${kind}”这类子记录`);
  return SUB_RECORD_SPECS[kind as SubRecordKind];
}

/** Clean and check one sub-record against its kind's rules (and the member's birth date, today). */
export function checkSubRecord(kind: SubRecordKind, input: SubRecordValues, member: Pick<Member, 'birthDate'>, today: string): { values: SubRecordValues; problems: FieldProblem[] } {
  const spec = SUB_RECORD_SPECS[kind];
  const values: SubRecordValues = {};
  const problems: FieldProblem[] = [];
  for (const field of spec.fields) {
    const raw = input[field.key];
    const text = typeof raw === 'number' ? String(raw) : cleanText(raw ?? null);
    if (text === null) {
      values[field.key] = null;
      if (field.required) problems.push({ field: field.key, message: `请填写${field.label}` });
      continue;
    }
    switch (field.type) {
      case 'text':
        if (field.max && text.length > field.max) problems.push({ field: field.key, message: `${field.label}太长(最多${field.max}个字)` });
        values[field.key] = text;
        break;
      case 'code':
        if (!isCode(field.list!, text)) problems.push({ field: field.key, message: `请选择${field.label}` });
        values[field.key] = text;
        break;
      case 'int': {
        const n = Number(text);
        if (!Number.isInteger(n) || n < 0 || (field.max !== undefined && n > field.max)) problems.push({ field: field.key, message: `${field.label}应为0至${field.max}的整数` });
        values[field.key] = Number.isFinite(n) ? n : null;
        break;
      }
      case 'date':
        values[field.key] = text;
        if (!isIsoDate(text)) problems.push({ field: field.key, message: `${field.label}不是有效日期(格式 YYYY-MM-DD)` });
        else if (text > today) problems.push({ field: field.key, message: `${field.label}不能晚于今天(${today})` });
        else if (kind !== 'family' && text < member.birthDate) problems.push({ field: field.key, message: `${field.label}不能早于该党员的出生日期 ${member.birthDate}` });
        break;
    }
  }
  if (spec.range) {
    const [fromKey, toKey] = spec.range;
    const from = values[fromKey];
    const to = values[toKey];
    if (typeof from === 'string' && typeof to === 'string' && isIsoDate(from) && isIsoDate(to) && to < from && !problems.some((p) => p.field === toKey)) {
      const label = (k: string) => spec.fields.find((x) => x.key === k)!.label;
      problems.push({ field: toKey, message: `${label(toKey)}不能早于${label(fromKey)} ${from}` });
    }
  }
  return { values, problems };
}

function summarize(kind: SubRecordKind, values: SubRecordValues): string {
  const spec = SUB_RECORD_SPECS[kind];
  return spec.summary
    .map((key) => {
      const field = spec.fields.find((x) => x.key === key)!;
      const v = values[key];
      if (v === null || v === undefined || v === '') return '';
      if (field.type === 'code') return labelOf(field.list!, String(v));
      if (field.type === 'int') return `${v}${field.label}`;
      return String(v);
    })
    .filter(Boolean)
    .join(' ');
}

function rowToValues(spec: KindSpec, row: Record<string, unknown>): SubRecordValues {
  return Object.fromEntries(spec.fields.map((fl) => [fl.key, (row[fl.column] as SubRecordValue) ?? null]));
}

export async function listSubRecords(ctx: ServiceContext, memberId: string, kind: SubRecordKind): Promise<SubRecord[]> {
  const spec = specOf(kind);
  const rows = await ctx.archive.query<Record<string, unknown>>(`SELECT * FROM ${spec.table} WHERE member_id = ? ORDER BY ${spec.order}, id`, [memberId]);
  return rows.map((r) => ({ id: String(r.id), memberId, kind, values: rowToValues(spec, r), seq: Number(r.seq), updatedAt: String(r.updated_at) }));
}

async function getSubRecord(ctx: ServiceContext, kind: SubRecordKind, id: string): Promise<SubRecord> {
  const spec = specOf(kind);
  const row = await ctx.archive.queryOne<Record<string, unknown>>(`SELECT * FROM ${spec.table} WHERE id = ?`, [id]);
  if (!row) throw notFound(spec.label, id);
  return { id, memberId: String(row.member_id), kind, values: rowToValues(spec, row), seq: Number(row.seq), updatedAt: String(row.updated_at) };
}

/** 困难党员 = on the roll with an open hardship; kept in members.is_hardship for the indexed view. */
async function refreshHardshipFlag(ctx: ServiceContext, memberId: string, seq: number): Promise<void> {
  await ctx.archive.run(
    `UPDATE members SET is_hardship = EXISTS (SELECT 1 FROM member_hardships h WHERE h.member_id = members.id AND h.end_date IS NULL), seq = ?, updated_at = ?
     WHERE id = ? AND is_hardship <> EXISTS (SELECT 1 FROM member_hardships h WHERE h.member_id = members.id AND h.end_date IS NULL)`,
    [seq, nowIso(), memberId],
  );
}

/** Add (no id) or edit (id) a sub-record. */
export async function saveSubRecord(ctx: ServiceContext, input: { memberId: string; kind: SubRecordKind; id?: string | null; values: SubRecordValues }): Promise<SubRecord> {
  const spec = specOf(input.kind);
  const id = input.id ?? newId();
  await ctx.archive.transaction(async () => {
    const member = await getMemberRow(ctx, input.memberId);
    const existing = input.id ? await getSubRecord(ctx, input.kind, input.id) : null;
    if (existing && existing.memberId !== input.memberId) throw new DomainError('conflict', `这条${spec.label}不属于${member.name}`);
    const { values, problems } = checkSubRecord(input.kind, input.values, member, todayOf(ctx));
    throwIf(problems, `${spec.label}有误`);
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const columns = spec.fields.map((fl) => fl.column);
    const params = spec.fields.map((fl) => values[fl.key]);
    if (existing) {
      const before: SubRecordValues = {};
      const after: SubRecordValues = {};
      for (const fl of spec.fields) {
        if ((existing.values[fl.key] ?? null) !== (values[fl.key] ?? null)) {
          before[fl.key] = existing.values[fl.key];
          after[fl.key] = values[fl.key];
        }
      }
      if (Object.keys(after).length === 0) return;
      await ctx.archive.run(`UPDATE ${spec.table} SET ${columns.map((c) => `${c} = ?`).join(', ')}, seq = ?, updated_at = ? WHERE id = ?`, [...params, seq, now, id]);
      await recordLifeChange(ctx, {
        memberId: member.id, kind: 'subrecord', eventDate: todayOf(ctx), summary: `修改${spec.label}:${summarize(input.kind, existing.values)} → ${summarize(input.kind, values)}`,
        before: { kind: input.kind, id, ...before }, after: { kind: input.kind, id, ...after }, action: `subrecord.update`, entity: spec.table, entityId: id,
      });
    } else {
      await ctx.archive.run(
        `INSERT INTO ${spec.table}(id, member_id, ${columns.join(', ')}, seq, created_at, updated_at) VALUES (?, ?, ${columns.map(() => '?').join(', ')}, ?, ?, ?)`,
        [id, member.id, ...params, seq, now, now],
      );
      await recordLifeChange(ctx, {
        memberId: member.id, kind: 'subrecord', eventDate: todayOf(ctx), summary: `新增${spec.label}:${summarize(input.kind, values)}`,
        before: null, after: { kind: input.kind, id, ...values }, action: `subrecord.create`, entity: spec.table, entityId: id,
      });
    }
    if (input.kind === 'hardships') await refreshHardshipFlag(ctx, member.id, seq);
  });
  return getSubRecord(ctx, input.kind, id);
}

/** Remove a sub-record entered by mistake: the row goes, its content stays in history and audit. */
export async function deleteSubRecord(ctx: ServiceContext, kind: SubRecordKind, id: string, reason?: string | null): Promise<void> {
  const spec = specOf(kind);
  await ctx.archive.transaction(async () => {
    const existing = await getSubRecord(ctx, kind, id);
    const seq = await ctx.archive.changeSeq();
    await ctx.archive.run(`DELETE FROM ${spec.table} WHERE id = ?`, [id]);
    const why = cleanText(reason);
    await recordLifeChange(ctx, {
      memberId: existing.memberId, kind: 'subrecord', eventDate: todayOf(ctx), summary: `删除${spec.label}:${summarize(kind, existing.values)}${why ? `(${why})` : ''}`,
      before: { kind, id, ...existing.values }, after: why ? { deleted: true, reason: why } : { deleted: true }, action: 'subrecord.delete', entity: spec.table, entityId: id,
    });
    if (kind === 'hardships') await refreshHardshipFlag(ctx, existing.memberId, seq);
  });
}

/** All kinds at once, for the member page and `members show`. */
export async function allSubRecords(ctx: ServiceContext, memberId: string): Promise<Record<SubRecordKind, SubRecord[]>> {
  const out = {} as Record<SubRecordKind, SubRecord[]>;
  for (const kind of SUB_RECORD_KINDS) out[kind] = await listSubRecords(ctx, memberId, kind);
  return out;
}
