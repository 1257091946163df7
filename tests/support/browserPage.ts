// One window of the app in Chromium, as every e2e test opens it: a zh-CN context the size of a clerk's
// screen, one page, and every uncaught error of the page (and, when asked, every console error) kept in
// `pageErrors`, which each test expects to be empty at its end: a page that threw while looking right
// has still failed the clerk.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../harness/browser';

export interface WatchedPageOptions {
  /** The window's size; the app is laid out for 1440×900. */
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
  acceptDownloads?: boolean;
  /** Runs in the page before the app's own scripts (stand-ins for what Electron's preload gives the window). */
  initScript?: () => void;
  /** Also count console.error as a page error (the app logs there what it caught and could not show). */
  consoleErrors?: boolean;
  /** Open the window in this browser instead of launching one: several windows of one test share it. */
  browser?: Browser;
  /** Collect into this array (shared by several windows) instead of a new one. */
  pageErrors?: string[];
  /** What each collected error starts with, to tell windows apart; by default where it came from. */
  label?: string;
}

export interface WatchedPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  pageErrors: string[];
  /** Closes the browser when this call launched it, otherwise only this window's context. */
  close(): Promise<void>;
}

export const APP_VIEWPORT = { width: 1440, height: 900 };

export async function openWatchedPage(options: WatchedPageOptions = {}): Promise<WatchedPage> {
  const launched = options.browser ? null : await launchBrowser();
  const browser = options.browser ?? launched!;
  const pageErrors = options.pageErrors ?? [];
  try {
    const context = await browser.newContext({
      viewport: options.viewport ?? APP_VIEWPORT,
      locale: 'zh-CN',
      ...(options.deviceScaleFactor !== undefined ? { deviceScaleFactor: options.deviceScaleFactor } : {}),
      ...(options.acceptDownloads !== undefined ? { acceptDownloads: options.acceptDownloads } : {}),
    });
    if (options.initScript) await context.addInitScript(options.initScript);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(`${options.label ?? 'pageerror'}: ${err.message}`));
    if (options.consoleErrors) {
      page.on('console', (msg) => {
        if (msg.type() === 'error') pageErrors.push(`${options.label ? `${options.label} console` : 'console'}: ${msg.text()}`);
      });
    }
    return { browser, context, page, pageErrors, close: () => (launched ? launched.close() : context.close()) };
  } catch (err) {
    await launched?.close();
    throw err;
  }
}
