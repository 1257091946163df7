// Electron's print path with `electron` mocked (the binary is not available here): the hidden window
// is sandboxed with JavaScript off, loads only our HTML, and is destroyed afterwards — also on failure.
import fs from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fakes = vi.hoisted(() => {
  const state = { printFailure: null as string | null };
  class FakeContents {
    readonly listeners = new Map<string, ((...a: unknown[]) => unknown)[]>();
    windowOpenHandler: (() => unknown) | null = null;
    loadedHtml: string | null = null;
    printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7 fake'));
    print = vi.fn((_options: unknown, callback: (success: boolean, reason: string) => void) => callback(state.printFailure === null, state.printFailure ?? ''));
    setWindowOpenHandler(handler: () => unknown) {
      this.windowOpenHandler = handler;
    }
    on(name: string, listener: (...a: unknown[]) => unknown) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
  }
  class FakeWindow {
    static created: FakeWindow[] = [];
    readonly webContents = new FakeContents();
    destroyed = false;
    loadedFile: string | null = null;
    constructor(readonly options: { show?: boolean; webPreferences?: Record<string, unknown> }) {
      FakeWindow.created.push(this);
    }
    async loadFile(file: string) {
      this.loadedFile = file;
      this.webContents.loadedHtml = await import('node:fs').then((f) => f.readFileSync(file, 'utf8'));
    }
    loadURL = vi.fn();
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return { FakeWindow, state };
});

vi.mock('electron', () => ({ BrowserWindow: fakes.FakeWindow }));

import { printHtml, printToPdf } from '../../electron/main/printing';

const HTML = '<!doctype html><html><body><h1>党员基本信息表</h1></body></html>';

beforeEach(() => {
  fakes.FakeWindow.created.length = 0;
  fakes.state.printFailure = null;
});

describe('printing from a hidden window', () => {
  it('saves a PDF from a hidden, sandboxed window without JavaScript that loads only our HTML, then destroys it', async () => {
    const pdf = await printToPdf(HTML);
    expect(pdf.toString()).toContain('%PDF');
    const [win] = fakes.FakeWindow.created;
    expect(win.options.show).toBe(false);
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false });
    expect(win.options.webPreferences?.preload).toBeUndefined();
    expect(win.webContents.loadedHtml).toBe(HTML);
    expect(win.loadURL).not.toHaveBeenCalled();
    expect(win.webContents.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ pageSize: 'A4', preferCSSPageSize: true }));
    expect(win.destroyed).toBe(true);
    expect(fs.existsSync(win.loadedFile!)).toBe(false); // the temp copy is gone
    expect(win.webContents.windowOpenHandler?.()).toEqual({ action: 'deny' });
    const navigate = { preventDefault: vi.fn() };
    for (const l of win.webContents.listeners.get('will-navigate') ?? []) l(navigate);
    expect(navigate.preventDefault).toHaveBeenCalled();
  });

  it('prints to the chosen printer and destroys the window', async () => {
    await printHtml(HTML, { deviceName: 'HP LaserJet', silent: true });
    const [win] = fakes.FakeWindow.created;
    expect(win.webContents.print).toHaveBeenCalledWith(expect.objectContaining({ deviceName: 'HP LaserJet', silent: true }), expect.any(Function));
    expect(win.destroyed).toBe(true);
  });

  it('destroys the window also when the printer refuses, and says why in Chinese', async () => {
    fakes.state.printFailure = 'cancelled';
    await expect(printHtml(HTML)).rejects.toThrow('已取消打印');
    fakes.state.printFailure = 'Printer offline';
    await expect(printHtml(HTML)).rejects.toThrow('打印失败:Printer offline');
    expect(fakes.FakeWindow.created).toHaveLength(2);
    expect(fakes.FakeWindow.created.every((w) => w.destroyed)).toBe(true);
  });
});
