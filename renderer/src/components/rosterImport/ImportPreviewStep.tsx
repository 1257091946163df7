// Step 2 of 导入花名册: the first rows exactly as the archive would store them (dates read, codes turned
// into their names, ID numbers corrected), each marked 新增 / 已在档案 / 有错误.
import { useTranslation } from 'react-i18next';
import type { RosterAnalysis } from './types';

export function ImportPreviewStep({ analysis }: { analysis: RosterAnalysis }) {
  const { t } = useTranslation();
  const shown = analysis.fields.filter((f) => f.field !== 'orgName' && analysis.preview.some((r) => r.values[f.field]));
  const manySheets = analysis.sheets.length > 1;
  return (
    <div className="rimport-step" data-testid="import-preview">
      <p className="muted">{t('rosterImport.previewHint', { count: analysis.preview.length, total: analysis.counts.rows })}</p>
      <div className="rimport-scroll">
        <table className="plain-table rimport-preview">
          <thead>
            <tr>
              {manySheets && <th>{t('rosterImport.sheetColumn')}</th>}
              <th>{t('rosterImport.rowNumber')}</th>
              <th>{t('rosterImport.state')}</th>
              <th>{t('rosterImport.branch')}</th>
              {shown.map((f) => (
                <th key={f.field}>{f.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {analysis.preview.map((r) => (
              <tr key={`${r.sheet}:${r.rowNumber}`} className={`rimport-${r.kind}`} data-testid="import-preview-row">
                {manySheets && <td>{r.sheet}</td>}
                <td>{r.rowNumber}</td>
                <td>
                  <span className={`tag ${r.kind === 'error' ? 'red' : r.kind === 'existing' ? 'orange' : 'blue'}`}>{t(`rosterImport.kind.${r.kind}`)}</span>
                </td>
                <td>{r.orgName}</td>
                {shown.map((f) => (
                  <td key={f.field} className={f.field === 'idNumber' ? 'rimport-mono' : undefined}>
                    {r.values[f.field] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

interface ProblemsProps {
  analysis: RosterAnalysis;
  exporting: boolean;
  onExportErrors: () => void;
}

/** Step 3: every problem, one line each (行号, 字段, 值, 问题); the rows with errors are not imported. */
export function ImportProblemsStep({ analysis, exporting, onExportErrors }: ProblemsProps) {
  const { t } = useTranslation();
  const manySheets = analysis.sheets.length > 1;
  if (analysis.problemTotal === 0) {
    return (
      <div className="rimport-step" data-testid="import-problems">
        <p className="rimport-ok">{t('rosterImport.noProblems')}</p>
      </div>
    );
  }
  return (
    <div className="rimport-step" data-testid="import-problems">
      <div className="rimport-row">
        <p data-testid="import-problem-summary">{t('rosterImport.problemSummary', { problems: analysis.problemTotal, rows: analysis.counts.errors })}</p>
        <button type="button" className="btn" data-testid="import-export-errors" disabled={exporting} onClick={onExportErrors}>
          {exporting ? t('rosterImport.exporting') : t('rosterImport.exportErrors')}
        </button>
      </div>
      {analysis.problemTotal > analysis.problems.length && <p className="muted small">{t('rosterImport.problemsCut', { count: analysis.problems.length })}</p>}
      <div className="rimport-scroll">
        <table className="plain-table rimport-problems">
          <thead>
            <tr>
              {manySheets && <th>{t('rosterImport.sheetColumn')}</th>}
              <th>{t('rosterImport.rowNumber')}</th>
              <th>{t('rosterImport.name')}</th>
              <th>{t('rosterImport.field')}</th>
              <th>{t('rosterImport.value')}</th>
              <th>{t('rosterImport.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {analysis.problems.map((p, i) => (
              <tr key={i} data-testid="import-problem">
                {manySheets && <td>{p.sheet}</td>}
                <td>{p.rowNumber}</td>
                <td>{p.name}</td>
                <td>{p.label}</td>
                <td className="rimport-mono">{p.value}</td>
                <td className="rimport-message">{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t('rosterImport.errorsHint')}</p>
    </div>
  );
}
