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
import codes from '../../resources/codes/codes.json';
import { makeIdNumber } from '../../electron/services/idNumber';
import { CLAN_SURNAMES, SPECIAL_SURNAMES, pickFullName, pickSurname } from './names';
import { type Rng, addYearsDays, civilFromDays, createRng, fromDays, toDays, weightedPicker } from './random';

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

// ---- Code lists ---------------------------------------------------------------------------------

type CodeList = keyof typeof codes;
const CODE_SETS = new Map<CodeList, Set<string>>(
  (Object.keys(codes) as CodeList[]).map((k) => [k, new Set(codes[k].map((c) => c.code))]),
);

/** Fails loudly (at module load) if a literal below is not in codes.json. */
function code<T extends string>(list: CodeList, value: T): T {
  if (!CODE_SETS.get(list)?.has(value)) throw new Error(`demo: ${value} is not a ${list} code`);
  return value;
}
function codes1<T extends string>(list: CodeList, entries: readonly (readonly [T, number])[]): (rng: Rng) => T {
  for (const [v] of entries) code(list, v);
  return weightedPicker(entries);
}

const T = {
  committee: code('orgType', 'committee'),
  general: code('orgType', 'general_branch'),
  branch: code('orgType', 'branch'),
  jointBranch: code('orgType', 'joint_branch'),
  jointGeneral: code('orgType', 'joint_general_branch'),
  group: code('orgType', 'group'),
};
const S = {
  rural: code('orgSector', 'rural'),
  agency: code('orgSector', 'agency'),
  school: code('orgSector', 'school'),
  institution: code('orgSector', 'institution'),
  community: code('orgSector', 'community'),
  private: code('orgSector', 'private'),
  other: code('orgSector', 'other'),
};
const U = {
  same: code('unitSituation', 'same_as_parent'),
  legal: code('unitSituation', 'legal_entity'),
  joint: code('unitSituation', 'joint'),
};
const K = {
  village: code('unitKind', 'village'),
  community: code('unitKind', 'community'),
  enterprise: code('unitKind', 'enterprise'),
  department: code('unitKind', 'department'),
  cooperative: code('unitKind', 'cooperative'),
  association: code('unitKind', 'association'),
  other: code('unitKind', 'other'),
};
const F = {
  deptVillage: code('formation', 'dept_village'),
  communityVillage: code('formation', 'community_village'),
  enterpriseVillage: code('formation', 'enterprise_village'),
  strongWeak: code('formation', 'strong_weak'),
  industry: code('formation', 'industry_chain'),
  mobile: code('formation', 'mobile'),
};
const HAN = code('ethnicity', '01');
const FARMER = code('occupation', '2');
const RETIRED = code('occupation', '8');

// ---- Member profiles ------------------------------------------------------------------------------

type Profile = 'village' | 'community' | 'enterprise' | 'agency' | 'school' | 'health' | 'service' | 'retired' | 'mobile';
type Range = readonly [number, number, number]; // min, max, weight

function rangePicker(ranges: readonly Range[]): (rng: Rng) => number {
  const pick = weightedPicker(ranges.map((r) => [r, r[2]] as const));
  return (rng) => {
    const r = pick(rng);
    return rng.int(r[0], r[1]);
  };
}

const WORKING: readonly Range[] = [[22, 30, 20], [31, 40, 30], [41, 50, 28], [51, 60, 22]];
const AGE: Record<Profile, (rng: Rng) => number> = {
  village: rangePicker([[18, 30, 5], [31, 40, 9], [41, 50, 14], [51, 60, 20], [61, 70, 24], [71, 80, 18], [81, 95, 10]]),
  community: rangePicker([[18, 30, 8], [31, 40, 14], [41, 50, 16], [51, 60, 18], [61, 70, 22], [71, 80, 15], [81, 95, 7]]),
  enterprise: rangePicker([[22, 30, 25], [31, 40, 35], [41, 50, 25], [51, 60, 15]]),
  agency: rangePicker(WORKING),
  school: rangePicker(WORKING),
  health: rangePicker(WORKING),
  service: rangePicker([[24, 35, 25], [36, 50, 45], [51, 60, 30]]),
  retired: rangePicker([[60, 70, 40], [71, 80, 38], [81, 95, 22]]),
  mobile: rangePicker([[22, 30, 20], [31, 40, 35], [41, 50, 30], [51, 60, 15]]),
};
const PROBATIONARY_AGE = rangePicker([[19, 25, 25], [26, 30, 25], [31, 35, 20], [36, 45, 22], [46, 55, 8]]);
const JOIN_AGE = rangePicker([[18, 22, 18], [23, 27, 30], [28, 32, 22], [33, 40, 18], [41, 50, 9], [51, 60, 3]]);
const MIN_AGE: Record<Profile, number> = {
  village: 19, community: 19, enterprise: 22, agency: 22, school: 22, health: 22, service: 22, retired: 55, mobile: 20,
};

/** Share of women by profile; villages and the old are mostly men. */
function femaleShare(profile: Profile, age: number): number {
  switch (profile) {
    case 'village':
      return age < 35 ? 0.42 : age < 50 ? 0.32 : age < 65 ? 0.24 : 0.15;
    case 'community':
      return age < 50 ? 0.45 : age < 65 ? 0.36 : 0.24;
    case 'school':
      return 0.55;
    case 'health':
      return 0.6;
    case 'agency':
      return 0.3;
    case 'enterprise':
    case 'service':
      return 0.3;
    case 'retired':
      return 0.2;
    case 'mobile':
      return 0.12;
  }
}

type Edu = '10' | '20' | '30' | '40' | '50' | '60';
const edu = (e: readonly (readonly [Edu, number])[]) => codes1('education', e);
const EDUCATION = {
  villageOld: edu([['60', 82], ['50', 13], ['40', 4], ['30', 1]]),
  villageMid: edu([['60', 58], ['50', 27], ['40', 7], ['30', 6], ['20', 2]]),
  villageYoung: edu([['60', 20], ['50', 24], ['40', 14], ['30', 23], ['20', 18], ['10', 1]]),
  communityOld: edu([['60', 58], ['50', 25], ['40', 9], ['30', 6], ['20', 2]]),
  communityMid: edu([['60', 33], ['50', 30], ['40', 12], ['30', 16], ['20', 9]]),
  communityYoung: edu([['60', 8], ['50', 15], ['40', 12], ['30', 32], ['20', 30], ['10', 3]]),
  enterprise: edu([['60', 15], ['50', 22], ['40', 15], ['30', 25], ['20', 20], ['10', 3]]),
  agency: edu([['50', 3], ['40', 4], ['30', 25], ['20', 60], ['10', 8]]),
  school: edu([['40', 3], ['30', 22], ['20', 70], ['10', 5]]),
  health: edu([['40', 15], ['30', 40], ['20', 40], ['10', 5]]),
  service: edu([['50', 5], ['40', 10], ['30', 35], ['20', 47], ['10', 3]]),
  retired: edu([['60', 15], ['50', 20], ['40', 20], ['30', 30], ['20', 15]]),
  mobile: edu([['60', 30], ['50', 28], ['40', 15], ['30', 17], ['20', 10]]),
  secretary: edu([['60', 10], ['50', 35], ['40', 20], ['30', 25], ['20', 10]]),
};

