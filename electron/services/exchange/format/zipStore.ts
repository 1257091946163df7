// A ZIP writer for the package: entries stored (no compression: scans are already compressed, and the
// throughput target leaves no room for deflate), streamed in one pass. Written here rather than taken
// from yazl because yazl computes CRC-32 in JavaScript (measured ~260 MB/s, below the package's whole
// budget); zlib.crc32 is native (~1.9 GB/s). Each entry has a data descriptor (bit 3) so that its CRC is
// written after its data; ZIP64 records are added when offsets or the entry count outgrow the classic
// fields, so townships with more than 4 GB of scans still get a valid file. Reading uses yauzl.
import zlib from 'node:zlib';

export interface ByteSink {
  write(data: Buffer): Promise<void>;
}

interface CentralEntry {
  name: Buffer;
  crc: number;
  size: number;
  offset: number;
  dosTime: number;
  dosDate: number;
}

const U32 = 0xffffffff;
const FLAGS = 0x0008 | 0x0800; // data descriptor follows; names are UTF-8

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export class ZipStoreWriter {
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private current: { entry: CentralEntry; crc: number; size: number } | null = null;
  private readonly time: { time: number; date: number };

  constructor(
    private readonly sink: ByteSink,
    modified = new Date(),
  ) {
    this.time = dosDateTime(modified);
  }

  private async emit(data: Buffer): Promise<void> {
    this.offset += data.length;
    await this.sink.write(data);
  }

  async begin(name: string): Promise<void> {
    if (this.current) throw new Error('ZipStoreWriter: previous entry not ended');
    const nameBuf = Buffer.from(name, 'utf8');
    const entry: CentralEntry = { name: nameBuf, crc: 0, size: 0, offset: this.offset, dosTime: this.time.time, dosDate: this.time.date };
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4); // version needed
    h.writeUInt16LE(FLAGS, 6);
    h.writeUInt16LE(0, 8); // stored
    h.writeUInt16LE(entry.dosTime, 10);
    h.writeUInt16LE(entry.dosDate, 12);
    // crc and sizes are 0 here: they follow the data in the descriptor.
    h.writeUInt16LE(nameBuf.length, 26);
    h.writeUInt16LE(0, 28);
    await this.emit(Buffer.concat([h, nameBuf]));
    this.current = { entry, crc: 0, size: 0 };
  }

  async data(chunk: Buffer): Promise<void> {
    const c = this.current;
    if (!c) throw new Error('ZipStoreWriter: no entry begun');
    c.crc = zlib.crc32(chunk, c.crc);
    c.size += chunk.length;
    if (c.size >= U32) throw new Error(`数据包中的单个文件不能超过 4 GB(${c.entry.name.toString('utf8')})`);
    await this.emit(chunk);
  }

  async end(): Promise<void> {
    const c = this.current;
    if (!c) throw new Error('ZipStoreWriter: no entry begun');
    c.entry.crc = c.crc;
    c.entry.size = c.size;
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(c.crc >>> 0, 4);
    d.writeUInt32LE(c.size, 8);
    d.writeUInt32LE(c.size, 12);
    await this.emit(d);
    this.entries.push(c.entry);
    this.current = null;
  }

  async add(name: string, content: Buffer): Promise<void> {
    await this.begin(name);
    await this.data(content);
    await this.end();
  }

  async finish(): Promise<void> {
    if (this.current) throw new Error('ZipStoreWriter: entry not ended');
    const cdStart = this.offset;
    const parts: Buffer[] = [];
    for (const e of this.entries) {
      const big = e.offset >= U32;
      const extra = big ? Buffer.alloc(12) : Buffer.alloc(0);
      if (big) {
        extra.writeUInt16LE(0x0001, 0);
        extra.writeUInt16LE(8, 2);
        extra.writeBigUInt64LE(BigInt(e.offset), 4);
      }
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE((3 << 8) | 45, 4); // made by: Unix, spec 4.5
      h.writeUInt16LE(big ? 45 : 20, 6);
      h.writeUInt16LE(FLAGS, 8);
      h.writeUInt16LE(0, 10);
      h.writeUInt16LE(e.dosTime, 12);
      h.writeUInt16LE(e.dosDate, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.size, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt16LE(extra.length, 30);
      h.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
      h.writeUInt32LE(big ? U32 : e.offset, 42);
      parts.push(h, e.name, extra);
    }
    const cd = Buffer.concat(parts);
    await this.emit(cd);
    const cdSize = cd.length;
    const count = this.entries.length;
    const needs64 = cdStart >= U32 || cdSize >= U32 || count >= 0xffff;
    if (needs64) {
      const z64Offset = this.offset;
      const r = Buffer.alloc(56);
      r.writeUInt32LE(0x06064b50, 0);
      r.writeBigUInt64LE(44n, 4);
      r.writeUInt16LE((3 << 8) | 45, 12);
      r.writeUInt16LE(45, 14);
      r.writeBigUInt64LE(BigInt(count), 24);
      r.writeBigUInt64LE(BigInt(count), 32);
      r.writeBigUInt64LE(BigInt(cdSize), 40);
      r.writeBigUInt64LE(BigInt(cdStart), 48);
      const loc = Buffer.alloc(20);
      loc.writeUInt32LE(0x07064b50, 0);
      loc.writeBigUInt64LE(BigInt(z64Offset), 8);
      loc.writeUInt32LE(1, 16);
      await this.emit(Buffer.concat([r, loc]));
    }
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(Math.min(count, 0xffff), 8);
    eocd.writeUInt16LE(Math.min(count, 0xffff), 10);
    eocd.writeUInt32LE(Math.min(cdSize, U32), 12);
    eocd.writeUInt32LE(Math.min(cdStart, U32), 16);
    await this.emit(eocd);
  }
}
