// The fields of a member record, laid out as the paper 党员信息采集表: core fields first, then status
// (流动 / 失联), then the extended ones. Each field has data-testid="field-<name>" and its problem,
// when there is one, data-testid="error-<name>" right under it.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgNodeDto } from '../api';
import { codeItems, type CodeListName } from '../lib/codes';
import { FieldError } from './FieldError';
import type { MemberField, MemberFormValues } from './memberFormValues';

interface Props {
  values: MemberFormValues;
  errors: Record<string, string>;
  orgs: OrgNodeDto[];
  disabled: boolean;
  onChange: <K extends MemberField>(field: K, value: MemberFormValues[K]) => void;
  onBlur: (field: MemberField) => void;
}

const BRANCH_TYPES = new Set(['branch', 'joint_branch']);

export function MemberFields({ values, errors, orgs, disabled, onChange, onBlur }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');

  const frame = (field: MemberField, control: ReactNode, options: { required?: boolean; wide?: boolean; hint?: string } = {}) => (
    <div className={`field${options.wide ? ' wide' : ''}${errors[field] ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={`member-${field}`}>
        {t(`fields.${field}`)}
        {options.required && (
          <span className="req" title={t('form.required')}>
            *
          </span>
        )}
      </label>
      {control}
      {options.hint && !errors[field] && <span className="field-hint">{options.hint}</span>}
      <FieldError field={field} message={errors[field]} />
    </div>
  );

  const common = (field: MemberField) => ({
    id: `member-${field}`,
    name: field,
    'data-testid': `field-${field}`,
    disabled,
    'aria-invalid': !!errors[field],
    'aria-describedby': errors[field] ? `error-${field}` : undefined,
    onBlur: () => onBlur(field),
  });

  const text = (field: Exclude<MemberField, 'isMobile' | 'isLost'>, options: { required?: boolean; wide?: boolean; hint?: string; max?: number; placeholder?: string } = {}) =>
    frame(
      field,
      <input
        {...common(field)}
        type="text"
        value={values[field]}
        maxLength={options.max ?? 200}
        placeholder={options.placeholder}
        autoComplete="off"
        onChange={(e) => onChange(field, e.target.value)}
      />,
      options,
    );

  const date = (field: Exclude<MemberField, 'isMobile' | 'isLost'>, required = false) =>
    text(field, { required, max: 20, placeholder: t('common.datePlaceholder') });

  const coded = (field: Exclude<MemberField, 'isMobile' | 'isLost'>, list: CodeListName, required = true) =>
    frame(
      field,
      <select {...common(field)} value={values[field]} onChange={(e) => onChange(field, e.target.value)}>
        <option value="">{t('common.select')}</option>
        {codeItems(list).map((c) => (
          <option key={c.code} value={c.code}>
            {en ? c.en : c.zh}
          </option>
        ))}
      </select>,
      { required },
    );

  const check = (field: 'isMobile' | 'isLost') => (
    <label className={`check field-check${errors[field] ? ' has-error' : ''}`}>
      <input
        {...common(field)}
        type="checkbox"
        checked={values[field]}
        onChange={(e) => onChange(field, e.target.checked)}
      />
      <span>{t(`fields.${field}`)}</span>
    </label>
  );

  // 所在党支部: only branches and joint branches hold members; grouped under their parent organization.
  const nameOf = new Map(orgs.map((o) => [o.id, o.shortName || o.name]));
  const branches = orgs.filter((o) => BRANCH_TYPES.has(o.type) && (o.status === 'active' || o.id === values.orgId));
  const groups = new Map<string, OrgNodeDto[]>();
  for (const b of branches) {
    const parent = (b.parentId && nameOf.get(b.parentId)) || '';
    groups.set(parent, [...(groups.get(parent) ?? []), b]);
  }

  return (
    <div className="member-fields">
      <fieldset className="form-section">
        <legend>{t('form.sectionCore')}</legend>
        <div className="form-grid">
          {text('name', { required: true, max: 60 })}
          {text('idNumber', { required: true, max: 40, hint: t('form.idHint') })}
          {coded('gender', 'gender')}
          {date('birthDate', true)}
          {coded('ethnicity', 'ethnicity')}
          {coded('education', 'education')}
          {coded('category', 'memberCategory')}
          {frame(
            'orgId',
            <select {...common('orgId')} value={values.orgId} onChange={(e) => onChange('orgId', e.target.value)}>
              <option value="">{branches.length ? t('common.select') : t('form.noBranches')}</option>
              {[...groups.entries()].map(([parent, list]) => (
                <optgroup key={parent} label={parent || '—'}>
                  {list.map((b) => (
                    <option key={b.id} value={b.id} title={b.name}>
                      {b.shortName || b.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>,
            { required: true },
          )}
          {date('joinDate', true)}
          {date('fullDate')}
          {coded('occupation', 'occupation')}
          {text('jobTitle', { max: 100 })}
          {text('phone', { max: 30 })}
          {text('address', { wide: true, max: 200 })}
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('form.sectionStatus')}</legend>
        <div className="form-grid">
          <div className="field checks">
            {check('isMobile')}
            {check('isLost')}
            <FieldError field="isMobile" message={errors.isMobile} />
            <FieldError field="isLost" message={errors.isLost} />
          </div>
          <div className="field-spacer" />
          {values.isLost && (
            <>
              {coded('lostReason', 'lostReason')}
              {date('lostDate', true)}
            </>
          )}
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('form.sectionExtended')}</legend>
        <div className="form-grid">
          {text('nativePlace', { max: 100 })}
          {coded('degree', 'degree', false)}
          {date('workStartDate')}
          {text('workUnit', { max: 200 })}
          {text('householdPlace', { wide: true, max: 200 })}
          {frame(
            'remarks',
            <textarea {...common('remarks')} value={values.remarks} rows={3} maxLength={2000} onChange={(e) => onChange('remarks', e.target.value)} />,
            { wide: true },
          )}
        </div>
      </fieldset>
    </div>
  );
}
