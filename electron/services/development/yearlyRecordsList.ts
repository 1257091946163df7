// The yearly work of a branch on A4: 半年分析 (analysed and not yet), 三年登记 (by outcome, the branch's summary
// on top), 不合格党员处置 (by what was decided last, with each decision and the deadline of 限期改正).
import type { ServiceContext } from '../core/context';
import type { GroupedList } from '../print/groupedListHtml';
import { todayOf } from '../core/context';
import { analysisGrid, categoryLabel, disposalList, registrationGrid } from './yearlyRecords';

export async function analysesPrintList(ctx: ServiceContext, orgId: string, period: string): Promise<GroupedList> {
  const g = await analysisGrid(ctx, orgId, period);
  const done = g.rows.filter((r) => r.note);
  const notYet = g.rows.filter((r) => !r.note);
  return {
    title: `${g.orgName} ${g.label}党员分析`,
    meta: [`党员 ${g.rows.length} 名,已分析 ${done.length} 名`, `打印日期:${todayOf(ctx)}`],
    columns: [{ label: '姓名', width: 24 }, { label: '人员类别', width: 22 }, { label: '分析情况' }],
    groups: [
      { title: '已分析', rows: done.map((r) => [r.name, categoryLabel(r.category), r.note]) },
      { title: '尚未分析', rows: notYet.map((r) => [r.name, categoryLabel(r.category), '']) },
    ],
    emptyText: '无',
    footer: '党支部书记(签字):________________    年    月    日',
  };
}

export async function registrationsPrintList(ctx: ServiceContext, orgId: string, year: number): Promise<GroupedList> {
  const s = await registrationGrid(ctx, orgId, year);
  const summary = s.summary.map((x) => `${x.outcome} ${x.count} 名`).join(',');
  return {
    title: `${s.orgName} ${year}年党员定期登记`,
    meta: [`党员 ${s.rows.length} 名:${summary},尚未登记 ${s.notRegistered} 名`, `打印日期:${todayOf(ctx)}`],
    columns: [{ label: '姓名', width: 24 }, { label: '人员类别', width: 22 }, { label: '登记日期', width: 24, nowrap: true }, { label: '备注' }],
    groups: [
      ...s.summary.map((x) => ({ title: x.outcome, rows: s.rows.filter((r) => r.outcome === x.outcome).map((r) => [r.name, categoryLabel(r.category), r.date, r.note]) })),
      { title: '尚未登记', rows: s.rows.filter((r) => !r.outcome).map((r) => [r.name, categoryLabel(r.category), '', '']) },
    ],
    emptyText: '无',
    footer: '党支部书记(签字):________________    年    月    日',
  };
}

export async function disposalsPrintList(ctx: ServiceContext, year: number, orgId: string | null, township: string): Promise<GroupedList> {
  const d = await disposalList(ctx, year, orgId);
  const history = (l: (typeof d.lines)[number]) =>
    l.disposals.map((x) => `${x.decidedDate} ${x.label}${x.deadline ? `(改正期限至 ${x.deadline})` : ''}${x.note ? `:${x.note}` : ''}`).join(';');
  const deadline = (l: (typeof d.lines)[number]) => l.disposals.filter((x) => x.kind === 'correct').at(-1)?.deadline ?? '';
  const latest = (l: (typeof d.lines)[number]) => l.disposals.at(-1)?.kind ?? null;
  return {
    title: `${d.orgName ?? township} ${year}年度不合格党员处置`,
    meta: [`评议为不合格 ${d.lines.length} 名:${d.counts.map((c) => `${c.label} ${c.count} 名`).join(',')},尚未处置 ${d.pending} 名`, `打印日期:${todayOf(ctx)}`],
    columns: [{ label: '姓名', width: 20 }, { label: '所在党组织', width: 46 }, { label: '改正期限', width: 22, nowrap: true }, { label: '处置经过' }],
    groups: [
      ...d.counts.map((c) => ({ title: c.label, rows: d.lines.filter((l) => latest(l) === c.kind).map((l) => [l.name, l.orgName, deadline(l), history(l)]) })),
      { title: '尚未处置', rows: d.lines.filter((l) => !l.disposals.length).map((l) => [l.name, l.orgName, '', '']) },
    ],
    emptyText: '无',
  };
}
