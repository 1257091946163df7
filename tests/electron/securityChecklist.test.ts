// The architecture guide's Electron checklist, item by item, against electron/main with Electron mocked:
// contextIsolation, sandbox, no nodeIntegration, strict CSP (header and page), the app:// protocol,
// navigation and new windows denied, permission requests, checks and device permissions denied, IPC
// senders checked and payloads parsed, no raw ipcRenderer, and the Electron code confined to
// electron/main and electron/preload. (Fuses: tests/unit/electronBuilderConfig.test.ts; the built
// output: tests/electron/electronegativity.test.ts.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fakes = await import('./fakeElectron');
  return { BrowserWindow: fakes.FakeBrowserWindow };
});

import { createMainWindow } from '../../electron/main/window';
import { CONTENT_SECURITY_POLICY, APP_ENTRY_URL } from '../../electron/main/appOrigin';
import { handleApiCall } from '../../electron/main/ipc';
import { FakeSession, navigationEvent, type FakeBrowserWindow } from './fakeElectron';

const ROOT = path.resolve(__dirname, '..', '..');

// The fake session learns the device handler so that its installation can be seen.
(FakeSession.prototype as unknown as { setDevicePermissionHandler: (h: unknown) => void }).setDevicePermissionHandler = function (this: { deviceHandler?: unknown }, h: unknown) {
  this.deviceHandler = h;
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

describe('Electron checklist (architecture guide)', () => {
  const window = createMainWindow({ preloadPath: '/app/out/preload/index.js' }) as unknown as FakeBrowserWindow;
  const prefs = window.options.webPreferences as Record<string, unknown>;
  const contents = window.webContents;

  it('contextIsolation, sandbox, no nodeIntegration, webSecurity, no insecure content, no webview, no experimental features', () => {
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false });
    expect(prefs.experimentalFeatures).toBeUndefined();
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    const main = fs.readFileSync(path.join(ROOT, 'electron', 'main', 'index.ts'), 'utf8');
    expect(main).toContain('app.enableSandbox()');
  });

  it('the app is served from app://, with a strict CSP both as a header and in the page', () => {
    expect(window.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    const csp = CONTENT_SECURITY_POLICY.split('; ');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    const html = fs.readFileSync(path.join(ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    // The page carries the same policy minus frame-ancestors (which only works as a header).
    expect(meta).toBe(csp.filter((d) => !d.startsWith('frame-ancestors')).join('; '));
  });

  it('navigation away from the app, new windows and <webview> are denied', () => {
    const away = navigationEvent('https://example.com/');
    contents.emit('will-navigate', away, away.url);
    expect(away.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('permission requests, permission checks and device permissions are denied', () => {
    const session = contents.session as unknown as { permissionRequestHandler: (...a: unknown[]) => void; permissionCheckHandler: (...a: unknown[]) => boolean; deviceHandler: (...a: unknown[]) => boolean };
    const callback = vi.fn();
    session.permissionRequestHandler(contents, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.permissionCheckHandler(contents, 'geolocation')).toBe(false);
    expect(session.deviceHandler({ deviceType: 'usb', origin: 'app://party-records' })).toBe(false);
  });

  it('IPC: a sender that is not our window is refused before the dispatcher sees the call', async () => {
    const dispatch = vi.fn();
    const foreign = { sender: { id: -1 }, senderFrame: { url: 'https://evil.example/', parent: null, detached: false } };
    const r = await handleApiCall({ callNames: [], dispatch }, { context: { actor: 'x' }, isOwnWindow: () => false }, foreign as never, 'listMembers', {});
    expect(r.ok).toBe(false);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('the preload exposes only window.api, window.printer and window.folders through contextBridge, never ipcRenderer', () => {
    const preload = sourceFiles(path.join(ROOT, 'electron', 'preload')).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    expect(preload).toContain('contextBridge.exposeInMainWorld');
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
  });

  it("'electron' is imported only in electron/main and electron/preload", () => {
    const offenders = [...sourceFiles(path.join(ROOT, 'electron')), ...sourceFiles(path.join(ROOT, 'db')), ...sourceFiles(path.join(ROOT, 'renderer', 'src'))]
      .filter((f) => !f.includes(`${path.sep}electron${path.sep}main${path.sep}`) && !f.includes(`${path.sep}electron${path.sep}preload${path.sep}`))
      .filter((f) => /from ['"]electron['"]|require\(['"]electron['"]\)/.test(fs.readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
