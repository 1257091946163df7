// Print templates without a window: write a template's HTML to a file (open it in a browser, or print it).
import { writeFileAtomic } from '../services/core/atomicFile';
import { CliError, flag, intFlag } from './args';
import type { CliCommand, CliEnv } from './command';

function writeHtml(env: CliEnv, file: string | undefined, out: { html: string; title: string }): number {
  if (!file) throw new CliError('需要 --html FILE:把打印内容写到哪个文件');
  writeFileAtomic(file, out.html, { mode: 0o644 });
  env.out(`已写出:${out.title} → ${file}`);
  return 0;
}

export const printCommands: CliCommand[] = [
  {
    name: 'print',
    sub: 'member',
    usage: 'print member ID --html FILE                              党员基本信息表',
    async run(env, p) {
      const id = p.positional[2];
      if (!id) throw new CliError('print member 需要党员 ID');
      return writeHtml(env, flag(p, 'html'), await env.call('printMemberFile', { id }));
    },
  },
  {
    name: 'print',
    sub: 'collection-form',
    usage: 'print collection-form (ID | --org ID) --html FILE       党员基本信息采集表(一名党员,或一个党支部每人一页)',
    async run(env, p) {
      const id = p.positional[2];
      const orgId = flag(p, 'org');
      if (!id && !orgId) throw new CliError('print collection-form 需要党员 ID,或 --org 党支部ID(整个支部每人一页)');
      if (id && orgId) throw new CliError('print collection-form 只能给党员 ID 或 --org 之一');
      return writeHtml(env, flag(p, 'html'), await env.call('printCollectionForms', id ? { id } : { orgId }));
    },
  },
  {
    name: 'print',
    sub: 'roster',
    usage: 'print roster [--org ID] [--status VIEW] [--per-branch|--flat] --html FILE   党员花名册(全乡镇默认按党支部分节)',
    async run(env, p) {
      const view = flag(p, 'status') as 'roll' | undefined;
      if (p.flags.has('per-branch') && p.flags.has('flat')) throw new CliError('--per-branch 和 --flat 只能选一个');
      const layout = p.flags.has('per-branch') ? 'perBranch' : p.flags.has('flat') ? 'flat' : undefined;
      return writeHtml(env, flag(p, 'html'), await env.call('printRoster', { orgId: flag(p, 'org') ?? null, view, layout }));
    },
  },
  {
    name: 'print',
    sub: 'letter',
    usage: 'print letter LETTER_NO --html FILE                       组织关系介绍信(如 2026-001 或 〔2026〕第001号)',
    async run(env, p) {
      const letter = p.positional[2];
      if (!letter) throw new CliError('print letter 需要介绍信编号,如 2026-001');
      return writeHtml(env, flag(p, 'html'), await env.call('printTransferLetter', { letter }));
    },
  },
  {
    name: 'print',
    sub: 'activist',
    usage: 'print activist ID --html FILE                            入党积极分子培养考察登记表(ID 为发展党员档案的 ID)',
    async run(env, p) {
      const id = p.positional[2];
      if (!id) throw new CliError('print activist 需要发展党员档案的 ID(见 发展党员 页或 development 命令)');
      return writeHtml(env, flag(p, 'html'), await env.call('printActivistRecord', { id }));
    },
  },
  {
    name: 'print',
    sub: 'publicity',
    usage: 'print publicity --org ID --html FILE                     发展对象公示(一个党支部)',
    async run(env, p) {
      const orgId = flag(p, 'org');
      if (!orgId) throw new CliError('print publicity 需要 --org 党支部ID');
      return writeHtml(env, flag(p, 'html'), await env.call('printPublicityNotice', { orgId }));
    },
  },
  {
    name: 'print',
    sub: 'full-vote',
    usage: 'print full-vote ID --html FILE                           预备党员转正表决结果(ID 为党员 ID)',
    async run(env, p) {
      const memberId = p.positional[2];
      if (!memberId) throw new CliError('print full-vote 需要党员 ID');
      return writeHtml(env, flag(p, 'html'), await env.call('printFullMembershipVote', { memberId }));
    },
  },
  {
    name: 'print',
    sub: 'reviews',
    usage: 'print reviews --org ID --year YYYY --html FILE           民主评议党员结果(一个党支部一个年度)',
    async run(env, p) {
      const orgId = flag(p, 'org');
      const year = intFlag(p, 'year');
      if (!orgId) throw new CliError('print reviews 需要 --org 党支部ID');
      if (year === undefined) throw new CliError('print reviews 需要 --year YYYY');
      return writeHtml(env, flag(p, 'html'), await env.call('printReviewResults', { orgId, year }));
    },
  },
];
