// Files the archive made (xlsx exports) reach the clerk as a download: the window never names a path.
// In Electron a download of the main window opens the system's save dialog (the session's default
// will-download handling); in the browser harness it is an ordinary download.

export interface ArchiveFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function saveFile(file: ArchiveFile): void {
  const url = URL.createObjectURL(new Blob([bytesOf(file.base64)], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The picked file's bytes as base64 (FileReader: no whole-file string concatenation in JS). */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
