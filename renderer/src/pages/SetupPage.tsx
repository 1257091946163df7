// First run: the township's name and 统计用区划代码 (9 digits: 省2 市2 县2 乡镇3), optionally the demo
// township for training. The archive checks the input; its Chinese messages appear under each field.
// On a new archive the first administrator is created here too (before the township, which only an
// administrator may set up), and the window is then logged in as that administrator.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError, messageOf, type SetupStatusDto } from '../api';
import type { Language } from '../i18n';
import { FieldError } from '../components/FieldError';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { AdminFields, EMPTY_ADMIN, adminDraftProblems, adminFieldErrors } from './accounts/AdminFields';

type Phase = 'form' | 'setup' | 'demo';

export function SetupPage({ onDone, onLanguage, needsAdmin = false }: { onDone: (setup: SetupStatusDto) => void; onLanguage: (language: Language) => void; needsAdmin?: boolean }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [withDemo, setWithDemo] = useState(false);
  const [phase, setPhase] = useState<Phase>('form');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [initialized, setInitialized] = useState<SetupStatusDto | null>(null);
  const [admin, setAdmin] = useState(EMPTY_ADMIN);
  const [adminCreated, setAdminCreated] = useState(!needsAdmin);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    setFailure(null);
    if (!adminCreated) {
      const problems = adminDraftProblems(admin, t);
      if (Object.keys(problems).length) {
        setErrors(problems);
        return;
      }
      setPhase('setup');
      try {
        await api.call('createFirstAdmin', { name: admin.name.trim(), password: admin.password });
        setAdminCreated(true);
      } catch (err) {
        setPhase('form');
        if (err instanceof ApiCallError && err.issues.length) setErrors(adminFieldErrors(err.byField()));
        else setFailure(messageOf(err));
        return;
      }
    }
    let setup = initialized;
    if (!setup) {
      setPhase('setup');
      try {
        setup = await api.initTownship({ code: code.trim(), name: name.trim(), role: 'township' });
        setInitialized(setup);
      } catch (err) {
        setPhase('form');
        if (err instanceof ApiCallError && err.issues.length) setErrors(err.byField());
        else setFailure(messageOf(err));
        return;
      }
    }
    if (withDemo) {
      setPhase('demo');
      try {
        await api.loadDemo({});
        setup = await api.getSetup();
      } catch (err) {
        // The township is set; the clerk may retry the demo or go on without it.
        setPhase('form');
        setFailure(messageOf(err));
        return;
      }
    }
    onDone(setup);
  }

  const busy = phase !== 'form';
  return (
    <div className="setup-page" data-testid="setup-page">
      <div className="setup-top">
        <LanguageSwitch onChange={onLanguage} />
      </div>
      <form className="setup-card" onSubmit={submit} noValidate aria-busy={busy}>
        <div className="setup-emblem" aria-hidden="true">
          档
        </div>
        <h1>{t('app.title')}</h1>
        <h2>{t('setup.heading')}</h2>
        <p className="muted">{t('setup.intro')}</p>

        <label className="field">
          <span className="field-label">
            {t('setup.name')} <span className="req">*</span>
          </span>
          <input
            data-testid="setup-name"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setErrors(({ name: _gone, ...rest }) => rest);
            }}
            placeholder={t('setup.namePlaceholder')}
            disabled={busy || initialized !== null}
            aria-invalid={!!errors.name}
            aria-describedby={errors.name ? 'setup-error-name' : undefined}
            autoFocus
            maxLength={50}
          />
          <FieldError field="name" message={errors.name} prefix="setup-error" />
        </label>

        <label className="field">
          <span className="field-label">
            {t('setup.code')} <span className="req">*</span>
          </span>
          <input
            data-testid="setup-code"
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setErrors(({ code: _gone, ...rest }) => rest);
            }}
            placeholder={t('setup.codePlaceholder')}
            inputMode="numeric"
            disabled={busy || initialized !== null}
            aria-invalid={!!errors.code}
            aria-describedby={errors.code ? 'setup-error-code' : 'setup-code-hint'}
            maxLength={20}
          />
          {!errors.code && (
            <span className="field-hint" id="setup-code-hint">
              {t('setup.codeHint')}
            </span>
          )}
          <FieldError field="code" message={errors.code} prefix="setup-error" />
        </label>

        {needsAdmin && <AdminFields draft={admin} onChange={setAdmin} errors={errors} disabled={busy || adminCreated} />}

        <label className="check">
          <input type="checkbox" data-testid="setup-demo" checked={withDemo} onChange={(e) => setWithDemo(e.target.checked)} disabled={busy} />
          <span>{t('setup.demo')}</span>
        </label>

        {failure && (
          <div className="alert error" role="alert" data-testid="setup-error">
            {t('setup.failed', { message: failure })}
          </div>
        )}

        {busy ? (
          <div className="busy" role="status" data-testid="setup-busy">
            <span className="spinner" aria-hidden="true" />
            <span>{phase === 'demo' ? t('setup.busyDemo') : t('setup.busySetup')}</span>
            <div className="progress indeterminate" aria-hidden="true">
              <div />
            </div>
          </div>
        ) : (
          <div className="setup-actions">
            {initialized && (
              <button type="button" className="btn" data-testid="setup-continue" onClick={() => onDone(initialized)}>
                {t('setup.continueWithout')}
              </button>
            )}
            <button type="submit" className="btn primary" data-testid="setup-submit">
              {t('setup.submit')}
            </button>
          </div>
        )}
      </form>
    </div>
  );
}
