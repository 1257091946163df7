// 党内统计年报 from the command line:
//   report annual [--as-of YYYY-MM-DD | --half] [--org ID | --township CODE] [--json] [--out F.xlsx] [--html F.html]
//   report check  [--as-of YYYY-MM-DD | --half] [--org ID | --township CODE] [--json]
import { writeFileAtomic } from '../services/core/atomicFile';
import { CliError, flag } from './args';
import type { CliCommand } from './command';
import type { Parsed } from './args';

function reportInput(p: Parsed) {
  const asOf = flag(p, 'as-of');
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new CliError(`--as-of 应为 YYYY-MM-DD,收到“${asOf}”`);
  if (flag(p, 'org') && flag(p, 'township')) throw new CliError('--org 和 --township 只能选一个');
  return { asOf: asOf ?? null, period: p.flags.has('half') ? ('half' as const) : ('annual' as const), orgId: flag(p, 'org') ?? null, township: flag(p, 'township') ?? null };
}

function pad(text: string, width: number): string {
  const w = [...text].reduce((s, ch) => s + (ch.charCodeAt(0) > 255 ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(0, width - w));
}

export const reportCommands: CliCommand[] = [
  {
    name: 'report',
    sub: 'annual',
    usage: 'report annual [--as-of YYYY-MM-DD|--half] [--org ID|--township CODE] [--json] [--out F.xlsx] [--html F.html]   党内统计年报(默认截至今年12月31日;--half 半年报6月30日)',
    async run(env, p) {
      const input = reportInput(p);
      const out = flag(p, 'out');
      const html = flag(p, 'html');
      if (out) {
        if (!/\.xlsx$/i.test(out)) throw new CliError(`--out 应为 .xlsx 文件,收到“${out}”`);
        const file = await env.call('exportAnnualReport', input);
        writeFileAtomic(out, Buffer.from(file.base64, 'base64'), { mode: 0o644 });
        env.out(`已导出党内统计年报到 ${out}`);
      }
      if (html) {
        const doc = await env.call('printAnnualReport', input);
        writeFileAtomic(html, doc.html, { mode: 0o644 });
        env.out(`已写出:${doc.title} → ${html}`);
      }
      if (out || html) return 0;
      const r = await env.call('annualReport', input);
      if (p.flags.has('json')) {
        env.out(JSON.stringify(r, null, 1));
        return 0;
      }
      env.out(`党内统计年报 · 填报单位:${r.unitName} · 截至日期:${r.asOf}`);
      for (const tw of r.townships ?? []) if (tw.stale) env.out(`注意:${tw.name}(${tw.code})最近一次报送数据为 ${tw.packageDate ?? '从未报送'},早于截至日期`);
      for (const t of [...r.tables, ...(r.summary ? [r.summary] : [])]) {
        env.out('');
        env.out(`${t.title}(单位:${t.unit})`);
        env.out(`${pad('项目', 40)}行次\t${t.columns.map((c) => c.heads.join('·')).join('\t')}`);
        t.rows.forEach((row, i) => env.out(`${pad(`${'  '.repeat(row.indent)}${row.name}`, 40)}${row.no}\t${t.cells[i].join('\t')}`));
        if (t.note) env.out(`注:${t.note}`);
      }
      return 0;
    },
  },
  {
    name: 'report',
    sub: 'check',
    usage: 'report check [--as-of YYYY-MM-DD|--half] [--org ID|--township CODE] [--json]   报表校核:表间总数一致、部分不大于整体、实有数与应有数相符(退出码 1 = 未通过)',
    async run(env, p) {
      const c = await env.call('annualReportCheck', reportInput(p));
      if (p.flags.has('json')) {
        env.out(JSON.stringify(c, null, 1));
        return c.passed ? 0 : 1;
      }
      env.out(`报表校核 · ${c.unitName} · 截至 ${c.asOf}:共核对 ${c.checked} 项,${c.passed ? '全部通过' : `${c.failures.length} 项未通过`}`);
      for (const n of c.notices) env.out(`注意:${n}`);
      for (const f of c.failures) {
        env.out('');
        env.out(`【${f.title}】${f.detail}`);
        for (const m of f.members) env.out(`  ${m.name}\t${m.orgName}${m.township ? `\t${m.township}` : ''}${m.note ? `\t${m.note}` : ''}`);
      }
      return c.passed ? 0 : 1;
    },
  },
];
