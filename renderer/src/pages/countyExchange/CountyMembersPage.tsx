// The county's members page: every township's members from the packages it imported, in one grid with
// the township as a column and a filter. AG Grid's infinite row model asks listCountyMembers for blocks
// of 100 (a county holds ~150,000 members); sorting and filtering run in the archive. Every township
// record is a row (never merged by the ID number): a person transferred between townships is exited in
// the one and on the roll in the other; one on two rolls is shown in both, marked 重复登记. The status
// column says 流动, 失联, 转出待回执, 重复登记; double-click (or Enter) opens the record, read-only. The
// toolbar prints the 花名册 by township and exports the list with chosen columns, or the 花名册 as xlsx.
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, GridReadyEvent, IDatasource, IGetRowsParams } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { call, messageOf, type CallInput, type CallOutput } from '../../api';
import type { Language } from '../../i18n';
import { AppHeader } from '../../components/AppHeader';
import { SearchBox } from '../../components/SearchBox';
import { gridTheme, useGridLocale } from '../../lib/gridSetup';
import { labelOf } from '../../lib/codes';
import { useCall } from '../../lib/useCall';
import { PrintPreview, type PrintDocument } from '../../components/PrintPreview';
import { CountyMemberRecord } from './CountyMemberRecord';
import { CountyExportMenu } from './CountyExportMenu';

type Row = CallOutput<'listCountyMembers'>['rows'][number];
type Query = CallInput<'listCountyMembers'>;
type Status = NonNullable<Query['status']>;
type Sort = NonNullable<Query['sort']>;
const BLOCK = 100;
const SORTABLE: Record<string, Sort> = { townshipName: 'township', name: 'name', orgName: 'org', joinDate: 'joinDate', birthDate: 'birthDate' };

