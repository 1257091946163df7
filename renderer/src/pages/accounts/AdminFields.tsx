// The first administrator's name and password (twice), shown on the first-run setup page and, for an
// archive from before accounts, on its own page. The archive's rule for passwords applies; the
// repeated password is compared here only.
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../components/FieldError';

export interface AdminDraft {
  name: string;
  password: string;
  confirm: string;
}

export const EMPTY_ADMIN: AdminDraft = { name: '', password: '', confirm: '' };

/** Problems found before asking the archive: empty fields and passwords that differ. */
export function adminDraftProblems(draft: AdminDraft, t: (key: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!draft.name.trim()) out.adminName = `${t('accounts.firstAdmin.name')}:${t('accounts.required')}`;
  if (draft.password !== draft.confirm) out.adminConfirm = t('accounts.firstAdmin.mismatch');
  return out;
}

export function AdminFields({ draft, onChange, errors, disabled }: { draft: AdminDraft; onChange: (d: AdminDraft) => void; errors: Record<string, string>; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <fieldset className="accounts-admin-fields" disabled={disabled}>
      <legend>{t('accounts.firstAdmin.section')}</legend>
      <label className="field">
        <span className="field-label">
          {t('accounts.firstAdmin.name')} <span className="req">*</span>
        </span>
        <input
          data-testid="admin-name"
          value={draft.name}
          onChange={(e) => onChange({ ...draft, name: e.target.value })}
          placeholder={t('accounts.firstAdmin.namePlaceholder')}
          autoComplete="username"
          maxLength={32}
          aria-invalid={!!errors.adminName}
        />
        <FieldError field="adminName" message={errors.adminName} prefix="setup-error" />
      </label>
      <label className="field">
        <span className="field-label">
          {t('accounts.firstAdmin.password')} <span className="req">*</span>
        </span>
        <input
          type="password"
          data-testid="admin-password"
          value={draft.password}
          onChange={(e) => onChange({ ...draft, password: e.target.value })}
          autoComplete="new-password"
          maxLength={128}
          aria-invalid={!!errors.adminPassword}
        />
        {errors.adminPassword ? (
          <FieldError field="adminPassword" message={errors.adminPassword} prefix="setup-error" />
        ) : (
          <span className="field-hint">{t('accounts.firstAdmin.passwordHint')}</span>
        )}
      </label>
      <label className="field">
        <span className="field-label">
          {t('accounts.firstAdmin.confirm')} <span className="req">*</span>
        </span>
        <input
          type="password"
          data-testid="admin-confirm"
          value={draft.confirm}
          onChange={(e) => onChange({ ...draft, confirm: e.target.value })}
          autoComplete="new-password"
          maxLength={128}
          aria-invalid={!!errors.adminConfirm}
        />
        <FieldError field="adminConfirm" message={errors.adminConfirm} prefix="setup-error" />
      </label>
    </fieldset>
  );
}

/** The archive's problems with the administrator (fields name / password) under this form's own keys. */
export function adminFieldErrors(byField: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (byField.name) out.adminName = byField.name;
  if (byField.password) out.adminPassword = byField.password;
  return out;
}
