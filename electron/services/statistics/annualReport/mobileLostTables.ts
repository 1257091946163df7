// 流动党员情况 (members away on D: 跨省, 省内, 流向未登记, 持活动证) and 失去联系党员情况 (members lost on D, by
// the kind of unit their branch is in, with their age, 党龄, 学历, how long they have been lost and why).
import { CODE_LISTS } from '../../core/codes';
import { LOST_AGE_BANDS, LOST_TIME_BANDS, PARTY_YEARS_BANDS, bandColumns, educationColumns, headColumns } from './bands';
import { PROVINCES, provinceShortName } from './provinces';
import { rollSql } from './reportSql';
import type { Attrs, RowSpec, TableSpec } from './tableModel';

export const mobileTable: TableSpec = {
  id: 'mobile',
  title: '流动党员情况',
  unit: '人',
  entity: 'member',
  source: (r) => `SELECT * FROM (${rollSql(r)}) WHERE away = 1`,
  attrs: ['flow', 'province', 'certificate', 'probationary', 'gender', 'minority'],
  rows: [
    { key: 'total', name: '流出党员总数', indent: 0, test: () => true },
    { key: 'across', name: '跨省(区、市)流动', indent: 1, parent: 'total', test: (a) => a.flow === 'across' },
    { key: 'within', name: '省(区、市)内流动', indent: 1, parent: 'total', test: (a) => a.flow === 'within' },
    { key: 'unknown', name: '外出流向未登记', indent: 1, parent: 'total', test: (a) => a.flow === 'unknown' },
    { key: 'certificate', name: '其中:持《流动党员活动证》', indent: 1, parent: 'total', ofWhich: true, test: (a) => Number(a.certificate) === 1 },
    ...destinationRows(),
  ],
  columns: headColumns(),
  note: '流动党员以统计日期时尚未结束的外出登记为准;流向按党员档案中登记的外出流向(省)与本乡镇所在省比较。外出流向填写的不是省级名称的,计入“未能识别的省份”,请在档案中改正。',
};

/** 外出流向: one line per province (the form's fixed list, so that a county can add its townships line by line). */
function destinationRows(): RowSpec[] {
  const known = new Set(Object.values(PROVINCES).map(provinceShortName));
  return [
    { key: 'destination', name: '按外出流向分', indent: 1, parent: 'total', ofWhich: true, test: () => true },
    ...Object.entries(PROVINCES).map(([code, name]) => {
      const short = provinceShortName(name);
      return { key: `to_${code}`, name, indent: 2, parent: 'destination', test: (a: Attrs) => a.province === short };
    }),
    { key: 'to_unrecognized', name: '未能识别的省份', indent: 2, parent: 'destination', test: (a) => a.province !== null && !known.has(String(a.province)) },
    { key: 'to_unknown', name: '流向未登记', indent: 2, parent: 'destination', test: (a) => a.province === null },
  ];
}

export const UNIT_KINDS: [string, string][] = [
  ['village', '建制村'], ['community', '社区'], ['agency', '机关'], ['institution', '事业单位'], ['enterprise', '企业'], ['social', '社会组织'], ['other', '其他'],
];

const lostRows: RowSpec[] = [
  { key: 'total', name: '失去联系党员总数', indent: 0, test: () => true },
  ...UNIT_KINDS.map(([key, name]) => ({ key, name, indent: 1, parent: 'total', test: (a: Attrs) => a.unit_kind === key })),
];

export const lostTable: TableSpec = {
  id: 'lost',
  title: '失去联系党员情况',
  unit: '人',
  entity: 'member',
  source: (r) => `SELECT * FROM (${rollSql(r)}) WHERE lost = 1`,
  attrs: ['unit_kind', 'probationary', 'gender', 'minority', 'age', 'party_years', 'education', 'lost_months', 'reason'],
  rows: lostRows,
  columns: [
    ...headColumns(),
    ...bandColumns('年龄', LOST_AGE_BANDS, 'age'),
    ...bandColumns('党龄', PARTY_YEARS_BANDS, 'party_years'),
    ...educationColumns('学历'),
    ...bandColumns('失去联系时间', LOST_TIME_BANDS, 'lost_months'),
    { key: 'lost_months_unknown', heads: ['失去联系时间', '未登记日期'], partOf: 'total', partition: 'lost_months', test: (a) => a.lost_months === null },
    ...[...CODE_LISTS.lostReason.map((c) => [c.code, c.zh]), ['unknown', '未登记']].map(([code, name]) => ({
      key: `reason_${code}`, heads: ['具体情形', name], partOf: 'total', partition: 'reason', test: (a: Attrs) => a.reason === code,
    })),
  ],
};
