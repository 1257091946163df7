// Writing a file so that a crash or a power cut never leaves a half-written file under its real name:
// write a temporary name in the same folder, fsync it, rename it over the real name, fsync the folder
// (the rename itself is only durable once the folder's entry is on disk). Readers see the old file or
// the new one, never a mix. Every file the program writes goes through here.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** fsync a folder so that a rename or a new entry in it survives a power cut. */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch {
    return; // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // Some file systems (and Windows) refuse fsync on a folder handle; nothing more can be done.
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A temporary name beside `file` (same folder, so the rename stays on one file system). */
export function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
}

/** Move a finished temporary file over `file`: fsync it, rename, fsync the folder. */
export function commitTempFile(temp: string, file: string): void {
  fsyncFile(temp);
  fs.renameSync(temp, file);
  fsyncDir(path.dirname(file));
}

/** Write `content` to `file` atomically (see the top of this file). */
export function writeFileAtomic(file: string, content: Buffer | string, options: { mode?: number } = {}): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = tempNameFor(file);
  const fd = fs.openSync(temp, 'w', options.mode ?? 0o600);
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fsyncDir(path.dirname(file));
}
