// AG Grid Community, set up once by whichever grid loads first: only the modules the window's grids use
// (AllCommunityModule alone is most of a megabyte), the Quartz theme in the office's colours and the CJK
// font stack (no web fonts: the CSP allows only our own origin), and the locale text for the UI language.
//
// A grid that needs a feature whose module is missing logs AG Grid error #200 naming the module (the
// e2e tests count console errors): add the module here. ValidationModule spells out such problems
// during development; the production build leaves it out.
import {
  CellStyleModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  DateFilterModule,
  InfiniteRowModelModule,
  LocaleModule,
  ModuleRegistry,
  NumberFilterModule,
  RowSelectionModule,
  RowStyleModule,
  TextFilterModule,
  TooltipModule,
  ValidationModule,
  themeQuartz,
} from 'ag-grid-community';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { gridLocaleText } from './gridLocale';

ModuleRegistry.registerModules([
  // 党建实务's grids hold their rows; the members, county members and audit grids ask the archive a block at a time.
  ClientSideRowModelModule,
  InfiniteRowModelModule,
  // The members grid's text and date column filters; 党建实务's `filter: true` picks text, number or date by the cell's type.
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  // tooltipField / tooltipValueGetter (the audit log's changes, a member's full organization name).
  TooltipModule,
  // cellClass (names, id numbers, 'numericColumn' right alignment) and rowClassRules / getRowClass.
  CellStyleModule,
  RowStyleModule,
  // The members grid's column chooser and remembered columns (get/apply/resetColumnState, setColumnsVisible).
  ColumnApiModule,
  // localeText: the grid's own words in Chinese or English.
  LocaleModule,
  // The members grid: one click selects a row (double-click or Enter opens it).
  RowSelectionModule,
]);
if (import.meta.env.DEV) ModuleRegistry.registerModules([ValidationModule]);

export const FONT_STACK = ['Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'sans-serif'];

export const gridTheme = themeQuartz.withParams({
  fontFamily: FONT_STACK,
  fontSize: 14,
  headerFontSize: 14,
  headerFontWeight: 600,
  accentColor: '#b71c1c',
  headerBackgroundColor: '#f6f1ee',
  rowHoverColor: '#fdf3f0',
  selectedRowBackgroundColor: '#fbe4df',
  oddRowBackgroundColor: '#fcfbfa',
  spacing: 7,
  wrapperBorderRadius: 4,
  borderColor: '#e2dcd8',
});

/** Every grid's localeText: our words for an empty grid (this grid's own, if it has them), the package's for the rest. */
export function useGridLocale(empty?: string): Record<string, string> {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => gridLocaleText(language, { empty: empty ?? t('grid.empty'), noMatch: t('grid.noMatch'), loading: t('grid.loading') }), [language, empty, t]);
}
