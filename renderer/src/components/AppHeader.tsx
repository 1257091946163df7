// The header of the workspace's pages (the members page draws its own, with the same look): brand,
// township, the top navigation and the language switch.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { useSession, type AccessClass } from '../lib/session';
import { useCall } from '../lib/useCall';
import { useInstallTitle } from '../lib/identity';
import { usePopupDismiss } from '../lib/usePopupDismiss';
import { AccountMenu } from '../pages/accounts/AccountMenu';

export type WorkspacePage = 'dashboard' | 'members' | 'development' | 'reminders' | 'yearly' | 'practices' | 'annual' | 'checks' | 'compare' | 'rules' | 'users' | 'audit' | 'backup' | 'countyExport' | 'countyImport';
// The navigation as a clerk reads it: the pages of every day on the bar itself, the rest in a few menus
// (a flat row of fifteen buttons did not fit a 1366 px screen).
type NavGroupName = 'work' | 'reports' | 'system';
type NavEntry = { page: WorkspacePage } | { group: NavGroupName; pages: WorkspacePage[] };

function navEntries(role: 'township' | 'county' | undefined, can: (access: AccessClass) => boolean): NavEntry[] {
  // 用户管理 for those who manage accounts (管理员, 安全管理员), 审计日志 for those who read the audit trail
  // (管理员, 审计管理员), 备份与恢复 for those who may back up and restore (管理员, 系统管理员).
  const admin: WorkspacePage[] = [...(can('users') ? ['users' as const] : []), ...(can('audit') ? ['audit' as const] : []), ...(can('system') ? ['backup' as const] : [])];
  // 导出到县 at a township, 导入乡镇数据 at the county: for those who may write (a clerk's routine work).
  const exchange = (page: WorkspacePage): NavEntry[] => (role && can('write') ? [{ page }] : []);
  const entries: NavEntry[] =
    role === 'county'
      ? // The county keeps no members of its own: its work is every township's members, from their packages.
        [{ page: 'members' }, { group: 'reports', pages: ['annual', 'checks'] }, ...exchange('countyImport'), { group: 'system', pages: admin }]
      : [
          { page: 'dashboard' },
          { page: 'members' },
          { page: 'reminders' },
          { group: 'work', pages: ['development', 'yearly', 'practices'] },
          { group: 'reports', pages: ['annual', 'checks', 'compare'] },
          ...exchange('countyExport'),
          { group: 'system', pages: ['rules', ...admin] },
        ];
  // A menu of one page is just that page's button; an empty one is not shown.
  return entries.flatMap((e): NavEntry[] => ('page' in e ? [e] : e.pages.length > 1 ? [e] : e.pages.map((page) => ({ page }))));
}

export function TopNav({ page, onPage, role }: { page: WorkspacePage; onPage: (page: WorkspacePage) => void; role?: 'township' | 'county' }) {
  const { t } = useTranslation();
  const session = useSession();
  const entries = navEntries(role, session.can);
  // The 待办 badge: work due today (without the 政治生日 greetings), refreshed whenever the navigation is drawn anew.
  const reminders = useCall('remindersDue', {}, { refresh: page });
  const due = reminders.error ? null : (reminders.value?.dueCount ?? null);
  return (
    <nav className="top-nav" aria-label={t('nav.label')}>
      {entries.map((e) =>
        'page' in e ? (
          <button key={e.page} type="button" className={e.page === page ? 'active' : ''} aria-current={e.page === page ? 'page' : undefined} data-testid={`nav-${e.page}`} onClick={() => onPage(e.page)}>
            {t(`nav.${e.page}`)}
            {e.page === 'reminders' && due !== null && due > 0 && (
              <span className="nav-badge" data-testid="reminders-badge">
                {due}
              </span>
            )}
          </button>
        ) : (
          <NavGroup key={e.group} name={e.group} pages={e.pages} page={page} onPage={onPage} />
        ),
      )}
      <AccountMenu />
    </nav>
  );
}

/**
 * A menu of the navigation: its button opens the list of its pages below it. The items stay in the page
 * while the menu is closed (hidden), so the button knows its pages and tests can find which menu holds one.
 */
function NavGroup({ name, pages, page, onPage }: { name: NavGroupName; pages: WorkspacePage[]; page: WorkspacePage; onPage: (page: WorkspacePage) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  // Which item takes focus once the menu is shown (opened from the keyboard); hidden items cannot take it.
  const focusOnOpen = useRef<number | null>(null);
  usePopupDismiss(open, () => setOpen(false), box, { returnFocus: button });
  useEffect(() => {
    if (!open || focusOnOpen.current === null) return;
    items.current[focusOnOpen.current]?.focus();
    focusOnOpen.current = null;
  }, [open]);

  const current = pages.includes(page) ? page : null;
  const menuId = `nav-menu-${name}`;
  const openAt = (index: number) => {
    const at = (index + pages.length) % pages.length;
    if (open) items.current[at]?.focus();
    else {
      focusOnOpen.current = at;
      setOpen(true);
    }
  };
  const choose = (p: WorkspacePage) => {
    setOpen(false);
    button.current?.focus();
    onPage(p);
  };
  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    // Enter and Space would click (and toggle); from the keyboard they open on the current page's item.
    if (e.key === 'Enter' || e.key === ' ' || e.key === 'ArrowDown') {
      e.preventDefault();
      openAt(Math.max(0, current ? pages.indexOf(current) : 0));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      openAt(pages.length - 1);
    }
  };
  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = items.current.findIndex((el) => el === document.activeElement);
    const move: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: pages.length - 1 };
    if (e.key in move) {
      e.preventDefault();
      items.current[(move[e.key] + pages.length) % pages.length]?.focus();
    } else if (e.key === 'Tab') {
      // Tab goes on from the menu's button, to the next page of the bar, as it would with the menu shut.
      button.current?.focus();
      setOpen(false);
    }
  };

  return (
    <div
      className="nav-group"
      ref={box}
      onBlur={(e) => {
        // Focus moved on to another part of the window (a mouse press is the hook's business).
        if (open && e.relatedTarget instanceof Node && !box.current?.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        id={`${menuId}-button`}
        className={current ? 'active' : ''}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        data-testid={`nav-group-${name}`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={onButtonKey}
      >
        {t(`nav.groups.${name}`)}
        {current && <span className="nav-group-current"> · {t(`nav.${current}`)}</span>}
        <span className="nav-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div className="nav-menu" id={menuId} role="menu" aria-labelledby={`${menuId}-button`} hidden={!open} onKeyDown={onMenuKey}>
        {pages.map((p, i) => (
          <button
            key={p}
            ref={(el) => {
              items.current[i] = el;
            }}
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={p === page ? 'active' : ''}
            aria-current={p === page ? 'page' : undefined}
            data-testid={`nav-${p}`}
            onClick={() => choose(p)}
          >
            {t(`nav.${p}`)}
          </button>
        ))}
      </div>
    </div>
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
