// Chinese personal names for demo data: surnames with rough frequencies for a county in northern
// China (Shandong-flavoured: 王 张 李 刘 first, 孙 于 姜 曲 鞠 栾 more common than nationally), and
// given-name characters by gender and birth cohort (the 秀英/桂兰 of the 1940s, the 建国/卫东 of the
// 1950s–60s, the 磊/婷 of the 1980s–90s). Includes rare surnames with special readings, which the
// pinyin search and sort must get right.
import { type Rng, weightedPicker } from './random';

/** [surname, weight]; weights are roughly per 10,000 people. */
export const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 900], ['张', 800], ['李', 780], ['刘', 620], ['孙', 300], ['杨', 260], ['赵', 260], ['陈', 250],
  ['徐', 200], ['马', 190], ['高', 190], ['于', 180], ['郭', 160], ['周', 150], ['董', 150], ['宋', 130],
  ['吕', 120], ['韩', 120], ['郑', 120], ['姜', 110], ['丁', 110], ['朱', 110], ['魏', 100], ['曹', 100],
  ['田', 100], ['许', 90], ['崔', 90], ['胡', 90], ['任', 80], ['孟', 80], ['黄', 80], ['吴', 80],
  ['贾', 70], ['冯', 70], ['袁', 60], ['邢', 60], ['石', 60], ['林', 60], ['薛', 50], ['何', 50],
  ['梁', 50], ['程', 50], ['苏', 50], ['杜', 50], ['隋', 40], ['谭', 40], ['罗', 40], ['谢', 40],
  ['唐', 40], ['卢', 40], ['范', 40], ['姚', 40], ['郝', 40], ['孔', 40], ['白', 40], ['秦', 40],
  ['史', 40], ['侯', 40], ['邵', 40], ['尹', 40], ['常', 40], ['武', 40], ['牛', 40], ['齐', 40],
  ['曲', 40], ['邓', 30], ['傅', 30], ['沈', 30], ['彭', 30], ['蒋', 30], ['蔡', 30], ['阎', 30],
  ['潘', 30], ['夏', 30], ['方', 30], ['金', 30], ['康', 30], ['毛', 30], ['段', 30], ['乔', 30],
  ['贺', 30], ['庞', 30], ['安', 30], ['颜', 30], ['葛', 30], ['鲁', 30], ['毕', 30], ['丛', 30],
  ['焦', 30], ['路', 30], ['岳', 30], ['辛', 30], ['管', 30], ['时', 30], ['耿', 30], ['牟', 30],
  ['苗', 30], ['纪', 30], ['栾', 30], ['宫', 30], ['鞠', 30], ['房', 30], ['叶', 20], ['戴', 20],
  ['钟', 20], ['汪', 20], ['邹', 20], ['陆', 20], ['邱', 20], ['江', 20], ['顾', 20], ['万', 20],
  ['雷', 20], ['钱', 20], ['汤', 20], ['樊', 20], ['殷', 20], ['陶', 20], ['翟', 20], ['倪', 20],
  ['严', 20], ['温', 20], ['季', 20], ['聂', 20], ['柳', 20], ['左', 20], ['谷', 20], ['靳', 20],
  ['盛', 20], ['成', 20], ['衣', 20], ['桑', 20], ['臧', 20], ['迟', 20], ['廖', 10], ['熊', 10],
  ['龙', 10], ['裴', 10], ['綦', 10], ['展', 10], ['蔺', 10], ['逄', 10], ['初', 10], ['阚', 10],
  ['宿', 10], ['矫', 10], ['盖', 10], ['刁', 10], ['仲', 10], ['都', 5], ['相', 5], ['国', 5],
  // Rare surnames whose reading differs from the character's common reading.
  ['单', 8], ['曾', 6], ['解', 6], ['仇', 5], ['查', 2], ['区', 1], ['朴', 1],
  // Compound surnames.
  ['欧阳', 1], ['司马', 1], ['诸葛', 1],
];

/** Surnames read differently from the character's everyday reading (姓氏读音). */
export const SPECIAL_SURNAME_READINGS: Readonly<Record<string, string>> = {
  单: 'shàn',
  曾: 'zēng',
  仇: 'qiú',
  解: 'xiè',
  区: 'ōu',
  查: 'zhā',
  朴: 'piáo',
};

/** Every special-reading surname; the generator makes sure each appears at least once. */
export const SPECIAL_SURNAMES: readonly string[] = Object.keys(SPECIAL_SURNAME_READINGS);

/** Common surnames that make up most of a village's clans (used to pick a village's main surname). */
export const CLAN_SURNAMES: readonly string[] = [
  '王', '张', '李', '刘', '孙', '杨', '赵', '陈', '徐', '马', '高', '于', '郭', '周', '董', '宋',
  '吕', '韩', '郑', '姜', '丁', '朱', '魏', '曹', '田', '许', '崔', '任', '孟', '邢', '隋', '桑',
];

type Cohort = 'old' | 'mid' | 'young';

interface GivenNameStock {
  /** Characters ordered by frequency, most common first. */
  chars: string;
  /** Whole two-character given names typical of the cohort, most common first. */
  whole: readonly string[];
  /** Share of single-character given names. */
  single: number;
  /** Share of whole names (the rest are combined from chars). */
  wholeShare: number;
}

