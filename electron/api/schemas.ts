// Schemas shared by the calls of the archive core (members, organizations, setup). Each domain's calls
// live in electron/api/calls/; contract.ts puts them together.
import { z } from 'zod';

export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const id = z.string().min(1).max(64);
export const optText = z.string().max(2000).nullable().optional();
export const nullableText = z.string().nullable();

export const memberInput = z.object({
  name: z.string().max(60),
  gender: z.string().max(8),
  idNumber: z.string().max(40),
  ethnicity: z.string().max(8),
  birthDate: z.string().max(20),
  education: z.string().max(8),
  category: z.string().max(20),
  orgId: z.string().max(64),
  joinDate: z.string().max(20),
  fullDate: optText,
  occupation: z.string().max(8),
  jobTitle: optText,
  phone: optText,
  address: optText,
  isMobile: z.boolean().optional(),
  isLost: z.boolean().optional(),
  lostReason: optText,
  lostDate: optText,
  nativePlace: optText,
  degree: optText,
  workStartDate: optText,
  workUnit: optText,
  householdPlace: optText,
  remarks: optText,
  // The national card's items (db/schema.ts).
  educationLevel: optText,
  jobPost: optText,
  newSocialStratum: optText,
  professionalTitle: optText,
  isMigrantWorker: z.boolean().optional(),
  currentResidence: optText,
  partyAgeAdjustMonths: z.number().int().min(-1200).max(1200).nullable().optional(),
  joinType: optText,
  fullStatus: optText,
  joinBranch: optText,
  probationExtensionMonths: z.number().int().min(0).max(24).nullable().optional(),
  mobileProvince: optText,
  mobileCity: optText,
  mobileCounty: optText,
  lostMonth: optText,
});

