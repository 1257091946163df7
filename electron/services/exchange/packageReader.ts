// Opening a package and proving it: decrypt (age, with this install's identity), unzip, check the
// Ed25519 signature of tagmanifest-sha256.txt against the key registered for the township the bag names,
// every tag file against the tag manifest, every payload file against manifest-sha256.txt, nothing
// unlisted and nothing missing, and Payload-Oxum. Any failure is a PackageError whose message names the
// problem and the file, in Chinese, for the clerk. Nothing is written anywhere but a temp file (only for
// packages too large to decrypt in memory), which close() removes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { AgeError, decryptFile, decryptFileToBuffer, decryptFirstChunk, type AgeIdentity } from './format/ageFormat';
import { parseBagInfo, parseManifest } from './format/bagit';
import { PACKAGE_FORMAT, SIGNATURE_FILE } from './packageWriter';
import { verify } from './format/signing';
import { DomainError } from '../core/errors';

export type PackageProblem =
  | 'not_package'
  | 'wrong_key'
  | 'damaged'
  | 'truncated'
  | 'unknown_township'
  | 'other_county'
  | 'bad_signature'
  | 'checksum'
  | 'bad_bag'
  | 'schema'
  | 'replay'
  | 'gap';

/** A package the county cannot take: `problem` says why (for the import log), the message names the file. */
export class PackageError extends DomainError {
  constructor(
    readonly problem: PackageProblem,
    message: string,
  ) {
    // A package already taken, or one whose predecessors are missing, is sound but out of turn.
    super(problem === 'replay' || problem === 'gap' ? 'conflict' : 'bad_input', message);
    this.name = 'PackageError';
  }
}

export interface PackageInfo {
  bagName: string;
  townshipCode: string;
  townshipName: string;
  sequence: number;
  kind: 'full' | 'incremental';
  baseSequence: number;
  changeFrom: number;
  changeTo: number;
  baggingDate: string;
  createdAt: string;
  schemaVersion: string;
  appVersion: string;
  tableRows: Record<string, number>;
  attachments: number;
  attachmentBytes: number;
  missingAttachments: string[];
  payloadBytes: number;
  payloadFiles: number;
  bagDigest: string;
  signingFingerprint: string;
}

export interface TableEntry {
  name: string;
  primaryKey: string[];
  columns: string[];
  rows: number;
  file: string;
  keysFile: string | null;
}

export interface OpenedPackage {
  file: string;
  info: PackageInfo;
  tables: TableEntry[];
  /** A payload text file (data/*.jsonl, data/tables.json), already checked against the manifest. */
  text(rel: string): Buffer;
  /** Copy each attachment to `dir/<sha256>` when not there yet (content-addressed, fsynced, renamed). */
  copyAttachments(dir: string): Promise<{ copied: number; bytes: number }>;
  close(): Promise<void>;
}

export interface OpenOptions {
  identities: AgeIdentity[];
  /** The registered Ed25519 public key (PEM) of the township the bag names; throw PackageError if none. */
  keyFor(code: string, name: string): Promise<string> | string;
  tempDir?: string;
}

const MAX_TAG_BYTES = 256 << 20;
const KEEP_IN_MEMORY = /^data\/(tables\.json|[^/]+\.jsonl|keys\/[^/]+\.jsonl)$/;

// Packages up to this size (every package without scans) are decrypted into memory rather than to a
// temporary file: the county imports dozens of them in a row.
const IN_MEMORY_BYTES = 256 << 20;

const ZIP_OPTIONS = { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true, decodeStrings: true } as const;

function openZip(source: string | Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile) => (err || !zip ? reject(err ?? new Error('zip')) : resolve(zip));
    if (typeof source === 'string') yauzl.open(source, ZIP_OPTIONS, done);
    else yauzl.fromBuffer(source, ZIP_OPTIONS, done);
  });
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream))));
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of await entryStream(zip, entry)) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/**
 * The bytes of a stored (uncompressed) entry inside the zip held in memory, as a view of that memory,
 * after its local header; null when the entry is compressed or its header does not fit (then it is
 * read through yauzl's stream, which reports what is wrong).
 */
