// One small dialog for the member-life actions (转正, 转出, 登记回执, 登记失联 …): a few fields, the
// archive's Chinese message under the field it names, nothing typed lost on an error.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, messageOf } from '../../api';
import { normalizeDateText } from '../../lib/dates';
import { FieldError } from '../FieldError';

export interface ActionField {
  key: string;
  label: string;
  type: 'date' | 'text' | 'number' | 'select' | 'textarea';
  options?: { value: string; label: string }[];
  required?: boolean;
  initial?: string;
  /** Fields with the same row are laid out side by side (the vote numbers). */
  row?: string;
}

interface Props {
  title: string;
  testId: string;
  fields: ActionField[];
  submitLabel: string;
  danger?: boolean;
  intro?: ReactNode;
  onSubmit: (values: Record<string, string>) => Promise<void>;
  onClose: () => void;
}

export function ActionDialog({ title, testId, fields, submitLabel, danger, intro, onSubmit, onClose }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.key, f.initial ?? ''])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      await onSubmit(values);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiCallError && err.issues.length) {
        const byField = err.byField();
        const known = new Set(fields.map((f) => f.key));
        setErrors(byField);
        const other = Object.entries(byField).filter(([k]) => !known.has(k));
        if (other.length) setFailure(other.map(([, m]) => m).join(';'));
      } else setFailure(messageOf(err));
    }
  }

  const set = (key: string, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const rows = new Map<string, ActionField[]>();
  for (const f of fields) if (f.row) rows.set(f.row, [...(rows.get(f.row) ?? []), f]);
  const fieldNode = (f: ActionField) => {
    const id = `${testId}-${f.key}`;
    const common = { id, 'data-testid': id, value: values[f.key], disabled: busy, 'aria-invalid': !!errors[f.key] };
    return (
      <div className="field" key={f.key}>
        <label className="field-label" htmlFor={id}>
          {f.label}
          {f.required && <span className="req">*</span>}
        </label>
        {f.type === 'select' ? (
          <select {...common} onChange={(e) => set(f.key, e.target.value)}>
            <option value="">{t('common.select')}</option>
            {f.options?.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : f.type === 'textarea' ? (
          <textarea {...common} rows={2} maxLength={500} onChange={(e) => set(f.key, e.target.value)} />
        ) : (
          <input
            {...common}
            inputMode={f.type === 'number' ? 'numeric' : undefined}
            placeholder={f.type === 'date' ? t('common.datePlaceholder') : undefined}
            maxLength={f.type === 'number' ? 6 : 300}
            onChange={(e) => set(f.key, e.target.value)}
            onBlur={f.type === 'date' ? () => set(f.key, normalizeDateText(values[f.key])) : undefined}
          />
        )}
        <FieldError field={f.key} message={errors[f.key]} prefix={`${testId}-error`} />
      </div>
    );
  };

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
      <form className="modal life-modal" role="dialog" aria-modal="true" aria-label={title} onSubmit={submit} noValidate data-testid={testId}>
        <h2>{title}</h2>
        {intro}
        {fields.map((f) => {
          if (!f.row) return fieldNode(f);
          const group = rows.get(f.row)!;
          if (group[0] !== f) return null;
          return (
            <div key={`row-${f.row}`} className="field-row">
              {group.map(fieldNode)}
            </div>
          );
        })}
        {failure && (
          <div className="alert error" role="alert" data-testid={`${testId}-failure`}>
            {failure}
          </div>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose} disabled={busy} data-testid={`${testId}-cancel`}>
            {t('common.cancel')}
          </button>
          <button type="submit" className={`btn ${danger ? 'danger' : 'primary'}`} disabled={busy} data-testid={`${testId}-submit`}>
            {submitLabel}
          </button>
        </div>
      </form>
    </div>
  );
}

/** Empty text → null; numbers parsed (NaN kept as NaN so the archive names the field). */
export const textOrNull = (v: string | undefined) => (v == null || v.trim() === '' ? null : v.trim());
export const num = (v: string | undefined) => (v == null || v.trim() === '' ? Number.NaN : Number(v.trim()));
