// 导出到县 / 导入乡镇数据: where the stick is. The removable drives mounted now, and the packages or 回执
// files in a folder the clerk picked (a listed drive or a typed folder), so the window shows names and
// sizes and sends back only paths it was given. And a township key's fingerprint before it is
// registered, to read out over the phone first.
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { listExchangeFiles, listRemovableDrives } from '../../services/exchange/removableDrives';
import { publicKeyFingerprint } from '../../services/exchange/format/signing';
import { DomainError } from '../../services/core/errors';

const fileEntry = z.object({ file: z.string(), fileName: z.string(), size: z.number(), modifiedAt: z.string() });

export const exchangeDriveCalls = {
  // where the stick is: only for writing or importing packages
  listRemovableDrives: defineCall({
    access: 'write',
    input: z.object({}).optional(),
    output: z.array(z.object({ path: z.string(), label: z.string(), totalBytes: z.number().nullable(), freeBytes: z.number().nullable() })),
    run: () => listRemovableDrives(),
  }),
  listExchangeFiles: defineCall({
    access: 'write',
    input: z.object({ dir: z.string().min(1).max(4096), kind: z.enum(['package', 'receipt']) }),
    output: z.array(fileEntry),
    run: async (_ctx, i) => listExchangeFiles(i.dir, i.kind),
  }),
  // computes from the text sent, reads nothing
  publicKeyFingerprint: defineCall({
    access: 'read',
    input: z.object({ publicKeyPem: z.string().min(1).max(64 * 1024) }),
    output: z.object({ fingerprint: z.string() }),
    async run(_ctx, i) {
      try {
        return { fingerprint: publicKeyFingerprint(i.publicKeyPem) };
      } catch (e) {
        throw new DomainError('bad_input', `公钥文件:${(e as Error).message}`);
      }
    },
  }),
};
