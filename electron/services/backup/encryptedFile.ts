// The encrypted backup file (.prbak) for a USB stick: a stolen stick must not give away the archive.
//
//   offset  size  field
//   0       8     magic "PRBACKUP"
//   8       1     format version (1)
//   9       1     key derivation: 1 = scrypt
//   10      1     scrypt log2(N)        (17 → N = 131072)
//   11      1     scrypt r              (8)
//   12      1     scrypt p              (1)
//   13      1     cipher: 1 = AES-256-GCM
//   14      2     reserved (0)
//   16      16    salt (random)
//   32      12    nonce (random)
//   44      …     ciphertext
//   end-16  16    GCM authentication tag
//
// The 44 header bytes are the GCM additional data, so a changed parameter fails authentication like a
// changed ciphertext byte. The plaintext is: manifest length (uint32, big-endian), the manifest as
// UTF-8 JSON (see manifest.ts), then the SQLite file itself. Nothing of the plaintext is trusted before
// the tag has been checked: a wrong passphrase, a flipped bit or a truncated file all fail the same way.
import crypto from 'node:crypto';
import type { BackupManifest } from './manifest';
import { BackupError } from './errors';

export const MAGIC = Buffer.from('PRBACKUP', 'latin1');
const HEADER_BYTES = 44;
const TAG_BYTES = 16;
const DEFAULT_PARAMS = { log2N: 17, r: 8, p: 1 };
export const MIN_PASSPHRASE_LENGTH = 8;

export function isEncryptedBackup(head: Buffer): boolean {
  return head.length >= MAGIC.length && head.subarray(0, MAGIC.length).equals(MAGIC);
}

function deriveKey(passphrase: string, salt: Buffer, params: { log2N: number; r: number; p: number }): Buffer {
  const N = 2 ** params.log2N;
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MB) is below that for N = 2^17.
  return crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 });
}

export function checkPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) throw new BackupError('bad_passphrase_or_damaged', `密码至少 ${MIN_PASSPHRASE_LENGTH} 个字符`);
}

export function encryptBackup(manifest: BackupManifest, sqlite: Buffer, passphrase: string, params = DEFAULT_PARAMS): Buffer {
  checkPassphrase(passphrase);
  const salt = crypto.randomBytes(16);
  const nonce = crypto.randomBytes(12);
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header[8] = 1;
  header[9] = 1;
  header[10] = params.log2N;
  header[11] = params.r;
  header[12] = params.p;
  header[13] = 1;
  salt.copy(header, 16);
  nonce.copy(header, 32);
  const key = deriveKey(passphrase, salt, params);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(header);
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(manifestBytes.length);
  const body = Buffer.concat([cipher.update(length), cipher.update(manifestBytes), cipher.update(sqlite), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

export function decryptBackup(file: Buffer, passphrase: string, fileName: string): { manifest: BackupManifest; sqlite: Buffer } {
  const damaged = new BackupError('bad_passphrase_or_damaged', `无法解开备份文件“${fileName}”:密码不正确,或文件已损坏(被改动或不完整)。档案未作任何改动。`);
  if (!isEncryptedBackup(file)) throw new BackupError('not_a_backup', `“${fileName}”不是本程序的加密备份文件`);
  if (file.length < HEADER_BYTES + TAG_BYTES + 4) throw damaged;
  const header = file.subarray(0, HEADER_BYTES);
  if (header[8] !== 1 || header[9] !== 1 || header[13] !== 1) {
    throw new BackupError('not_a_backup', `备份文件“${fileName}”的格式版本(${header[8]})本程序不认识,请用新版本的程序恢复`);
  }
  const params = { log2N: header[10], r: header[11], p: header[12] };
  // Bounds on the parameters: a damaged header must not make us allocate gigabytes or spin for hours.
  if (params.log2N < 14 || params.log2N > 20 || params.r < 1 || params.r > 16 || params.p < 1 || params.p > 4) throw damaged;
  const key = deriveKey(passphrase, header.subarray(16, 32), params);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, header.subarray(32, 44));
  decipher.setAAD(header);
  decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(file.subarray(HEADER_BYTES, file.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw damaged;
  }
  const length = plain.readUInt32BE(0);
  if (4 + length > plain.length) throw damaged;
  const manifest = JSON.parse(plain.subarray(4, 4 + length).toString('utf8')) as BackupManifest;
  return { manifest, sqlite: plain.subarray(4 + length) };
}
