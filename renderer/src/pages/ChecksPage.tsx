// 数据校验: every record that fails a check before a report, grouped by rule: each rule one line with its count,
// opened to show its records (the page stays short however many there are). A member opens in the member
// drawer; an organization opens the members page on that organization. The whole list prints on A4 and
// saves as xlsx.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf } from '../api';
import { PrintPreview, type PrintDocument } from '../components/PrintPreview';
import { saveFile } from '../lib/saveFile';
import { useToast } from '../lib/toasts';
import { useCall } from '../lib/useCall';
import { checkDetail } from '../lib/words';

const PAGE = 100;

interface Props {
  onOpenMember: (id: string) => void;
  onOpenOrg: (id: string) => void;
  /** Bumped after a write in the drawer: the checks run again. */
  refreshKey: number;
}

export function ChecksPage({ onOpenMember, onOpenOrg, refreshKey }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const toast = useToast();
  const { value: checks, error, reload } = useCall('dataChecks', {}, { refresh: refreshKey });
  // 重新校验 shows that it runs; the checks that open the page or follow a write do not.
  const [running, setRunning] = useState(false);
  // Which rules are open (the first with problems until the clerk chooses), and how many lines each shows.
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const [shown, setShown] = useState<Record<string, number>>({});
  const [preview, setPreview] = useState<(() => Promise<PrintDocument>) | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(() => {
    setRunning(true);
    void reload().finally(() => setRunning(false));
  }, [reload]);
  const firstWithProblems = checks?.checks.find((c) => c.problems.length)?.id;
  const isOpen = (id: string) => open[id] ?? id === firstWithProblems;
  const exportXlsx = async () => {
    setBusy(true);
    try {
      const file = await api.call('exportDataChecks', {});
      saveFile(file);
      toast('info', t('checks.exported', { name: file.fileName, count: file.rows }));
    } catch (e) {
      toast('error', messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="checks-page" data-testid="checks-page">
      <div className="toolbar">
        <span className="muted">{t('checks.intro')}</span>
        {checks && <strong data-testid="checks-total">{checks.total ? t('checks.total', { count: checks.total }) : t('checks.none')}</strong>}
        <div className="toolbar-actions">
          <button type="button" className="btn" disabled={running} onClick={run}>
            {running ? t('checks.running') : t('checks.run')}
          </button>
          <button type="button" className="btn" data-testid="checks-print" onClick={() => setPreview(() => () => api.call('printDataChecks', {}))}>{t('checks.print')}</button>
          <button type="button" className="btn" data-testid="checks-export" disabled={busy} onClick={() => void exportXlsx()}>{t('checks.export')}</button>
        </div>
      </div>
      {error && <div className="alert error">{error}</div>}
      <div className="check-groups">
        {checks?.checks.map((c) => {
          const n = shown[c.id] ?? PAGE;
          return (
            <details key={c.id} className="check-group" data-testid={`check-${c.id}`} open={isOpen(c.id)}>
              <summary
                onClick={(e) => {
                  e.preventDefault();
                  setOpen((o) => ({ ...o, [c.id]: !isOpen(c.id) }));
                }}
              >
                <span className="check-title">{en ? c.titleEn : c.title}</span>
                <span className={`badge ${!c.available ? 'muted' : c.problems.length ? 'warn' : 'ok'}`} data-testid="check-count">
                  {!c.available ? t('checks.unavailable') : c.problems.length ? t('checks.count', { count: c.problems.length }) : '✓'}
                </span>
              </summary>
              {!c.available && c.note && <p className="muted small">{en ? (c.noteEn ?? c.note) : c.note}</p>}
              {c.problems.length === 0 && c.available && <p className="muted small">{t('checks.groupNone')}</p>}
              {c.problems.length > 0 && (
                <table className="check-list">
                  <tbody>
                    {c.problems.slice(0, n).map((p, i) => (
                      <tr key={`${p.id}-${i}`}>
                        <td className="kind">{p.entity === 'org' ? t('checks.org') : t('checks.member')}</td>
                        <td className="who">
                          <button type="button" className="link" data-testid="check-open" onClick={() => (p.entity === 'org' ? onOpenOrg(p.id) : onOpenMember(p.id))}>
                            {p.name}
                          </button>
                        </td>
                        <td className="muted where">{p.orgName}</td>
                        <td>{checkDetail(t, i18n.language, p)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {c.problems.length > n && (
                <button type="button" className="btn small" data-testid="check-more" onClick={() => setShown((s) => ({ ...s, [c.id]: n + PAGE * 5 }))}>
                  {t('checks.showMore', { count: c.problems.length - n })}
                </button>
              )}
            </details>
          );
        })}
      </div>
      {preview && <PrintPreview load={preview} onClose={() => setPreview(null)} />}
    </div>
  );
}
