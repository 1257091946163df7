// `practices summary --year Y`: the year's figures of every township practice, the numbers offices report
// upward (the seed's 措施/难题/人次, the 五事 funnel, 三会一课 held against expected …).
//
// Each practice contributes one section through SUMMARY_SECTIONS: a key (the JSON property), a Chinese
// title, `compute` (the figures, from the archive, for the year) and `lines` (the same figures as text for
// the terminal). Adding a practice (培训, 党内关爱, 设岗定责 …) is one entry in that list; the call, the CLI
// and the tests pick it up. Every figure must be recomputable from the raw rows with plain SQL (the test
// tests/integration/practicesSummary.test.ts does so for the sections it knows).
import type { ServiceContext } from '../core/context';
import { pairingSummary, pairingSummaryLines } from './pairing';
import { villageAffairsSummary, villageAffairsSummaryLines } from './villageAffairs';
import { orgLifeSummary, orgLifeSummaryLines } from './orgLife';
import { trainingSummary, trainingSummaryLines } from './training';
import { careSummary, careSummaryLines } from './care';
import { postsSummary, postsSummaryLines } from './posts';

export interface SummarySection<T = unknown> {
  key: string;
  title: string;
  compute: (ctx: ServiceContext, year: number) => Promise<T>;
  lines: (figures: T) => string[];
}

function section<T>(s: SummarySection<T>): SummarySection {
  return s as unknown as SummarySection;
}

export const SUMMARY_SECTIONS: SummarySection[] = [
  section({ key: 'pairing', title: '结对共建', compute: pairingSummary, lines: pairingSummaryLines }),
  section({ key: 'villageAffairs', title: '五事工作法', compute: villageAffairsSummary, lines: villageAffairsSummaryLines }),
  section({ key: 'orgLife', title: '组织生活(三会一课)', compute: orgLifeSummary, lines: orgLifeSummaryLines }),
  // practices10-b: 培训, 党内关爱, 设岗定责 — one entry each, below this comment.
  section({ key: 'training', title: '培训', compute: trainingSummary, lines: trainingSummaryLines }),
  section({ key: 'care', title: '党内关爱', compute: careSummary, lines: careSummaryLines }),
  section({ key: 'posts', title: '设岗定责、公开承诺和党建联系点', compute: postsSummary, lines: postsSummaryLines }),
];

export interface PracticesSummary {
  year: number;
  titles: Record<string, string>;
  sections: Record<string, unknown>;
}

export async function practicesSummary(ctx: ServiceContext, year: number): Promise<PracticesSummary> {
  const sections: Record<string, unknown> = {};
  const titles: Record<string, string> = {};
  for (const s of SUMMARY_SECTIONS) {
    titles[s.key] = s.title;
    sections[s.key] = await s.compute(ctx, year);
  }
  return { year, titles, sections };
}

/** The summary as text lines, section by section. */
export function practicesSummaryLines(summary: PracticesSummary): string[] {
  const out = [`${summary.year} 年党建实务汇总`];
  for (const s of SUMMARY_SECTIONS) {
    if (!(s.key in summary.sections)) continue;
    out.push('', `【${s.title}】`, ...s.lines(summary.sections[s.key]));
  }
  return out;
}
