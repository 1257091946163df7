// 数据校验: every record that fails a check before a report. A member opens in the member drawer; an
// organization opens the members page on that organization.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../lib/useCall';
import { checkDetail } from '../lib/words';

const SHOWN = 200;

interface Props {
  onOpenMember: (id: string) => void;
  onOpenOrg: (id: string) => void;
  /** Bumped after a write in the drawer: the checks run again. */
  refreshKey: number;
}

export function ChecksPage({ onOpenMember, onOpenOrg, refreshKey }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { value: checks, error, reload } = useCall('dataChecks', {}, { refresh: refreshKey });
  // 重新校验 shows that it runs; the checks that open the page or follow a write do not.
  const [running, setRunning] = useState(false);
  const run = useCallback(() => {
    setRunning(true);
    void reload().finally(() => setRunning(false));
  }, [reload]);

  return (
    <div className="checks-page" data-testid="checks-page">
      <div className="toolbar">
        <span className="muted">{t('checks.intro')}</span>
        {checks && <strong data-testid="checks-total">{checks.total ? t('checks.total', { count: checks.total }) : t('checks.none')}</strong>}
        <div className="toolbar-actions">
          <button type="button" className="btn" disabled={running} onClick={run}>
            {running ? t('checks.running') : t('checks.run')}
          </button>
        </div>
      </div>
      {error && <div className="alert error">{error}</div>}
      <div className="checks-body">
        {checks?.checks.map((c) => (
          <section key={c.id} className="check" data-testid={`check-${c.id}`}>
            <h3>
              {en ? c.titleEn : c.title}
              <span className={`badge ${!c.available ? 'muted' : c.problems.length ? 'warn' : 'ok'}`}>
                {!c.available ? t('checks.unavailable') : c.problems.length ? t('checks.count', { count: c.problems.length }) : '✓'}
              </span>
            </h3>
            {!c.available && c.note && <p className="muted small">{en ? (c.noteEn ?? c.note) : c.note}</p>}
            {c.problems.length > 0 && (
              <table className="check-list">
                <tbody>
                  {c.problems.slice(0, SHOWN).map((p, i) => (
                    <tr key={`${p.id}-${i}`}>
                      <td className="kind">{p.entity === 'org' ? t('checks.org') : t('checks.member')}</td>
                      <td>
                        <button type="button" className="link" data-testid="check-open" onClick={() => (p.entity === 'org' ? onOpenOrg(p.id) : onOpenMember(p.id))}>
                          {p.name}
                        </button>
                      </td>
                      <td className="muted">{p.orgName}</td>
                      <td>{checkDetail(t, i18n.language, p)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {c.problems.length > SHOWN && <p className="muted small">{t('checks.showMore', { count: c.problems.length - SHOWN })}</p>}
          </section>
        ))}
      </div>
    </div>
  );
}
