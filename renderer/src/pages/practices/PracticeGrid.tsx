// An AG Grid of practice records (Community, client-side rows): the project's theme and locale, a fixed
// height, single-row selection by click. Shared by the tabs of 党建实务.
import { useMemo } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, RowClassParams } from 'ag-grid-community';
import { gridTheme, useGridLocale } from '../../lib/gridSetup';

interface Props<T> {
  rows: T[];
  columns: ColDef<T>[];
  rowId: (row: T) => string;
  selectedId?: string | null;
  onSelect?: (row: T) => void;
  height?: number;
  testId: string;
  rowClass?: (row: T) => string | undefined;
}

export function PracticeGrid<T>({ rows, columns, rowId, selectedId, onSelect, height = 420, testId, rowClass }: Props<T>) {
  const localeText = useGridLocale();
  const defaultColDef = useMemo<ColDef<T>>(() => ({ sortable: true, resizable: true, filter: true, minWidth: 70 }), []);
  return (
    <div style={{ height }} data-testid={testId} className="practices-grid">
      <AgGridReact<T>
        theme={gridTheme}
        localeText={localeText}
        rowData={rows}
        columnDefs={columns}
        defaultColDef={defaultColDef}
        getRowId={(p) => rowId(p.data)}
        onRowClicked={(e) => e.data && onSelect?.(e.data)}
        getRowClass={(p: RowClassParams<T>) => [p.data && rowId(p.data) === selectedId ? 'practices-row-selected' : '', p.data ? rowClass?.(p.data) ?? '' : ''].join(' ').trim() || undefined}
        suppressCellFocus
      />
    </div>
  );
}
