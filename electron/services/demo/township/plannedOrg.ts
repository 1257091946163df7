// One organization of the plan and the helpers every part of the plan uses. A plan is built before
// any member exists: official names wait until the roll is known (支部委员会 needs seven 正式党员),
// so a plan carries the name stem and the shape of its roll (size, profiles, where members live).
import { ORG_TYPE, UNIT_SITUATION } from './codeLists';
import type { DemoOrg } from './generateTownship';
import type { Profile } from './memberProfiles';
import { pickFullName } from './names';
import type { Village } from './placeNames';
import { type Rng, fromDays, toDays } from './random';
import type { Township } from './township';

export interface Place {
  kind: 'village' | 'community' | 'town';
  name: string;
}
/** One part of a branch's roll; joint branches mix several (a village and a department, say). */
export interface Mix {
  profile: Profile;
  place: Place;
  workUnit: string | null; // the unit this part of a branch works in (enterprise, department, cooperative)
  clan: string | null; // the village's main surname
  weight: number;
}
export type NameKind = 'committee' | 'branch' | 'general' | 'joint' | 'joint_general' | 'group';
export type RoleStyle = 'village' | 'community' | 'enterprise' | 'agency' | 'school' | 'health' | 'service' | 'retired' | 'mobile' | 'joint' | 'none';

export interface Plan {
  org: DemoOrg;
  nameKind: NameKind;
  unit: string; // official name = 中共 + unit + type
  shortUnit: string; // short name = shortUnit + type
  size: number; // members at the default scale; 0 = none of its own
  mix: Mix[];
  roles: RoleStyle;
  parent: Plan | null;
  children: Plan[];
  ordinal: number; // groups: 第N党小组
}

export type PlanSpec = Omit<Partial<Plan>, 'org'> &
  Pick<Plan, 'nameKind' | 'unit' | 'shortUnit'> & {
    org: Partial<DemoOrg> & Pick<DemoOrg, 'type' | 'sector' | 'unitSituation' | 'foundedDate'>;
  };

/** State shared by the parts of the plan: names already taken and the pools names are drawn from. */
export interface Planner {
  rng: Rng;
  township: Township;
  usedNames: Set<string>;
  communityPool: string[];
  brandPool: string[];
  industries: (readonly [string, string])[];
  allVillages: Village[]; // where 流动 members and enterprises can be at home
  enterpriseNames: string[]; // workplaces for village members; the first is the 产业联建 龙头企业
  villageCodeNo: number; // the next 村委会 code (201–)
}

export function addPlan(p: PlanSpec, parent: Plan | null): Plan {
  const plan: Plan = {
    nameKind: p.nameKind,
    unit: p.unit,
    shortUnit: p.shortUnit,
    size: p.size ?? 0,
    mix: p.mix ?? [],
    roles: p.roles ?? 'none',
    parent,
    children: [],
    ordinal: p.ordinal ?? 0,
    // The defaults come first so every org serializes its fields in the same order.
    org: {
      key: '',
      parentKey: null,
      name: '',
      shortName: '',
      formation: null,
      adminCode: null,
      units: [],
      contact: null,
      phone: null,
      rating: null,
      weakTeam: false,
      weakEconomy: false,
      weakBase: false,
      firstSecretary: null,
      ...p.org,
    },
  };
  if (parent) parent.children.push(plan);
  return plan;
}

/** A founding date in [from, to], never after the day the demo describes. */
export function foundedBetween(planner: Planner, from: string, to: string): string {
  const clampDay = (d: number) => Math.min(d, planner.township.asOf);
  return fromDays(clampDay(planner.rng.dayBetween(toDays(from), Math.max(toDays(from), clampDay(toDays(to))))));
}

export function addGroups(planner: Planner, branch: Plan, count: number): void {
  for (let i = 0; i < count; i++) {
    addPlan(
      {
        nameKind: 'group',
        unit: '',
        shortUnit: '',
        ordinal: i,
        org: { type: ORG_TYPE.group, sector: branch.org.sector, unitSituation: UNIT_SITUATION.same, foundedDate: foundedBetween(planner, branch.org.foundedDate, '2020-12-31') },
      },
      branch,
    );
  }
}

/** 星级 of a village-level organization; weak (软弱涣散) ones are rated three stars at best. */
export function pickRating(rng: Rng, weak: boolean): string | null {
  return weak ? rng.weighted(['三星', null], [30, 70]) : rng.weighted(['五星', '四星', '三星', null], [8, 27, 45, 20]);
}

export function villageMix(v: Village, weight = 1): Mix {
  return { profile: 'village', place: { kind: 'village', name: v.name }, workUnit: null, clan: v.clan, weight };
}

/** Members of an ordinary village branch, skewed small: most 20–50, a few large villages up to 120. */
export function villageSize(rng: Rng): number {
  return Math.round(20 + 100 * Math.pow(rng.next(), 2.5));
}

/** 软弱涣散 flags (at least one) and the 第一书记 sent to such a village. */
export function weakFlags(rng: Rng) {
  const f = { weakTeam: rng.chance(0.4), weakEconomy: rng.chance(0.8), weakBase: rng.chance(0.4) };
  if (!f.weakTeam && !f.weakEconomy && !f.weakBase) f.weakEconomy = true;
  return { ...f, firstSecretary: pickFullName(rng, rng.chance(0.8) ? '1' : '2', rng.int(1975, 1995)) };
}

export function companyName(township: Township, brand: string, suffix: string): string {
  return `${township.countyShort || township.province}${brand}${suffix}`;
}

/** The next 村委会 code (统计用区划代码 城乡 convention: villages from 201). */
export function nextVillageCode(planner: Planner): string {
  return planner.township.code + String(planner.villageCodeNo++).padStart(3, '0');
}
