// The tabs of 党建实务: one entry per record kind of the seed's township practices. The page
// (PracticesPage.tsx) draws the tab bar from this list and shows the chosen tab's component with the
// shared year; nothing else about a tab is known to the page.
//
// Adding a tab (培训, 党内关爱, 设岗定责 …): write its component in this folder (e.g. TrainingTab.tsx,
// taking PracticeTabProps), add its label under `practices.tabs.<key>` in your messages, import it here
// and add ONE line to PRACTICE_TABS. The key is also the data-testid (`practices-tab-<key>`) and the
// remembered choice, so keep it stable.
import type { ComponentType } from 'react';
import { PairingTab } from './PairingTab';
import { VillageAffairsTab } from './VillageAffairsTab';
import { OrgLifeTab } from './OrgLifeTab';
import { TrainingTab } from './TrainingTab';
import { CareTab } from './CareTab';
import { PostsTab } from './PostsTab';

export interface PracticeTabProps {
  /** The year the page shows (figures, lists); each tab decides what "the year" means for its records. */
  year: number;
  /** Today as YYYY-MM-DD (the default date of new records). Short messages for the clerk go through useToast(). */
  today: string;
}

export interface PracticeTab {
  key: string;
  /** i18n key of the tab's label, e.g. 'practices.tabs.pairing'. */
  labelKey: string;
  Component: ComponentType<PracticeTabProps>;
}

export const PRACTICE_TABS: PracticeTab[] = [
  { key: 'orgLife', labelKey: 'practices.tabs.orgLife', Component: OrgLifeTab }, // 组织生活(三会一课、主题党日)
  { key: 'villageAffairs', labelKey: 'practices.tabs.villageAffairs', Component: VillageAffairsTab }, // 五事工作法
  { key: 'pairing', labelKey: 'practices.tabs.pairing', Component: PairingTab }, // 结对共建
  // practices10-b: 培训, 党内关爱, 设岗定责 — one line each, below this comment.
  { key: 'training', labelKey: 'practices.tabs.training', Component: TrainingTab }, // 培训
  { key: 'care', labelKey: 'practices.tabs.care', Component: CareTab }, // 党内关爱
  { key: 'posts', labelKey: 'practices.tabs.posts', Component: PostsTab }, // 设岗定责、公开承诺、党建联系点
];
