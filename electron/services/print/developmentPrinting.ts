// Data for the development and yearly-work print templates (print/activistRecordHtml, publicityNoticeHtml,
// fullMembershipVoteHtml, reviewResultsHtml), read from the pipeline (development/pipeline.ts), the
// 预备期 decisions (probation.ts) and the 民主评议 grid (development/reviews.ts). The templates are pure
// functions of what these return.
import { todayOf, type ServiceContext } from '../core/context';
import { labelOf } from '../core/codes';
import { DomainError } from '../core/errors';
import { getSetup } from '../core/settings';
import { getOrg } from '../organizations/organizations';
import { getMember } from '../members/members';
import { probationStatus } from '../members/life/probation';
import { getDevRecord, listDevPeople, STAGE_LABELS, workingDays, type DevStage } from '../development/pipeline';
import { appraisalGrid, DISPOSAL_LABELS, GRADE_LABELS, GRADES } from '../development/reviews';
import type { ActivistRecordData } from './activistRecordHtml';
import type { PublicityNoticeData } from './publicityNoticeHtml';
import type { FullMembershipVoteData } from './fullMembershipVoteHtml';
import type { ReviewResultsData } from './reviewResultsHtml';

async function issuingOrgName(ctx: ServiceContext): Promise<string> {
  const setup = await getSetup(ctx);
  return setup.township ? `中共${setup.township.name}委员会` : '';
}

async function memberNames(ctx: ServiceContext, ids: string[]): Promise<string[]> {
  const names: string[] = [];
  for (const id of ids) {
    const m = await ctx.archive.queryOne<{ name: string }>('SELECT name FROM members WHERE id = ?', [id]);
    names.push(m?.name ?? id);
  }
  return names;
}

const LATER_STEPS = new Set(['political_review', 'training', 'candidate', 'publicity', 'admit', 'approve', 'withdraw']);

/** 积极分子培养考察登记表 of one person of the pipeline who became an activist (at any later stage too). */
export async function activistRecordData(ctx: ServiceContext, personId: string): Promise<ActivistRecordData> {
  const record = await getDevRecord(ctx, personId);
  const p = record.person;
  // A voided step was a mistake: the printed form shows what stands.
  const steps = record.steps.filter((s) => !s.voidedAt);
  if (!p.activistDate) {
    throw new DomainError('conflict', `${p.name}目前是${STAGE_LABELS[p.stage as DevStage] ?? p.stage},尚未确定为入党积极分子,还没有培养考察登记表`);
  }
  const setup = await getSetup(ctx);
  const activistStep = steps.find((s) => s.kind === 'activist');
  const contactIds = (activistStep?.detail?.contacts as string[] | undefined) ?? p.contacts;
  return {
    township: setup.township ? `${setup.township.name}党委` : '',
    printedOn: todayOf(ctx),
    person: {
      name: p.name, gender: labelOf('gender', p.gender), ethnicity: labelOf('ethnicity', p.ethnicity), birthDate: p.birthDate, idNumber: p.idNumber,
      education: labelOf('education', p.education), occupation: labelOf('occupation', p.occupation), orgName: p.orgName, phone: p.phone ?? '', address: p.address ?? '',
      stage: STAGE_LABELS[p.stage as DevStage] ?? p.stage,
    },
    applicationDate: p.applicationDate,
    talkDate: p.talkDate ?? '',
    activistDate: p.activistDate,
    contacts: await memberNames(ctx, contactIds),
    reviews: steps.filter((s) => s.kind === 'review').map((s) => ({ date: s.stepDate, by: s.decidedBy ?? '', note: String(s.detail?.note ?? '') })),
    laterSteps: steps.filter((s) => LATER_STEPS.has(s.kind)).map((s) => {
      const extra = [
        s.kind === 'training' && s.detail?.hours ? `${String(s.detail.hours)}学时` : '',
        s.kind === 'publicity' && s.detail?.endDate ? `至 ${String(s.detail.endDate)}` : '',
        s.decidedBy ?? '',
      ].filter(Boolean);
      return { date: s.stepDate, text: `${s.label}${extra.length ? `(${extra.join(',')})` : ''}` };
    }),
  };
}

