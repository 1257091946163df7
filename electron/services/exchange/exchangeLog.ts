// The township's log of packages sent (导出到县), and reading a package back from the stick to prove it
// was written whole: decrypted with the township's own age identity (every package is encrypted to it
// too), the signature checked with its own public key, every checksum checked.
import path from 'node:path';
import type { ServiceContext } from '../core/context';
import { nowIso } from '../core/context';
import { DomainError } from '../core/errors';
import { getSetup } from '../core/settings';
import { loadOwnIdentity, loadOwnSigning } from './keys';
import { openPackage, PackageError, type PackageInfo } from './packageReader';

export interface SentPackage {
  sequence: number;
  kind: string;
  baseSequence: number;
  changeFrom: number;
  changeTo: number;
  fileName: string;
  filePath: string;
  size: number;
  rowCounts: Record<string, number>;
  attachments: number;
  attachmentBytes: number;
  createdAt: string;
  actor: string;
  verifiedAt: string | null;
  acknowledgedAt: string | null;
  bagDigest: string;
}

/** The log of packages sent, newest first. */
export async function listSentPackages(ctx: ServiceContext): Promise<SentPackage[]> {
  const rows = await ctx.archive.query<Record<string, unknown>>('SELECT * FROM exchange_packages ORDER BY sequence DESC');
  return rows.map((r) => ({
    sequence: Number(r.sequence), kind: String(r.kind), baseSequence: Number(r.base_sequence), changeFrom: Number(r.change_from), changeTo: Number(r.change_to),
    fileName: String(r.file_name), filePath: String(r.file_path), size: Number(r.size), rowCounts: JSON.parse(String(r.row_counts)) as Record<string, number>,
    attachments: Number(r.attachments), attachmentBytes: Number(r.attachment_bytes), createdAt: String(r.created_at), actor: String(r.actor),
    verifiedAt: (r.verified_at as string | null) ?? null, acknowledgedAt: (r.acknowledged_at as string | null) ?? null, bagDigest: String(r.sha256),
  }));
}

/**
 * Read a package back (from the stick) and check it completely. At the township it must be one of its
 * own (signed with its key); the log row of that package is marked verified when its digest matches.
 */
export async function verifySentPackage(ctx: ServiceContext, file: string): Promise<{ info: PackageInfo; logged: boolean; message: string }> {
  const s = await getSetup(ctx);
  if (!s.township) throw new DomainError('conflict', '请先设置乡镇名称和代码');
  const identity = loadOwnIdentity(ctx, 'township');
  const { publicPem } = loadOwnSigning(ctx, 'township');
  const pkg = await openPackage(file, {
    identities: [identity],
    tempDir: path.join(path.dirname(ctx.archive.file), 'tmp'),
    keyFor: (code) => {
      if (code !== s.township!.code) throw new PackageError('unknown_township', `${path.basename(file)} 是乡镇 ${code} 的数据包,不是本乡镇(${s.township!.code})的`);
      return publicPem;
    },
  });
  try {
    const info = pkg.info;
    const row = await ctx.archive.queryOne<{ sha256: string }>('SELECT sha256 FROM exchange_packages WHERE sequence = ?', [info.sequence]);
    const logged = row?.sha256 === info.bagDigest;
    if (logged) await ctx.archive.transaction(() => ctx.archive.run('UPDATE exchange_packages SET verified_at = ? WHERE sequence = ?', [nowIso(), info.sequence]));
    return { info, logged, message: `${path.basename(file)}:解密、签名和全部 ${info.payloadFiles} 个文件的校验值都正确${logged ? '' : '(但本机的导出记录中没有这个数据包)'}` };
  } finally {
    await pkg.close();
  }
}
