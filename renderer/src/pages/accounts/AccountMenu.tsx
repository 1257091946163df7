// The logged-in user in the navigation bar: name and role, 修改密码, 锁定 (the clerk leaves the desk), 退出登录.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError, messageOf } from '../../api';
import { FieldError } from '../../components/FieldError';
import { useSession } from '../../lib/session';
import { usePopupDismiss } from '../../lib/usePopupDismiss';

export function AccountMenu() {
  const { t } = useTranslation();
  const { user, lock, logout } = useSession();
  const [changing, setChanging] = useState(false);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  usePopupDismiss(open, () => setOpen(false), box, { returnFocus: button });
  if (!user) return null;
  const choose = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  return (
    <div className="accounts-menu" ref={box} data-testid="account-menu">
      <button ref={button} type="button" className="accounts-user" title={t('accounts.menu.label')} aria-haspopup="menu" aria-expanded={open} data-testid="account-user" onClick={() => setOpen((o) => !o)}>
        {user.name} · {t(`accounts.users.roles.${user.role}`)} ▾
      </button>
      {open && (
        <div className="accounts-dropdown" role="menu">
          <button type="button" role="menuitem" data-testid="account-password" onClick={choose(() => setChanging(true))}>
            {t('accounts.menu.changePassword')}
          </button>
          <button type="button" role="menuitem" data-testid="account-lock" onClick={choose(lock)}>
            {t('accounts.menu.lock')}
          </button>
          <button type="button" role="menuitem" data-testid="account-logout" onClick={choose(logout)}>
            {t('accounts.menu.logout')}
          </button>
        </div>
      )}
      {changing && <ChangePasswordDialog onClose={() => setChanging(false)} />}
    </div>
  );
}

function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    if (newPassword !== confirm) {
      setErrors({ confirm: t('accounts.firstAdmin.mismatch') });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.call('changePassword', { oldPassword, newPassword });
      setDone(true);
    } catch (err) {
      if (err instanceof ApiCallError && err.issues.length) setErrors(err.byField());
      else setFailure(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="modal-backdrop">
      <form className="modal accounts-form" role="dialog" aria-modal="true" aria-labelledby="accounts-password-title" onSubmit={submit} noValidate data-testid="password-dialog">
        <h2 id="accounts-password-title">{t('accounts.password.heading')}</h2>
        {done ? (
          <div className="alert" role="status" data-testid="password-done">
            {t('accounts.password.done')}
          </div>
        ) : (
          <>
            <label className="field">
              <span className="field-label">{t('accounts.password.old')}</span>
              <input type="password" data-testid="password-old" value={oldPassword} onChange={(e) => setOld(e.target.value)} autoComplete="current-password" autoFocus maxLength={128} />
              <FieldError field="oldPassword" message={errors.oldPassword} prefix="password-error" />
            </label>
            <label className="field">
              <span className="field-label">{t('accounts.password.new')}</span>
              <input type="password" data-testid="password-new" value={newPassword} onChange={(e) => setNew(e.target.value)} autoComplete="new-password" maxLength={128} />
              {errors.newPassword ? <FieldError field="newPassword" message={errors.newPassword} prefix="password-error" /> : <span className="field-hint">{t('accounts.firstAdmin.passwordHint')}</span>}
            </label>
            <label className="field">
              <span className="field-label">{t('accounts.password.confirm')}</span>
              <input type="password" data-testid="password-confirm" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" maxLength={128} />
              <FieldError field="confirm" message={errors.confirm} prefix="password-error" />
            </label>
            {failure && (
              <div className="alert error" role="alert">
                {failure}
              </div>
            )}
          </>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose} data-testid="password-close">
            {t('common.close')}
          </button>
          {!done && (
            <button type="submit" className="btn primary" disabled={busy || !oldPassword || !newPassword} data-testid="password-save">
              {t('accounts.password.save')}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
