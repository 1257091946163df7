// 发展党员 and the yearly cycle: the development pipeline (people, transitions, documents), the rule table,
// 待办 (reminders), 民主评议 with disposals, 半年一分析, 三年一登记, and 党费.
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { id, memberRecord, nullableText, optText, saidWords } from '../schemas';
import {
  addDevDocument, admitProbationary, approveAdmission, createApplicant, devStageCounts, getDevRecord, listDevPeople, makeActivist, makeCandidate,
  recordActivistReview, recordPoliticalReview, recordPublicity, recordTalk, recordTraining, withdrawDevelopment,
} from '../../services/development/pipeline';
import { listDevRules, setDevRule } from '../../services/development/rules';
import { correctDevStep, voidDevStep } from '../../services/development/stepCorrections';
import { countDueReminders, listReminders, REMINDER_KINDS } from '../../services/development/reminders';
import { REMINDER_SCOPES, remindersPrintList, remindersWorkbookList } from '../../services/development/remindersList';
import { groupedListHtml } from '../../services/print/groupedListHtml';
import { listWorkbook, safeFileName, XLSX_MIME } from '../../services/core/listWorkbook';
import { getSetup } from '../../services/core/settings';
import { duesStandardsGrid, setDuesStandards } from '../../services/development/duesStandards';
import { analysisGrid, disposalList, registrationGrid, saveAnalyses, saveRegistrations } from '../../services/development/yearlyRecords';
import { analysesPrintList, disposalsPrintList, registrationsPrintList } from '../../services/development/yearlyRecordsList';
import { appraisalGrid, correctAppraisal, getRegistrationOutcomes, listAnalyses, recordDisposal, reviewsSummary, saveAnalysis, saveAppraisals, saveRegistration, setRegistrationOutcomes } from '../../services/development/reviews';
import { DUES_RATE_TABLE, correctDuesPayment, duesGrid, duesSummary, saveDuesPayments, setDuesStandard } from '../../services/development/dues';

const day = z.string().max(20);
const document = z.object({ name: z.string().max(100), date: day, fileName: optText, mime: z.string().max(100).nullable().optional(), contentBase64: z.string().max(28_000_000).nullable().optional() });
const stepInput = { id, date: day, decidedBy: optText, note: optText, documents: z.array(document).max(20).optional() };
const appraisalSaved = z.object({ saved: z.number(), warnings: z.array(z.string()), needsDisposal: z.array(z.string()) });
const count = z.number().int().min(0).max(100000);
const vote = z.object({ entitled: count, present: count, yes: count, no: count, abstain: count });

const devPerson = z.object({
  id, name: z.string(), gender: z.string(), idNumber: z.string(), ethnicity: z.string(), birthDate: z.string(), education: z.string(), occupation: z.string(),
  phone: nullableText, address: nullableText, orgId: id, orgName: z.string(), stage: z.string(), applicationDate: z.string(), talkDate: nullableText,
  activistDate: nullableText, lastReviewDate: nullableText, candidateDate: nullableText, contacts: z.array(z.string()), introducers: z.array(z.string()),
  politicalReviewDate: nullableText, trainingHours: z.number().nullable(), trainingEndDate: nullableText, publicityStart: nullableText, publicityEnd: nullableText,
  meetingDate: nullableText, approvalDate: nullableText, memberId: nullableText, note: nullableText,
});
const devStep = z.object({
  id, kind: z.string(), label: z.string(), stepDate: z.string(), decidedBy: nullableText, detail: z.record(z.string(), z.unknown()).nullable(), warnings: z.array(z.string()),
  voidedAt: nullableText, voidReason: nullableText,
  documents: z.array(z.object({ id, name: z.string(), docDate: z.string(), fileName: nullableText, mime: nullableText, size: z.number().nullable(), sha256: nullableText })),
});
const devRecord = z.object({ person: devPerson, steps: z.array(devStep) });
const transitionResult = z.object({ record: devRecord, warnings: z.array(z.string()), member: memberRecord.optional() });

const devRule = z.object({
  key: z.string(), label: z.string(), labelEn: z.string(), unit: z.string(), value: z.number(), maxValue: z.number().nullable(), advisory: z.boolean(),
  defaultValue: z.number(), defaultMaxValue: z.number().nullable(), defaultAdvisory: z.boolean(), min: z.number(), max: z.number(), text: z.string(),
});

