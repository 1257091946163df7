// 导出到县: writes the township's package. One pass: every file is hashed (SHA-256 for the BagIt
// manifest, CRC-32 for the zip) and encrypted (age) as it streams from disk to the stick.
//   <code>-<seq>.prpkg = age( zip( <code>-<seq>/ { bagit.txt, bag-info.txt, manifest-sha256.txt,
//                        tagmanifest-sha256.txt, tagmanifest-sha256.txt.sig, data/… } ) )
// data/tables.json lists the tables (columns, primary key, rows carried); data/<table>.jsonl holds the
// rows (one JSON object per line, column names as in SQLite); an incremental package also carries
// data/keys/<table>.jsonl, every primary key the table holds now, so the county drops rows the township
// no longer has (tombstones by omission: nothing is deleted at the county unless the township deleted
// it); data/attachments/<sha256> are the scans the rows refer to.
// Incremental by default: rows whose change sequence is above the last package the county acknowledged
// (its signed 回执); full when asked or when nothing was acknowledged yet.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ServiceContext } from '../core/context';
import { nowIso, todayOf } from '../core/context';
import { DomainError } from '../core/errors';
import { appendAudit } from '../audit/audit';
import { getSetup, readSetting, writeSetting } from '../core/settings';
import { fsyncDir } from '../core/atomicFile';
import { knownMigrationTags } from '../../../db/migrate';
import { AgeEncryptor } from './format/ageFormat';
import { BAGIT_TXT, bagInfoText, manifestText, payloadOxum, type BagInfo } from './format/bagit';
import { attachmentColumns, exchangeTables, type ExchangeTable } from './exchangeTables';
import { initKeys, loadCountyPublic, loadOwnIdentity, loadOwnSigning } from './keys';
import { publicKeyFingerprint, sign } from './format/signing';
import { ZipStoreWriter, type ByteSink } from './format/zipStore';

export const PACKAGE_FORMAT = 'party-records-package/1';
export const PACKAGE_EXTENSION = '.prpkg';
export const SIGNATURE_FILE = 'tagmanifest-sha256.txt.sig';

export function packageName(code: string, sequence: number): string {
  return `${code}-${String(sequence).padStart(6, '0')}`;
}

export function appVersion(): string {
  for (const dir of [path.join(__dirname, '..', '..', '..'), path.join(__dirname, '..', '..'), process.cwd()]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'party-records' && pkg.version) return pkg.version;
    } catch {
      // not here; try the next candidate
    }
  }
  return '0.0.0';
}

export async function schemaVersion(ctx: ServiceContext): Promise<string> {
  const row = await ctx.archive.queryOne<{ tag: string }>('SELECT tag FROM __migrations ORDER BY tag DESC LIMIT 1');
  return row?.tag ?? knownMigrationTags().at(-1)!;
}

export interface TablePlan {
  name: string;
  rows: number;
  total: number; // rows the table holds
}

export interface ExportPlan {
  township: { code: string; name: string };
  sequence: number;
  kind: 'full' | 'incremental';
  baseSequence: number;
  changeFrom: number;
  changeTo: number;
  tables: TablePlan[];
  attachments: number;
  attachmentBytes: number;
  missingAttachments: string[];
  countyFingerprint: string | null;
  /** An incremental package would carry nothing: no row written and none deleted since the acknowledged package. */
  nothingToSend: boolean;
}

/** 导出到县 with nothing to send: no package is written (an empty one would only use up a number). */
export class NothingToSend extends DomainError {
  constructor(readonly baseSequence: number) {
    super(
      'conflict',
      `自第 ${baseSequence} 号数据包(县委组织部已确认)以来,本乡镇档案没有任何变动,没有需要发送的内容,未写出数据包。县里要求时,可选择“完整导出”发送全量数据包`,
    );
    this.name = 'NothingToSend';
  }
}

