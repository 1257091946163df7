// 待办, 党费 and 民主评议 from the command line: `reminders [--json]`, `dues summary --year Y [--json]`,
// `reviews summary --year Y [--json]`.
import { CliError, intFlag } from './args';
import type { CliCommand } from './command';
import type { Parsed } from './args';

function yearOf(p: Parsed): number {
  const year = intFlag(p, 'year');
  if (year === undefined) throw new CliError('需要 --year YYYY');
  if (year < 2000 || year > 2100) throw new CliError(`--year 应为2000至2100之间的年份,收到“${year}”`);
  return year;
}
const yuan = (fen: number) => (fen / 100).toFixed(2);

export const developmentCommands: CliCommand[] = [
  {
    name: 'reminders',
    usage: 'reminders [--json]                                      待办:待谈话、待考察、预备期满、审批超期、欠缴党费、失联超期、政治生日',
    async run(env, p) {
      const r = await env.call('reminders', {});
      if (p.flags.has('json')) {
        env.out(JSON.stringify(r, null, 1));
        return 0;
      }
      for (const i of r.items) env.out([i.dueDate, i.overdue ? '超期' : '', i.name, i.orgName, i.text].join('\t'));
      env.out(`共 ${r.items.length} 项(待办 ${r.dueCount} 项),截至 ${r.asOf}`);
      return 0;
    },
  },
  {
    name: 'dues',
    sub: 'summary',
    usage: 'dues summary --year YYYY [--json]                       党费年度汇总(按党支部:应交、实交、欠交,单位:分)',
    async run(env, p) {
      const s = await env.call('duesSummary', { year: yearOf(p) });
      if (p.flags.has('json')) {
        env.out(JSON.stringify(s, null, 1));
        return 0;
      }
      env.out(`${s.year} 年党费汇总(元)\n党支部\t人数\t应交\t实交\t欠交\t欠交人数`);
      for (const b of s.branches) env.out([b.orgName, b.members, yuan(b.dueFen), yuan(b.paidFen), yuan(b.arrearsFen), b.membersInArrears].join('\t'));
      env.out(['合计', s.total.members, yuan(s.total.dueFen), yuan(s.total.paidFen), yuan(s.total.arrearsFen), s.total.membersInArrears].join('\t'));
      return 0;
    },
  },
  {
    name: 'reviews',
    sub: 'summary',
    usage: 'reviews summary --year YYYY [--json]                    民主评议年度汇总(按党支部:优秀、合格、基本合格、不合格)',
    async run(env, p) {
      const s = await env.call('reviewsSummary', { year: yearOf(p) });
      if (p.flags.has('json')) {
        env.out(JSON.stringify(s, null, 1));
        return 0;
      }
      env.out(`${s.year} 年度民主评议\n党支部\t优秀\t合格\t基本合格\t不合格\t预备党员(不评定)\t处置`);
      for (const b of s.branches) env.out([b.orgName + (b.excellentOverThird ? '(优秀超过三分之一)' : ''), b.excellent, b.qualified, b.basic, b.unqualified, b.notGraded, b.disposals].join('\t'));
      env.out(['合计', s.total.excellent, s.total.qualified, s.total.basic, s.total.unqualified, s.total.notGraded, s.total.disposals].join('\t'));
      return 0;
    },
  },
];
