// Downloads in the app's window (xlsx exports, the rows of an import with errors): only blob: URLs our
// own window made are saved, and always through the save dialog with the file's name and type.
import { describe, expect, it, vi } from 'vitest';
import { guardDownloads, isOwnBlobUrl, type DownloadLike } from '../../electron/main/downloads';
import { FakeEmitter } from './fakeElectron';

function download(url: string, fileName: string) {
  return { getURL: () => url, getFilename: () => fileName, setSaveDialogOptions: vi.fn<DownloadLike['setSaveDialogOptions']>() };
}

function setUp() {
  const session = new FakeEmitter();
  const own = { id: 1 };
  guardDownloads(session as never, { isOwnWindow: (c) => c.id === own.id });
  const fire = (item: ReturnType<typeof download>, contents: { id: number } | null = own) => {
    const event = { preventDefault: vi.fn() };
    session.emit('will-download', event, item, contents ?? undefined);
    return event;
  };
  return { session, fire };
}

describe('downloads from the window', () => {
  it('saves an export of our own window through the save dialog, named and typed', () => {
    const { session, fire } = setUp();
    expect(session.listenerCount('will-download')).toBe(1);
    const item = download('blob:app://party-records/5c0c4a4e-8a47-4d0b-9d63-2f0f2a1b6c11', '党员名单_2026-11-28.xlsx');
    const event = fire(item);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(item.setSaveDialogOptions).toHaveBeenCalledWith({
      title: '保存文件',
      defaultPath: '党员名单_2026-11-28.xlsx',
      filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
    });
  });

  it('cancels downloads from elsewhere: another origin, a plain URL, another window, no window', () => {
    const { fire } = setUp();
    for (const [url, contents] of [
      ['blob:https://evil.example/1', { id: 1 }],
      ['https://evil.example/a.xlsx', { id: 1 }],
      ['app://party-records/archive.db', { id: 1 }],
      ['blob:app://party-records/1', { id: 2 }],
      ['blob:app://party-records/1', null],
    ] as const) {
      const item = download(url, 'a.xlsx');
      expect(fire(item, contents).preventDefault).toHaveBeenCalled();
      expect(item.setSaveDialogOptions).not.toHaveBeenCalled();
    }
  });

  it('reads the origin inside a blob: URL', () => {
    expect(isOwnBlobUrl('blob:app://party-records/x', ['app://party-records'])).toBe(true);
    expect(isOwnBlobUrl('blob:http://localhost:5173/x', ['app://party-records', 'http://localhost:5173'])).toBe(true);
    expect(isOwnBlobUrl('blob:app://party-records.evil/x', ['app://party-records'])).toBe(false);
    expect(isOwnBlobUrl('app://party-records/x', ['app://party-records'])).toBe(false);
  });
});
