// Members: add, edit, exit. A member is never deleted; leaving the party is an exit with a coded
// reason (死亡, 组织关系转出, 停止党籍 …) and the record stays in the archive with its whole history.
import { newId } from '../core/ids';
import { eq } from 'drizzle-orm';
import { members, organizations } from '../../../db/schema';
import type { Member } from '../../../db/schema';
import { nowIso, todayOf, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { DomainError, ValidationError, notFound } from '../core/errors';
import { isCode, labelOf } from '../core/codes';
import { parseIdNumber } from './idNumber';
import { educationGroupOf, occupationClassOf } from './nationalCodes';
import { nameSearchKeys } from './searchKeys';
import { lastEventDate, recordMemberEvents } from './memberEvents';
import { checkMemberAgainstArchive, checkMemberRecord, cleanName, FIELD_LABELS, isIsoDate, type MemberInput } from './memberRules';
import type { FieldProblem } from '../core/errors';

export type MemberRecord = Omit<Member, 'pinyinFull' | 'pinyinInitials'> & { orgName: string };

const EDITABLE_FIELDS = [
  'name', 'gender', 'idNumber', 'ethnicity', 'birthDate', 'education', 'category', 'orgId', 'joinDate', 'fullDate',
  'occupation', 'jobTitle', 'phone', 'address', 'isMobile', 'isLost', 'lostReason', 'lostDate', 'nativePlace',
  'degree', 'workStartDate', 'workUnit', 'householdPlace', 'remarks',
  'educationLevel', 'jobPost', 'newSocialStratum', 'professionalTitle', 'isMigrantWorker', 'currentResidence', 'partyAgeAdjustMonths',
  'joinType', 'fullStatus', 'joinBranch', 'probationExtensionMonths', 'mobileProvince', 'mobileCity', 'mobileCounty', 'lostMonth',
] as const satisfies readonly (keyof MemberInput)[];

/** Bring a clerk's input into stored form: trimmed, empty → null, ID number normalized. */
export function normalizeMemberInput(input: MemberInput): MemberInput {
  const text = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v.trim());
  const parsed = parseIdNumber(input.idNumber ?? '');
  const educationLevel = text(input.educationLevel);
  const jobPost = text(input.jobPost);
  return {
    ...input,
    // A leaf decides its group and class, so the two can never disagree with it.
    education: (educationLevel && educationGroupOf(educationLevel)) ?? input.education,
    occupation: (jobPost && occupationClassOf(jobPost)) ?? input.occupation,
    educationLevel,
    jobPost,
    newSocialStratum: text(input.newSocialStratum),
    professionalTitle: text(input.professionalTitle),
    isMigrantWorker: input.isMigrantWorker ?? false,
    currentResidence: text(input.currentResidence),
    partyAgeAdjustMonths: input.partyAgeAdjustMonths ?? null,
    joinType: text(input.joinType),
    fullStatus: text(input.fullStatus),
    joinBranch: text(input.joinBranch),
    probationExtensionMonths: input.probationExtensionMonths ?? null,
    mobileProvince: text(input.mobileProvince),
    mobileCity: text(input.mobileCity),
    mobileCounty: text(input.mobileCounty),
    lostMonth: input.isLost ? text(input.lostMonth) : null,
    name: cleanName(input.name ?? ''),
    idNumber: parsed.ok ? parsed.info.idNumber : (input.idNumber ?? '').trim(),
    fullDate: text(input.fullDate),
    jobTitle: text(input.jobTitle),
    phone: text(input.phone)?.replace(/\s/g, '') ?? null,
    address: text(input.address),
    isMobile: input.isMobile ?? false,
    isLost: input.isLost ?? false,
    lostReason: input.isLost ? text(input.lostReason) : null,
    lostDate: input.isLost ? text(input.lostDate) : null,
    nativePlace: text(input.nativePlace),
    degree: text(input.degree),
    workStartDate: text(input.workStartDate),
    workUnit: text(input.workUnit),
    householdPlace: text(input.householdPlace),
    remarks: text(input.remarks),
  };
}