/** Each table's rows when a package was written, kept with the package's number (see nothingChanged). */
const totalsKey = (sequence: number) => `exchange:totals:${sequence}`;

/**
 * Nothing changed since the acknowledged package when no row carries a later change number (nothing
 * written) and every table holds as many rows as it did then (nothing deleted: a deletion leaves no row
 * to carry a number). The counts of then are those kept with that package, or the rows a full package
 * carried; a package written before counts were kept is never taken as unchanged.
 */
async function nothingChanged(ctx: ServiceContext, acked: { sequence: number; kind: string; row_counts: string }, plans: TablePlan[]): Promise<boolean> {
  if (plans.some((p) => p.rows > 0)) return false;
  const then = (await readSetting<Record<string, number>>(ctx.archive, totalsKey(acked.sequence))) ?? (acked.kind === 'full' ? (JSON.parse(acked.row_counts) as Record<string, number>) : null);
  return then !== null && plans.every((p) => (then[p.name] ?? 0) === p.total);
}

interface Snapshot extends ExportPlan {
  data: { table: ExchangeTable; jsonl: Buffer; keys: Buffer | null }[];
  attachmentList: { sha: string; size: number }[];
}

const SHA = /^[0-9a-f]{64}$/;

function filesDirOf(ctx: ServiceContext): string {
  return path.join(path.dirname(ctx.archive.file), 'files');
}

async function requireTownshipInstall(ctx: ServiceContext): Promise<{ code: string; name: string }> {
  const s = await getSetup(ctx);
  if (!s.township) throw new DomainError('conflict', '请先设置乡镇名称和代码');
  if (s.role !== 'township') throw new DomainError('conflict', '这是县委组织部的安装,不能导出到县(导出到县是乡镇的功能)');
  return s.township;
}

