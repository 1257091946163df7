// The workspace's pages, each in its own chunk: the window opens on the dashboard without the code of
// the members grid, the practice tabs or the county exchange, and loads a page the first time the clerk
// opens it (from our own origin, so the CSP allows it). The workspace shows a page inside <PageSuspense>.
import { lazy, Suspense, type FunctionComponent, type LazyExoticComponent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspacePage } from '../components/AppHeader';

/** React.lazy for a component its module exports by name (the pages have no default exports). */
function page<P>(load: () => Promise<FunctionComponent<P>>): LazyExoticComponent<FunctionComponent<P>> {
  return lazy(async () => ({ default: await load() }));
}

export const Pages = {
  dashboard: page(() => import('./DashboardPage').then((m) => m.DashboardPage)),
  members: page(() => import('./MainPage').then((m) => m.MainPage)),
  countyMembers: page(() => import('./countyExchange/CountyMembersPage').then((m) => m.CountyMembersPage)),
  stats: page(() => import('./StatsPage').then((m) => m.StatsPage)),
  checks: page(() => import('./ChecksPage').then((m) => m.ChecksPage)),
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
} satisfies Record<WorkspacePage | 'countyMembers' | 'memberForm', unknown>;

/** While a page's chunk loads: the words the pages show while their data loads, inside `frame` if given. */
export function PageSuspense({ children, frame }: { children: ReactNode; frame?: (loading: ReactNode) => ReactNode }) {
  const { t } = useTranslation();
  const loading = <div className="muted pad">{t('common.loading')}</div>;
  return <Suspense fallback={frame ? frame(loading) : loading}>{children}</Suspense>;
}
