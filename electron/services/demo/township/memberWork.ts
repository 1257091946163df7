// Education, degree, occupation and work: when a member started working, where (workUnit) and as
// what (jobTitle). Branch committee seats come first, since a 书记's title names their other posts
// too (村委会主任, 校长); the 党小组长 are appointed later, once the whole roll is known.
import { FARMER, RETIRED } from './codeLists';
import { type BranchRole, type Edu, type Occ, pickEducation, pickOccupation } from './memberProfiles';
import type { Mix, Plan, RoleStyle } from './plannedOrg';
import { type Rng, addYearsDays, fromDays, weightedPicker } from './random';

const SECRETARY_TITLE: Record<RoleStyle, readonly (readonly [string, number])[]> = {
  village: [['党支部书记、村委会主任', 7], ['党支部书记', 3]],
  community: [['党支部书记、居委会主任', 8], ['党支部书记', 2]],
  enterprise: [['党支部书记、副总经理', 5], ['党支部书记、办公室主任', 3], ['党支部书记', 2]],
  agency: [['党委委员、组织委员、机关党支部书记', 1]],
  school: [['党支部书记、校长', 1]],
  health: [['党支部书记、院长', 1]],
  service: [['党支部书记、主任', 1]],
  retired: [['党支部书记', 1]],
  mobile: [['联合党支部书记', 1]],
  joint: [['联合党支部书记', 1]],
  none: [['党支部书记', 1]],
};
/** Titles a member under 32 is too young to hold; they become plain staff. */
const SENIOR_TITLE = /主任|站长|镇长|乡长|校长|院长|科长/;

export type TitlePickers = ReturnType<typeof jobTitlePickers>;

/** Job titles by workplace; the agency list names the township head (镇长, 乡长 or 主任). */
export function jobTitlePickers(headTitle: string) {
  return {
    agency: weightedPicker([
      ['科员', 30], ['一级科员', 10], ['四级主任科员', 10], ['办事员', 10], ['副主任', 10], ['主任', 8], [`副${headTitle}`, 4], ['站长', 5], ['副站长', 5], [null, 8],
    ] as const),
    school: weightedPicker([['教师', 80], ['班主任', 10], ['教导主任', 4], ['副校长', 3], ['总务主任', 3]] as const),
    health: weightedPicker([['医师', 30], ['主治医师', 18], ['护士', 20], ['护师', 12], ['药剂师', 6], ['检验师', 6], ['副院长', 3], ['公共卫生科科长', 5]] as const),
    service: weightedPicker([['农技员', 35], ['畜牧兽医员', 20], ['科员', 35], ['副主任', 10]] as const),
    worker: weightedPicker([['操作工', 45], ['电工', 15], ['驾驶员', 15], ['仓库保管员', 15], ['电焊工', 10]] as const),
    manager: weightedPicker([['总经理助理', 10], ['部门经理', 35], ['车间主任', 30], ['销售经理', 25]] as const),
    tech: weightedPicker([['技术员', 50], ['会计', 25], ['质检员', 25]] as const),
  };
}

/** Where a member sits in their branch. */
export interface Seat {
  plan: Plan;
  mix: Mix;
  role: BranchRole;
  index: number; // position on the branch roll; 0 is the 书记
  committee: number; // size of the branch committee (1, 3 or 5)
}

/** What the township offers as workplaces. */
export interface Workplaces {
  town: string;
  titles: TitlePickers;
  companies: readonly string[]; // enterprises village members may work in
}

export interface Work {
  education: Edu;
  degree: string | null;
  occupation: Occ;
  workStart: string | null;
  workUnit: string | null;
  jobTitle: string | null;
}

