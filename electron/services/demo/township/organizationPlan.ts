// The organization tree of the township, planned before any member exists: the 党委, its agency and
// institution branches, communities, ~70 villages (some 党总支 with branches), non-public enterprises
// and the joint organizations. Draw order is part of the output: every seed must keep its township,
// so new draws go after the existing ones, never between them.
import { ORG_TYPE, SECTOR, UNIT_SITUATION } from './codeLists';
import { planJointOrganizations } from './jointOrganizations';
import type { Profile } from './memberProfiles';
import { BRANDS, CHINESE_ORDINALS, COMMUNITIES, INDUSTRIES, type Village, newVillage } from './placeNames';
import {
  type Plan,
  type Planner,
  addGroups,
  addPlan,
  companyName,
  foundedBetween,
  nextVillageCode,
  pickRating,
  villageMix,
  villageSize,
  weakFlags,
} from './plannedOrg';
import type { Rng } from './random';
import type { Township } from './township';

export interface OrganizationPlan {
  /** Parents before children (depth-first from the 党委, in creation order), keys assigned. */
  ordered: Plan[];
  allVillages: Village[];
  enterpriseNames: string[];
  /** The city the 流动型 branch works in. */
  mobileCity: string;
}

export function planOrganizations(rng: Rng, township: Township): OrganizationPlan {
  const communityPool = rng.shuffle([...COMMUNITIES]);
  const brandPool = rng.shuffle([...BRANDS]);
  const industries = [...INDUSTRIES.slice(0, 3), ...rng.shuffle(INDUSTRIES.slice(3))];
  const planner: Planner = {
    rng,
    township,
    usedNames: new Set<string>(),
    communityPool,
    brandPool,
    industries,
    allVillages: [],
    enterpriseNames: [],
    villageCodeNo: 201,
  };

  // 党委.
  const town = township.name;
  const root = addPlan(
    {
      nameKind: 'committee', unit: town, shortUnit: town,
      org: { type: ORG_TYPE.committee, sector: SECTOR.rural, unitSituation: UNIT_SITUATION.legal, foundedDate: foundedBetween(planner, '1956-01-01', '1984-12-31') },
    },
    null,
  );
  planAgencies(planner, root);
  const communityCount = planCommunities(planner, root);
  planVillages(planner, root);
  const enterpriseCount = planEnterprises(planner, root);
  const mobileCity = planJointOrganizations(planner, root, communityCount, enterpriseCount);

  const ordered: Plan[] = [];
  const visit = (p: Plan) => {
    ordered.push(p);
    for (const c of p.children) visit(c);
  };
  visit(root);
  ordered.forEach((p, i) => (p.org.key = `o${i + 1}`));
  for (const p of ordered) p.org.parentKey = p.parent ? p.parent.org.key : null;
  return { ordered, allVillages: planner.allVillages, enterpriseNames: planner.enterpriseNames, mobileCity };
}

/** Agencies and institutions. */
function planAgencies(planner: Planner, root: Plan): void {
  const { rng } = planner;
  const town = planner.township.name;
  const agency = (unit: string, sector: string, profile: Profile, size: number, situation: string, founded: [string, string], workUnit: string) =>
    addPlan(
      {
        nameKind: 'branch', unit: `${town}${unit}`, shortUnit: `${town}${unit}`, size, roles: profile,
        mix: [{ profile, place: { kind: 'town', name: town }, workUnit, clan: null, weight: 1 }],
        org: { type: ORG_TYPE.branch, sector, unitSituation: situation, foundedDate: foundedBetween(planner, founded[0], founded[1]), rating: rng.weighted(['五星', '四星', null], [20, 40, 40]) },
      },
      root,
    );
  agency('机关', SECTOR.agency, 'agency', rng.int(42, 55), UNIT_SITUATION.same, ['1956-01-01', '1984-12-31'], `${town}人民政府`);
  agency('卫生院', SECTOR.institution, 'health', rng.int(16, 26), UNIT_SITUATION.legal, ['1958-01-01', '1985-12-31'], `${town}卫生院`);
  agency('中心学校', SECTOR.school, 'school', rng.int(32, 48), UNIT_SITUATION.legal, ['1960-01-01', '1995-12-31'], `${town}中心学校`);
  agency('农业综合服务中心', SECTOR.institution, 'service', rng.int(12, 20), UNIT_SITUATION.legal, ['1990-01-01', '2012-12-31'], `${town}农业综合服务中心`);
  agency('退休干部', SECTOR.agency, 'retired', rng.int(28, 42), UNIT_SITUATION.same, ['1995-01-01', '2010-12-31'], `${town}人民政府`);
}

