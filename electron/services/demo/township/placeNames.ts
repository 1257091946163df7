// Place and unit names for the demo township: villages (named for a clan, a direction or a landmark,
// as in 寿光), communities, enterprises and county departments, and the cities members go to work in.
import { CLAN_SURNAMES } from './names';
import { type Rng } from './random';

export interface Village {
  name: string;
  clan: string; // the surname most of the village shares
}

export const CITIES = ['青岛', '北京', '天津', '济南', '上海', '东营', '烟台', '大连', '潍坊', '淄博', '苏州', '深圳'];
export const OTHER_NATIVE = ['河北沧州', '河南商丘', '江苏徐州', '山东临沂', '山东潍坊', '辽宁大连', '山西长治', '黑龙江哈尔滨', '安徽宿州', '山东东营', '山东淄博', '山东菏泽'];
export const ROADS = ['建设路', '人民路', '文化路', '振兴街', '商业街', '政府街', '新华路', '团结路', '农圣街', '菜都路'];

const DIRS = ['东', '西', '南', '北', '前', '后', '上', '中', '大', '小', '新'];
const JIA_SUFFIX = ['庄', '疃', '营', '屯', '洼', '埠', '官庄', '河', '桥', '楼', '店'];
const SUR_SUFFIX = ['庄', '营', '屯', '集', '店', '楼', '寨', '坡', '埠', '官庄', '疃', '家'];
const FEATURES = ['屯', '湾', '洼', '岭', '河', '桥', '庄', '坊', '店', '园', '岗', '台', '口', '埠', '沟', '桥'];
const NUMBERED = ['三里庄', '五里堡', '八里庄', '十里铺', '七里河', '双庙', '三合', '五合', '九间棚', '二十里铺'];
const WORDS = ['桑', '杨柳', '柳', '枣', '桃', '杏', '梨', '槐', '韭菜', '菜', '稻田', '盐', '丰', '安', '太平', '永安', '兴隆', '福', '寿', '仁和', '古城', '双王', '孙家'];
export const COMMUNITIES = ['凤鸣', '文昌', '新华', '锦绣', '阳光', '丰华', '建新', '向阳', '振兴', '和平', '幸福', '金桥', '滨河', '惠民', '盛世', '翠苑', '富康', '康居', '育才', '鑫城'];
export const BRANDS = ['绿丰', '鑫诚', '宏达', '金禾', '丰源', '华盛', '瑞丰', '永盛', '恒通', '万隆', '兴农', '惠农', '润丰', '金穗', '嘉禾', '顺达', '佳和', '东昌', '富民', '新农', '乐义', '天成'];
export const INDUSTRIES: readonly (readonly [string, string])[] = [
  ['蔬菜', '蔬菜科技有限公司'], ['农资', '农资有限公司'], ['物流', '物流有限公司'], ['种业', '种业有限公司'],
  ['果蔬', '果蔬食品有限公司'], ['温室', '温室工程有限公司'], ['包装', '包装制品有限公司'], ['农机', '农业机械有限公司'],
  ['食品', '食品有限公司'], ['建材', '建材有限公司'],
];
export const DEPARTMENTS = ['农业农村局', '财政局', '交通运输局', '住房和城乡建设局', '市场监督管理局', '人力资源和社会保障局', '水利局', '供电公司'];
export const CHINESE_ORDINALS = ['第一', '第二', '第三', '第四', '第五', '第六', '第七', '第八', '第九', '第十'];

function villageName(rng: Rng): Village {
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

/** A village name not yet used in this township (village names double as unit and address names). */
export function newVillage(rng: Rng, usedNames: Set<string>): Village {
  for (;;) {
    const v = villageName(rng);
    if (!usedNames.has(v.name)) {
      usedNames.add(v.name);
      return v;
    }
  }
}