/** Read what a package would carry, in one transaction so that rows and sequence range agree. */
async function snapshot(ctx: ServiceContext, full: boolean, withData: boolean): Promise<Snapshot> {
  const township = await requireTownshipInstall(ctx);
  let countyFingerprint: string | null = null;
  try {
    countyFingerprint = loadCountyPublic(ctx).fingerprint;
  } catch {
    countyFingerprint = null;
  }
  const files = filesDirOf(ctx);
  return ctx.archive.transaction(async () => {
    const tables = await exchangeTables(ctx.archive);
    const acked = await ctx.archive.queryOne<{ sequence: number; change_to: number; kind: string; row_counts: string }>(
      'SELECT sequence, change_to, kind, row_counts FROM exchange_packages WHERE acknowledged_at IS NOT NULL ORDER BY sequence DESC LIMIT 1',
    );
    const last = await ctx.archive.queryOne<{ n: number }>('SELECT coalesce(max(sequence), 0) AS n FROM exchange_packages');
    const counter = await ctx.archive.queryOne<{ value: number }>("SELECT value FROM counters WHERE name = 'change'");
    const kind: 'full' | 'incremental' = full || !acked ? 'full' : 'incremental';
    const changeFrom = kind === 'full' ? 0 : acked!.change_to;
    const changeTo = counter?.value ?? 0;
    const plans: TablePlan[] = [];
    const data: Snapshot['data'] = [];
    const shas = new Set<string>();
    for (const t of tables) {
      const q = `"${t.name}"`;
      const total = (await ctx.archive.queryOne<{ n: number }>(`SELECT count(*) AS n FROM ${q}`))!.n;
      const where = kind === 'full' ? '' : ' WHERE seq > ?';
      const params = kind === 'full' ? [] : [changeFrom];
      const attCols = attachmentColumns(t);
      if (!withData) {
        const rows = (await ctx.archive.queryOne<{ n: number }>(`SELECT count(*) AS n FROM ${q}${where}`, params))!.n;
        plans.push({ name: t.name, rows, total });
        for (const c of attCols) {
          const found = await ctx.archive.query<{ v: string }>(`SELECT DISTINCT "${c}" AS v FROM ${q}${where}${where ? ' AND' : ' WHERE'} "${c}" IS NOT NULL`, params);
          for (const f of found) if (SHA.test(f.v)) shas.add(f.v);
        }
        continue;
      }
      const order = t.primaryKey.map((c) => `"${c}"`).join(', ');
      const rows = await ctx.archive.query<Record<string, unknown>>(`SELECT * FROM ${q}${where} ORDER BY ${order}`, params);
      const lines: string[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        for (const c of attCols) {
          const v = row[c];
          if (typeof v === 'string' && SHA.test(v)) shas.add(v);
        }
        for (const v of Object.values(row)) {
          if (v instanceof Uint8Array) throw new DomainError('conflict', `表 ${t.name} 中有二进制数据,不能写入数据包`);
        }
        lines[i] = JSON.stringify(row);
      }
      let keys: Buffer | null = null;
      if (kind === 'incremental') {
        const keyRows = await ctx.archive.query<Record<string, unknown>>(`SELECT ${order} FROM ${q} ORDER BY ${order}`);
        const keyLines = keyRows.map((r) => JSON.stringify(t.primaryKey.length === 1 ? r[t.primaryKey[0]] : t.primaryKey.map((c) => r[c])));
        keys = Buffer.from(keyLines.length ? keyLines.join('\n') + '\n' : '', 'utf8');
      }
      plans.push({ name: t.name, rows: rows.length, total });
      data.push({ table: t, jsonl: Buffer.from(lines.length ? lines.join('\n') + '\n' : '', 'utf8'), keys });
    }
    const attachmentList: Snapshot['attachmentList'] = [];
    const missing: string[] = [];
    for (const sha of [...shas].sort()) {
      try {
        attachmentList.push({ sha, size: fs.statSync(path.join(files, sha)).size });
      } catch {
        missing.push(sha);
      }
    }
    return {
      township,
      nothingToSend: kind === 'incremental' && (await nothingChanged(ctx, acked!, plans)),
      sequence: (last?.n ?? 0) + 1,
      kind,
      baseSequence: kind === 'full' ? 0 : acked!.sequence,
      changeFrom,
      changeTo,
      tables: plans,
      attachments: attachmentList.length,
      attachmentBytes: attachmentList.reduce((s, a) => s + a.size, 0),
      missingAttachments: missing,
      countyFingerprint,
      data,
      attachmentList,
    };
  });
}

/** What 导出到县 would send now: counts by table, sequence range, attachments. Writes nothing. */
export async function previewExport(ctx: ServiceContext, options: { full?: boolean } = {}): Promise<ExportPlan> {
  const { data: _data, attachmentList: _list, ...plan } = await snapshot(ctx, options.full === true, false);
  return plan;
}

export interface ExportResult extends ExportPlan {
  file: string;
  fileName: string;
  size: number;
  bagDigest: string; // SHA-256 of tagmanifest-sha256.txt: names the package's content in logs and 回执
  signingFingerprint: string;
  seconds: number;
  /**
   * Reading the rows from the archive, and the rest (hashing, zipping, encrypting, writing); syncSeconds
   * is the part of writeSeconds spent waiting for the device to hold every byte (fsync).
   */
  phases: { readSeconds: number; writeSeconds: number; syncSeconds: number };
}

export interface WriteOptions {
  outDir: string;
  full?: boolean;
  signal?: AbortSignal;
  progress?: (done: number, total: number, message: string) => void;
}

/**
 * Buffers the encrypted output and writes it in large blocks, gathered (writev: the sealed chunks are
 * not copied into one buffer) and in the background: one block is written while the next is encrypted.
 */
