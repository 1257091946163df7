// 流动党员 (mobile members): each period away is a record (流入地, since, contact, 流动党员活动证 number,
// the branch at the destination); members.is_mobile mirrors an open period so that the 流动党员 view stays
// an index lookup. The township keeps the roster.
import { newId } from '../../core/ids';
import { nowIso, type ServiceContext } from '../../core/context';
import { DomainError, notFound } from '../../core/errors';
import { getMember, getMemberRow, type MemberRecord } from '../members';
import { subtreeIds } from '../../organizations/organizations';
import { cleanText, recordLifeChange, requireOnRoll, throwIf, sinceJoining } from './lifeCommon';
import { checkDate } from '../../core/validation';
import type { FieldProblem } from '../../core/errors';

export interface MobileInput {
  destination: string; // 流入地
  since: string; // 外出日期
  contact: string; // 联系方式
  certificateNo?: string | null; // 流动党员活动证编号
  destinationBranch?: string | null; // 流入地党组织
  note?: string | null;
}

export interface MobileRecord {
  id: string;
  memberId: string;
  destination: string;
  since: string;
  contact: string;
  certificateNo: string | null;
  destinationBranch: string | null;
  endDate: string | null;
  note: string | null;
}

const COLUMNS = `id, member_id AS memberId, destination, since, contact, certificate_no AS certificateNo, destination_branch AS destinationBranch, end_date AS endDate, note`;

export async function mobileRecords(ctx: ServiceContext, memberId: string): Promise<MobileRecord[]> {
  return ctx.archive.query<MobileRecord>(`SELECT ${COLUMNS} FROM mobile_records WHERE member_id = ? ORDER BY since DESC, id DESC`, [memberId]);
}

async function openRecord(ctx: ServiceContext, memberId: string): Promise<MobileRecord | undefined> {
  return ctx.archive.queryOne<MobileRecord>(`SELECT ${COLUMNS} FROM mobile_records WHERE member_id = ? AND end_date IS NULL`, [memberId]);
}

function checkMobile(input: MobileInput): { values: Omit<MobileInput, 'since'>; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const destination = cleanText(input.destination);
  const contact = cleanText(input.contact);
  if (!destination) problems.push({ field: 'destination', message: '请填写流入地(外出去向)' });
  if (!contact) problems.push({ field: 'contact', message: '请填写流动期间的联系方式' });
  const certificateNo = cleanText(input.certificateNo);
  if (certificateNo && certificateNo.length > 40) problems.push({ field: 'certificateNo', message: '流动党员活动证编号太长(最多40字)' });
  return { values: { destination: destination ?? '', contact: contact ?? '', certificateNo, destinationBranch: cleanText(input.destinationBranch), note: cleanText(input.note) }, problems };
}

