// The IPC transport in front of the dispatcher: one channel ('api'), one handler. It answers only the
// main frame of a window this app created, showing a page of the app's own origin, and only for known
// call names; the dispatcher then parses the input with the contract's zod schema. No logic beyond that.
// Each window (webContents) has its own login session, kept here in the main process; the dispatcher
// checks the session's user and role for every call.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { isCallName } from '../api/callNames';
import type { ApiResult, CallContext, Dispatcher } from '../api/result';
import { API_CHANNEL } from '../api/windowApi';
import { APP_ORIGIN, isTrustedUrl } from './appOrigin';
import { WindowSession } from '../services/accounts/session';

/** The login session of each window, by its webContents (dropped with it). */
export class WindowSessions {
  private readonly byContents = new WeakMap<object, WindowSession>();

  of(contents: object): WindowSession {
    let session = this.byContents.get(contents);
    if (!session) this.byContents.set(contents, (session = new WindowSession()));
    return session;
  }
}

export interface RegisterApiOptions {
  /** The actor recorded while nobody is logged in (the OS user of the install); only `actor` is used. */
  context: CallContext | (() => CallContext);
  /** Where the windows' sessions are kept (one store per app). */
  sessions?: WindowSessions;
  /** True for the webContents of windows this app created (see window.ts isOwnWindowContents). */
  isOwnWindow: (contents: WebContents) => boolean;
  /** Origins whose pages may call; only the app's own origin unless a development server is used. */
  trustedOrigins?: readonly string[];
}

const defaultSessions = new WindowSessions();

type ApiInvokeEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

function refused(code: 'forbidden' | 'unknown_call' | 'internal', message: string): ApiResult {
  return { ok: false, error: { code, message } };
}

/** Why a sender may not call the API, or null when it may. */
export function senderRefusal(event: ApiInvokeEvent, options: RegisterApiOptions): string | null {
  const frame = event.senderFrame;
  if (!frame || frame.detached) return '调用来源已不存在。';
  if (!options.isOwnWindow(event.sender)) return '调用不是来自本程序的窗口。';
  if (frame.parent !== null) return '调用不是来自窗口的主页面。';
  if (!isTrustedUrl(frame.url, options.trustedOrigins ?? [APP_ORIGIN])) return '调用来自本程序以外的页面。';
  return null;
}

/** One call from the renderer: check the sender and the call name, then hand over to the dispatcher. */
export async function handleApiCall(
  dispatcher: Dispatcher,
  options: RegisterApiOptions,
  event: ApiInvokeEvent,
  callName: unknown,
  input: unknown,
): Promise<ApiResult> {
  const refusal = senderRefusal(event, options);
  if (refusal !== null) return refused('forbidden', `拒绝调用：${refusal}`);
  if (typeof callName !== 'string') return refused('unknown_call', '调用名称无效。');
  if (!isCallName(callName)) return refused('unknown_call', `未知的调用：${callName.slice(0, 64)}`);
  const base = typeof options.context === 'function' ? options.context() : options.context;
  // A window is never trusted: it acts only as the user logged in to its own session.
  const context: CallContext = { actor: base.actor, session: (options.sessions ?? defaultSessions).of(event.sender) };
  try {
    return await dispatcher.dispatch(callName, input, context);
  } catch (error) {
    // The dispatcher turns failures into results itself; this is the last guard for the transport.
    console.error(`[api] ${callName} failed`, error);
    return refused('internal', `程序内部错误，操作未完成（${callName}）。`);
  }
}

/** Installs the handler for the 'api' channel; returns a function that removes it. */
export function registerApi(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatcher: Dispatcher,
  options: RegisterApiOptions,
): () => void {
  ipcMain.removeHandler(API_CHANNEL);
  ipcMain.handle(API_CHANNEL, (event, callName: unknown, input: unknown) =>
    handleApiCall(dispatcher, options, event, callName, input),
  );
  return () => ipcMain.removeHandler(API_CHANNEL);
}