/** 发展对象公示 of a branch: its people at the 发展对象 stage, and the 公示 period they recorded. */
export async function publicityNoticeData(ctx: ServiceContext, orgId: string): Promise<PublicityNoticeData> {
  const org = await getOrg(ctx, orgId);
  const people = await listDevPeople(ctx, { stage: 'candidate', orgId });
  const starts = people.map((p) => p.publicityStart).filter((d): d is string => !!d).sort();
  const ends = people.map((p) => p.publicityEnd).filter((d): d is string => !!d).sort();
  const period = starts.length && ends.length ? { start: starts[0], end: ends[ends.length - 1], workdays: workingDays(starts[0], ends[ends.length - 1]) } : null;
  return {
    orgName: org.name,
    issuingOrgName: await issuingOrgName(ctx),
    printedOn: todayOf(ctx),
    period,
    people: people.map((p) => ({
      name: p.name, gender: labelOf('gender', p.gender), birthMonth: p.birthDate.slice(0, 7), ethnicity: labelOf('ethnicity', p.ethnicity),
      education: labelOf('education', p.education), occupation: labelOf('occupation', p.occupation),
      applicationDate: p.applicationDate, activistDate: p.activistDate ?? '', candidateDate: p.candidateDate ?? '',
    })),
  };
}

/** 转正表决结果 of a member whose 转正 the 支部大会 voted on (the latest such decision). */
export async function fullMembershipVoteData(ctx: ServiceContext, memberId: string): Promise<FullMembershipVoteData> {
  const m = await getMember(ctx, memberId);
  const status = await probationStatus(ctx, memberId);
  const decision = status.decisions.filter((d) => d.kind === 'full').pop();
  if (!decision) throw new DomainError('conflict', `${m.name}还没有转正的支部大会表决记录(${labelOf('memberCategory', m.category)})`);
  const extension = status.decisions.find((d) => d.kind === 'extend');
  return {
    orgName: m.orgName,
    issuingOrgName: await issuingOrgName(ctx),
    printedOn: todayOf(ctx),
    member: { name: m.name, gender: labelOf('gender', m.gender), ethnicity: labelOf('ethnicity', m.ethnicity), birthDate: m.birthDate, education: labelOf('education', m.education), joinDate: m.joinDate },
    probationEnd: decision.probationEnd,
    extension: extension ? { months: extension.extendMonths ?? 0, meetingDate: extension.meetingDate } : null,
    meetingDate: decision.meetingDate,
    vote: { entitled: decision.entitled, present: decision.present, yes: decision.yes, no: decision.no, abstain: decision.abstain },
    fullDate: m.fullDate ?? decision.probationEnd,
    note: decision.note ?? '',
  };
}

/** 民主评议 results of a branch for a year: every member of the grid with their grade, and the counts. */
export async function reviewResultsData(ctx: ServiceContext, orgId: string, year: number): Promise<ReviewResultsData> {
  const org = await getOrg(ctx, orgId);
  const grid = await appraisalGrid(ctx, year, orgId);
  const probationary = (c: string) => c === 'probationary';
  return {
    orgName: org.name,
    year,
    printedOn: todayOf(ctx),
    rows: grid.map((r) => ({
      name: r.name,
      category: labelOf('memberCategory', r.category),
      grade: probationary(r.category) ? '不评定等次' : r.grade ? GRADE_LABELS[r.grade] : '未评定',
      disposal: r.disposal ? DISPOSAL_LABELS[r.disposal] : '',
      note: r.note ?? '',
    })),
    counts: GRADES.map((g) => ({ label: GRADE_LABELS[g], count: grid.filter((r) => r.grade === g && !probationary(r.category)).length })),
    graded: grid.filter((r) => r.grade && !probationary(r.category)).length,
    notGraded: grid.filter((r) => probationary(r.category)).length,
    pending: grid.filter((r) => !r.grade && !probationary(r.category)).length,
  };
}
