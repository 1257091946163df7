// The preload: exposes window.api with exactly one function per call name. Each sends the call over
// the single 'api' channel and resolves to the ApiResult. Nothing else (no ipcRenderer, no Node) is
// exposed. Runs sandboxed, so it is bundled as one CommonJS file requiring only 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, type CallName } from '../api/callNames';
import type { ApiResult } from '../api/result';
import { API_CHANNEL, type WindowApi } from '../api/windowApi';

function callFor(name: CallName) {
  return (input?: unknown): Promise<ApiResult> => ipcRenderer.invoke(API_CHANNEL, name, input);
}

const api = Object.freeze(
  Object.fromEntries(CALL_NAMES.map((name) => [name, callFor(name)])),
) as WindowApi;

contextBridge.exposeInMainWorld('api', api);
