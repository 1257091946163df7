// 党建实务 items 4–6: 培训 (sessions with their attendees), 党内关爱 (aid to members from a fund, the
// fund's income), 设岗定责 (posts of members without office), 公开承诺 (a member's yearly commitment and its
// review) and 党建联系点 (a leader's link to a unit). Each row: text UUID key (newId()), ISO date text, `seq`
// of its last write. Money is kept in 分 (integers); training hours in tenths of a 学时 (integers), so that
// sums are exact.
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { members, organizations } from '../schema';

/** A training session (培训班次): where it was held (党校, 远程教育站点, 外埠基地) and for how many 学时. */
export const trainingSessions = sqliteTable(
  'training_sessions',
  {
    id: text('id').primaryKey(),
    sessionDate: text('session_date').notNull(),
    topic: text('topic').notNull(),
    placeKind: text('place_kind').notNull(), // party_school | remote_site | outside_base
    place: text('place').notNull(), // 镇党校、某村远程教育站点、昆山外埠培训基地 …
    hoursTenths: integer('hours_tenths').notNull(), // 学时 × 10
    organizer: text('organizer').notNull(), // 主办
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('training_sessions_date').on(t.sessionDate), index('training_sessions_seq').on(t.seq)],
);

/** Who attended a session (members of the archive; each member once per session). */
export const trainingAttendees = sqliteTable(
  'training_attendees',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull().references(() => trainingSessions.id),
    memberId: text('member_id').notNull().references(() => members.id),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('training_attendees_session_member').on(t.sessionId, t.memberId), index('training_attendees_member').on(t.memberId), index('training_attendees_seq').on(t.seq)],
);

/** A care fund (党员关爱基金, 党费返还 …): aid is paid out of it, its balance may never go negative. */
export const careFunds = sqliteTable(
  'care_funds',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('care_funds_name').on(t.name), index('care_funds_seq').on(t.seq)],
);

/** Money coming into a fund (上级拨付, 党费返还, 捐助 …). */
export const careFundIncome = sqliteTable(
  'care_fund_income',
  {
    id: text('id').primaryKey(),
    fundId: text('fund_id').notNull().references(() => careFunds.id),
    incomeDate: text('income_date').notNull(),
    amountFen: integer('amount_fen').notNull(),
    source: text('source').notNull(), // 来源
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('care_fund_income_fund').on(t.fundId, t.incomeDate), index('care_fund_income_seq').on(t.seq)],
);

/** Aid given to a member (慰问金, 医疗补助, 危房改造, 节日走访): an outflow of its fund when it carries money. */
export const careAids = sqliteTable(
  'care_aids',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    aidDate: text('aid_date').notNull(),
    kind: text('kind').notNull(), // condolence | medical | housing | festival
    amountFen: integer('amount_fen').notNull(), // 0 for a visit without money
    fundId: text('fund_id').references(() => careFunds.id), // required when amount_fen > 0
    givenBy: text('given_by').notNull(), // 经办人 / 走访人
    reason: text('reason'), // 困难党员, 老党员, 政治生日 …
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('care_aids_member').on(t.memberId, t.aidDate), index('care_aids_fund').on(t.fundId, t.aidDate), index('care_aids_date').on(t.aidDate), index('care_aids_seq').on(t.seq)],
);

/** 设岗定责: a post of a member without office (党员先锋岗, 党员责任区, 党员志愿者), from–to. */
export const pioneerPosts = sqliteTable(
  'pioneer_posts',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    kind: text('kind').notNull(), // pioneer | area | volunteer
    post: text('post').notNull(), // 岗位名称: 环境卫生监督岗, 政策宣传岗 …
    area: text('area'), // 责任区 / 服务范围
    fromDate: text('from_date').notNull(),
    toDate: text('to_date'),
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('pioneer_posts_member').on(t.memberId, t.fromDate), index('pioneer_posts_seq').on(t.seq)],
);

/** 公开承诺: one commitment per member and year, and its review (评议结果, date). */
export const memberCommitments = sqliteTable(
  'member_commitments',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    year: integer('year').notNull(),
    commitment: text('commitment').notNull(),
    madeDate: text('made_date').notNull(), // 承诺日期
    reviewResult: text('review_result'), // fulfilled | partly | unfulfilled; null until reviewed
    reviewDate: text('review_date'),
    reviewNote: text('review_note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('member_commitments_member_year').on(t.memberId, t.year), index('member_commitments_year').on(t.year), index('member_commitments_seq').on(t.seq)],
);

/** 党建联系点: a leader (name and post) who takes a unit or organization as the point of their party work. */
export const liaisonPoints = sqliteTable(
  'liaison_points',
  {
    id: text('id').primaryKey(),
    leaderName: text('leader_name').notNull(),
    leaderPost: text('leader_post').notNull(),
    orgId: text('org_id').references(() => organizations.id), // the organization, when it is in the archive
    unit: text('unit').notNull(), // 联系单位 as printed (the organization's name, or a unit outside the tree)
    fromDate: text('from_date').notNull(),
    toDate: text('to_date'),
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('liaison_points_org').on(t.orgId), index('liaison_points_seq').on(t.seq)],
);
