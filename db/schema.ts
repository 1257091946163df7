// The archive's tables. Dates are ISO text (YYYY-MM-DD): offices think in calendar days, not instants,
// and text dates sort and compare correctly in SQLite.
// Keys are text UUIDs so that the county can merge many townships without collisions; `seq` is the
// install's change sequence number of the row's last write (see changeSequence.ts), which is what an
// incremental export to the county selects on.
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Key/value settings of this install: township code and name, role, UI preferences. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(), // JSON
  seq: integer('seq').notNull().default(0),
});

/** Counters of this install (the change sequence lives here). */
export const counters = sqliteTable('counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

/** Party organizations (党组织): a tree from the township 党委 down to branches and groups. */
export const organizations = sqliteTable(
  'organizations',
  {
    id: text('id').primaryKey(),
    parentId: text('parent_id'),
    name: text('name').notNull(),
    shortName: text('short_name'),
    type: text('type').notNull(), // codes.orgType
    sector: text('sector').notNull(), // codes.orgSector (组织类别)
    unitSituation: text('unit_situation').notNull(), // codes.unitSituation (所在单位情况)
    formation: text('formation'), // codes.formation (组建方式), joint organizations only
    adminCode: text('admin_code'), // 统计用区划代码, 12 digits
    secretaryId: text('secretary_id'), // a member
    contact: text('contact'),
    phone: text('phone'),
    foundedDate: text('founded_date'),
    status: text('status').notNull().default('active'), // codes.orgStatus; never deleted
    mergedIntoId: text('merged_into_id'),
    endedDate: text('ended_date'),
    rating: text('rating'), // 星级 / 五好
    weakTeam: integer('weak_team', { mode: 'boolean' }).notNull().default(false), // 班子软弱
    weakEconomy: integer('weak_economy', { mode: 'boolean' }).notNull().default(false), // 经济薄弱
    weakBase: integer('weak_base', { mode: 'boolean' }).notNull().default(false), // 基础脆弱
    firstSecretary: text('first_secretary'), // 第一书记
    sortOrder: integer('sort_order').notNull().default(0),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('organizations_parent').on(t.parentId, t.sortOrder), index('organizations_seq').on(t.seq)],
);

/** Member units (单位) of a joint organization: the villages, enterprises, departments it joins. */
export const orgUnits = sqliteTable(
  'org_units',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    kind: text('kind').notNull(), // codes.unitKind
    seq: integer('seq').notNull(),
  },
  (t) => [index('org_units_org').on(t.orgId)],
);

