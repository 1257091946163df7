// 组织关系转接 (transfers). Within the township: a branch change, recorded as an event. Out of the
// township: a numbered 介绍信 (running number per year, destination, 党费交至年月, validity from the
// rules table); the member is 转出待回执 — still on the roll, the township still responsible — until
// the 回执 comes back, then leaves with 出党方式 组织关系转出. In: a member received with the letter's
// number and origin; a returning member (same 公民身份号码) gets their old record back, not a duplicate.
// Every operation is one transaction with history and audit.
import { newId } from '../../core/ids';
import type { FieldProblem } from '../../core/errors';
import type { Member } from '../../../../db/schema';
import { nowIso, todayOf, type ServiceContext } from '../../core/context';
import { DomainError, ValidationError, notFound } from '../../core/errors';
import { labelOf } from '../../core/codes';
import { parseIdNumber } from '../idNumber';
import { checkMemberAgainstArchive, isIsoDate, type MemberInput } from '../memberRules';
import { createMember, exitMember, getMember, getMemberRow, updateMember, type MemberRecord } from '../members';
import { getLifeRules } from '../../core/settings';
import { addMonths, cleanText, recordLifeChange, requireOnRoll, throwIf, sinceJoining } from './lifeCommon';
import { checkDate } from '../../core/validation';

export interface TransferRecord {
  id: string;
  memberId: string;
  memberName: string;
  idNumber: string;
  direction: string;
  status: string;
  transferDate: string;
  letterNumber: string | null;
  fromOrgId: string | null;
  fromOrgName: string | null;
  toOrgId: string | null;
  toOrgName: string | null;
  destination: string | null;
  origin: string | null;
  duesPaidTo: string | null;
  validUntil: string | null;
  receiptDate: string | null;
  note: string | null;
}

const SELECT_TRANSFERS = `
  SELECT t.id AS id, t.member_id AS memberId, m.name AS memberName, m.id_number AS idNumber, t.direction AS direction, t.status AS status,
         t.transfer_date AS transferDate, t.letter_number AS letterNumber, t.from_org_id AS fromOrgId, fo.name AS fromOrgName,
         t.to_org_id AS toOrgId, tor.name AS toOrgName, t.destination AS destination, t.origin AS origin, t.dues_paid_to AS duesPaidTo,
         t.valid_until AS validUntil, t.receipt_date AS receiptDate, t.note AS note
  FROM transfers t JOIN members m ON m.id = t.member_id
  LEFT JOIN organizations fo ON fo.id = t.from_org_id LEFT JOIN organizations tor ON tor.id = t.to_org_id`;

export async function getTransfer(ctx: ServiceContext, id: string): Promise<TransferRecord> {
  const row = await ctx.archive.queryOne<TransferRecord>(`${SELECT_TRANSFERS} WHERE t.id = ?`, [id]);
  if (!row) throw notFound('组织关系转接记录', id);
  return row;
}

export async function listTransfers(ctx: ServiceContext, q: { pending?: boolean; direction?: string | null; memberId?: string | null } = {}): Promise<TransferRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.pending) where.push("t.direction = 'out' AND t.status = 'pending'");
  if (q.direction) {
    where.push('t.direction = ?');
    params.push(q.direction);
  }
  if (q.memberId) {
    where.push('t.member_id = ?');
    params.push(q.memberId);
  }
  return ctx.archive.query<TransferRecord>(`${SELECT_TRANSFERS} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY t.transfer_date DESC, t.id DESC`, params);
}

function requireNotPending(m: Member, operation: string): void {
  if (m.transferPending) throw new DomainError('conflict', `${m.name}的组织关系已开出转出介绍信,正等待回执,不能${operation}`);
}

async function checkBranch(ctx: ServiceContext, m: Member, orgId: string, field = 'toOrgId'): Promise<FieldProblem[]> {
  const problems = await checkMemberAgainstArchive(ctx.archive, { ...(m as unknown as MemberInput), orgId }, m.id);
  return problems.filter((p) => p.field === 'orgId').map((p) => ({ field, message: p.message }));
}

