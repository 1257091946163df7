// 数据校验 as a list to print or to save as xlsx: one group per rule with its count, each line the record
// that fails it (member or organization), where it is and what is wrong — the same lines as the window and
// `checks --json`. Takes the checks as run, so that every rule the archive runs is in the list.
import type { DataChecks } from './dataChecks';
import type { GroupedList } from '../print/groupedListHtml';
import type { WorkbookList } from '../core/listWorkbook';

const rowsOf = (c: DataChecks['checks'][number]) => c.problems.map((p) => [p.entity === 'org' ? '党组织' : '党员', p.name, p.orgName, p.detail]);

export function dataChecksPrintList(checks: DataChecks, township: string): GroupedList {
  return {
    title: `${township} 数据校验结果`,
    meta: [`校验日期 ${checks.today}`, `共 ${checks.total} 条问题`],
    columns: [{ label: '类型', width: 13 }, { label: '姓名/名称', width: 36 }, { label: '所在党组织', width: 44 }, { label: '问题' }],
    groups: checks.checks.map((c) => ({ title: c.title, note: c.available ? undefined : c.note, rows: rowsOf(c) })),
    groupLabel: '校验项目',
    emptyText: '没有问题',
  };
}

export function dataChecksWorkbookList(checks: DataChecks, township: string): WorkbookList {
  return {
    title: `${township} 数据校验结果`,
    asOf: checks.today,
    meta: [`校验日期 ${checks.today}`],
    groupLabel: '校验项目',
    columns: [{ label: '类型', width: 8 }, { label: '姓名/名称', width: 16 }, { label: '所在党组织', width: 30 }, { label: '问题', width: 70 }],
    groups: checks.checks.map((c) => ({ title: c.title, rows: rowsOf(c) })),
  };
}
