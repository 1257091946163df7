// An archive from before accounts (set up, but without users): the first start asks for the
// administrator before anything else, then logs the window in.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError, messageOf } from '../../api';
import type { Language } from '../../i18n';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import type { SessionInfoDto } from '../../lib/session';
import { useInstallTitle } from '../../lib/identity';
import { AdminFields, EMPTY_ADMIN, adminDraftProblems, adminFieldErrors } from './AdminFields';

export function FirstAdminPage({ township, onDone, onLanguage }: { township: string | null; onDone: (info: SessionInfoDto) => void; onLanguage: (l: Language) => void }) {
  const { t } = useTranslation();
  const installTitle = useInstallTitle();
  const [draft, setDraft] = useState(EMPTY_ADMIN);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const problems = adminDraftProblems(draft, t);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      onDone(await api.call('createFirstAdmin', { name: draft.name.trim(), password: draft.password }));
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiCallError && err.issues.length) setErrors(adminFieldErrors(err.byField()));
      else setFailure(messageOf(err));
    }
  }

  return (
    <div className="setup-page" data-testid="first-admin-page">
      <div className="setup-top">
        <LanguageSwitch onChange={onLanguage} />
      </div>
      <form className="setup-card accounts-card" onSubmit={submit} noValidate aria-busy={busy}>
        <div className="setup-emblem" aria-hidden="true">
          档
        </div>
        <h1>{installTitle}</h1>
        <h2>
          {t('accounts.firstAdmin.heading')}
          {township ? ` · ${township}` : ''}
        </h2>
        <p className="muted">{t('accounts.firstAdmin.intro')}</p>
        <AdminFields draft={draft} onChange={setDraft} errors={errors} disabled={busy} />
        {failure && (
          <div className="alert error" role="alert" data-testid="first-admin-error">
            {failure}
          </div>
        )}
        <div className="setup-actions">
          <button type="submit" className="btn primary" data-testid="first-admin-submit" disabled={busy}>
            {busy ? t('accounts.firstAdmin.busy') : t('accounts.firstAdmin.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
