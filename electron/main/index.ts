// App lifecycle: one instance; the archive opened from the data folder; the dispatcher behind the IPC
// adapter; the app:// protocol; the main window; the archive closed cleanly on quit.
import os from 'node:os';
import path from 'node:path';
import { app, dialog, ipcMain, protocol, type BrowserWindow } from 'electron';
import { openArchive, type Archive } from '../../db/connection';
import { createDispatcher } from '../api/dispatcher';
import { archiveFile, defaultDataDir } from '../services/dataDir';
import { APP_ORIGIN, originOf } from './appOrigin';
import { registerApi } from './ipc';
import { registerPrinter } from './printerIpc';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow, hardenWebContents, isOwnWindowContents } from './window';

// Built layout: out/main/index.js, out/preload/index.js, out/renderer/index.html.
const PRELOAD_PATH = path.join(__dirname, '../preload/index.js');
const RENDERER_DIR = path.join(__dirname, '../renderer');

// `electron-vite dev` serves the renderer from a local dev server; only an unpackaged app trusts it.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const devOrigin = devServerUrl ? originOf(devServerUrl) : null;
const trustedOrigins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];

let archive: Archive | null = null;
let mainWindow: BrowserWindow | null = null;

function operatorName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

function showMainWindow(): void {
  if (mainWindow === null || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow({ preloadPath: PRELOAD_PATH, startUrl: devServerUrl, trustedOrigins });
    mainWindow.on('closed', () => (mainWindow = null));
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  try {
    archive = await openArchive(archiveFile(dataDir));
  } catch (error) {
    dialog.showErrorBox(
      '无法打开档案',
      `档案文件 ${archiveFile(dataDir)} 无法打开，程序将退出。\n\n${error instanceof Error ? error.message : String(error)}`,
    );
    app.exit(1);
    return;
  }
  const dispatcher = createDispatcher(archive, {
    onInternalError: (callName, error) => console.error(`[api] ${callName} failed`, error),
  });
  serveRenderer(protocol, RENDERER_DIR);
  const actor = operatorName();
  registerApi(ipcMain, dispatcher, { context: { actor }, isOwnWindow: isOwnWindowContents, trustedOrigins });
  registerPrinter(ipcMain, { isOwnWindow: isOwnWindowContents, trustedOrigins });
  showMainWindow();
}

// Before ready: the data folder (the single-instance lock lives in it), the privileged scheme, sandbox.
app.setPath('userData', defaultDataDir());
registerAppScheme(protocol);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (archive !== null) showMainWindow();
  });
  // Every web page, including ones opened later (print windows), gets the same guards.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, trustedOrigins));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (archive === null) return;
    // Hold the quit until the archive is closed (pending writes finish inside its mutex first).
    event.preventDefault();
    const closing = archive;
    archive = null;
    closing
      .close()
      .catch((error: unknown) => console.error('[archive] close failed', error))
      .finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('[app] start failed', error);
      app.exit(1);
    });
}
