// The codes.json values the demo writes. Every literal goes through code(), so a code renamed or
// dropped in codes.json breaks the demo at module load, not silently in the imported archive.
import codes from '../../../../resources/codes/codes.json';
import { type Rng, weightedPicker } from './random';

type CodeList = keyof typeof codes;
const CODE_SETS = new Map<CodeList, Set<string>>(
  (Object.keys(codes) as CodeList[]).map((k) => [k, new Set(codes[k].map((c) => c.code))]),
);

/** Fails loudly (at module load) if a literal is not in codes.json. */
export function code<T extends string>(list: CodeList, value: T): T {
  if (!CODE_SETS.get(list)?.has(value)) throw new Error(`demo: ${value} is not a ${list} code`);
  return value;
}

/** A weighted picker over codes of one list, checked like code(). */
export function codePicker<T extends string>(list: CodeList, entries: readonly (readonly [T, number])[]): (rng: Rng) => T {
  for (const [v] of entries) code(list, v);
  return weightedPicker(entries);
}

export const ORG_TYPE = {
  committee: code('orgType', 'committee'),
  general: code('orgType', 'general_branch'),
  branch: code('orgType', 'branch'),
  jointBranch: code('orgType', 'joint_branch'),
  jointGeneral: code('orgType', 'joint_general_branch'),
  group: code('orgType', 'group'),
};
export const SECTOR = {
  rural: code('orgSector', 'rural'),
  agency: code('orgSector', 'agency'),
  school: code('orgSector', 'school'),
  institution: code('orgSector', 'institution'),
  community: code('orgSector', 'community'),
  private: code('orgSector', 'private'),
  other: code('orgSector', 'other'),
};
export const UNIT_SITUATION = {
  same: code('unitSituation', 'same_as_parent'),
  legal: code('unitSituation', 'legal_entity'),
  joint: code('unitSituation', 'joint'),
};
export const UNIT_KIND = {
  village: code('unitKind', 'village'),
  community: code('unitKind', 'community'),
  enterprise: code('unitKind', 'enterprise'),
  department: code('unitKind', 'department'),
  cooperative: code('unitKind', 'cooperative'),
  association: code('unitKind', 'association'),
  other: code('unitKind', 'other'),
};
export const FORMATION = {
  deptVillage: code('formation', 'dept_village'),
  communityVillage: code('formation', 'community_village'),
  enterpriseVillage: code('formation', 'enterprise_village'),
  strongWeak: code('formation', 'strong_weak'),
  industry: code('formation', 'industry_chain'),
  mobile: code('formation', 'mobile'),
};
export const HAN = code('ethnicity', '01');
export const FARMER = code('occupation', '2');
export const RETIRED = code('occupation', '8');
