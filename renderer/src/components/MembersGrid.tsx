// The members grid: AG Grid's infinite row model asks listMembers for blocks of 100 rows as the clerk
// scrolls, so even a county's 150,000 members never travel to the window at once. Sorting and the
// column filters run in the archive. After a write the cache is refreshed in place (scroll position
// and sort kept), not reloaded.
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type {
  CellKeyDownEvent,
  ColumnState,
  FullWidthCellKeyDownEvent,
  ColDef,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  IDatasource,
  IGetRowsParams,
  RowClassRules,
  RowDoubleClickedEvent,
  RowSelectionOptions,
  OverlayType,
} from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { api, messageOf, type CallInput } from '../api';
import { gridTheme, useGridLocale } from '../lib/gridSetup';
import { EXIT_COLUMNS, LOCKED_COLUMNS, memberColumns, type MemberRow } from './memberColumns';

export type MemberView = 'roll' | 'exited' | 'all' | 'probationary' | 'mobile' | 'lost' | 'lostReview' | 'hardship' | 'transferPending';

export interface MembersQuery {
  orgId: string | null;
  view: MemberView;
  exitReason: string | null;
  search: string;
}

/** What the column chooser remembers (preference "membersGrid.columns"). */
export interface SavedColumns {
  version: 1;
  columns: { colId: string; hide?: boolean; width?: number; pinned?: 'left' | 'right' | null }[];
}

export interface ColumnInfo {
  colId: string;
  label: string;
  visible: boolean;
  locked: boolean;
}

export interface MembersGridHandle {
  /** Re-read the loaded blocks after a write (keeps scroll, sort and filters). */
  refresh(): void;
  columns(): ColumnInfo[];
  setColumnVisible(colId: string, visible: boolean): void;
  resetColumns(): void;
  /** Whether the clerk has narrowed the grid with its column filters. */
  hasFilters(): boolean;
  /** What the clerk sees, for 导出Excel: sort, column filters and the visible columns in order. */
  exportView(): { sort: { colId: string; sort: 'asc' | 'desc' }[]; filters: Filters; columns: string[] };
}

export const COLUMNS_PREF = 'membersGrid.columns';
const BLOCK_SIZE = 100;
const DEFAULT_COL_DEF: ColDef<MemberRow> = { sortable: true, resizable: true, floatingFilter: true };
// One click marks the row the clerk is looking at; opening is a double-click or Enter, so a stray click never opens a drawer.
const ROW_SELECTION: RowSelectionOptions<MemberRow> = { mode: 'singleRow', checkboxes: false, enableClickSelection: true };
// An empty result is told by our own notice over the grid (it can say where a search's matches are).
const NO_GRID_OVERLAY: OverlayType[] = ['noRows'];

type Filters = NonNullable<CallInput<'listMembers'>['filters']>;

/** Only the single-condition text and date models the archive understands travel. */
function filtersOf(model: Record<string, unknown> | null | undefined): Filters {
  const out: Filters = {};
  for (const [colId, raw] of Object.entries(model ?? {})) {
    const m = raw as Record<string, unknown>;
    if (m.filterType === 'text' && typeof m.type === 'string') {
      out[colId] = { filterType: 'text', type: m.type as never, filter: (m.filter as string | null | undefined) ?? null };
    } else if (m.filterType === 'date' && typeof m.type === 'string') {
      out[colId] = { filterType: 'date', type: m.type as never, dateFrom: (m.dateFrom as string | null) ?? null, dateTo: (m.dateTo as string | null) ?? null };
    }
  }
  return out;
}

function showsExitColumns(view: MemberView): boolean {
  return view === 'exited' || view === 'all';
}

interface Props {
  query: MembersQuery;
  savedColumns: SavedColumns | null;
  onColumnsSaved: (saved: SavedColumns) => void;
  /** Column filters to start with (another page opened the grid on a subset). */
  initialFilters?: Record<string, unknown>;
  onOpen: (id: string) => void;
  onTotal: (total: number | null) => void;
  onError: (message: string) => void;
  /** Shown over the grid when the question finds nobody (where the search's matches are, say). */
  emptyNotice?: ReactNode;
  ref?: Ref<MembersGridHandle>;
}

