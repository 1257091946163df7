// 更正 or 作废 one step of a person's development, with the reason. The date can be changed on the latest
// step only (it is recorded again, every rule checked); who decided and the note on any step.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, call, messageOf, type CallOutput } from '../../api';
import { normalizeDateText } from '../../lib/dates';
import { FieldError } from '../FieldError';

type Step = CallOutput<'getDevRecord'>['steps'][number];

interface Props {
  step: Step;
  mode: 'correct' | 'void';
  /** The latest standing step: its date can be corrected. */
  latest: boolean;
  onClose: () => void;
  onDone: (warnings: string[]) => void;
}

export function StepCorrectionDialog({ step, mode, latest, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [date, setDate] = useState(step.stepDate);
  const [decidedBy, setDecidedBy] = useState(step.decidedBy ?? '');
  const [note, setNote] = useState(String(step.detail?.note ?? ''));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const datable = latest && !['apply', 'admit', 'approve'].includes(step.kind);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      if (mode === 'void') {
        await call('voidDevStep', { stepId: step.id, reason });
        onDone([]);
      } else {
        const r = await call('correctDevStep', { stepId: step.id, date: datable ? normalizeDateText(date) : null, decidedBy: decidedBy.trim() || null, note: note.trim() || null, reason });
        onDone(r.warnings);
      }
    } catch (err) {
      setBusy(false);
      const byField = err instanceof ApiCallError && err.issues.length ? err.byField() : {};
      if (byField.reason) setErrors({ reason: byField.reason });
      else setFailure(messageOf(err));
    }
  }

  return (
    <div className="modal-backdrop" onKeyDown={(e) => { if (e.key === 'Escape' && !busy) { e.stopPropagation(); onClose(); } }}>
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="step-fix-title" onSubmit={submit} noValidate data-testid="step-fix-dialog">
        <h2 id="step-fix-title">{t(mode === 'void' ? 'development.fix.voidTitle' : 'development.fix.correctTitle', { step: step.label, date: step.stepDate })}</h2>
        <p className="alert warn">{t(mode === 'void' ? 'development.fix.voidHint' : datable ? 'development.fix.correctHint' : 'development.fix.correctEarlierHint')}</p>
        {mode === 'correct' && (
          <>
            {datable && (
              <div className="field">
                <label className="field-label" htmlFor="step-fix-date">{t('development.date')}</label>
                <input id="step-fix-date" data-testid="step-fix-date" value={date} onChange={(e) => setDate(e.target.value)} onBlur={() => setDate(normalizeDateText(date))} disabled={busy} />
              </div>
            )}
            <div className="field">
              <label className="field-label" htmlFor="step-fix-decided">{t('development.decidedBy')}</label>
              <input id="step-fix-decided" data-testid="step-fix-decided" value={decidedBy} onChange={(e) => setDecidedBy(e.target.value)} disabled={busy} maxLength={200} />
            </div>
            <div className="field">
              <label className="field-label" htmlFor="step-fix-note">{t('development.fix.note')}</label>
              <input id="step-fix-note" data-testid="step-fix-note" value={note} onChange={(e) => setNote(e.target.value)} disabled={busy} maxLength={500} />
            </div>
          </>
        )}
        <div className="field">
          <label className="field-label" htmlFor="step-fix-reason">{t('development.fix.reason')} <span className="req">*</span></label>
          <textarea id="step-fix-reason" data-testid="step-fix-reason" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} disabled={busy} aria-invalid={!!errors.reason} autoFocus />
          <FieldError field="reason" message={errors.reason} prefix="step-fix-error" />
        </div>
        {failure && <div className="alert error" role="alert" data-testid="step-fix-failure">{failure}</div>}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose} disabled={busy} data-testid="step-fix-cancel">{t('common.cancel')}</button>
          <button type="submit" className={`btn ${mode === 'void' ? 'danger' : 'primary'}`} disabled={busy} data-testid="step-fix-submit">
            {t(mode === 'void' ? 'development.fix.void' : 'development.fix.correct')}
          </button>
        </div>
      </form>
    </div>
  );
}
