// 培训, 党内关爱 and 设岗定责 from the command line:
//   training list --year Y [--json]            the year's sessions
//   training below --year Y [--json]           members under the yearly 学时 target
//   care ledger --year Y [--json]              the funds' ledger of the year
//   care due [--month YYYY-MM] [--json]        members due a visit
//   posts list --year Y [--json]               设岗定责 posts, commitments and 党建联系点 of the year
//   (the year's figures are sections of `practices summary --year Y`)
import { CliError, flag, intFlag, type Parsed } from './args';
import type { CliCommand, CliEnv } from './command';

function yearOf(p: Parsed): number {
  const year = intFlag(p, 'year');
  if (year === undefined) throw new CliError('需要 --year YYYY');
  if (year < 2000 || year > 2100) throw new CliError(`--year 应为2000至2100之间的年份,收到“${year}”`);
  return year;
}
const yuan = (fen: number) => (fen / 100).toFixed(2);
function json(env: CliEnv, p: Parsed, value: unknown): boolean {
  if (!p.flags.has('json')) return false;
  env.out(JSON.stringify(value, null, 1));
  return true;
}

export const careCommands: CliCommand[] = [
  {
    name: 'training',
    sub: 'list',
    usage: 'training list --year YYYY [--json]                     培训班次:日期、主题、地点、学时、人数',
    async run(env, p) {
      const rows = await env.call('trainingSessions', { year: yearOf(p) });
      if (json(env, p, rows)) return 0;
      for (const r of rows) env.out([r.date, r.topic, `${r.placeKindLabel}·${r.place}`, `${r.hours}学时`, `${r.attendees}人`, r.organizer].join('\t'));
      env.out(`共 ${rows.length} 期,${rows.reduce((s, r) => s + r.attendees, 0)} 人次`);
      return 0;
    },
  },
  {
    name: 'training',
    sub: 'below',
    usage: 'training below --year YYYY [--json]                    年度培训学时未达标的党员',
    async run(env, p) {
      const r = await env.call('trainingHours', { year: yearOf(p), onlyBelow: true });
      if (json(env, p, r)) return 0;
      for (const m of r.rows) env.out([m.name, m.orgName, `${m.sessions}次`, `${m.hours}学时`].join('\t'));
      env.out(`${r.year} 年培训学时低于 ${r.target} 学时的党员 ${r.belowTarget} 名(截至 ${r.asOf})`);
      return 0;
    },
  },
  {
    name: 'care',
    sub: 'ledger',
    usage: 'care ledger --year YYYY [--json]                       党内关爱基金收支台账(元)',
    async run(env, p) {
      const l = await env.call('careLedger', { year: yearOf(p) });
      if (json(env, p, l)) return 0;
      for (const f of l.funds) {
        env.out(`${f.fundName}\t上年结转 ${yuan(f.openingFen)}`);
        for (const e of f.entries) env.out([e.date, e.summary, e.inFen ? yuan(e.inFen) : '', e.outFen ? yuan(e.outFen) : '', yuan(e.balanceFen)].join('\t'));
        env.out(`本年收入 ${yuan(f.inFen)}\t支出 ${yuan(f.outFen)}\t结余 ${yuan(f.closingFen)}`);
      }
      return 0;
    },
  },
  {
    name: 'care',
    sub: 'due',
    usage: 'care due [--month YYYY-MM] [--json]                    应走访慰问的党员:困难党员、党龄50年以上、本月政治生日',
    async run(env, p) {
      const month = flag(p, 'month');
      const r = await env.call('careDueVisits', month ? { month } : {});
      if (json(env, p, r)) return 0;
      for (const m of r.rows) env.out([m.name, m.orgName, m.reasons.join('、'), m.visitedThisMonth ? '本月已走访' : '', m.lastAidDate ?? ''].join('\t'));
      env.out(`${r.month} 应走访慰问 ${r.rows.length} 人`);
      return 0;
    },
  },
  {
    name: 'posts',
    sub: 'list',
    usage: 'posts list --year YYYY [--json]                        设岗定责、公开承诺和党建联系点',
    async run(env, p) {
      const year = yearOf(p);
      const posts = await env.call('pioneerPosts', { year });
      const liaisons = await env.call('liaisonPoints', { year });
      if (json(env, p, { year, posts, liaisons })) return 0;
      for (const x of posts) env.out([x.name, x.orgName, x.kindLabel, x.post, x.area ?? '', `${x.fromDate}—${x.toDate ?? ''}`].join('\t'));
      env.out(`岗位 ${posts.length} 个`);
      for (const l of liaisons) env.out([l.leaderName, l.leaderPost, l.unit, l.fromDate].join('\t'));
      env.out(`党建联系点 ${liaisons.length} 个`);
      return 0;
    },
  },
];
