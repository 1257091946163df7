// The 'folders' channel with `electron` mocked: the system's folder dialog opened only for our own
// window's main frame, with a title that was checked; only the chosen path comes back; a cancel is a cancel.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fakes = vi.hoisted(() => ({ chosen: null as string | null, asked: [] as unknown[] }));

vi.mock('electron', () => ({
  BrowserWindow: { fromWebContents: () => null },
  dialog: {
    showOpenDialog: vi.fn(async (options: unknown) => {
      fakes.asked.push(options);
      return fakes.chosen ? { canceled: false, filePaths: [fakes.chosen] } : { canceled: true, filePaths: [] };
    }),
  },
}));

import { handleFolderCall, registerFolderDialog, FOLDER_CHANNEL } from '../../electron/main/folderDialog';

const own = { id: 1 };
const options = { isOwnWindow: (c: unknown) => c === own, trustedOrigins: ['app://party-records'] };
const event = (url: string, contents: unknown = own, isMain = true) => ({ sender: contents, senderFrame: { url, detached: false, parent: isMain ? null : {} } }) as never;
const APP = 'app://party-records/index.html';

beforeEach(() => {
  fakes.chosen = null;
  fakes.asked.length = 0;
});

describe('folder dialog channel', () => {
  it('returns the folder the clerk chose, as a directory dialog with our title', async () => {
    fakes.chosen = '/media/clerk/KINGSTON';
    expect(await handleFolderCall(options, event(APP), 'pick', { title: '选择 U 盘或文件夹' })).toEqual({ ok: true, path: '/media/clerk/KINGSTON' });
    expect(fakes.asked).toEqual([{ title: '选择 U 盘或文件夹', properties: ['openDirectory', 'createDirectory'] }]);
  });

  it('a cancelled dialog is a cancel, not an error', async () => {
    expect(await handleFolderCall(options, event(APP), 'pick', { title: '选择' })).toEqual({ ok: false, cancelled: true, message: '已取消' });
  });

  it('refuses a foreign page, a sub-frame, another window, unknown operations and bad payloads without opening a dialog', async () => {
    fakes.chosen = '/etc';
    expect(await handleFolderCall(options, event('https://evil.example/'), 'pick', { title: 'x' })).toMatchObject({ ok: false, message: expect.stringContaining('拒绝') });
    expect(await handleFolderCall(options, event(APP, own, false), 'pick', { title: 'x' })).toMatchObject({ ok: false });
    expect(await handleFolderCall(options, event(APP, { id: 2 }), 'pick', { title: 'x' })).toMatchObject({ ok: false });
    expect(await handleFolderCall(options, event(APP), 'delete', { title: 'x' })).toMatchObject({ ok: false, message: '未知的文件夹操作' });
    expect(await handleFolderCall(options, event(APP), 'pick', { title: 'x'.repeat(101) })).toMatchObject({ ok: false });
    expect(await handleFolderCall(options, event(APP), 'pick', null)).toMatchObject({ ok: false });
    expect(fakes.asked).toEqual([]);
  });

  it('registers one handler on its channel and removes it again', () => {
    const handlers = new Map<string, unknown>();
    const ipc = { handle: (c: string, h: unknown) => void handlers.set(c, h), removeHandler: (c: string) => void handlers.delete(c) };
    const off = registerFolderDialog(ipc, options);
    expect([...handlers.keys()]).toEqual([FOLDER_CHANNEL]);
    off();
    expect(handlers.size).toBe(0);
  });
});