class EncryptedFileSink implements ByteSink {
  private parts: Buffer[] = [];
  private bytes = 0;
  private pending: Promise<unknown> = Promise.resolve();
  written = 0;
  constructor(
    private readonly out: fs.promises.FileHandle,
    private readonly enc: AgeEncryptor,
  ) {}
  async start(): Promise<void> {
    await this.raw([this.enc.header]);
  }
  async write(data: Buffer): Promise<void> {
    for (const c of this.enc.push(data)) {
      this.parts.push(c);
      this.bytes += c.length;
    }
    if (this.bytes >= 4 << 20) await this.flush();
  }
  private async raw(parts: Buffer[]): Promise<void> {
    await this.pending;
    const bytes = parts.reduce((n, b) => n + b.length, 0);
    const writing = this.out.writev(parts).then((r) => {
      if (r.bytesWritten !== bytes) throw new Error(`写入数据包时只写出了 ${r.bytesWritten} / ${bytes} 字节`);
    });
    writing.catch(() => undefined); // awaited by the next write or by finish()
    this.pending = writing;
    this.written += bytes;
  }
  async flush(): Promise<void> {
    if (!this.bytes) return;
    const parts = this.parts;
    this.parts = [];
    this.bytes = 0;
    await this.raw(parts);
  }
  async finish(): Promise<void> {
    await this.flush();
    await this.raw([this.enc.finish()]);
    await this.pending;
  }
}

/** Scans up to this size are read whole, so that hashing runs beside encrypting (below). */
const WHOLE_FILE_BYTES = 64 << 20;

async function readWhole(file: string, size: number): Promise<Buffer> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await fh.read(buf, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    // A file that grew since it was listed: its extra bytes fail the hash check like any other change.
    const extra = Buffer.alloc(1);
    const more = (await fh.read(extra, 0, 1, at)).bytesRead;
    return more ? Buffer.concat([buf.subarray(0, at), extra]) : buf.subarray(0, at);
  } finally {
    await fh.close();
  }
}

