// What the preload exposes to the renderer as `window.api`: one function per call name, each sending
// the call over the single IPC channel and resolving to the dispatcher's ApiResult. No Electron here:
// the renderer, the test harness and the preload share these types.
import type { CallName } from './callNames';
import type { ApiResult } from './result';

/** The one IPC channel every call travels on: ipcRenderer.invoke(API_CHANNEL, callName, input). */
export const API_CHANNEL = 'api';

export type WindowApi = {
  readonly [K in CallName]: (input?: unknown) => Promise<ApiResult>;
};
