// 待办, 党费 and 民主评议 from the command line: `reminders [--json] [--out F.xlsx] [--html F]`,
// `dues summary --year Y [--json]`, `reviews summary --year Y [--json]`.
import { writeFileAtomic } from '../services/core/atomicFile';
import { REMINDER_KINDS, type ReminderKind } from '../services/development/reminders';
import { CliError, flag, intFlag } from './args';
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
    usage: 'reminders [--json] [--out F.xlsx] [--html F] [--overdue|--due-soon|--birthdays] [--kind K]   待办(已超期、即将到期分开;政治生日另列,不计入待办)',
    async run(env, p) {
      const chosen = (['overdue', 'due-soon', 'birthdays'] as const).filter((f) => p.flags.has(f));
      if (chosen.length > 1) throw new CliError('--overdue、--due-soon、--birthdays 只能选一个');
      const scope = chosen[0] === 'overdue' ? 'overdue' : chosen[0] === 'due-soon' ? 'dueSoon' : chosen[0] === 'birthdays' ? 'greeting' : 'due';
      const kind = flag(p, 'kind');
      if (kind !== undefined && !(REMINDER_KINDS as readonly string[]).includes(kind)) throw new CliError(`--kind 应为 ${REMINDER_KINDS.join('、')} 之一,收到“${kind}”`);
      const filter = { scope, kind: (kind as ReminderKind | undefined) ?? null } as const;
      const out = flag(p, 'out');
      const html = flag(p, 'html');
      if (out) {
        const x = await env.call('exportReminders', filter);
        writeFileAtomic(out, Buffer.from(x.base64, 'base64'), { mode: 0o644 });
        env.out(`已导出 ${x.rows} 项到 ${out}`);
      }
      if (html) {
        const d = await env.call('printReminders', filter);
        writeFileAtomic(html, d.html, { mode: 0o644 });
        env.out(`已写出:${d.title} → ${html}`);
      }
      if (out || html) return 0;
      const r = await env.call('reminders', {});
      if (p.flags.has('json')) {
        env.out(JSON.stringify(r, null, 1));
        return 0;
      }
      const phase = (i: (typeof r.items)[number]) => (i.kind === 'politicalBirthday' ? '政治生日' : i.overdue ? '已超期' : '即将到期');
      for (const i of r.items) env.out([i.dueDate, phase(i), i.name, i.orgName, i.text].join('\t'));
      env.out(`截至 ${r.asOf}:待办 ${r.dueCount} 项(已超期 ${r.overdueCount} 项,即将到期 ${r.dueSoonCount} 项);另有本月政治生日 ${r.greetingCount} 人,不计入待办`);
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
