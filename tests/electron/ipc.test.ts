// The IPC adapter answers only the main frame of our own window showing app://party-records, only for
// known call names, and hands everything else to the dispatcher untouched.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fakes = await import('./fakeElectron');
  return { BrowserWindow: fakes.FakeBrowserWindow, ipcMain: new fakes.FakeIpcMain() };
});

import { CALL_NAMES } from '../../electron/api/callNames';
import type { ApiResult, CallContext, Dispatcher } from '../../electron/api/result';
import { API_CHANNEL } from '../../electron/api/windowApi';
import { registerApi, type RegisterApiOptions } from '../../electron/main/ipc';
import { createMainWindow, isOwnWindowContents } from '../../electron/main/window';
import { WindowSession } from '../../electron/services/accounts/session';
import { FakeIpcMain, FakeWebContents, type FakeBrowserWindow } from './fakeElectron';

/** Records every call; rejects inputs that are not objects, as the zod schemas would. */
class RecordingDispatcher implements Dispatcher {
  readonly callNames = CALL_NAMES;
  readonly calls: { callName: string; input: unknown; context: CallContext }[] = [];
  throwNext = false;
  async dispatch(callName: string, input: unknown, context: CallContext): Promise<ApiResult> {
    this.calls.push({ callName, input, context });
    if (this.throwNext) throw new Error('boom');
    if (input !== undefined && (typeof input !== 'object' || input === null)) {
      return { ok: false, error: { code: 'bad_input', message: '输入格式不对', issues: [] } };
    }
    return { ok: true, value: { echoed: callName } };
  }
}

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  detached: boolean;
}

function frame(url: string, parent: FakeFrame | null = null): FakeFrame {
  return { url, parent, detached: false };
}

const APP_PAGE = 'app://party-records/index.html';

describe('IPC adapter (registerApi)', () => {
  let ipcMain: FakeIpcMain;
  let dispatcher: RecordingDispatcher;
  let window: FakeBrowserWindow;
  let options: RegisterApiOptions;

  beforeEach(() => {
    ipcMain = new FakeIpcMain();
    dispatcher = new RecordingDispatcher();
    window = createMainWindow({ preloadPath: '/app/out/preload/index.js' }) as unknown as FakeBrowserWindow;
    options = { context: { actor: 'clerk' }, isOwnWindow: isOwnWindowContents };
    registerApi(ipcMain as never, dispatcher, options);
  });

  function call(sender: unknown, senderFrame: FakeFrame | null, ...args: unknown[]): Promise<ApiResult> {
    const handler = ipcMain.handlers.get(API_CHANNEL);
    if (!handler) throw new Error('no handler on the api channel');
    return handler({ sender, senderFrame }, ...args) as Promise<ApiResult>;
  }

  it('registers exactly one channel, "api", and can remove it', () => {
    expect([...ipcMain.handlers.keys()]).toEqual(['api']);
    const unregister = registerApi(ipcMain as never, dispatcher, options); // re-registering replaces
    expect([...ipcMain.handlers.keys()]).toEqual(['api']);
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes a good call to the dispatcher with its name, input and context', async () => {
    const result = await call(window.webContents, frame(APP_PAGE), 'listMembers', { orgId: 'o-1', text: '张' });
    expect(result).toEqual({ ok: true, value: { echoed: 'listMembers' } });
    expect(dispatcher.calls).toEqual([
      { callName: 'listMembers', input: { orgId: 'o-1', text: '张' }, context: { actor: 'clerk', session: expect.any(WindowSession) } },
    ]);
  });

  it('accepts every page of the app origin, not only index.html', async () => {
    const result = await call(window.webContents, frame('app://party-records/print.html#members'), 'orgTree', {});
    expect(result.ok).toBe(true);
  });

  it('takes the context from a function when given one', async () => {
    const unregister = registerApi(ipcMain as never, dispatcher, { ...options, context: () => ({ actor: 'zhang' }) });
    await call(window.webContents, frame(APP_PAGE), 'getSetup', undefined);
    expect(dispatcher.calls[0].context).toMatchObject({ actor: 'zhang' });
    unregister();
  });

  describe('refuses foreign senders without calling the dispatcher', () => {
    const cases: [string, () => [unknown, FakeFrame | null]][] = [
      ['a page of another origin', () => [window.webContents, frame('https://evil.example/index.html')]],
      ['a look-alike host', () => [window.webContents, frame('app://party-records.evil.example/index.html')]],
      ['a URL with user info', () => [window.webContents, frame('app://evil@party-records/index.html')]],
      ['a file:// page', () => [window.webContents, frame('file:///tmp/index.html')]],
      ['about:blank', () => [window.webContents, frame('about:blank')]],
      ['a subframe of our own page', () => [window.webContents, frame(APP_PAGE, frame(APP_PAGE))]],
      ['a foreign subframe inside our page', () => [window.webContents, frame('https://evil.example/', frame(APP_PAGE))]],
      ['a frame that is gone', () => [window.webContents, null]],
      ['a detached frame', () => [window.webContents, { ...frame(APP_PAGE), detached: true }]],
      ['a window we did not create', () => [new FakeWebContents(), frame(APP_PAGE)]],
    ];
    for (const [name, make] of cases) {
      it(name, async () => {
        const [sender, senderFrame] = make();
        const result = await call(sender, senderFrame, 'listMembers', {});
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('forbidden');
          expect(result.error.message).toMatch(/[\u4e00-\u9fff]/); // Chinese, for the clerk
        }
        expect(dispatcher.calls).toEqual([]);
      });
    }

    it('a window after it was closed', async () => {
      window.emit('closed');
      const result = await call(window.webContents, frame(APP_PAGE), 'listMembers', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(dispatcher.calls).toEqual([]);
    });
  });

  describe('refuses malformed payloads', () => {
    const badNames: unknown[] = [undefined, null, 42, { name: 'listMembers' }, ['listMembers'], '', 'dropAll', 'LISTMEMBERS', '__proto__', 'constructor', 'toString', 'x'.repeat(10_000)];
    for (const callName of badNames) {
      it(`call name ${JSON.stringify(callName)?.slice(0, 40) ?? String(callName)}`, async () => {
        const result = await call(window.webContents, frame(APP_PAGE), callName, {});
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('unknown_call');
          expect(result.error.message.length).toBeLessThan(200);
        }
        expect(dispatcher.calls).toEqual([]);
      });
    }

    it('returns the dispatcher refusal of a bad input unchanged', async () => {
      const result = await call(window.webContents, frame(APP_PAGE), 'createMember', 'not an object');
      expect(result).toEqual({ ok: false, error: { code: 'bad_input', message: '输入格式不对', issues: [] } });
      expect(dispatcher.calls).toHaveLength(1);
    });

    it('turns a dispatcher that throws into an internal error', async () => {
      dispatcher.throwNext = true;
      const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const result = await call(window.webContents, frame(APP_PAGE), 'orgTree', {});
      spy.mockRestore();
      expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    });
  });

  it('trusts a development server origin only when told to', async () => {
    const devFrame = frame('http://localhost:5173/');
    expect((await call(window.webContents, devFrame, 'orgTree', {})).ok).toBe(false);
    const unregister = registerApi(ipcMain as never, dispatcher, {
      ...options,
      trustedOrigins: ['app://party-records', 'http://localhost:5173'],
    });
    expect((await call(window.webContents, devFrame, 'orgTree', {})).ok).toBe(true);
    unregister();
  });
});