export function MembersGrid({ query, savedColumns, onColumnsSaved, initialFilters, onOpen, onTotal, onError, emptyNotice, ref }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const gridApi = useRef<GridApi<MemberRow> | null>(null);
  const callbacks = useRef({ onTotal, onError, onOpen, onColumnsSaved });
  const saveTimer = useRef<number | undefined>(undefined);
  const initialColumns = useRef(savedColumns);
  const startFilters = useRef(initialFilters);
  const [empty, setEmpty] = useState(false);

  useEffect(() => {
    callbacks.current = { onTotal, onError, onOpen, onColumnsSaved };
  }, [onTotal, onError, onOpen, onColumnsSaved]);

  const columnDefs = useMemo(() => memberColumns(t, language), [t, language]);
  const localeText = useGridLocale(t('grid.noRows'));

  const { orgId, view, exitReason, search } = query;
  // A new datasource when the question changes: the grid drops its cache and starts at the top.
  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams) {
        const input: CallInput<'listMembers'> = {
          startRow: params.startRow,
          endRow: params.endRow,
          sort: params.sortModel.slice(0, 5).map((s) => ({ colId: s.colId, sort: s.sort })),
          orgId,
          view,
          exitReason,
          search: search || null,
          filters: filtersOf(params.filterModel),
        };
        api
          .listMembers(input)
          .then((result) => {
            params.successCallback(result.rows, result.total);
            callbacks.current.onTotal(result.total);
            setEmpty(result.total === 0);
          })
          .catch((err: unknown) => {
            params.failCallback();
            callbacks.current.onTotal(null);
            callbacks.current.onError(messageOf(err));
          });
      },
    }),
    [orgId, view, exitReason, search],
  );

  const persistColumns = useCallback(() => {
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(() => {
      const grid = gridApi.current;
      if (!grid || grid.isDestroyed()) return;
      const saved: SavedColumns = {
        version: 1,
        columns: grid.getColumnState().map((s: ColumnState) => ({
          colId: s.colId,
          // The exit columns follow the view; remembering their visibility would fight it.
          ...(EXIT_COLUMNS.includes(s.colId) ? {} : { hide: !!s.hide }),
          width: s.width ?? undefined,
          pinned: s.pinned === 'left' || s.pinned === 'right' ? s.pinned : null,
        })),
      };
      callbacks.current.onColumnsSaved(saved);
      api.setPreference(COLUMNS_PREF, saved).catch(() => undefined);
    }, 600);
  }, []);

  useEffect(() => () => window.clearTimeout(saveTimer.current), []);

  const applyViewColumns = useCallback((grid: GridApi<MemberRow>, v: MemberView) => {
    grid.setColumnsVisible(EXIT_COLUMNS, showsExitColumns(v));
  }, []);

  useEffect(() => {
    const grid = gridApi.current;
    if (grid && !grid.isDestroyed()) applyViewColumns(grid, view);
  }, [view, applyViewColumns]);

  const onGridReady = useCallback(
    (event: GridReadyEvent<MemberRow>) => {
      gridApi.current = event.api;
      const saved = initialColumns.current;
      if (saved?.version === 1 && Array.isArray(saved.columns)) {
        const known = new Set(event.api.getColumns()?.map((c) => c.getColId()) ?? []);
        event.api.applyColumnState({
          state: saved.columns
            .filter((c) => known.has(c.colId))
            .map((c) => ({ colId: c.colId, width: c.width, pinned: c.pinned ?? null, ...(c.hide === undefined || LOCKED_COLUMNS.includes(c.colId) ? {} : { hide: c.hide }) })),
          applyOrder: true,
        });
      }
      applyViewColumns(event.api, view);
      if (startFilters.current) event.api.setFilterModel(startFilters.current);
    },
    [applyViewColumns, view],
  );

  useImperativeHandle(
    ref,
    () => ({
      refresh() {
        const grid = gridApi.current;
        if (grid && !grid.isDestroyed()) grid.refreshInfiniteCache();
      },
      columns() {
        const grid = gridApi.current;
        if (!grid || grid.isDestroyed()) return [];
        return (grid.getAllGridColumns() ?? [])
          .filter((c) => !EXIT_COLUMNS.includes(c.getColId()))
          .map((c) => ({
            colId: c.getColId(),
            label: c.getColDef().headerName ?? c.getColId(),
            visible: c.isVisible(),
            locked: LOCKED_COLUMNS.includes(c.getColId()),
          }));
      },
      setColumnVisible(colId, visible) {
        gridApi.current?.setColumnsVisible([colId], visible);
        persistColumns();
      },
      hasFilters() {
        const grid = gridApi.current;
        return !!grid && !grid.isDestroyed() && Object.keys(filtersOf(grid.getFilterModel())).length > 0;
      },
      exportView() {
        const grid = gridApi.current;
        if (!grid || grid.isDestroyed()) return { sort: [], filters: {}, columns: [] };
        const state = grid.getColumnState();
        const sort = state
          .filter((s) => s.sort === 'asc' || s.sort === 'desc')
          .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
          .slice(0, 5)
          .map((s) => ({ colId: s.colId, sort: s.sort as 'asc' | 'desc' }));
        const columns = (grid.getAllDisplayedColumns() ?? []).map((c) => c.getColId());
        return { sort, filters: filtersOf(grid.getFilterModel()), columns };
      },
      resetColumns() {
        const grid = gridApi.current;
        if (!grid) return;
        grid.resetColumnState();
        applyViewColumns(grid, view);
        persistColumns();
      },
    }),
    [persistColumns, applyViewColumns, view],
  );

  const onCellKeyDown = useCallback((event: CellKeyDownEvent<MemberRow> | FullWidthCellKeyDownEvent<MemberRow>) => {
    const key = (event.event as KeyboardEvent | null)?.key;
    if (key === 'Enter' && event.data?.id) callbacks.current.onOpen(event.data.id);
  }, []);

  const rowClassRules = useMemo<RowClassRules<MemberRow>>(() => ({ 'row-exited': (p) => !!p.data?.exitReason }), []);
  const getRowId = useCallback((p: GetRowIdParams<MemberRow>) => p.data.id, []);
  const onRowDoubleClicked = useCallback((e: RowDoubleClickedEvent<MemberRow>) => {
    if (e.data?.id) callbacks.current.onOpen(e.data.id);
  }, []);

  const onColumnChanged = useCallback(
    (event: { source: string; finished?: boolean }) => {
      if (event.source === 'api' || event.source === 'gridInitializing' || event.source === 'flex') return;
      if (event.finished === false) return;
      persistColumns();
    },
    [persistColumns],
  );

  return (
    <div className="members-grid" data-testid="members-grid" aria-label={t('grid.openHint')}>
      {empty && (
        <div className="grid-empty" data-testid="grid-empty" role="status">
          {emptyNotice ?? t('grid.noRows')}
        </div>
      )}
      <AgGridReact<MemberRow>
        theme={gridTheme}
        localeText={localeText}
        columnDefs={columnDefs}
        defaultColDef={DEFAULT_COL_DEF}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={BLOCK_SIZE}
        maxBlocksInCache={50}
        infiniteInitialRowCount={1}
        getRowId={getRowId}
        rowSelection={ROW_SELECTION}
        suppressOverlays={NO_GRID_OVERLAY}
        rowClassRules={rowClassRules}
        onGridReady={onGridReady}
        onRowDoubleClicked={onRowDoubleClicked}
        onCellKeyDown={onCellKeyDown}
        onColumnMoved={onColumnChanged}
        onColumnResized={onColumnChanged}
        onColumnPinned={onColumnChanged}
        onColumnVisible={onColumnChanged}
        tooltipShowDelay={600}
        enableCellTextSelection={false}
        suppressCellFocus={false}
        rowHeight={36}
        headerHeight={38}
        floatingFiltersHeight={36}
      />
    </div>
  );
}