export const memberRecord = z.object({
  id,
  name: z.string(),
  gender: z.string(),
  idNumber: z.string(),
  ethnicity: z.string(),
  birthDate: z.string(),
  education: z.string(),
  category: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  joinDate: z.string(),
  fullDate: nullableText,
  occupation: z.string(),
  jobTitle: nullableText,
  phone: nullableText,
  address: nullableText,
  isMobile: z.boolean(),
  isLost: z.boolean(),
  lostReason: nullableText,
  lostDate: nullableText,
  exitReason: nullableText,
  exitDate: nullableText,
  exitNote: nullableText,
  nativePlace: nullableText,
  degree: nullableText,
  workStartDate: nullableText,
  workUnit: nullableText,
  householdPlace: nullableText,
  photo: nullableText,
  remarks: nullableText,
  isHardship: z.boolean(),
  transferPending: z.boolean(),
  educationLevel: nullableText,
  jobPost: nullableText,
  newSocialStratum: nullableText,
  professionalTitle: nullableText,
  isMigrantWorker: z.boolean(),
  currentResidence: nullableText,
  partyAgeAdjustMonths: z.number().nullable(),
  joinType: nullableText,
  fullStatus: nullableText,
  joinBranch: nullableText,
  probationExtensionMonths: z.number().nullable(),
  mobileProvince: nullableText,
  mobileCity: nullableText,
  mobileCounty: nullableText,
  lostMonth: nullableText,
  seq: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

// A grid row: the record's own fields the grid shows, plus the branch's short name and its parent.
export const memberListRow = memberRecord
  .pick({
    id: true, name: true, gender: true, idNumber: true, ethnicity: true, birthDate: true, education: true, category: true, orgId: true, orgName: true,
    joinDate: true, fullDate: true, occupation: true, jobTitle: true, phone: true, address: true, isMobile: true, isLost: true, exitReason: true,
    exitDate: true, nativePlace: true, workUnit: true, householdPlace: true, remarks: true,
    degree: true, educationLevel: true, jobPost: true, newSocialStratum: true, professionalTitle: true, isMigrantWorker: true, currentResidence: true,
    partyAgeAdjustMonths: true, joinType: true, fullStatus: true, joinBranch: true, probationExtensionMonths: true, mobileProvince: true,
    mobileCity: true, mobileCounty: true, lostMonth: true,
  })
  .extend({ orgShortName: nullableText, parentOrgId: nullableText, parentOrgName: nullableText });

const textFilter = z.object({
  filterType: z.literal('text'),
  type: z.enum(['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank']),
  filter: z.string().max(200).nullable().optional(),
});
const dateFilter = z.object({
  filterType: z.literal('date'),
  type: z.enum(['equals', 'notEqual', 'lessThan', 'greaterThan', 'inRange', 'blank', 'notBlank']),
  dateFrom: z.string().max(30).nullable().optional(),
  dateTo: z.string().max(30).nullable().optional(),
});

export const memberView = z.enum(['roll', 'exited', 'all', 'probationary', 'mobile', 'lost', 'lostReview', 'hardship', 'transferPending']);

export const memberListQuery = z.object({
  startRow: z.number().int().min(0),
  endRow: z.number().int().min(0),
  sort: z.array(z.object({ colId: z.string().max(40), sort: z.enum(['asc', 'desc']) })).max(5).optional(),
  orgId: z.string().max(64).nullable().optional(),
  view: memberView.optional(),
  exitReason: z.string().max(40).nullable().optional(),
  search: z.string().max(100).nullable().optional(),
  filters: z.record(z.string().max(40), z.discriminatedUnion('filterType', [textFilter, dateFilter])).optional(),
});

const orgUnit = z.object({ name: z.string().max(100), kind: z.string().max(20) });

export const orgFields = {
  name: z.string().max(100),
  shortName: optText,
  type: z.string().max(30),
  sector: z.string().max(30),
  unitSituation: z.string().max(30),
  formation: optText,
  adminCode: optText,
  secretaryId: optText,
  contact: optText,
  phone: optText,
  foundedDate: optText,
  rating: optText,
  weakTeam: z.boolean().optional(),
  weakEconomy: z.boolean().optional(),
  weakBase: z.boolean().optional(),
  firstSecretary: optText,
  units: z.array(orgUnit).max(50).optional(),
};

export const orgInput = z.object({ parentId: id, ...orgFields });

export const orgRecord = z.object({
  id,
  parentId: nullableText,
  name: z.string(),
  shortName: nullableText,
  type: z.string(),
  sector: z.string(),
  unitSituation: z.string(),
  formation: nullableText,
  adminCode: nullableText,
  secretaryId: nullableText,
  contact: nullableText,
  phone: nullableText,
  foundedDate: nullableText,
  status: z.string(),
  mergedIntoId: nullableText,
  endedDate: nullableText,
  rating: nullableText,
  weakTeam: z.boolean(),
  weakEconomy: z.boolean(),
  weakBase: z.boolean(),
  firstSecretary: nullableText,
  sortOrder: z.number(),
  seq: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  units: z.array(orgUnit),
});

export const orgNode = z.object({
  id,
  parentId: nullableText,
  name: z.string(),
  shortName: nullableText,
  type: z.string(),
  sector: z.string(),
  unitSituation: z.string(),
  formation: nullableText,
  status: z.string(),
  isJoint: z.boolean(),
  units: z.array(orgUnit),
  memberCount: z.number(),
  totalCount: z.number(),
  sortOrder: z.number(),
});

export const fieldProblem = z.object({ field: z.string(), message: z.string() });

export const setupStatus = z.object({
  initialized: z.boolean(),
  township: z.object({ code: z.string(), name: z.string() }).nullable(),
  role: z.enum(['township', 'county']),
  rootOrgId: nullableText,
  memberCount: z.number(),
  today: z.string(),
});

/** A line as a key and its values, for the window to say in its language (electron/services/core/words.ts). */
export const saidWords = z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });

export const memberEvent = z.object({
  id,
  memberId: id,
  kind: z.string(),
  eventDate: z.string(),
  actor: z.string(),
  summary: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  recordedAt: z.string(),
});

export const integrityReport = z.object({
  ok: z.boolean(),
  database: z.object({ ok: z.boolean(), messages: z.array(z.string()) }),
  foreignKeys: z.object({ ok: z.boolean(), violations: z.number() }),
  audit: z.object({ intact: z.boolean(), rows: z.number(), firstBrokenId: z.number().optional(), problem: z.string().optional() }),
});

export const memberCountsSchema = z.object({
  roll: z.number(),
  probationary: z.number(),
  mobile: z.number(),
  lost: z.number(),
  lostReview: z.number(),
  hardship: z.number(),
  transferPending: z.number(),
  exited: z.number(),
  exitedByReason: z.record(z.string(), z.number()),
});


export type MemberInputDto = z.infer<typeof memberInput>;
export type MemberRecordDto = z.infer<typeof memberRecord>;
export type MemberListRowDto = z.infer<typeof memberListRow>;
export type MemberListQueryDto = z.infer<typeof memberListQuery>;
export type OrgNodeDto = z.infer<typeof orgNode>;
export type OrgRecordDto = z.infer<typeof orgRecord>;
export type SetupStatusDto = z.infer<typeof setupStatus>;
export type MemberEventDto = z.infer<typeof memberEvent>;
export type MemberCountsDto = z.infer<typeof memberCountsSchema>;
export type IntegrityReportDto = z.infer<typeof integrityReport>;
