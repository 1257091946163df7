// 发展党员: 入党申请人 → 入党积极分子 → 发展对象 → (支部大会) 预备党员, then 党委审批. Every transition stores
// its date, who decided and its documents, checks the time rules (rules.ts) and is written in ONE
// transaction with its audit entry. Admission creates the 预备党员 through members.ts (so the member rules
// still apply) with 入党日期 = the 支部大会 date, and copies the whole development history onto the member
// as history events; the person's record keeps a link to the member.
import { newId } from '../core/ids';
import { nowIso, todayOf, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { DomainError, ValidationError, notFound } from '../core/errors';
import { isCode, labelOf } from '../core/codes';
import { parseIdNumber, ID_PROBLEM_ZH } from '../members/idNumber';
import { addYears, cleanName } from '../members/memberRules';
import { checkDate, isIsoDate } from '../core/validation';
import { MEMBER_HOLDING_TYPES } from '../organizations/organizations';
import { addMonths, cleanText } from '../members/life/lifeCommon';
import { recordMemberEvents } from '../members/memberEvents';
import { createMember, getMember, type MemberRecord } from '../members/members';
import { checkVote, type VoteInput } from '../members/life/probation';
import { storeContent, filesDir, MAX_FILE_BYTES } from '../members/memberFiles';
import { getDevRules, RuleCheck } from './rules';
import type { FieldProblem } from '../core/errors';

export const DEV_STAGES = ['applicant', 'activist', 'candidate', 'admitted', 'withdrawn'] as const;
export type DevStage = (typeof DEV_STAGES)[number];
export const STAGE_LABELS: Record<DevStage, string> = { applicant: '入党申请人', activist: '入党积极分子', candidate: '发展对象', admitted: '已接收为预备党员', withdrawn: '已终止培养' };

export const STEP_LABELS: Record<string, string> = {
  apply: '递交入党申请书', talk: '与申请人谈话', activist: '确定为入党积极分子', review: '积极分子考察', candidate: '确定为发展对象',
  political_review: '政治审查', training: '集中培训', publicity: '公示', admit: '支部大会接收为预备党员', approve: '党委审批', withdraw: '终止培养',
};

export interface DocumentInput {
  name: string;
  date: string;
  fileName?: string | null;
  mime?: string | null;
  contentBase64?: string | null;
}

export interface DevPersonView {
  id: string;
  name: string;
  gender: string;
  idNumber: string;
  ethnicity: string;
  birthDate: string;
  education: string;
  occupation: string;
  phone: string | null;
  address: string | null;
  orgId: string;
  orgName: string;
  stage: string;
  applicationDate: string;
  talkDate: string | null;
  activistDate: string | null;
  lastReviewDate: string | null;
  candidateDate: string | null;
  contacts: string[];
  introducers: string[];
  politicalReviewDate: string | null;
  trainingHours: number | null;
  trainingEndDate: string | null;
  publicityStart: string | null;
  publicityEnd: string | null;
  meetingDate: string | null;
  approvalDate: string | null;
  memberId: string | null;
  note: string | null;
}

export interface DevStepView {
  id: string;
  kind: string;
  label: string;
  stepDate: string;
  decidedBy: string | null;
  detail: Record<string, unknown> | null;
  warnings: string[];
  /** Set when the step was recorded by mistake and voided; the timeline keeps it with the reason. */
  voidedAt: string | null;
  voidReason: string | null;
  documents: { id: string; name: string; docDate: string; fileName: string | null; mime: string | null; size: number | null; sha256: string | null }[];
}

export interface DevRecord {
  person: DevPersonView;
  steps: DevStepView[];
}

export interface TransitionResult {
  record: DevRecord;
  warnings: string[];
  member?: MemberRecord;
}

const PERSON_SELECT = `SELECT p.id, p.name, p.gender, p.id_number AS idNumber, p.ethnicity, p.birth_date AS birthDate, p.education, p.occupation, p.phone, p.address,
  p.org_id AS orgId, o.name AS orgName, p.stage, p.application_date AS applicationDate, p.talk_date AS talkDate, p.activist_date AS activistDate,
  p.last_review_date AS lastReviewDate, p.candidate_date AS candidateDate, p.contacts, p.introducers, p.political_review_date AS politicalReviewDate,
  p.training_hours AS trainingHours, p.training_end_date AS trainingEndDate, p.publicity_start AS publicityStart, p.publicity_end AS publicityEnd,
  p.meeting_date AS meetingDate, p.approval_date AS approvalDate, p.member_id AS memberId, p.note
  FROM dev_people p JOIN organizations o ON o.id = p.org_id`;

type PersonRow = Omit<DevPersonView, 'contacts' | 'introducers'> & { contacts: string | null; introducers: string | null };
const toView = (r: PersonRow): DevPersonView => ({ ...r, contacts: r.contacts ? JSON.parse(r.contacts) : [], introducers: r.introducers ? JSON.parse(r.introducers) : [] });

export async function getDevPerson(ctx: ServiceContext, id: string): Promise<DevPersonView> {
  const row = await ctx.archive.queryOne<PersonRow>(`${PERSON_SELECT} WHERE p.id = ?`, [id]);
  if (!row) throw notFound('发展对象档案', id);
  return toView(row);
}

export async function getDevRecord(ctx: ServiceContext, id: string): Promise<DevRecord> {
  const person = await getDevPerson(ctx, id);
  const steps = await ctx.archive.query<{ id: string; kind: string; step_date: string; decided_by: string | null; detail: string | null; warnings: string | null; voided_at: string | null; void_reason: string | null }>(
    'SELECT id, kind, step_date, decided_by, detail, warnings, voided_at, void_reason FROM dev_steps WHERE person_id = ? ORDER BY step_date, created_at', [id]);
  const docs = await ctx.archive.query<{ id: string; step_id: string | null; name: string; doc_date: string; file_name: string | null; mime: string | null; size: number | null; sha256: string | null }>(
    'SELECT id, step_id, name, doc_date, file_name, mime, size, sha256 FROM dev_documents WHERE person_id = ? ORDER BY doc_date, created_at', [id]);
  return {
    person,
    steps: steps.map((s) => ({
      id: s.id, kind: s.kind, label: STEP_LABELS[s.kind] ?? s.kind, stepDate: s.step_date, decidedBy: s.decided_by,
      detail: s.detail ? JSON.parse(s.detail) : null, warnings: s.warnings ? JSON.parse(s.warnings) : [], voidedAt: s.voided_at, voidReason: s.void_reason,
      documents: docs.filter((d) => d.step_id === s.id).map((d) => ({ id: d.id, name: d.name, docDate: d.doc_date, fileName: d.file_name, mime: d.mime, size: d.size, sha256: d.sha256 })),
    })),
  };
}

export interface DevListQuery {
  stage?: string | null;
  orgId?: string | null;
}

export async function listDevPeople(ctx: ServiceContext, q: DevListQuery = {}): Promise<DevPersonView[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.stage) {
    where.push('p.stage = ?');
    params.push(q.stage);
  }
  if (q.orgId) {
    where.push('p.org_id = ?');
    params.push(q.orgId);
  }
  const rows = await ctx.archive.query<PersonRow>(`${PERSON_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.application_date, p.name`, params);
  return rows.map(toView);
}