/** Communities (街道社区) with 居委会 codes 001– (统计用区划代码 城乡 convention); returns how many. */
function planCommunities(planner: Planner, root: Plan): number {
  const { rng, township, usedNames, communityPool } = planner;
  const communityCount = rng.int(5, 7);
  for (let i = 0; i < communityCount; i++) {
    const name = communityPool[i] + '社区';
    usedNames.add(name);
    const p = addPlan(
      {
        nameKind: 'branch', unit: name, shortUnit: name, size: rng.int(30, 70), roles: 'community',
        mix: [{ profile: 'community', place: { kind: 'community', name }, workUnit: null, clan: null, weight: 1 }],
        org: { type: ORG_TYPE.branch, sector: SECTOR.community, unitSituation: UNIT_SITUATION.legal, foundedDate: foundedBetween(planner, '2001-01-01', '2016-12-31'), rating: pickRating(rng, false) },
      },
      root,
    );
    p.org.adminCode = township.code + String(1 + i).padStart(3, '0');
    addGroups(planner, p, rng.int(1, 3));
  }
  return communityCount;
}

/** Villages: ~70 village-level organizations, a few of them 党总支 with branches and groups. */
function planVillages(planner: Planner, root: Plan): void {
  const { rng, usedNames, allVillages } = planner;
  const villageCount = rng.int(68, 72);
  const generalCount = rng.int(6, 9);
  const regularCount = villageCount - generalCount - 2; // two more sit under the 强村+弱村 joint 党总支
  const weakCount = rng.int(3, 5);
  const villagePlans: Plan[] = []; // village-level orgs that carry an admin code, in code order
  const kinds: ('regular' | 'general')[] = rng.shuffle([
    ...Array.from({ length: regularCount }, () => 'regular' as const),
    ...Array.from({ length: generalCount }, () => 'general' as const),
  ]);
  let weakLeft = weakCount;
  kinds.forEach((kind, idx) => {
    const v = newVillage(rng, usedNames);
    allVillages.push(v);
    const founded = foundedBetween(planner, '1945-01-01', '1978-12-31');
    if (kind === 'regular') {
      const weak = weakLeft > 0 && rng.chance(weakLeft / (kinds.length - idx));
      if (weak) weakLeft--;
      const size = weak ? rng.int(20, 34) : villageSize(rng);
      const p = addPlan(
        {
          nameKind: 'branch', unit: v.name, shortUnit: v.name, size, roles: 'village', mix: [villageMix(v)],
          org: { type: ORG_TYPE.branch, sector: SECTOR.rural, unitSituation: UNIT_SITUATION.legal, foundedDate: founded, rating: pickRating(rng, weak), ...(weak ? weakFlags(rng) : {}) },
        },
        root,
      );
      villagePlans.push(p);
      if (size >= 45) addGroups(planner, p, Math.min(4, Math.floor(size / 25)));
    } else {
      const g = addPlan(
        {
          nameKind: 'general', unit: v.name, shortUnit: v.name,
          org: { type: ORG_TYPE.general, sector: SECTOR.rural, unitSituation: UNIT_SITUATION.legal, foundedDate: foundedBetween(planner, '1995-01-01', '2018-12-31'), rating: pickRating(rng, false) },
        },
        root,
      );
      villagePlans.push(g);
      const totalSize = rng.int(70, 125);
      const subs = rng.int(2, 4);
      for (let s = 0; s < subs; s++) {
        const size = Math.max(8, Math.round((totalSize / subs) * rng.float(0.75, 1.25)));
        const b = addPlan(
          {
            nameKind: 'branch', unit: v.name + CHINESE_ORDINALS[s], shortUnit: v.name + CHINESE_ORDINALS[s], size, roles: 'village', mix: [villageMix(v)],
            org: { type: ORG_TYPE.branch, sector: SECTOR.rural, unitSituation: UNIT_SITUATION.same, foundedDate: foundedBetween(planner, g.org.foundedDate, '2019-12-31') },
          },
          g,
        );
        if (size >= 30) addGroups(planner, b, rng.int(1, 2));
      }
    }
  });
  // The villages of the joint organizations take the codes after these.
  for (const p of villagePlans) p.org.adminCode = nextVillageCode(planner);
}

/** Non-public enterprises; returns how many (the joint organizations take the next brands). */
function planEnterprises(planner: Planner, root: Plan): number {
  const { rng, township, industries, brandPool, allVillages, enterpriseNames } = planner;
  const town = township.name;
  const enterpriseCount = rng.int(5, 7);
  for (let i = 0; i < enterpriseCount; i++) {
    const [ind, suffix] = industries[i % industries.length];
    const brand = brandPool[i];
    const full = companyName(township, brand, suffix);
    enterpriseNames.push(full);
    const home = rng.pick(allVillages);
    addPlan(
      {
        nameKind: 'branch', unit: full, shortUnit: `${brand}${ind}公司`, size: rng.int(8, 35), roles: 'enterprise',
        mix: [{ profile: 'enterprise', place: rng.chance(0.5) ? { kind: 'village', name: home.name } : { kind: 'town', name: town }, workUnit: full, clan: null, weight: 1 }],
        org: { type: ORG_TYPE.branch, sector: SECTOR.private, unitSituation: UNIT_SITUATION.legal, foundedDate: foundedBetween(planner, '2006-01-01', '2021-12-31'), rating: rng.weighted(['四星', '三星', null], [30, 30, 40]) },
      },
      root,
    );
  }
  return enterpriseCount;
}
