// The lock screen over the workspace (which stays mounted underneath, so open forms keep what was
// typed): the same user's password unlocks; 5 wrong passwords lock the account and log the window out.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError, messageOf } from '../../api';
import type { SessionInfoDto, SessionUserDto } from '../../lib/session';

export function LockScreen({ user, idleMinutes, onUnlocked, onLoggedOut }: { user: SessionUserDto; idleMinutes: number | null; onUnlocked: (info: SessionInfoDto) => void; onLoggedOut: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      onUnlocked(await api.call('unlockSession', { password }));
    } catch (err) {
      setBusy(false);
      setPassword('');
      setFailure(messageOf(err));
      // Locked out by the failures: the window is logged out; the login screen shows the message again.
      if (err instanceof ApiCallError && err.code === 'account_locked') window.setTimeout(onLoggedOut, 2500);
    }
  }

  async function switchUser() {
    await api.call('logout', {}).catch(() => undefined);
    onLoggedOut();
  }

  return (
    <div className="accounts-lock" role="dialog" aria-modal="true" aria-labelledby="accounts-lock-title" data-testid="lock-screen">
      <form className="setup-card accounts-card" onSubmit={submit} noValidate aria-busy={busy}>
        <div className="setup-emblem" aria-hidden="true">
          锁
        </div>
        <h2 id="accounts-lock-title">{t('accounts.lock.heading')}</h2>
        {idleMinutes !== null && <p className="muted">{t('accounts.lock.idleIntro', { minutes: idleMinutes })}</p>}
        <p>{t('accounts.lock.intro', { name: user.name, role: t(`accounts.users.roles.${user.role}`) })}</p>
        <label className="field">
          <span className="field-label">{t('accounts.lock.password')}</span>
          <input type="password" data-testid="unlock-password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" autoFocus maxLength={128} disabled={busy} />
        </label>
        {failure && (
          <div className="alert error" role="alert" data-testid="unlock-error">
            {failure}
          </div>
        )}
        <div className="setup-actions">
          <button type="button" className="btn" data-testid="lock-switch-user" onClick={() => void switchUser()} disabled={busy}>
            {t('accounts.lock.switchUser')}
          </button>
          <button type="submit" className="btn primary" data-testid="unlock-submit" disabled={busy || !password}>
            {busy ? t('accounts.lock.busy') : t('accounts.lock.unlock')}
          </button>
        </div>
      </form>
    </div>
  );
}