export async function writePackage(ctx: ServiceContext, options: WriteOptions): Promise<ExportResult> {
  const started = process.hrtime.bigint();
  await requireTownshipInstall(ctx);
  const county = loadCountyPublic(ctx);
  await initKeys(ctx); // a township's signing key is created on its first export
  const own = loadOwnIdentity(ctx, 'township');
  const signing = loadOwnSigning(ctx, 'township');
  const outDir = path.resolve(options.outDir);
  if (!fs.existsSync(outDir) || !fs.statSync(outDir).isDirectory()) throw new DomainError('not_found', `找不到要写入的文件夹:${outDir}`);
  const snap = await snapshot(ctx, options.full === true, true);
  if (snap.nothingToSend) throw new NothingToSend(snap.baseSequence);
  const readDone = process.hrtime.bigint();
  const name = packageName(snap.township.code, snap.sequence);
  const fileName = name + PACKAGE_EXTENSION;
  const finalFile = path.join(outDir, fileName);
  if (fs.existsSync(finalFile)) throw new DomainError('conflict', `文件夹中已有同名的数据包 ${fileName},请换一个文件夹或先移走它`);
  const partial = path.join(outDir, `.${fileName}.partial`);
  const files = filesDirOf(ctx);
  const when = new Date();
  const schema = await schemaVersion(ctx);
  const dataBytes = snap.data.reduce((s, d) => s + d.jsonl.length + (d.keys?.length ?? 0), 0);
  const totalBytes = dataBytes + snap.attachmentBytes;
  let doneBytes = 0;
  const report = (message: string) => options.progress?.(doneBytes, totalBytes, message);
  const checkCancel = () => {
    if (options.signal?.aborted) throw new DomainError('conflict', '已取消导出,没有写出数据包');
  };

  const out = await fs.promises.open(partial, 'w', 0o600);
  let closed = false;
  try {
    const sink = new EncryptedFileSink(out, new AgeEncryptor([county.recipient, own.recipient]));
    await sink.start();
    const zip = new ZipStoreWriter(sink, when);
    const manifest: { path: string; sha256: string }[] = [];
    let payloadBytes = 0;
    const addPayload = async (rel: string, content: Buffer) => {
      manifest.push({ path: rel, sha256: crypto.createHash('sha256').update(content).digest('hex') });
      payloadBytes += content.length;
      await zip.add(`${name}/${rel}`, content);
    };
    await zip.add(`${name}/bagit.txt`, Buffer.from(BAGIT_TXT));
    const tablesJson = snap.data.map((d) => ({
      name: d.table.name,
      primaryKey: d.table.primaryKey,
      columns: d.table.columns,
      rows: snap.tables.find((p) => p.name === d.table.name)!.rows,
      file: `data/${d.table.name}.jsonl`,
      keysFile: d.keys ? `data/keys/${d.table.name}.jsonl` : null,
    }));
    await addPayload('data/tables.json', Buffer.from(JSON.stringify(tablesJson, null, 1) + '\n'));
    for (const d of snap.data) {
      checkCancel();
      report(`正在写入 ${d.table.name}`);
      await addPayload(`data/${d.table.name}.jsonl`, d.jsonl);
      if (d.keys) await addPayload(`data/keys/${d.table.name}.jsonl`, d.keys);
      doneBytes += d.jsonl.length + (d.keys?.length ?? 0);
    }
    // Each scan is read whole (the next one while this one is written) and hashed by WebCrypto on
    // libuv's thread pool while this thread computes its CRC and encrypts it: the two costs overlap
    // instead of adding up. Larger scans stream through in 1 MiB blocks.
    const block = Buffer.alloc(1 << 20);
    const list = snap.attachmentList;
    const load = (k: number): Promise<Buffer> | null => {
      if (k >= list.length || list[k].size > WHOLE_FILE_BYTES) return null;
      const p = readWhole(path.join(files, list[k].sha), list[k].size);
      p.catch(() => undefined); // awaited in its turn
      return p;
    };
    let next = load(0);
    for (let n = 0; n < list.length; n++) {
      const a = list[n];
      checkCancel();
      if (n % 16 === 0) report(`正在写入档案材料 ${n + 1}/${list.length}`);
      const rel = `data/attachments/${a.sha}`;
      let got: string;
      let size = 0;
      const whole = next;
      next = load(n + 1);
      if (whole) {
        const content = await whole;
        const digest = crypto.subtle.digest('SHA-256', content);
        digest.catch(() => undefined);
        await zip.add(`${name}/${rel}`, content);
        size = content.length;
        doneBytes += size;
        got = Buffer.from(await digest).toString('hex');
      } else {
        const fh = await fs.promises.open(path.join(files, a.sha), 'r');
        const hash = crypto.createHash('sha256');
        try {
          await zip.begin(`${name}/${rel}`);
          for (;;) {
            const { bytesRead } = await fh.read(block, 0, block.length, null);
            if (bytesRead === 0) break;
            const chunk = block.subarray(0, bytesRead);
            hash.update(chunk);
            await zip.data(chunk);
            size += bytesRead;
            doneBytes += bytesRead;
          }
          await zip.end();
        } finally {
          await fh.close();
        }
        got = hash.digest('hex');
      }
      if (got !== a.sha) {
        throw new DomainError('conflict', `档案材料文件 files/${a.sha} 已损坏(内容与其校验值不符),请先从备份恢复该文件再导出`);
      }
      manifest.push({ path: rel, sha256: got });
      payloadBytes += size;
    }
    const manifestBuf = Buffer.from(manifestText(manifest));
    const info: BagInfo = [
      ['Source-Organization', snap.township.name],
      ['Township-Code', snap.township.code],
      ['Township-Name', snap.township.name],
      ['External-Identifier', name],
      ['Bagging-Date', todayOf(ctx)],
      ['Package-Created', when.toISOString()],
      ['Payload-Oxum', payloadOxum(payloadBytes, manifest.length)],
      ['Bag-Software-Agent', `party-records ${appVersion()} (乡镇党员档案)`],
      ['Package-Format', PACKAGE_FORMAT],
      ['Package-Sequence', String(snap.sequence)],
      ['Package-Kind', snap.kind === 'full' ? 'Full' : 'Incremental'],
      ['Base-Package-Sequence', String(snap.baseSequence)],
      ['Change-Sequence-From', String(snap.changeFrom)],
      ['Change-Sequence-To', String(snap.changeTo)],
      ['App-Version', appVersion()],
      ['Schema-Version', schema],
      ...snap.tables.map((t): [string, string] => ['Table-Rows', `${t.name} ${t.rows}`]),
      ['Attachment-Count', String(snap.attachments)],
      ['Attachment-Bytes', String(snap.attachmentBytes)],
      ...snap.missingAttachments.map((s): [string, string] => ['Missing-Attachment', s]),
      ['Signing-Key-Fingerprint', publicKeyFingerprint(signing.publicPem)],
    ];
    const bagInfo = Buffer.from(bagInfoText(info));
    const bagit = Buffer.from(BAGIT_TXT);
    const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
    const tagmanifest = Buffer.from(
      manifestText([
        { path: 'bagit.txt', sha256: sha(bagit) },
        { path: 'bag-info.txt', sha256: sha(bagInfo) },
        { path: 'manifest-sha256.txt', sha256: sha(manifestBuf) },
      ]),
    );
    await zip.add(`${name}/manifest-sha256.txt`, manifestBuf);
    await zip.add(`${name}/bag-info.txt`, bagInfo);
    await zip.add(`${name}/tagmanifest-sha256.txt`, tagmanifest);
    await zip.add(`${name}/${SIGNATURE_FILE}`, sign(signing.privatePem, tagmanifest));
    await zip.finish();
    await sink.finish();
    checkCancel();
    report('正在写入 U 盘');
    const syncStart = process.hrtime.bigint();
    await out.sync();
    const syncSeconds = Number(process.hrtime.bigint() - syncStart) / 1e9;
    await out.close();
    closed = true;
    fs.renameSync(partial, finalFile);
    fsyncDir(outDir);
    const bagDigest = sha(tagmanifest);
    const size = sink.written;
    const rowCounts = Object.fromEntries(snap.tables.map((t) => [t.name, t.rows]));
    await ctx.archive.transaction(async () => {
      await ctx.archive.run(
        `INSERT INTO exchange_packages(sequence, kind, base_sequence, change_from, change_to, file_name, file_path, sha256, size, row_counts, attachments, attachment_bytes, created_at, actor)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
        [snap.sequence, snap.kind, snap.baseSequence, snap.changeFrom, snap.changeTo, fileName, finalFile, bagDigest, size, JSON.stringify(rowCounts), snap.attachments, snap.attachmentBytes, nowIso(), ctx.actor],
      );
      await writeSetting(ctx.archive, totalsKey(snap.sequence), Object.fromEntries(snap.tables.map((t) => [t.name, t.total])));
      await appendAudit(ctx.archive, [
        {
          actor: ctx.actor, action: 'exchange.export', entity: 'exchange_packages', entityId: String(snap.sequence), before: null,
          after: { fileName, kind: snap.kind, baseSequence: snap.baseSequence, changeFrom: snap.changeFrom, changeTo: snap.changeTo, bagDigest, rowCounts },
        },
      ]);
    });
    const written = process.hrtime.bigint();
    doneBytes = totalBytes;
    report('已写出');
    const { data: _d, attachmentList: _l, ...plan } = snap;
    return {
      ...plan, file: finalFile, fileName, size, bagDigest, signingFingerprint: publicKeyFingerprint(signing.publicPem), seconds: Number(process.hrtime.bigint() - started) / 1e9,
      phases: { readSeconds: Number(readDone - started) / 1e9, writeSeconds: Number(written - readDone) / 1e9, syncSeconds },
    };
  } catch (err) {
    if (!closed) await out.close().catch(() => undefined);
    fs.rmSync(partial, { force: true });
    throw err;
  }
}
