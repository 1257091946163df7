// The window: first run shows the setup page; afterwards the workspace (opening on the dashboard). The UI language is
// restored from the preference "ui.language" before anything is shown.
import { useCallback, useEffect, useState } from 'react';
import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, messageOf, type SetupStatusDto } from './api';
import { isLanguage, type Language } from './i18n';
import { SetupPage } from './pages/SetupPage';
import { Workspace } from './pages/Workspace';

export const LANGUAGE_PREF = 'ui.language';

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; setup: SetupStatusDto };

/** What the window needs before it can show anything: the setup state and the remembered language. */
async function openArchive(i18n: I18n): Promise<Loaded> {
  try {
    const [setup, language] = await Promise.all([api.getSetup(), api.getPreference(LANGUAGE_PREF).catch(() => null)]);
    if (isLanguage(language) && language !== i18n.language) await i18n.changeLanguage(language);
    return { state: 'ready', setup };
  } catch (err) {
    return { state: 'failed', message: messageOf(err) };
  }
}

export function App() {
  const { t, i18n } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    openArchive(i18n).then((next) => live && setLoaded(next));
    return () => {
      live = false;
    };
  }, [i18n]);

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
  if (!loaded.setup.initialized) {
    return <SetupPage onLanguage={changeLanguage} onDone={(setup) => setLoaded({ state: 'ready', setup })} />;
  }
  return <Workspace setup={loaded.setup} onLanguage={changeLanguage} />;
}