/** 镇内转接: the member moves to another branch of the township. */
export async function transferWithinTownship(ctx: ServiceContext, memberId: string, input: { toOrgId: string; date: string; note?: string | null }): Promise<MemberRecord> {
  await ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, memberId);
    requireOnRoll(m, '办理组织关系转接');
    requireNotPending(m, '再办理镇内转接');
    const problems = checkDate('date', '转接日期', input.date, ctx, sinceJoining(m));
    if (!input.toOrgId) problems.push({ field: 'toOrgId', message: '请选择转入的党支部' });
    else if (input.toOrgId === m.orgId) problems.push({ field: 'toOrgId', message: '转入的党支部与现在所在的党支部相同' });
    else problems.push(...(await checkBranch(ctx, m, input.toOrgId)));
    throwIf(problems, '不能转接');
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const id = newId();
    await ctx.archive.run(
      `INSERT INTO transfers(id, member_id, direction, status, transfer_date, from_org_id, to_org_id, note, seq, created_at, updated_at) VALUES (?, ?, 'internal', 'completed', ?, ?, ?, ?, ?, ?, ?)`,
      [id, memberId, input.date, m.orgId, input.toOrgId, cleanText(input.note), seq, now, now],
    );
    await ctx.archive.run('UPDATE members SET org_id = ?, seq = ?, updated_at = ? WHERE id = ?', [input.toOrgId, seq, now, memberId]);
    const t = await getTransfer(ctx, id);
    await recordLifeChange(ctx, {
      memberId, kind: 'transfer', eventDate: input.date, summary: `镇内组织关系转接:${t.fromOrgName} → ${t.toOrgName}`,
      before: { orgId: m.orgId }, after: { orgId: input.toOrgId, transferId: id }, action: 'transfer.internal', entity: 'transfers', entityId: id,
    });
  });
  return getMember(ctx, memberId);
}

export interface TransferOutInput {
  date: string; // 开出介绍信日期
  destination: string; // 转往党组织
  duesPaidTo: string; // 党费交至 YYYY-MM
  validityMonths?: number | null; // default: the rules table (3)
  note?: string | null;
}

