// window.api is exposed by the preload (Electron) or injected by the test harness (browser).
import type { WindowApi } from '../../electron/api/windowApi';

declare global {
  interface Window {
    api?: WindowApi;
  }
}

export {};