const reminder = z.object({
  kind: z.enum(REMINDER_KINDS), target: z.enum(['member', 'devPerson', 'villageMatter']), targetId: id, name: z.string(), orgId: id, orgName: z.string(), dueDate: z.string(), overdue: z.boolean(), text: z.string(), words: saidWords,
});
const reminders = z.object({
  asOf: z.string(), items: z.array(reminder), counts: z.record(z.string(), z.number()), dueCount: z.number(), overdueCount: z.number(), dueSoonCount: z.number(), greetingCount: z.number(),
});
const reminderFilter = z.object({ scope: z.enum(REMINDER_SCOPES).optional(), kind: z.enum(REMINDER_KINDS).nullable().optional() }).optional();
const printed = z.object({ html: z.string(), title: z.string() });
const period = z.string().max(10);
const categorised = { memberId: id, name: z.string(), category: z.string() };
const analysisSheet = z.object({ orgId: id, orgName: z.string(), period: z.string(), label: z.string(), rows: z.array(z.object({ ...categorised, note: nullableText })), analysed: z.number() });
const registrationSheet = z.object({
  orgId: id, orgName: z.string(), year: z.number(), outcomes: z.array(z.string()),
  rows: z.array(z.object({ ...categorised, outcome: nullableText, date: nullableText, note: nullableText })),
  summary: z.array(z.object({ outcome: z.string(), count: z.number() })), notRegistered: z.number(),
});
const disposalSheet = z.object({
  year: z.number(), orgName: nullableText,
  lines: z.array(z.object({ memberId: id, name: z.string(), orgName: z.string(), onRoll: z.boolean(), disposals: z.array(z.object({ id, kind: z.string(), label: z.string(), decidedDate: z.string(), deadline: nullableText, note: nullableText })) })),
  counts: z.array(z.object({ kind: z.string(), label: z.string(), count: z.number() })), pending: z.number(),
});
const townshipOf = async (ctx: Parameters<typeof getSetup>[0]) => (await getSetup(ctx)).township?.name ?? '';

const year = z.number().int().min(2000).max(2100);
const appraisalRow = z.object({ memberId: id, name: z.string(), category: z.string(), grade: nullableText, note: nullableText, disposal: nullableText });
const reviewRow = z.object({
  orgId: id, orgName: z.string(), excellent: z.number(), qualified: z.number(), basic: z.number(), unqualified: z.number(), graded: z.number(), notGraded: z.number(), excellentOverThird: z.boolean(), disposals: z.number(),
});
const reviewTotal = z.object({ excellent: z.number(), qualified: z.number(), basic: z.number(), unqualified: z.number(), graded: z.number(), notGraded: z.number(), disposals: z.number() });
const duesRow = z.object({
  memberId: id, name: z.string(), category: z.string(), basis: nullableText, monthlyFen: z.number().nullable(), paid: z.record(z.string(), z.number()),
  dueFen: z.number(), paidFen: z.number(), arrearsFen: z.number(), unpaidMonths: z.number(),
});
const duesSummaryRow = z.object({ orgId: id, orgName: z.string(), members: z.number(), dueFen: z.number(), paidFen: z.number(), arrearsFen: z.number(), membersInArrears: z.number() });
const duesTotal = z.object({ members: z.number(), dueFen: z.number(), paidFen: z.number(), arrearsFen: z.number(), membersInArrears: z.number() });

