// The township the demo describes and the names derived from its code and county: ID number area,
// 籍贯, 户籍, county departments, the head's title. Computed once so every module words them alike.

const PROVINCES: Record<string, string> = {
  '11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古', '21': '辽宁', '22': '吉林', '23': '黑龙江',
  '31': '上海', '32': '江苏', '33': '浙江', '34': '安徽', '35': '福建', '36': '江西', '37': '山东', '41': '河南',
  '42': '湖北', '43': '湖南', '44': '广东', '45': '广西', '46': '海南', '50': '重庆', '51': '四川', '52': '贵州',
  '53': '云南', '54': '西藏', '61': '陕西', '62': '甘肃', '63': '青海', '64': '宁夏', '65': '新疆',
};

export interface Township {
  name: string; // e.g. 东城镇
  code: string; // 9 digits (省2 市2 县2 乡镇3)
  asOf: number; // day number of the day the demo describes
  area6: string; // the county code: area of every ID number
  province: string; // '' for an unknown province code
  countyShort: string; // 寿光 for 寿光市; '' without a county name
  deptPrefix: string; // before a county department's name: 寿光市, or just 市 without a county name
  localNative: string | null; // 籍贯 of members born here
  householdPrefix: string; // 户籍 before the township name; '' without a county name
  headTitle: string; // 镇长, 乡长 or (街道) 主任
}

export function describeTownship(name: string, code: string, asOf: number, countyName?: string): Township {
  const province = PROVINCES[code.slice(0, 2)] ?? '';
  const county = countyName ?? '';
  const countyShort = county.length > 2 ? county.replace(/(市|县|区|旗)$/, '') : county;
  const countyLevel = county ? county.slice(-1) : '市';
  return {
    name,
    code,
    asOf,
    area6: code.slice(0, 6),
    province,
    countyShort,
    deptPrefix: county || countyLevel,
    localNative: province + countyShort || null,
    householdPrefix: county ? `${province}${/^(北京|天津|上海|重庆)$/.test(province) ? '市' : '省'}${county}` : '',
    headTitle: name.endsWith('乡') ? '乡长' : name.endsWith('街道') ? '主任' : '镇长',
  };
}
