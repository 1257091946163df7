// 三年一登记 of one branch: one outcome per member for the registration year (the outcomes are the rule
// table's), the branch's summary above the grid, saved in one call; the list prints on A4 by outcome.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, messageOf } from '../../api';
import { PrintPreview, type PrintDocument } from '../../components/PrintPreview';
import { useCall } from '../../lib/useCall';

export function RegistrationTab({ orgId, year, today }: { orgId: string; year: number; today: string }) {
  const { t } = useTranslation();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [date, setDate] = useState(today);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [printing, setPrinting] = useState<(() => Promise<PrintDocument>) | null>(null);
  const { value: sheet, reload } = useCall('registrationGrid', { orgId, year }, { onError: (text) => setMessage({ kind: 'error', text }) });
  const save = async () => {
    try {
      const rows = Object.entries(edits).filter(([, o]) => o).map(([memberId, outcome]) => ({ memberId, outcome, note: sheet?.rows.find((r) => r.memberId === memberId)?.note ?? null }));
      const r = await call('saveRegistrations', { orgId, year, date, rows });
      setEdits({});
      setMessage({ kind: 'info', text: r.saved ? t('yearly.saved', { n: r.saved }) : t('yearly.nothingChanged') });
      void reload();
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  };
  const setAll = (outcome: string) => setEdits(Object.fromEntries((sheet?.rows ?? []).filter((r) => !r.outcome).map((r) => [r.memberId, outcome])));
  return (
    <div data-testid="registration-tab">
      {sheet && (
        <div className="summary-line" data-testid="registration-summary">
          <strong>{t('yearly.registrationSummary', { name: sheet.orgName, year, total: sheet.rows.length })}</strong>
          {sheet.summary.map((s) => <span key={s.outcome} className="badge">{s.outcome} {s.count}</span>)}
          <span className="badge warn">{t('yearly.notRegistered')} {sheet.notRegistered}</span>
        </div>
      )}
      <div className="toolbar">
        <label className="field-inline">{t('yearly.registrationDate')}<input type="date" value={date} data-testid="registration-date" onChange={(e) => setDate(e.target.value)} /></label>
        {sheet && sheet.notRegistered > 0 && (
          <span className="muted small">
            {t('yearly.setAllPending')}{' '}
            {sheet.outcomes.map((o) => <button key={o} type="button" className="btn small" onClick={() => setAll(o)}>{o}</button>)}
          </span>
        )}
      </div>
      {message && <div className={`alert ${message.kind}`} data-testid="registration-message">{message.text}</div>}
      <div className="table-scroll">
        <table className="plain-table" data-testid="registration-grid">
          <thead><tr><th>{t('reminders.name')}</th><th>{t('yearly.category')}</th><th>{t('yearly.outcome')}</th><th>{t('yearly.registeredOn')}</th></tr></thead>
          <tbody>
            {(sheet?.rows ?? []).map((r) => (
              <tr key={r.memberId}>
                <td>{r.name}</td>
                <td>{r.category === 'probationary' ? t('yearly.probationary') : t('yearly.formal')}</td>
                <td>
                  <select value={edits[r.memberId] ?? r.outcome ?? ''} data-testid={`registration-outcome-${r.memberId}`} onChange={(e) => setEdits({ ...edits, [r.memberId]: e.target.value })}>
                    <option value="">—</option>
                    {[...new Set([...(sheet?.outcomes ?? []), ...(r.outcome ? [r.outcome] : [])])].map((o) => <option key={o} value={o}>{o}</option>)}
                  </select>
                </td>
                <td className="nowrap">{r.date ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="form-actions left">
        <button type="button" className="btn primary" data-testid="registration-save" disabled={!Object.values(edits).some(Boolean)} onClick={() => void save()}>{t('form.save')}</button>
        <button type="button" className="btn" data-testid="registration-print" onClick={() => setPrinting(() => () => call('printRegistrations', { orgId, year }))}>{t('yearly.printList')}</button>
      </div>
      {printing && <PrintPreview load={printing} onClose={() => setPrinting(null)} />}
    </div>
  );
}
