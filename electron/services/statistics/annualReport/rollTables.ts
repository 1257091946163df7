// The three tables of the members on the roll on D, each with the 职业 rows: 党员基本情况 (预备, 女,
// 少数民族, the ten age bands), 党员入党时间情况 (the nine periods) and 党员学历情况 (the six groups).
import { JOIN_PERIODS, ROLL_AGE_BANDS, bandIndexColumns, educationColumns, headColumns, occupationRows } from './bands';
import { rollSql } from './reportSql';
import type { Attrs, TableSpec } from './tableModel';

const ROW_ATTRS = ['occ_row', 'migrant', 'outworker'];

export const basicTable: TableSpec = {
  id: 'basic',
  title: '党员基本情况',
  unit: '人',
  entity: 'member',
  source: (r) => rollSql(r),
  fromRoll: true,
  attrs: [...ROW_ATTRS, 'gender', 'minority', 'probationary', 'age_band'],
  rows: occupationRows(),
  columns: [...headColumns(), ...bandIndexColumns('年龄', ROLL_AGE_BANDS, 'age_band')],
};

export const joinPeriodTable: TableSpec = {
  id: 'joinPeriod',
  title: '党员入党时间情况',
  unit: '人',
  entity: 'member',
  source: (r) => rollSql(r),
  fromRoll: true,
  attrs: [...ROW_ATTRS, 'period'],
  rows: occupationRows(),
  columns: [
    { key: 'total', heads: ['总数'], test: () => true },
    ...JOIN_PERIODS.map((p) => ({
      key: p.key, heads: ['入党时间', p.name], partOf: 'total', partition: 'period',
      test: (a: Attrs) => a.period === p.key,
    })),
  ],
};

export const educationTable: TableSpec = {
  id: 'education',
  title: '党员学历情况',
  unit: '人',
  entity: 'member',
  source: (r) => rollSql(r),
  fromRoll: true,
  attrs: [...ROW_ATTRS, 'education'],
  rows: occupationRows(),
  columns: [{ key: 'total', heads: ['总数'], test: () => true }, ...educationColumns('学历')],
};
