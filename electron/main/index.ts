// App lifecycle: one instance; the archive opened from the data folder; the dispatcher behind the IPC
// adapter; the app:// protocol; the main window; the archive closed cleanly on quit.
import os from 'node:os';
import path from 'node:path';
import { app, dialog, ipcMain, protocol, session, type BrowserWindow, type WebContents } from 'electron';
import type { Archive } from '../../db/connection';
import { openArchiveForUse } from '../services/backup/openWithBackup';
import { applyConfirmedRestore, setUpBackups } from './backups';
import { createDispatcher } from '../api/dispatcher';
import { archiveFile, defaultDataDir } from '../services/core/dataDir';
import { APP_ORIGIN, originOf } from './appOrigin';
import { registerApi, WindowSessions } from './ipc';
import { registerPrinter } from './printerIpc';
import { registerFolderDialog } from './folderDialog';
import { guardDownloads } from './downloads';
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
let closeBackup: () => Promise<void> = async () => undefined;
let quitting = false;

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
    await applyConfirmedRestore(dataDir, dialog);
    archive = await openArchiveForUse(dataDir);
  } catch (error) {
    dialog.showErrorBox(
      '无法打开档案',
      `档案文件 ${archiveFile(dataDir)} 无法打开，程序将退出。\n\n${error instanceof Error ? error.message : String(error)}\n\n数据文件夹的 backups 中有自动备份;管理员可用命令 restore 从备份恢复(见说明书“备份与恢复”)。`,
    );
    app.exit(1);
    return;
  }
  const backups = setUpBackups({
    app,
    dataDir,
    archive: () => archive,
    dispatcher: createDispatcher(archive, {
      onInternalError: (callName, error) => console.error(`[api] ${callName} failed`, error),
    }),
  });
  closeBackup = () => backups.schedule.closeBackup();
  const dispatcher = backups.dispatcher;
  serveRenderer(protocol, RENDERER_DIR);
  const actor = operatorName();
  registerApi(ipcMain, dispatcher, { context: { actor }, sessions: new WindowSessions(), isOwnWindow: isOwnWindowContents, trustedOrigins });
  registerPrinter(ipcMain, { isOwnWindow: isOwnWindowContents, trustedOrigins });
  registerFolderDialog(ipcMain, { isOwnWindow: isOwnWindowContents, trustedOrigins });
  guardDownloads(session.defaultSession, { isOwnWindow: (contents) => isOwnWindowContents(contents as WebContents), trustedOrigins });
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
    if (quitting) return; // a second quit while the close backup runs
    quitting = true;
    const closing = archive;
    // The backup at close runs first (it needs the archive); then the archive is closed.
    closeBackup()
      .catch((error: unknown) => console.error('[backup] close backup failed', error))
      .then(() => {
        archive = null;
        return closing.close();
      })
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
