// AG Grid's own words in the window's language: the locale package for the grid's menus and filters,
// with our words over the overlays. The package's Chinese for an empty grid reads "无显示行" (a word for
// word "no display rows"), and a grid without a locale says "No Rows To Show" in the Chinese window.
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';

export interface GridWords {
  /** The grid holds no rows at all. */
  empty: string;
  /** The grid's own column filters leave no rows. */
  noMatch: string;
  loading: string;
}

export function gridLocaleText(language: string, words: GridWords): Record<string, string> {
  const base = language.startsWith('en') ? AG_GRID_LOCALE_EN : AG_GRID_LOCALE_CN;
  return { ...base, noRowsToShow: words.empty, noMatchingRows: words.noMatch, loadingOoo: words.loading };
}