export function pickWork(rng: Rng, places: Workplaces, seat: Seat, birth: number, age: number, asOf: number, mobile: boolean): Work {
  const { town, titles, companies } = places;
  const { mix, role } = seat;
  const profile = mix.profile;
  const isSecretary = seat.index === 0;

  const education = pickEducation(rng, profile, age, isSecretary);
  let degree: string | null = null;
  if (education === '10') degree = rng.weighted(['2', '1', '9'], [88, 4, 8]);
  else if (education === '20') degree = rng.chance(0.85) ? '3' : '9';
  const occupation: Occ = pickOccupation(rng, profile, age, mobile, isSecretary);
  const workless = occupation === FARMER || occupation === '6';
  let workStart: string | null = null;
  if (!workless) {
    const startAge = education === '10' ? 25 : education === '20' ? 22 : education === '30' ? 21 : education === '60' ? 16 : 18;
    const d = addYearsDays(birth, startAge) + rng.int(0, 700);
    if (d < asOf - 30) workStart = fromDays(d);
  }
  let workUnit: string | null = null;
  let jobTitle: string | null = role ? branchPostTitle(rng, seat) : null;
  switch (profile) {
    case 'agency':
    case 'school':
    case 'health':
    case 'service':
      workUnit = mix.workUnit;
      if (!role) {
        jobTitle =
          profile === 'agency' ? titles.agency(rng) : profile === 'school' ? titles.school(rng) : profile === 'health' ? titles.health(rng) : titles.service(rng);
        if (age < 32 && jobTitle && SENIOR_TITLE.test(jobTitle)) jobTitle = profile === 'school' ? '教师' : profile === 'health' ? '医师' : '科员';
      }
      break;
    case 'retired':
      workUnit = rng.weighted([`${town}人民政府`, `${town}中心学校`, `${town}卫生院`, `${town}农业综合服务中心`], [50, 25, 15, 10]);
      break;
    case 'enterprise':
    case 'mobile':
      if (occupation !== FARMER && occupation !== RETIRED && occupation !== '7') workUnit = mix.workUnit;
      if (!role) {
        if (occupation === '1') jobTitle = profile === 'mobile' ? rng.pick(['施工员', '钢筋工', '电焊工', '木工', '驾驶员']) : titles.worker(rng);
        else if (occupation === '4') jobTitle = profile === 'mobile' ? '项目经理' : titles.manager(rng);
        else if (occupation === '3') jobTitle = titles.tech(rng);
      }
      break;
    case 'village':
    case 'community':
      if (role) workUnit = profile === 'village' ? `${mix.place.name}村民委员会` : `${mix.place.name}居民委员会`;
      else if (age < 60 && (occupation === '1' || occupation === '3' || occupation === '4')) {
        workUnit = mobile ? null : rng.chance(0.7) && companies.length ? rng.pick(companies) : null;
        if (workUnit && occupation === '1') jobTitle = titles.worker(rng);
        else if (workUnit && occupation === '4') jobTitle = titles.manager(rng);
        else if (workUnit) jobTitle = titles.tech(rng);
        else if (occupation === '4' && profile === 'village') jobTitle = rng.chance(0.4) ? '合作社理事长' : null;
      } else if (occupation === '5') workUnit = `${town}人民政府`;
      else if (!mobile && occupation === FARMER && age < 65 && rng.chance(0.04)) {
        jobTitle = rng.pick(['村会计', '村文书', '网格员', '村委会委员']);
        workUnit = `${mix.place.name}村民委员会`;
      }
      break;
  }
  return { education, degree, occupation, workStart, workUnit, jobTitle };
}

/** The title of a committee seat; joint and 流动型 branches say 联合党支部. */
function branchPostTitle(rng: Rng, seat: Seat): string {
  const { plan, role, index, committee } = seat;
  const t =
    role === 'secretary'
      ? rng.weighted(SECRETARY_TITLE[plan.roles].map((e) => e[0]), SECRETARY_TITLE[plan.roles].map((e) => e[1]))
      : role === 'deputy'
        ? '党支部副书记'
        : ['组织委员', '宣传委员', '纪检委员', '组织委员'][index - (committee === 5 ? 2 : 1)];
  // A branch under a village 党总支: the 村委会 post belongs to the 党总支 书记.
  if (plan.nameKind === 'branch' && plan.parent?.nameKind === 'general' && role === 'secretary') return '党支部书记';
  return plan.roles === 'joint' || plan.roles === 'mobile' ? t.replace(/^党支部/, '联合党支部') : t;
}
