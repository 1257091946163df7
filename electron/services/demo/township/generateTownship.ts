// A deterministic, seeded demo township: the organization tree and the party members of one 乡镇党委,
// shaped after the seed document (寿光's villages, 城乡结对 joint branches, 产业联建, 流动型 branches) and
// the statistics a township office reports (age, sex, education, occupation, 流动, 失联, 出党).
// Pure data: no database, no clock, no Math.random. The same options give deep-equal output.
//
// Conventions the importer can rely on:
// - orgs come parents first (depth-first from the 党委); members are grouped by branch, and the first
//   member of each branch is its 书记 (jobTitle contains 书记; the org's contact and phone are theirs);
// - `members` counts every record, exits included (~3% 出党: deaths, transfers out, a few others);
// - 统计用区划代码 follow the 城乡 convention: 居委会 (communities) 001–199, 村委会 (villages) 201–;
//   sub-branches of a village 党总支, groups and joint organizations carry none;
// - ID numbers use the township's county code as area, are unique and match birth date and gender.
//
// The work is split by step (each module's header says what it decides): organizationPlan and
// jointOrganizations plan the tree, memberFactory fills the branches, orgNamesAndContacts finishes
// the orgs. All steps draw from one PRNG in a fixed order; that order is what keeps a seed's output
// identical, so a new draw belongs after the existing ones.
import { makeMembers } from './memberFactory';
import { assignNationalItems } from './nationalItems';
import { planOrganizations } from './organizationPlan';
import { appointGroupLeaders, assignContacts, groupByOrg, nameOrganizations } from './orgNamesAndContacts';
import { createRng, fromDays, toDays } from './random';
import { describeTownship } from './township';
import { newIssuedNumbers } from './uniqueNumbers';

export interface DemoOrg {
  key: string; // unique within the demo, e.g. 'o1'
  parentKey: string | null; // null only for the township 党委
  name: string; // official (seal) name
  shortName: string;
  type: string; // codes.orgType
  sector: string; // codes.orgSector
  unitSituation: string; // codes.unitSituation
  formation: string | null; // codes.formation (joint organizations only)
  adminCode: string | null; // 12-digit 统计用区划代码 for village / community organizations
  foundedDate: string;
  units: { name: string; kind: string }[]; // codes.unitKind; member units of joint organizations
  contact: string | null;
  phone: string | null;
  rating: string | null;
  weakTeam: boolean;
  weakEconomy: boolean;
  weakBase: boolean;
  firstSecretary: string | null;
}

export interface DemoMember {
  orgKey: string; // a branch or joint_branch
  name: string;
  gender: '1' | '2';
  idNumber: string;
  ethnicity: string;
  birthDate: string;
  education: string;
  category: 'formal' | 'probationary';
  joinDate: string;
  fullDate: string | null;
  occupation: string;
  jobTitle: string | null;
  phone: string | null;
  address: string | null;
  isMobile: boolean;
  isLost: boolean;
  lostReason: string | null;
  lostDate: string | null;
  exitReason: string | null;
  exitDate: string | null;
  exitNote: string | null;
  nativePlace: string | null;
  degree: string | null;
  workStartDate: string | null;
  workUnit: string | null;
  householdPlace: string | null;
  remarks: string | null;
  // The national system's items, drawn last (see nationalItems.ts).
  educationLevel?: string | null;
  jobPost?: string | null;
  isMigrantWorker?: boolean;
  newSocialStratum?: string | null;
  professionalTitle?: string | null;
  currentResidence?: string | null;
  joinType?: string | null;
  fullStatus?: string | null;
  lostMonth?: string | null;
}

export interface DemoTownship {
  orgs: DemoOrg[];
  members: DemoMember[];
}

export interface GenerateTownshipOptions {
  seed: number;
  /** Number of member records, exits included (default 4200). */
  members?: number;
  /** e.g. 东城镇 */
  townshipName: string;
  /** 9 digits (省2 市2 县2 乡镇3), e.g. 370783101 */
  townshipCode: string;
  /** YYYY-MM-DD: the day the demo describes. */
  asOf: string;
  /** Optional county name (e.g. 寿光市) for 籍贯, 户籍 and department names; omitted when not given. */
  countyName?: string;
}

export const DEFAULT_DEMO_MEMBERS = 4200;

export function generateTownship(opts: GenerateTownshipOptions): DemoTownship {
  const total = opts.members ?? DEFAULT_DEMO_MEMBERS;
  if (!Number.isInteger(total) || total < 0) throw new Error('members must be a non-negative integer');
  if (!/^\d{9}$/.test(opts.townshipCode)) throw new Error('townshipCode must have 9 digits');
  const asOf = toDays(opts.asOf);
  if (fromDays(asOf) !== opts.asOf) throw new Error(`asOf is not a valid date: ${opts.asOf}`);
  const rng = createRng(opts.seed);
  const township = describeTownship(opts.townshipName, opts.townshipCode, asOf, opts.countyName);

  const plan = planOrganizations(rng, township);
  const issued = newIssuedNumbers();
  const members = makeMembers(rng, township, plan, total, issued);

  // Names, contacts and group leaders now that the branches are filled.
  const byOrg = groupByOrg(members);
  nameOrganizations(plan.ordered, byOrg);
  assignContacts(rng, plan.ordered, byOrg, issued);
  appointGroupLeaders(plan.ordered, byOrg);
  assignNationalItems(opts.seed, members, opts.asOf);

  return { orgs: plan.ordered.map((p) => p.org), members };
}