/** Register a member as 流动党员 from a date. */
export async function startMobile(ctx: ServiceContext, memberId: string, input: MobileInput): Promise<MemberRecord> {
  await ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, memberId);
    requireOnRoll(m, '登记为流动党员');
    const open = await openRecord(ctx, memberId);
    if (open) throw new DomainError('conflict', `${m.name}已登记为流动党员(自 ${open.since} 起在 ${open.destination}),请修改现有记录`);
    const { values, problems } = checkMobile(input);
    throwIf([...checkDate('since', '外出日期', input.since, ctx, sinceJoining(m)), ...problems], '流动党员信息有误');
    const id = newId();
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    await ctx.archive.run(
      `INSERT INTO mobile_records(id, member_id, destination, since, contact, certificate_no, destination_branch, note, seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
      [id, memberId, values.destination, input.since, values.contact, values.certificateNo, values.destinationBranch, values.note, seq, now, now],
    );
    await ctx.archive.run('UPDATE members SET is_mobile = 1, seq = ?, updated_at = ? WHERE id = ?', [seq, now, memberId]);
    await recordLifeChange(ctx, {
      memberId, kind: 'mobile', eventDate: input.since, summary: `登记为流动党员:流入 ${values.destination}${values.destinationBranch ? `(${values.destinationBranch})` : ''},活动证 ${values.certificateNo ?? '未办'}`,
      before: { isMobile: m.isMobile }, after: { isMobile: true, mobileRecordId: id, ...values, since: input.since }, action: 'mobile.start', entity: 'mobile_records', entityId: id,
    });
  });
  return getMember(ctx, memberId);
}

/** The fields of a 流动 period as the form names them, for the history line of a correction. */
const MOBILE_FIELD_LABELS: Record<string, string> = { destination: '外出流向', since: '外出日期', contact: '联系方式', certificateNo: '流动党员活动证号', destinationBranch: '流入地党组织', note: '说明' };

/** Correct or update the open period (new contact, certificate issued …). */
export async function updateMobile(ctx: ServiceContext, memberId: string, input: MobileInput): Promise<MemberRecord> {
  await ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, memberId);
    const open = await openRecord(ctx, memberId);
    if (!open) throw new DomainError('conflict', `${m.name}现在不是流动党员`);
    const { values, problems } = checkMobile(input);
    throwIf([...checkDate('since', '外出日期', input.since, ctx, sinceJoining(m)), ...problems], '流动党员信息有误');
    const next: Record<string, unknown> = { ...values, since: input.since };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(next)) {
      if ((open as unknown as Record<string, unknown>)[k] !== v) {
        before[k] = (open as unknown as Record<string, unknown>)[k];
        after[k] = v;
      }
    }
    if (!Object.keys(after).length) return;
    const seq = await ctx.archive.changeSeq();
    await ctx.archive.run(
      'UPDATE mobile_records SET destination = ?, since = ?, contact = ?, certificate_no = ?, destination_branch = ?, note = ?, seq = ?, updated_at = ? WHERE id = ?',
      [values.destination, input.since, values.contact, values.certificateNo, values.destinationBranch, values.note, seq, nowIso(), open.id],
    );
    await recordLifeChange(ctx, {
      memberId, kind: 'mobile', eventDate: input.since > open.since ? input.since : open.since, summary: `修改流动党员信息:${Object.keys(after).map((k) => `${MOBILE_FIELD_LABELS[k] ?? k}:${String(before[k] ?? '(空)')} → ${String(after[k] ?? '(空)')}`).join(';')}`,
      before, after, action: 'mobile.update', entity: 'mobile_records', entityId: open.id,
    });
  });
  return getMember(ctx, memberId);
}

/** The member is back (or settled and transferred): the period ends. */
export async function endMobile(ctx: ServiceContext, memberId: string, input: { date: string; note?: string | null }): Promise<MemberRecord> {
  await ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, memberId);
    const open = await openRecord(ctx, memberId);
    if (!open) throw new DomainError('conflict', `${m.name}现在不是流动党员`);
    const problems = checkDate('date', '返回日期', input.date, ctx, sinceJoining(m));
    if (!problems.length && input.date < open.since) problems.push({ field: 'date', message: `返回日期不能早于外出日期 ${open.since}` });
    throwIf(problems, '不能结束流动');
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    await ctx.archive.run('UPDATE mobile_records SET end_date = ?, note = coalesce(?, note), seq = ?, updated_at = ? WHERE id = ?', [input.date, cleanText(input.note), seq, now, open.id]);
    await ctx.archive.run('UPDATE members SET is_mobile = 0, seq = ?, updated_at = ? WHERE id = ?', [seq, now, memberId]);
    await recordLifeChange(ctx, {
      memberId, kind: 'mobile', eventDate: input.date, summary: `流动结束:自 ${open.destination} 返回`,
      before: { isMobile: true }, after: { isMobile: false, endDate: input.date, mobileRecordId: open.id }, action: 'mobile.end', entity: 'mobile_records', entityId: open.id,
    });
  });
  return getMember(ctx, memberId);
}

export interface MobileRosterRow {
  memberId: string;
  name: string;
  idNumber: string;
  phone: string | null;
  orgId: string;
  orgName: string;
  destination: string | null;
  since: string | null;
  contact: string | null;
  certificateNo: string | null;
  destinationBranch: string | null;
}

/** 流动党员花名册: every mobile member on the roll, with their open period (if recorded). */
export async function mobileRoster(ctx: ServiceContext, orgId?: string | null): Promise<MobileRosterRow[]> {
  let filter = '';
  let params: unknown[] = [];
  if (orgId) {
    const ids = await subtreeIds(ctx.archive, orgId);
    filter = `AND m.org_id IN (${ids.map(() => '?').join(',')})`;
    params = ids;
  }
  return ctx.archive.query<MobileRosterRow>(
    `SELECT m.id AS memberId, m.name AS name, m.id_number AS idNumber, m.phone AS phone, m.org_id AS orgId, o.name AS orgName,
            r.destination AS destination, r.since AS since, r.contact AS contact, r.certificate_no AS certificateNo, r.destination_branch AS destinationBranch
     FROM members m JOIN organizations o ON o.id = m.org_id
     LEFT JOIN mobile_records r ON r.member_id = m.id AND r.end_date IS NULL
     WHERE m.exit_reason IS NULL AND m.is_mobile = 1 ${filter}
     ORDER BY o.name, m.pinyin_full`,
    params,
  );
}

export async function getMobileRecord(ctx: ServiceContext, id: string): Promise<MobileRecord> {
  const r = await ctx.archive.queryOne<MobileRecord>(`SELECT ${COLUMNS} FROM mobile_records WHERE id = ?`, [id]);
  if (!r) throw notFound('流动党员记录', id);
  return r;
}
