// The fields of a member record, grouped as the national card: 基本信息 with the 16 items of the
// 党员基本信息采集表 (流动 and 失联 with their 外出流向 and 失去联系日期), 其他信息 with the card's other items,
// then what only this archive keeps. 学历 and 工作岗位 offer the national leaves; a record holding only a
// coarse value shows it as 待细化 until a leaf is picked. Each field has data-testid="field-<name>" and
// its problem, when there is one, data-testid="error-<name>" right under it.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgNodeDto } from '../api';
import { codeItems, labelOf, type CodeListName } from '../lib/codes';
import { todayLocal } from '../lib/dates';
import { educationLevels, jobPosts, partyAgeYears, type LeafGroup } from '../lib/nationalCard';
import { FieldError } from './FieldError';
import type { FlagField, MemberField, MemberFormValues, TextField } from './memberFormValues';

interface Props {
  values: MemberFormValues;
  /** The record as stored: its 党籍 state (停止党籍 is an exit of its own kind). */
  exitReason?: string | null;
  errors: Record<string, string>;
  orgs: OrgNodeDto[];
  disabled: boolean;
  onChange: <K extends MemberField>(field: K, value: MemberFormValues[K]) => void;
  onBlur: (field: MemberField) => void;
}

const BRANCH_TYPES = new Set(['branch', 'joint_branch']);

