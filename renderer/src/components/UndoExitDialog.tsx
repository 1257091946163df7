// 撤销出党: an exit recorded by mistake is taken back with a reason; the member returns to the roll as
// before, and the history keeps the exit and its undoing.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError, messageOf, type MemberRecordDto } from '../api';
import { labelOf } from '../lib/codes';
import { FieldError } from './FieldError';

interface Props {
  member: { id: string; name: string; exitDate: string | null; exitReason: string | null };
  onClose: () => void;
  onDone: (record: MemberRecordDto) => void;
}

export function UndoExitDialog({ member, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      onDone(await api.undoExit({ id: member.id, reason }));
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
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="undo-exit-title" onSubmit={submit} noValidate data-testid="undo-exit-dialog">
        <h2 id="undo-exit-title">{t('exit.undoTitle', { name: member.name })}</h2>
        <p className="alert warn">{t('exit.undoWarn', { date: member.exitDate ?? '', reason: member.exitReason ? labelOf('exitReason', member.exitReason, i18n.language) : '' })}</p>
        <div className="field">
          <label className="field-label" htmlFor="undo-exit-reason">
            {t('exit.undoReason')} <span className="req">*</span>
          </label>
          <textarea
            id="undo-exit-reason"
            data-testid="undo-exit-reason"
            value={reason}
            rows={2}
            maxLength={500}
            placeholder={t('exit.undoReasonPlaceholder')}
            onChange={(e) => {
              setReason(e.target.value);
              if (errors.reason) setErrors({});
            }}
            disabled={busy}
            aria-invalid={!!errors.reason}
            autoFocus
          />
          <FieldError field="reason" message={errors.reason} prefix="undo-exit-error" />
        </div>
        {failure && (
          <div className="alert error" role="alert" data-testid="undo-exit-failure">
            {failure}
          </div>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose} disabled={busy} data-testid="undo-exit-cancel">
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn danger" disabled={busy} data-testid="undo-exit-confirm">
            {busy ? t('exit.undoBusy') : t('exit.undoConfirm')}
          </button>
        </div>
      </form>
    </div>
  );
}
