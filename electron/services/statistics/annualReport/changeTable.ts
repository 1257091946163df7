// 党员数量变化情况: 上年底总数, the year's 增加 and 减少 by kind, 本年底应有数 (上年底 + 增加 − 减少) against
// 本年底实有数 (counted on D). The two agree when every arrival and departure of the year is on record;
// 校核 names the members behind a difference.
import { PARTY_EXITS, movementCountsSql, movementsSql } from './reportSql';
import type { Attrs, RowSpec, TableSpec } from './tableModel';

const is = (what: string, kind?: string | string[], sub?: string) => (a: Attrs) =>
  a.what === what && (kind === undefined || (Array.isArray(kind) ? kind.includes(String(a.kind)) : a.kind === kind)) && (sub === undefined || a.sub === sub);

const rows: RowSpec[] = [
  { key: 'prev', name: '上年底总数', indent: 0, test: is('prev') },
  { key: 'in', name: '本年增加', indent: 0, test: is('in') },
  { key: 'in_developed', name: '发展党员', indent: 1, parent: 'in', test: is('in', 'developed') },
  { key: 'in_readmitted', name: '其中:重新入党', indent: 2, parent: 'in_developed', ofWhich: true, test: is('in', 'developed', 'readmitted') },
  { key: 'in_restored', name: '恢复党籍', indent: 1, parent: 'in', test: is('in', 'restored') },
  { key: 'in_after_suspension', name: '其中:停止党籍后恢复', indent: 2, parent: 'in_restored', ofWhich: true, test: is('in', 'restored', 'after_suspension') },
  { key: 'in_transfer', name: '转入组织关系', indent: 1, parent: 'in', test: is('in', 'transfer') },
  // The archive keeps no 整建制 transfers (a whole organization moving in or out): these lines stay 0.
  { key: 'in_whole', name: '其中:整建制转入', indent: 2, parent: 'in_transfer', ofWhich: true, test: () => false },
  { key: 'out', name: '本年减少', indent: 0, test: is('out') },
  { key: 'out_party', name: '出党', indent: 1, parent: 'out', test: is('out', PARTY_EXITS) },
  { key: 'out_suspended', name: '停止党籍', indent: 1, parent: 'out', test: is('out', 'suspended') },
  { key: 'out_death', name: '死亡', indent: 1, parent: 'out', test: is('out', 'death') },
  { key: 'out_transfer', name: '转出组织关系', indent: 1, parent: 'out', test: is('out', 'transfer_out') },
  { key: 'out_whole', name: '其中:整建制转出', indent: 2, parent: 'out_transfer', ofWhich: true, test: () => false },
  { key: 'expected', name: '本年底应有数', indent: 0, formula: (v) => v('prev') + v('in') - v('out') },
  { key: 'actual', name: '本年底实有数', indent: 0, test: is('now') },
  { key: 'difference', name: '实有数与应有数之差', indent: 0, formula: (v) => v('actual') - v('expected') },
];

export const changeTable: TableSpec = {
  id: 'change',
  title: '党员数量变化情况',
  unit: '人',
  entity: 'member',
  source: (r) => movementsSql(r),
  grouped: (r) => movementCountsSql(r),
  attrs: ['what', 'kind', 'sub'],
  rows,
  columns: [{ key: 'count', heads: ['人数'], test: () => true }],
};