export function CountyMembersPage({ township, nav, onLanguage }: { township: string; nav: ReactNode; onLanguage: (l: Language) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const localeText = useGridLocale(t('grid.noRows'));
  const [townshipCode, setTownshipCode] = useState('');
  const [status, setStatus] = useState<Status>('roll');
  const [search, setSearch] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const gridApi = useRef<GridApi<Row> | null>(null);
  const [open, setOpen] = useState<{ townshipCode: string; id: string } | null>(null);
  const [printing, setPrinting] = useState<(() => Promise<PrintDocument>) | null>(null);

  const { value: countyStatus } = useCall('countyStatus', {}, { onError: setError });
  const townships = useMemo(() => (countyStatus?.townships ?? []).map((x) => ({ code: x.code, name: x.name })), [countyStatus]);

  const columnDefs = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'townshipName', headerName: t('countyExchange.grid.township'), width: 120, pinned: 'left', sortable: true },
      { field: 'name', headerName: t('countyExchange.grid.name'), width: 100, pinned: 'left', sortable: true, cellClass: 'cell-name' },
      {
        colId: 'status',
        headerName: t('countyDesk.status.heading'),
        width: 150,
        valueGetter: (p) =>
          p.data && !p.data.exitReason
            ? (['isMobile', 'isLost', 'transferPending', 'duplicate'] as const)
                .filter((k) => p.data![k])
                .map((k) => t(`countyDesk.status.${k === 'isMobile' ? 'mobile' : k === 'isLost' ? 'lost' : k}`))
                .join('、')
            : '',
        cellClass: (p) => (p.data?.duplicate ? 'cell-warn' : ''),
      },
      { field: 'gender', headerName: t('countyExchange.grid.gender'), width: 70, valueFormatter: (p) => labelOf('gender', p.value as string, lang) },
      { field: 'idNumber', headerName: t('countyExchange.grid.idNumber'), width: 190, cellClass: 'cell-mono' },
      { field: 'birthDate', headerName: t('countyExchange.grid.birthDate'), width: 115, sortable: true },
      { field: 'orgName', headerName: t('countyExchange.grid.org'), width: 230, sortable: true },
      { field: 'category', headerName: t('countyExchange.grid.category'), width: 100, valueFormatter: (p) => labelOf('memberCategory', p.value as string, lang) },
      { field: 'joinDate', headerName: t('countyExchange.grid.joinDate'), width: 115, sortable: true },
      { field: 'fullDate', headerName: t('countyExchange.grid.fullDate'), width: 115 },
      { field: 'phone', headerName: t('countyExchange.grid.phone'), width: 130 },
      { field: 'exitReason', headerName: t('countyExchange.grid.exit'), width: 110, hide: status === 'roll', valueFormatter: (p) => labelOf('exitReason', p.value as string, lang) },
      { field: 'exitDate', headerName: t('countyExchange.grid.exitDate'), width: 115, hide: status === 'roll' },
    ],
    [t, lang, status],
  );

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams) {
        const sortModel = params.sortModel[0];
        call('listCountyMembers', {
          offset: params.startRow,
          limit: params.endRow - params.startRow,
          townshipCode: townshipCode || null,
          search: search || null,
          status,
          sort: sortModel ? SORTABLE[sortModel.colId] : 'name', // by pinyin, every township mixed, like the township's own grid
          dir: sortModel?.sort === 'desc' ? 'desc' : 'asc',
        }).then(
          (r) => {
            setTotal(r.total);
            params.successCallback(r.rows, r.total);
          },
          (e: unknown) => {
            setError(messageOf(e));
            params.failCallback();
          },
        );
      },
    }),
    [townshipCode, search, status],
  );

  const onGridReady = useCallback((e: GridReadyEvent<Row>) => {
    gridApi.current = e.api;
  }, []);

  return (
    <div className="app-shell" data-testid="page-members">
      <AppHeader
        township={township}
        nav={nav}
        onLanguage={onLanguage}
        right={
          <span className="header-count" data-testid="header-count">
            {total === null ? '' : t('countyExchange.grid.total', { count: total })}
          </span>
        }
      />
      <main className="work-area cx-members" data-testid="county-members">
        <div className="toolbar">
          <SearchBox onSearch={setSearch} />
          <label className="cx-inline">
            {t('countyExchange.grid.township')}
            <select data-testid="cx-township-filter" value={townshipCode} onChange={(e) => setTownshipCode(e.target.value)}>
              <option value="">{t('countyExchange.grid.allTownships')}</option>
              {townships.map((x) => (
                <option key={x.code} value={x.code}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
          <label className="cx-inline">
            <select data-testid="cx-status-filter" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
              {(['roll', 'probationary', 'mobile', 'lost', 'transferPending', 'duplicate', 'exited', 'all'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`countyDesk.lists.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <span className="scope-total" data-testid="grid-total">
            {total === null ? '' : t('countyExchange.grid.total', { count: total })}
          </span>
          <div className="toolbar-actions">
            <button
              type="button"
              className="btn"
              data-testid="county-print-roster"
              title={t('countyDesk.printHint')}
              onClick={() => setPrinting(() => () => call('printCountyRoster', { townshipCode: townshipCode || null, status }))}
            >
              {t('countyDesk.print')}
            </button>
            <CountyExportMenu townshipCode={townshipCode || null} status={status} townshipName={townships.find((x) => x.code === townshipCode)?.name ?? t('countyExchange.grid.allTownships')} />
          </div>
        </div>
        <p className="muted small county-grid-hint">{t('countyDesk.hint')}</p>
        {error && (
          <div className="alert error" role="alert">
            {error}
          </div>
        )}
        <div className="members-grid" data-testid="county-members-grid">
          <AgGridReact<Row>
            key={lang}
            theme={gridTheme}
            localeText={localeText}
            columnDefs={columnDefs}
            defaultColDef={{ resizable: true, sortable: false }}
            rowModelType="infinite"
            datasource={datasource}
            cacheBlockSize={BLOCK}
            maxBlocksInCache={50}
            infiniteInitialRowCount={1}
            getRowId={(p) => `${p.data.townshipCode}:${p.data.id}`}
            onGridReady={onGridReady}
            onRowDoubleClicked={(e) => e.data && setOpen({ townshipCode: e.data.townshipCode, id: e.data.id })}
            onCellKeyDown={(e) => {
              const key = (e.event as KeyboardEvent | null | undefined)?.key;
              if (key === 'Enter' && e.data) setOpen({ townshipCode: e.data.townshipCode, id: e.data.id });
            }}
            rowHeight={36}
            headerHeight={38}
          />
        </div>
      </main>
      {open && <CountyMemberRecord key={`${open.townshipCode}:${open.id}`} townshipCode={open.townshipCode} id={open.id} onOpen={(townshipCode, id) => setOpen({ townshipCode, id })} onClose={() => setOpen(null)} />}
      {printing && <PrintPreview load={printing} onClose={() => setPrinting(null)} />}
    </div>
  );
}
