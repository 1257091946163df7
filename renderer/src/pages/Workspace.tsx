// The workspace after setup: a top navigation between 首页 (the dashboard, where the window opens),
// 党员 (the members page), 党内统计年报, 数据校验 and the rest. Other pages send the clerk to the members page on a
// subset (a branch, an age band) through a focus; the checks page opens a member in the member drawer.
import { Suspense, useCallback, useState, type ReactNode } from 'react';
import { api, messageOf, type OrgNodeDto, type SetupStatusDto } from '../api';
import { todayLocal } from '../lib/dates';
import type { Language } from '../i18n';
import { AppHeader, TopNav, type WorkspacePage } from '../components/AppHeader';
import { Toasts } from '../components/Toasts';
import { ToastContext, useToastList } from '../lib/toasts';
import type { MembersFocus } from './MainPage';
import { Pages, PageSuspense, preloadPages } from './pageRegistry';

interface Props {
  setup: SetupStatusDto;
  onLanguage: (language: Language) => void;
}

export function Workspace({ setup, onLanguage }: Props) {
  const [page, setPage] = useState<WorkspacePage>(setup.role === 'county' ? 'members' : 'dashboard');
  const [focus, setFocus] = useState<{ key: number; focus: MembersFocus }>({ key: 0, focus: {} });
  const [drawer, setDrawer] = useState<{ memberId: string; orgs: OrgNodeDto[] } | null>(null);
  const [checksKey, setChecksKey] = useState(0);
  const [countyRecord, setCountyRecord] = useState<{ townshipCode: string; id: string } | null>(null);
  const [devFocus, setDevFocus] = useState<string | null>(null);
  const [devKey, setDevKey] = useState(0);
  // A township's window opens on 首页; the members grid is nearly always next, so its code loads once the
  // dashboard's figures are on screen (compiling it earlier would hold them up).
  const preloadMembers = useCallback(() => preloadPages(['members']), []);
  const today = todayLocal();
  // The workspace's toasts last while the clerk visits the members page, which keeps its own.
  const { toasts, toast, dismiss } = useToastList();

  const go = useCallback((next: WorkspacePage) => {
    // The members page opens fresh (whole township) from the navigation.
    if (next === 'members') setFocus((f) => ({ key: f.key + 1, focus: {} }));
    // 发展党员 opens fresh (the board reloaded, nobody selected) from the navigation.
    if (next === 'development') {
      setDevFocus(null);
      setDevKey((k) => k + 1);
    }
    setPage(next);
  }, []);
  const openMembers = useCallback((f: MembersFocus) => {
    setFocus((prev) => ({ key: prev.key + 1, focus: f }));
    setPage('members');
  }, []);
  const openMember = useCallback(
    (memberId: string) => {
      api.orgTree().then(
        (orgs) => setDrawer({ memberId, orgs }),
        (e: unknown) => toast('error', messageOf(e)),
      );
    },
    [toast],
  );

  const nav = <TopNav page={page} onPage={go} role={setup.role} />;
  const township = setup.township?.name ?? '';
  // The members pages draw their own shell; until one's chunk has loaded, the header stands in it.
  const shell = (loading: ReactNode) => (
    <div className="app-shell">
      <AppHeader township={township} nav={nav} onLanguage={onLanguage} />
      {loading}
    </div>
  );

  // The county holds no members of its own: its members page is every township's, from the packages.
  if (page === 'members' && setup.role === 'county') {
    return (
      <PageSuspense frame={shell}>
        <Pages.countyMembers township={township} nav={nav} onLanguage={onLanguage} />
      </PageSuspense>
    );
  }
  if (page === 'members') {
    return (
      <PageSuspense frame={shell}>
        <Pages.members key={focus.key} setup={setup} onLanguage={onLanguage} nav={nav} focus={focus.focus} />
      </PageSuspense>
    );
  }

  return (
    <ToastContext.Provider value={toast}>
      <div className="app-shell" data-testid={`page-${page}`}>
        <AppHeader township={township} nav={nav} onLanguage={onLanguage} />
        <div className="page-scroll">
          <PageSuspense>
            {page === 'dashboard' && <Pages.dashboard township={township} onOpenMembers={openMembers} onOpenChecks={() => setPage('checks')} onFiguresShown={preloadMembers} />}
            {page === 'annual' && <Pages.annual rootOrgId={setup.rootOrgId} county={setup.role === 'county'} onOpenMember={setup.role === 'county' ? undefined : openMember} />}
            {page === 'compare' && <Pages.compare onOpenMember={openMember} />}
            {page === 'checks' && setup.role === 'county' && <Pages.countyChecks onOpenMember={(townshipCode, id) => setCountyRecord({ townshipCode, id })} />}
            {page === 'checks' && setup.role !== 'county' && <Pages.checks refreshKey={checksKey} onOpenMember={openMember} onOpenOrg={(orgId) => openMembers({ orgId })} />}
            {page === 'development' && <Pages.development key={`${devKey}-${devFocus ?? ''}`} focusId={devFocus} onOpenMember={openMember} />}
            {page === 'reminders' && (
              <Pages.reminders
                onOpen={(item) => {
                  if (item.target === 'member') openMember(item.targetId);
                  else if (item.target === 'villageMatter') setPage('practices');
                  else {
                    setDevFocus(item.targetId);
                    setPage('development');
                  }
                }}
              />
            )}
            {page === 'yearly' && <Pages.yearly today={today} />}
            {page === 'rules' && <Pages.rules />}
            {page === 'users' && <Pages.users />}
            {page === 'audit' && <Pages.audit />}
            {page === 'backup' && <Pages.backup />}
            {page === 'practices' && <Pages.practices today={today} />}
            {page === 'countyExport' && <Pages.countyExport />}
            {page === 'countyImport' && <Pages.countyImport onOpenMembers={() => go('members')} />}
          </PageSuspense>
        </div>
        {countyRecord && (
          <Suspense fallback={null}>
            <Pages.countyRecord
              key={`${countyRecord.townshipCode}:${countyRecord.id}`}
              townshipCode={countyRecord.townshipCode}
              id={countyRecord.id}
              onOpen={(townshipCode, id) => setCountyRecord({ townshipCode, id })}
              onClose={() => setCountyRecord(null)}
            />
          </Suspense>
        )}
        {drawer && (
          <Suspense fallback={null}>
            <Pages.memberForm
              memberId={drawer.memberId}
              defaultOrgId=""
              orgs={drawer.orgs}
              onClose={() => setDrawer(null)}
              onChanged={() => setChecksKey((k) => k + 1)}
            />
          </Suspense>
        )}
        <Toasts toasts={toasts} onDismiss={dismiss} />
      </div>
    </ToastContext.Provider>
  );
}