/** Every problem of a would-be record, for the form's inline messages; nothing is written. */
export async function validateMember(ctx: ServiceContext, input: MemberInput, id: string | null = null): Promise<FieldProblem[]> {
  const clean = normalizeMemberInput(input);
  const own = checkMemberRecord(clean, todayOf(ctx));
  const stored = await checkMemberAgainstArchive(ctx.archive, clean, id);
  return [...own, ...stored.filter((s) => !own.some((o) => o.field === s.field))];
}

export async function getMemberRow(ctx: ServiceContext, id: string): Promise<Member> {
  const row = await ctx.archive.db.select().from(members).where(eq(members.id, id)).get();
  if (!row) throw notFound('党员', id);
  return row;
}

export async function getMember(ctx: ServiceContext, id: string): Promise<MemberRecord> {
  const row = await ctx.archive.db
    .select({ member: members, orgName: organizations.name })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.orgId))
    .where(eq(members.id, id))
    .get();
  if (!row) throw notFound('党员', id);
  const { pinyinFull: _f, pinyinInitials: _i, ...rest } = row.member;
  void _f;
  void _i;
  return { ...rest, orgName: row.orgName };
}

function pickEditable(source: Partial<MemberInput>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of EDITABLE_FIELDS) if (source[f] !== undefined) out[f] = source[f] ?? null;
  return out;
}

/** Where a change came from when it is not the clerk's own typing (信息比对 with a national export): shown in history and audit. */
export interface ChangeSource {
  source?: string;
}

export async function createMember(ctx: ServiceContext, input: MemberInput, options: ChangeSource = {}): Promise<MemberRecord> {
  const clean = normalizeMemberInput(input);
  const own = checkMemberRecord(clean, todayOf(ctx));
  if (own.length) throw new ValidationError(own, '党员信息有误');
  const id = newId();
  await ctx.archive.transaction(async () => {
    const stored = await checkMemberAgainstArchive(ctx.archive, clean, null);
    if (stored.length) throw new ValidationError(stored, '党员信息有误');
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const fields = pickEditable(clean);
    await ctx.archive.db.insert(members).values({ ...fields, id, ...nameSearchKeys(clean.name), seq, createdAt: now, updatedAt: now } as typeof members.$inferInsert);
    await recordMemberEvents(ctx.archive, [
      { memberId: id, kind: 'created', eventDate: todayOf(ctx), actor: ctx.actor, summary: options.source ? `建立党员档案(${options.source})` : '建立党员档案', before: null, after: fields },
    ]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'member.create', entity: 'members', entityId: id, before: null, after: options.source ? { ...fields, source: options.source } : fields }]);
  });
  return getMember(ctx, id);
}

function describeChange(field: string, before: unknown, after: unknown): string {
  const codeList: Record<string, Parameters<typeof labelOf>[0]> = {
    gender: 'gender', ethnicity: 'ethnicity', education: 'education', occupation: 'occupation', category: 'memberCategory', degree: 'degree', lostReason: 'lostReason',
  };
  const show = (v: unknown) => {
    if (v === null || v === undefined || v === '') return '(空)';
    if (typeof v === 'boolean') return v ? '是' : '否';
    return codeList[field] ? labelOf(codeList[field], String(v)) : String(v);
  };
  return `${FIELD_LABELS[field] ?? field}:${show(before)} → ${show(after)}`;
}