export function MemberFields({ values, errors, orgs, disabled, exitReason, onChange, onBlur }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const [postSearch, setPostSearch] = useState('');

  const frame = (field: MemberField, control: ReactNode, options: { required?: boolean; wide?: boolean; hint?: string; warn?: string; error?: string } = {}) => {
    const error = options.error ?? errors[field];
    return (
      <div className={`field${options.wide ? ' wide' : ''}${error ? ' has-error' : ''}`}>
        <label className="field-label" htmlFor={`member-${field}`}>
          {t(`fields.${field}`)}
          {options.required && (
            <span className="req" title={t('form.required')}>
              *
            </span>
          )}
        </label>
        {control}
        {options.warn && !error && (
          <span className="field-hint refine" data-testid={`refine-${field}`}>
            {options.warn}
          </span>
        )}
        {options.hint && !options.warn && !error && <span className="field-hint">{options.hint}</span>}
        <FieldError field={field} message={error} />
      </div>
    );
  };

  const common = (field: MemberField, error = errors[field]) => ({
    id: `member-${field}`,
    name: field,
    'data-testid': `field-${field}`,
    disabled,
    'aria-invalid': !!error,
    'aria-describedby': error ? `error-${field}` : undefined,
    onBlur: () => onBlur(field),
  });

  const text = (field: TextField, options: { required?: boolean; wide?: boolean; hint?: string; max?: number; placeholder?: string; inputMode?: 'numeric' } = {}) =>
    frame(
      field,
      <input
        {...common(field)}
        type="text"
        value={values[field]}
        maxLength={options.max ?? 200}
        placeholder={options.placeholder}
        inputMode={options.inputMode}
        autoComplete="off"
        onChange={(e) => onChange(field, e.target.value)}
      />,
      options,
    );

  const date = (field: TextField, required = false) => text(field, { required, max: 20, placeholder: t('common.datePlaceholder') });

  const coded = (field: TextField, list: CodeListName, required = true) =>
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

  const check = (field: FlagField) => (
    <label className={`check field-check${errors[field] ? ' has-error' : ''}`}>
      <input {...common(field)} type="checkbox" checked={values[field]} onChange={(e) => onChange(field, e.target.checked)} />
      <span>{t(`fields.${field}`)}</span>
    </label>
  );

  const readOnly = (key: string, value: string) => (
    <div className="field">
      <span className="field-label">{t(`fields.${key}`)}</span>
      <output className="field-static" data-testid={`field-${key}`}>
        {value || '—'}
      </output>
    </div>
  );

  // 学历 / 工作岗位: the national leaves under their group. The empty choice names what an older record holds
  // (待细化 高中) or that the source said nothing (未填写); its problem is the coarse field's (请选择学历).
  const leafPicker = (
    field: 'educationLevel' | 'jobPost',
    coarseField: 'education' | 'occupation',
    groups: LeafGroup[],
    options: { wide?: boolean; search?: string } = {},
  ) => {
    const coarse = values[field] ? '' : values[coarseField] === '0' ? '' : values[coarseField];
    const coarseLabel = coarse ? labelOf(coarseField, coarse, i18n.language) : '';
    const empty = coarse ? t('form.toRefine', { value: coarseLabel }) : values[coarseField] === '0' ? t('form.notFilled') : t('common.select');
    const error = errors[field] ?? errors[coarseField];
    const q = (options.search ?? '').trim().toLowerCase();
    const shown = groups
      .map((g) => ({ ...g, leaves: g.leaves.filter((l) => !q || l.code === values[field] || l.zh.includes(q) || l.en.toLowerCase().includes(q)) }))
      .filter((g) => g.leaves.length);
    const select = (
      <select {...common(field, error)} value={values[field]} onChange={(e) => onChange(field, e.target.value)}>
        <option value="">{empty}</option>
        {shown.map((g) => (
          <optgroup key={g.code} label={g.label}>
            {g.leaves.map((l) => (
              <option key={l.code} value={l.code}>
                {en ? l.en : l.zh}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    );
    const control =
      options.search === undefined ? (
        select
      ) : (
        <div className="leaf-picker">
          <input
            type="search"
            className="leaf-search"
            value={options.search}
            placeholder={t('form.searchJobPost')}
            aria-label={t('form.searchJobPost')}
            data-testid={`search-${field}`}
            disabled={disabled}
            onChange={(e) => setPostSearch(e.target.value)}
          />
          {select}
          {q && <span className="muted small">{t('form.searchMatches', { count: shown.reduce((n, g) => n + g.leaves.length, 0) })}</span>}
        </div>
      );
    return frame(field, control, { required: true, wide: options.wide, error, warn: coarse ? t('form.refineHint', { value: coarseLabel }) : undefined });
  };

  // 所在党支部: only branches and joint branches hold members; grouped under their parent organization.
  const nameOf = new Map(orgs.map((o) => [o.id, o.shortName || o.name]));
  const branches = orgs.filter((o) => BRANCH_TYPES.has(o.type) && (o.status === 'active' || o.id === values.orgId));
  const groups = new Map<string, OrgNodeDto[]>();
  for (const b of branches) {
    const parent = (b.parentId && nameOf.get(b.parentId)) || '';
    groups.set(parent, [...(groups.get(parent) ?? []), b]);
  }
  const adjust = /^-?\d+$/.test(values.partyAgeAdjustMonths.trim()) ? Number(values.partyAgeAdjustMonths.trim()) : null;
  const partyAge = partyAgeYears(values.category, values.fullDate, adjust, todayLocal());

  return (
    <div className="member-fields">
      <fieldset className="form-section">
        <legend>{t('form.sectionCore')}</legend>
        <div className="form-grid">
          {text('name', { required: true, max: 60 })}
          {coded('gender', 'gender')}
          {coded('ethnicity', 'ethnicity')}
          {text('idNumber', { required: true, max: 40, hint: t('form.idHint') })}
          {date('birthDate', true)}
          {leafPicker('educationLevel', 'education', educationLevels(i18n.language))}
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
          {leafPicker('jobPost', 'occupation', jobPosts(i18n.language), { wide: true, search: postSearch })}
          {text('phone', { max: 30 })}
          {readOnly('standing', exitReason === 'suspended' ? t('form.standingSuspended') : t('form.standingNormal'))}
          {text('address', { wide: true, max: 200 })}
          <div className="field checks wide">
            {check('isLost')}
            {check('isMobile')}
            <FieldError field="isMobile" message={errors.isMobile} />
            <FieldError field="isLost" message={errors.isLost} />
          </div>
          {values.isLost && (
            <>
              {coded('lostReason', 'lostReason')}
              {date('lostDate', true)}
              {text('lostMonth', { max: 7, placeholder: 'YYYY-MM', hint: t('form.lostMonthHint') })}
              <div className="field-spacer" />
            </>
          )}
          {values.isMobile && (
            <>
              {text('mobileProvince', { max: 40 })}
              {text('mobileCity', { max: 40 })}
              {text('mobileCounty', { max: 40 })}
            </>
          )}
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('form.sectionNational')}</legend>
        <div className="form-grid">
          {coded('degree', 'degree', false)}
          {coded('newSocialStratum', 'newSocialStratum', false)}
          {text('professionalTitle', { max: 60 })}
          <div className="field checks">{check('isMigrantWorker')}</div>
          {text('currentResidence', { wide: true, max: 200 })}
          {text('householdPlace', { wide: true, max: 200 })}
          {readOnly('partyAge', partyAge === null ? '' : t('form.partyAgeYears', { count: partyAge }))}
          {text('partyAgeAdjustMonths', { max: 5, inputMode: 'numeric', hint: t('form.monthsHint') })}
          {coded('joinType', 'joinType', false)}
          {coded('fullStatus', 'fullStatus', false)}
          {text('joinBranch', { max: 100 })}
          {text('probationExtensionMonths', { max: 2, inputMode: 'numeric' })}
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('form.sectionExtended')}</legend>
        <div className="form-grid">
          {text('jobTitle', { max: 100 })}
          {text('nativePlace', { max: 100 })}
          {date('workStartDate')}
          {text('workUnit', { max: 200 })}
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
