// Print templates without a window: write a template's HTML to a file (open it in a browser, or print it).
import fs from 'node:fs';
import { CliError, flag } from './args';
import type { CliCommand, CliEnv } from './command';

function writeHtml(env: CliEnv, file: string | undefined, out: { html: string; title: string }): number {
  if (!file) throw new CliError('需要 --html FILE:把打印内容写到哪个文件');
  fs.writeFileSync(file, out.html, 'utf8');
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
    sub: 'roster',
    usage: 'print roster [--org ID] [--status VIEW] --html FILE       党员花名册',
    async run(env, p) {
      const view = flag(p, 'status') as 'roll' | undefined;
      return writeHtml(env, flag(p, 'html'), await env.call('printRoster', { orgId: flag(p, 'org') ?? null, view }));
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
];
