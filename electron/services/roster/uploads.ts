// The roster files being imported, by id. A file arrives as bytes (the window never names a path, and the
// CLI sends what it read, so both take the same calls); the bytes are kept in memory, never in the archive,
// so that the clerk's corrections re-analyse and the import runs without the file being sent again. A few
// files at a time, each for an hour after its last use: an import abandoned in the window costs no memory
// for long.
import { DomainError } from '../core/errors';
import { newId } from '../core/ids';
import type { RosterSource } from './rosterRead';

/** The largest roster accepted (≈600,000 rows of a plain 花名册). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
const KEEP_MS = 60 * 60_000;
const KEEP_FILES = 4;

const uploads = new Map<string, { src: RosterSource; at: number }>();

export interface UploadedFile {
  fileName: string;
  base64: string;
}

/** Keep a file's bytes; returns the id the analysis, the import and the errors export take. */
export function keepUpload(file: UploadedFile): string {
  // Shared memory: the worker that reads a large .xlsx (xlsxSheetWorker) then reads these bytes in place
  // instead of a copy of its own.
  const decoded = Buffer.from(new SharedArrayBuffer(Buffer.byteLength(file.base64, 'base64')));
  const bytes = decoded.subarray(0, decoded.write(file.base64, 'base64'));
  if (bytes.length === 0) throw new DomainError('bad_input', `文件“${file.fileName}”是空的`);
  const now = Date.now();
  for (const [k, v] of uploads) if (now - v.at > KEEP_MS) uploads.delete(k);
  while (uploads.size >= KEEP_FILES) uploads.delete(uploads.keys().next().value!);
  const id = newId();
  uploads.set(id, { src: { fileName: file.fileName, bytes }, at: now });
  return id;
}

/** The file kept under an id; each use keeps it another hour. */
export function uploadedSource(id: string): RosterSource {
  const u = uploads.get(id);
  if (!u) throw new DomainError('not_found', '找不到要导入的文件(打开已超过一小时或程序已重启),请重新选择文件');
  u.at = Date.now();
  return u.src;
}