export async function updateMember(ctx: ServiceContext, id: string, patch: Partial<MemberInput>, options: ChangeSource = {}): Promise<MemberRecord> {
  await ctx.archive.transaction(async () => {
    const current = await getMemberRow(ctx, id);
    const merged = normalizeMemberInput({ ...(pickEditable(current as unknown as MemberInput) as unknown as MemberInput), ...patch });
    const problems = [...checkMemberRecord(merged, todayOf(ctx)), ...(await checkMemberAgainstArchive(ctx.archive, merged, id))];
    if (problems.length) throw new ValidationError(problems, '党员信息有误');
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const next = pickEditable(merged);
    const prev = pickEditable(current as unknown as MemberInput);
    for (const f of EDITABLE_FIELDS) {
      if ((prev[f] ?? null) !== (next[f] ?? null)) {
        before[f] = prev[f] ?? null;
        after[f] = next[f] ?? null;
      }
    }
    if (Object.keys(after).length === 0) return;
    if (current.exitReason && 'orgId' in after) {
      throw new ValidationError([{ field: 'orgId', message: `该党员已于 ${current.exitDate} ${labelOf('exitReason', current.exitReason)},不能再调整所在党支部` }]);
    }
    const seq = await ctx.archive.changeSeq();
    const keys = 'name' in after ? nameSearchKeys(merged.name) : {};
    await ctx.archive.db.update(members).set({ ...after, ...keys, seq, updatedAt: nowIso() }).where(eq(members.id, id));
    const moved = 'orgId' in after;
    let summary = Object.keys(after).filter((f) => f !== 'orgId').map((f) => describeChange(f, before[f], after[f])).join(';');
    if (moved) {
      const names = await ctx.archive.query<{ id: string; name: string }>('SELECT id, name FROM organizations WHERE id IN (?, ?)', [before.orgId, after.orgId]);
      const nameOf = (v: unknown) => names.find((n) => n.id === v)?.name ?? String(v);
      summary = [`所在党支部:${nameOf(before.orgId)} → ${nameOf(after.orgId)}`, summary].filter(Boolean).join(';');
    }
    if (options.source) summary = `${summary}(${options.source})`;
    await recordMemberEvents(ctx.archive, [{ memberId: id, kind: moved ? 'moved' : 'edited', eventDate: todayOf(ctx), actor: ctx.actor, summary, before, after }]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'member.update', entity: 'members', entityId: id, before, after: options.source ? { ...after, source: options.source } : after }]);
  });
  return getMember(ctx, id);
}

export interface ExitInput {
  reason: string; // codes.exitReason
  date: string;
  note?: string | null;
}

/** 出党: the member leaves the roll with a coded reason and date; the record stays. */
export async function exitMember(ctx: ServiceContext, id: string, input: ExitInput): Promise<MemberRecord> {
  const issues: FieldProblem[] = [];
  if (!isCode('exitReason', input.reason)) issues.push({ field: 'reason', message: '请选择出党方式' });
  if (!isIsoDate(input.date)) issues.push({ field: 'date', message: '请填写有效的出党日期(YYYY-MM-DD)' });
  else if (input.date > todayOf(ctx)) issues.push({ field: 'date', message: '出党日期不能晚于今天' });
  if (issues.length) throw new ValidationError(issues);
  await ctx.archive.transaction(async () => {
    const m = await getMemberRow(ctx, id);
    if (m.exitReason) throw new DomainError('conflict', `${m.name}已于 ${m.exitDate} ${labelOf('exitReason', m.exitReason)},不能重复办理出党`);
    if (input.date < m.joinDate) throw new ValidationError([{ field: 'date', message: `出党日期不能早于入党日期 ${m.joinDate}` }]);
    const last = await lastEventDate(ctx.archive, id);
    if (last && input.date < last) throw new ValidationError([{ field: 'date', message: `出党日期不能早于该党员最近一次事项(转接、流动、失联、预备期等)的发生日期 ${last}` }]);
    if (input.reason === 'probation_cancelled' && m.category !== 'probationary') {
      throw new ValidationError([{ field: 'reason', message: '只有预备党员才能取消预备党员资格' }]);
    }
    const seq = await ctx.archive.changeSeq();
    const after = { exitReason: input.reason, exitDate: input.date, exitNote: input.note?.trim() || null };
    await ctx.archive.db.update(members).set({ ...after, seq, updatedAt: nowIso() }).where(eq(members.id, id));
    await recordMemberEvents(ctx.archive, [
      { memberId: id, kind: 'exited', eventDate: input.date, actor: ctx.actor, summary: `出党:${labelOf('exitReason', input.reason)}${after.exitNote ? `(${after.exitNote})` : ''}`, before: { exitReason: null }, after },
    ]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'member.exit', entity: 'members', entityId: id, before: { exitReason: null, exitDate: null }, after }]);
  });
  return getMember(ctx, id);
}
