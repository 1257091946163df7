// window.api is exposed by the preload (Electron) or injected by the test harness (browser).
import type { WindowApi, WindowFolders, WindowPrinter } from '../../electron/api/windowApi';

declare global {
  interface Window {
    api?: WindowApi;
    /** Only in Electron: the browser harness prints from the preview frame instead. */
    printer?: WindowPrinter;
    /** Only in Electron: the system's folder dialog (in the browser harness the folder is typed). */
    folders?: WindowFolders;
  }
}

export {};
