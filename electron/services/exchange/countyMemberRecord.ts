// A member's record at the county, read-only, as the township sent it: the fields, the sub-records
// (职务, 奖惩, 困难情况, 家庭成员, 出国出境, 培训, 预备期, 组织关系转接, 流动, 档案材料), the history, and the
// person's records in other townships with what links them (a letter, or nothing: 重复登记). All in
// words: codes become their labels, so the window and the CLI show the same lines.
import type { ServiceContext } from '../core/context';
import { DomainError, notFound } from '../core/errors';
import { labelOf, type CodeListName } from '../core/codes';
import { SUB_RECORD_SPECS, SUB_RECORD_KINDS } from '../members/subRecords';
import { requireCountyArchive } from './countyQuery';
import { countyLetters, type CountyLetter } from './countyLetters';

export interface CountyRecordSection {
  title: string;
  columns: string[];
  rows: string[][];
}

export interface CountyMemberRecord {
  townshipCode: string;
  townshipName: string;
  id: string;
  name: string;
  idNumber: string;
  onRoll: boolean;
  /** 在册 / 已出党(…), 预备党员, 流动, 失联, 转出待回执, 重复登记. */
  statuses: string[];
  fields: { label: string; value: string }[];
  sections: CountyRecordSection[];
  history: { date: string; summary: string; actor: string }[];
  otherRecords: { townshipCode: string; townshipName: string; id: string; orgName: string; state: string; link: string }[];
  lastPackage: { sequence: number; baggingDate: string | null };
}

type Field = [column: string, label: string, list?: CodeListName | 'bool'];

const MEMBER_FIELDS: Field[] = [
  ['name', '姓名'], ['gender', '性别', 'gender'], ['id_number', '公民身份号码'], ['ethnicity', '民族', 'ethnicity'], ['birth_date', '出生日期'],
  ['native_place', '籍贯'], ['education', '学历', 'education'], ['degree', '学位', 'degree'], ['category', '人员类别', 'memberCategory'],
  ['join_date', '入党日期'], ['full_date', '转正日期'], ['occupation', '工作岗位', 'occupation'], ['job_title', '职务'], ['work_unit', '工作单位及职务'],
  ['work_start_date', '参加工作日期'], ['phone', '联系电话'], ['address', '家庭住址'], ['household_place', '户籍所在地'], ['is_mobile', '流动党员', 'bool'],
  ['is_lost', '失联党员', 'bool'], ['lost_reason', '失联原因', 'lostReason'], ['lost_date', '失联日期'], ['exit_reason', '出党方式', 'exitReason'],
  ['exit_date', '出党日期'], ['exit_note', '出党说明'], ['remarks', '备注'],
];

function word(v: unknown, list?: CodeListName | 'bool'): string {
  if (v === null || v === undefined || v === '') return '';
  if (list === 'bool') return Number(v) ? '是' : '否';
  if (list) return labelOf(list, String(v));
  return String(v);
}

function section(title: string, fields: Field[], rows: Record<string, unknown>[]): CountyRecordSection {
  return { title, columns: fields.map((f) => f[1]), rows: rows.map((r) => fields.map(([c, , list]) => word(r[c], list))) };
}

const FIXED_SECTIONS: { title: string; table: string; order: string; fields: Field[] }[] = [
  {
    title: '预备期', table: 'probation_decisions', order: 'meeting_date',
    fields: [['kind', '决定', 'probationDecision'], ['meeting_date', '支部大会日期'], ['entitled', '应到'], ['present', '实到'], ['yes', '同意'], ['no', '反对'], ['abstain', '弃权'], ['note', '备注']],
  },
  {
    title: '组织关系转接', table: 'transfers', order: 'transfer_date',
    fields: [['transfer_date', '日期'], ['direction', '类型', 'transferDirection'], ['letter_number', '介绍信编号'], ['destination', '转往'], ['origin', '来自'], ['valid_until', '有效期至'], ['receipt_date', '回执日期'], ['status', '状态', 'transferStatus']],
  },
  {
    title: '流动党员登记', table: 'mobile_records', order: 'since',
    fields: [['destination', '流入地'], ['destination_branch', '流入地党组织'], ['since', '外出日期'], ['contact', '联系方式'], ['certificate_no', '活动证编号'], ['end_date', '返回日期']],
  },
  { title: '档案材料', table: 'member_files', order: 'created_at', fields: [['doc_type', '材料类型', 'documentType'], ['title', '标题'], ['file_name', '文件名'], ['created_at', '加入时间']] },
];

async function rowsOf(ctx: ServiceContext, code: string, table: string, memberId: string, order: string): Promise<Record<string, unknown>[]> {
  const rows = await ctx.archive.query<{ data: string }>(
    `SELECT data FROM county_rows WHERE township_code = ? AND table_name = ? AND data->>'$.member_id' = ?`,
    [code, table, memberId],
  );
  return rows.map((r) => JSON.parse(r.data) as Record<string, unknown>).sort((a, b) => String(a[order] ?? '').localeCompare(String(b[order] ?? '')));
}

/**
 * Which record `key` names: a member's id or a 公民身份号码, within a township when given. A person with
 * records in several townships needs the township to say which one.
 */
