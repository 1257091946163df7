// 审计日志: who changed what and when. The hash chain is verified as the page opens (a red banner names the
// first row that does not hold); the filters (who, which member, from/to, kind) go to the archive, which
// answers a page at a time into AG Grid's infinite row model; 导出 Excel hands the filtered log to an
// inspection as xlsx bytes (offered as a download: the window never handles a path).
import { useCallback, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, IDatasource, IGetRowsParams } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { call, messageOf, type CallInput, type CallOutput } from '../api';
import { saveFile } from '../lib/saveFile';
import { gridTheme, useGridLocale } from '../lib/gridSetup';
import { useCall } from '../lib/useCall';
import { actionName, changesIn, kindName } from '../lib/words';

type AuditRow = CallOutput<'listAuditLog'>['rows'][number];
type Filters = Required<Pick<CallInput<'listAuditLog'>, 'actor' | 'member' | 'from' | 'to' | 'kind'>>;

const EMPTY: Filters = { actor: null, member: null, from: null, to: null, kind: null };
const BLOCK = 100;
const NO_OPTIONS: CallOutput<'auditFilterOptions'> = { actors: [], kinds: [] };

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const changesOf = useCallback(
    (r: AuditRow) => (i18n.language.startsWith('en') ? changesIn(t, i18n.language, r.before, r.after, { action: r.action, entity: r.entity, names: r.names }) : r.changes),
    [t, i18n.language],
  );
  const localeText = useGridLocale(t('audit.noRows'));
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [total, setTotal] = useState<number | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { value: verification } = useCall('verifyAuditChain', {}, { onError: (text) => setMessage({ kind: 'error', text }) });
  // Without the options the filters offer only 全部.
  const { value: options } = useCall('auditFilterOptions', {}, { initial: NO_OPTIONS });

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams) {
        call('listAuditLog', { ...applied, offset: params.startRow, limit: params.endRow - params.startRow }).then(
          (r) => {
            params.successCallback(r.rows, r.total);
            setTotal(r.total);
          },
          (e: unknown) => {
            params.failCallback();
            setTotal(null);
            setMessage({ kind: 'error', text: messageOf(e) });
          },
        );
      },
    }),
    [applied],
  );

  const columnDefs = useMemo<ColDef<AuditRow>[]>(
    () => [
      { field: 'id', headerName: t('audit.id'), width: 90 },
      { field: 'time', headerName: t('audit.at'), width: 175 },
      { field: 'actor', headerName: t('audit.actor'), width: 120 },
      { colId: 'kind', headerName: t('audit.kind'), width: 120, valueGetter: (p) => (p.data ? kindName(t, p.data, i18n.language) : '') },
      { colId: 'action', headerName: t('audit.action'), width: 180, valueGetter: (p) => (p.data ? actionName(t, p.data, i18n.language) : '') },
      { field: 'subject', headerName: t('audit.subject'), width: 150 },
      // In Chinese the archive's own sentence; in English the stored before/after said in English.
      { colId: 'changes', headerName: t('audit.changes'), flex: 1, minWidth: 300, tooltipValueGetter: (p) => p.value as string, valueGetter: (p) => (p.data ? changesOf(p.data) : '') },
    ],
    [t, i18n.language, changesOf],
  );

  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value.trim() === '' ? null : e.target.value }));
  const search = useCallback(() => {
    setMessage(null);
    setApplied({ ...draft });
  }, [draft]);

  const exportXlsx = async () => {
    setBusy(true);
    try {
      const file = await call('exportAuditLog', applied);
      saveFile(file);
      setMessage({ kind: 'info', text: t('audit.exported', { name: file.fileName, rows: file.rows }) });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="audit-page" data-testid="audit-page">
      <h2>{t('audit.heading')}</h2>
      <p className="muted small">{t('audit.hint')}</p>
      {!verification && <div className="alert info">{t('audit.verifying')}</div>}
      {verification && (
        <div
          className={`alert ${verification.intact ? 'info' : 'error'} audit-banner`}
          role={verification.intact ? 'status' : 'alert'}
          data-testid="audit-banner"
          data-intact={verification.intact ? 'yes' : 'no'}
        >
          {verification.intact ? t('audit.intact', { rows: verification.rows }) : t('audit.broken', { problem: verification.text })}
        </div>
      )}
      <form className="toolbar audit-filters" onSubmit={(e) => { e.preventDefault(); search(); }}>
        <label>
          {t('audit.actor')}
          <select value={draft.actor ?? ''} onChange={set('actor')} data-testid="audit-actor">
            <option value="">{t('audit.allActors')}</option>
            {options.actors.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <label>
          {t('audit.member')}
          <input value={draft.member ?? ''} onChange={set('member')} placeholder={t('audit.memberPlaceholder')} data-testid="audit-member" />
        </label>
        <label>
          {t('audit.from')}
          <input type="date" value={draft.from ?? ''} onChange={set('from')} data-testid="audit-from" />
        </label>
        <label>
          {t('audit.to')}
          <input type="date" value={draft.to ?? ''} onChange={set('to')} data-testid="audit-to" />
        </label>
        <label>
          {t('audit.kind')}
          <select value={draft.kind ?? ''} onChange={set('kind')} data-testid="audit-kind">
            <option value="">{t('audit.allKinds')}</option>
            {options.kinds.map((k) => <option key={k.kind} value={k.kind}>{kindName(t, { kind: k.kind, kindLabel: k.label }, i18n.language)}</option>)}
          </select>
        </label>
        <button type="submit" className="btn primary" data-testid="audit-search">{t('audit.search')}</button>
        <button type="button" className="btn" data-testid="audit-reset" onClick={() => { setDraft(EMPTY); setApplied(EMPTY); setMessage(null); }}>{t('audit.reset')}</button>
        <button type="button" className="btn" data-testid="audit-export" disabled={busy} onClick={() => void exportXlsx()}>{t('audit.export')}</button>
        {total !== null && <span className="muted" data-testid="audit-total">{t('audit.total', { total })}</span>}
      </form>
      {message && <div className={`alert ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="audit-message">{message.text}</div>}
      <div className="audit-grid" data-testid="audit-grid">
        <AgGridReact<AuditRow>
          theme={gridTheme}
          localeText={localeText}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, sortable: false }}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK}
          maxBlocksInCache={20}
          getRowId={(p) => String(p.data.id)}
          tooltipShowDelay={400}
          rowHeight={34}
        />
      </div>
    </div>
  );
}
