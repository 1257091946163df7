// 信息比对: the archive against an export of the national system's member library. The clerk picks the
// export; the archive compares (writing nothing) and lists, by kind, the fields that differ, the people
// only in the export and those only in the archive. A difference is written only when the clerk accepts
// it (one, or all of one kind); the comparison then runs again on the same file. People only in the
// archive are listed for the clerk to deal with in their records: nothing here removes anyone.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf, type CallOutput } from '../../api';
import { fileToBase64, saveFile } from '../../lib/saveFile';
import { useSession } from '../../lib/session';
import { useToast } from '../../lib/toasts';

type Comparison = CallOutput<'compareNational'>;
type Tab = 'fields' | 'onlyExport' | 'onlyArchive' | 'unreadable';
const TABS: Tab[] = ['fields', 'onlyExport', 'onlyArchive', 'unreadable'];
const SHOWN = 300;

const localDay = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function ComparePage({ onOpenMember }: { onOpenMember: (id: string) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const toast = useToast();
  const [c, setC] = useState<Comparison | null>(null);
  const [tab, setTab] = useState<Tab>('fields');
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const canWrite = session.can('write');

  async function pick(file: File | undefined) {
    if (!file) return;
    setFailure(null);
    setBusy(t('compare.reading', { name: file.name }));
    try {
      const base64 = await fileToBase64(file);
      const r = await api.call('compareNational', { file: { fileName: file.name, base64 }, fileDate: localDay(file.lastModified) });
      setC(r);
      setTab(r.fields.length || !r.onlyExport.length ? 'fields' : 'onlyExport');
    } catch (err) {
      setFailure(messageOf(err));
    } finally {
      setBusy(null);
    }
  }

  async function accept(selection: { keys?: string[]; kinds?: string[] }, confirmText?: string) {
    if (!c || (confirmText && !window.confirm(confirmText))) return;
    setFailure(null);
    setBusy(t('compare.saving'));
    try {
      const r = await api.call('acceptNationalDifferences', { analysisId: c.analysisId, fileDate: c.fileDate, ...selection });
      toast('info', t('compare.accepted', { updated: r.updated, added: r.added }));
      setC(await api.call('compareNational', { analysisId: c.analysisId, fileDate: c.fileDate }));
    } catch (err) {
      setFailure(messageOf(err));
    } finally {
      setBusy(null);
    }
  }

  async function report() {
    if (!c) return;
    try {
      saveFile(await api.call('nationalCompareReport', { analysisId: c.analysisId, fileDate: c.fileDate }));
    } catch (err) {
      setFailure(messageOf(err));
    }
  }

  // The field differences by kind (学历, 工作岗位 …), in the export's column order, for 全部采纳.
  const kinds = useMemo(() => {
    const out = new Map<string, { field: string; label: string; count: number }>();
    for (const f of c?.fields ?? []) {
      const k = out.get(f.field) ?? { field: f.field, label: f.label, count: 0 };
      k.count++;
      out.set(f.field, k);
    }
    return [...out.values()];
  }, [c]);
  const [kindFilter, setKindFilter] = useState<string | null>(null);
  const fields = (c?.fields ?? []).filter((f) => !kindFilter || f.field === kindFilter);
  const counts: Record<Tab, number> = { fields: c?.fields.length ?? 0, onlyExport: c?.onlyExport.length ?? 0, onlyArchive: c?.onlyArchive.length ?? 0, unreadable: c?.unreadable.length ?? 0 };
  const disabled = busy !== null || !canWrite;

  return (
    <div className="compare-page" data-testid="compare-page">
      <div className="toolbar">
        <label className="btn primary" htmlFor="compare-file">
          {c ? t('compare.pickAnother') : t('compare.pick')}
        </label>
        <input id="compare-file" type="file" accept=".xlsx,.xls,.csv" data-testid="compare-file" hidden disabled={busy !== null} onChange={(e) => void pick(e.target.files?.[0])} />
        {c && <strong data-testid="compare-fileinfo">{t('compare.file', { name: c.fileName, date: c.fileDate })}</strong>}
        {busy && <span className="muted">{busy}</span>}
        <div className="toolbar-actions">
          <button type="button" className="btn" data-testid="compare-report" disabled={!c || busy !== null} onClick={() => void report()}>
            {t('compare.report')}
          </button>
        </div>
      </div>
      {!c && <p className="muted compare-intro">{t('compare.intro')}</p>}
      {failure && (
        <div className="alert error" data-testid="compare-error">
          {failure}
        </div>
      )}
      {c && (
        <>
          <div className="compare-summary" data-testid="compare-summary">
            {counts.fields + counts.onlyArchive + counts.onlyExport === 0
              ? t('compare.none')
              : t('compare.summary', { matched: c.matched, onlyArchive: counts.onlyArchive, onlyExport: counts.onlyExport, fields: counts.fields })}
          </div>
          <nav className="tabs compare-tabs" aria-label={t('nav.compare')}>
            {TABS.map((k) => (
              <button key={k} type="button" className={k === tab ? 'active' : ''} data-testid={`compare-tab-${k}`} onClick={() => setTab(k)}>
                {t(`compare.tabs.${k}`)}
                <span className={`badge ${counts[k] ? 'warn' : 'ok'}`}>{counts[k]}</span>
              </button>
            ))}
          </nav>
          <section className="compare-body">
            {tab === 'fields' && (
              <>
                {kinds.length > 0 && (
                  <div className="compare-kinds" data-testid="compare-kinds">
                    {kinds.map((k) => (
                      <span key={k.field} className="compare-kind">
                        <button type="button" className={`chip ${kindFilter === k.field ? 'active' : ''}`} onClick={() => setKindFilter(kindFilter === k.field ? null : k.field)}>
                          {k.label} {k.count}
                        </button>
                        <button
                          type="button"
                          className="btn small"
                          data-testid={`compare-accept-kind-${k.field}`}
                          disabled={disabled}
                          onClick={() => void accept({ kinds: [k.field] }, t('compare.confirmAll', { count: k.count, label: k.label }))}
                        >
                          {t('compare.acceptAll', { label: k.label, count: k.count })}
                        </button>
                      </span>
                    ))}
                  </div>
                )}
                <table className="compare-table" data-testid="compare-fields">
                  <thead>
                    <tr>
                      <th>{t('compare.col.name')}</th>
                      <th>{t('compare.col.idNumber')}</th>
                      <th>{t('compare.col.org')}</th>
                      <th>{t('compare.col.item')}</th>
                      <th>{t('compare.col.archive')}</th>
                      <th>{t('compare.col.exported')}</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {fields.slice(0, SHOWN).map((f) => (
                      <tr key={f.key} data-testid="compare-field-row">
                        <td>
                          <button type="button" className="link" onClick={() => onOpenMember(f.memberId)}>
                            {f.name}
                          </button>
                        </td>
                        <td className="mono">{f.idNumber}</td>
                        <td className="muted">{f.orgName}</td>
                        <td>{f.label}</td>
                        <td className="was">{f.archive}</td>
                        <td className="now">{f.exported}</td>
                        <td>
                          <button type="button" className="btn small" data-testid="compare-accept" disabled={disabled} onClick={() => void accept({ keys: [f.key] })}>
                            {t('compare.accept')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
            {tab === 'onlyExport' && (
              <>
                {counts.onlyExport > 0 && (
                  <div className="compare-kinds">
                    <button type="button" className="btn small" data-testid="compare-add-all" disabled={disabled} onClick={() => void accept({ kinds: ['onlyExport'] }, t('compare.confirmAdd', { count: counts.onlyExport }))}>
                      {t('compare.addAll', { count: counts.onlyExport })}
                    </button>
                  </div>
                )}
                <table className="compare-table" data-testid="compare-only-export">
                  <thead>
                    <tr>
                      <th>{t('compare.col.name')}</th>
                      <th>{t('compare.col.idNumber')}</th>
                      <th>{t('compare.col.org')}</th>
                      <th>{t('compare.col.row')}</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {c.onlyExport.slice(0, SHOWN).map((m) => (
                      <tr key={m.key}>
                        <td>{m.name}</td>
                        <td className="mono">{m.idNumber}</td>
                        <td className="muted">{m.orgName}</td>
                        <td className="muted">
                          {m.sheet} · {m.rowNumber}
                        </td>
                        <td>
                          <button type="button" className="btn small" data-testid="compare-add" disabled={disabled} onClick={() => void accept({ keys: [m.key] })}>
                            {t('compare.add')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
            {tab === 'onlyArchive' && (
              <>
                <p className="muted small">{t('compare.onlyArchiveNote')}</p>
                <table className="compare-table" data-testid="compare-only-archive">
                  <thead>
                    <tr>
                      <th>{t('compare.col.name')}</th>
                      <th>{t('compare.col.idNumber')}</th>
                      <th>{t('compare.col.org')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.onlyArchive.slice(0, SHOWN).map((m) => (
                      <tr key={m.key}>
                        <td>
                          <button type="button" className="link" onClick={() => onOpenMember(m.memberId)}>
                            {m.name}
                          </button>
                        </td>
                        <td className="mono">{m.idNumber}</td>
                        <td className="muted">{m.orgName}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
            {tab === 'unreadable' && (
              <>
                <p className="muted small">{t('compare.unreadableNote')}</p>
                <table className="compare-table">
                  <thead>
                    <tr>
                      <th>{t('compare.col.row')}</th>
                      <th>{t('compare.col.name')}</th>
                      <th>{t('compare.col.item')}</th>
                      <th>{t('compare.col.problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.unreadable.slice(0, SHOWN).map((p, i) => (
                      <tr key={`${p.sheet}-${p.rowNumber}-${i}`}>
                        <td className="muted">
                          {p.sheet} · {p.rowNumber}
                        </td>
                        <td>{p.name}</td>
                        <td>{p.label}</td>
                        <td>{p.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}
