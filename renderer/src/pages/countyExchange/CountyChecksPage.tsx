// 数据校验 at the county: the checks across townships (重复登记, 转出未接收, 介绍信过期, 逾期未报送), each
// record opening the member's record at the county; the day limits (the county's rules, changed by an
// administrator) and "no package since"; and each township's own 数据校验 counted per rule from its
// latest package, in one table with its totals.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, messageOf } from '../../api';
import { useCall } from '../../lib/useCall';
import { useSession } from '../../lib/session';
import { useToast } from '../../lib/toasts';

const SHOWN = 200;

interface Props {
  onOpenMember: (townshipCode: string, id: string) => void;
}

export function CountyChecksPage({ onOpenMember }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const session = useSession();
  const toast = useToast();
  const [since, setSince] = useState('');
  const [refresh, setRefresh] = useState(0);
  const { value: checks, error, reload } = useCall('countyChecks', { since: /^\d{4}-\d{2}-\d{2}$/.test(since) ? since : null }, { refresh });
  const [running, setRunning] = useState(false);
  // The clerk's edits of the day limits; until then, the limits the checks ran with.
  const [draft, setDraft] = useState<{ arrivalDays?: string; overdueDays?: string }>({});
  const rules = checks ? { arrivalDays: draft.arrivalDays ?? String(checks.rules.arrivalDays), overdueDays: draft.overdueDays ?? String(checks.rules.overdueDays) } : null;
  const setRules = (patch: { arrivalDays?: string; overdueDays?: string }) => setDraft((d) => ({ ...d, ...patch }));
  const run = useCallback(() => {
    setRunning(true);
    void reload().finally(() => setRunning(false));
  }, [reload]);
  const saveRules = async () => {
    if (!rules) return;
    try {
      await call('setCountyRules', { arrivalDays: Number(rules.arrivalDays), overdueDays: Number(rules.overdueDays) });
      toast('info', t('countyDesk.checks.saved'));
      setDraft({});
      setRefresh((n) => n + 1);
    } catch (e) {
      toast('error', messageOf(e));
    }
  };

  return (
    <div className="checks-page county-checks" data-testid="county-checks-page">
      <div className="toolbar">
        <span className="muted">{t('countyDesk.checks.intro')}</span>
        {checks && <strong data-testid="checks-total">{checks.total ? t('countyDesk.checks.total', { count: checks.total }) : t('countyDesk.checks.none')}</strong>}
        <div className="toolbar-actions">
          <button type="button" className="btn" disabled={running} onClick={run}>
            {running ? t('countyDesk.checks.running') : t('countyDesk.checks.run')}
          </button>
        </div>
      </div>
      <div className="cx-row county-rules">
        <label className="cx-inline">
          {t('countyDesk.checks.arrivalDays')}
          <input type="number" min={1} max={365} data-testid="rule-arrival" value={rules?.arrivalDays ?? ''} disabled={!session.can('admin')} onChange={(e) => setRules({ arrivalDays: e.target.value })} />
        </label>
        <label className="cx-inline">
          {t('countyDesk.checks.overdueDays')}
          <input type="number" min={1} max={365} data-testid="rule-overdue" value={rules?.overdueDays ?? ''} disabled={!session.can('admin')} onChange={(e) => setRules({ overdueDays: e.target.value })} />
        </label>
        {session.can('admin') && (
          <button type="button" className="btn" data-testid="rules-save" onClick={() => void saveRules()}>
            {t('countyDesk.checks.save')}
          </button>
        )}
        <label className="cx-inline">
          {t('countyDesk.checks.since')}
          <input type="date" data-testid="rule-since" value={since} onChange={(e) => setSince(e.target.value)} />
        </label>
      </div>
      {error && <div className="alert error">{error}</div>}
      <div className="checks-body">
        {checks?.checks.map((c) => (
          <section key={c.id} className="check" data-testid={`county-check-${c.id}`}>
            <h3>
              {en ? c.titleEn : c.title}
              <span className={`badge ${c.problems.length ? 'warn' : 'ok'}`} data-testid="check-count">
                {c.problems.length ? t('countyDesk.checks.count', { count: c.problems.length }) : '✓'}
              </span>
            </h3>
            {c.problems.length > 0 && (
              <table className="check-list">
                <tbody>
                  {c.problems.slice(0, SHOWN).map((p, i) => (
                    <tr key={`${p.townshipCode}-${p.id}-${i}`} data-testid="county-problem">
                      <td className="kind">{p.townshipName}</td>
                      <td>
                        {p.entity === 'member' ? (
                          <button type="button" className="link" data-testid="check-open" onClick={() => onOpenMember(p.townshipCode, p.id)}>
                            {p.name}
                          </button>
                        ) : (
                          t('countyDesk.checks.township')
                        )}
                      </td>
                      <td className="muted">{p.orgName}</td>
                      <td>{p.detail}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {c.problems.length > SHOWN && <p className="muted small">{t('countyDesk.checks.showMore', { count: c.problems.length - SHOWN })}</p>}
          </section>
        ))}
        {checks && (
          <section className="check" data-testid="county-township-checks">
            <h3>{t('countyDesk.checks.perTownship')}</h3>
            <div className="table-scroll">
              <table className="cx-table county-rule-table">
                <thead>
                  <tr>
                    <th>{t('countyDesk.checks.township')}</th>
                    {checks.townshipRules.map((r) => (
                      <th key={r.id} className="num">
                        {en ? r.titleEn : r.title}
                      </th>
                    ))}
                    <th className="num">{t('countyDesk.checks.sum')}</th>
                  </tr>
                </thead>
                <tbody>
                  {checks.townships.map((tw) => (
                    <tr key={tw.code} data-testid="county-township-row" data-code={tw.code}>
                      <td>{tw.name}</td>
                      {tw.available ? (
                        checks.townshipRules.map((r) => (
                          <td key={r.id} className="num">
                            {tw.counts[r.id] ?? 0}
                          </td>
                        ))
                      ) : (
                        <td colSpan={checks.townshipRules.length} className="muted">
                          {t('countyDesk.checks.unavailable')}:{tw.note}
                        </td>
                      )}
                      <td className="num" data-testid="county-township-total">
                        {tw.available ? tw.total : ''}
                      </td>
                    </tr>
                  ))}
                  <tr className="sum-row">
                    <td>{t('countyDesk.checks.sum')}</td>
                    {checks.townshipRules.map((r) => (
                      <td key={r.id} className="num">
                        {checks.townships.reduce((s, tw) => s + (tw.counts[r.id] ?? 0), 0)}
                      </td>
                    ))}
                    <td className="num" data-testid="county-township-sum">
                      {checks.townshipTotal}
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
