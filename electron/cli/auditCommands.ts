// The audit log from the command line, through the dispatcher like the window:
//   audit list [--actor A] [--member ID|TEXT] [--from D] [--to D] [--kind K] [--limit N] [--json]
//   audit export --out FILE.xlsx [same filters]
//   audit verify                       (exit 1 when the hash chain is broken, naming the first bad row)
import { writeFileAtomic } from '../services/core/atomicFile';
import { CliError, flag, intFlag, type Parsed } from './args';
import type { CliCommand } from './command';
import type { CallOutput } from '../api/contract';

function queryOf(p: Parsed) {
  return { actor: flag(p, 'actor') ?? null, member: flag(p, 'member') ?? null, from: flag(p, 'from') ?? null, to: flag(p, 'to') ?? null, kind: flag(p, 'kind') ?? null };
}

const FILTERS = '[--actor A] [--member ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--kind K]';

export const auditCommands: CliCommand[] = [
  {
    name: 'audit',
    sub: 'list',
    usage: `audit list ${FILTERS} [--limit N] [--json]   审计日志(新的在前;--member 可写党员 ID、姓名或身份证号)`,
    async run(env, p) {
      const limit = intFlag(p, 'limit') ?? 200;
      const q = queryOf(p);
      const rows: CallOutput<'listAuditLog'>['rows'] = [];
      let total = 0;
      for (let offset = 0; rows.length < limit; ) {
        const page: CallOutput<'listAuditLog'> = await env.call('listAuditLog', { ...q, offset, limit: Math.min(1000, limit - rows.length) });
        total = page.total;
        rows.push(...page.rows);
        offset += page.rows.length;
        if (!page.rows.length || offset >= page.total) break;
      }
      if (p.flags.has('json')) {
        env.out(JSON.stringify({ total, rows }, null, 2));
        return 0;
      }
      for (const r of rows) env.out(`#${r.id}  ${r.time}  ${r.actor}  ${r.actionLabel}${r.subject ? `  ${r.subject}` : ''}${r.changes ? `  ${r.changes}` : ''}`);
      env.out(total > rows.length ? `共 ${total} 条,显示最新的 ${rows.length} 条(--limit 可调整)` : `共 ${total} 条`);
      return 0;
    },
  },
  {
    name: 'audit',
    sub: 'export',
    usage: `audit export --out FILE.xlsx ${FILTERS}   导出审计日志(供检查)`,
    async run(env, p) {
      const out = flag(p, 'out');
      if (!out) throw new CliError('audit export 需要 --out 文件名.xlsx');
      const r = await env.call('exportAuditLog', queryOf(p));
      writeFileAtomic(out, Buffer.from(r.base64, 'base64'), { mode: 0o600 });
      env.out(`已导出 ${r.rows} 条审计记录到 ${out}`);
      if (!r.intact) env.err('注意:审计日志的哈希链校验未通过,详见导出文件的“说明”工作表或 audit verify');
      return 0;
    },
  },
  {
    name: 'audit',
    sub: 'verify',
    usage: 'audit verify                                              校验审计日志的哈希链(被改动时退出码为 1,并指出第一条有问题的记录)',
    async run(env) {
      const v = await env.call('verifyAuditChain', {});
      if (v.intact) {
        env.out(v.text);
        return 0;
      }
      env.err(v.text);
      return 1;
    },
  },
];
