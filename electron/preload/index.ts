// The preload: exposes window.api with exactly one function per call name. Each sends the call over
// the single 'api' channel and resolves to the ApiResult; and window.printer (print, savePdf) on the
// 'printer' channel, and window.folders (the folder dialog). Nothing else (no ipcRenderer, no Node) is exposed. Runs sandboxed, so it is bundled as one CommonJS file requiring only 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import type { CallName } from '../api/callNames';
import type { ApiResult } from '../api/result';
import { API_CHANNEL, FOLDER_CHANNEL, PRINTER_CHANNEL, callNamesFromArgv, type WindowApi, type WindowFolders, type WindowPrinter } from '../api/windowApi';

function callFor(name: CallName) {
  return (input?: unknown): Promise<ApiResult> => ipcRenderer.invoke(API_CHANNEL, name, input);
}

// The names come from the main process (the window's arguments); the main process checks every name again.
const api = Object.freeze(
  Object.fromEntries(callNamesFromArgv(process.argv).map((name) => [name, callFor(name as CallName)])),
) as WindowApi;

contextBridge.exposeInMainWorld('api', api);

// window.printer: two functions on the 'printer' channel; the main process checks the sender again.
const printer: WindowPrinter = Object.freeze({
  print: (payload: Parameters<WindowPrinter['print']>[0]) => ipcRenderer.invoke(PRINTER_CHANNEL, 'print', payload),
  savePdf: (payload: Parameters<WindowPrinter['savePdf']>[0]) => ipcRenderer.invoke(PRINTER_CHANNEL, 'savePdf', payload),
});
contextBridge.exposeInMainWorld('printer', printer);

// window.folders: the system's folder dialog on the 'folders' channel; only the chosen path comes back.
const folders: WindowFolders = Object.freeze({
  pick: (payload: Parameters<WindowFolders['pick']>[0]) => ipcRenderer.invoke(FOLDER_CHANNEL, 'pick', payload),
});
contextBridge.exposeInMainWorld('folders', folders);
