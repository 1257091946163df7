// 党内统计年报: the county's tables as of a date (年报 31 December, 半年报 30 June) for the township, one
// organization, or — at the county — one township or all of them. The list of tables on the left; the chosen
// table as the form lays it out (numbered rows, merged heads); every number opens the list of the members
// (or organizations) it counts; 报表校核 lists the failures with the members behind them; print and Excel.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf, type CallOutput } from '../api';
import { PrintPreview, type PrintDocument } from '../components/PrintPreview';
import { todayLocal } from '../lib/dates';
import { formHeads, headDepth } from '../lib/formHeads';
import { saveFile } from '../lib/saveFile';
import { useErrorToast, useToast } from '../lib/toasts';
import { useCall } from '../lib/useCall';

type Report = CallOutput<'annualReport'>;
type Table = Report['tables'][number];
type Cell = CallOutput<'annualReportCell'>;
type Check = CallOutput<'annualReportCheck'>;

interface Props {
  rootOrgId: string | null;
  county: boolean;
  onOpenMember?: (id: string) => void;
}

export function AnnualReportPage({ rootOrgId, county, onOpenMember }: Props) {
  const { t } = useTranslation();
  const year = todayLocal().slice(0, 4);
  const [asOf, setAsOf] = useState(`${year}-12-31`);
  const [scope, setScope] = useState('');
  const [tableId, setTableId] = useState('change');
  const [cell, setCell] = useState<{ title: string; loading: boolean; value: Cell | null } | null>(null);
  const [check, setCheck] = useState<Check | 'running' | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<(() => Promise<PrintDocument>) | null>(null);
  const onToast = useToast();
  const toastError = useErrorToast();

  const tree = useCall('orgTree', county ? null : {}, { onError: toastError });
  const orgs = useMemo(() => (tree.value ?? []).filter((n) => n.type !== 'group' && n.id !== rootOrgId), [tree.value, rootOrgId]);
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const input = { asOf, orgId: !county && scope ? scope : null, township: county && scope ? scope : null };
  const loaded = useCall('annualReport', validDate ? input : null, { onError: toastError });
  const report: Report | null = loaded.value ?? null;
  // The townships to choose from: those the report counts (all of them until one is chosen).
  const townships = report?.townships ?? [];

  const tables: Table[] = report ? [...report.tables, ...(report.summary ? [report.summary] : [])] : [];
  const table = tables.find((x) => x.id === tableId) ?? tables[0];

  const openCell = async (tb: Table, i: number, j: number) => {
    const row = tb.rows[i];
    const column = tb.columns[j];
    const title = `${tb.title} · ${row.name} · ${column.heads.join(' · ')}:${tb.cells[i][j]}`;
    setCell({ title, loading: true, value: null });
    try {
      setCell({ title, loading: false, value: await api.call('annualReportCell', { ...input, table: tb.id, row: row.key, column: column.key }) });
    } catch (e) {
      setCell(null);
      onToast('error', messageOf(e));
    }
  };

  const runCheck = async () => {
    setCheck('running');
    try {
      setCheck(await api.call('annualReportCheck', input));
    } catch (e) {
      setCheck(null);
      onToast('error', messageOf(e));
    }
  };

  const exportXlsx = async () => {
    setBusy(true);
    try {
      const file = await api.call('exportAnnualReport', input);
      saveFile(file);
      onToast('info', t('annual.exported', { name: file.fileName }));
    } catch (e) {
      onToast('error', messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const openPreview = () => {
    const q = { ...input };
    setPreview(() => async () => ({ html: (await api.call('printAnnualReport', q)).html, title: t('annual.previewTitle') }));
  };

  const clickable = (tb: Table, i: number, v: number) => v !== 0 && tb.id !== 'summary' && !tb.derivedRows.includes(tb.rows[i].key) && tb.entity !== 'none';
  const stale = (report?.townships ?? []).filter((x) => x.stale);

  return (
    <div className="annual-page" data-testid="annual-page">
      <div className="toolbar">
        <label className="field-inline">
          {t('annual.asOf')}
          <input type="date" value={asOf} max="2100-12-31" data-testid="annual-as-of" onChange={(e) => setAsOf(e.target.value)} />
        </label>
        <button type="button" className="btn small" data-testid="annual-year-end" onClick={() => setAsOf(`${year}-12-31`)}>{t('annual.yearEnd')}</button>
        <button type="button" className="btn small" data-testid="annual-mid-year" onClick={() => setAsOf(`${year}-06-30`)}>{t('annual.midYear')}</button>
        <label className="field-inline">
          {t('annual.scope')}
          <select value={scope} data-testid="annual-scope" onChange={(e) => setScope(e.target.value)}>
            <option value="">{county ? t('annual.allTownships') : t('annual.wholeTownship')}</option>
            {county
              ? townships.map((x) => <option key={x.code} value={x.code}>{x.name}</option>)
              : orgs.map((o) => <option key={o.id} value={o.id}>{o.shortName || o.name}</option>)}
          </select>
        </label>
        {(!validDate || loaded.loading) && <span className="muted small">{t('annual.loading')}</span>}
        <div className="toolbar-actions">
          <button type="button" className="btn" data-testid="annual-check" disabled={!report || check === 'running'} onClick={() => void runCheck()}>
            {check === 'running' ? t('annual.checking') : t('annual.check')}
          </button>
          <button type="button" className="btn" data-testid="annual-print" disabled={!report} onClick={openPreview}>{t('annual.print')}</button>
          <button type="button" className="btn primary" data-testid="annual-export" disabled={!report || busy} onClick={() => void exportXlsx()}>
            {busy ? t('annual.exporting') : t('annual.export')}
          </button>
        </div>
      </div>
      {report && (
        <div className="annual-meta muted small" data-testid="annual-meta">
          {t('annual.meta', { unit: report.unitName, asOf: report.asOf })}
          {stale.map((x) => (
            <span key={x.code} className="annual-stale" data-testid="annual-stale">{t('annual.stale', { name: x.name, date: x.packageDate ?? t('annual.never') })}</span>
          ))}
        </div>
      )}
      <div className="annual-body">
        <nav className="annual-list" aria-label={t('annual.tables')}>
          {tables.map((tb, k) => (
            <button key={tb.id} type="button" className={`annual-list-item${table?.id === tb.id ? ' active' : ''}`} data-testid={`annual-table-${tb.id}`} onClick={() => setTableId(tb.id)}>
              <span className="annual-list-no">{tb.id === 'summary' ? '' : `${k + 1}.`}</span>
              {tb.title}
            </button>
          ))}
        </nav>
        <div className="annual-main">
          {table && <FormTable table={table} clickable={clickable} onCell={(i, j) => void openCell(table, i, j)} />}
          {check && check !== 'running' && (
            <section className="annual-check" data-testid="annual-check-result">
              <h3>{check.passed ? t('annual.checkPassed', { count: check.checked }) : t('annual.checkFailed', { count: check.failures.length, checked: check.checked })}</h3>
              {check.notices.map((n, k) => (
                <div key={`n${k}`} className="annual-notice" data-testid="annual-check-notice">{n}</div>
              ))}
              {check.failures.map((f, k) => (
                <div key={k} className="annual-failure" data-testid="annual-failure">
                  <div><strong>{f.title}</strong>:{f.detail}</div>
                  {f.members.length > 0 && <MemberList items={f.members} onOpenMember={county ? undefined : onOpenMember} />}
                </div>
              ))}
            </section>
          )}
        </div>
        {cell && (
          <aside className="annual-cell" data-testid="annual-cell">
            <div className="annual-cell-head">
              <strong>{cell.title}</strong>
              <button type="button" className="btn small" data-testid="annual-cell-close" onClick={() => setCell(null)}>{t('annual.close')}</button>
            </div>
            {cell.loading || !cell.value ? <div className="muted">{t('common.loading')}</div> : <MemberList items={cell.value.items} onOpenMember={county || cell.value.entity !== 'member' ? undefined : onOpenMember} />}
          </aside>
        )}
      </div>
      {preview !== null && <PrintPreview load={preview} onClose={() => setPreview(null)} />}
    </div>
  );
}

function FormTable({ table, clickable, onCell }: { table: Table; clickable: (t: Table, i: number, v: number) => boolean; onCell: (i: number, j: number) => void }) {
  const { t } = useTranslation();
  const depth = headDepth(table.columns);
  const heads = formHeads(table.columns);
  return (
    <div className="annual-table-wrap">
      <table className="annual-table" data-testid={`annual-form-${table.id}`}>
        <caption>{table.title}<span className="muted small">({t('annual.unit', { unit: table.unit })})</span></caption>
        <thead>
          {Array.from({ length: depth }, (_, level) => (
            <tr key={level}>
              {level === 0 && <th rowSpan={depth} className="item">{t('annual.item')}</th>}
              {level === 0 && <th rowSpan={depth} className="no">{t('annual.rowNo')}</th>}
              {heads.filter((h) => h.row === level).map((h) => (
                <th key={`${h.row}-${h.col}`} rowSpan={h.rowSpan > 1 ? h.rowSpan : undefined} colSpan={h.colSpan > 1 ? h.colSpan : undefined}>{h.text}</th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={r.key} data-row={r.key}>
              <td className="item" style={{ paddingLeft: `${0.5 + r.indent * 1.2}em` }}>{r.name}</td>
              <td className="no">{r.no}</td>
              {table.cells[i].map((v, j) => (
                <td key={j} className="num">
                  {clickable(table, i, v) ? (
                    <button type="button" className="link" data-testid={`annual-cell-${table.id}-${r.key}-${table.columns[j].key}`} onClick={() => onCell(i, j)}>{v}</button>
                  ) : (
                    <span data-testid={`annual-cell-${table.id}-${r.key}-${table.columns[j].key}`}>{v}</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.note && <p className="muted small">{table.note}</p>}
    </div>
  );
}

function MemberList({ items, onOpenMember }: { items: { id: string; name: string; orgName: string; township?: string; note?: string }[]; onOpenMember?: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="annual-members">
      <div className="muted small">{t('annual.count', { count: items.length })}</div>
      <ul>
        {items.map((m) => (
          <li key={`${m.township ?? ''}${m.id}`} data-testid="annual-member">
            {onOpenMember ? <button type="button" className="link" onClick={() => onOpenMember(m.id)}>{m.name}</button> : <span>{m.name}</span>}
            <span className="muted small"> {m.township ? `${m.township} · ` : ''}{m.orgName}</span>
            {m.note && <div className="muted small">{m.note}</div>}
          </li>
        ))}
      </ul>
    </div>
  );
}
