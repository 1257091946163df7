// Files the window hands to the clerk (xlsx exports, the rows of an import with errors, …) arrive as
// downloads of blob: URLs the window made itself. Each goes through the system's save dialog with its
// own name and type; a download that did not come from our own window's origin is cancelled, so a page
// can never drop a file on the disk unasked.
import path from 'node:path';
import { APP_ORIGIN, isTrustedUrl } from './appOrigin';

/** The parts of Electron's DownloadItem used here (typed locally: no `electron` import, testable as is). */
export interface DownloadLike {
  getURL(): string;
  getFilename(): string;
  setSaveDialogOptions(options: { title?: string; defaultPath?: string; filters?: { name: string; extensions: string[] }[] }): void;
}
export interface SessionLike {
  on(event: 'will-download', listener: (event: { preventDefault(): void }, item: DownloadLike, contents: { id: number } | undefined) => void): unknown;
}

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  xlsx: { name: 'Excel 工作簿', extensions: ['xlsx'] },
  csv: { name: 'CSV 文件', extensions: ['csv'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

/** blob:app://party-records/<uuid> → is app://party-records trusted? */
export function isOwnBlobUrl(url: string, trustedOrigins: readonly string[]): boolean {
  return url.startsWith('blob:') && isTrustedUrl(url.slice('blob:'.length), trustedOrigins);
}

export function guardDownloads(
  session: SessionLike,
  options: { isOwnWindow: (contents: { id: number }) => boolean; trustedOrigins?: readonly string[] },
): void {
  const origins = options.trustedOrigins ?? [APP_ORIGIN];
  session.on('will-download', (event, item, contents) => {
    if (!contents || !options.isOwnWindow(contents) || !isOwnBlobUrl(item.getURL(), origins)) {
      event.preventDefault();
      return;
    }
    const name = item.getFilename();
    const filter = FILTERS[path.extname(name).slice(1).toLowerCase()];
    item.setSaveDialogOptions({ title: '保存文件', defaultPath: name, filters: filter ? [filter] : [] });
  });
}
