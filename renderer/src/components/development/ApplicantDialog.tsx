// 新增入党申请人 from the 发展党员 board: the person's facts as the application gives them, the branch, the
// day the 入党申请书 was handed in. A valid ID number fills in 出生日期 and 性别; the archive checks every
// rule again (年满18周岁 on the application day …) and its message stands under the field it concerns.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, call, messageOf } from '../../api';
import { codeItems, type CodeListName } from '../../lib/codes';
import { factsFromIdNumber } from '../../lib/idNumber';
import { normalizeDateText, todayLocal } from '../../lib/dates';
import { useCall } from '../../lib/useCall';
import { FieldError } from '../FieldError';

interface Props {
  onClose: () => void;
  onCreated: (personId: string) => void;
}

const MEMBER_HOLDING = new Set(['branch', 'joint_branch']);

export function ApplicantDialog({ onClose, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const [v, setV] = useState({ name: '', idNumber: '', gender: '', birthDate: '', ethnicity: '01', education: '', occupation: '', orgId: '', applicationDate: todayLocal(), phone: '', address: '', note: '' });
  const [withLetter, setWithLetter] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { value: tree } = useCall('orgTree', {});
  const branches = (tree ?? []).filter((o) => MEMBER_HOLDING.has(o.type) && o.status === 'active');
  const set = (key: keyof typeof v, value: string) => setV((old) => ({ ...old, [key]: value }));
  const en = i18n.language.startsWith('en');

  function idTyped(text: string) {
    const facts = factsFromIdNumber(text);
    setV((old) => ({ ...old, idNumber: text, ...(facts ? { birthDate: facts.birthDate, gender: facts.gender } : {}) }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    const date = normalizeDateText(v.applicationDate);
    try {
      const r = await call('createApplicant', {
        ...v, birthDate: normalizeDateText(v.birthDate), applicationDate: date,
        phone: v.phone.trim() || null, address: v.address.trim() || null, note: v.note.trim() || null,
        documents: withLetter ? [{ name: '入党申请书', date }] : [],
      });
      onCreated(r.record.person.id);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiCallError && err.issues.length) {
        const byField = err.byField();
        setErrors(byField);
        const other = Object.entries(byField).filter(([k]) => !(k in v));
        if (other.length) setFailure(other.map(([, m]) => m).join(';'));
      } else setFailure(messageOf(err));
    }
  }

  const text = (key: keyof typeof v, label: string, required = false, onChange = (s: string) => set(key, s)) => (
    <div className="field">
      <label className="field-label" htmlFor={`applicant-${key}`}>
        {label}
        {required && <span className="req">*</span>}
      </label>
      <input id={`applicant-${key}`} data-testid={`applicant-${key}`} value={v[key]} disabled={busy} aria-invalid={!!errors[key]} maxLength={200}
        onChange={(e) => onChange(e.target.value)} onBlur={key.endsWith('Date') ? () => set(key, normalizeDateText(v[key])) : undefined}
        placeholder={key.endsWith('Date') ? t('common.datePlaceholder') : undefined} />
      <FieldError field={key} message={errors[key]} prefix="applicant-error" />
    </div>
  );
  const codes = (key: keyof typeof v, label: string, list: CodeListName) => (
    <div className="field">
      <label className="field-label" htmlFor={`applicant-${key}`}>
        {label}
        <span className="req">*</span>
      </label>
      <select id={`applicant-${key}`} data-testid={`applicant-${key}`} value={v[key]} disabled={busy} aria-invalid={!!errors[key]} onChange={(e) => set(key, e.target.value)}>
        <option value="">{t('common.select')}</option>
        {codeItems(list).map((c) => <option key={c.code} value={c.code}>{en ? c.en : c.zh}</option>)}
      </select>
      <FieldError field={key} message={errors[key]} prefix="applicant-error" />
    </div>
  );

  return (
    <div className="modal-backdrop" onKeyDown={(e) => { if (e.key === 'Escape' && !busy) { e.stopPropagation(); onClose(); } }}>
      <form className="modal applicant-modal" role="dialog" aria-modal="true" aria-labelledby="applicant-title" onSubmit={submit} noValidate data-testid="applicant-dialog">
        <h2 id="applicant-title">{t('development.newApplicant')}</h2>
        <div className="field-row">
          {text('name', t('fields.name'), true)}
          {text('idNumber', t('fields.idNumber'), true, idTyped)}
        </div>
        <div className="field-row">
          {codes('gender', t('fields.gender'), 'gender')}
          {text('birthDate', t('fields.birthDate'), true)}
          {codes('ethnicity', t('fields.ethnicity'), 'ethnicity')}
        </div>
        <div className="field-row">
          {codes('education', t('fields.education'), 'education')}
          {codes('occupation', t('fields.occupation'), 'occupation')}
        </div>
        <div className="field-row">
          <div className="field">
            <label className="field-label" htmlFor="applicant-orgId">
              {t('fields.orgId')}
              <span className="req">*</span>
            </label>
            <select id="applicant-orgId" data-testid="applicant-orgId" value={v.orgId} disabled={busy} aria-invalid={!!errors.orgId} onChange={(e) => set('orgId', e.target.value)}>
              <option value="">{t('common.select')}</option>
              {branches.map((o) => <option key={o.id} value={o.id}>{o.shortName || o.name}</option>)}
            </select>
            <FieldError field="orgId" message={errors.orgId} prefix="applicant-error" />
          </div>
          {text('applicationDate', t('development.applicationDate'), true)}
        </div>
        <div className="field-row">
          {text('phone', t('fields.phone'))}
          {text('address', t('fields.address'))}
        </div>
        <label className="inline">
          <input type="checkbox" checked={withLetter} data-testid="applicant-letter" onChange={(e) => setWithLetter(e.target.checked)} disabled={busy} /> {t('development.withLetter')}
        </label>
        {failure && <div className="alert error" role="alert" data-testid="applicant-failure">{failure}</div>}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose} disabled={busy} data-testid="applicant-cancel">{t('common.cancel')}</button>
          <button type="submit" className="btn primary" disabled={busy} data-testid="applicant-submit">{t('form.save')}</button>
        </div>
      </form>
    </div>
  );
}
