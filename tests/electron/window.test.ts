// The main window: isolated, sandboxed renderer without Node; no new windows, no navigation away from
// the app's origin, no permissions.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fakes = await import('./fakeElectron');
  return { BrowserWindow: fakes.FakeBrowserWindow };
});

import { createMainWindow, hardenWebContents, isOwnWindowContents } from '../../electron/main/window';
import { FakeWebContents, navigationEvent, type FakeBrowserWindow } from './fakeElectron';

const PRELOAD = '/opt/party-records/resources/app.asar/out/preload/index.js';

describe('createMainWindow', () => {
  let window: FakeBrowserWindow;

  beforeEach(() => {
    window = createMainWindow({ preloadPath: PRELOAD }) as unknown as FakeBrowserWindow;
  });

  it('isolates and sandboxes the renderer and gives it no Node', () => {
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).not.toBe(true);
    expect(prefs.nodeIntegrationInWorker).not.toBe(true);
    expect(prefs.webSecurity).not.toBe(false);
    expect(prefs.allowRunningInsecureContent).not.toBe(true);
    expect(prefs.webviewTag).not.toBe(true);
    expect(prefs.preload).toBe(PRELOAD);
  });

  it('is titled 乡镇党员档案 and loads the app from app://party-records', () => {
    expect(window.options.title).toBe('乡镇党员档案');
    expect(window.loadURL).toHaveBeenCalledWith('app://party-records/index.html');
  });

  it('shows itself once ready', () => {
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it('denies window.open', () => {
    const handler = window.webContents.windowOpenHandler;
    expect(handler).not.toBeNull();
    for (const url of ['https://evil.example/', 'app://party-records/index.html', 'about:blank']) {
      expect(handler!({ url, frameName: '', features: '', disposition: 'new-window' })).toEqual({ action: 'deny' });
    }
  });

  for (const eventName of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    it(`prevents ${eventName} to a foreign URL and allows pages of the app`, () => {
      expect(window.webContents.listenerCount(eventName)).toBeGreaterThan(0);
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://evil/index.html', 'javascript:alert(1)', 'not a url']) {
        const event = navigationEvent(url);
        window.webContents.emit(eventName, event, url);
        expect(event.preventDefault, url).toHaveBeenCalled();
      }
      const own = navigationEvent('app://party-records/index.html#/members');
      window.webContents.emit(eventName, own, own.url);
      expect(own.preventDefault).not.toHaveBeenCalled();
    });
  }

  it('prevents <webview> from attaching', () => {
    const event = { preventDefault: vi.fn() };
    window.webContents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    const { permissionRequestHandler, permissionCheckHandler } = window.webContents.session;
    expect(permissionRequestHandler).not.toBeNull();
    expect(permissionCheckHandler).not.toBeNull();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
      const callback = vi.fn();
      permissionRequestHandler!(window.webContents, permission, callback, { requestingUrl: 'app://party-records/' });
      expect(callback).toHaveBeenCalledWith(false);
      expect(permissionCheckHandler!(window.webContents, permission, 'app://party-records', {})).toBe(false);
    }
  });

  it('counts as our window until closed', () => {
    expect(isOwnWindowContents(window.webContents as never)).toBe(true);
    expect(isOwnWindowContents(new FakeWebContents() as never)).toBe(false);
    window.emit('closed');
    expect(isOwnWindowContents(window.webContents as never)).toBe(false);
  });
});

describe('hardenWebContents', () => {
  it('installs its guards once however often it is called', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    hardenWebContents(contents as never);
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.windowOpenHandler).not.toBeNull();
  });
});
