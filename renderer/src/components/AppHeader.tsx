// The header of the workspace's pages (the members page draws its own, with the same look): brand,
// township, the top navigation and the language switch.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { useSession } from '../lib/session';
import { useCall } from '../lib/useCall';
import { useInstallTitle } from '../lib/identity';
import { AccountMenu } from '../pages/accounts/AccountMenu';

export type WorkspacePage = 'dashboard' | 'members' | 'development' | 'reminders' | 'yearly' | 'practices' | 'annual' | 'checks' | 'compare' | 'rules' | 'users' | 'audit' | 'backup' | 'countyExport' | 'countyImport';
const PAGES: WorkspacePage[] = ['dashboard', 'members', 'development', 'reminders', 'yearly', 'practices', 'annual', 'checks', 'compare', 'rules'];
// The county keeps no members of its own: its work is every township's members, from their packages.
const COUNTY_PAGES: WorkspacePage[] = ['members', 'annual', 'checks'];
// 用户管理 shows only for those who manage accounts (管理员, 安全管理员).
const ACCOUNT_PAGES: WorkspacePage[] = ['users'];
// 审计日志 shows only for those who read the audit trail (管理员, 审计管理员).
const AUDIT_PAGES: WorkspacePage[] = ['audit'];
// 备份与恢复 shows only for those who may back up and restore (管理员, 系统管理员).
const BACKUP_PAGES: WorkspacePage[] = ['backup'];
// 导出到县 at a township, 导入乡镇数据 at the county: for those who may write (a clerk's routine work).
const EXCHANGE_PAGE = { township: 'countyExport', county: 'countyImport' } as const satisfies Record<string, WorkspacePage>;

export function TopNav({ page, onPage, role }: { page: WorkspacePage; onPage: (page: WorkspacePage) => void; role?: 'township' | 'county' }) {
  const { t } = useTranslation();
  const session = useSession();
  const pages = [...(role === 'county' ? COUNTY_PAGES : PAGES), ...(role && session.can('write') ? [EXCHANGE_PAGE[role]] : []), ...(session.can('users') ? ACCOUNT_PAGES : []), ...(session.can('audit') ? AUDIT_PAGES : []), ...(session.can('system') ? BACKUP_PAGES : [])];
  // The 待办 badge: work due today (without the 政治生日 greetings), refreshed whenever the navigation is drawn anew.
  const reminders = useCall('remindersDue', {}, { refresh: page });
  const due = reminders.error ? null : (reminders.value?.dueCount ?? null);
  return (
    <nav className="top-nav" aria-label={t('nav.label')}>
      {pages.map((p) => (
        <button key={p} type="button" className={p === page ? 'active' : ''} aria-current={p === page ? 'page' : undefined} data-testid={`nav-${p}`} onClick={() => onPage(p)}>
          {t(`nav.${p}`)}
          {p === 'reminders' && due !== null && due > 0 && (
            <span className="nav-badge" data-testid="reminders-badge">
              {due}
            </span>
          )}
        </button>
      ))}
      <AccountMenu />
    </nav>
  );
}

export function AppHeader({ township, nav, onLanguage, right }: { township: string; nav: ReactNode; onLanguage: (l: Language) => void; right?: ReactNode }) {
  const installTitle = useInstallTitle();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          档
        </span>
        <h1 data-testid="app-title">
          {installTitle} · <span className="township">{township}</span>
        </h1>
      </div>
      {nav}
      <div className="header-right">
        {right}
        <LanguageSwitch onChange={onLanguage} />
      </div>
    </header>
  );
}
