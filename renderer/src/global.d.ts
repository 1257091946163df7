// window.api is exposed by the preload (Electron) or injected by the test harness (browser).
import type { WindowApi, WindowPrinter } from '../../electron/api/windowApi';

declare global {
  interface Window {
    api?: WindowApi;
    /** Only in Electron: the browser harness prints from the preview frame instead. */
    printer?: WindowPrinter;
  }
}

export {};
