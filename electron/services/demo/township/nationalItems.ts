// The national system's items of each demo member (学历 and 工作岗位 leaves, 是否农民工, 转正情况 …), drawn
// after the township is made and from a PRNG of their own, so that every earlier draw — and so every
// seed's township as it was — stays exactly as before. Each leaf is drawn inside the member's coarse
// group and class: the demo's statistics by 学历 and 职业 do not move.
import type { DemoMember } from './generateTownship';
import { createRng, type Rng } from './random';

const pick = (rng: Rng, entries: readonly (readonly [string, number])[]): string =>
  rng.weighted(entries.map((e) => e[0]), entries.map((e) => e[1]));

const IN_INSTITUTION = /学校|卫生院|中心|站|所$/;
const IN_AGENCY = /人民政府|委员会/;

function educationLevel(rng: Rng, m: DemoMember): string {
  const born = Number(m.birthDate.slice(0, 4));
  switch (m.education) {
    case '10':
      return pick(rng, [['硕士研究生', 85], ['博士研究生', 4], ['中央党校研究生', 3], ['省(区、市)委党校研究生', 8]]);
    case '20':
      return born < 1958 && rng.chance(0.3) ? '大学普通班' : pick(rng, [['大学', 86], ['省(区、市)委党校大学', 10], ['中央党校大学', 2], ['第二学士学位班', 2]]);
    case '30':
      return pick(rng, [['大专', 84], ['省(区、市)委党校大专', 13], ['中央党校大专', 3]]);
    case '40':
      return '中等专科';
    case '50':
      return pick(rng, [['普通高中', 75], ['职业高中', 15], ['技工学校', 10]]);
    default:
      return born < 1955 ? pick(rng, [['小学', 55], ['初中', 40], ['其他', 5]]) : pick(rng, [['初中', 75], ['小学', 22], ['其他', 3]]);
  }
}

function jobPost(rng: Rng, m: DemoMember, asOfYear: number): string {
  const unit = m.workUnit ?? '';
  const age = asOfYear - Number(m.birthDate.slice(0, 4));
  switch (m.occupation) {
    case '1':
      if (IN_AGENCY.test(unit)) return '机关单位工勤岗位';
      if (IN_INSTITUTION.test(unit)) return '事业单位工勤岗位';
      return pick(rng, [['非公有企业工勤岗位', 82], ['公有经济控制单位工勤岗位', 12], ['民办非企业工勤岗位', 6]]);
    case '2':
      if (m.isMobile) return '外出务工经商人员';
      return pick(rng, [['农牧渔业生产人员', 86], ['其他农牧渔民', 12], ['乡村医生', 2]]);
    case '3':
      if (IN_INSTITUTION.test(unit)) return '事业单位专业技术岗位';
      return pick(rng, [['非公有经济控制企业专业技术岗位', 76], ['公有经济控制企业专业技术岗位', 18], ['民办非企业专业技术岗位', 6]]);
    case '4':
      if (IN_INSTITUTION.test(unit)) return '事业单位管理岗位';
      return pick(rng, [['非公有经济控制企业管理岗位', 74], ['公有经济控制企业管理岗位', 16], ['民办非企业管理岗位', 10]]);
    case '5':
      return pick(rng, [['公务员', 82], ['参照公务员法管理的工作人员', 18]]);
    case '6':
      if (age <= 18) return pick(rng, [['高中学生', 50], ['中等专业学校学生', 30], ['技工学校学生', 20]]);
      if (age >= 23) return pick(rng, [['研究生一年级学生', 30], ['研究生其他年级学生', 40], ['研究生毕业年级学生', 30]]);
      return pick(rng, [['大学本科其他年级学生', 40], ['大学本科毕业年级学生', 20], ['大学本科一年级学生', 10], ['大学专科其他年级学生', 15], ['大学专科毕业年级学生', 15]]);
    case '8':
      if (age >= 96) return '离休干部';
      return pick(rng, [['退休人员', 95], ['退职人员', 5]]);
    default:
      return pick(rng, [
        ['个体工商户中的从业人员', 26], ['其他从业人员', 20], ['自由职业人员', 14], ['社区工作人员', 12], ['其他无业人员', 10],
        ['大学生村官', 6], ['内部退养职工', 4], ['解放军、武警', 3], ['停薪留职人员', 2], ['(转业)待安置、学生毕业未就业的人员', 3],
      ]);
  }
}

const TECH_TITLES = ['中小学一级教师', '中小学高级教师', '主治医师', '护师', '助理农艺师', '农艺师', '助理工程师', '工程师', '会计师'];

export function assignNationalItems(seed: number, members: DemoMember[], asOf: string): void {
  const asOfYear = Number(asOf.slice(0, 4));
  const rng = createRng((seed * 31 + 7) | 0);
  for (const m of members) {
    m.educationLevel = educationLevel(rng, m);
    m.jobPost = jobPost(rng, m, asOfYear);
    const post = m.jobPost;
    m.isMigrantWorker = post === '外出务工经商人员' || ((post === '非公有企业工勤岗位' || post === '公有经济控制单位工勤岗位') && rng.chance(0.55));
    m.newSocialStratum =
      post === '自由职业人员' ? '自由职业人员' : /^非公有经济控制企业/.test(post) && rng.chance(0.35) ? '民营企业和外资企业管理技术人员' : null;
    m.professionalTitle = /专业技术岗位$/.test(post) && rng.chance(0.7) ? rng.pick(TECH_TITLES) : null;
    m.currentResidence = m.isMobile ? null : m.address;
    m.joinType = '正常入党';
    m.fullStatus = m.category === 'formal' ? '按期转正' : null;
    m.lostMonth = m.isLost && m.lostDate ? m.lostDate.slice(0, 7) : null;
  }
}
