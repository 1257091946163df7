// App lifecycle (electron/main/index.ts) with Electron, the archive and the dispatcher mocked: the data
// folder is set before the single-instance lock, the archive opens from it, the API, protocol and
// window are set up once ready, and quitting waits for the archive to close.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({
  steps: [] as string[],
  gotLock: true,
  openFails: false,
  archive: { close: vi.fn(async () => undefined) },
  dispatcher: { callNames: [] as string[], dispatch: vi.fn() },
  appListeners: new Map<string, ((...args: unknown[]) => void)[]>(),
  ready: null as null | (() => void),
  modules: null as null | Record<string, unknown>,
}));

vi.mock('../../db/connection', () => ({
  openArchive: vi.fn(async (file: string) => {
    state.steps.push(`openArchive ${file}`);
    if (state.openFails) throw new Error('database disk image is malformed');
    return state.archive;
  }),
}));

vi.mock('../../electron/api/dispatcher', () => ({
  createDispatcher: vi.fn((archive: unknown) => {
    state.steps.push(`createDispatcher ${archive === state.archive}`);
    return state.dispatcher;
  }),
}));

async function freshElectron() {
  const fakes = await import('./fakeElectron');
  let readyResolve!: () => void;
  const ready = new Promise<void>((resolve) => (readyResolve = resolve));
  state.ready = readyResolve;
  const protocol = new fakes.FakeProtocol();
  const ipcMain = new fakes.FakeIpcMain();
  const dialog = { showErrorBox: vi.fn((title: string) => state.steps.push(`errorBox ${title}`)) };
  const app = {
    isPackaged: true,
    setPath: vi.fn((name: string, value: string) => state.steps.push(`setPath ${name} ${value}`)),
    getPath: vi.fn(() => process.env.PARTY_RECORDS_DATA),
    enableSandbox: vi.fn(() => state.steps.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => {
      state.steps.push('requestSingleInstanceLock');
      return state.gotLock;
    }),
    quit: vi.fn(() => state.steps.push('quit')),
    exit: vi.fn((code: number) => state.steps.push(`exit ${code}`)),
    on: vi.fn((name: string, listener: (...args: unknown[]) => void) => {
      state.appListeners.set(name, [...(state.appListeners.get(name) ?? []), listener]);
    }),
    whenReady: () => ready,
  };
  const originalRegister = protocol.registerSchemesAsPrivileged.bind(protocol);
  protocol.registerSchemesAsPrivileged = (schemes: unknown[]) => {
    state.steps.push('registerSchemesAsPrivileged');
    originalRegister(schemes);
  };
  const session = { defaultSession: new fakes.FakeEmitter() }; // downloads (xlsx exports) are guarded on it
  state.modules = { app, protocol, ipcMain, dialog, session, BrowserWindow: fakes.FakeBrowserWindow };
  return state.modules;
}

const DATA_DIR = path.join('/tmp', 'party-records-lifecycle-test');

async function startApp() {
  vi.resetModules();
  state.steps = [];
  state.appListeners.clear();
  vi.doMock('electron', freshElectron);
  await import('../../electron/main/index');
  const fakes = await import('./fakeElectron');
  return { modules: state.modules as Record<string, never>, fakes };
}

async function becomeReady() {
  state.ready!();
  await new Promise((resolve) => setTimeout(resolve, 10));
}

function emitApp(name: string, ...args: unknown[]) {
  for (const listener of state.appListeners.get(name) ?? []) listener(...args);
}

describe('app lifecycle', () => {
  beforeEach(() => {
    vi.stubEnv('PARTY_RECORDS_DATA', DATA_DIR);
    state.gotLock = true;
    state.openFails = false;
    state.archive.close.mockClear();
  });
  afterEach(() => vi.unstubAllEnvs());

  it('sets the data folder before taking the single-instance lock, and registers app:// before ready', async () => {
    await startApp();
    expect(state.steps.slice(0, 4)).toEqual([
      `setPath userData ${DATA_DIR}`,
      'registerSchemesAsPrivileged',
      'enableSandbox',
      'requestSingleInstanceLock',
    ]);
  });

  it('opens the archive in the data folder, then sets up the API, protocol and window', async () => {
    const { modules, fakes } = await startApp();
    const before = fakes.FakeBrowserWindow.created.length;
    await becomeReady();
    expect(state.steps).toContain(`openArchive ${path.join(DATA_DIR, 'archive.db')}`);
    expect(state.steps).toContain('createDispatcher true');
    const ipcMain = modules.ipcMain as unknown as InstanceType<typeof fakes.FakeIpcMain>;
    const protocol = modules.protocol as unknown as InstanceType<typeof fakes.FakeProtocol>;
    expect([...ipcMain.handlers.keys()]).toEqual(['api', 'printer', 'folders']);
    expect([...protocol.handlers.keys()]).toEqual(['app']);
    expect((modules.session as unknown as { defaultSession: InstanceType<typeof fakes.FakeEmitter> }).defaultSession.listenerCount('will-download')).toBe(1);
    expect(fakes.FakeBrowserWindow.created.length).toBe(before + 1);
    const window = fakes.FakeBrowserWindow.created.at(-1)!;
    expect(window.loadURL).toHaveBeenCalledWith('app://party-records/index.html');
  });

  it('holds the quit until the archive is closed', async () => {
    await startApp();
    await becomeReady();
    const event = { preventDefault: vi.fn() };
    emitApp('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    // The backup at close runs first (here it fails on the mocked archive and is only logged).
    await vi.waitFor(() => expect(state.archive.close).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(state.steps.at(-1)).toBe('quit');
    // The second will-quit (from that quit) goes through.
    const second = { preventDefault: vi.fn() };
    emitApp('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(state.archive.close).toHaveBeenCalledTimes(1);
  });

  it('quits at once when another instance holds the lock', async () => {
    state.gotLock = false;
    await startApp();
    await becomeReady();
    expect(state.steps).toContain('quit');
    expect(state.steps.some((step) => step.startsWith('openArchive'))).toBe(false);
  });

  it('tells the clerk and exits when the archive cannot be opened', async () => {
    state.openFails = true;
    const { modules } = await startApp();
    await becomeReady();
    expect(state.steps).toContain('errorBox 无法打开档案');
    expect(state.steps).toContain('exit 1');
    const ipcMain = modules.ipcMain as unknown as { handlers: Map<string, unknown> };
    expect(ipcMain.handlers.size).toBe(0);
  });
});