function pickEducation(rng: Rng, profile: Profile, age: number, isSecretary: boolean): Edu {
  if (isSecretary && (profile === 'village' || profile === 'community')) return EDUCATION.secretary(rng);
  switch (profile) {
    case 'village':
      return age >= 65 ? EDUCATION.villageOld(rng) : age >= 45 ? EDUCATION.villageMid(rng) : EDUCATION.villageYoung(rng);
    case 'community':
      return age >= 65 ? EDUCATION.communityOld(rng) : age >= 45 ? EDUCATION.communityMid(rng) : EDUCATION.communityYoung(rng);
    default:
      return EDUCATION[profile](rng);
  }
}

type Occ = '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8';
const occ = (e: readonly (readonly [Occ, number])[]) => codes1('occupation', e);
const OCCUPATION = {
  villageOld: occ([['2', 62], ['8', 28], ['7', 6], ['1', 4]]),
  villageMobile: occ([['1', 40], ['7', 30], ['2', 15], ['4', 10], ['3', 5]]),
  villageStudentAge: occ([['2', 35], ['6', 25], ['7', 15], ['1', 15], ['3', 10]]),
  village: occ([['2', 62], ['1', 12], ['7', 11], ['4', 8], ['3', 7]]),
  villageSecretary: occ([['2', 70], ['4', 20], ['7', 10]]),
  communityOld: occ([['8', 60], ['7', 20], ['1', 12], ['2', 8]]),
  community: occ([['7', 28], ['1', 24], ['4', 16], ['3', 17], ['2', 8], ['5', 7]]),
  communitySecretary: occ([['7', 70], ['4', 30]]),
  enterprise: occ([['1', 40], ['4', 30], ['3', 30]]),
  enterpriseSecretary: occ([['4', 100]]),
  agency: occ([['5', 90], ['3', 4], ['1', 6]]),
  school: occ([['3', 88], ['4', 8], ['1', 4]]),
  health: occ([['3', 90], ['4', 6], ['1', 4]]),
  service: occ([['3', 55], ['5', 35], ['1', 10]]),
  retired: occ([['8', 100]]),
  mobile: occ([['1', 45], ['7', 25], ['4', 15], ['3', 10], ['2', 5]]),
};

function pickOccupation(rng: Rng, profile: Profile, age: number, mobile: boolean, isSecretary: boolean): Occ {
  switch (profile) {
    case 'village':
      if (isSecretary) return OCCUPATION.villageSecretary(rng);
      if (age >= 60) return OCCUPATION.villageOld(rng);
      if (mobile) return OCCUPATION.villageMobile(rng);
      if (age <= 24) return OCCUPATION.villageStudentAge(rng);
      return OCCUPATION.village(rng);
    case 'community':
      if (isSecretary) return OCCUPATION.communitySecretary(rng);
      if (mobile) return OCCUPATION.villageMobile(rng);
      return age >= 60 ? OCCUPATION.communityOld(rng) : OCCUPATION.community(rng);
    case 'enterprise':
      return isSecretary ? OCCUPATION.enterpriseSecretary(rng) : OCCUPATION.enterprise(rng);
    default:
      return OCCUPATION[profile](rng);
  }
}

const pickMinority = codes1('ethnicity', [
  ['03', 50], ['11', 20], ['02', 8], ['10', 5], ['08', 5], ['15', 4], ['06', 4], ['07', 2], ['05', 1], ['04', 1],
]);
const pickDeathNote = weightedPicker([['病故', 50], ['因病去世', 30], ['因病医治无效去世', 15], ['意外身故', 5]] as const);
const pickOtherExit = codes1('exitReason', [
  ['withdrawal', 1], ['self_lapse', 3], ['removal', 2], ['expulsion', 2], ['suspended', 3],
]);
const pickLostReason = codes1('lostReason', [
  ['migrant_work', 45], ['moved', 20], ['job_change', 12], ['restructuring', 8], ['graduated', 5], ['abroad', 3], ['other', 7],
]);
const EXIT_NOTES: Record<string, string> = {
  withdrawal: '本人申请退党，经支部大会讨论同意',
  self_lapse: '连续六个月不参加党的组织生活、不交纳党费，按自行脱党除名',
  removal: '理想信念淡化，经教育仍无转变，予以除名',
  expulsion: '严重违纪，给予开除党籍处分',
  probation_cancelled: '预备期内不履行党员义务，取消预备党员资格',
  suspended: '与党组织失去联系超过六个月，停止党籍',
};
for (const k of Object.keys(EXIT_NOTES)) code('exitReason', k);
const PHONE_PREFIXES = weightedPicker([
  [139, 8], [138, 8], [137, 6], [136, 5], [135, 7], [134, 4], [133, 3], [132, 3], [131, 3], [130, 3],
  [159, 5], [158, 5], [157, 3], [156, 3], [155, 3], [153, 3], [152, 3], [151, 4], [150, 4],
  [189, 3], [188, 4], [187, 4], [186, 4], [185, 3], [184, 1], [183, 3], [182, 3], [181, 2], [180, 2],
  [178, 2], [177, 2], [176, 2], [175, 1], [173, 1], [199, 2], [198, 2], [191, 1], [195, 1],
] as const);

const SENIOR_TITLE = /主任|站长|镇长|乡长|校长|院长|科长/;
const CITIES = ['青岛', '北京', '天津', '济南', '上海', '东营', '烟台', '大连', '潍坊', '淄博', '苏州', '深圳'];
const OTHER_NATIVE = ['河北沧州', '河南商丘', '江苏徐州', '山东临沂', '山东潍坊', '辽宁大连', '山西长治', '黑龙江哈尔滨', '安徽宿州', '山东东营', '山东淄博', '山东菏泽'];
const PROVINCES: Record<string, string> = {
  '11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古', '21': '辽宁', '22': '吉林', '23': '黑龙江',
  '31': '上海', '32': '江苏', '33': '浙江', '34': '安徽', '35': '福建', '36': '江西', '37': '山东', '41': '河南',
  '42': '湖北', '43': '湖南', '44': '广东', '45': '广西', '46': '海南', '50': '重庆', '51': '四川', '52': '贵州',
  '53': '云南', '54': '西藏', '61': '陕西', '62': '甘肃', '63': '青海', '64': '宁夏', '65': '新疆',
};
const ROADS = ['建设路', '人民路', '文化路', '振兴街', '商业街', '政府街', '新华路', '团结路', '农圣街', '菜都路'];