/** Party members. Never deleted: leaving is an exit reason and date. */
export const members = sqliteTable(
  'members',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    gender: text('gender').notNull(), // codes.gender
    idNumber: text('id_number').notNull(), // 公民身份号码, 18 characters
    ethnicity: text('ethnicity').notNull(), // codes.ethnicity
    birthDate: text('birth_date').notNull(),
    education: text('education').notNull(), // codes.education
    category: text('category').notNull(), // codes.memberCategory: 正式 / 预备
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    joinDate: text('join_date').notNull(), // 入党日期
    fullDate: text('full_date'), // 转正日期
    occupation: text('occupation').notNull(), // codes.occupation
    jobTitle: text('job_title'), // 工作岗位
    phone: text('phone'),
    address: text('address'),
    isMobile: integer('is_mobile', { mode: 'boolean' }).notNull().default(false), // 流动党员
    isLost: integer('is_lost', { mode: 'boolean' }).notNull().default(false), // 失联党员
    lostReason: text('lost_reason'), // codes.lostReason
    lostDate: text('lost_date'),
    exitReason: text('exit_reason'), // codes.exitReason; null while the member is on the roll (在册)
    exitDate: text('exit_date'),
    exitNote: text('exit_note'),
    nativePlace: text('native_place'), // 籍贯
    degree: text('degree'), // codes.degree
    workStartDate: text('work_start_date'),
    workUnit: text('work_unit'), // 工作单位及职务
    householdPlace: text('household_place'), // 户籍所在地
    photo: text('photo'), // content hash under files/
    isHardship: integer('is_hardship', { mode: 'boolean' }).notNull().default(false), // 困难党员: an open hardship record
    transferPending: integer('transfer_pending', { mode: 'boolean' }).notNull().default(false), // 转出待回执: on the roll until the 回执
    remarks: text('remarks'),
    // The national system's items (全国党员管理信息系统, domain.md "Member record — the national standard").
    // `education` and `occupation` stay the statistics group and bulletin class every count uses; the leaves below
    // are what the national system stores, and set those two whenever present. Records written before the leaves
    // existed keep their coarse values and a null leaf (数据校验 lists them to refine; nothing is guessed).
    educationLevel: text('education_level'), // codes.educationLevel (学历, the system's list)
    jobPost: text('job_post'), // codes.jobPost (工作岗位, a leaf)
    newSocialStratum: text('new_social_stratum'), // codes.newSocialStratum (新社会阶层类型)
    professionalTitle: text('professional_title'), // 从事专业技术职务
    isMigrantWorker: integer('is_migrant_worker', { mode: 'boolean' }).notNull().default(false), // 是否农民工
    currentResidence: text('current_residence'), // 现居住地
    partyAgeAdjustMonths: integer('party_age_adjust_months'), // 党龄校正值, months (may be negative)
    joinType: text('join_type'), // codes.joinType (入党类型)
    fullStatus: text('full_status'), // codes.fullStatus (转正情况)
    joinBranch: text('join_branch'), // 入党时所在支部
    probationExtensionMonths: integer('probation_extension_months'), // 延长预备期时间
    mobileProvince: text('mobile_province'), // 外出流向: 省
    mobileCity: text('mobile_city'), // 外出流向: 市
    mobileCounty: text('mobile_county'), // 外出流向: 县
    lostMonth: text('lost_month'), // 失去联系日期 as the national form has it (YYYY-MM) when no day is known
    // Search keys, written with the record so that typing in the search box is an index lookup.
    pinyinFull: text('pinyin_full').notNull(),
    pinyinInitials: text('pinyin_initials').notNull(),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('members_id_number').on(t.idNumber),
    index('members_org_exit_name').on(t.orgId, t.exitReason, t.pinyinFull),
    index('members_pinyin_full').on(t.pinyinFull),
    index('members_pinyin_initials').on(t.pinyinInitials),
    // The grid's usual sorts (name by pinyin, 入党日期, 出生日期) within a status, carrying the short coded fields
    // too, so that paging with a filter on 性别/学历/职业/民族/类别 is answered from the index alone.
    index('members_exit').on(t.exitReason, t.pinyinFull, t.gender, t.education, t.occupation, t.category, t.ethnicity),
    index('members_exit_join').on(t.exitReason, t.joinDate, t.gender, t.education, t.occupation, t.category, t.ethnicity),
    index('members_exit_birth').on(t.exitReason, t.birthDate, t.gender, t.education, t.occupation, t.category, t.ethnicity),
    // Small status views (流动, 失联, 预备) get partial indexes, so paging them never scans the roll.
    index('members_mobile').on(t.pinyinFull).where(sql`exit_reason IS NULL AND is_mobile = 1`),
    index('members_lost').on(t.pinyinFull).where(sql`exit_reason IS NULL AND is_lost = 1`),
    index('members_probationary').on(t.pinyinFull).where(sql`exit_reason IS NULL AND category = 'probationary'`),
    index('members_hardship').on(t.pinyinFull).where(sql`exit_reason IS NULL AND is_hardship = 1`),
    index('members_transfer_pending').on(t.pinyinFull).where(sql`exit_reason IS NULL AND transfer_pending = 1`),
    index('members_seq').on(t.seq),
  ],
);

// ---- A member's life (sub-records, probation, transfers, mobile, files). Each row: text UUID key, FK
// to the member, ISO date text, `seq` of its last write. Sub-records may be edited or removed; the
// removal is kept in the member's history and the audit log.

/** 职务: posts held, from/to. */
export const memberPosts = sqliteTable(
  'member_posts',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    title: text('title').notNull(), // 职务名称
    unit: text('unit'), // 单位
    fromDate: text('from_date').notNull(),
    toDate: text('to_date'),
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('member_posts_member').on(t.memberId, t.fromDate), index('member_posts_seq').on(t.seq)],
);

/** 奖惩: rewards and punishments. */
export const memberRewards = sqliteTable(
  'member_rewards',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    kind: text('kind').notNull(), // codes.rewardKind
    name: text('name').notNull(), // 名称
    date: text('date').notNull(),
    authority: text('authority'), // 批准机关
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('member_rewards_member').on(t.memberId, t.date), index('member_rewards_seq').on(t.seq)],
);

/** 困难情况: hardship; open while end_date is null (the member is then a 困难党员). */
export const memberHardships = sqliteTable(
  'member_hardships',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    kind: text('kind').notNull(), // codes.hardshipKind
    level: text('level').notNull(), // codes.hardshipLevel
    since: text('since').notNull(),
    endDate: text('end_date'),
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('member_hardships_member').on(t.memberId, t.since), index('member_hardships_seq').on(t.seq)],
);

/** 家庭成员. */
export const memberFamily = sqliteTable(
  'member_family',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    relation: text('relation').notNull(), // codes.familyRelation
    name: text('name').notNull(),
    birthDate: text('birth_date'),
    politicalStatus: text('political_status'), // codes.politicalStatus
    workUnit: text('work_unit'),
    phone: text('phone'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('member_family_member').on(t.memberId), index('member_family_seq').on(t.seq)],
);

/** 出国出境. */
export const memberAbroad = sqliteTable(
  'member_abroad',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    destination: text('destination').notNull(), // 国家(地区)
    purpose: text('purpose').notNull(), // codes.abroadPurpose
    fromDate: text('from_date').notNull(),
    toDate: text('to_date'),
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('member_abroad_member').on(t.memberId, t.fromDate), index('member_abroad_seq').on(t.seq)],
);

