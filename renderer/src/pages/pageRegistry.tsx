// The workspace's pages, each in its own chunk: the window opens on the dashboard without the code of
// the members grid, the practice tabs or the county exchange, and loads a page the first time the clerk
// opens it (from our own origin, so the CSP allows it). The workspace shows a page inside <PageSuspense>.
import { lazy, Suspense, type FunctionComponent, type LazyExoticComponent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspacePage } from '../components/AppHeader';

/**
 * React.lazy for a component its module exports by name (the pages have no default exports). Once the
 * code is in (preloaded), the lazy component gets it synchronously, so showing the page does not suspend:
 * a suspended page is revealed no sooner than React's fallback throttle (300 ms) after its fallback.
 */
function page<P>(load: () => Promise<FunctionComponent<P>>): LazyExoticComponent<FunctionComponent<P>> {
  let loading: Promise<FunctionComponent<P>> | undefined;
  let loaded: FunctionComponent<P> | undefined;
  const once = () =>
    (loading ??= load().then((c) => {
      loaded = c;
      return c;
    }));
  const component = lazy(() => {
    if (!loaded) return once().then((c) => ({ default: c }));
    const ready = { default: loaded };
    // A thenable that calls back at once: React.lazy then holds the component before it renders.
    return { then: (onFulfilled: (m: typeof ready) => unknown) => onFulfilled(ready) } as unknown as Promise<typeof ready>;
  });
  pageLoaders.set(component, once);
  return component;
}
const pageLoaders = new Map<unknown, () => Promise<unknown>>();

/**
 * Load pages' code before the clerk opens them (the members grid is the next page nearly every time):
 * when the window is idle after its first page, so the click on 党员 waits for data, not for code.
 */
export function preloadPages(names: (keyof typeof Pages)[]): void {
  const run = () => {
    for (const name of names) void pageLoaders.get(Pages[name])?.().catch(() => undefined);
  };
  if ('requestIdleCallback' in window) window.requestIdleCallback(run, { timeout: 3000 });
  else setTimeout(run, 1000);
}

export const Pages = {
  dashboard: page(() => import('./DashboardPage').then((m) => m.DashboardPage)),
  members: page(() => import('./MainPage').then((m) => m.MainPage)),
  countyMembers: page(() => import('./countyExchange/CountyMembersPage').then((m) => m.CountyMembersPage)),
  annual: page(() => import('./AnnualReportPage').then((m) => m.AnnualReportPage)),
  checks: page(() => import('./ChecksPage').then((m) => m.ChecksPage)),
  countyChecks: page(() => import('./countyExchange/CountyChecksPage').then((m) => m.CountyChecksPage)),
  countyRecord: page(() => import('./countyExchange/CountyMemberRecord').then((m) => m.CountyMemberRecord)),
  compare: page(() => import('./compare/ComparePage').then((m) => m.ComparePage)),
  development: page(() => import('./DevelopmentPage').then((m) => m.DevelopmentPage)),
  reminders: page(() => import('./RemindersPage').then((m) => m.RemindersPage)),
  yearly: page(() => import('./YearlyPage').then((m) => m.YearlyPage)),
  rules: page(() => import('./RulesPage').then((m) => m.RulesPage)),
  users: page(() => import('./accounts/UsersPage').then((m) => m.UsersPage)),
  audit: page(() => import('./AuditPage').then((m) => m.AuditPage)),
  backup: page(() => import('./BackupPage').then((m) => m.BackupPage)),
  practices: page(() => import('./PracticesPage').then((m) => m.PracticesPage)),
  countyExport: page(() => import('./CountyExportPage').then((m) => m.CountyExportPage)),
  countyImport: page(() => import('./CountyImportPage').then((m) => m.CountyImportPage)),
  // The member drawer, opened over the checks, reminders and development pages (the members page has its own).
  memberForm: page(() => import('../components/MemberForm').then((m) => m.MemberForm)),
} satisfies Record<WorkspacePage | 'countyMembers' | 'countyChecks' | 'countyRecord' | 'memberForm', unknown>;

/** While a page's chunk loads: the words the pages show while their data loads, inside `frame` if given. */
export function PageSuspense({ children, frame }: { children: ReactNode; frame?: (loading: ReactNode) => ReactNode }) {
  const { t } = useTranslation();
  const loading = <div className="muted pad">{t('common.loading')}</div>;
  return <Suspense fallback={frame ? frame(loading) : loading}>{children}</Suspense>;
}
