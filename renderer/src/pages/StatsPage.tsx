// 统计报表: every 党内统计 table as of a chosen date, for the township or one organization, with a
// print preview (the A4 template from the archive) and an Excel export (bytes from the archive, offered
// as a download: the window never handles a file path).
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf, type CallOutput } from '../api';
import { PrintPreview, type PrintDocument } from '../components/PrintPreview';
import { todayLocal } from '../lib/dates';
import { saveFile } from '../lib/saveFile';
import { useErrorToast, useToast } from '../lib/toasts';
import { useCall } from '../lib/useCall';

type Stats = CallOutput<'statistics'>;
type Table = Stats['tables'][number];

export function StatsPage({ rootOrgId }: { rootOrgId: string | null }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const [asOf, setAsOf] = useState(todayLocal);
  const [orgId, setOrgId] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<(() => Promise<PrintDocument>) | null>(null);
  const onToast = useToast();
  const toastError = useErrorToast();

  const tree = useCall('orgTree', {}, { onError: toastError });
  const orgs = useMemo(() => (tree.value ?? []).filter((n) => n.type !== 'group' && n.id !== rootOrgId), [tree.value, rootOrgId]);

  const input = useCallback(() => ({ asOf, orgId: orgId || null }), [asOf, orgId]);
  // The tables shown stay until those of the new date or scope arrive (a half-typed date asks nothing).
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const statistics = useCall('statistics', validDate ? { asOf, orgId: orgId || null } : null, { onError: toastError });
  const stats: Stats | null = statistics.value ?? null;
  const loading = !validDate || statistics.loading || statistics.error !== null;

  const exportXlsx = async () => {
    setBusy(true);
    try {
      const file = await api.call('exportStatistics', input());
      saveFile(file);
      onToast('info', t('stats.exported', { name: file.fileName }));
    } catch (e) {
      onToast('error', messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const openPreview = () => {
    const q = input();
    setPreview(() => async () => ({ html: (await api.call('printStatistics', q)).html, title: t('stats.previewTitle') }));
  };

  const groups: [Table['group'], string][] = [
    ['members', t('stats.groupMembers')],
    ['organizations', t('stats.groupOrganizations')],
    ['year', t('stats.groupYear')],
  ];

  return (
    <div className="stats-page" data-testid="stats-page">
      <div className="toolbar">
        <label className="field-inline">
          {t('stats.asOf')}
          <input type="date" value={asOf} max="2100-12-31" data-testid="stats-as-of" onChange={(e) => setAsOf(e.target.value)} />
        </label>
        <label className="field-inline">
          {t('stats.scope')}
          <select value={orgId} data-testid="stats-org" onChange={(e) => setOrgId(e.target.value)}>
            <option value="">{t('stats.wholeTownship')}</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.shortName || o.name}
              </option>
            ))}
          </select>
        </label>
        {stats && <span className="muted small" data-testid="stats-summary">{t('stats.summary', { members: stats.memberTotal, orgs: stats.organizationTotal, yearStart: stats.yearStart })}</span>}
        {loading && <span className="muted small">{t('stats.loading')}</span>}
        <div className="toolbar-actions">
          <button type="button" className="btn" data-testid="stats-print" disabled={!stats} onClick={() => void openPreview()}>
            {t('stats.print')}
          </button>
          <button type="button" className="btn primary" data-testid="stats-export" disabled={!stats || busy} onClick={() => void exportXlsx()}>
            {busy ? t('stats.exporting') : t('stats.export')}
          </button>
        </div>
      </div>
      <div className="stats-body">
        {stats &&
          groups.map(([group, title]) => (
            <section key={group} className="stats-group">
              <h2>{title}</h2>
              <div className="stats-tables">
                {stats.tables
                  .filter((tb) => tb.group === group)
                  .map((tb) => (
                    <table key={tb.id} className="stat-table" data-testid={`stat-${tb.id}`}>
                      <caption>
                        {en ? tb.titleEn : tb.title}
                        {!tb.available && <span className="no-data">{t('stats.noData')}</span>}
                      </caption>
                      <thead>
                        <tr>
                          <th>{t('stats.item')}</th>
                          <th className="num">{t('stats.count')}</th>
                          <th className="num">{t('stats.share')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {tb.rows.map((r) => (
                          <tr key={r.code} className={r.ofWhich ? 'of-which' : ''}>
                            <td>{(r.ofWhich && !r.label.startsWith('其中') ? t('stats.ofWhich') : '') + (en ? r.labelEn : r.label)}</td>
                            <td className="num">{r.count}</td>
                            <td className="num">{tb.total > 0 ? `${((r.count / tb.total) * 100).toFixed(1)}%` : '—'}</td>
                          </tr>
                        ))}
                      </tbody>
                      <tfoot>
                        <tr>
                          <td>{t('stats.total')}</td>
                          <td className="num" data-testid={`stat-${tb.id}-total`}>
                            {tb.total}
                          </td>
                          <td className="num">{tb.total > 0 ? '100%' : '—'}</td>
                        </tr>
                        {tb.note && (
                          <tr className="note">
                            <td colSpan={3}>{en ? (tb.noteEn ?? tb.note) : tb.note}</td>
                          </tr>
                        )}
                      </tfoot>
                    </table>
                  ))}
              </div>
            </section>
          ))}
      </div>
      {preview !== null && <PrintPreview load={preview} onClose={() => setPreview(null)} />}
    </div>
  );
}