export async function devStageCounts(ctx: ServiceContext): Promise<Record<string, number>> {
  const rows = await ctx.archive.query<{ stage: string; n: number }>('SELECT stage, count(*) AS n FROM dev_people GROUP BY stage');
  return Object.fromEntries(DEV_STAGES.map((s) => [s, rows.find((r) => r.stage === s)?.n ?? 0]));
}

// ---- writing ----

function checkDocuments(docs: DocumentInput[] | undefined, today: string, problems: FieldProblem[]): void {
  for (const [i, d] of (docs ?? []).entries()) {
    if (!cleanText(d.name)) problems.push({ field: `documents.${i}.name`, message: `第${i + 1}份材料缺少名称` });
    problems.push(...checkDate(`documents.${i}.date`, `材料“${d.name}”的日期`, d.date, today));
    if (d.contentBase64) {
      const size = Math.floor((d.contentBase64.length * 3) / 4);
      if (size > MAX_FILE_BYTES) problems.push({ field: `documents.${i}.file`, message: `材料“${d.name}”的文件太大,单个文件最大 20 MB` });
      if (!['application/pdf', 'image/png', 'image/jpeg'].includes(d.mime ?? '')) problems.push({ field: `documents.${i}.file`, message: `材料“${d.name}”只能上传 PDF、JPG 或 PNG 格式的扫描件` });
    }
  }
}

