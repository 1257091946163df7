// The window's code as it ships (out/renderer/assets, built by `npm run build`, which `npm test` runs
// first): no single script over 2 MB. One big chunk means AG Grid's or ECharts' whole packages came back
// (AllCommunityModule, `import * as echarts from 'echarts'`), a page lost its lazy import, or the build
// stopped minifying. This test builds nothing itself.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ASSETS = path.resolve(__dirname, '..', '..', 'out', 'renderer', 'assets');
const LIMIT = 2 * 1024 * 1024;

function scripts(): { name: string; size: number }[] {
  if (!fs.existsSync(ASSETS)) {
    throw new Error(`No renderer build at ${ASSETS}: run npm run build first (npm test does it before vitest).`);
  }
  return fs
    .readdirSync(ASSETS)
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, size: fs.statSync(path.join(ASSETS, name)).size }))
    .sort((a, b) => b.size - a.size);
}

describe('renderer bundle', () => {
  it('has no script over 2 MB', () => {
    const all = scripts();
    expect(all.length, `no .js files in ${ASSETS}: run npm run build`).toBeGreaterThan(0);
    const largest = all[0];
    expect(largest.size, `${largest.name} is ${(largest.size / 1024).toFixed(0)} kB (limit ${LIMIT / 1024} kB)`).toBeLessThanOrEqual(LIMIT);
  });

  it('loads the pages as chunks of their own', () => {
    // The entry chunk alone would hold every page if Workspace imported them statically again.
    expect(scripts().length).toBeGreaterThan(3);
  });
});