const MALE: Record<Cohort, GivenNameStock> = {
  old: {
    chars: '德福贵文玉明春成学忠清宝祥金山顺兴树永庆长法万有云俊守传连恩振家荣广生友发财才义良立华田',
    whole: ['玉山', '德福', '长贵', '金海', '庆祥', '文华', '树林', '德明', '宝山', '春生', '学礼', '振东', '传福', '守义', '连成', '恩荣', '万福', '有才', '广田', '德胜'],
    single: 0.08,
    wholeShare: 0.35,
  },
  mid: {
    chars: '建国军卫红东志强平刚明伟勇华林峰海涛波斌兵杰磊辉亮新民胜利庆光文永春金忠宏洪坤锋健毅',
    whole: ['建国', '国庆', '建军', '卫东', '卫国', '建华', '志刚', '红军', '爱国', '建设', '新民', '援朝', '胜利', '跃进', '国强', '志强', '海涛', '建平', '卫星', '红旗'],
    single: 0.25,
    wholeShare: 0.3,
  },
  young: {
    chars: '磊伟鹏超鑫浩宇博晨帅凯阳晓杰涛昊泽轩睿子俊瑞铭文天嘉然航亮明辉强飞龙成豪',
    whole: ['子轩', '浩然', '宇航', '俊杰', '文博', '晓东', '天宇', '嘉豪', '明辉', '一鸣', '晨阳', '泽宇', '志远', '振宇', '鹏飞'],
    single: 0.4,
    wholeShare: 0.2,
  },
};

const FEMALE: Record<Cohort, GivenNameStock> = {
  old: {
    chars: '秀英兰桂珍芳玉凤翠花梅淑琴荣云香月春霞莲爱贞素巧美菊金娥',
    whole: ['秀英', '桂英', '秀兰', '玉兰', '桂兰', '凤英', '玉珍', '秀珍', '淑珍', '桂芳', '凤兰', '玉梅', '秀芳', '翠花', '春花', '玉英', '桂香', '秀云', '兰英', '金凤'],
    single: 0.06,
    wholeShare: 0.55,
  },
  mid: {
    chars: '丽红霞燕艳玲芳敏静英梅娟萍华莉慧琳平云秀凤玉春香',
    whole: ['红梅', '海燕', '丽娟', '春梅', '晓红', '玉霞', '丽华', '秀梅', '艳玲', '红霞', '丽萍', '美玲', '建英', '卫红', '晓燕', '金玲', '爱华', '翠萍'],
    single: 0.3,
    wholeShare: 0.35,
  },
  young: {
    chars: '静婷丽敏娜雪倩颖琳晶欣悦璐佳怡萌梦思雨涵晓文玉蕾楠丹菲洁瑶妍',
    whole: ['欣怡', '雨涵', '梦琪', '佳怡', '思雨', '晓雪', '婷婷', '文静', '雪梅', '梦瑶', '晓丽', '丹丹', '佳琪', '雅琪', '诗涵'],
    single: 0.42,
    wholeShare: 0.25,
  },
};

function zipf(chars: readonly string[]): (rng: Rng) => string {
  return weightedPicker(chars.map((c, i) => [c, 1 / (i + 4)] as const));
}

interface CohortPicker {
  char: (rng: Rng) => string;
  whole: (rng: Rng) => string;
  single: number;
  wholeShare: number;
}

function cohortPicker(stock: GivenNameStock): CohortPicker {
  return { char: zipf([...stock.chars]), whole: zipf(stock.whole), single: stock.single, wholeShare: stock.wholeShare };
}

const PICKERS: Record<'1' | '2', Record<Cohort, CohortPicker>> = {
  '1': { old: cohortPicker(MALE.old), mid: cohortPicker(MALE.mid), young: cohortPicker(MALE.young) },
  '2': { old: cohortPicker(FEMALE.old), mid: cohortPicker(FEMALE.mid), young: cohortPicker(FEMALE.young) },
};

const pickSurnameFn = weightedPicker(SURNAMES);

/** A surname by national-ish frequency. */
export function pickSurname(rng: Rng): string {
  return pickSurnameFn(rng);
}

function cohortOf(birthYear: number): Cohort {
  if (birthYear < 1955) return 'old';
  if (birthYear < 1980) return 'mid';
  return 'young';
}

/** A given name (1–2 characters) fitting the gender ('1' male, '2' female) and birth year. */
export function pickGivenName(rng: Rng, gender: '1' | '2', birthYear: number): string {
  const p = PICKERS[gender][cohortOf(birthYear)];
  const r = rng.next();
  if (r < p.single) return p.char(rng);
  if (r < p.single + p.wholeShare) return p.whole(rng);
  const a = p.char(rng);
  let b = p.char(rng);
  if (b === a) b = p.char(rng);
  if (b === a) return a; // a single-character name rather than 丽丽 by accident
  return a + b;
}

/** A full name; `surname` forces the family name (a village's main clan). */
export function pickFullName(rng: Rng, gender: '1' | '2', birthYear: number, surname?: string): string {
  return (surname ?? pickSurnameFn(rng)) + pickGivenName(rng, gender, birthYear);
}
