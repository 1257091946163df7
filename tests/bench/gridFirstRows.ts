// Chromium opens the members page on an archive and we time how long until the first grid rows show.
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, RENDERER_DIR } from '../harness/server';
import { launchBrowser } from '../harness/browser';

/**
 * Milliseconds from opening the window to the dashboard's figures, and from the click on 党员 to the
 * first grid row with a name in it; null without a build.
 */
export async function measureGridFirstRows(dataDir: string): Promise<{ dashboardMs: number; gridMs: number } | null> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return null;
  const harness = await startHarness({ dataDir });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Warm the browser's own start-up out of the figure: the clerk's window is already open.
    await page.goto('about:blank');
    // The window opens on the dashboard (首页); the figure is from the click on 党员 to the first rows.
    const opened = Date.now();
    await page.goto(harness.url);
    // Wait for the dashboard's own reads to finish (they share the one connection with the grid's).
    await page.getByTestId('kpi-roll').waitFor({ timeout: 60_000 });
    const dashboardMs = Date.now() - opened;
    const t0 = Date.now();
    await page.getByTestId('nav-members').click();
    await page.waitForFunction(() => [...document.querySelectorAll('[role="gridcell"]')].some((c) => (c.textContent ?? '').trim() !== ''), undefined, { timeout: 30_000, polling: 10 });
    return { dashboardMs, gridMs: Date.now() - t0 };
  } finally {
    await browser.close();
    await harness.close();
  }
}
