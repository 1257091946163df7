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
    remarks: text('remarks'),
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
    index('members_seq').on(t.seq),
  ],
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
