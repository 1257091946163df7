// A backup that a failing USB stick or a stray write has changed must never restore changed records:
// 200 random single-byte flips of a plain backup (anywhere, and in its digest trailer and SQLite header
// in particular) and 20 of an encrypted one, each staged for restore. Every one is refused, with a
// message that names the file and says the archive was not touched, or restores exactly the records the
// backup was taken with.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { backupToFile } from '../../electron/services/backup/exportFile';
import { BackupError } from '../../electron/services/backup/errors';
import { TRAILER_BYTES } from '../../electron/services/backup/digest';
import { applyRestore, discardPendingRestore, prepareRestore } from '../../electron/services/backup/restore';
import { openTestArchive, tempDir, type TestArchive } from '../support/tempArchive';

const SEED = 20261201;
const PASS = '正确的马 battery staple';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function dump(archive: Archive): Promise<string> {
  const tables = await archive.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  const parts: string[] = [];
  for (const { name } of tables) parts.push(name, ...(await archive.query(`SELECT * FROM "${name}"`)).map((r) => JSON.stringify(r)).sort());
  return crypto.createHash('sha256').update(parts.join('\n')).digest('hex');
}

async function dumpFile(file: string): Promise<string> {
  const a = await openArchive(file, { migrate: false });
  try {
    return await dump(a);
  } finally {
    await a.close();
  }
}

describe('backups under random single-byte flips', () => {
  let t: TestArchive;
  let work: string;
  let plain: string;
  let sealed: string;
  let expected: string;
  const outcomes = { refused: 0, identical: 0 };

  beforeAll(async () => {
    t = await openTestArchive();
    await loadDemoTownship(t.ctx, { members: 40, seed: 5 });
    work = tempDir('pr-flips-');
    plain = path.join(work, 'plain.db');
    sealed = path.join(work, 'sealed.prbak');
    await backupToFile(t.archive, plain);
    await backupToFile(t.archive, sealed, { passphrase: PASS });
    expected = await dump(t.archive);
  }, 120_000);

  afterAll(async () => {
    console.log(`[backupFlips seed ${SEED}] outcomes: ${JSON.stringify(outcomes)}`);
    await t?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  /** Stage `bytes` for restore into an empty data folder; refused, or restored and compared. */
  async function tryRestore(bytes: Buffer, fileName: string, passphrase?: string): Promise<void> {
    const dataDir = tempDir('pr-flip-restore-');
    const file = path.join(work, fileName);
    fs.writeFileSync(file, bytes);
    try {
      let staged = false;
      try {
        await prepareRestore(dataDir, file, { passphrase });
        staged = true;
      } catch (err) {
        expect(err).toBeInstanceOf(BackupError);
        const message = (err as Error).message;
        expect(message).toContain(fileName);
        expect(message).toContain('档案未作任何改动');
        expect(fs.existsSync(archiveFile(dataDir))).toBe(false);
        outcomes.refused++;
      }
      if (staged) {
        await applyRestore(dataDir);
        expect(await dumpFile(archiveFile(dataDir))).toBe(expected);
        outcomes.identical++;
      }
    } finally {
      discardPendingRestore(dataDir);
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(file, { force: true });
    }
  }

  it('the unflipped backups restore the very records they were taken with', async () => {
    await tryRestore(fs.readFileSync(plain), 'whole.db');
    await tryRestore(fs.readFileSync(sealed), 'whole.prbak', PASS);
    expect(outcomes.identical).toBe(2);
  }, 120_000);

  it('200 flips of a plain backup: refused or identical, never changed content', async () => {
    const original = fs.readFileSync(plain);
    const random = rng(SEED);
    const positions: number[] = [];
    // anywhere in the file; and the parts that decide how the rest is read: the trailer and the SQLite header
    for (let i = 0; i < 150; i++) positions.push(Math.floor(random() * original.length));
    for (let i = 0; i < 35; i++) positions.push(original.length - TRAILER_BYTES + Math.floor(random() * TRAILER_BYTES));
    for (let i = 0; i < 15; i++) positions.push(Math.floor(random() * 100));
    for (const [i, pos] of positions.entries()) {
      const bytes = Buffer.from(original);
      bytes[pos] ^= 1 + Math.floor(random() * 255);
      await tryRestore(bytes, `flip-${i}-at-${pos}.db`);
    }
    expect(outcomes.refused + outcomes.identical).toBeGreaterThanOrEqual(202);
  }, 600_000);

  it('20 flips of an encrypted backup: refused or identical', async () => {
    const original = fs.readFileSync(sealed);
    const random = rng(SEED + 1);
    for (let i = 0; i < 20; i++) {
      const bytes = Buffer.from(original);
      const pos = Math.floor(random() * original.length);
      bytes[pos] ^= 1 + Math.floor(random() * 255);
      await tryRestore(bytes, `sealed-flip-${i}-at-${pos}.prbak`, PASS);
    }
  }, 600_000);

  it('a plain backup stays a SQLite file that the sqlite3 shell opens, its digest after the last page', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync('sqlite3', [plain, 'PRAGMA integrity_check; SELECT count(*) > 0 FROM members;'], { encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(['ok', '1']);
    expect(fs.readFileSync(plain).subarray(-TRAILER_BYTES, -TRAILER_BYTES + 8).toString('latin1')).toBe('PRDIGEST');
  });
});
