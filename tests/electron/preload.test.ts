// The preload exposes window.api with exactly one function per call name, each invoking the 'api'
// channel with its own name; nothing else crosses the bridge.
import { beforeAll, describe, expect, it, vi } from 'vitest';

const bridge = vi.hoisted(() => ({
  exposed: [] as [string, unknown][],
  invoke: vi.fn(async (channel: string, name: string, input: unknown) => ({ ok: true, value: { channel, name, input } })),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => bridge.exposed.push([key, value]),
  },
  ipcRenderer: { invoke: bridge.invoke, send: vi.fn(), on: vi.fn(), sendSync: vi.fn() },
}));

import { CALL_NAMES } from '../../electron/api/callNames';
import { callNamesArgument } from '../../electron/api/windowApi';

describe('preload', () => {
  let api: Record<string, unknown>;

  beforeAll(async () => {
    // The main process passes the names as a window argument (window.ts additionalArguments).
    process.argv.push(callNamesArgument(CALL_NAMES));
    await import('../../electron/preload/index');
    api = bridge.exposed[0]?.[1] as Record<string, unknown>;
  });

  it('exposes window.api, window.printer and window.folders, and nothing else', () => {
    expect(bridge.exposed.map(([key]) => key)).toEqual(['api', 'printer', 'folders']);
  });

  it('window.folders has only pick, on the folders channel', async () => {
    const folders = bridge.exposed[2][1] as Record<string, (p: unknown) => Promise<unknown>>;
    expect(Object.keys(folders)).toEqual(['pick']);
    bridge.invoke.mockClear();
    await folders.pick({ title: '选择 U 盘或文件夹' });
    expect(bridge.invoke).toHaveBeenCalledWith('folders', 'pick', { title: '选择 U 盘或文件夹' });
  });

  it('window.printer has print and savePdf on the printer channel, nothing else', async () => {
    const printer = bridge.exposed[1][1] as Record<string, (p: unknown) => Promise<unknown>>;
    expect(Object.keys(printer).sort()).toEqual(['print', 'savePdf']);
    bridge.invoke.mockClear();
    await printer.savePdf({ html: '<p>x</p>', suggestedName: '花名册' });
    expect(bridge.invoke).toHaveBeenCalledWith('printer', 'savePdf', { html: '<p>x</p>', suggestedName: '花名册' });
  });

  it('has exactly the CALL_NAMES functions', () => {
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it("each function invokes the 'api' channel with its own name and the input", async () => {
    for (const name of CALL_NAMES) {
      bridge.invoke.mockClear();
      const input = { probe: name };
      const result = await (api[name] as (input: unknown) => Promise<unknown>)(input);
      expect(bridge.invoke).toHaveBeenCalledTimes(1);
      expect(bridge.invoke).toHaveBeenCalledWith('api', name, input);
      expect(result).toEqual({ ok: true, value: { channel: 'api', name, input } });
    }
  });
});