function storedBytes(zipBytes: Buffer, e: yauzl.Entry): Buffer | null {
  if (e.compressionMethod !== 0 || e.compressedSize !== e.uncompressedSize) return null;
  const at = e.relativeOffsetOfLocalHeader;
  if (at + 30 > zipBytes.length || zipBytes.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + zipBytes.readUInt16LE(at + 26) + zipBytes.readUInt16LE(at + 28);
  const end = start + e.compressedSize;
  return end <= zipBytes.length ? zipBytes.subarray(start, end) : null;
}

function int(info: Map<string, string[]>, label: string): number {
  const v = info.get(label)?.[0];
  if (v === undefined || !/^\d+$/.test(v)) throw new PackageError('bad_bag', `bag-info.txt 缺少或写错了 ${label}(${v ?? '无'})`);
  return Number(v);
}

function str(info: Map<string, string[]>, label: string): string {
  const v = info.get(label)?.[0];
  if (!v) throw new PackageError('bad_bag', `bag-info.txt 缺少 ${label}`);
  return v;
}

/**
 * Whether the unverified last chunk of a package ends as a zip ends (its end-of-central-directory
 * record, with its comment, is the last thing in the file): a complete file whose bytes were changed.
 * A file cut short ends anywhere else; its last 16 bytes, read as a MAC, were ciphertext.
 */
function endsWithZipEnd(tail: Buffer): boolean {
  const plain = tail.subarray(0, Math.max(0, tail.length - 16));
  const at = plain.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  return at >= 0 && at + 22 <= plain.length && at + 22 + plain.readUInt16LE(at + 20) === plain.length;
}

/**
 * Which township and package number a file claims to be, from the bag's folder name (<code>-<seq>) in
 * the zip's first entry: one 64 KiB chunk decrypted, nothing verified. Only for ordering a batch before
 * each package is opened and proven; null when the file does not show it.
 */
export async function peekPackageName(file: string, identities: AgeIdentity[]): Promise<{ townshipCode: string; sequence: number } | null> {
  let first: Buffer | null;
  try {
    first = await decryptFirstChunk(file, identities);
  } catch {
    return null;
  }
  // A zip local file header: signature, then the name's length at 26 and the name at 30.
  if (!first || first.length < 30 || first.readUInt32LE(0) !== 0x04034b50) return null;
  const nameLength = first.readUInt16LE(26);
  const name = first.subarray(30, 30 + nameLength).toString('utf8');
  const m = /^(\d{9})-(\d+)\//.exec(name);
  return m ? { townshipCode: m[1], sequence: Number(m[2]) } : null;
}

/** Open and verify a package. The caller must close() it (removes the decrypted temp file). */
export async function openPackage(file: string, options: OpenOptions): Promise<OpenedPackage> {
  const shown = path.basename(file);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new PackageError('not_package', `找不到文件 ${file}`);
  const tempDir = options.tempDir ?? os.tmpdir();
  fs.mkdirSync(tempDir, { recursive: true });
  const temp = path.join(tempDir, `.pkg-${process.pid}-${crypto.randomBytes(6).toString('hex')}.zip`);
  let plain: Buffer | null = null;
  try {
    if (fs.statSync(file).size <= IN_MEMORY_BYTES) plain = await decryptFileToBuffer(file, options.identities);
    else await decryptFile(file, options.identities, temp);
  } catch (e) {
    if (!(e instanceof AgeError)) throw e;
    switch (e.kind) {
      case 'not_age':
        throw new PackageError('not_package', `${shown} 不是党员档案数据包(文件开头不是 age 加密格式)`);
      case 'no_identity':
        throw new PackageError('wrong_key', `${shown} 不是加密给本机的:用本机的密钥解不开。这个数据包可能是加密给别的县(或用了旧的县公钥);请乡镇导入本县的公钥后重新导出`);
      case 'truncated':
        throw new PackageError('truncated', `${shown} 不完整(文件被截断):${e.reason}。请重新从乡镇拷贝数据包`);
      case 'payload':
        if (e.unverifiedTail && !endsWithZipEnd(e.unverifiedTail)) {
          throw new PackageError('truncated', `${shown} 不完整:文件在末尾被截断(拷贝没有完成,或写入时拔出了 U 盘),只剩 ${fs.statSync(file).size} 字节。请重新从乡镇拷贝数据包`);
        }
        throw new PackageError('damaged', `${shown} 已损坏或被改动:${e.reason}`);
      default:
        throw new PackageError('damaged', `${shown} 已损坏或被改动:${e.reason}`);
    }
  }
  let zip: yauzl.ZipFile | undefined;
  const cleanup = async () => {
    zip?.close();
    plain = null;
    await fs.promises.rm(temp, { force: true });
  };
  try {
    let entries: yauzl.Entry[];
    try {
      zip = await openZip(plain ?? temp);
      entries = await listEntries(zip);
    } catch (e) {
      throw new PackageError('damaged', `${shown} 解密后的 zip 结构已损坏:${(e as Error).message}`);
    }
    const top = entries[0]?.fileName.split('/')[0] ?? '';
    if (!top) throw new PackageError('bad_bag', `${shown} 中没有数据`);
    const byPath = new Map<string, yauzl.Entry>();
    for (const e of entries) {
      if (e.fileName.endsWith('/')) continue;
      if (!e.fileName.startsWith(top + '/')) throw new PackageError('bad_bag', `${shown} 中有不属于数据包 ${top} 的文件:${e.fileName}`);
      const rel = e.fileName.slice(top.length + 1);
      if (byPath.has(rel)) throw new PackageError('bad_bag', `${shown} 中重复出现了 ${rel}`);
      if (e.uncompressedSize > MAX_TAG_BYTES && !rel.startsWith('data/attachments/')) throw new PackageError('bad_bag', `${shown} 中的 ${rel} 过大`);
      byPath.set(rel, e);
    }
    const tag = async (rel: string): Promise<Buffer> => {
      const e = byPath.get(rel);
      if (!e) throw new PackageError('bad_bag', `${shown} 中缺少 ${rel},不是完整的 BagIt 数据包`);
      try {
        return await readEntry(zip!, e);
      } catch (err) {
        throw new PackageError('damaged', `${shown} 中的 ${rel} 无法读出:${(err as Error).message}`);
      }
    };
    const bagit = await tag('bagit.txt');
    if (!/^BagIt-Version: 1\.0\r?\n/.test(bagit.toString('utf8'))) throw new PackageError('bad_bag', `${shown} 的 bagit.txt 不是 BagIt 1.0`);
    const bagInfoBuf = await tag('bag-info.txt');
    const manifestBuf = await tag('manifest-sha256.txt');
    const tagmanifestBuf = await tag('tagmanifest-sha256.txt');
    const signature = await tag(SIGNATURE_FILE);
    let info: Map<string, string[]>;
    try {
      info = parseBagInfo(bagInfoBuf.toString('utf8'));
    } catch (e) {
      throw new PackageError('checksum', `${shown} 的 bag-info.txt 已损坏:${(e as Error).message}`);
    }
    const code = info.get('Township-Code')?.[0] ?? '';
    const townshipName = info.get('Township-Name')?.[0] ?? '';
    if (!/^\d{9}$/.test(code)) throw new PackageError('bad_bag', `${shown} 的 bag-info.txt 中乡镇代码不正确(${code || '无'})`);
    const publicPem = await options.keyFor(code, townshipName);
    if (!verify(publicPem, tagmanifestBuf, signature)) {
      throw new PackageError(
        'bad_signature',
        `${shown} 的签名与登记的乡镇 ${townshipName || code}(${code})公钥不符:数据包在签名后被改动过,或不是该乡镇的密钥签发的。请勿导入,并与乡镇核对公钥指纹`,
      );
    }
    let tagList: Map<string, string>;
    let payloadList: Map<string, string>;
    try {
      tagList = parseManifest(tagmanifestBuf.toString('utf8'), 'tagmanifest-sha256.txt');
      payloadList = parseManifest(manifestBuf.toString('utf8'), 'manifest-sha256.txt');
    } catch (e) {
      throw new PackageError('checksum', `${shown}:${(e as Error).message}`);
    }
    const tagContent: Record<string, Buffer> = { 'bagit.txt': bagit, 'bag-info.txt': bagInfoBuf, 'manifest-sha256.txt': manifestBuf };
    for (const required of Object.keys(tagContent)) {
      if (!tagList.has(required)) throw new PackageError('checksum', `${shown} 的 tagmanifest-sha256.txt 没有列出 ${required}`);
    }
    for (const [rel, expected] of tagList) {
      const content = tagContent[rel] ?? (byPath.has(rel) ? await tag(rel) : null);
      if (!content) throw new PackageError('checksum', `${shown} 中缺少 tagmanifest-sha256.txt 列出的 ${rel}`);
      if (sha256(content) !== expected) throw new PackageError('checksum', `${shown} 中的 ${rel} 已被改动(校验值与 tagmanifest-sha256.txt 不符)`);
    }
    for (const rel of byPath.keys()) {
      if (rel.startsWith('data/')) {
        if (!payloadList.has(rel)) throw new PackageError('checksum', `${shown} 中的 ${rel} 没有列在 manifest-sha256.txt 中(多出的文件)`);
      } else if (!tagList.has(rel) && !['tagmanifest-sha256.txt', SIGNATURE_FILE].includes(rel)) {
        throw new PackageError('checksum', `${shown} 中的标签文件 ${rel} 没有列在 tagmanifest-sha256.txt 中`);
      }
    }
    const kept = new Map<string, Buffer>();
    let payloadBytes = 0;
    for (const [rel, expected] of payloadList) {
      if (!rel.startsWith('data/')) throw new PackageError('checksum', `manifest-sha256.txt 列出了数据文件夹以外的 ${rel}`);
      // Checked here, not only when copying: verify must refuse what import would refuse.
      if (rel.startsWith('data/attachments/') && expected !== rel.slice('data/attachments/'.length)) {
        throw new PackageError('bad_bag', `${shown} 中的档案材料 ${rel} 的名称与其内容的校验值不一致`);
      }
      const e = byPath.get(rel);
      if (!e) throw new PackageError('checksum', `${shown} 中缺少 manifest-sha256.txt 列出的 ${rel}`);
      const hash = crypto.createHash('sha256');
      const keep = KEEP_IN_MEMORY.test(rel);
      // A stored file of a package decrypted in memory is read where it lies, not copied out through a stream.
      const inPlace = plain ? storedBytes(plain, e) : null;
      const parts: Buffer[] = [];
      if (inPlace) {
        hash.update(inPlace);
        if (keep) parts.push(inPlace);
      } else {
        try {
          for await (const chunk of await entryStream(zip!, e)) {
            hash.update(chunk as Buffer);
            if (keep) parts.push(chunk as Buffer);
          }
        } catch (err) {
          throw new PackageError('damaged', `${shown} 中的 ${rel} 无法读出:${(err as Error).message}`);
        }
      }
      if (hash.digest('hex') !== expected) throw new PackageError('checksum', `${shown} 中的 ${rel} 已被改动(校验值与 manifest-sha256.txt 不符)`);
      if (keep) kept.set(rel, parts.length === 1 ? parts[0] : Buffer.concat(parts));
      payloadBytes += e.uncompressedSize;
    }
    const oxum = str(info, 'Payload-Oxum');
    if (oxum !== `${payloadBytes}.${payloadList.size}`) {
      throw new PackageError('checksum', `${shown} 的 Payload-Oxum(${oxum})与实际内容(${payloadBytes} 字节,${payloadList.size} 个文件)不符`);
    }
    if (str(info, 'Package-Format') !== PACKAGE_FORMAT) throw new PackageError('schema', `${shown} 的格式版本是 ${str(info, 'Package-Format')},本程序只能读 ${PACKAGE_FORMAT}`);
    const kindText = str(info, 'Package-Kind');
    if (kindText !== 'Full' && kindText !== 'Incremental') throw new PackageError('bad_bag', `bag-info.txt 中 Package-Kind 应为 Full 或 Incremental(是 ${kindText})`);
    const tableRows: Record<string, number> = {};
    for (const v of info.get('Table-Rows') ?? []) {
      const m = /^(\S+) (\d+)$/.exec(v);
      if (m) tableRows[m[1]] = Number(m[2]);
    }
    const packageInfo: PackageInfo = {
      bagName: top,
      townshipCode: code,
      townshipName,
      sequence: int(info, 'Package-Sequence'),
      kind: kindText === 'Full' ? 'full' : 'incremental',
      baseSequence: int(info, 'Base-Package-Sequence'),
      changeFrom: int(info, 'Change-Sequence-From'),
      changeTo: int(info, 'Change-Sequence-To'),
      baggingDate: str(info, 'Bagging-Date'),
      createdAt: info.get('Package-Created')?.[0] ?? '',
      schemaVersion: str(info, 'Schema-Version'),
      appVersion: info.get('App-Version')?.[0] ?? '',
      tableRows,
      attachments: int(info, 'Attachment-Count'),
      attachmentBytes: int(info, 'Attachment-Bytes'),
      missingAttachments: info.get('Missing-Attachment') ?? [],
      payloadBytes,
      payloadFiles: payloadList.size,
      bagDigest: sha256(tagmanifestBuf),
      signingFingerprint: info.get('Signing-Key-Fingerprint')?.[0] ?? '',
    };
    let tables: TableEntry[];
    try {
      tables = JSON.parse((kept.get('data/tables.json') ?? Buffer.from('null')).toString('utf8')) as TableEntry[];
      if (!Array.isArray(tables)) throw new Error('缺少 data/tables.json');
      const names = new Set<string>();
      for (const t of tables) {
        // typeof first: RegExp.test(null) tests the text "null" (found by fuzzing).
        if (!t || typeof t.name !== 'string' || !/^[a-z_][a-z0-9_]*$/.test(t.name) || !Array.isArray(t.primaryKey) || t.primaryKey.length === 0 || !kept.has(t.file) || (t.keysFile && !kept.has(t.keysFile))) {
          throw new Error(`表 ${typeof t?.name === 'string' ? t.name.slice(0, 60) : String(JSON.stringify(t?.name ?? null)).slice(0, 60)} 的说明不完整`);
        }
        if (names.has(t.name)) throw new Error(`表 ${t.name} 出现了两次`);
        names.add(t.name);
      }
    } catch (e) {
      throw new PackageError('bad_bag', `${shown} 的 data/tables.json 不正确:${(e as Error).message}`);
    }
    const attachmentEntries = [...payloadList.keys()].filter((r) => r.startsWith('data/attachments/'));
    if (attachmentEntries.length === 0) {
      // Everything needed later is in `kept`: let the decrypted zip go now (the county opens a whole
      // batch of packages before applying them in order).
      zip.close();
      zip = undefined;
      plain = null;
    } else if (plain) {
      // Scans are copied later, after the whole batch is opened: from a temp file, as for large
      // packages, so that a batch of packages with scans does not hold them all in memory.
      await fs.promises.writeFile(temp, plain, { mode: 0o600 });
      zip.close();
      plain = null;
      zip = await openZip(temp);
      for (const e of await listEntries(zip)) if (!e.fileName.endsWith('/')) byPath.set(e.fileName.slice(top.length + 1), e);
    }
    const opened: OpenedPackage = {
      file,
      info: packageInfo,
      tables,
      text(rel) {
        const b = kept.get(rel);
        if (!b) throw new PackageError('bad_bag', `${shown} 中没有 ${rel}`);
        return b;
      },
      async copyAttachments(dir) {
        let copied = 0;
        let bytes = 0;
        fs.mkdirSync(dir, { recursive: true });
        for (const rel of attachmentEntries) {
          const sha = rel.slice('data/attachments/'.length);
          if (!/^[0-9a-f]{64}$/.test(sha) || payloadList.get(rel) !== sha) throw new PackageError('bad_bag', `${shown} 中的档案材料 ${rel} 的名称与其内容的校验值不一致`);
          const final = path.join(dir, sha);
          const e = byPath.get(rel)!;
          if (fs.existsSync(final) && fs.statSync(final).size === e.uncompressedSize) continue;
          const tmp = path.join(dir, `.${sha}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
          const out = await fs.promises.open(tmp, 'w', 0o600);
          const hash = crypto.createHash('sha256');
          try {
            for await (const chunk of await entryStream(zip!, e)) {
              hash.update(chunk as Buffer);
              await out.write(chunk as Buffer);
            }
            await out.sync();
          } finally {
            await out.close();
          }
          if (hash.digest('hex') !== sha) {
            fs.rmSync(tmp, { force: true });
            throw new PackageError('checksum', `${shown} 中的 ${rel} 在复制时校验失败`);
          }
          fs.renameSync(tmp, final);
          copied++;
          bytes += e.uncompressedSize;
        }
        return { copied, bytes };
      },
      close: cleanup,
    };
    return opened;
  } catch (e) {
    await cleanup();
    // Every refusal names the file (found by fuzzing): the checks of single fields word only the field.
    if (e instanceof PackageError && !e.message.includes(shown)) throw new PackageError(e.problem, `${shown}:${e.message}`);
    throw e;
  }
}
