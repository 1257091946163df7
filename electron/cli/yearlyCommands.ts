// The yearly work of a branch from the command line, with the same figures as the window:
//   analyses --org ID --period 2026H2 [--json] [--html F]     半年一分析
//   registrations --org ID --year Y [--json] [--html F]       三年一登记 (the branch's summary)
//   disposals --year Y [--org ID] [--json] [--html F]         不合格党员处置
import { writeFileAtomic } from '../services/core/atomicFile';
import { CliError, flag, intFlag, type Parsed } from './args';
import type { CliCommand, CliEnv } from './command';

function yearOf(p: Parsed): number {
  const year = intFlag(p, 'year');
  if (year === undefined) throw new CliError('需要 --year YYYY');
  if (year < 2000 || year > 2100) throw new CliError(`--year 应为2000至2100之间的年份,收到“${year}”`);
  return year;
}
function orgOf(p: Parsed, command: string): string {
  const org = flag(p, 'org');
  if (!org) throw new CliError(`${command} 需要 --org 党支部ID(见 orgs 命令)`);
  return org;
}
async function writeHtml(env: CliEnv, file: string, printed: Promise<{ html: string; title: string }>): Promise<void> {
  const d = await printed;
  writeFileAtomic(file, d.html, { mode: 0o644 });
  env.out(`已写出:${d.title} → ${file}`);
}

export const yearlyCommands: CliCommand[] = [
  {
    name: 'analyses',
    usage: 'analyses --org ID --period YYYYH1|YYYYH2 [--json] [--html F]   半年一分析:一个党支部每名党员的分析情况',
    async run(env, p) {
      const orgId = orgOf(p, 'analyses');
      const period = flag(p, 'period');
      if (!period || !/^\d{4}H[12]$/.test(period)) throw new CliError(`--period 应为如 2026H1(上半年)或 2026H2(下半年),收到“${period ?? ''}”`);
      const html = flag(p, 'html');
      if (html) await writeHtml(env, html, env.call('printAnalyses', { orgId, period }));
      const g = await env.call('analysisGrid', { orgId, period });
      if (p.flags.has('json')) env.out(JSON.stringify(g, null, 1));
      else if (!html) {
        env.out(`${g.orgName} ${g.label}党员分析:党员 ${g.rows.length} 名,已分析 ${g.analysed} 名,尚未分析 ${g.rows.length - g.analysed} 名`);
        for (const r of g.rows) env.out(`  ${r.name}\t${r.note ?? '(尚未分析)'}`);
      }
      return 0;
    },
  },
  {
    name: 'registrations',
    usage: 'registrations --org ID --year YYYY [--json] [--html F]         三年一登记:一个党支部每名党员的登记结果和汇总',
    async run(env, p) {
      const orgId = orgOf(p, 'registrations');
      const year = yearOf(p);
      const html = flag(p, 'html');
      if (html) await writeHtml(env, html, env.call('printRegistrations', { orgId, year }));
      const s = await env.call('registrationGrid', { orgId, year });
      if (p.flags.has('json')) env.out(JSON.stringify(s, null, 1));
      else if (!html) {
        env.out(`${s.orgName} ${s.year}年党员定期登记:党员 ${s.rows.length} 名;${s.summary.map((x) => `${x.outcome} ${x.count} 名`).join(',')};尚未登记 ${s.notRegistered} 名`);
        for (const r of s.rows) env.out(`  ${r.name}\t${r.outcome ?? '(尚未登记)'}${r.date ? `\t${r.date}` : ''}${r.note ? `\t${r.note}` : ''}`);
      }
      return 0;
    },
  },
  {
    name: 'disposals',
    usage: 'disposals --year YYYY [--org ID] [--json] [--html F]           不合格党员处置:限期改正(含改正期限)、劝其退党、除名',
    async run(env, p) {
      const year = yearOf(p);
      const orgId = flag(p, 'org') ?? null;
      const html = flag(p, 'html');
      if (html) await writeHtml(env, html, env.call('printDisposals', { year, orgId }));
      const d = await env.call('disposalList', { year, orgId });
      if (p.flags.has('json')) env.out(JSON.stringify(d, null, 1));
      else if (!html) {
        env.out(`${d.orgName ?? '全乡镇'} ${d.year}年度评议为不合格 ${d.lines.length} 名:${d.counts.map((c) => `${c.label} ${c.count} 名`).join(',')},尚未处置 ${d.pending} 名`);
        for (const l of d.lines) {
          const steps = l.disposals.map((x) => `${x.decidedDate} ${x.label}${x.deadline ? `(改正期限至 ${x.deadline})` : ''}`).join(';');
          env.out(`  ${l.name}\t${l.orgName}\t${steps || '(尚未处置)'}`);
        }
      }
      return 0;
    },
  },
];