export const developmentCalls = {
  // ---- 发展党员 ----
  listDevPeople: defineCall({ access: 'read', input: z.object({ stage: z.string().max(20).nullable().optional(), orgId: id.nullable().optional() }).optional(), output: z.array(devPerson), run: (ctx, i) => listDevPeople(ctx, i ?? {}) }),
  devStageCounts: defineCall({ access: 'read', input: z.object({}).optional(), output: z.record(z.string(), z.number()), run: (ctx) => devStageCounts(ctx) }),
  getDevRecord: defineCall({ access: 'read', input: z.object({ id }), output: devRecord, run: (ctx, i) => getDevRecord(ctx, i.id) }),
  createApplicant: defineCall({
    access: 'write',
    input: z.object({
      name: z.string().max(60), gender: z.string().max(8), idNumber: z.string().max(40), ethnicity: z.string().max(8), birthDate: day, education: z.string().max(8), occupation: z.string().max(8),
      phone: optText, address: optText, orgId: z.string().max(64), applicationDate: day, note: optText, documents: z.array(document).max(20).optional(),
    }),
    output: transitionResult, run: (ctx, i) => createApplicant(ctx, i),
  }),
  // 作废 and 更正 of a step recorded by mistake, with the reason
  voidDevStep: defineCall({ access: 'write', input: z.object({ stepId: id, reason: z.string().max(500) }), output: devRecord, run: (ctx, i) => voidDevStep(ctx, i.stepId, i) }),
  correctDevStep: defineCall({
    access: 'write', input: z.object({ stepId: id, date: day.nullable().optional(), decidedBy: optText, note: optText, reason: z.string().max(500) }),
    output: transitionResult, run: (ctx, i) => correctDevStep(ctx, i.stepId, i),
  }),
  recordTalk: defineCall({ access: 'write', input: z.object(stepInput), output: transitionResult, run: (ctx, i) => recordTalk(ctx, i.id, i) }),
  makeActivist: defineCall({ access: 'write', input: z.object({ ...stepInput, contacts: z.array(id).max(5) }), output: transitionResult, run: (ctx, i) => makeActivist(ctx, i.id, i) }),
  recordActivistReview: defineCall({ access: 'write', input: z.object(stepInput), output: transitionResult, run: (ctx, i) => recordActivistReview(ctx, i.id, i) }),
  makeCandidate: defineCall({ access: 'write', input: z.object(stepInput), output: transitionResult, run: (ctx, i) => makeCandidate(ctx, i.id, i) }),
  recordPoliticalReview: defineCall({ access: 'write', input: z.object(stepInput), output: transitionResult, run: (ctx, i) => recordPoliticalReview(ctx, i.id, i) }),
  recordTraining: defineCall({ access: 'write', input: z.object({ ...stepInput, hours: z.number().int().min(0).max(10000) }), output: transitionResult, run: (ctx, i) => recordTraining(ctx, i.id, i) }),
  recordPublicity: defineCall({ access: 'write', input: z.object({ ...stepInput, endDate: day }), output: transitionResult, run: (ctx, i) => recordPublicity(ctx, i.id, i) }),
  admitProbationary: defineCall({ access: 'write', input: z.object({ ...stepInput, vote, introducers: z.array(id).max(5) }), output: transitionResult, run: (ctx, i) => admitProbationary(ctx, i.id, i) }),
  approveAdmission: defineCall({ access: 'write', input: z.object(stepInput), output: transitionResult, run: (ctx, i) => approveAdmission(ctx, i.id, i) }),
  withdrawDevelopment: defineCall({ access: 'write', input: z.object(stepInput), output: transitionResult, run: (ctx, i) => withdrawDevelopment(ctx, i.id, i) }),
  addDevDocument: defineCall({ access: 'write', input: document.extend({ personId: id, stepId: id.nullable().optional() }), output: devRecord, run: (ctx, i) => addDevDocument(ctx, i) }),
  // ---- rules ----
  listDevRules: defineCall({ access: 'read', input: z.object({}).optional(), output: z.array(devRule), run: (ctx) => listDevRules(ctx) }),
  setDevRule: defineCall({ access: 'rules', input: z.object({ key: z.string().max(40), value: z.number(), maxValue: z.number().nullable().optional(), advisory: z.boolean() }), output: devRule, run: (ctx, i) => setDevRule(ctx, i) }),
  // ---- 待办 ----
  reminders: defineCall({ access: 'read', input: z.object({}).optional(), output: reminders, run: (ctx) => listReminders(ctx) }),
  /** The 待办 badge: how much work is due, without the list. */
  remindersDue: defineCall({ access: 'read', input: z.object({}).optional(), output: z.object({ asOf: z.string(), dueCount: z.number() }), run: (ctx) => countDueReminders(ctx) }),
  // the list as shown (已超期 / 即将到期 / 政治生日, one kind), on A4 and as xlsx
  printReminders: defineCall({
    access: 'read', input: reminderFilter, output: z.object({ html: z.string(), title: z.string() }),
    run: async (ctx, i) => {
      const list = await remindersPrintList(ctx, await townshipOf(ctx), i ?? {});
      return { html: groupedListHtml(list), title: list.title };
    },
  }),
  exportReminders: defineCall({
    access: 'read', input: reminderFilter, output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), rows: z.number() }),
    run: async (ctx, i) => {
      const list = await remindersWorkbookList(ctx, await townshipOf(ctx), i ?? {});
      const bytes = await listWorkbook(list);
      return { fileName: safeFileName(`${list.title}_${list.asOf}.xlsx`), mimeType: XLSX_MIME, base64: bytes.toString('base64'), rows: list.groups.reduce((s, g) => s + g.rows.length, 0) };
    },
  }),
  // ---- 民主评议 and the yearly work ----
  appraisalGrid: defineCall({ access: 'read', input: z.object({ year, orgId: id }), output: z.array(appraisalRow), run: (ctx, i) => appraisalGrid(ctx, i.year, i.orgId) }),
  saveAppraisals: defineCall({
    access: 'write',
    input: z.object({ year, orgId: id, rows: z.array(z.object({ memberId: id, grade: z.string().max(20).nullable(), note: optText })).max(5000), reason: optText }),
    output: appraisalSaved,
    run: (ctx, i) => saveAppraisals(ctx, i),
  }),
  // one member's recorded grade of a year corrected, with its reason
  correctAppraisal: defineCall({
    access: 'write', input: z.object({ memberId: id, year, grade: z.string().max(20).nullable(), reason: z.string().max(500) }), output: appraisalSaved, run: (ctx, i) => correctAppraisal(ctx, i),
  }),
  recordDisposal: defineCall({
    access: 'write',
    input: z.object({ memberId: id, year, kind: z.string().max(20), decidedDate: day, deadline: optText, note: optText }),
    output: z.object({ id, memberId: id, appraisalId: nullableText, kind: z.string(), decidedDate: z.string(), deadline: nullableText, note: nullableText }),
    run: (ctx, i) => recordDisposal(ctx, i),
  }),
  reviewsSummary: defineCall({ access: 'read', input: z.object({ year }), output: z.object({ year: z.number(), branches: z.array(reviewRow), total: reviewTotal }), run: (ctx, i) => reviewsSummary(ctx, i.year) }),
  saveAnalysis: defineCall({ access: 'write', input: z.object({ memberId: id, period: z.string().max(10), note: z.string().max(2000) }), output: z.object({ id, period: z.string(), note: z.string() }), run: (ctx, i) => saveAnalysis(ctx, i) }),
  listAnalyses: defineCall({ access: 'read', input: z.object({ memberId: id }), output: z.array(z.object({ id, period: z.string(), note: z.string() })), run: (ctx, i) => listAnalyses(ctx, i.memberId) }),
  // a branch's 半年分析 in one grid, saved in one transaction; printed
  analysisGrid: defineCall({ access: 'read', input: z.object({ orgId: id, period }), output: analysisSheet, run: (ctx, i) => analysisGrid(ctx, i.orgId, i.period) }),
  saveAnalyses: defineCall({
    access: 'write', input: z.object({ orgId: id, period, rows: z.array(z.object({ memberId: id, note: z.string().max(2000) })).max(5000) }),
    output: z.object({ saved: z.number() }), run: (ctx, i) => saveAnalyses(ctx, i),
  }),
  printAnalyses: defineCall({ access: 'read', input: z.object({ orgId: id, period }), output: printed, run: async (ctx, i) => { const l = await analysesPrintList(ctx, i.orgId, i.period); return { html: groupedListHtml(l), title: l.title }; } }),
  // a branch's 三年一登记: outcomes per member and the branch's summary
  registrationGrid: defineCall({ access: 'read', input: z.object({ orgId: id, year }), output: registrationSheet, run: (ctx, i) => registrationGrid(ctx, i.orgId, i.year) }),
  saveRegistrations: defineCall({
    access: 'write', input: z.object({ orgId: id, year, date: day, rows: z.array(z.object({ memberId: id, outcome: z.string().max(40), note: optText })).max(5000) }),
    output: z.object({ saved: z.number() }), run: (ctx, i) => saveRegistrations(ctx, i),
  }),
  printRegistrations: defineCall({ access: 'read', input: z.object({ orgId: id, year }), output: printed, run: async (ctx, i) => { const l = await registrationsPrintList(ctx, i.orgId, i.year); return { html: groupedListHtml(l), title: l.title }; } }),
  // 不合格党员处置 of an appraisal year (a branch, or the township)
  disposalList: defineCall({ access: 'read', input: z.object({ year, orgId: id.nullable().optional() }), output: disposalSheet, run: (ctx, i) => disposalList(ctx, i.year, i.orgId) }),
  printDisposals: defineCall({
    access: 'read', input: z.object({ year, orgId: id.nullable().optional() }), output: printed,
    run: async (ctx, i) => { const l = await disposalsPrintList(ctx, i.year, i.orgId ?? null, await townshipOf(ctx)); return { html: groupedListHtml(l), title: l.title }; },
  }),
  registrationOutcomes: defineCall({ access: 'read', input: z.object({}).optional(), output: z.array(z.string()), run: (ctx) => getRegistrationOutcomes(ctx) }),
  // accounts (管理员, 安全管理员)
  setRegistrationOutcomes: defineCall({ access: 'rules', input: z.object({ outcomes: z.array(z.string().max(40)).max(10) }), output: z.array(z.string()), run: (ctx, i) => setRegistrationOutcomes(ctx, i.outcomes) }),
  saveRegistration: defineCall({ access: 'write', input: z.object({ memberId: id, year, outcome: z.string().max(40), date: day, note: optText }), output: z.object({ id }), run: (ctx, i) => saveRegistration(ctx, i) }),
  // ---- 党费 ----
  duesRateTable: defineCall({ access: 'read', input: z.object({}).optional(), output: z.unknown(), run: async () => DUES_RATE_TABLE }),
  // one member's 党费 basis
  setDuesStandard: defineCall({
    access: 'write',
    input: z.object({ memberId: id, fromMonth: z.string().max(10), basis: z.string().max(20), incomeFen: z.number().int().nullable().optional(), fixedFen: z.number().int().nullable().optional() }),
    output: z.object({ id, monthlyFen: z.number() }), run: (ctx, i) => setDuesStandard(ctx, i),
  }),
  // 月标准 of a whole branch in one grid
  duesStandardsGrid: defineCall({
    access: 'read', input: z.object({ orgId: id }),
    output: z.array(z.object({ memberId: id, name: z.string(), category: z.string(), fromMonth: nullableText, basis: nullableText, basisLabel: nullableText, incomeFen: z.number().nullable(), monthlyFen: z.number().nullable() })),
    run: (ctx, i) => duesStandardsGrid(ctx, i.orgId),
  }),
  setDuesStandards: defineCall({
    access: 'write',
    input: z.object({ orgId: id, fromMonth: z.string().max(10), rows: z.array(z.object({ memberId: id, basis: z.string().max(20), incomeFen: z.number().int().nullable().optional(), fixedFen: z.number().int().nullable().optional() })).max(5000) }),
    output: z.object({ saved: z.number() }), run: (ctx, i) => setDuesStandards(ctx, i),
  }),
  duesGrid: defineCall({ access: 'read', input: z.object({ year, orgId: id }), output: z.array(duesRow), run: (ctx, i) => duesGrid(ctx, i.year, i.orgId) }),
  saveDuesPayments: defineCall({
    access: 'write',
    input: z.object({ orgId: id, year, paidDate: day, entries: z.array(z.object({ memberId: id, month: z.string().max(10), amountFen: z.number().int().nullable() })).max(20000), confirmUnusual: z.boolean().optional(), reason: optText }),
    output: z.object({ saved: z.number() }), run: (ctx, i) => saveDuesPayments(ctx, i),
  }),
  // one recorded month's payment corrected (amountFen null: removed), with its reason
  correctDuesPayment: defineCall({
    access: 'write', input: z.object({ memberId: id, month: z.string().max(10), amountFen: z.number().int().nullable(), reason: z.string().max(500), confirmUnusual: z.boolean().optional() }),
    output: z.object({ saved: z.number() }), run: (ctx, i) => correctDuesPayment(ctx, i),
  }),
  duesSummary: defineCall({ access: 'read', input: z.object({ year }), output: z.object({ year: z.number(), branches: z.array(duesSummaryRow), total: duesTotal }), run: (ctx, i) => duesSummary(ctx, i.year) }),
};