async function insertDocuments(ctx: ServiceContext, personId: string, stepId: string | null, docs: DocumentInput[] | undefined): Promise<void> {
  const seq = await ctx.archive.changeSeq();
  for (const d of docs ?? []) {
    let file: { sha: string; size: number } | null = null;
    if (d.contentBase64) {
      const content = Buffer.from(d.contentBase64, 'base64');
      file = { sha: storeContent(filesDir(ctx), content), size: content.length };
    }
    await ctx.archive.run('INSERT INTO dev_documents(id, person_id, step_id, name, doc_date, file_name, mime, size, sha256, seq, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)', [
      newId(), personId, stepId, cleanText(d.name), d.date, file ? (cleanText(d.fileName) ?? 'scan') : null, file ? d.mime : null, file?.size ?? null, file?.sha ?? null, seq, nowIso(),
    ]);
  }
}

async function insertStep(ctx: ServiceContext, personId: string, kind: string, stepDate: string, decidedBy: string | null, detail: Record<string, unknown> | null, warnings: string[], docs?: DocumentInput[]): Promise<string> {
  const id = newId();
  await ctx.archive.run('INSERT INTO dev_steps(id, person_id, kind, step_date, decided_by, detail, warnings, seq, created_at) VALUES (?,?,?,?,?,?,?,?,?)', [
    id, personId, kind, stepDate, decidedBy, detail ? JSON.stringify(detail) : null, warnings.length ? JSON.stringify(warnings) : null, await ctx.archive.changeSeq(), nowIso(),
  ]);
  await insertDocuments(ctx, personId, id, docs);
  return id;
}

async function updatePerson(ctx: ServiceContext, id: string, fields: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(fields);
  await ctx.archive.run(`UPDATE dev_people SET ${cols.map((c) => `${c} = ?`).join(', ')}, seq = ?, updated_at = ? WHERE id = ?`, [
    ...cols.map((c) => fields[c]), await ctx.archive.changeSeq(), nowIso(), id,
  ]);
}

export interface ApplicantInput {
  name: string;
  gender: string;
  idNumber: string;
  ethnicity: string;
  birthDate: string;
  education: string;
  occupation: string;
  phone?: string | null;
  address?: string | null;
  orgId: string;
  applicationDate: string;
  note?: string | null;
  documents?: DocumentInput[];
}

