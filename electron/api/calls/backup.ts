// 备份与恢复 for the window. The window never names a path: local backups are named by their file name
// in the backups folder (checked against the listing), an encrypted backup for a USB stick comes back as
// bytes offered as a download (Electron opens the save dialog), and a backup to restore from a stick is
// sent as the picked file's bytes. Restoring is two calls: inspectRestore stages and verifies the backup
// and shows what it holds; confirmRestore marks it to be applied, which needs the archive closed, so the
// app restarts and swaps the files before it opens the archive again (electron/main/backups.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { defineCall } from '../defineCall';
import type { ServiceContext } from '../../services/core/context';
import { todayOf } from '../../services/core/context';
import { DomainError } from '../../services/core/errors';
import { writeFileAtomic } from '../../services/core/atomicFile';
import { backupToFile } from '../../services/backup/exportFile';
import { backupToFolder, backupsDir, listBackups, type BackupEntry } from '../../services/backup/store';
import { confirmPendingRestore, discardPendingRestore, prepareRestore, type RestorePreview } from '../../services/backup/restore';

const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
const dataDirOf = (ctx: ServiceContext) => path.dirname(ctx.archive.file);

const manifestOut = z.object({
  createdAt: z.string(),
  township: z.object({ code: z.string(), name: z.string() }).nullable(),
  counts: z.record(z.string(), z.number()),
  schemaVersion: z.string().nullable(),
  appVersion: z.string(),
});
const backupOut = z.object({
  name: z.string(),
  kind: z.enum(['auto', 'manual', 'before-restore', 'before-migration']),
  takenAt: z.string(),
  size: z.number(),
  manifest: manifestOut.nullable(),
});
const previewOut = z.object({ sourceName: z.string(), encrypted: z.boolean(), manifest: manifestOut, upgradedFrom: z.string().nullable(), digest: z.enum(['verified', 'none']) });
const passphrase = z.string().min(1).max(200);

const shapeEntry = (e: BackupEntry) => ({ name: e.name, kind: e.kind, takenAt: e.takenAt, size: e.size, manifest: e.manifest });
const shapePreview = (p: RestorePreview, sourceName: string) => ({ sourceName, encrypted: p.encrypted, manifest: p.manifest, upgradedFrom: p.upgradedFrom, digest: p.digest });

function localBackupFile(ctx: ServiceContext, name: string): string {
  const entry = listBackups(dataDirOf(ctx)).find((e) => e.name === name);
  if (!entry) throw new DomainError('not_found', `备份文件夹中没有“${name}”`);
  return entry.file;
}

export const backupCalls = {
  listBackups: defineCall({
    access: 'system',
    input: z.object({}).optional(),
    output: z.object({ folder: z.string(), backups: z.array(backupOut) }),
    run: async (ctx) => ({ folder: backupsDir(dataDirOf(ctx)), backups: listBackups(dataDirOf(ctx)).map(shapeEntry) }),
  }),
  /** 立即备份: a verified backup into the backups folder. */
  createBackup: defineCall({
    access: 'system',
    input: z.object({}).optional(),
    output: backupOut,
    run: async (ctx) => shapeEntry(await backupToFolder(ctx.archive, dataDirOf(ctx), 'manual')),
  }),
  /** 备份到U盘(加密): the encrypted file's bytes, offered to the clerk as a download. */
  exportEncryptedBackup: defineCall({
    access: 'system',
    input: z.object({ passphrase }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), size: z.number(), counts: z.record(z.string(), z.number()) }),
    async run(ctx, i) {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-usb-'));
      try {
        const r = await backupToFile(ctx.archive, path.join(work, 'backup.prbak'), { passphrase: i.passphrase });
        const bytes = fs.readFileSync(r.file);
        return { fileName: `党员档案备份_${todayOf(ctx)}.prbak`, mimeType: 'application/octet-stream', base64: bytes.toString('base64'), size: bytes.length, counts: r.manifest.counts };
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    },
  }),
  /** Stage and verify a backup (from the folder by name, or a picked file's bytes); nothing is replaced. */
  inspectRestore: defineCall({
    access: 'system',
    input: z.union([
      z.object({ name: z.string().max(120), passphrase: passphrase.optional() }),
      z.object({ fileName: z.string().max(255), contentBase64: z.string().max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4), passphrase: passphrase.optional() }),
    ]),
    output: previewOut,
    async run(ctx, i) {
      const dataDir = dataDirOf(ctx);
      if ('name' in i) return shapePreview(await prepareRestore(dataDir, localBackupFile(ctx, i.name), { passphrase: i.passphrase }), i.name);
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-restore-'));
      try {
        const file = path.join(work, 'upload');
        writeFileAtomic(file, Buffer.from(i.contentBase64, 'base64'));
        const shown = path.basename(i.fileName);
        return shapePreview(await prepareRestore(dataDir, file, { passphrase: i.passphrase, displayName: shown }), shown);
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    },
  }),
  /** The clerk confirmed: the staged backup replaces the archive when the app restarts. */
  confirmRestore: defineCall({
    access: 'system',
    input: z.object({}).optional(),
    output: z.object({ restartRequired: z.literal(true) }),
    async run(ctx) {
      confirmPendingRestore(dataDirOf(ctx));
      return { restartRequired: true as const };
    },
  }),
  // setting the install up (管理员)
  cancelRestore: defineCall({
    access: 'system',
    input: z.object({}).optional(),
    output: z.null(),
    async run(ctx) {
      discardPendingRestore(dataDirOf(ctx));
      return null;
    },
  }),
};
