// The window benchmark's steps (tests/bench/windowFigures.ts) still find their way through the window:
// log in, the dashboard's first figures and charts, the members grid's first rows, and the county's
// member page after one package. `npm run bench` times them at 6,000 and 150,000 members; here a tiny
// archive only proves that none of the steps waits for something the window no longer shows.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWindowCounty, buildWindowTownship, measureCountyMembers, measureTownshipWindow } from '../bench/windowFigures';
import { tempDir } from '../support/tempArchive';

const root = tempDir('pr-bench-window-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the window benchmark at a tiny size (browser)', () => {
  it('measures a township’s dashboard and grid, then a county’s member page', async () => {
    const township = path.join(root, 'township');
    await buildWindowTownship(township, 300);
    const w = await measureTownshipWindow(township);
    expect(w, 'the renderer build (npx electron-vite build)').not.toBeNull();
    expect(w!.loginMs).toBeGreaterThan(0);
    expect(w!.dashboardMs).toBeGreaterThan(w!.loginMs);
    expect(w!.gridMs).toBeGreaterThan(0);

    const county = path.join(root, 'county');
    await buildWindowCounty(county, township, path.join(root, 'stick'));
    const c = await measureCountyMembers(county);
    expect(c!.membersMs).toBeGreaterThan(0);
  }, 180_000);
});
