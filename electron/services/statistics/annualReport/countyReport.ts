import type { ServiceContext } from '../../core/context';
import type { AnnualReport, CellItem } from './annualReport';
import type { CheckFailure } from './reportChecks';
import type { TableSpec } from './tableModel';

export async function computeCountyReport(_ctx: ServiceContext, _asOf: string, _township: string | null): Promise<AnnualReport> {
  throw new Error('todo');
}
export async function countyCellItems(_ctx: ServiceContext, _asOf: string, _township: string | null, _spec: TableSpec, _row: string, _column: string): Promise<{ entity: string; items: CellItem[] }> {
  throw new Error('todo');
}
export async function checkCountyReport(_ctx: ServiceContext, _report: AnnualReport, _township: string | null): Promise<{ failures: CheckFailure[]; checked: number }> {
  throw new Error('todo');
}
