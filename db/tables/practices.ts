// The seed's township practices (items 1–3): 结对共建 (pairs of units and their help log),
// 五事工作法 (village matters through five steps) and 组织生活 (三会一课, 主题党日 with attendance and
// attachments). Each row: text UUID key, ISO date text, `seq` of its last write. Money is kept in 分.
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { members, organizations } from '../schema';

/** 结对共建: a pair or group of units helping a weak village, with the joint organization it formed (if any). */
export const practicePairs = sqliteTable(
  'practice_pairs',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(), // e.g. 县农业农村局—后洼村结对
    kind: text('kind').notNull(), // dept_village | community_village | enterprise_village | strong_weak | industry
    startDate: text('start_date').notNull(),
    endDate: text('end_date'), // the pairing ended (kept, never deleted)
    jointOrgId: text('joint_org_id').references(() => organizations.id), // 联合党组织 formed by the pair
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('practice_pairs_start').on(t.startDate), index('practice_pairs_seq').on(t.seq)],
);

/** The units of a pair: who helps (helper) and who is helped (helped); an organization of the tree when it is one. */
export const practicePairUnits = sqliteTable(
  'practice_pair_units',
  {
    id: text('id').primaryKey(),
    pairId: text('pair_id').notNull().references(() => practicePairs.id),
    role: text('role').notNull(), // helper | helped
    name: text('name').notNull(),
    orgId: text('org_id').references(() => organizations.id),
    seq: integer('seq').notNull(),
  },
  (t) => [index('practice_pair_units_pair').on(t.pairId), index('practice_pair_units_seq').on(t.seq)],
);

/** The help log of a pair: one entry per occasion (措施, 难题, 资金/物资, 干部交流, 培训). */
export const practiceHelpEntries = sqliteTable(
  'practice_help_entries',
  {
    id: text('id').primaryKey(),
    pairId: text('pair_id').notNull().references(() => practicePairs.id),
    entryDate: text('entry_date').notNull(),
    measures: integer('measures').notNull().default(0), // 措施办法 (项)
    measuresText: text('measures_text'),
    problemsSolved: integer('problems_solved').notNull().default(0), // 解决难题 (个)
    moneyFen: integer('money_fen').notNull().default(0), // 资金 (分)
    goods: text('goods'), // 物资 (what)
    goodsFen: integer('goods_fen').notNull().default(0), // 物资折价 (分)
    cadresExchanged: integer('cadres_exchanged').notNull().default(0), // 互派挂职/跟班学习 (人次)
    trainings: integer('trainings').notNull().default(0), // 培训班 (期)
    trainees: integer('trainees').notNull().default(0), // 培训 (人次)
    note: text('note'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('practice_help_entries_pair').on(t.pairId, t.entryDate), index('practice_help_entries_date').on(t.entryDate), index('practice_help_entries_seq').on(t.seq)],
);

/**
 * 五事工作法: one village matter through 民主提事 → 联席议事 → 票决定事 → 集中办事 → 制度监事, each step's columns
 * filled when it is recorded; `stage` is the last step reached, or stopped/rejected (with the step it stopped at).
 */
export const villageMatters = sqliteTable(
  'village_matters',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull().references(() => organizations.id), // the village branch
    title: text('title').notNull(),
    stage: text('stage').notNull(), // proposed | discussed | voted | rejected | done | supervised | stopped
    // 民主提事
    proposedBy: text('proposed_by').notNull(),
    proposedDate: text('proposed_date').notNull(),
    proposal: text('proposal'),
    // 联席议事
    discussedDate: text('discussed_date'),
    amended: integer('amended', { mode: 'boolean' }),
    discussionOutcome: text('discussion_outcome'),
    // 票决定事
    voteDate: text('vote_date'),
    votersPresent: integer('voters_present'),
    votesFor: integer('votes_for'),
    votesAgainst: integer('votes_against'),
    votesAbstain: integer('votes_abstain'),
    passed: integer('passed', { mode: 'boolean' }),
    // 集中办事
    handler: text('handler'),
    deadline: text('deadline'),
    doneDate: text('done_date'),
    // 制度监事
    supervisedDate: text('supervised_date'),
    madePublic: integer('made_public', { mode: 'boolean' }),
    satisfaction: integer('satisfaction'), // 群众满意率, percent
    supervisionNote: text('supervision_note'),
    // stopped at a step
    stoppedAt: text('stopped_at'), // the stage it had reached
    stopDate: text('stop_date'),
    stopReason: text('stop_reason'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('village_matters_org').on(t.orgId, t.proposedDate), index('village_matters_date').on(t.proposedDate), index('village_matters_stage').on(t.stage, t.deadline), index('village_matters_seq').on(t.seq)],
);

/** 组织生活: a 三会一课 meeting or 主题党日 of a branch. */
export const orgMeetings = sqliteTable(
  'org_meetings',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull().references(() => organizations.id),
    kind: text('kind').notNull(), // congress 支部党员大会 | committee 支委会 | group 党小组会 | lecture 党课 | theme_day 主题党日
    meetingDate: text('meeting_date').notNull(),
    topic: text('topic').notNull(),
    presidedBy: text('presided_by').notNull(),
    place: text('place'),
    minutes: text('minutes'),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('org_meetings_org').on(t.orgId, t.meetingDate), index('org_meetings_date').on(t.meetingDate), index('org_meetings_seq').on(t.seq)],
);

/** Attendance of a meeting: every member of the branch on that day, present / on leave / absent. */
export const orgMeetingAttendance = sqliteTable(
  'org_meeting_attendance',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id').notNull().references(() => orgMeetings.id),
    memberId: text('member_id').notNull().references(() => members.id),
    status: text('status').notNull(), // present | leave | absent
    reason: text('reason'), // 请假 reason
    seq: integer('seq').notNull(),
  },
  (t) => [uniqueIndex('org_meeting_attendance_meeting_member').on(t.meetingId, t.memberId), index('org_meeting_attendance_member').on(t.memberId), index('org_meeting_attendance_seq').on(t.seq)],
);

/** Attachments of a meeting (sign-in sheet, photos, minutes scan), content-addressed under files/<sha256>. */
export const orgMeetingFiles = sqliteTable(
  'org_meeting_files',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id').notNull().references(() => orgMeetings.id),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    seq: integer('seq').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('org_meeting_files_meeting').on(t.meetingId), index('org_meeting_files_seq').on(t.seq)],
);
