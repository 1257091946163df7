// The window's figures in Chromium, as a clerk meets them: log in on the login screen, then time
//   dashboard   from the click on 登录 to the dashboard's first figures (首页 opens first in a township);
//               of which `login`: until the archive has answered the login (scrypt's deliberate cost)
//   grid        from the click on 党员 to the first grid row with a name in it, clicked once the dashboard
//               has drawn its charts and the window has gone quiet (the clerk has read the figures)
//   county      from the click on 登录 to the first row of the county's member page (a county opens there)
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { HARNESS_ADMIN, RENDERER_DIR, startHarness } from '../harness/server';
import { launchBrowser } from '../harness/browser';
import { openArchive } from '../../db/connection';
import type { ServiceContext } from '../../electron/services/core/context';
import { archiveFile } from '../../electron/services/core/dataDir';
import { getSetup, initTownship } from '../../electron/services/core/settings';
import { insertDemoOrganizations } from '../../electron/services/demo/demoTownship';
import { generateTownship } from '../../electron/services/demo/township/generateTownship';
import { insertMembersBulk } from '../../electron/services/members/memberBulk';
import { importPackages } from '../../electron/services/exchange/countyImport';
import { writePackage } from '../../electron/services/exchange/packageWriter';
import { connect, openInstall, type Install } from '../support/exchangeScenario';
import { openPage } from '../support/nav';

const TODAY = '2026-11-28';

/** A township archive of generated members (西城镇), as the window's figures need one. */
export async function buildWindowTownship(dir: string, members: number): Promise<void> {
  const demo = generateTownship({ seed: 6, members, townshipName: '西城镇', townshipCode: '370783102', asOf: TODAY });
  const archive = await openArchive(archiveFile(dir));
  try {
    const ctx: ServiceContext = { archive, actor: 'bench', today: TODAY };
    const s = await initTownship(ctx, { code: '370783102', name: '西城镇', role: 'township' });
    const idOf = await insertDemoOrganizations(ctx, demo.orgs, s.rootOrgId!);
    await insertMembersBulk(ctx, demo.members.map(({ orgKey, ...m }) => ({ ...m, orgId: idOf.get(orgKey)! })), { source: 'bench' });
  } finally {
    await archive.close();
  }
}

/** A county archive at `dir` holding the township at `townshipDir` from one full package (written to `stick`). */
export async function buildWindowCounty(dir: string, townshipDir: string, stick: string): Promise<void> {
  let county: Install | undefined;
  let town: Install | undefined;
  try {
    county = await openInstall('county', '370783000', '寿光市', { dir, today: TODAY });
    const archive = await openArchive(archiveFile(townshipDir));
    const ctx: ServiceContext = { archive, actor: 'bench', today: TODAY };
    const { township } = await getSetup(ctx);
    town = { dir: townshipDir, code: township!.code, name: township!.name, archive, ctx: { archive, actor: 'bench', today: TODAY }, rootOrgId: '', reopen: async () => undefined, close: () => archive.close() };
    await connect(county, [town]);
    fs.mkdirSync(stick, { recursive: true });
    const written = await writePackage(town.ctx, { outDir: stick, full: true });
    await town.close();
    town = undefined;
    const [outcome] = await importPackages(county.ctx, [written.file]);
    if (outcome.status !== 'applied') throw new Error(`the package was not applied: ${outcome.status}`);
  } finally {
    await town?.close();
    await county?.close();
  }
}

/** Clicks 登录 and returns when; `checked` resolves when the archive has answered the login (its password check). */
async function loginTimed(page: Page, url: string): Promise<{ t0: number; checked: Promise<number> }> {
  await page.goto('about:blank'); // the browser's own start-up is not the clerk's wait
  await page.goto(url);
  await page.getByTestId('login-page').waitFor({ timeout: 60_000 });
  // What the window loads by itself behind the login screen (the first page's code) is in before a
  // person could have typed a name and a password.
  await page.waitForLoadState('networkidle');
  await page.getByTestId('login-name').fill(HARNESS_ADMIN.name);
  await page.getByTestId('login-password').fill(HARNESS_ADMIN.password);
  const answered = page.waitForResponse((r) => r.url().endsWith('/__api/login'), { timeout: 60_000 });
  const t0 = performance.now();
  await page.getByTestId('login-submit').click();
  return { t0, checked: answered.then(() => performance.now()) };
}

/** Runs in the page: a cell of the grid under `selector` holds text. */
const firstFilledCell = (selector: string) => [...document.querySelectorAll(`${selector} [role="gridcell"]`)].some((c) => (c.textContent ?? '').trim() !== '');

async function withWindow<T>(dataDir: string, work: (page: Page, url: string) => Promise<T>): Promise<T | null> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return null;
  const harness = await startHarness({ dataDir });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    return await work(page, harness.url);
  } finally {
    await browser.close();
    await harness.close();
  }
}

/** A township archive: the dashboard's figures after logging in, then the grid's first rows. Null without a build. */
export function measureTownshipWindow(dataDir: string): Promise<{ dashboardMs: number; loginMs: number; gridMs: number } | null> {
  return withWindow(dataDir, async (page, url) => {
    const { t0, checked } = await loginTimed(page, url);
    await page.getByTestId('kpi-roll').waitFor({ timeout: 60_000 });
    const dashboardMs = performance.now() - t0;
    const loginMs = (await checked) - t0;
    await page.getByTestId('chart-branches').waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const t1 = performance.now();
    await openPage(page, 'members');
    await page.waitForFunction(firstFilledCell, '[data-testid="members-grid"]', { timeout: 30_000, polling: 10 });
    return { dashboardMs, loginMs, gridMs: performance.now() - t1 };
  });
}

/** A county archive: its member page's first rows after logging in. Null without a build. */
export function measureCountyMembers(dataDir: string): Promise<{ membersMs: number } | null> {
  return withWindow(dataDir, async (page, url) => {
    const { t0 } = await loginTimed(page, url);
    await page.waitForFunction(firstFilledCell, '[data-testid="county-members-grid"]', { timeout: 60_000, polling: 10 });
    return { membersMs: performance.now() - t0 };
  });
}
