// A backup to a file the clerk chose (a USB stick): the verified snapshot, either as it is (a SQLite
// file) or encrypted with a passphrase (encryptedFile.ts). The written file is read back and checked
// before we say it is done: USB sticks fail silently more often than disks.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Archive } from '../../../db/connection';
import { writeFileAtomic } from '../core/atomicFile';
import { decryptBackup, encryptBackup } from './encryptedFile';
import { BackupError } from './errors';
import type { BackupManifest } from './manifest';
import { writeVerifiedSnapshot } from './snapshot';

export interface ExportedBackup {
  file: string;
  size: number;
  encrypted: boolean;
  manifest: BackupManifest;
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

export async function backupToFile(archive: Archive, outFile: string, options: { passphrase?: string; now?: Date; onStep?: (step: string) => void } = {}): Promise<ExportedBackup> {
  const now = options.now ?? new Date();
  const target = path.resolve(outFile);
  if (!fs.existsSync(path.dirname(target))) throw new BackupError('verify_failed', `文件夹“${path.dirname(target)}”不存在(U 盘是否已插好?)`);
  if (options.passphrase === undefined) {
    const manifest = await writeVerifiedSnapshot(archive, target, now, options.onStep);
    return { file: target, size: fs.statSync(target).size, encrypted: false, manifest };
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-backup-'));
  try {
    const plainFile = path.join(work, 'archive.db');
    const manifest = await writeVerifiedSnapshot(archive, plainFile, now, options.onStep);
    const sqlite = fs.readFileSync(plainFile);
    writeFileAtomic(target, encryptBackup(manifest, sqlite, options.passphrase));
    const back = decryptBackup(fs.readFileSync(target), options.passphrase, path.basename(target));
    if (sha256(back.sqlite) !== sha256(sqlite)) {
      fs.rmSync(target, { force: true });
      throw new BackupError('verify_failed', `写到“${target}”的备份读回后与档案不一致,已删除;请换一个 U 盘再试`);
    }
    return { file: target, size: fs.statSync(target).size, encrypted: true, manifest };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
