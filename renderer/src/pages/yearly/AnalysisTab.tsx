// 半年一分析 of one branch: one note per member for the half-year, typed in one grid and saved in one call;
// the list (analysed and not yet) prints on A4.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, messageOf, type CallOutput } from '../../api';
import { PrintPreview, type PrintDocument } from '../../components/PrintPreview';
import { useCall } from '../../lib/useCall';

type Sheet = CallOutput<'analysisGrid'>;

export function AnalysisTab({ orgId, year, today }: { orgId: string; year: number; today: string }) {
  const { t } = useTranslation();
  // The half-year now (in the current year), the second half for a past year.
  const [half, setHalf] = useState<'H1' | 'H2'>(year === Number(today.slice(0, 4)) && Number(today.slice(5, 7)) <= 6 ? 'H1' : 'H2');
  const period = `${year}${half}`;
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [printing, setPrinting] = useState<(() => Promise<PrintDocument>) | null>(null);
  const { value: sheet, reload } = useCall('analysisGrid', { orgId, period }, { onError: (text) => setMessage({ kind: 'error', text }) });
  const save = async () => {
    try {
      const rows = Object.entries(edits).map(([memberId, note]) => ({ memberId, note }));
      const r = await call('saveAnalyses', { orgId, period, rows });
      setEdits({});
      setMessage({ kind: 'info', text: r.saved ? t('yearly.saved', { n: r.saved }) : t('yearly.nothingChanged') });
      void reload();
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  };
  const rows: Sheet['rows'] = sheet?.rows ?? [];
  return (
    <div data-testid="analysis-tab">
      <div className="toolbar">
        <div className="chips">
          {(['H1', 'H2'] as const).map((h) => (
            <button key={h} type="button" className={`chip small${half === h ? ' active' : ''}`} data-testid={`analysis-${h}`} onClick={() => { setHalf(h); setEdits({}); }}>
              {t(`yearly.half.${h}`)}
            </button>
          ))}
        </div>
        {sheet && <span className="muted small" data-testid="analysis-figures">{t('yearly.analysisFigures', { total: sheet.rows.length, done: sheet.analysed })}</span>}
      </div>
      <p className="muted small">{t('yearly.analysisHint')}</p>
      {message && <div className={`alert ${message.kind}`} data-testid="analysis-message">{message.text}</div>}
      <div className="table-scroll">
        <table className="plain-table" data-testid="analysis-grid">
          <thead><tr><th style={{ width: 110 }}>{t('reminders.name')}</th><th style={{ width: 90 }}>{t('yearly.category')}</th><th>{t('yearly.analysisNote')}</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.memberId}>
                <td>{r.name}</td>
                <td>{r.category === 'probationary' ? t('yearly.probationary') : t('yearly.formal')}</td>
                <td>
                  <input className="note-input" value={edits[r.memberId] ?? r.note ?? ''} data-testid={`analysis-note-${r.memberId}`} placeholder={t('yearly.analysisPlaceholder')} onChange={(e) => setEdits({ ...edits, [r.memberId]: e.target.value })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="form-actions left">
        <button type="button" className="btn primary" data-testid="analysis-save" disabled={!Object.keys(edits).length} onClick={() => void save()}>{t('form.save')}</button>
        <button type="button" className="btn" data-testid="analysis-print" onClick={() => setPrinting(() => () => call('printAnalyses', { orgId, period }))}>{t('yearly.printList')}</button>
      </div>
      {printing && <PrintPreview load={printing} onClose={() => setPrinting(null)} />}
    </div>
  );
}
