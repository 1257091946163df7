// The 回执: the county's signed statement "we applied package N of township T", carried back on the
// stick. The county signs with its own Ed25519 key (an age identity can decrypt but not sign), whose
// public half travels in the county's public keys file that every township imports; so the township
// verifies the receipt with what it already holds. File: JSON { payload: "<JSON text>", signature:
// base64 of the raw 64-byte Ed25519 signature over the UTF-8 bytes of payload, fingerprint }.
import type { ServiceContext } from '../core/context';
import { nowIso } from '../core/context';
import { DomainError } from '../core/errors';
import { appendAudit } from '../audit/audit';
import { getSetup } from '../core/settings';
import { normalizeTownshipCode } from '../core/settings';
import { loadCountyPublic, loadOwnSigning, ownCountyFingerprint } from './keys';
import { sign, verify } from './format/signing';

export const RECEIPT_FORMAT = 'party-records-receipt/1';
export const RECEIPT_EXTENSION = '.prreceipt';

export interface ReceiptPayload {
  format: string;
  county: { code: string; name: string };
  townshipCode: string;
  townshipName: string;
  packageSequence: number;
  packageKind: string;
  bagDigest: string;
  changeTo: number;
  appliedAt: string;
  issuedAt: string;
}

export async function writeReceipt(ctx: ServiceContext, townshipCode: string): Promise<{ fileName: string; text: string; payload: ReceiptPayload; fingerprint: string }> {
  const s = await getSetup(ctx);
  if (!s.township || s.role !== 'county') throw new DomainError('conflict', '只有县委组织部的安装可以出具回执');
  const code = normalizeTownshipCode(townshipCode);
  if (!code) throw new DomainError('bad_input', `乡镇代码“${townshipCode}”不正确`);
  const t = await ctx.archive.queryOne<{ name: string; last_sequence: number }>('SELECT name, last_sequence FROM county_townships WHERE code = ?', [code]);
  if (!t) throw new DomainError('not_found', `乡镇 ${code} 未登记`);
  if (t.last_sequence === 0) throw new DomainError('conflict', `还没有导入过${t.name}(${code})的数据包,不能出具回执`);
  const imp = await ctx.archive.queryOne<{ kind: string; sha256: string; change_to: number; applied_at: string }>(
    'SELECT kind, sha256, change_to, applied_at FROM county_imports WHERE township_code = ? AND sequence = ?',
    [code, t.last_sequence],
  );
  if (!imp) throw new DomainError('not_found', `找不到${t.name}第 ${t.last_sequence} 号数据包的导入记录`);
  const { privatePem } = loadOwnSigning(ctx, 'county');
  // The fingerprint the townships registered for the county, not that of the receipt key alone.
  const fingerprint = ownCountyFingerprint(ctx);
  const payload: ReceiptPayload = {
    format: RECEIPT_FORMAT,
    county: s.township,
    townshipCode: code,
    townshipName: t.name,
    packageSequence: t.last_sequence,
    packageKind: imp.kind,
    bagDigest: imp.sha256,
    changeTo: imp.change_to,
    appliedAt: imp.applied_at,
    issuedAt: nowIso(),
  };
  const payloadText = JSON.stringify(payload);
  const text = JSON.stringify({ payload: payloadText, signature: sign(privatePem, Buffer.from(payloadText, 'utf8')).toString('base64'), fingerprint }, null, 1) + '\n';
  await ctx.archive.transaction(() =>
    appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'exchange.receipt.write', entity: 'county_townships', entityId: code, before: null, after: { packageSequence: payload.packageSequence, bagDigest: payload.bagDigest } }]),
  );
  return { fileName: `回执-${code}-${String(payload.packageSequence).padStart(6, '0')}${RECEIPT_EXTENSION}`, text, payload, fingerprint };
}

export async function importReceipt(ctx: ServiceContext, text: string): Promise<{ status: 'acknowledged' | 'already'; packageSequence: number; message: string }> {
  const s = await getSetup(ctx);
  if (!s.township || s.role !== 'township') throw new DomainError('conflict', '回执由乡镇导入(这是县委组织部的安装)');
  let parsed: { payload?: unknown; signature?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new DomainError('bad_input', '这个文件不是回执(不是回执的 JSON 格式)');
  }
  if (typeof parsed.payload !== 'string' || typeof parsed.signature !== 'string') throw new DomainError('bad_input', '这个文件不是回执(缺少内容或签名)');
  const county = loadCountyPublic(ctx);
  if (!verify(county.signingPem, Buffer.from(parsed.payload, 'utf8'), Buffer.from(parsed.signature, 'base64'))) {
    throw new DomainError('conflict', `回执的签名与已导入的县委组织部公钥(指纹 ${county.fingerprint})不符:回执被改动过,或不是本县出具的`);
  }
  const payload = JSON.parse(parsed.payload) as ReceiptPayload;
  if (payload.format !== RECEIPT_FORMAT) throw new DomainError('bad_input', `回执格式 ${payload.format} 本程序不认识`);
  if (payload.townshipCode !== s.township.code) throw new DomainError('conflict', `这是${payload.townshipName}(${payload.townshipCode})的回执,不是本乡镇(${s.township.code})的`);
  return ctx.archive.transaction(async () => {
    const row = await ctx.archive.queryOne<{ sha256: string; acknowledged_at: string | null }>('SELECT sha256, acknowledged_at FROM exchange_packages WHERE sequence = ?', [payload.packageSequence]);
    if (!row || row.sha256 !== payload.bagDigest) {
      throw new DomainError('conflict', `回执确认的第 ${payload.packageSequence} 号数据包与本乡镇的导出记录不符(本机没有导出过内容相同的这个数据包)`);
    }
    const newer = await ctx.archive.queryOne<{ n: number }>('SELECT max(sequence) AS n FROM exchange_packages WHERE acknowledged_at IS NOT NULL');
    if (row.acknowledged_at || (newer?.n ?? 0) >= payload.packageSequence) {
      return { status: 'already' as const, packageSequence: payload.packageSequence, message: `第 ${payload.packageSequence} 号数据包的回执已经导入过(或已有更新的回执),未作改动` };
    }
    await ctx.archive.run('UPDATE exchange_packages SET acknowledged_at = ? WHERE sequence = ?', [nowIso(), payload.packageSequence]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'exchange.receipt.import', entity: 'exchange_packages', entityId: String(payload.packageSequence), before: null, after: payload }]);
    return { status: 'acknowledged' as const, packageSequence: payload.packageSequence, message: `县委组织部(${payload.county.name},指纹 ${county.fingerprint})已确认收到第 ${payload.packageSequence} 号数据包;下次导出从这里接着发送变动` };
  });
}
