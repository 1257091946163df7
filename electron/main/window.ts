// The main window and the guards every web page of the app runs under: sandboxed, isolated renderer;
// no new windows, no navigation away from the app's origin, no permission ever granted.
import { BrowserWindow, type WebContents } from 'electron';
import { APP_ENTRY_URL, APP_ORIGIN, isTrustedUrl } from './appOrigin';
import { CALL_NAMES } from '../api/callNames';
import { callNamesArgument } from '../api/windowApi';

export const WINDOW_TITLE = '乡镇党员档案';

export interface MainWindowOptions {
  /** Absolute path of the built preload script (out/preload/index.js). */
  preloadPath: string;
  /** The page to open; the app's own entry unless a development server is used. */
  startUrl?: string;
  /** Origins the window may show and navigate within. */
  trustedOrigins?: readonly string[];
}

/** webContents ids of the windows created here: the IPC adapter answers only these. */
const ownWindowContents = new Set<number>();
const hardened = new WeakSet<WebContents>();

/** True when `contents` belongs to a window created by createMainWindow and not yet closed. */
export function isOwnWindowContents(contents: WebContents): boolean {
  return ownWindowContents.has(contents.id);
}

/**
 * Deny window.open, <webview>, navigation and redirects outside `trustedOrigins`, and every
 * permission request or check. Safe to call more than once for the same contents.
 */
export function hardenWebContents(contents: WebContents, trustedOrigins: readonly string[] = [APP_ORIGIN]): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const refuseForeign = (details: { url: string; preventDefault(): void }) => {
    if (!isTrustedUrl(details.url, trustedOrigins)) details.preventDefault();
  };
  // will-frame-navigate also covers subframes; will-redirect covers server redirects.
  contents.on('will-navigate', refuseForeign);
  contents.on('will-frame-navigate', refuseForeign);
  contents.on('will-redirect', refuseForeign);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
  // WebHID / WebUSB / Web Serial devices go through their own handler, not the permission handlers.
  contents.session.setDevicePermissionHandler?.(() => false);
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const trustedOrigins = options.trustedOrigins ?? [APP_ORIGIN];
  const window = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      additionalArguments: [callNamesArgument(CALL_NAMES)],
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  const contentsId = window.webContents.id;
  ownWindowContents.add(contentsId);
  window.on('closed', () => ownWindowContents.delete(contentsId));
  hardenWebContents(window.webContents, trustedOrigins);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.startUrl ?? APP_ENTRY_URL);
  return window;
}
