// Printing from Electron: a print template's HTML goes into a hidden, sandboxed window with JavaScript
// off, is printed (webContents.print) or turned into a PDF (printToPDF), and the window is destroyed
// afterwards, whatever happened. The HTML is written to a private temp file and loaded from there, so
// the window loads nothing but our own page, and large batches do not hit data-URL limits.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BrowserWindow, type WebContents } from 'electron';

export const PRINT_WINDOW_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  javascript: false,
  webSecurity: true,
  images: true,
  spellcheck: false,
} as const;

export async function withPrintWindow<T>(html: string, use: (contents: WebContents) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'party-records-print-'));
  const file = path.join(dir, 'print.html');
  await fs.writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
  const win = new BrowserWindow({ show: false, width: 794, height: 1123, webPreferences: { ...PRINT_WINDOW_PREFERENCES } });
  try {
    const contents = win.webContents;
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    await win.loadFile(file);
    return await use(contents);
  } finally {
    if (!win.isDestroyed()) win.destroy();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A4 PDF bytes of the page; the template's own @page rules (orientation, margins) win. */
export function printToPdf(html: string): Promise<Buffer> {
  return withPrintWindow(html, (contents) => contents.printToPDF({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true }));
}

export interface PrintOptions {
  deviceName?: string;
  copies?: number;
  /** false shows the system print dialog; true prints straight to the chosen printer. */
  silent?: boolean;
}

/** Print the page on a printer. Rejects with the reason when the printer refuses or the clerk cancels. */
export function printHtml(html: string, options: PrintOptions = {}): Promise<void> {
  return withPrintWindow(
    html,
    (contents) =>
      new Promise<void>((resolve, reject) => {
        contents.print(
          { silent: options.silent ?? false, deviceName: options.deviceName, copies: options.copies ?? 1, printBackground: true, pageSize: 'A4' },
          (success, failureReason) => (success ? resolve() : reject(new Error(failureReason === 'cancelled' ? '已取消打印' : `打印失败:${failureReason}`))),
        );
      }),
  );
}
