// 出党: the member leaves the roll with a coded reason (死亡, 组织关系转出, 停止党籍 …), a date and a
// note. Nothing is deleted; the record moves to 已出党 with its history.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError, messageOf, type MemberRecordDto } from '../api';
import { codeItems } from '../lib/codes';
import { normalizeDateText, todayLocal } from '../lib/dates';
import { FieldError } from './FieldError';

interface Props {
  member: { id: string; name: string };
  onClose: () => void;
  onDone: (record: MemberRecordDto) => void;
}

export function ExitDialog({ member, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(todayLocal());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const record = await api.exitMember({ id: member.id, reason, date: normalizeDateText(date), note: note.trim() || null });
      onDone(record);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiCallError && err.issues.length) setErrors(err.byField());
      else setFailure(messageOf(err));
    }
  }

  return (
    <div
      className="modal-backdrop"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="exit-title" onSubmit={submit} noValidate data-testid="exit-dialog">
        <h2 id="exit-title">{t('exit.title', { name: member.name })}</h2>
        <p className="alert warn">{t('exit.warn')}</p>
        <div className="field">
          <label className="field-label" htmlFor="exit-reason">
            {t('exit.reason')} <span className="req">*</span>
          </label>
          <select
            id="exit-reason"
            data-testid="exit-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            disabled={busy}
            aria-invalid={!!errors.reason}
            autoFocus
          >
            <option value="">{t('common.select')}</option>
            {codeItems('exitReason').map((c) => (
              <option key={c.code} value={c.code}>
                {i18n.language.startsWith('en') ? c.en : c.zh}
              </option>
            ))}
          </select>
          <FieldError field="reason" message={errors.reason} prefix="exit-error" />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="exit-date">
            {t('exit.date')} <span className="req">*</span>
          </label>
          <input
            id="exit-date"
            data-testid="exit-date"
            value={date}
            placeholder={t('common.datePlaceholder')}
            onChange={(e) => setDate(e.target.value)}
            onBlur={() => setDate(normalizeDateText(date))}
            disabled={busy}
            aria-invalid={!!errors.date}
            maxLength={20}
          />
          <FieldError field="date" message={errors.date} prefix="exit-error" />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="exit-note">
            {t('exit.note')}
          </label>
          <textarea
            id="exit-note"
            data-testid="exit-note"
            value={note}
            rows={2}
            maxLength={2000}
            placeholder={t('exit.notePlaceholder')}
            onChange={(e) => setNote(e.target.value)}
            disabled={busy}
          />
          <FieldError field="note" message={errors.note} prefix="exit-error" />
        </div>
        {failure && (
          <div className="alert error" role="alert" data-testid="exit-failure">
            {failure}
          </div>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose} disabled={busy} data-testid="exit-cancel">
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn danger" disabled={busy} data-testid="exit-confirm">
            {busy ? t('exit.busy') : t('exit.confirm')}
          </button>
        </div>
      </form>
    </div>
  );
}
