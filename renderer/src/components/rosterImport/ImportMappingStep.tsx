// Step 1 of 导入花名册: the header row found on each sheet and what each column fills. The service has
// already matched headers by name and synonym; the clerk corrects any column with its select, and the
// file is analysed again with the correction.
import { useTranslation } from 'react-i18next';
import { codeItems, type CodeListName } from '../../lib/codes';
import { columnLetter, type DefaultField, type ImportDefaults, type RosterAnalysis, type RosterField } from './types';

/** Fields a roster often lacks as a column; the clerk then gives one value for every row. */
const DEFAULTABLE: { field: DefaultField; list: CodeListName; fallback?: string }[] = [
  { field: 'ethnicity', list: 'ethnicity', fallback: '01' },
  { field: 'education', list: 'education' },
  { field: 'occupation', list: 'occupation', fallback: '0' }, // 未填写 unless the clerk picks one
];

interface Props {
  analysis: RosterAnalysis;
  disabled: boolean;
  defaults: ImportDefaults;
  onMap: (header: string, field: RosterField | null) => void;
  onDefault: (field: DefaultField, code: string) => void;
}

export function ImportMappingStep({ analysis, disabled, defaults, onMap, onDefault }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const mapped = new Set(analysis.sheets.flatMap((s) => s.columns.map((c) => c.field)));
  const missing = DEFAULTABLE.filter((d) => !mapped.has(d.field));
  return (
    <div className="rimport-step" data-testid="import-mapping">
      <p className="muted">{t('rosterImport.mappingHint')}</p>
      {missing.length > 0 && (
        <section className="rimport-defaults" data-testid="import-defaults">
          <h3>{t('rosterImport.defaultsHeading')}</h3>
          <p className="muted small">{t('rosterImport.defaultsHint')}</p>
          {missing.map((d) => (
            <label key={d.field} className="rimport-default">
              <span>{analysis.fields.find((f) => f.field === d.field)?.label}</span>
              <select data-testid={`import-default-${d.field}`} value={defaults[d.field] ?? d.fallback ?? ''} disabled={disabled} onChange={(e) => onDefault(d.field, e.target.value)}>
                {!d.fallback && <option value="">{t('common.select')}</option>}
                {codeItems(d.list).map((c) => (
                  <option key={c.code} value={c.code}>
                    {en ? c.en : c.zh}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </section>
      )}
      {analysis.sheets.map((sheet, s) => (
        <section key={sheet.name} className="rimport-sheet" data-testid={`import-sheet-${s}`}>
          <h3>
            {t('rosterImport.sheet', { name: sheet.name })}
            {sheet.headerRow === null ? (
              <span className="badge warn">{t('rosterImport.noHeader')}</span>
            ) : (
              <span className="badge" data-testid={`import-header-row-${s}`}>
                {t('rosterImport.headerRow', { row: sheet.headerRow, rows: sheet.rows })}
              </span>
            )}
          </h3>
          {sheet.title && <p className="muted small">{t('rosterImport.title', { title: sheet.title })}</p>}
          {sheet.branchFromSheet && <p className="muted small">{t('rosterImport.branchFromSheet', { name: sheet.branchFromSheet })}</p>}
          {sheet.headerRow !== null && (
            <table className="plain-table rimport-mapping">
              <thead>
                <tr>
                  <th>{t('rosterImport.column')}</th>
                  <th>{t('rosterImport.header')}</th>
                  <th>{t('rosterImport.field')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {sheet.columns.map((c) => (
                  <tr key={c.index} className={c.field ? '' : 'rimport-unmapped'}>
                    <td className="rimport-letter">{columnLetter(c.index)}</td>
                    <td>{c.header}</td>
                    <td>
                      <select
                        data-testid={`map-${s}-${c.index}`}
                        aria-label={t('rosterImport.fieldFor', { header: c.header })}
                        value={c.field ?? ''}
                        disabled={disabled}
                        onChange={(e) => onMap(c.header, (e.target.value || null) as RosterField | null)}
                      >
                        <option value="">{t('rosterImport.ignore')}</option>
                        {analysis.fields.map((f) => (
                          <option key={f.field} value={f.field}>
                            {f.label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="muted small">{c.field ? (c.auto ? t('rosterImport.auto') : t('rosterImport.manual')) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  );
}
