// 党建实务 from the command line: `practices summary --year Y [--json]` — the year's figures of every
// practice (the sections registered in services/practices/practicesSummary.ts).
import { CliError, intFlag } from './args';
import type { CliCommand } from './command';
import { practicesSummaryLines, type PracticesSummary } from '../services/practices/practicesSummary';

export const practicesCommands: CliCommand[] = [
  {
    name: 'practices',
    sub: 'summary',
    usage: 'practices summary --year YYYY [--json]                 党建实务年度汇总:结对共建、五事工作法、组织生活(三会一课)……',
    async run(env, p) {
      const year = intFlag(p, 'year');
      if (year === undefined) throw new CliError('需要 --year YYYY');
      if (year < 2000 || year > 2100) throw new CliError(`--year 应为2000至2100之间的年份,收到“${year}”`);
      const s = await env.call('practicesSummary', { year });
      if (p.flags.has('json')) env.out(JSON.stringify(s, null, 1));
      else for (const line of practicesSummaryLines(s as PracticesSummary)) env.out(line);
      return 0;
    },
  },
];