// ---- Place names ------------------------------------------------------------------------------------

const DIRS = ['东', '西', '南', '北', '前', '后', '上', '中', '大', '小', '新'];
const JIA_SUFFIX = ['庄', '疃', '营', '屯', '洼', '埠', '官庄', '河', '桥', '楼', '店'];
const SUR_SUFFIX = ['庄', '营', '屯', '集', '店', '楼', '寨', '坡', '埠', '官庄', '疃', '家'];
const FEATURES = ['屯', '湾', '洼', '岭', '河', '桥', '庄', '坊', '店', '园', '岗', '台', '口', '埠', '沟', '桥'];
const NUMBERED = ['三里庄', '五里堡', '八里庄', '十里铺', '七里河', '双庙', '三合', '五合', '九间棚', '二十里铺'];
const WORDS = ['桑', '杨柳', '柳', '枣', '桃', '杏', '梨', '槐', '韭菜', '菜', '稻田', '盐', '丰', '安', '太平', '永安', '兴隆', '福', '寿', '仁和', '古城', '双王', '孙家'];
const COMMUNITIES = ['凤鸣', '文昌', '新华', '锦绣', '阳光', '丰华', '建新', '向阳', '振兴', '和平', '幸福', '金桥', '滨河', '惠民', '盛世', '翠苑', '富康', '康居', '育才', '鑫城'];
const BRANDS = ['绿丰', '鑫诚', '宏达', '金禾', '丰源', '华盛', '瑞丰', '永盛', '恒通', '万隆', '兴农', '惠农', '润丰', '金穗', '嘉禾', '顺达', '佳和', '东昌', '富民', '新农', '乐义', '天成'];
const INDUSTRIES: readonly (readonly [string, string])[] = [
  ['蔬菜', '蔬菜科技有限公司'], ['农资', '农资有限公司'], ['物流', '物流有限公司'], ['种业', '种业有限公司'],
  ['果蔬', '果蔬食品有限公司'], ['温室', '温室工程有限公司'], ['包装', '包装制品有限公司'], ['农机', '农业机械有限公司'],
  ['食品', '食品有限公司'], ['建材', '建材有限公司'],
];
const DEPARTMENTS = ['农业农村局', '财政局', '交通运输局', '住房和城乡建设局', '市场监督管理局', '人力资源和社会保障局', '水利局', '供电公司'];
const CHINESE_ORDINALS = ['第一', '第二', '第三', '第四', '第五', '第六', '第七', '第八', '第九', '第十'];

function villageName(rng: Rng): { name: string; clan: string } {
  const r = rng.next();
  const clan = rng.pick(CLAN_SURNAMES);
  let stem: string;
  let clanFromName = true;
  if (r < 0.3) stem = rng.pick(DIRS) + clan;
  else if (r < 0.55) stem = clan + '家' + rng.pick(JIA_SUFFIX);
  else if (r < 0.75) stem = clan + rng.pick(SUR_SUFFIX);
  else {
    clanFromName = false;
    if (r < 0.88) stem = rng.pick(DIRS) + rng.pick(FEATURES);
    else if (r < 0.93) stem = rng.pick(NUMBERED);
    else stem = rng.pick(WORDS) + rng.pick(FEATURES);
  }
  if (stem.endsWith('家')) stem += '庄';
  return { name: stem + '村', clan: clanFromName ? clan : rng.pick(CLAN_SURNAMES) };
}

// ---- Organization plan -------------------------------------------------------------------------

interface Place {
  kind: 'village' | 'community' | 'town';
  name: string;
}
interface Mix {
  profile: Profile;
  place: Place;
  workUnit: string | null; // the unit this part of a branch works in (enterprise, department, cooperative)
  clan: string | null; // the village's main surname
  weight: number;
}
type NameKind = 'committee' | 'branch' | 'general' | 'joint' | 'joint_general' | 'group';
type RoleStyle = 'village' | 'community' | 'enterprise' | 'agency' | 'school' | 'health' | 'service' | 'retired' | 'mobile' | 'joint' | 'none';

