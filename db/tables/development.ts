// 发展党员 and the yearly cycle: people on the way to membership (入党申请人 → 入党积极分子 →
// 发展对象 → admitted as 预备党员), each stage transition with its date, who decided and its documents;
// the time rules as data; 民主评议, 不合格党员处置, 半年一分析, 三年一登记; 党费 standards and payments.
// Each row: text UUID key (newId()), ISO date text, `seq` of its last write. Money is kept in 分 (integers).
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { members, organizations } from '../schema';

/** A person in the development pipeline (not yet a member). Admission links the created member. */
export const devPeople = sqliteTable(
  'dev_people',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    gender: text('gender').notNull(), // codes.gender
    idNumber: text('id_number').notNull(), // 公民身份号码
    ethnicity: text('ethnicity').notNull(),
    birthDate: text('birth_date').notNull(),
    education: text('education').notNull(),
    occupation: text('occupation').notNull(),
    phone: text('phone'),
    address: text('address'),
    orgId: text('org_id').notNull().references(() => organizations.id), // the branch that cultivates the person
    // applicant | activist | candidate | admitted | withdrawn
    stage: text('stage').notNull(),
    applicationDate: text('application_date').notNull(), // 入党申请书 date
    talkDate: text('talk_date'), // 谈话 with the applicant
    activistDate: text('activist_date'), // 确定为入党积极分子
    lastReviewDate: text('last_review_date'), // latest half-yearly 考察
    candidateDate: text('candidate_date'), // 确定为发展对象
    contacts: text('contacts'), // JSON [memberId] 培养联系人
    introducers: text('introducers'), // JSON [memberId] 入党介绍人
    politicalReviewDate: text('political_review_date'), // 政审 concluded
    trainingHours: integer('training_hours'), // 集中培训学时
    trainingEndDate: text('training_end_date'),
    publicityStart: text('publicity_start'), // 公示
    publicityEnd: text('publicity_end'),
    meetingDate: text('meeting_date'), // 支部大会 that admitted = 入党日期
    approvalDate: text('approval_date'), // 党委审批
    memberId: text('member_id').references(() => members.id), // the 预备党员 record created by admission
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('dev_people_id_number').on(t.idNumber),
    index('dev_people_stage').on(t.stage, t.orgId),
    index('dev_people_member').on(t.memberId),
    index('dev_people_seq').on(t.seq),
  ],
);

/** One stage transition or recorded step of a person's development: date, who decided, details. */
export const devSteps = sqliteTable(
  'dev_steps',
  {
    id: text('id').primaryKey(),
    personId: text('person_id').notNull().references(() => devPeople.id),
    kind: text('kind').notNull(), // apply | talk | activist | review | candidate | political_review | training | publicity | admit | approve | withdraw
    stepDate: text('step_date').notNull(),
    decidedBy: text('decided_by'), // 支部委员会, 支部大会, 党委 …
    detail: text('detail'), // JSON: vote, hours, introducers …
    warnings: text('warnings'), // JSON [string]: advisory rules that were broken when it was recorded
    // A step recorded by mistake is voided, not deleted: the timeline keeps it, struck through, with why.
    voidedAt: text('voided_at'),
    voidReason: text('void_reason'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('dev_steps_person').on(t.personId, t.stepDate), index('dev_steps_seq').on(t.seq)],
);

/** The documents of a step: named items with dates, optionally a scan stored under files/<sha256>. */
export const devDocuments = sqliteTable(
  'dev_documents',
  {
    id: text('id').primaryKey(),
    personId: text('person_id').notNull().references(() => devPeople.id),
    stepId: text('step_id').references(() => devSteps.id),
    name: text('name').notNull(), // 入党申请书, 政审材料, 入党志愿书 …
    docDate: text('doc_date').notNull(),
    fileName: text('file_name'),
    mime: text('mime'),
    size: integer('size'),
    sha256: text('sha256'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('dev_documents_person').on(t.personId, t.docDate), index('dev_documents_seq').on(t.seq)],
);

/** The time rules of 发展党员 (and the yearly work) as data: value, whether advisory, editable by the administrator. */
export const devRules = sqliteTable('dev_rules', {
  key: text('key').primaryKey(),
  value: integer('value').notNull(),
  maxValue: integer('max_value'), // a second bound where the rule has one (党委审批 at most 6 months, 延长 12)
  advisory: integer('advisory', { mode: 'boolean' }).notNull().default(false),
  seq: integer('seq').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** 民主评议: one grade per member and year (预备党员 take part, no grade). */
export const appraisals = sqliteTable(
  'appraisals',
  {
    id: text('id').primaryKey(),
    year: integer('year').notNull(),
    memberId: text('member_id').notNull().references(() => members.id),
    orgId: text('org_id').notNull().references(() => organizations.id),
    grade: text('grade'), // excellent | qualified | basic | unqualified; null for 预备党员 (not graded)
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('appraisals_year_member').on(t.year, t.memberId), index('appraisals_year_org').on(t.year, t.orgId), index('appraisals_seq').on(t.seq)],
);

/** 不合格党员处置: 限期改正 (with a deadline), 劝其退党, 除名. */
export const disposals = sqliteTable(
  'disposals',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    appraisalId: text('appraisal_id').references(() => appraisals.id),
    kind: text('kind').notNull(), // correct | persuade | remove
    decidedDate: text('decided_date').notNull(),
    deadline: text('deadline'), // 限期改正 only
    outcome: text('outcome'),
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('disposals_member').on(t.memberId), index('disposals_seq').on(t.seq)],
);

/** 半年一分析: a note per member and half year (period '2026H1'). */
export const memberAnalyses = sqliteTable(
  'member_analyses',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    period: text('period').notNull(),
    note: text('note').notNull(),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('member_analyses_member_period').on(t.memberId, t.period), index('member_analyses_seq').on(t.seq)],
);

/** 三年一登记: outcome per member and registration round (the year it was held). */
export const registrations = sqliteTable(
  'registrations',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    year: integer('year').notNull(),
    outcome: text('outcome').notNull(), // configurable list, default 登记 / 暂缓登记 / 不予登记
    regDate: text('reg_date').notNull(),
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('registrations_member_year').on(t.memberId, t.year), index('registrations_seq').on(t.seq)],
);

/** 党费 standard: the monthly amount a member pays from a month on, and what it was computed from. */
export const duesStandards = sqliteTable(
  'dues_standards',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    fromMonth: text('from_month').notNull(), // YYYY-MM
    basis: text('basis').notNull(), // salary | retiree | farmer | student | unemployed | low_income
    income: integer('income'), // 分, monthly after-tax regular pay (salary / retiree)
    monthlyAmount: integer('monthly_amount').notNull(), // 分
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('dues_standards_member_month').on(t.memberId, t.fromMonth), index('dues_standards_seq').on(t.seq)],
);

/** 党费 payments, one row per member and month. */
export const duesPayments = sqliteTable(
  'dues_payments',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    orgId: text('org_id').notNull().references(() => organizations.id), // the branch it was paid in
    month: text('month').notNull(), // YYYY-MM
    amount: integer('amount').notNull(), // 分
    paidDate: text('paid_date').notNull(),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('dues_payments_member_month').on(t.memberId, t.month), index('dues_payments_org_month').on(t.orgId, t.month), index('dues_payments_seq').on(t.seq)],
);

export type DevPerson = typeof devPeople.$inferSelect;
export type DevStep = typeof devSteps.$inferSelect;
