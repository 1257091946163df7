// Login at start: user name and password. The archive's message (wrong password with the tries left,
// the lockout with its end time, a disabled account) is shown as it comes, in Chinese.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf } from '../../api';
import type { Language } from '../../i18n';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import type { SessionInfoDto } from '../../lib/session';
import { useInstallTitle } from '../../lib/identity';

export function LoginPage({ township, onLoggedIn, onLanguage }: { township: string | null; onLoggedIn: (info: SessionInfoDto) => void; onLanguage: (l: Language) => void }) {
  const { t } = useTranslation();
  const installTitle = useInstallTitle();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const info = await api.call('login', { name: name.trim(), password });
      onLoggedIn(info);
    } catch (err) {
      setFailure(messageOf(err));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <div className="setup-page" data-testid="login-page">
      <div className="setup-top">
        <LanguageSwitch onChange={onLanguage} />
      </div>
      <form className="setup-card accounts-card" onSubmit={submit} noValidate aria-busy={busy}>
        <div className="setup-emblem" aria-hidden="true">
          档
        </div>
        <h1>{installTitle}</h1>
        <h2>
          {t('accounts.login.heading')}
          {township ? ` · ${township}` : ''}
        </h2>
        <p className="muted">{t('accounts.login.intro')}</p>
        <label className="field">
          <span className="field-label">{t('accounts.login.name')}</span>
          <input data-testid="login-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" autoFocus maxLength={64} disabled={busy} />
        </label>
        <label className="field">
          <span className="field-label">{t('accounts.login.password')}</span>
          <input type="password" data-testid="login-password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" maxLength={128} disabled={busy} />
        </label>
        {failure && (
          <div className="alert error" role="alert" data-testid="login-error">
            {failure}
          </div>
        )}
        <div className="setup-actions">
          <button type="submit" className="btn primary" data-testid="login-submit" disabled={busy || !name.trim() || !password}>
            {busy ? t('accounts.login.busy') : t('accounts.login.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
