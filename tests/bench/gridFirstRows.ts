// Chromium opens the members grid on an archive and we time how long until the first rows show.
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, RENDERER_DIR } from '../harness/server';
import { launchBrowser } from '../harness/browser';

/** Milliseconds from navigation start to the first grid row with a name in it; null without a build. */
export async function measureGridFirstRows(dataDir: string): Promise<number | null> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return null;
  const harness = await startHarness({ dataDir });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Warm the browser's own start-up out of the figure: the clerk's window is already open.
    await page.goto('about:blank');
    const t0 = Date.now();
    await page.goto(harness.url);
    await page.waitForFunction(() => [...document.querySelectorAll('[role="gridcell"]')].some((c) => (c.textContent ?? '').trim() !== ''), undefined, { timeout: 30_000, polling: 10 });
    return Date.now() - t0;
  } finally {
    await browser.close();
    await harness.close();
  }
}
