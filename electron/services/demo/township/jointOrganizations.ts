// Joint organizations (联合党组织), one of each form the seed document describes: 城乡结对 (a county
// department with a weak village), 社区+村, 村企联建, 强村+弱村, 产业联建 and a 流动型 branch where
// members work away from home. Their villages take the 村委会 codes after the ordinary villages.
import { FORMATION, ORG_TYPE, SECTOR, UNIT_KIND, UNIT_SITUATION } from './codeLists';
import { CITIES, DEPARTMENTS, newVillage } from './placeNames';
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
  weakFlags,
} from './plannedOrg';

/**
 * Adds the joint organizations under the 党委. `communityCount` and `enterpriseCount` say how much
 * of the community and brand pools the ordinary organizations used. Returns the 流动型 branch's city.
 */
export function planJointOrganizations(planner: Planner, root: Plan, communityCount: number, enterpriseCount: number): string {
  planDepartmentWithVillage(planner, root);
  planCommunityWithVillage(planner, root, communityCount);
  planEnterpriseWithVillage(planner, root, enterpriseCount);
  planStrongWithWeakVillage(planner, root);
  planIndustryChain(planner, root, enterpriseCount);
  return planMobileBranch(planner, root, enterpriseCount);
}

/** The joint organizations date from 2009–2012; the 流动型 branch, later, has its own range. */
function jointFounded(planner: Planner): string {
  return foundedBetween(planner, '2009-01-01', '2012-12-31');
}

/** 部门+村: a county department paired with a weak village (城乡结对共建). */
function planDepartmentWithVillage(planner: Planner, root: Plan): void {
  const { rng, township, usedNames } = planner;
  const v = newVillage(rng, usedNames);
  const dept = rng.pick(DEPARTMENTS);
  const deptFull = township.deptPrefix + dept;
  addPlan(
    {
      nameKind: 'joint', unit: deptFull + v.name, shortUnit: dept + v.name, size: rng.int(28, 40), roles: 'joint',
      mix: [villageMix(v, 85), { profile: 'agency', place: { kind: 'town', name: township.name }, workUnit: deptFull, clan: null, weight: 15 }],
      org: {
        type: ORG_TYPE.jointBranch, sector: SECTOR.rural, unitSituation: UNIT_SITUATION.joint, formation: FORMATION.deptVillage, foundedDate: jointFounded(planner),
        units: [{ name: deptFull, kind: UNIT_KIND.department }, { name: v.name, kind: UNIT_KIND.village }],
        rating: pickRating(rng, true), ...weakFlags(rng),
      },
    },
    root,
  );
  nextVillageCode(planner); // the village keeps its code; its branch is the joint one
}

/** 社区+村: a community paired with a village. */
function planCommunityWithVillage(planner: Planner, root: Plan, communityCount: number): void {
  const { rng, usedNames, communityPool } = planner;
  const c = communityPool[communityCount] + '社区';
  usedNames.add(c);
  const v = newVillage(rng, usedNames);
  addPlan(
    {
      nameKind: 'joint', unit: c + v.name, shortUnit: c + v.name, size: rng.int(30, 45), roles: 'joint',
      mix: [villageMix(v, 55), { profile: 'community', place: { kind: 'community', name: c }, workUnit: null, clan: null, weight: 45 }],
      org: {
        type: ORG_TYPE.jointBranch, sector: SECTOR.community, unitSituation: UNIT_SITUATION.joint, formation: FORMATION.communityVillage, foundedDate: jointFounded(planner),
        units: [{ name: c, kind: UNIT_KIND.community }, { name: v.name, kind: UNIT_KIND.village }], rating: pickRating(rng, false),
      },
    },
    root,
  );
  nextVillageCode(planner);
}

/** 村企联建: an enterprise paired with a village; village members may work for it too. */
function planEnterpriseWithVillage(planner: Planner, root: Plan, enterpriseCount: number): void {
  const { rng, township, usedNames, industries, brandPool, enterpriseNames } = planner;
  const v = newVillage(rng, usedNames);
  const [ind, suffix] = industries[enterpriseCount % industries.length];
  const brand = brandPool[enterpriseCount];
  const full = companyName(township, brand, suffix);
  enterpriseNames.push(full);
  addPlan(
    {
      nameKind: 'joint', unit: `${brand}${ind}公司${v.name}`, shortUnit: `${brand}${ind}公司${v.name}`, size: rng.int(35, 50), roles: 'joint',
      mix: [villageMix(v, 65), { profile: 'enterprise', place: { kind: 'village', name: v.name }, workUnit: full, clan: v.clan, weight: 35 }],
      org: {
        type: ORG_TYPE.jointBranch, sector: SECTOR.rural, unitSituation: UNIT_SITUATION.joint, formation: FORMATION.enterpriseVillage, foundedDate: jointFounded(planner),
        units: [{ name: full, kind: UNIT_KIND.enterprise }, { name: v.name, kind: UNIT_KIND.village }], rating: pickRating(rng, false),
      },
    },
    root,
  );
  nextVillageCode(planner);
}