/** 入党申请人: the person and the 入党申请书. The applicant must be of age on the application date. */
export async function createApplicant(ctx: ServiceContext, input: ApplicantInput): Promise<TransitionResult> {
  const today = todayOf(ctx);
  const rules = await getDevRules(ctx);
  const check = new RuleCheck(rules);
  const name = cleanName(input.name ?? '');
  if (!name) check.problem('name', '请填写姓名');
  const parsed = parseIdNumber(input.idNumber ?? '');
  if (!parsed.ok) check.problem('idNumber', ID_PROBLEM_ZH[parsed.problem]);
  for (const [f, list, label] of [['gender', 'gender', '性别'], ['ethnicity', 'ethnicity', '民族'], ['education', 'education', '学历'], ['occupation', 'occupation', '职业']] as const) {
    if (!isCode(list, input[f])) check.problem(f, `请选择${label}`);
  }
  if (parsed.ok && isIsoDate(input.birthDate) && parsed.info.birthDate !== input.birthDate) check.problem('birthDate', `出生日期与公民身份号码不一致(身份证上是 ${parsed.info.birthDate})`);
  if (parsed.ok && parsed.info.gender !== input.gender && isCode('gender', input.gender)) check.problem('gender', '性别与公民身份号码不一致');
  const applicationDate = checkDate('applicationDate', '入党申请书日期', input.applicationDate, today);
  check.problems.push(...applicationDate);
  if (applicationDate.length === 0 && isIsoDate(input.birthDate)) {
    const age = rules.applicantAge.value;
    const adult = addYears(input.birthDate, age);
    if (input.applicationDate < adult) check.broken('applicantAge', 'applicationDate', `出生日期 ${input.birthDate},年满${age}周岁之日为 ${adult},入党申请书日期为 ${input.applicationDate}`);
  }
  checkDocuments(input.documents, today, check.problems);
  check.throwIfRefused('不能登记入党申请人');
  const id = newId();
  await ctx.archive.transaction(async () => {
    const org = await ctx.archive.queryOne<{ name: string; type: string; status: string }>('SELECT name, type, status FROM organizations WHERE id = ?', [input.orgId]);
    if (!org) throw new ValidationError([{ field: 'orgId', message: '请选择党支部' }]);
    if (!MEMBER_HOLDING_TYPES.has(org.type) || org.status !== 'active') throw new ValidationError([{ field: 'orgId', message: `“${org.name}”不是在用的党支部,入党申请人应由党支部培养` }]);
    const idNumber = parsed.ok ? parsed.info.idNumber : input.idNumber;
    const member = await ctx.archive.queryOne<{ name: string }>('SELECT name FROM members WHERE id_number = ?', [idNumber]);
    if (member) throw new ValidationError([{ field: 'idNumber', message: `公民身份号码与党员“${member.name}”相同,已是党员` }]);
    const dup = await ctx.archive.queryOne<{ name: string; stage: string }>('SELECT name, stage FROM dev_people WHERE id_number = ?', [idNumber]);
    if (dup) throw new ValidationError([{ field: 'idNumber', message: `公民身份号码与已登记的“${dup.name}”(${STAGE_LABELS[dup.stage as DevStage] ?? dup.stage})相同` }]);
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const fields = {
      name, gender: input.gender, idNumber, ethnicity: input.ethnicity, birthDate: input.birthDate, education: input.education, occupation: input.occupation,
      phone: cleanText(input.phone), address: cleanText(input.address), orgId: input.orgId, stage: 'applicant', applicationDate: input.applicationDate, note: cleanText(input.note),
    };
    await ctx.archive.run(
      `INSERT INTO dev_people(id, name, gender, id_number, ethnicity, birth_date, education, occupation, phone, address, org_id, stage, application_date, note, seq, created_at, updated_at)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      [id, ...Object.values(fields), seq, now, now],
    );
    const docs = input.documents?.length ? input.documents : [{ name: '入党申请书', date: input.applicationDate }];
    await insertStep(ctx, id, 'apply', input.applicationDate, org.name, null, [], docs);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'development.apply', entity: 'dev_people', entityId: id, before: null, after: fields }]);
  });
  return { record: await getDevRecord(ctx, id), warnings: check.warnings };
}

export interface StepInput {
  date: string;
  decidedBy?: string | null;
  note?: string | null;
  documents?: DocumentInput[];
}

async function requireStage(ctx: ServiceContext, id: string, stages: DevStage[], operation: string): Promise<DevPersonView> {
  const p = await getDevPerson(ctx, id);
  if (!stages.includes(p.stage as DevStage)) {
    throw new DomainError('conflict', `${p.name}目前是${STAGE_LABELS[p.stage as DevStage] ?? p.stage},不能${operation}(需为${stages.map((s) => STAGE_LABELS[s]).join('或')})`);
  }
  return p;
}

/** Shared shape of a transition: load + stage check, rule checks, then one transaction. */
async function transition(
  ctx: ServiceContext,
  id: string,
  spec: { stages: DevStage[]; operation: string; kind: string; input: StepInput; check: (p: DevPersonView, c: RuleCheck) => Promise<void> | void; apply: (p: DevPersonView, stepId: string) => Promise<Record<string, unknown>>; detail?: Record<string, unknown> },
): Promise<TransitionResult> {
  const today = todayOf(ctx);
  const result = await ctx.archive.transaction(async () => {
    const p = await requireStage(ctx, id, spec.stages, spec.operation);
    const check = new RuleCheck(await getDevRules(ctx));
    const date = checkDate('date', `${STEP_LABELS[spec.kind]}日期`, spec.input.date, today, { notBefore: [[p.applicationDate, '入党申请书日期']] });
    check.problems.push(...date);
    if (date.length === 0) await spec.check(p, check);
    checkDocuments(spec.input.documents, today, check.problems);
    check.throwIfRefused(`不能${spec.operation}`);
    const decidedBy = cleanText(spec.input.decidedBy);
    const detail = { ...(spec.detail ?? {}), ...(cleanText(spec.input.note) ? { note: cleanText(spec.input.note) } : {}) };
    const stepId = await insertStep(ctx, id, spec.kind, spec.input.date, decidedBy, Object.keys(detail).length ? detail : null, check.warnings, spec.input.documents);
    const changes = await spec.apply(p, stepId);
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, (p as unknown as Record<string, unknown>)[snakeToCamel(k)] ?? null]));
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: `development.${spec.kind}`, entity: 'dev_people', entityId: id, before, after: { ...changes, stepId, date: spec.input.date, decidedBy, warnings: check.warnings } }]);
    return check.warnings;
  });
  return { record: await getDevRecord(ctx, id), warnings: result };
}

const snakeToCamel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** 谈话: within the rule's months of the application (advisory by default: a late talk is still recorded). */
export function recordTalk(ctx: ServiceContext, id: string, input: StepInput): Promise<TransitionResult> {
  return transition(ctx, id, {
    stages: ['applicant'], operation: '登记谈话', kind: 'talk', input,
    check: (p, c) => {
      const months = c.rule('talkWithinMonths').value;
      const due = addMonths(p.applicationDate, months);
      if (input.date > due) c.broken('talkWithinMonths', 'date', `入党申请书日期 ${p.applicationDate},应在 ${due} 前谈话,谈话日期为 ${input.date}`);
    },
    apply: async (p) => {
      await updatePerson(ctx, p.id, { talk_date: input.date });
      return { talk_date: input.date };
    },
  });
}

async function checkFullMembers(ctx: ServiceContext, ids: string[], field: string, label: string, c: RuleCheck, ruleKey: string, min: number, max: number, onDate: string): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length < min || unique.length > max) {
    c.broken(ruleKey, field, `现指定了 ${unique.length} 名${label}`);
    return;
  }
  for (const mid of unique) {
    const m = await ctx.archive.queryOne<{ name: string; category: string; exit_reason: string | null; exit_date: string | null; full_date: string | null }>(
      'SELECT name, category, exit_reason, exit_date, full_date FROM members WHERE id = ?', [mid]);
    if (!m) c.problem(field, `${label}不在党员档案中(${mid})`);
    else if (m.exit_reason) c.broken(ruleKey, field, `${label}${m.name}已于 ${m.exit_date} ${labelOf('exitReason', m.exit_reason)}`);
    else if (m.category !== 'formal' || (m.full_date && m.full_date > onDate)) c.broken(ruleKey, field, `${label}${m.name}在 ${onDate} 不是正式党员(${labelOf('memberCategory', m.category)}${m.full_date ? `,转正日期 ${m.full_date}` : ''})`);
  }
}

/** 确定为入党积极分子: after the talk, the application old enough, with 1–2 full members as 培养联系人. */
export function makeActivist(ctx: ServiceContext, id: string, input: StepInput & { contacts: string[] }): Promise<TransitionResult> {
  return transition(ctx, id, {
    stages: ['applicant'], operation: '确定为入党积极分子', kind: 'activist', input, detail: { contacts: input.contacts },
    check: async (p, c) => {
      if (!p.talkDate) c.problem('date', `${p.name}尚未登记谈话:应先派人同申请人谈话,再确定为入党积极分子`);
      else if (input.date < p.talkDate) c.problem('date', `确定积极分子日期(${input.date})不能早于谈话日期 ${p.talkDate}`);
      const months = c.rule('applicationMonths').value;
      const earliest = addMonths(p.applicationDate, months);
      if (input.date < earliest) c.broken('applicationMonths', 'date', `入党申请书日期 ${p.applicationDate},最早可于 ${earliest} 确定为积极分子,填写的日期为 ${input.date}`);
      const rule = c.rule('contacts');
      await checkFullMembers(ctx, input.contacts ?? [], 'contacts', '培养联系人', c, 'contacts', rule.value, rule.maxValue ?? rule.value, input.date);
    },
    apply: async (p) => {
      const changes = { stage: 'activist', activist_date: input.date, contacts: JSON.stringify([...new Set(input.contacts)]) };
      await updatePerson(ctx, p.id, changes);
      return changes;
    },
  });
}

/** 积极分子考察 (every six months): recorded with its date and who reviewed. */
export function recordActivistReview(ctx: ServiceContext, id: string, input: StepInput): Promise<TransitionResult> {
  return transition(ctx, id, {
    stages: ['activist'], operation: '登记考察', kind: 'review', input,
    check: (p, c) => {
      if (p.activistDate && input.date < p.activistDate) c.problem('date', `考察日期(${input.date})不能早于确定积极分子日期 ${p.activistDate}`);
    },
    apply: async (p) => {
      const latest = p.lastReviewDate && p.lastReviewDate > input.date ? p.lastReviewDate : input.date;
      await updatePerson(ctx, p.id, { last_review_date: latest });
      return { last_review_date: latest };
    },
  });
}

/** 确定为发展对象: at least the rule's months (one year) of cultivation since becoming an activist. */
export function makeCandidate(ctx: ServiceContext, id: string, input: StepInput): Promise<TransitionResult> {
  return transition(ctx, id, {
    stages: ['activist'], operation: '确定为发展对象', kind: 'candidate', input,
    check: (p, c) => {
      const months = c.rule('cultivationMonths').value;
      const earliest = addMonths(p.activistDate!, months);
      if (input.date < earliest) {
        c.broken('cultivationMonths', 'date', `确定为入党积极分子日期 ${p.activistDate},培养期满之日为 ${earliest},确定为发展对象的日期为 ${input.date}`);
      }
    },
    apply: async (p) => {
      await updatePerson(ctx, p.id, { stage: 'candidate', candidate_date: input.date });
      return { stage: 'candidate', candidate_date: input.date };
    },
  });
}

/** 政治审查: the conclusion's date (valid for the rule's months). */
export function recordPoliticalReview(ctx: ServiceContext, id: string, input: StepInput): Promise<TransitionResult> {
  return transition(ctx, id, {
    stages: ['activist', 'candidate'], operation: '登记政治审查', kind: 'political_review', input,
    check: () => undefined,
    apply: async (p) => {
      await updatePerson(ctx, p.id, { political_review_date: input.date });
      return { political_review_date: input.date };
    },
  });
}

/** 集中培训: hours and the day it ended; hours add up over several sessions. */
export function recordTraining(ctx: ServiceContext, id: string, input: StepInput & { hours: number }): Promise<TransitionResult> {
  return transition(ctx, id, {
    stages: ['activist', 'candidate'], operation: '登记集中培训', kind: 'training', input, detail: { hours: input.hours },
    check: (_p, c) => {
      if (!Number.isInteger(input.hours) || input.hours < 1 || input.hours > 500) c.problem('hours', '培训学时应为1至500的整数');
    },
    apply: async (p) => {
      const changes = { training_hours: (p.trainingHours ?? 0) + input.hours, training_end_date: p.trainingEndDate && p.trainingEndDate > input.date ? p.trainingEndDate : input.date };
      await updatePerson(ctx, p.id, changes);
      return changes;
    },
  });
}

/** Mondays to Fridays from start to end, both included (public holidays are not known to the archive). */
export function workingDays(start: string, end: string): number {
  let n = 0;
  for (let t = Date.parse(start); t <= Date.parse(end); t += 86_400_000) {
    const day = new Date(t).getUTCDay();
    if (day !== 0 && day !== 6) n++;
  }
  return n;
}

/** 公示: from start to end; input.date is the start. */
export function recordPublicity(ctx: ServiceContext, id: string, input: StepInput & { endDate: string }): Promise<TransitionResult> {
  return transition(ctx, id, {
    stages: ['candidate'], operation: '登记公示', kind: 'publicity', input, detail: { endDate: input.endDate },
    check: (p, c) => {
      if (!isIsoDate(input.endDate) || input.endDate < input.date) {
        c.problem('endDate', '请填写公示结束日期(不早于开始日期)');
        return;
      }
      if (p.candidateDate && input.date < p.candidateDate) c.problem('date', `公示开始日期(${input.date})不能早于确定为发展对象日期 ${p.candidateDate}`);
      const need = c.rule('publicityWorkdays').value;
      const have = workingDays(input.date, input.endDate);
      if (have < need) c.broken('publicityWorkdays', 'endDate', `公示自 ${input.date} 至 ${input.endDate},只有 ${have} 个工作日`);
    },
    apply: async (p) => {
      await updatePerson(ctx, p.id, { publicity_start: input.date, publicity_end: input.endDate });
      return { publicity_start: input.date, publicity_end: input.endDate };
    },
  });
}

export interface AdmitInput extends StepInput {
  vote: VoteInput;
  introducers: string[];
}

/**
 * 支部大会接收为预备党员: every earlier rule checked (介绍人, 政审 within validity, 培训学时, 公示 ended before
 * the meeting, the vote); creates the 预备党员 (入党日期 = the meeting date) and copies the development history
 * onto the member — all in one transaction.
 */
export async function admitProbationary(ctx: ServiceContext, id: string, input: AdmitInput): Promise<TransitionResult> {
  let memberId = '';
  const res = await transition(ctx, id, {
    stages: ['candidate'], operation: '提交支部大会接收为预备党员', kind: 'admit', input, detail: { vote: input.vote, introducers: input.introducers },
    check: async (p, c) => {
      const d = input.date;
      if (p.candidateDate && d < p.candidateDate) c.problem('date', `支部大会日期(${d})不能早于确定为发展对象日期 ${p.candidateDate}`);
      const intro = c.rule('introducers');
      await checkFullMembers(ctx, input.introducers ?? [], 'introducers', '入党介绍人', c, 'introducers', intro.value, intro.value, d);
      const validity = c.rule('politicalReviewMonths').value;
      if (!p.politicalReviewDate) c.broken('politicalReviewMonths', 'politicalReview', '尚未登记政治审查结论');
      else if (p.politicalReviewDate > d) c.broken('politicalReviewMonths', 'politicalReview', `政审结论日期 ${p.politicalReviewDate} 晚于支部大会日期 ${d}`);
      else if (addMonths(p.politicalReviewDate, validity) < d) c.broken('politicalReviewMonths', 'politicalReview', `政审结论日期 ${p.politicalReviewDate},有效期至 ${addMonths(p.politicalReviewDate, validity)},支部大会日期为 ${d}`);
      const hours = c.rule('trainingHours').value;
      if ((p.trainingHours ?? 0) < hours || (p.trainingEndDate && p.trainingEndDate > d)) c.broken('trainingHours', 'training', `已登记培训 ${p.trainingHours ?? 0} 学时${p.trainingEndDate ? `(至 ${p.trainingEndDate})` : ''}`);
      if (!p.publicityEnd) c.broken('publicityWorkdays', 'publicity', '尚未登记公示');
      else if (p.publicityEnd >= d) c.broken('publicityWorkdays', 'publicity', `公示至 ${p.publicityEnd} 结束,支部大会日期为 ${d}`);
      for (const v of checkVote(input.vote)) c.problem(`vote.${v.field}`, `支部大会表决:${v.message}`);
    },
    apply: async (p, stepId) => {
      const member = await createMember(ctx, {
        name: p.name, gender: p.gender, idNumber: p.idNumber, ethnicity: p.ethnicity, birthDate: p.birthDate, education: p.education, occupation: p.occupation,
        phone: p.phone, address: p.address, orgId: p.orgId, category: 'probationary', joinDate: input.date, fullDate: null,
        remarks: null,
      });
      memberId = member.id;
      await updatePerson(ctx, p.id, { stage: 'admitted', meeting_date: input.date, introducers: JSON.stringify([...new Set(input.introducers)]), member_id: member.id });
      await copyHistoryToMember(ctx, p.id, member.id, stepId);
      return { stage: 'admitted', meeting_date: input.date, member_id: member.id };
    },
  });
  return { ...res, member: await getMember(ctx, memberId) };
}

/** Every development step becomes a dated history event of the member (kind 'development'). */
async function copyHistoryToMember(ctx: ServiceContext, personId: string, memberId: string, admitStepId: string): Promise<void> {
  const record = await getDevRecord(ctx, personId);
  await recordMemberEvents(ctx.archive, record.steps.filter((s) => !s.voidedAt).map((s) => ({
    memberId, kind: 'development' as const, eventDate: s.stepDate, actor: ctx.actor,
    summary: `发展党员:${s.label}${s.decidedBy ? `(${s.decidedBy})` : ''}${s.documents.length ? `,材料:${s.documents.map((d) => d.name).join('、')}` : ''}${s.id === admitStepId ? `,入党日期 ${s.stepDate}` : ''}`,
    before: null, after: { devPersonId: personId, stepId: s.id, kind: s.kind, detail: s.detail },
  })));
}

/** 党委审批: within the rule's months of the 支部大会 (longer up to the maximum with a warning; beyond it refused). */
export async function approveAdmission(ctx: ServiceContext, id: string, input: StepInput): Promise<TransitionResult> {
  return transition(ctx, id, {
    stages: ['admitted'], operation: '登记党委审批', kind: 'approve', input,
    check: (p, c) => {
      if (p.approvalDate) c.problem('date', `已于 ${p.approvalDate} 登记党委审批`);
      const d = input.date;
      const meeting = p.meetingDate!;
      if (d < meeting) {
        c.problem('date', `党委审批日期(${d})不能早于支部大会日期 ${meeting}`);
        return;
      }
      const rule = c.rule('approvalMonths');
      const normal = addMonths(meeting, rule.value);
      const latest = addMonths(meeting, rule.maxValue ?? rule.value);
      if (d > latest) c.broken('approvalMonths', 'date', `支部大会 ${meeting} 通过,最迟应于 ${latest} 前审批,审批日期为 ${d}`);
      else if (d > normal) c.warnings.push(`超过“${rule.label}”的正常时限:${rule.text}。支部大会 ${meeting} 通过,应于 ${normal} 前审批,审批日期为 ${d}(已超过${rule.value}个月,请在材料中注明延长审批的原因)`);
    },
    apply: async (p, stepId) => {
      await updatePerson(ctx, p.id, { approval_date: input.date });
      if (p.memberId) {
        await recordMemberEvents(ctx.archive, [{
          memberId: p.memberId, kind: 'development', eventDate: input.date, actor: ctx.actor, summary: `发展党员:党委审批同意接收为预备党员${cleanText(input.decidedBy) ? `(${cleanText(input.decidedBy)})` : ''}`,
          before: null, after: { devPersonId: p.id, stepId, kind: 'approve' },
        }]);
      }
      return { approval_date: input.date };
    },
  });
}

/** 终止培养: the person leaves the pipeline; the record stays. */
export function withdrawDevelopment(ctx: ServiceContext, id: string, input: StepInput): Promise<TransitionResult> {
  return transition(ctx, id, {
    stages: ['applicant', 'activist', 'candidate'], operation: '终止培养', kind: 'withdraw', input,
    check: (_p, c) => {
      if (!cleanText(input.note)) c.problem('note', '请填写终止培养的原因');
    },
    apply: async (p) => {
      await updatePerson(ctx, p.id, { stage: 'withdrawn' });
      return { stage: 'withdrawn' };
    },
  });
}

/** A document added to a step later (a scan that arrived after the step was recorded). */
export async function addDevDocument(ctx: ServiceContext, input: { personId: string; stepId?: string | null } & DocumentInput): Promise<DevRecord> {
  const problems: FieldProblem[] = [];
  checkDocuments([input], todayOf(ctx), problems);
  if (problems.length) throw new ValidationError(problems, '不能添加材料');
  await ctx.archive.transaction(async () => {
    await getDevPerson(ctx, input.personId);
    if (input.stepId) {
      const s = await ctx.archive.queryOne('SELECT id FROM dev_steps WHERE id = ? AND person_id = ?', [input.stepId, input.personId]);
      if (!s) throw notFound('发展步骤', input.stepId);
    }
    await insertDocuments(ctx, input.personId, input.stepId ?? null, [input]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'development.document', entity: 'dev_documents', entityId: input.personId, before: null, after: { name: input.name, date: input.date, stepId: input.stepId ?? null, file: input.fileName ?? null } }]);
  });
  return getDevRecord(ctx, input.personId);
}

