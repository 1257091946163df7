// 党的基层组织数量情况 (党委 / 党总支 / 党支部 that existed on D, by where they are) and 乡(镇)、建制村党员情况
// (the members on the roll on D in the village, community and other organizations of the township).
import { dateLit, inScope, rollSql } from './reportSql';
import { UNIT_KINDS } from './mobileLostTables';
import { unitKindSql } from './rollTable';
import type { Attrs, TableSpec } from './tableModel';

export const organizationTable: TableSpec = {
  id: 'organizations',
  title: '党的基层组织数量情况',
  unit: '个',
  entity: 'org',
  source: (r) => {
    const d = dateLit(r.asOf);
    return `SELECT o.id AS item_id,
        CASE WHEN o.type = 'committee' THEN 'committee' WHEN o.type IN ('general_branch', 'joint_general_branch') THEN 'general' WHEN o.type IN ('branch', 'joint_branch') THEN 'branch' END AS kind,
        (o.type LIKE 'joint%') AS joint,
        CASE WHEN o.parent_id IS NULL THEN 'township' ELSE ${unitKindSql('o.sector')} END AS place
      FROM ${r.S}.organizations o
      WHERE o.type <> 'group' AND (o.founded_date IS NULL OR o.founded_date <= ${d}) AND (o.status = 'active' OR o.ended_date > ${d}) AND ${inScope(r, 'o.id')}`;
  },
  attrs: ['kind', 'joint', 'place'],
  rows: [
    { key: 'total', name: '基层党组织总数', indent: 0, test: () => true },
    { key: 'committee', name: '党委', indent: 1, parent: 'total', test: (a) => a.kind === 'committee' },
    { key: 'general', name: '党总支部', indent: 1, parent: 'total', test: (a) => a.kind === 'general' },
    { key: 'branch', name: '党支部', indent: 1, parent: 'total', test: (a) => a.kind === 'branch' },
    { key: 'joint', name: '其中:联合党支部(总支)', indent: 2, parent: 'total', ofWhich: true, test: (a) => Number(a.joint) === 1 },
  ],
  columns: [
    { key: 'total', heads: ['合计'], test: () => true },
    { key: 'township', heads: ['所在单位', '乡镇'], partOf: 'total', partition: 'place', test: (a) => a.place === 'township' },
    ...UNIT_KINDS.map(([key, name]) => ({ key, heads: ['所在单位', name], partOf: 'total', partition: 'place', test: (a: Attrs) => a.place === key })),
  ],
  note: '党小组不计;已合并或撤销的组织计至其撤销日期。',
};

export const townshipVillageTable: TableSpec = {
  id: 'townshipVillage',
  title: '乡(镇)、建制村党员情况',
  unit: '人',
  entity: 'member',
  source: (r) => rollSql(r),
  fromRoll: true,
  attrs: ['place', 'probationary', 'gender', 'minority', 'age_band', 'away', 'lost'],
  rows: [
    { key: 'total', name: '乡(镇)党员总数', indent: 0, test: () => true },
    { key: 'village', name: '建制村党组织的党员', indent: 1, parent: 'total', test: (a) => a.place === 'village' },
    { key: 'community', name: '社区党组织的党员', indent: 1, parent: 'total', test: (a) => a.place === 'community' },
    { key: 'others', name: '乡(镇)机关和其他单位党组织的党员', indent: 1, parent: 'total', test: (a) => a.place !== 'village' && a.place !== 'community' },
  ],
  columns: [
    { key: 'total', heads: ['党员数'], test: () => true },
    { key: 'probationary', heads: ['其中', '预备党员'], partOf: 'total', test: (a) => Number(a.probationary) === 1 },
    { key: 'female', heads: ['其中', '女'], partOf: 'total', test: (a) => a.gender === '2' },
    { key: 'minority', heads: ['其中', '少数民族'], partOf: 'total', test: (a) => Number(a.minority) === 1 },
    { key: 'young', heads: ['其中', '35岁及以下'], partOf: 'total', test: (a) => Number(a.age_band) <= 1 },
    { key: 'old', heads: ['其中', '61岁及以上'], partOf: 'total', test: (a) => Number(a.age_band) >= 7 },
    { key: 'mobile', heads: ['其中', '流动党员'], partOf: 'total', test: (a) => Number(a.away) === 1 },
    { key: 'lost', heads: ['其中', '失联党员'], partOf: 'total', test: (a) => Number(a.lost) === 1 },
  ],
};
