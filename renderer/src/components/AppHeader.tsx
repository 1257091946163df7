// The header of the workspace's pages (the members page draws its own, with the same look): brand,
// township, the top navigation and the language switch.
import { useEffect, useState, type ReactNode } from 'react';
import { call } from '../api';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

export type WorkspacePage = 'dashboard' | 'members' | 'development' | 'reminders' | 'yearly' | 'stats' | 'checks' | 'rules';
const PAGES: WorkspacePage[] = ['dashboard', 'members', 'development', 'reminders', 'yearly', 'stats', 'checks', 'rules'];

export function TopNav({ page, onPage }: { page: WorkspacePage; onPage: (page: WorkspacePage) => void }) {
  const { t } = useTranslation();
  // The 待办 badge: work due today (without the 政治生日 greetings), refreshed whenever the navigation is drawn anew.
  const [due, setDue] = useState<number | null>(null);
  useEffect(() => {
    call('reminders', {}).then((r) => setDue(r.dueCount), () => setDue(null));
  }, [page]);
  return (
    <nav className="top-nav" aria-label={t('nav.label')}>
      {PAGES.map((p) => (
        <button key={p} type="button" className={p === page ? 'active' : ''} aria-current={p === page ? 'page' : undefined} data-testid={`nav-${p}`} onClick={() => onPage(p)}>
          {t(`nav.${p}`)}
          {p === 'reminders' && due !== null && due > 0 && (
            <span className="nav-badge" data-testid="reminders-badge">
              {due}
            </span>
          )}
        </button>
      ))}
    </nav>
  );
}

export function AppHeader({ township, nav, onLanguage, right }: { township: string; nav: ReactNode; onLanguage: (l: Language) => void; right?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          档
        </span>
        <h1 data-testid="app-title">
          {t('app.title')} · <span className="township">{township}</span>
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
