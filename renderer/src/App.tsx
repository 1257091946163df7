// The window: first run shows the setup page (with the first administrator); an archive without users
// asks for the administrator; otherwise the login screen, then the workspace (opening on the dashboard).
// A locked window shows the lock screen over the workspace, which stays mounted so nothing typed is lost.
// The UI language is restored from the preference "ui.language" before anything is shown.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, messageOf, type SetupStatusDto } from './api';
import { isLanguage, type Language } from './i18n';
import { SetupPage } from './pages/SetupPage';
import { Workspace } from './pages/Workspace';
import { preloadPages } from './pages/pageRegistry';
import { LoginPage } from './pages/accounts/LoginPage';
import { FirstAdminPage } from './pages/accounts/FirstAdminPage';
import { LockScreen } from './pages/accounts/LockScreen';
import { setArchiveToday } from './lib/dates';
import { IdentityContext, useWindowTitle, type InstallIdentity } from './lib/identity';
import { SESSION_EVENT, SessionContext, useIdleLock, type SessionInfoDto, type SessionValue } from './lib/session';

export const LANGUAGE_PREF = 'ui.language';

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; setup: SetupStatusDto; session: SessionInfoDto };

/** What the window needs before it can show anything: the setup state, the session and the remembered language. */
async function openArchive(i18n: I18n): Promise<Loaded> {
  try {
    const [setup, session, language] = await Promise.all([api.getSetup(), api.call('sessionInfo', {}), api.getPreference(LANGUAGE_PREF).catch(() => null)]);
    if (isLanguage(language) && language !== i18n.language) await i18n.changeLanguage(language);
    setArchiveToday(setup.today);
    return { state: 'ready', setup, session };
  } catch (err) {
    return { state: 'failed', message: messageOf(err) };
  }
}

export function App() {
  const { t, i18n } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  // Set when the window locked itself for idleness (the lock screen says why).
  const [idleLocked, setIdleLocked] = useState(false);

  useEffect(() => {
    let live = true;
    openArchive(i18n).then((next) => live && setLoaded(next));
    return () => {
      live = false;
    };
  }, [i18n]);

  const setSession = useCallback((session: SessionInfoDto) => {
    setLoaded((l) => (l.state === 'ready' ? { ...l, session } : l));
    if (!session.locked) setIdleLocked(false);
  }, []);
  const refreshSession = useCallback(() => {
    api.call('sessionInfo', {}).then(setSession, () => undefined);
  }, [setSession]);

  // A window left open overnight: the archive's day is asked again whenever the window comes back.
  useEffect(() => {
    const refreshDay = () => {
      if (document.visibilityState === 'visible') api.getSetup().then((s) => setArchiveToday(s.today), () => undefined);
    };
    window.addEventListener('focus', refreshDay);
    document.addEventListener('visibilitychange', refreshDay);
    return () => {
      window.removeEventListener('focus', refreshDay);
      document.removeEventListener('visibilitychange', refreshDay);
    };
  }, []);

  // A call refused because the window is locked or logged out (idle on the main process's clock, or an
  // administrator changed the account): show the lock or login screen.
  useEffect(() => {
    window.addEventListener(SESSION_EVENT, refreshSession);
    return () => window.removeEventListener(SESSION_EVENT, refreshSession);
  }, [refreshSession]);

  const session = loaded.state === 'ready' ? loaded.session : null;
  const ready = loaded.state === 'ready' ? loaded.setup : null;
  const identity = useMemo<InstallIdentity>(() => ({ role: ready?.role ?? 'township', name: ready?.township?.name ?? null }), [ready?.role, ready?.township?.name]);
  // While the login screen waits for the clerk, the first page's code loads, so that the workspace opens
  // on it without waiting: 首页 in a township, every township's members at the county.
  const firstPage = ready?.initialized ? (ready.role === 'county' ? 'countyMembers' : 'dashboard') : null;
  useEffect(() => {
    if (firstPage) preloadPages([firstPage]);
  }, [firstPage]);
  useWindowTitle(identity);
  const user = session?.user ?? null;
  const lock = useCallback(() => {
    api.call('lockSession', {}).then(setSession, () => undefined);
  }, [setSession]);
  const logout = useCallback(() => {
    api.call('logout', {}).then(setSession, () => undefined);
  }, [setSession]);
  useIdleLock(
    !!user && !session?.locked,
    session?.idleLockMinutes ?? 10,
    () => {
      setIdleLocked(true);
      lock();
    },
    () => void api.call('touchSession', {}).catch(() => undefined),
  );
  const sessionValue = useMemo<SessionValue>(() => ({ user, can: (access) => !!user?.access.includes(access), lock, logout }), [user, lock, logout]);

  const changeLanguage = useCallback(
    (language: Language) => {
      void i18n.changeLanguage(language);
      api.setPreference(LANGUAGE_PREF, language).catch(() => undefined); // a lost preference is not worth an alarm
    },
    [i18n],
  );

  if (loaded.state === 'loading') {
    return (
      <div className="app-splash" data-testid="app-loading">
        <span className="spinner" aria-hidden="true" /> {t('app.opening')}
      </div>
    );
  }
  if (loaded.state === 'failed') {
    return (
      <div className="app-splash" role="alert" data-testid="app-error">
        <p>{t('app.openFailed', { message: loaded.message })}</p>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setLoaded({ state: 'loading' });
            void openArchive(i18n).then(setLoaded);
          }}
        >
          {t('app.retry')}
        </button>
      </div>
    );
  }
  const { setup } = loaded;
  const township = setup.township?.name ?? null;
  if (!loaded.session.hasUsers && setup.initialized) {
    return (
      <IdentityContext.Provider value={identity}>
        <FirstAdminPage township={township} onLanguage={changeLanguage} onDone={setSession} />
      </IdentityContext.Provider>
    );
  }
  if (loaded.session.hasUsers && !user) {
    return (
      <IdentityContext.Provider value={identity}>
        <LoginPage township={township} onLanguage={changeLanguage} onLoggedIn={setSession} />
      </IdentityContext.Provider>
    );
  }
  if (!setup.initialized) {
    return (
      <SetupPage
        needsAdmin={!loaded.session.hasUsers}
        onLanguage={changeLanguage}
        onDone={(next) => {
          setArchiveToday(next.today);
          setLoaded((l) => (l.state === 'ready' ? { ...l, setup: next } : l));
          refreshSession();
        }}
      />
    );
  }
  return (
    <IdentityContext.Provider value={identity}>
      <SessionContext.Provider value={sessionValue}>
        <div className="accounts-shell" aria-hidden={loaded.session.locked || undefined} inert={loaded.session.locked || undefined}>
          <Workspace setup={setup} onLanguage={changeLanguage} />
        </div>
        {loaded.session.locked && user && <LockScreen user={user} idleMinutes={idleLocked ? loaded.session.idleLockMinutes : null} onUnlocked={setSession} onLoggedOut={refreshSession} />}
      </SessionContext.Provider>
    </IdentityContext.Provider>
  );
}
