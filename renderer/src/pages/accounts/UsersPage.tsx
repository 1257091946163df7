// 用户管理 (管理员 and 安全管理员): the users with role and state; add a user, change a role, reset a
// password, lift a lockout, disable or enable an account. Users are never deleted: the audit log names them.
// The idle-lock time is set here too (管理员 and 系统管理员; the archive refuses anyone else).
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError, messageOf, type CallOutput } from '../../api';
import { FieldError } from '../../components/FieldError';
import { useSession } from '../../lib/session';
import { useToast } from '../../lib/toasts';
import { useCall, useLoad } from '../../lib/useCall';

type UserDto = CallOutput<'listUsers'>[number];
type RoleCode = UserDto['role'];
const ROLE_CODES: RoleCode[] = ['admin', 'editor', 'viewer', 'sysadmin', 'secadmin', 'auditor'];

function localTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function UsersPage() {
  const { t } = useTranslation();
  const onToast = useToast();
  const { user: me, can } = useSession();
  const [failure, setFailure] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<UserDto | null>(null);
  const [refresh, setRefresh] = useState(0);
  const reload = useCallback(() => setRefresh((r) => r + 1), []);

  const { value: users } = useCall('listUsers', {}, { refresh, onError: setFailure });
  // The idle-lock minutes as typed; every reload shows the archive's value again.
  const { value: idle, setValue: setIdle } = useLoad(() => api.call('sessionInfo', {}).then((s) => String(s.idleLockMinutes)), `idle ${refresh}`, { initial: '' });

  async function act(run: () => Promise<UserDto>, message: (u: UserDto) => string) {
    try {
      const u = await run();
      onToast('info', message(u));
    } catch (e) {
      onToast('error', messageOf(e));
    }
    reload();
  }

  async function saveIdle(event: FormEvent) {
    event.preventDefault();
    try {
      const r = await api.call('setIdleLock', { minutes: Number(idle) });
      onToast('info', t('accounts.users.idleSaved', { minutes: r.minutes }));
    } catch (e) {
      onToast('error', messageOf(e));
    }
  }

  return (
    <div className="accounts-page" data-testid="users-page">
      <div className="accounts-page-head">
        <div>
          <h2>{t('accounts.users.heading')}</h2>
          <p className="muted">{t('accounts.users.intro')}</p>
        </div>
        <button type="button" className="btn primary" data-testid="users-add" onClick={() => setAdding(true)}>
          {t('accounts.users.add')}
        </button>
      </div>
      {failure && (
        <div className="alert error" role="alert">
          {failure}
        </div>
      )}
      <table className="plain-table accounts-table" data-testid="users-table">
        <thead>
          <tr>
            <th>{t('accounts.users.name')}</th>
            <th>{t('accounts.users.role')}</th>
            <th>{t('accounts.users.state')}</th>
            <th>{t('accounts.users.lastLogin')}</th>
            <th>{t('accounts.users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(users ?? []).map((u) => (
            <tr key={u.id} data-testid={`user-row-${u.name}`}>
              <td>{u.name}</td>
              <td>
                <select
                  aria-label={`${u.name} ${t('accounts.users.role')}`}
                  value={u.role}
                  data-testid={`user-role-${u.name}`}
                  onChange={(e) => {
                    const role = e.target.value as RoleCode;
                    void act(() => api.call('setUserRole', { userId: u.id, role }), (x) => t('accounts.users.roleChanged', { name: x.name, role: t(`accounts.users.roles.${x.role}`) }));
                  }}
                >
                  {ROLE_CODES.map((r) => (
                    <option key={r} value={r}>
                      {t(`accounts.users.roles.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td data-testid={`user-state-${u.name}`}>
                {u.disabled ? (
                  <span className="accounts-state off">{t('accounts.users.disabled')}</span>
                ) : u.lockedUntil ? (
                  <span className="accounts-state locked">{t('accounts.users.lockedUntil', { time: localTime(u.lockedUntil).slice(11) })}</span>
                ) : (
                  <span className="accounts-state">{t('accounts.users.active')}</span>
                )}
              </td>
              <td>{u.lastLoginAt ? localTime(u.lastLoginAt) : t('accounts.users.never')}</td>
              <td className="accounts-actions">
                <button type="button" className="btn small" data-testid={`user-reset-${u.name}`} onClick={() => setResetting(u)}>
                  {t('accounts.users.resetPassword')}
                </button>
                {u.lockedUntil && (
                  <button type="button" className="btn small" data-testid={`user-unlock-${u.name}`} onClick={() => void act(() => api.call('unlockUser', { userId: u.id }), (x) => t('accounts.users.unlocked', { name: x.name }))}>
                    {t('accounts.users.unlock')}
                  </button>
                )}
                <button
                  type="button"
                  className={u.disabled ? 'btn small' : 'btn small danger-outline'}
                  data-testid={`user-disable-${u.name}`}
                  disabled={u.id === me?.id}
                  onClick={() =>
                    void act(
                      () => api.call('setUserDisabled', { userId: u.id, disabled: !u.disabled }),
                      (x) => t(x.disabled ? 'accounts.users.disabledDone' : 'accounts.users.enabledDone', { name: x.name }),
                    )
                  }
                >
                  {u.disabled ? t('accounts.users.enable') : t('accounts.users.disable')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="accounts-roles">
        {ROLE_CODES.map((r) => (
          <div key={r}>
            <dt>{t(`accounts.users.roles.${r}`)}</dt>
            <dd>{t(`accounts.users.roleHints.${r}`)}</dd>
          </div>
        ))}
      </dl>
      {can('system') && (
        <form className="accounts-idle" onSubmit={saveIdle}>
          <label className="field-inline">
            <span>{t('accounts.users.idleLock')}</span>
            <input type="number" min={1} max={240} value={idle} onChange={(e) => setIdle(e.target.value)} data-testid="idle-minutes" />
            <span className="muted">{t('accounts.users.idleLockHint')}</span>
          </label>
          <button type="submit" className="btn small" data-testid="idle-save">
            {t('accounts.users.save')}
          </button>
        </form>
      )}
      {adding && (
        <UserDialog
          title={t('accounts.users.add')}
          withName
          onClose={() => setAdding(false)}
          onSubmit={async (d) => {
            const u = await api.call('createUser', { name: d.name.trim(), role: d.role, password: d.password });
            onToast('info', t('accounts.users.created', { name: u.name }));
            reload();
          }}
        />
      )}
      {resetting && (
        <UserDialog
          title={`${t('accounts.users.resetPassword')} · ${resetting.name}`}
          onClose={() => setResetting(null)}
          onSubmit={async (d) => {
            const u = await api.call('resetPassword', { userId: resetting.id, password: d.password });
            onToast('info', t('accounts.users.reset', { name: u.name }));
            reload();
          }}
        />
      )}
    </div>
  );
}

interface Draft {
  name: string;
  role: RoleCode;
  password: string;
  confirm: string;
}

function UserDialog({ title, withName, onClose, onSubmit }: { title: string; withName?: boolean; onClose: () => void; onSubmit: (d: Draft) => Promise<void> }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>({ name: '', role: 'editor', password: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    if (draft.password !== draft.confirm) {
      setErrors({ confirm: t('accounts.firstAdmin.mismatch') });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await onSubmit(draft);
      onClose();
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiCallError && err.issues.length) setErrors(err.byField());
      else setFailure(messageOf(err));
    }
  }

  return (
    <div className="modal-backdrop">
      <form className="modal accounts-form" role="dialog" aria-modal="true" aria-labelledby="accounts-user-title" onSubmit={submit} noValidate data-testid="user-dialog">
        <h2 id="accounts-user-title">{title}</h2>
        {withName && (
          <>
            <label className="field">
              <span className="field-label">{t('accounts.users.name')}</span>
              <input data-testid="user-name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} maxLength={32} autoFocus aria-invalid={!!errors.name} />
              <FieldError field="name" message={errors.name} prefix="user-error" />
            </label>
            <label className="field">
              <span className="field-label">{t('accounts.users.role')}</span>
              <select data-testid="user-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as RoleCode })}>
                {ROLE_CODES.map((r) => (
                  <option key={r} value={r}>
                    {t(`accounts.users.roles.${r}`)} — {t(`accounts.users.roleHints.${r}`)}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <label className="field">
          <span className="field-label">{withName ? t('accounts.users.initialPassword') : t('accounts.users.newPassword')}</span>
          <input type="password" data-testid="user-password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} autoComplete="new-password" maxLength={128} autoFocus={!withName} aria-invalid={!!errors.password} />
          {errors.password ? <FieldError field="password" message={errors.password} prefix="user-error" /> : <span className="field-hint">{t('accounts.firstAdmin.passwordHint')}</span>}
        </label>
        <label className="field">
          <span className="field-label">{t('accounts.firstAdmin.confirm')}</span>
          <input type="password" data-testid="user-confirm" value={draft.confirm} onChange={(e) => setDraft({ ...draft, confirm: e.target.value })} autoComplete="new-password" maxLength={128} aria-invalid={!!errors.confirm} />
          <FieldError field="confirm" message={errors.confirm} prefix="user-error" />
        </label>
        {failure && (
          <div className="alert error" role="alert" data-testid="user-dialog-error">
            {failure}
          </div>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn primary" disabled={busy || !draft.password || (withName && !draft.name.trim())} data-testid="user-save">
            {t('accounts.users.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