interface Plan {
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

// ---- The generator ------------------------------------------------------------------------------

export function generateTownship(opts: GenerateTownshipOptions): DemoTownship {
  const total = opts.members ?? DEFAULT_DEMO_MEMBERS;
  if (!Number.isInteger(total) || total < 0) throw new Error('members must be a non-negative integer');
  if (!/^\d{9}$/.test(opts.townshipCode)) throw new Error('townshipCode must have 9 digits');
  const asOf = toDays(opts.asOf);
  if (fromDays(asOf) !== opts.asOf) throw new Error(`asOf is not a valid date: ${opts.asOf}`);
  const rng = createRng(opts.seed);
  const town = opts.townshipName;
  const area6 = opts.townshipCode.slice(0, 6);
  const province = PROVINCES[opts.townshipCode.slice(0, 2)] ?? '';
  const county = opts.countyName ?? '';
  const countyShort = county.length > 2 ? county.replace(/(市|县|区|旗)$/, '') : county;
  const countyLevel = county ? county.slice(-1) : '市';
  const deptPrefix = county || countyLevel;
  const localNative = province + countyShort || null;
  const householdPrefix = county ? `${province}${/^(北京|天津|上海|重庆)$/.test(province) ? '市' : '省'}${county}` : '';
  const headTitle = town.endsWith('乡') ? '乡长' : town.endsWith('街道') ? '主任' : '镇长';
  const clampDay = (d: number) => Math.min(d, asOf);
  const dateIn = (from: string, to: string) => fromDays(clampDay(rng.dayBetween(toDays(from), Math.max(toDays(from), clampDay(toDays(to))))));

  // Unique place names.
  const usedNames = new Set<string>();
  const newVillage = (): { name: string; clan: string } => {
    for (;;) {
      const v = villageName(rng);
      if (!usedNames.has(v.name)) {
        usedNames.add(v.name);
        return v;
      }
    }
  };
  const communityPool = rng.shuffle([...COMMUNITIES]);
  const brandPool = rng.shuffle([...BRANDS]);
  const industries = [...INDUSTRIES.slice(0, 3), ...rng.shuffle(INDUSTRIES.slice(3))];
  const companyName = (brand: string, suffix: string) => `${countyShort || province}${brand}${suffix}`;

  const mkPlan = (p: Omit<Partial<Plan>, 'org'> & Pick<Plan, 'nameKind' | 'unit' | 'shortUnit'> & { org: Partial<DemoOrg> & Pick<DemoOrg, 'type' | 'sector' | 'unitSituation' | 'foundedDate'> }, parent: Plan | null): Plan => {
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
  };
  const addGroups = (branch: Plan, count: number) => {
    for (let i = 0; i < count; i++) {
      mkPlan(
        {
          nameKind: 'group',
          unit: '',
          shortUnit: '',
          ordinal: i,
          org: { type: T.group, sector: branch.org.sector, unitSituation: U.same, foundedDate: dateIn(branch.org.foundedDate, '2020-12-31') },
        },
        branch,
      );
    }
  };
  const pickRating = (weak: boolean): string | null =>
    weak ? rng.weighted(['三星', null], [30, 70]) : rng.weighted(['五星', '四星', '三星', null], [8, 27, 45, 20]);
  const villageMix = (v: { name: string; clan: string }, weight = 1): Mix => ({
    profile: 'village', place: { kind: 'village', name: v.name }, workUnit: null, clan: v.clan, weight,
  });
  const villageSize = () => Math.round(20 + 100 * Math.pow(rng.next(), 2.5));
  const firstSecretaryName = () => pickFullName(rng, rng.chance(0.8) ? '1' : '2', rng.int(1975, 1995));
  const weakFlags = () => {
    const f = { weakTeam: rng.chance(0.4), weakEconomy: rng.chance(0.8), weakBase: rng.chance(0.4) };
    if (!f.weakTeam && !f.weakEconomy && !f.weakBase) f.weakEconomy = true;
    return { ...f, firstSecretary: firstSecretaryName() };
  };

  // 党委.
  const root = mkPlan(
    {
      nameKind: 'committee', unit: town, shortUnit: town,
      org: { type: T.committee, sector: S.rural, unitSituation: U.legal, foundedDate: dateIn('1956-01-01', '1984-12-31') },
    },
    null,
  );

  // Agencies and institutions.
  const agency = (unit: string, sector: string, profile: Profile, size: number, situation: string, founded: [string, string], workUnit: string) =>
    mkPlan(
      {
        nameKind: 'branch', unit: `${town}${unit}`, shortUnit: `${town}${unit}`, size, roles: profile,
        mix: [{ profile, place: { kind: 'town', name: town }, workUnit, clan: null, weight: 1 }],
        org: { type: T.branch, sector, unitSituation: situation, foundedDate: dateIn(founded[0], founded[1]), rating: rng.weighted(['五星', '四星', null], [20, 40, 40]) },
      },
      root,
    );
  agency('机关', S.agency, 'agency', rng.int(42, 55), U.same, ['1956-01-01', '1984-12-31'], `${town}人民政府`);
  agency('卫生院', S.institution, 'health', rng.int(16, 26), U.legal, ['1958-01-01', '1985-12-31'], `${town}卫生院`);
  agency('中心学校', S.school, 'school', rng.int(32, 48), U.legal, ['1960-01-01', '1995-12-31'], `${town}中心学校`);
  agency('农业综合服务中心', S.institution, 'service', rng.int(12, 20), U.legal, ['1990-01-01', '2012-12-31'], `${town}农业综合服务中心`);
  agency('退休干部', S.agency, 'retired', rng.int(28, 42), U.same, ['1995-01-01', '2010-12-31'], `${town}人民政府`);

  // Communities (街道社区).
  const communityCount = rng.int(5, 7);
  const communityPlans: Plan[] = [];
  for (let i = 0; i < communityCount; i++) {
    const name = communityPool[i] + '社区';
    usedNames.add(name);
    const p = mkPlan(
      {
        nameKind: 'branch', unit: name, shortUnit: name, size: rng.int(30, 70), roles: 'community',
        mix: [{ profile: 'community', place: { kind: 'community', name }, workUnit: null, clan: null, weight: 1 }],
        org: { type: T.branch, sector: S.community, unitSituation: U.legal, foundedDate: dateIn('2001-01-01', '2016-12-31'), rating: pickRating(false) },
      },
      root,
    );
    communityPlans.push(p);
    addGroups(p, rng.int(1, 3));
  }

  // Villages: ~70 village-level organizations, a few of them 党总支 with branches and groups.
  const villageCount = rng.int(68, 72);
  const generalCount = rng.int(6, 9);
  const regularCount = villageCount - generalCount - 2; // two more sit under the 强村+弱村 joint 党总支
  const weakCount = rng.int(3, 5);
  const villagePlans: Plan[] = []; // village-level orgs that carry an admin code, in code order
  const allVillages: { name: string; clan: string }[] = [];
  const kinds: ('regular' | 'general')[] = rng.shuffle([
    ...Array.from({ length: regularCount }, () => 'regular' as const),
    ...Array.from({ length: generalCount }, () => 'general' as const),
  ]);
  let weakLeft = weakCount;
  kinds.forEach((kind, idx) => {
    const v = newVillage();
    allVillages.push(v);
    const founded = dateIn('1945-01-01', '1978-12-31');
    if (kind === 'regular') {
      const weak = weakLeft > 0 && rng.chance(weakLeft / (kinds.length - idx));
      if (weak) weakLeft--;
      const size = weak ? rng.int(20, 34) : villageSize();
      const p = mkPlan(
        {
          nameKind: 'branch', unit: v.name, shortUnit: v.name, size, roles: 'village', mix: [villageMix(v)],
          org: { type: T.branch, sector: S.rural, unitSituation: U.legal, foundedDate: founded, rating: pickRating(weak), ...(weak ? weakFlags() : {}) },
        },
        root,
      );
      villagePlans.push(p);
      if (size >= 45) addGroups(p, Math.min(4, Math.floor(size / 25)));
    } else {
      const g = mkPlan(
        {
          nameKind: 'general', unit: v.name, shortUnit: v.name,
          org: { type: T.general, sector: S.rural, unitSituation: U.legal, foundedDate: dateIn('1995-01-01', '2018-12-31'), rating: pickRating(false) },
        },
        root,
      );
      villagePlans.push(g);
      const totalSize = rng.int(70, 125);
      const subs = rng.int(2, 4);
      for (let s = 0; s < subs; s++) {
        const size = Math.max(8, Math.round((totalSize / subs) * rng.float(0.75, 1.25)));
        const b = mkPlan(
          {
            nameKind: 'branch', unit: v.name + CHINESE_ORDINALS[s], shortUnit: v.name + CHINESE_ORDINALS[s], size, roles: 'village', mix: [villageMix(v)],
            org: { type: T.branch, sector: S.rural, unitSituation: U.same, foundedDate: dateIn(g.org.foundedDate, '2019-12-31') },
          },
          g,
        );
        if (size >= 30) addGroups(b, rng.int(1, 2));
      }
    }
  });

  // Communities get 居委会 codes 001–, villages 村委会 codes 201– (统计用区划代码 城乡 convention).
  communityPlans.forEach((p, i) => (p.org.adminCode = opts.townshipCode + String(1 + i).padStart(3, '0')));
  let villageCodeNo = 201;
  const nextVillageCode = () => opts.townshipCode + String(villageCodeNo++).padStart(3, '0');
  for (const p of villagePlans) p.org.adminCode = nextVillageCode();

  // Non-public enterprises.
  const enterpriseCount = rng.int(5, 7);
  const enterpriseNames: string[] = [];
  for (let i = 0; i < enterpriseCount; i++) {
    const [ind, suffix] = industries[i % industries.length];
    const brand = brandPool[i];
    const full = companyName(brand, suffix);
    enterpriseNames.push(full);
    const home = rng.pick(allVillages);
    mkPlan(
      {
        nameKind: 'branch', unit: full, shortUnit: `${brand}${ind}公司`, size: rng.int(8, 35), roles: 'enterprise',
        mix: [{ profile: 'enterprise', place: rng.chance(0.5) ? { kind: 'village', name: home.name } : { kind: 'town', name: town }, workUnit: full, clan: null, weight: 1 }],
        org: { type: T.branch, sector: S.private, unitSituation: U.legal, foundedDate: dateIn('2006-01-01', '2021-12-31'), rating: rng.weighted(['四星', '三星', null], [30, 30, 40]) },
      },
      root,
    );
  }

  // Joint organizations, one of each form the seed describes.
  const jointFounded = () => dateIn('2009-01-01', '2012-12-31');
  {
    // 部门+村: a county department paired with a weak village (城乡结对共建).
    const v = newVillage();
    const dept = rng.pick(DEPARTMENTS);
    const deptFull = deptPrefix + dept;
    mkPlan(
      {
        nameKind: 'joint', unit: deptFull + v.name, shortUnit: dept + v.name, size: rng.int(28, 40), roles: 'joint',
        mix: [villageMix(v, 85), { profile: 'agency', place: { kind: 'town', name: town }, workUnit: deptFull, clan: null, weight: 15 }],
        org: {
          type: T.jointBranch, sector: S.rural, unitSituation: U.joint, formation: F.deptVillage, foundedDate: jointFounded(),
          units: [{ name: deptFull, kind: K.department }, { name: v.name, kind: K.village }],
          rating: pickRating(true), ...weakFlags(),
        },
      },
      root,
    );
    nextVillageCode(); // the village keeps its code; its branch is the joint one
  }
  {
    // 社区+村.
    const c = communityPool[communityCount] + '社区';
    usedNames.add(c);
    const v = newVillage();
    mkPlan(
      {
        nameKind: 'joint', unit: c + v.name, shortUnit: c + v.name, size: rng.int(30, 45), roles: 'joint',
        mix: [villageMix(v, 55), { profile: 'community', place: { kind: 'community', name: c }, workUnit: null, clan: null, weight: 45 }],
        org: {
          type: T.jointBranch, sector: S.community, unitSituation: U.joint, formation: F.communityVillage, foundedDate: jointFounded(),
          units: [{ name: c, kind: K.community }, { name: v.name, kind: K.village }], rating: pickRating(false),
        },
      },
      root,
    );
    nextVillageCode();
  }
  {
    // 村企联建.
    const v = newVillage();
    const [ind, suffix] = industries[enterpriseCount % industries.length];
    const brand = brandPool[enterpriseCount];
    const full = companyName(brand, suffix);
    enterpriseNames.push(full);
    mkPlan(
      {
        nameKind: 'joint', unit: `${brand}${ind}公司${v.name}`, shortUnit: `${brand}${ind}公司${v.name}`, size: rng.int(35, 50), roles: 'joint',
        mix: [villageMix(v, 65), { profile: 'enterprise', place: { kind: 'village', name: v.name }, workUnit: full, clan: v.clan, weight: 35 }],
        org: {
          type: T.jointBranch, sector: S.rural, unitSituation: U.joint, formation: F.enterpriseVillage, foundedDate: jointFounded(),
          units: [{ name: full, kind: K.enterprise }, { name: v.name, kind: K.village }], rating: pickRating(false),
        },
      },
      root,
    );
    nextVillageCode();
  }
  {
    // 强村+弱村: a joint 党总支 over the two village branches.
    const strong = newVillage();
    const weak = newVillage();
    allVillages.push(strong, weak);
    const jg = mkPlan(
      {
        nameKind: 'joint_general', unit: strong.name + weak.name, shortUnit: strong.name + weak.name,
        org: {
          type: T.jointGeneral, sector: S.rural, unitSituation: U.joint, formation: F.strongWeak, foundedDate: jointFounded(),
          units: [{ name: strong.name, kind: K.village }, { name: weak.name, kind: K.village }], rating: pickRating(false),
        },
      },
      root,
    );
    const sb = mkPlan(
      {
        nameKind: 'branch', unit: strong.name, shortUnit: strong.name, size: rng.int(60, 100), roles: 'village', mix: [villageMix(strong)],
        org: { type: T.branch, sector: S.rural, unitSituation: U.legal, foundedDate: dateIn('1945-01-01', '1978-12-31'), rating: rng.weighted(['五星', '四星'], [50, 50]), adminCode: nextVillageCode() },
      },
      jg,
    );
    addGroups(sb, 3);
    mkPlan(
      {
        nameKind: 'branch', unit: weak.name, shortUnit: weak.name, size: rng.int(20, 30), roles: 'village', mix: [villageMix(weak)],
        org: { type: T.branch, sector: S.rural, unitSituation: U.legal, foundedDate: dateIn('1945-01-01', '1978-12-31'), adminCode: nextVillageCode(), rating: pickRating(true), ...weakFlags() },
      },
      jg,
    );
  }
  {
    // 产业联建: a vegetable-industry joint branch across villages, with a cooperative, an association and a 龙头企业.
    const vs = rng.shuffle([...allVillages]).slice(0, 3);
    const coop = `${vs[0].name.replace(/村$/, '')}${brandPool[enterpriseCount + 1]}蔬菜专业合作社`;
    const assoc = `${town}蔬菜协会`;
    const leading = enterpriseNames[0];
    mkPlan(
      {
        nameKind: 'joint', unit: `${town}蔬菜产业`, shortUnit: '蔬菜产业', size: rng.int(22, 32), roles: 'joint',
        mix: [
          ...vs.map((v) => villageMix(v, 22)),
          { profile: 'enterprise', place: { kind: 'village', name: vs[0].name }, workUnit: coop, clan: vs[0].clan, weight: 18 },
          { profile: 'enterprise', place: { kind: 'town', name: town }, workUnit: assoc, clan: null, weight: 8 },
        ],
        org: {
          type: T.jointBranch, sector: S.rural, unitSituation: U.joint, formation: F.industry, foundedDate: jointFounded(),
          units: [
            ...vs.map((v) => ({ name: v.name, kind: K.village })),
            { name: coop, kind: K.cooperative },
            { name: assoc, kind: K.association },
            { name: leading, kind: K.enterprise },
          ],
          rating: rng.weighted(['五星', '四星'], [40, 60]),
        },
      },
      root,
    );
  }
  const mobileCity = rng.pick(CITIES);
  const mobileCompany = `${companyName(brandPool[enterpriseCount + 2], '建设集团有限公司')}${mobileCity}项目部`;
  {
    // 流动型: members working away, organized where they work.
    const station = `${town}驻${mobileCity}流动党员服务站`;
    mkPlan(
      {
        nameKind: 'joint', unit: `${town}驻${mobileCity}流动党员`, shortUnit: `驻${mobileCity}流动党员`, size: rng.int(24, 34), roles: 'mobile',
        mix: [{ profile: 'mobile', place: { kind: 'village', name: '' }, workUnit: mobileCompany, clan: null, weight: 1 }],
        org: {
          type: T.jointBranch, sector: S.other, unitSituation: U.joint, formation: F.mobile, foundedDate: dateIn('2014-01-01', '2021-12-31'),
          units: [{ name: station, kind: K.other }, { name: mobileCompany, kind: K.enterprise }], rating: null,
        },
      },
      root,
    );
  }

  // Keys, parents before children (depth-first from the root, in creation order).
  const ordered: Plan[] = [];
  const visit = (p: Plan) => {
    ordered.push(p);
    for (const c of p.children) visit(c);
  };
  visit(root);
  ordered.forEach((p, i) => (p.org.key = `o${i + 1}`));
  for (const p of ordered) p.org.parentKey = p.parent ? p.parent.org.key : null;

  // ---- Members ------------------------------------------------------------------------------------
  const memberPlans = ordered.filter((p) => p.size > 0);
  const counts = allocate(memberPlans.map((p) => p.size), total);
  const members: DemoMember[] = new Array(total);
  const surnameLength = new Uint8Array(total);
  const usedIds = new Set<number>();
  const usedPhones = new Map<number, Set<number>>();
  const minJoin = toDays('1940-01-02');
  const asOfMinus1y = addYearsDays(asOf, -1);
  const companies = enterpriseNames;
  const agencyTitle = weightedPicker([
    ['科员', 30], ['一级科员', 10], ['四级主任科员', 10], ['办事员', 10], ['副主任', 10], ['主任', 8], [`副${headTitle}`, 4], ['站长', 5], ['副站长', 5], [null, 8],
  ] as const);
  const schoolTitle = weightedPicker([['教师', 80], ['班主任', 10], ['教导主任', 4], ['副校长', 3], ['总务主任', 3]] as const);
  const healthTitle = weightedPicker([['医师', 30], ['主治医师', 18], ['护士', 20], ['护师', 12], ['药剂师', 6], ['检验师', 6], ['副院长', 3], ['公共卫生科科长', 5]] as const);
  const serviceTitle = weightedPicker([['农技员', 35], ['畜牧兽医员', 20], ['科员', 35], ['副主任', 10]] as const);
  const workerTitle = weightedPicker([['操作工', 45], ['电工', 15], ['驾驶员', 15], ['仓库保管员', 15], ['电焊工', 10]] as const);
  const managerTitle = weightedPicker([['总经理助理', 10], ['部门经理', 35], ['车间主任', 30], ['销售经理', 25]] as const);
  const techTitle = weightedPicker([['技术员', 50], ['会计', 25], ['质检员', 25]] as const);

  const idFor = (gender: '1' | '2', birth: number): string => {
    const birthStr = fromDays(birth);
    const parity = gender === '1' ? 1 : 0;
    for (let attempt = 0; ; attempt++) {
      const seq = (attempt < 20 ? rng.int(0, 499) : (attempt - 20) % 500) * 2 + parity;
      const key = birth * 1000 + seq;
      if (attempt >= 520) throw new Error(`demo: no free ID sequence for ${birthStr}`);
      if (!usedIds.has(key)) {
        usedIds.add(key);
        return makeIdNumber(area6, birthStr, seq);
      }
    }
  };
  const phoneFor = (): string => {
    const prefix = PHONE_PREFIXES(rng);
    let used = usedPhones.get(prefix);
    if (!used) usedPhones.set(prefix, (used = new Set()));
    for (;;) {
      const n = rng.int(0, 99_999_999); // small integers keep the set fast
      if (!used.has(n)) {
        used.add(n);
        return `${prefix}${String(n).padStart(8, '0')}`;
      }
    }
  };
  const addressFor = (place: Place): string => {
    if (place.kind === 'village') {
      return rng.chance(0.7)
        ? `${place.name}${rng.int(1, 12)}组${rng.int(1, 60)}号`
        : `${place.name}${rng.pick(['前', '后', '东', '西', '中', '南', '北'])}街${rng.int(1, 99)}号`;
    }
    if (place.kind === 'community') return `${place.name}${rng.int(1, 24)}号楼${rng.int(1, 4)}单元${rng.int(1, 6)}0${rng.int(1, 4)}室`;
    return `${town}${rng.pick(ROADS)}${rng.int(1, 300)}号`;
  };

  let mi = 0;
  memberPlans.forEach((plan, pi) => {
    const count = counts[pi];
    const mixPick = plan.mix.length > 1 ? weightedPicker(plan.mix.map((m) => [m, m.weight] as const)) : null;
    const committee = count >= 30 ? 5 : count >= 7 ? 3 : 1;
    for (let i = 0; i < count; i++) {
      const mix = mixPick ? mixPick(rng) : plan.mix[0];
      const profile = mix.profile;
      const isSecretary = i === 0;
      const role: 'secretary' | 'deputy' | 'committee' | null =
        i === 0 ? 'secretary' : i === 1 && committee === 5 ? 'deputy' : i < committee ? 'committee' : null;

      // Category and age.
      let probationary = role === null && profile !== 'retired' && rng.chance(0.028);
      let age: number;
      if (isSecretary) age = profile === 'retired' ? rng.int(62, 72) : rng.int(35, 60);
      else if (role) age = profile === 'retired' ? rng.int(60, 75) : rng.int(28, 58);
      else if (probationary) age = Math.max(MIN_AGE[profile], PROBATIONARY_AGE(rng));
      else age = Math.max(MIN_AGE[profile], AGE[profile](rng));
      const birthHi = addYearsDays(asOf, -age);
      const birth = rng.dayBetween(addYearsDays(asOf, -(age + 1)) + 1, birthHi);
      const birthYear = civilFromDays(birth)[0];

      // Gender and name.
      let pFemale = probationary ? 0.42 : femaleShare(profile, age);
      if (isSecretary && (profile === 'village' || profile === 'mobile')) pFemale = 0.08;
      const gender: '1' | '2' = rng.chance(pFemale) ? '2' : '1';
      let surname: string;
      if (mix.clan && profile !== 'mobile') {
        const r = rng.next();
        surname = r < 0.35 ? mix.clan : pickSurname(rng);
      } else surname = pickSurname(rng);
      const name = pickFullName(rng, gender, birthYear, surname);
      surnameLength[mi] = surname.length;

      // 入党 and 转正.
      const adult = addYearsDays(birth, 18) + 1;
      let join: number;
      if (!probationary) {
        const lo = Math.max(adult, minJoin);
        const hi = asOfMinus1y - 1;
        if (lo > hi) probationary = true;
        // Age at 入党: the usual distribution, redrawn (then uniform) until it fits the member's age.
        let joinAge = JOIN_AGE(rng);
        for (let k = 0; k < 3 && joinAge > age - 2; k++) joinAge = JOIN_AGE(rng);
        if (joinAge > age - 2) joinAge = rng.int(18, Math.max(18, age - 2));
        join = Math.min(hi, Math.max(lo, birth + Math.round(joinAge * 365.2425) + rng.int(0, 364)));
      } else join = 0;
      if (probationary) join = rng.dayBetween(Math.max(adult, asOfMinus1y + 1), asOf - 1);
      {
        const [, jm, jd] = civilFromDays(join);
        if (jm === 2 && jd === 29) join += probationary ? 1 : -1; // keep 转正 = the same calendar day
      }
      const full = probationary ? null : addYearsDays(join, 1);

      // Exits (出党), 失联 and 流动.
      let exitReason: string | null = null;
      let exitDay = 0;
      let lost = false;
      let lostDay = 0;
      let lostReason: string | null = null;
      if (role === null) {
        if (probationary) {
          if (join < asOf - 30 && rng.chance(0.01)) {
            exitReason = 'probation_cancelled';
            exitDay = rng.dayBetween(join + 1, asOf - 1);
          }
        } else {
          const pDeath = age >= 85 ? 0.13 : age >= 75 ? 0.065 : age >= 65 ? 0.025 : age >= 50 ? 0.003 : 0.0005;
          const pTransfer = age < 60 ? 0.012 : 0.003;
          const r = rng.next();
          if (r < pDeath) exitReason = 'death';
          else if (r < pDeath + pTransfer) exitReason = 'transfer_out';
          else if (r < pDeath + pTransfer + 0.0025 && age < 70) exitReason = pickOtherExit(rng);
          if (exitReason) {
            const lo = Math.max(full! + 1, addYearsDays(asOf, -5));
            if (exitReason === 'suspended') {
              // Lost first, then 停止党籍 after six months without contact.
              const lostLo = Math.max(join + 1, addYearsDays(asOf, -6));
              const lostHi = asOf - 200;
              if (lostLo <= lostHi) {
                lost = true;
                lostReason = pickLostReason(rng);
                lostDay = rng.dayBetween(lostLo, lostHi);
                exitDay = rng.dayBetween(lostDay + 183, asOf - 1);
              } else exitReason = 'withdrawal';
            }
            if (exitReason !== 'suspended') exitDay = rng.dayBetween(Math.min(lo, asOf - 1), asOf - 1);
          }
        }
      }
      const active = exitReason === null;
      const villageish = profile === 'village' || profile === 'community';
      if (active && role === null && !probationary && age >= 22 && age <= 60 && (villageish || profile === 'mobile' || profile === 'enterprise')) {
        if (rng.chance(0.011)) {
          lost = true;
          lostReason = pickLostReason(rng);
          lostDay = rng.dayBetween(Math.max(join + 1, addYearsDays(asOf, -6)), asOf - 60);
        }
      }
      let mobile = false;
      if (active && !lost && role === null) {
        if (profile === 'mobile') mobile = rng.chance(0.85);
        else if (villageish && age >= 20 && age <= 59) mobile = rng.chance(age < 30 ? 0.28 : age < 45 ? 0.24 : 0.13);
        else if (profile === 'enterprise') mobile = rng.chance(0.02);
      }

      // Education, occupation, work.
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
      let jobTitle: string | null = null;
      if (role) {
        const t = role === 'secretary' ? rng.weighted(SECRETARY_TITLE[plan.roles].map((e) => e[0]), SECRETARY_TITLE[plan.roles].map((e) => e[1])) : role === 'deputy' ? '党支部副书记' : ['组织委员', '宣传委员', '纪检委员', '组织委员'][i - (committee === 5 ? 2 : 1)];
        jobTitle = plan.roles === 'joint' || plan.roles === 'mobile' ? t.replace(/^党支部/, '联合党支部') : t;
        if (plan.nameKind === 'branch' && plan.parent?.nameKind === 'general' && role === 'secretary') jobTitle = '党支部书记';
      }
      switch (profile) {
        case 'agency':
        case 'school':
        case 'health':
        case 'service':
          workUnit = mix.workUnit;
          if (!role) {
            jobTitle =
              profile === 'agency' ? agencyTitle(rng) : profile === 'school' ? schoolTitle(rng) : profile === 'health' ? healthTitle(rng) : serviceTitle(rng);
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
            if (occupation === '1') jobTitle = profile === 'mobile' ? rng.pick(['施工员', '钢筋工', '电焊工', '木工', '驾驶员']) : workerTitle(rng);
            else if (occupation === '4') jobTitle = profile === 'mobile' ? '项目经理' : managerTitle(rng);
            else if (occupation === '3') jobTitle = techTitle(rng);
          }
          break;
        case 'village':
        case 'community':
          if (role) workUnit = profile === 'village' ? `${mix.place.name}村民委员会` : `${mix.place.name}居民委员会`;
          else if (age < 60 && (occupation === '1' || occupation === '3' || occupation === '4')) {
            workUnit = mobile ? null : rng.chance(0.7) && companies.length ? rng.pick(companies) : null;
            if (workUnit && occupation === '1') jobTitle = workerTitle(rng);
            else if (workUnit && occupation === '4') jobTitle = managerTitle(rng);
            else if (workUnit) jobTitle = techTitle(rng);
            else if (occupation === '4' && profile === 'village') jobTitle = rng.chance(0.4) ? '合作社理事长' : null;
          } else if (occupation === '5') workUnit = `${town}人民政府`;
          else if (!mobile && occupation === FARMER && age < 65 && rng.chance(0.04)) {
            jobTitle = rng.pick(['村会计', '村文书', '网格员', '村委会委员']);
            workUnit = `${mix.place.name}村民委员会`;
          }
          break;
      }

      // Personal details.
      const ethnicity = rng.chance(0.015) ? pickMinority(rng) : HAN;
      const phone = age >= 85 && rng.chance(0.2) ? null : phoneFor();
      const homePlace: Place =
        profile === 'mobile'
          ? { kind: 'village', name: rng.pick(allVillages).name }
          : mix.place;
      const address = addressFor(homePlace);
      const nativePlace = profile === 'agency' || profile === 'school' || profile === 'health' ? (rng.chance(0.15) ? rng.pick(OTHER_NATIVE) : localNative) : rng.chance(0.02) ? rng.pick(OTHER_NATIVE) : localNative;
      const householdPlace = householdPrefix + town + (homePlace.kind === 'town' ? '' : homePlace.name);
      let remarks: string | null = null;
      if (lost && exitReason === null) remarks = `${civilFromDays(lostDay)[0]}年起与党组织失去联系`;
      else if (mobile) remarks = rng.chance(0.6) ? `外出务工，现在${profile === 'mobile' ? mobileCity : rng.pick(CITIES)}` : `在${rng.pick(CITIES)}经商`;
      else if (active && age >= 85 && rng.chance(0.3)) remarks = '年老体弱，行动不便';
      else if (active && age >= 70 && rng.chance(0.03)) remarks = '生活困难党员';

      let exitNote: string | null = null;
      if (exitReason === 'death') exitNote = pickDeathNote(rng);
      else if (exitReason === 'transfer_out') {
        exitNote = rng.chance(0.5)
          ? `随工作调动，组织关系转至${rng.pick(CITIES)}市`
          : `随子女迁居，组织关系转至${rng.pick(CITIES)}市${rng.pick(COMMUNITIES)}社区党支部`;
      } else if (exitReason) exitNote = EXIT_NOTES[exitReason];

      members[mi++] = {
        orgKey: plan.org.key,
        name,
        gender,
        idNumber: idFor(gender, birth),
        ethnicity,
        birthDate: fromDays(birth),
        education,
        category: probationary ? 'probationary' : 'formal',
        joinDate: fromDays(join),
        fullDate: full === null ? null : fromDays(full),
        occupation,
        jobTitle,
        phone,
        address,
        isMobile: mobile,
        isLost: lost,
        lostReason,
        lostDate: lost ? fromDays(lostDay) : null,
        exitReason,
        exitDate: exitReason ? fromDays(exitDay) : null,
        exitNote,
        nativePlace,
        degree,
        workStartDate: workStart,
        workUnit,
        householdPlace,
        remarks,
      };
    }
  });

  // Every special-reading surname appears at least once (pinyin search and sort need them).
  if (total >= 50) {
    const present = new Set<string>();
    for (let i = 0; i < total; i++) present.add(members[i].name.slice(0, surnameLength[i]));
    for (const s of SPECIAL_SURNAMES) {
      if (present.has(s)) continue;
      const i = rng.int(0, total - 1);
      members[i].name = s + members[i].name.slice(surnameLength[i]);
      surnameLength[i] = s.length;
    }
  }

  // ---- Names, contacts and group leaders now that the branches are filled -----------------------
  const byOrg = new Map<string, DemoMember[]>();
  for (const m of members) {
    let list = byOrg.get(m.orgKey);
    if (!list) byOrg.set(m.orgKey, (list = []));
    list.push(m);
  }
  const formalCount = (p: Plan) => (byOrg.get(p.org.key) ?? []).filter((m) => m.category === 'formal' && m.exitReason === null).length;
  for (const p of ordered) {
    const o = p.org;
    switch (p.nameKind) {
      case 'committee':
        o.name = `中共${p.unit}委员会`;
        o.shortName = `${p.shortUnit}党委`;
        break;
      case 'general':
        o.name = `中共${p.unit}总支部委员会`;
        o.shortName = `${p.shortUnit}党总支`;
        break;
      case 'joint_general':
        o.name = `中共${p.unit}联合总支部委员会`;
        o.shortName = `${p.shortUnit}联合党总支`;
        break;
      case 'branch':
        o.name = formalCount(p) >= 7 ? `中共${p.unit}支部委员会` : `中共${p.unit}支部`;
        o.shortName = `${p.shortUnit}党支部`;
        break;
      case 'joint':
        o.name = formalCount(p) >= 7 ? `中共${p.unit}联合支部委员会` : `中共${p.unit}联合支部`;
        o.shortName = `${p.shortUnit}联合党支部`;
        break;
      case 'group': {
        const parent = p.parent!.org;
        o.name = `${parent.name}${CHINESE_ORDINALS[p.ordinal]}党小组`;
        o.shortName = `${parent.shortName}${CHINESE_ORDINALS[p.ordinal]}党小组`;
        break;
      }
    }
  }
  for (const p of ordered) {
    const o = p.org;
    const own = byOrg.get(o.key);
    if (own && own.length > 0 && own[0].exitReason === null) {
      o.contact = own[0].name;
      o.phone = own[0].phone ?? phoneFor();
    } else if (p.nameKind !== 'group') {
      // 党委 (组织委员), 党总支 and empty branches: a contact who is not (necessarily) on this roll.
      const first = p.children.find((c) => (byOrg.get(c.org.key)?.length ?? 0) > 0);
      const head = first ? byOrg.get(first.org.key)![0] : null;
      o.contact = head ? head.name : pickFullName(rng, rng.chance(0.75) ? '1' : '2', rng.int(1968, 1990));
      o.phone = head?.phone ?? phoneFor();
    }
  }
  // 党小组长: active, resident members of the parent branch without another post.
  const leaderStart = new Map<string, number>();
  for (const p of ordered) {
    if (p.nameKind !== 'group') continue;
    const parentKey = p.parent!.org.key;
    const list = byOrg.get(parentKey) ?? [];
    let i = leaderStart.get(parentKey) ?? 5;
    while (i < list.length && (list[i].exitReason || list[i].isMobile || list[i].isLost || list[i].jobTitle || list[i].category !== 'formal')) i++;
    if (i < list.length) {
      list[i].jobTitle = '党小组长';
      p.org.contact = list[i].name;
      p.org.phone = list[i].phone;
    }
    leaderStart.set(parentKey, i + 1);
  }

  return { orgs: ordered.map((p) => p.org), members };
}

/** Split `total` in proportion to `weights` (largest remainder; ties by position). */
function allocate(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let rest = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) counts[order[k][1]]++;
  return counts;
}