/** 强村+弱村: a joint 党总支 over the two village branches. */
function planStrongWithWeakVillage(planner: Planner, root: Plan): void {
  const { rng, usedNames, allVillages } = planner;
  const strong = newVillage(rng, usedNames);
  const weak = newVillage(rng, usedNames);
  allVillages.push(strong, weak);
  const jg = addPlan(
    {
      nameKind: 'joint_general', unit: strong.name + weak.name, shortUnit: strong.name + weak.name,
      org: {
        type: ORG_TYPE.jointGeneral, sector: SECTOR.rural, unitSituation: UNIT_SITUATION.joint, formation: FORMATION.strongWeak, foundedDate: jointFounded(planner),
        units: [{ name: strong.name, kind: UNIT_KIND.village }, { name: weak.name, kind: UNIT_KIND.village }], rating: pickRating(rng, false),
      },
    },
    root,
  );
  const sb = addPlan(
    {
      nameKind: 'branch', unit: strong.name, shortUnit: strong.name, size: rng.int(60, 100), roles: 'village', mix: [villageMix(strong)],
      org: { type: ORG_TYPE.branch, sector: SECTOR.rural, unitSituation: UNIT_SITUATION.legal, foundedDate: foundedBetween(planner, '1945-01-01', '1978-12-31'), rating: rng.weighted(['五星', '四星'], [50, 50]), adminCode: nextVillageCode(planner) },
    },
    jg,
  );
  addGroups(planner, sb, 3);
  addPlan(
    {
      nameKind: 'branch', unit: weak.name, shortUnit: weak.name, size: rng.int(20, 30), roles: 'village', mix: [villageMix(weak)],
      org: { type: ORG_TYPE.branch, sector: SECTOR.rural, unitSituation: UNIT_SITUATION.legal, foundedDate: foundedBetween(planner, '1945-01-01', '1978-12-31'), adminCode: nextVillageCode(planner), rating: pickRating(rng, true), ...weakFlags(rng) },
    },
    jg,
  );
}

/** 产业联建: a vegetable-industry joint branch across villages, with a cooperative, an association and a 龙头企业. */
function planIndustryChain(planner: Planner, root: Plan, enterpriseCount: number): void {
  const { rng, township, brandPool, allVillages, enterpriseNames } = planner;
  const vs = rng.shuffle([...allVillages]).slice(0, 3);
  const coop = `${vs[0].name.replace(/村$/, '')}${brandPool[enterpriseCount + 1]}蔬菜专业合作社`;
  const assoc = `${township.name}蔬菜协会`;
  const leading = enterpriseNames[0];
  addPlan(
    {
      nameKind: 'joint', unit: `${township.name}蔬菜产业`, shortUnit: '蔬菜产业', size: rng.int(22, 32), roles: 'joint',
      mix: [
        ...vs.map((v) => villageMix(v, 22)),
        { profile: 'enterprise', place: { kind: 'village', name: vs[0].name }, workUnit: coop, clan: vs[0].clan, weight: 18 },
        { profile: 'enterprise', place: { kind: 'town', name: township.name }, workUnit: assoc, clan: null, weight: 8 },
      ],
      org: {
        type: ORG_TYPE.jointBranch, sector: SECTOR.rural, unitSituation: UNIT_SITUATION.joint, formation: FORMATION.industry, foundedDate: jointFounded(planner),
        units: [
          ...vs.map((v) => ({ name: v.name, kind: UNIT_KIND.village })),
          { name: coop, kind: UNIT_KIND.cooperative },
          { name: assoc, kind: UNIT_KIND.association },
          { name: leading, kind: UNIT_KIND.enterprise },
        ],
        rating: rng.weighted(['五星', '四星'], [40, 60]),
      },
    },
    root,
  );
}

/** 流动型: members working away, organized where they work. */
function planMobileBranch(planner: Planner, root: Plan, enterpriseCount: number): string {
  const { rng, township, brandPool } = planner;
  const mobileCity = rng.pick(CITIES);
  const mobileCompany = `${companyName(township, brandPool[enterpriseCount + 2], '建设集团有限公司')}${mobileCity}项目部`;
  const station = `${township.name}驻${mobileCity}流动党员服务站`;
  addPlan(
    {
      nameKind: 'joint', unit: `${township.name}驻${mobileCity}流动党员`, shortUnit: `驻${mobileCity}流动党员`, size: rng.int(24, 34), roles: 'mobile',
      mix: [{ profile: 'mobile', place: { kind: 'village', name: '' }, workUnit: mobileCompany, clan: null, weight: 1 }],
      org: {
        type: ORG_TYPE.jointBranch, sector: SECTOR.other, unitSituation: UNIT_SITUATION.joint, formation: FORMATION.mobile, foundedDate: foundedBetween(planner, '2014-01-01', '2021-12-31'),
        units: [{ name: station, kind: UNIT_KIND.other }, { name: mobileCompany, kind: UNIT_KIND.enterprise }], rating: null,
      },
    },
    root,
  );
  return mobileCity;
}
