// A member's record at the county, read-only, as the township sent it: the fields, every sub-record,
// the history, and the person's records in other townships with what links them (a letter, or 重复登记),
// each of which opens in turn. Nothing here can be edited: corrections are made in the township.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../lib/useCall';

interface Props {
  townshipCode: string;
  id: string;
  onOpen: (townshipCode: string, id: string) => void;
  onClose: () => void;
}

export function CountyMemberRecord({ townshipCode, id, onOpen, onClose }: Props) {
  const { t } = useTranslation();
  const { value: r, error } = useCall('countyMemberRecord', { townshipCode, id });
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), []);

  return (
    <div className="drawer-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <aside
        className="drawer county-record"
        role="dialog"
        aria-modal="true"
        aria-labelledby="county-record-title"
        data-testid="county-record"
        tabIndex={-1}
        ref={panel}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <header className="drawer-header">
          <h2 id="county-record-title" data-testid="county-record-title">
            {r ? `${r.name} · ${r.townshipName}` : ''}
          </h2>
          <button type="button" className="icon-btn" aria-label={t('countyDesk.record.close')} data-testid="county-record-close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="drawer-body">
          {error && <div className="alert error">{error}</div>}
          {r && (
            <>
              <p className="muted small" data-testid="county-record-source">
                {t('countyDesk.record.readOnly', { township: r.townshipName, sequence: r.lastPackage.sequence })}
                {r.lastPackage.baggingDate ? t('countyDesk.record.baggedOn', { date: r.lastPackage.baggingDate }) : ''}
              </p>
              <p className="county-record-statuses" data-testid="county-record-statuses">
                {r.statuses.map((s) => (
                  <span key={s} className={`badge ${s === '重复登记' || s === '转出待回执' || s === '失联' ? 'warn' : 'muted'}`}>
                    {s}
                  </span>
                ))}
              </p>
              <h3>{t('countyDesk.record.basics')}</h3>
              <dl className="cx-facts county-record-fields" data-testid="county-record-fields">
                {r.fields.map((f) => (
                  <div key={f.label} className="county-record-field">
                    <dt>{f.label}</dt>
                    <dd>{f.value || '—'}</dd>
                  </div>
                ))}
              </dl>
              {r.otherRecords.length > 0 && (
                <section data-testid="county-record-others">
                  <h3>{t('countyDesk.record.others')}</h3>
                  <table className="cx-table county-record-table">
                    <tbody>
                      {r.otherRecords.map((o) => (
                        <tr key={`${o.townshipCode}:${o.id}`}>
                          <td>{o.townshipName}</td>
                          <td>{o.orgName}</td>
                          <td>{o.state}</td>
                          <td className={o.link.startsWith('重复登记') ? 'cx-warn' : ''}>{o.link}</td>
                          <td>
                            <button type="button" className="link" data-testid="county-record-other" onClick={() => onOpen(o.townshipCode, o.id)}>
                              {t('countyDesk.record.open')}
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </section>
              )}
              {r.sections
                .filter((s) => s.rows.length)
                .map((s) => (
                  <section key={s.title} data-testid="county-record-section" data-title={s.title}>
                    <h3>
                      {s.title} <span className="muted small">({s.rows.length})</span>
                    </h3>
                    <table className="cx-table county-record-table">
                      <thead>
                        <tr>
                          {s.columns.map((c) => (
                            <th key={c}>{c}</th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {s.rows.map((row, i) => (
                          <tr key={i}>
                            {row.map((v, k) => (
                              <td key={k}>{v}</td>
                            ))}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </section>
                ))}
              {r.sections.some((s) => !s.rows.length) && (
                <p className="muted small" data-testid="county-record-empty-sections">
                  {t('countyDesk.record.emptySections', { list: r.sections.filter((s) => !s.rows.length).map((s) => s.title).join('、') })}
                </p>
              )}
              <section data-testid="county-record-history">
                <h3>{t('countyDesk.record.history')}</h3>
                {r.history.length ? (
                  <ul className="county-record-history">
                    {r.history.map((h, i) => (
                      <li key={i}>
                        <span className="muted">{h.date}</span> {h.summary}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted small">{t('countyDesk.record.noHistory')}</p>
                )}
              </section>
            </>
          )}
        </div>
      </aside>
    </div>
  );
}
