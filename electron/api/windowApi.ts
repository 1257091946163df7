// What the preload exposes to the renderer as `window.api`: one function per call name, each sending
// the call over the single IPC channel and resolving to the dispatcher's ApiResult. No Electron here:
// the renderer, the test harness and the preload share these types.
import type { CallName } from './callNames';
import type { ApiResult } from './result';

/** The one IPC channel every call travels on: ipcRenderer.invoke(API_CHANNEL, callName, input). */
export const API_CHANNEL = 'api';

/**
 * The call names reach the sandboxed preload as one argument of the window's process (additionalArguments),
 * so the preload bundle holds no copy of the list and none of the contract's code.
 */
const CALL_NAMES_FLAG = '--party-records-calls=';

export function callNamesArgument(names: readonly string[]): string {
  return CALL_NAMES_FLAG + names.join(',');
}

export function callNamesFromArgv(argv: readonly string[]): string[] {
  const arg = argv.find((a) => a.startsWith(CALL_NAMES_FLAG));
  return arg ? arg.slice(CALL_NAMES_FLAG.length).split(',').filter((n) => /^[A-Za-z]\w*$/.test(n)) : [];
}

export type WindowApi = {
  readonly [K in CallName]: (input?: unknown) => Promise<ApiResult>;
};

/** The one channel for printing: ipcRenderer.invoke(PRINTER_CHANNEL, 'print' | 'savePdf', payload). */
export const PRINTER_CHANNEL = 'printer';

export type PrinterResult = { ok: true; path?: string } | { ok: false; cancelled?: boolean; message: string };

/** window.printer: Electron prints a template's HTML from a hidden window, or saves it as a PDF. */
export interface WindowPrinter {
  print(payload: { html: string; deviceName?: string; copies?: number }): Promise<PrinterResult>;
  savePdf(payload: { html: string; suggestedName: string }): Promise<PrinterResult>;
}

/** The channel of the folder dialog: ipcRenderer.invoke(FOLDER_CHANNEL, 'pick', { title }). */
export const FOLDER_CHANNEL = 'folders';

export type FolderPick = { ok: true; path: string } | { ok: false; cancelled?: boolean; message: string };

/** window.folders: the system's folder dialog, for a drive or folder the app did not list (导出到县, 导入乡镇数据). */
export interface WindowFolders {
  pick(payload: { title: string }): Promise<FolderPick>;
}
