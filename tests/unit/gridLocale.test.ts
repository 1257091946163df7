// Every grid of the window speaks the window's language, empty grids included: AG Grid's locale package
// says "无显示行" for an empty grid, and a grid left without localeText says "No Rows To Show".
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { gridLocaleText } from '../../renderer/src/lib/gridLocale';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { en } from '../../renderer/src/i18n/en';

const OVERLAYS = ['noRowsToShow', 'noMatchingRows', 'loadingOoo'] as const;

describe('the grids’ words', () => {
  it.each([
    ['zh-CN', zhCN, AG_GRID_LOCALE_CN],
    ['en', en, AG_GRID_LOCALE_EN],
  ] as const)('%s: our words over the overlays, the locale package’s for the rest', (language, messages, pack) => {
    const text = gridLocaleText(language, { empty: messages.grid.empty, noMatch: messages.grid.noMatch, loading: messages.grid.loading });
    expect(text.noRowsToShow).toBe(messages.grid.empty);
    expect(text.noMatchingRows).toBe(messages.grid.noMatch);
    expect(text.loadingOoo).toBe(messages.grid.loading);
    for (const key of OVERLAYS) expect(text[key]).not.toBe(pack[key]);
    expect(text.filterOoo).toBe(pack.filterOoo);
  });

  it('the Chinese overlay words are Chinese and none is the package’s “无显示行”', () => {
    for (const s of [zhCN.grid.empty, zhCN.grid.noMatch, zhCN.grid.noRows, zhCN.audit.noRows]) {
      expect(s).toMatch(/[\u4e00-\u9fff]/);
      expect(s).not.toContain('无显示行');
    }
  });

  it('every grid of the renderer takes its localeText from useGridLocale', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx$/.test(e.name)) files.push(p);
      }
    };
    walk(path.resolve(__dirname, '../../renderer/src'));
    const grids = files.filter((f) => fs.readFileSync(f, 'utf8').includes('<AgGridReact'));
    expect(grids.length).toBeGreaterThanOrEqual(4);
    for (const f of grids) {
      const source = fs.readFileSync(f, 'utf8');
      const uses = source.split('<AgGridReact').length - 1;
      expect(source, f).toContain('useGridLocale(');
      expect(source.split('localeText={localeText}').length - 1, f).toBe(uses);
    }
  });
});
