// AG Grid Community, set up once: every community module registered, the Quartz theme in the office's
// colours and the CJK font stack (no web fonts: the CSP allows only our own origin), and the locale
// text for the UI language.
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';

ModuleRegistry.registerModules([AllCommunityModule]);

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

export function gridLocale(language: string): Record<string, string> {
  return language.startsWith('en') ? AG_GRID_LOCALE_EN : AG_GRID_LOCALE_CN;
}
