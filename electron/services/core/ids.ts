// Record identifiers: UUID version 7 (RFC 9562). Unique across every township the county merges, like
// any UUID, and ordered by creation time, so new rows land at the end of the key index instead of at
// random places in it (a bulk load of 150,000 members writes far fewer pages).
import crypto from 'node:crypto';

let lastMs = 0;
let counter = 0;
const pool = Buffer.alloc(16 * 1024);
let poolOffset = pool.length;

function randomBytes10(): Buffer {
  if (poolOffset + 10 > pool.length) {
    crypto.randomFillSync(pool);
    poolOffset = 0;
  }
  const out = pool.subarray(poolOffset, poolOffset + 10);
  poolOffset += 10;
  return out;
}

export function newId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      // 4096 ids in one millisecond: borrow the next millisecond to stay ordered.
      ms = ++lastMs;
      counter = 0;
    }
  } else {
    lastMs = ms;
    counter = 0;
  }
  const b = Buffer.alloc(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  randomBytes10().copy(b, 8);
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
