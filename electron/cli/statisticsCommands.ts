// 首页's figures and 数据校验 from the command line: `dashboard [--as-of D] [--json]`, `checks [--json]`. The
// 党内统计年报 is `report annual` (reportCommands.ts).
import { writeFileAtomic } from '../services/core/atomicFile';
import { CliError, flag } from './args';
import type { CliCommand } from './command';

export const statisticsCommands: CliCommand[] = [
  {
    name: 'dashboard',
    usage: 'dashboard [--as-of YYYY-MM-DD] [--json]                  首页的数字:在册、正式、预备、流动、失联、本年发展、转正、出党、党支部、待办',
    async run(env, p) {
      const asOf = flag(p, 'as-of');
      if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new CliError(`--as-of 应为 YYYY-MM-DD,收到“${asOf}”`);
      const d = await env.call('dashboard', asOf ? { asOf } : {});
      if (p.flags.has('json')) {
        env.out(JSON.stringify(d, null, 1));
        return 0;
      }
      const f = d.figures;
      env.out(`截至 ${d.asOf}:在册党员 ${f.roll} 名(正式党员 ${f.formal},预备党员 ${f.probationary});流动党员 ${f.mobile},失联党员 ${f.lost}`);
      env.out(`本年发展党员 ${f.developedThisYear} 名,转为正式党员 ${f.madeFullThisYear} 名,出党 ${f.exitsThisYear} 名;党支部 ${f.branches} 个;待办 ${d.reminders.count} 项`);
      env.out('各党支部人数:');
      for (const b of d.byBranch) env.out(`  ${b.name}\t${b.count}人`);
      return 0;
    },
  },
  {
    name: 'checks',
    usage: 'checks [--json] [--out F.xlsx] [--html F]                 数据校验:按校验项目列出每条不符合要求的记录(有问题时退出码为 1)',
    async run(env, p) {
      const out = flag(p, 'out');
      const html = flag(p, 'html');
      if (out || html) {
        let total = 0;
        if (out) {
          const x = await env.call('exportDataChecks', {});
          writeFileAtomic(out, Buffer.from(x.base64, 'base64'), { mode: 0o644 });
          env.out(`已导出 ${x.rows} 条问题到 ${out}`);
          total = x.rows;
        }
        if (html) {
          const d = await env.call('printDataChecks', {});
          writeFileAtomic(html, d.html, { mode: 0o644 });
          env.out(`已写出:${d.title} → ${html}`);
          if (!out) total = (await env.call('dataChecks', {})).total;
        }
        return total === 0 ? 0 : 1;
      }
      const r = await env.call('dataChecks', {});
      if (p.flags.has('json')) {
        env.out(JSON.stringify(r, null, 1));
        return r.total === 0 ? 0 : 1;
      }
      for (const c of r.checks) {
        env.out(`${c.title}:${c.available ? `${c.problems.length} 条` : c.note}`);
        for (const pr of c.problems) env.out(`  ${pr.entity === 'org' ? '组织' : '党员'}\t${pr.name}\t${pr.orgName}\t${pr.detail}\t${pr.id}`);
      }
      env.out(`共 ${r.total} 条问题`);
      return r.total === 0 ? 0 : 1;
    },
  },
];