/** 转出: an outgoing 介绍信 with the next running number of its year; the member is 转出待回执. */
export async function transferOut(ctx: ServiceContext, memberId: string, input: TransferOutInput): Promise<TransferRecord> {
  const id = newId();
  await ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, memberId);
    requireOnRoll(m, '办理组织关系转出');
    requireNotPending(m, '重复开具介绍信');
    const problems = checkDate('date', '转出日期', input.date, ctx, sinceJoining(m));
    const destination = cleanText(input.destination);
    if (!destination) problems.push({ field: 'destination', message: '请填写转往的党组织' });
    else if (destination.length > 200) problems.push({ field: 'destination', message: '转往的党组织名称太长(最多200字)' });
    const dues = (input.duesPaidTo ?? '').trim();
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(dues)) problems.push({ field: 'duesPaidTo', message: '党费交至年月应为 YYYY-MM,如 2026-10' });
    else if (dues < m.joinDate.slice(0, 7)) problems.push({ field: 'duesPaidTo', message: `党费交至年月不能早于入党年月 ${m.joinDate.slice(0, 7)}` });
    else if (isIsoDate(input.date) && dues > addMonths(input.date, 12).slice(0, 7)) problems.push({ field: 'duesPaidTo', message: '党费交至年月超过转出日期一年以上,请核对' });
    const rules = await getLifeRules(ctx);
    const validity = input.validityMonths ?? rules.letterValidityMonths;
    if (!Number.isInteger(validity) || validity < 1 || validity > 12) problems.push({ field: 'validityMonths', message: '介绍信有效期应为1至12个月' });
    throwIf(problems, '不能开具介绍信');
    const year = Number(input.date.slice(0, 4));
    const last = await ctx.archive.queryOne<{ n: number | null }>("SELECT max(letter_seq) AS n FROM transfers WHERE direction = 'out' AND letter_year = ?", [year]);
    const letterSeq = (last?.n ?? 0) + 1;
    const letterNumber = `〔${year}〕第${String(letterSeq).padStart(3, '0')}号`;
    const validUntil = addMonths(input.date, validity);
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    await ctx.archive.run(
      `INSERT INTO transfers(id, member_id, direction, status, transfer_date, letter_year, letter_seq, letter_number, from_org_id, destination, dues_paid_to, valid_until, note, seq, created_at, updated_at)
       VALUES (?, ?, 'out', 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, memberId, input.date, year, letterSeq, letterNumber, m.orgId, destination, dues, validUntil, cleanText(input.note), seq, now, now],
    );
    await ctx.archive.run('UPDATE members SET transfer_pending = 1, seq = ?, updated_at = ? WHERE id = ?', [seq, now, memberId]);
    await recordLifeChange(ctx, {
      memberId, kind: 'transfer', eventDate: input.date, summary: `开具组织关系介绍信 ${letterNumber}:转往 ${destination},党费交至 ${dues},有效期至 ${validUntil}(待回执)`,
      before: { transferPending: false }, after: { transferPending: true, transferId: id, letterNumber, destination, duesPaidTo: dues, validUntil }, action: 'transfer.out', entity: 'transfers', entityId: id,
    });
  });
  return getTransfer(ctx, id);
}

async function pendingOutgoing(ctx: ServiceContext, transferId: string): Promise<TransferRecord> {
  const t = await getTransfer(ctx, transferId);
  if (t.direction !== 'out') throw new DomainError('conflict', `这条记录是${labelOf('transferDirection', t.direction)},没有回执`);
  if (t.status !== 'pending') throw new DomainError('conflict', `介绍信 ${t.letterNumber} ${labelOf('transferStatus', t.status)},不能再办理`);
  return t;
}

/** 回执: the receiving organization confirmed; the member leaves with 出党方式 组织关系转出. */
export async function recordTransferReceipt(ctx: ServiceContext, transferId: string, input: { date: string; note?: string | null }): Promise<MemberRecord> {
  const t0 = await getTransfer(ctx, transferId);
  await ctx.archive.transaction(async () => {
    const t = await pendingOutgoing(ctx, transferId);
    const m = await getMemberRow(ctx, t.memberId);
    requireOnRoll(m, '登记回执');
    const problems = checkDate('date', '回执日期', input.date, ctx, sinceJoining(m));
    if (!problems.length && input.date < t.transferDate) problems.push({ field: 'date', message: `回执日期不能早于介绍信开出日期 ${t.transferDate}` });
    throwIf(problems, '不能登记回执');
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    await ctx.archive.run("UPDATE transfers SET status = 'completed', receipt_date = ?, note = coalesce(?, note), seq = ?, updated_at = ? WHERE id = ?", [input.date, cleanText(input.note), seq, now, transferId]);
    await ctx.archive.run('UPDATE members SET transfer_pending = 0, seq = ?, updated_at = ? WHERE id = ?', [seq, now, t.memberId]);
    await recordLifeChange(ctx, {
      memberId: t.memberId, kind: 'transfer', eventDate: input.date, summary: `收到介绍信 ${t.letterNumber} 的回执(${t.destination})`,
      before: { transferPending: true, status: 'pending' }, after: { transferPending: false, status: 'completed', receiptDate: input.date, transferId }, action: 'transfer.receipt', entity: 'transfers', entityId: transferId,
    });
    await exitMember(ctx, t.memberId, { reason: 'transfer_out', date: input.date, note: `介绍信 ${t.letterNumber},转往 ${t.destination}` });
  });
  return getMember(ctx, t0.memberId);
}

/** The letter came back unused or was withdrawn: the member stays, no longer pending. */
export async function cancelTransferOut(ctx: ServiceContext, transferId: string, input: { date: string; reason: string }): Promise<MemberRecord> {
  const t0 = await getTransfer(ctx, transferId);
  await ctx.archive.transaction(async () => {
    const t = await pendingOutgoing(ctx, transferId);
    const m = await getMemberRow(ctx, t.memberId);
    const problems = checkDate('date', '撤销日期', input.date, ctx, sinceJoining(m));
    if (!problems.length && input.date < t.transferDate) problems.push({ field: 'date', message: `撤销日期不能早于介绍信开出日期 ${t.transferDate}` });
    if (!cleanText(input.reason)) problems.push({ field: 'reason', message: '请填写撤销介绍信的原因' });
    throwIf(problems, '不能撤销介绍信');
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    await ctx.archive.run("UPDATE transfers SET status = 'cancelled', note = ?, seq = ?, updated_at = ? WHERE id = ?", [cleanText(input.reason), seq, now, transferId]);
    await ctx.archive.run('UPDATE members SET transfer_pending = 0, seq = ?, updated_at = ? WHERE id = ?', [seq, now, t.memberId]);
    await recordLifeChange(ctx, {
      memberId: t.memberId, kind: 'transfer', eventDate: input.date, summary: `撤销介绍信 ${t.letterNumber}:${cleanText(input.reason)}`,
      before: { transferPending: true, status: 'pending' }, after: { transferPending: false, status: 'cancelled', transferId }, action: 'transfer.cancel', entity: 'transfers', entityId: transferId,
    });
  });
  return getMember(ctx, t0.memberId);
}

/** Who holds this ID number in the archive (to match a returning member before transferring in). */
export async function findMemberByIdNumber(ctx: ServiceContext, idNumber: string): Promise<MemberRecord | null> {
  const parsed = parseIdNumber(idNumber ?? '');
  if (!parsed.ok) return null;
  const row = await ctx.archive.queryOne<{ id: string }>('SELECT id FROM members WHERE id_number = ?', [parsed.info.idNumber]);
  return row ? getMember(ctx, row.id) : null;
}

export interface TransferInInput {
  date: string; // 转入日期
  letterNumber: string; // 介绍信编号 as received
  origin: string; // 转出党组织
  orgId: string; // the receiving branch here
  duesPaidTo?: string | null;
  note?: string | null;
  /** The member's record: all of it for a newcomer; for a returning member only what changed. */
  member: Partial<MemberInput> & { idNumber: string };
}

/** 转入: receive a member; a returning one (same 公民身份号码, left by 组织关系转出) is restored, not duplicated. */
export async function transferIn(ctx: ServiceContext, input: TransferInInput): Promise<{ member: MemberRecord; returning: boolean; transfer: TransferRecord }> {
  const transferId = newId();
  let memberId = '';
  let returning = false;
  await ctx.archive.transaction(async () => {
    const problems: FieldProblem[] = checkDate('date', '转入日期', input.date, ctx);
    const letter = cleanText(input.letterNumber);
    const origin = cleanText(input.origin);
    if (!letter) problems.push({ field: 'letterNumber', message: '请填写介绍信编号' });
    if (!origin) problems.push({ field: 'origin', message: '请填写转出的党组织(介绍信的开出单位)' });
    if (!input.orgId) problems.push({ field: 'orgId', message: '请选择转入的党支部' });
    const dues = cleanText(input.duesPaidTo);
    if (dues && !/^\d{4}-(0[1-9]|1[0-2])$/.test(dues)) problems.push({ field: 'duesPaidTo', message: '党费交至年月应为 YYYY-MM,如 2026-10' });
    const parsed = parseIdNumber(input.member.idNumber ?? '');
    const existing = parsed.ok ? await ctx.archive.queryOne<{ id: string }>('SELECT id FROM members WHERE id_number = ?', [parsed.info.idNumber]) : undefined;
    if (existing) {
      const old = await getMemberRow(ctx, existing.id);
      if (!old.exitReason) {
        const org = await ctx.archive.queryOne<{ name: string }>('SELECT name FROM organizations WHERE id = ?', [old.orgId]);
        throw new ValidationError([{ field: 'idNumber', message: `公民身份号码 ${old.idNumber} 已是本镇在册党员“${old.name}”(${org?.name ?? ''}),不能重复转入` }]);
      }
      if (old.exitReason !== 'transfer_out') {
        throw new ValidationError([{ field: 'idNumber', message: `公民身份号码 ${old.idNumber} 对应的“${old.name}”已于 ${old.exitDate} ${labelOf('exitReason', old.exitReason)},不能以组织关系转入恢复` }]);
      }
      if (isIsoDate(input.date) && input.date < (old.exitDate ?? '')) problems.push({ field: 'date', message: `转入日期不能早于其转出本镇的日期 ${old.exitDate}` });
      problems.push(...(await checkBranch(ctx, old, input.orgId, 'orgId')));
      throwIf(problems, '不能转入');
      returning = true;
      memberId = old.id;
      const seq = await ctx.archive.changeSeq();
      const before = { exitReason: old.exitReason, exitDate: old.exitDate, exitNote: old.exitNote, orgId: old.orgId };
      const after = { exitReason: null, exitDate: null, exitNote: null, orgId: input.orgId };
      await ctx.archive.run('UPDATE members SET exit_reason = NULL, exit_date = NULL, exit_note = NULL, org_id = ?, transfer_pending = 0, seq = ?, updated_at = ? WHERE id = ?', [input.orgId, seq, nowIso(), old.id]);
      await recordLifeChange(ctx, {
        memberId: old.id, kind: 'restored', eventDate: input.date, summary: `组织关系转回本镇:介绍信 ${letter},来自 ${origin}(恢复原档案,原于 ${old.exitDate} 转出)`,
        before, after: { ...after, transferId }, action: 'transfer.in.returning', entity: 'members', entityId: old.id,
      });
      const { idNumber: _ignored, ...patch } = input.member;
      void _ignored;
      const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      if (Object.keys(changes).length) await updateMember(ctx, old.id, changes);
    } else {
      if (isIsoDate(input.date) && input.member.joinDate && isIsoDate(input.member.joinDate) && input.date < input.member.joinDate) {
        problems.push({ field: 'date', message: `转入日期不能早于入党日期 ${input.member.joinDate}` });
      }
      throwIf(problems, '不能转入');
      const created = await createMember(ctx, { ...(input.member as MemberInput), orgId: input.orgId });
      memberId = created.id;
    }
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    await ctx.archive.run(
      `INSERT INTO transfers(id, member_id, direction, status, transfer_date, letter_number, to_org_id, origin, dues_paid_to, note, seq, created_at, updated_at)
       VALUES (?, ?, 'in', 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [transferId, memberId, input.date, letter, input.orgId, origin, dues, cleanText(input.note), seq, now, now],
    );
    if (!returning) {
      await recordLifeChange(ctx, {
        memberId, kind: 'transfer', eventDate: input.date, summary: `组织关系转入:介绍信 ${letter},来自 ${origin}`,
        before: null, after: { transferId, letterNumber: letter, origin, orgId: input.orgId }, action: 'transfer.in', entity: 'transfers', entityId: transferId,
      });
    }
  });
  return { member: await getMember(ctx, memberId), returning, transfer: await getTransfer(ctx, transferId) };
}

/** Letters past their validity without a 回执 (for the office to chase). */
export function isLetterOverdue(t: TransferRecord, ctx: ServiceContext): boolean {
  return t.direction === 'out' && t.status === 'pending' && !!t.validUntil && t.validUntil < todayOf(ctx);
}
