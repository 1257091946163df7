// Every backup carries the SHA-256 of its exact content, so that a restore can tell a backup that is
// whole from one a failing USB stick or a stray write has changed. SQLite's integrity_check and the audit
// chain do not cover the text inside rows (a flipped byte in a meeting's place passes both); the digest
// covers every byte. A plain backup stays a SQLite file that the `sqlite3` shell opens: the digest is a
// trailer after the last page, which SQLite ignores (the page count is in the file's header).
//
//   trailer (56 bytes, at the end of the file)
//   0   8   magic "PRDIGEST"
//   8   1   version (1)
//   9   7   reserved (0)
//   16  8   length of the content before the trailer (uint64, big-endian)
//   24  32  SHA-256 of that content
import crypto from 'node:crypto';
import fs from 'node:fs';
import { BackupError } from './errors';

const MAGIC = Buffer.from('PRDIGEST', 'latin1');
export const TRAILER_BYTES = 56;

function trailerFor(length: number, sha256: Buffer): Buffer {
  const t = Buffer.alloc(TRAILER_BYTES);
  MAGIC.copy(t, 0);
  t[8] = 1;
  t.writeBigUInt64BE(BigInt(length), 16);
  sha256.copy(t, 24);
  return t;
}

/** A trailer as written by appendDigest, or null when these 56 bytes are not one. */
function parseTrailer(t: Buffer, fileSize: number): { length: number; sha256: string } | null {
  if (t.length !== TRAILER_BYTES || !t.subarray(0, 8).equals(MAGIC) || t[8] !== 1 || t.subarray(9, 16).some((b) => b !== 0)) return null;
  const length = Number(t.readBigUInt64BE(16));
  return { length: length === fileSize - TRAILER_BYTES ? length : -1, sha256: t.subarray(24, 56).toString('hex') };
}

function hashFile(file: string, length: number): Buffer {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    for (let pos = 0; pos < length; ) {
      const n = fs.readSync(fd, chunk, 0, Math.min(chunk.length, length - pos), pos);
      if (n === 0) break;
      hash.update(chunk.subarray(0, n));
      pos += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest();
}

/** Append the digest of the file's whole present content; returns the digest (hex). */
export function appendDigest(file: string): string {
  const length = fs.statSync(file).size;
  const sha256 = hashFile(file, length);
  const fd = fs.openSync(file, 'a');
  try {
    fs.writeSync(fd, trailerFor(length, sha256));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return sha256.toString('hex');
}

/** The same trailer around bytes in memory (the SQLite file inside an encrypted backup). */
export function withDigest(content: Buffer): Buffer {
  return Buffer.concat([content, trailerFor(content.length, crypto.createHash('sha256').update(content).digest())]);
}

export type DigestState = { digest: 'verified'; length: number; sha256: string } | { digest: 'none'; length: number };

function damaged(name: string): BackupError {
  return new BackupError('damaged', `备份文件“${name}”已损坏:内容与备份时记下的校验码不符(文件被改动过,或 U 盘、磁盘出了错),不能恢复。档案未作任何改动。`);
}

/**
 * Check a backup file against its digest. Returns how many bytes are the SQLite file (the content before
 * the trailer), or, for a file without a trailer (a copy of archive.db made by hand, a backup of an older
 * version), the whole size with digest 'none'. A trailer that does not match refuses the file.
 */
export function verifyDigestOfFile(file: string, name: string): DigestState {
  const size = fs.statSync(file).size;
  if (size < TRAILER_BYTES) return { digest: 'none', length: size };
  const tail = Buffer.alloc(TRAILER_BYTES);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, tail, 0, TRAILER_BYTES, size - TRAILER_BYTES);
  } finally {
    fs.closeSync(fd);
  }
  const trailer = parseTrailer(tail, size);
  if (!trailer) return { digest: 'none', length: size };
  if (trailer.length < 0 || hashFile(file, trailer.length).toString('hex') !== trailer.sha256) throw damaged(name);
  return { digest: 'verified', length: trailer.length, sha256: trailer.sha256 };
}

/** The same check on bytes in memory; returns the content without its trailer. */
export function verifyDigestOfBytes(bytes: Buffer, name: string): { content: Buffer; state: DigestState } {
  if (bytes.length < TRAILER_BYTES) return { content: bytes, state: { digest: 'none', length: bytes.length } };
  const trailer = parseTrailer(bytes.subarray(bytes.length - TRAILER_BYTES), bytes.length);
  if (!trailer) return { content: bytes, state: { digest: 'none', length: bytes.length } };
  const content = bytes.subarray(0, bytes.length - TRAILER_BYTES);
  if (trailer.length < 0 || crypto.createHash('sha256').update(content).digest('hex') !== trailer.sha256) throw damaged(name);
  return { content, state: { digest: 'verified', length: trailer.length, sha256: trailer.sha256 } };
}

/** Copy the first `length` bytes of `source` to `target` (the SQLite file without its trailer). */
export function copyContent(source: string, target: string, length: number): void {
  const from = fs.openSync(source, 'r');
  const to = fs.openSync(target, 'w');
  try {
    const chunk = Buffer.alloc(1 << 20);
    for (let pos = 0; pos < length; ) {
      const n = fs.readSync(from, chunk, 0, Math.min(chunk.length, length - pos), pos);
      if (n === 0) break;
      fs.writeSync(to, chunk, 0, n, pos);
      pos += n;
    }
    fs.fsyncSync(to);
  } finally {
    fs.closeSync(from);
    fs.closeSync(to);
  }
}
