// 发展党员情况 (admitted this year, by the 党委's approval date, with the 职业 rows) and 发展对象 / 入党积极分子 /
// 入党申请人情况 (the people in the development records on D, each in the stage they had reached).
import { ADMISSION_AGE_BANDS, bandColumns, educationColumns, headColumns, occupationRows } from './bands';
import { ageSql, dateLit, inScope, memberAttrsSql, orgOnSql, withFacts } from './reportSql';
import type { TableSpec } from './tableModel';

export const developedTable: TableSpec = {
  id: 'developed',
  title: '发展党员情况',
  unit: '人',
  entity: 'member',
  source: (r) => `${withFacts(r)} SELECT * FROM (SELECT m.id AS item_id, ${orgOnSql(r, 'f.entry_date')} AS org_at, ${memberAttrsSql('m.join_date')}, 0 AS probationary
      FROM ${r.S}.members m JOIN facts f ON f.id = m.id
      WHERE f.entry_kind = 'developed' AND f.entry_date BETWEEN ${dateLit(r.yearStart)} AND ${dateLit(r.asOf)}) WHERE ${inScope(r, 'org_at')}`,
  attrs: ['gender', 'minority', 'age', 'education', 'occ_row', 'migrant', 'outworker'],
  rows: occupationRows(),
  columns: [...headColumns({ probationary: false }), ...bandColumns('年龄(入党时)', ADMISSION_AGE_BANDS, 'age'), ...educationColumns('学历')],
};

/** The stage a person of the development records had reached on D (null: not yet applied, admitted or withdrawn by then). */
function stageOnSql(S: string, d: string): string {
  const withdrawn = `EXISTS (SELECT 1 FROM ${S}.dev_steps s WHERE s.person_id = p.id AND s.kind = 'withdraw' AND s.voided_at IS NULL AND s.step_date <= ${d})`;
  return `CASE WHEN p.application_date > ${d} OR ${withdrawn} OR p.meeting_date <= ${d} THEN NULL
    WHEN p.candidate_date <= ${d} THEN 'candidate' WHEN p.activist_date <= ${d} THEN 'activist' ELSE 'applicant' END`;
}

export const pipelineTable: TableSpec = {
  id: 'pipeline',
  title: '发展对象、入党积极分子、入党申请人情况',
  unit: '人',
  entity: 'none',
  source: (r) => {
    const d = dateLit(r.asOf);
    return `SELECT * FROM (SELECT p.id AS item_id, ${stageOnSql(r.S, d)} AS stage, p.gender AS gender, (p.ethnicity <> '01') AS minority,
        ${ageSql('p.birth_date', d)} AS age, p.education AS education, p.occupation AS occupation
      FROM ${r.S}.dev_people p WHERE ${inScope(r, 'p.org_id')}) WHERE stage IS NOT NULL`;
  },
  attrs: ['stage', 'gender', 'minority', 'age', 'education', 'occupation'],
  rows: [
    { key: 'candidate', name: '发展对象', indent: 0, test: (a) => a.stage === 'candidate' },
    { key: 'activist', name: '入党积极分子', indent: 0, test: (a) => a.stage === 'activist' },
    { key: 'applicant', name: '入党申请人', indent: 0, test: (a) => a.stage === 'applicant' },
  ],
  columns: [
    { key: 'total', heads: ['总数'], test: () => true },
    { key: 'female', heads: ['其中', '女'], partOf: 'total', test: (a) => a.gender === '2' },
    { key: 'minority', heads: ['其中', '少数民族'], partOf: 'total', test: (a) => Number(a.minority) === 1 },
    { key: 'young', heads: ['其中', '35岁及以下'], partOf: 'total', test: (a) => Number(a.age) <= 35 },
    { key: 'college', heads: ['其中', '大专及以上'], partOf: 'total', test: (a) => ['10', '20', '30'].includes(String(a.education)) },
    { key: 'secondary', heads: ['其中', '中专、高中、中技'], partOf: 'total', test: (a) => ['40', '50'].includes(String(a.education)) },
    // 生产、工作一线: 工人, 农牧渔民 and the professional staff of enterprises and institutions.
    { key: 'frontline', heads: ['其中', '生产、工作一线'], partOf: 'total', test: (a) => ['1', '2', '3'].includes(String(a.occupation)) },
  ],
  note: '每人按统计日期所处的阶段计一次(发展对象不再计入积极分子和申请人)。',
};
