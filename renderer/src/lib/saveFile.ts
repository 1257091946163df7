// Files between the clerk and the archive. The window never handles a path: a picked file goes to the
// archive as base64, and a file the archive made (an xlsx export, a backup, a key) reaches the clerk as a
// download — in Electron the main window's downloads open the system's save dialog (the session's
// default will-download handling), in the browser harness it is an ordinary download.

export interface ArchiveFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

/** The picked file's bytes as base64 (FileReader: no whole-file string concatenation in JS). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Offers the blob as a download under `fileName`. */
export function offerDownload(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function saveFile(file: ArchiveFile): void {
  offerDownload(new Blob([bytesOf(file.base64)], { type: file.mimeType }), file.fileName);
}

/** A small text the archive made (a public key, a 回执). */
export function saveText(fileName: string, text: string): void {
  offerDownload(new Blob([text], { type: 'application/octet-stream' }), fileName);
}