async function resolveRecord(ctx: ServiceContext, townshipCode: string | null, key: string): Promise<{ townshipCode: string; id: string }> {
  const found = await ctx.archive.query<{ township_code: string; id: string; township_name: string }>(
    `SELECT c.township_code, c.id, t.name AS township_name FROM county_members c JOIN county_townships t ON t.code = c.township_code
     WHERE (c.id = ?1 OR c.id_number = upper(?1)) AND (?2 IS NULL OR c.township_code = ?2) ORDER BY c.exit_reason IS NOT NULL, c.township_code`,
    [key, townshipCode],
  );
  if (!found.length) throw notFound('党员', key);
  if (found.length > 1) {
    throw new DomainError('conflict', `${key} 在 ${found.map((f) => f.township_name).join('、')} 各有一份档案,请指明乡镇(${found.map((f) => `--township ${f.township_code}`).join(' 或 ')})`);
  }
  return { townshipCode: found[0].township_code, id: found[0].id };
}

export async function countyMemberRecord(ctx: ServiceContext, township: string | null, key: string): Promise<CountyMemberRecord> {
  await requireCountyArchive(ctx);
  const { townshipCode, id } = await resolveRecord(ctx, township, key);
  const row = await ctx.archive.queryOne<Record<string, unknown>>(
    `SELECT c.*, t.name AS township_name, t.last_sequence, t.last_bagging_date, r.data FROM county_members c JOIN county_townships t ON t.code = c.township_code
     JOIN county_rows r ON r.township_code = c.township_code AND r.table_name = 'members' AND r.row_key = c.id WHERE c.township_code = ? AND c.id = ?`,
    [townshipCode, id],
  );
  if (!row) throw notFound('党员', id);
  const m = JSON.parse(String(row.data)) as Record<string, unknown>;
  const townshipName = String(row.township_name);
  const fields = [{ label: '所在乡镇', value: townshipName }, { label: '所在党组织', value: String(row.org_name ?? '') }];
  for (const [c, label, list] of MEMBER_FIELDS) fields.push({ label, value: word(m[c], list) });

  const sections: CountyRecordSection[] = [];
  for (const kind of SUB_RECORD_KINDS) {
    const spec = SUB_RECORD_SPECS[kind];
    const orderColumn = spec.order.split(' ')[0];
    const fieldsOf: Field[] = spec.fields.map((f) => [f.column, f.label, f.list]);
    sections.push(section(spec.label, fieldsOf, await rowsOf(ctx, townshipCode, spec.table, id, orderColumn)));
  }
  for (const s of FIXED_SECTIONS) sections.push(section(s.title, s.fields, await rowsOf(ctx, townshipCode, s.table, id, s.order)));

  const events = await rowsOf(ctx, townshipCode, 'member_events', id, 'event_date');
  const history = events
    .sort((a, b) => String(a.event_date).localeCompare(String(b.event_date)) || String(a.recorded_at).localeCompare(String(b.recorded_at)))
    .map((e) => ({ date: String(e.event_date), summary: String(e.summary), actor: String(e.actor) }));

  const onRoll = row.exit_reason == null;
  const others = await ctx.archive.query<Record<string, unknown>>(
    `SELECT c.township_code, t.name AS township_name, c.id, c.org_name, c.exit_reason, c.exit_date, c.transfer_pending FROM county_members c JOIN county_townships t ON t.code = c.township_code
     WHERE c.id_number = ? AND NOT (c.township_code = ? AND c.id = ?) ORDER BY c.township_code`,
    [row.id_number, townshipCode, id],
  );
  const letters = others.length ? await countyLetters(ctx) : [];
  const linkOf = (o: Record<string, unknown>): string => {
    const mine = (l: CountyLetter, code: string, memberId: string) => l.townshipCode === code && l.memberId === memberId;
    const l = letters.find((x) => x.match && ((mine(x, townshipCode, id) && mine(x.match, String(o.township_code), String(o.id))) || (mine(x, String(o.township_code), String(o.id)) && mine(x.match, townshipCode, id))));
    if (l) return l.direction === 'out' ? `介绍信 ${l.letterNumber}:${l.townshipName} → ${l.match!.townshipName}` : `介绍信 ${l.letterNumber}:${l.match!.townshipName} → ${l.townshipName}`;
    if (onRoll && o.exit_reason == null && !Number(row.transfer_pending) && !Number(o.transfer_pending)) return '重复登记:两处都在册,没有转接介绍信';
    return '';
  };
  const otherRecords = others.map((o) => ({
    townshipCode: String(o.township_code), townshipName: String(o.township_name), id: String(o.id), orgName: String(o.org_name ?? ''),
    state: o.exit_reason == null ? (Number(o.transfer_pending) ? '在册(转出待回执)' : '在册') : `已出党(${labelOf('exitReason', String(o.exit_reason))} ${String(o.exit_date ?? '')})`,
    link: linkOf(o),
  }));

  const statuses = [onRoll ? '在册' : `已出党(${labelOf('exitReason', String(row.exit_reason))})`];
  if (onRoll && row.category === 'probationary') statuses.push('预备党员');
  if (onRoll && Number(row.is_mobile)) statuses.push('流动');
  if (onRoll && Number(row.is_lost)) statuses.push('失联');
  if (onRoll && Number(row.transfer_pending)) statuses.push('转出待回执');
  if (otherRecords.some((o) => o.link.startsWith('重复登记'))) statuses.push('重复登记');
  return {
    townshipCode, townshipName, id, name: String(row.name), idNumber: String(row.id_number), onRoll, statuses, fields, sections, history, otherRecords,
    lastPackage: { sequence: Number(row.last_sequence), baggingDate: (row.last_bagging_date as string | null) ?? null },
  };
}