/** 培训: training taken. */
export const memberTrainings = sqliteTable(
  'member_trainings',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    title: text('title').notNull(), // 培训班名称
    organizer: text('organizer'), // 主办单位
    fromDate: text('from_date').notNull(),
    toDate: text('to_date'),
    hours: integer('hours'), // 学时
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('member_trainings_member').on(t.memberId, t.fromDate), index('member_trainings_seq').on(t.seq)],
);

/** 预备期 decisions: 转正, 延长预备期, 取消预备党员资格, each with the 支部大会 vote. */
export const probationDecisions = sqliteTable(
  'probation_decisions',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    kind: text('kind').notNull(), // codes.probationDecision
    meetingDate: text('meeting_date').notNull(), // 支部大会日期
    entitled: integer('entitled').notNull(), // 应到
    present: integer('present').notNull(), // 实到
    yes: integer('yes').notNull(), // 同意
    no: integer('no').notNull(), // 反对
    abstain: integer('abstain').notNull(), // 弃权
    extendMonths: integer('extend_months'), // 延长预备期 only
    probationEnd: text('probation_end').notNull(), // the end of probation the decision was taken against / sets
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('probation_decisions_member').on(t.memberId, t.meetingDate), index('probation_decisions_seq').on(t.seq)],
);

/**
 * 组织关系转接: within the township (a branch change), out (a numbered 介绍信, pending until the 回执),
 * or in (a letter received from outside).
 */
export const transfers = sqliteTable(
  'transfers',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    direction: text('direction').notNull(), // codes.transferDirection
    status: text('status').notNull(), // codes.transferStatus
    transferDate: text('transfer_date').notNull(),
    letterYear: integer('letter_year'), // outgoing: the year of the running number
    letterSeq: integer('letter_seq'), // outgoing: running number within the year
    letterNumber: text('letter_number'), // as printed (outgoing) or as received (incoming)
    fromOrgId: text('from_org_id').references(() => organizations.id),
    toOrgId: text('to_org_id').references(() => organizations.id),
    destination: text('destination'), // outgoing: the receiving organization
    origin: text('origin'), // incoming: the sending organization
    duesPaidTo: text('dues_paid_to'), // 党费交至 YYYY-MM
    validUntil: text('valid_until'), // 有效期至
    receiptDate: text('receipt_date'), // 回执 received
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('transfers_member').on(t.memberId, t.transferDate),
    index('transfers_pending').on(t.direction, t.status),
    uniqueIndex('transfers_letter').on(t.direction, t.letterYear, t.letterSeq),
    index('transfers_seq').on(t.seq),
  ],
);

/** 流动党员: each period away; open while end_date is null (members.is_mobile mirrors it). */
export const mobileRecords = sqliteTable(
  'mobile_records',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    destination: text('destination').notNull(), // 流入地
    since: text('since').notNull(),
    contact: text('contact').notNull(), // 联系方式
    certificateNo: text('certificate_no'), // 流动党员活动证编号
    destinationBranch: text('destination_branch'), // 流入地党组织
    endDate: text('end_date'),
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('mobile_records_member').on(t.memberId, t.since), index('mobile_records_seq').on(t.seq)],
);

/** 档案材料 (一人一盒): scanned documents, content-addressed under files/<sha256> beside the archive. */
export const memberFiles = sqliteTable(
  'member_files',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    docType: text('doc_type').notNull(), // codes.documentType
    title: text('title'),
    fileName: text('file_name').notNull(), // the name it had when attached
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('member_files_member').on(t.memberId, t.docType), index('member_files_seq').on(t.seq)],
);

/** A member's history: every change, with the day it happened and before → after. */
export const memberEvents = sqliteTable(
  'member_events',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    kind: text('kind').notNull(), // created | edited | moved | exited | restored | imported
    eventDate: text('event_date').notNull(),
    actor: text('actor').notNull(),
    summary: text('summary').notNull(),
    before: text('before'), // JSON of the changed fields
    after: text('after'),
    seq: integer('seq').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('member_events_member').on(t.memberId, t.eventDate), index('member_events_seq').on(t.seq)],
);

/**
 * The audit log: append-only and hash-chained (each row's hash covers the previous row's hash), so an
 * edit or deletion of any row breaks the chain that `check` verifies.
 */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  before: text('before'),
  after: text('after'),
  seq: integer('seq').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

export const nowIso = sql`strftime('%Y-%m-%dT%H:%M:%fZ','now')`;

export type Organization = typeof organizations.$inferSelect;
export type Member = typeof members.$inferSelect;
export type MemberEvent = typeof memberEvents.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export * from './tables/development';
export * from './tables/practices';
export * from './tables/care';
export * from './tables/accounts';
export * from './tables/exchange';
