// The keys of the exchange, as files under <data folder>/keys/ (folder 0700, files 0600: readable only
// by the user). Never overwritten once created: a county that loses its age identity can no longer open
// any package, so `keys init` only creates what is missing and the README says how to back them up.
//   county:   county-age.key (AGE-SECRET-KEY-1…, an age identity file), county-age.pub (age1…),
//             county-signing.key / county-signing.pub.pem (Ed25519: it signs the 回执)
//   township: township-signing.key / township-signing.pub.pem (Ed25519: it signs every package),
//             township-age.key / township-age.pub (its own age identity: packages are encrypted to it too,
//             so the township can reopen and verify what it sent), county.pub (the county's public keys)
import fs from 'node:fs';
import path from 'node:path';
import type { ServiceContext } from '../core/context';
import { DomainError } from '../core/errors';
import { appendAudit } from '../audit/audit';
import { getSetup, type InstallRole } from '../core/settings';
import { isCountyLevelCode, isTownshipOfCounty, normalizeCountyCode, normalizeTownshipCode } from '../core/regionCodes';
import { writeFileAtomic } from '../core/atomicFile';
import { generateIdentity, identityFileText, parseIdentity, parseRecipient, type AgeIdentity } from './format/ageFormat';
import { fingerprintOf, generateSigningKey, normalizePublicPem, parsePublicKey, publicKeyFingerprint, publicPemOf } from './format/signing';
import { nowIso } from '../core/context';

export const KEY_FILES = {
  countyAge: 'county-age.key',
  countyAgePub: 'county-age.pub',
  countySigning: 'county-signing.key',
  countySigningPub: 'county-signing.pub.pem',
  townshipSigning: 'township-signing.key',
  townshipSigningPub: 'township-signing.pub.pem',
  townshipAge: 'township-age.key',
  townshipAgePub: 'township-age.pub',
  countyPublic: 'county.pub',
} as const;

export function keysDir(ctx: ServiceContext): string {
  return path.join(path.dirname(ctx.archive.file), 'keys');
}

function keyPath(ctx: ServiceContext, name: string): string {
  return path.join(keysDir(ctx), name);
}

function readKey(ctx: ServiceContext, name: string): string | null {
  const file = keyPath(ctx, name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

function writeKey(ctx: ServiceContext, name: string, content: string, mode = 0o600): void {
  const dir = keysDir(ctx);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  writeFileAtomic(path.join(dir, name), content, { mode });
  fs.chmodSync(path.join(dir, name), mode);
}

/** The county's public keys as one text file: its age recipient and its Ed25519 receipt key. */
export interface CountyPublic {
  recipient: string;
  signingPem: string;
  fingerprint: string;
  name: string | null;
}

function countyFingerprint(recipient: string, signingPem: string): string {
  return fingerprintOf(Buffer.concat([Buffer.from(recipient, 'utf8'), parsePublicKey(signingPem).export({ format: 'der', type: 'spki' }) as Buffer]));
}

export function countyPublicText(p: { recipient: string; signingPem: string; name: string; code: string }): string {
  return [
    `# 乡镇党员档案 · 县委组织部公钥 (county public keys): ${p.name} ${p.code}`,
    `# 指纹 fingerprint: ${countyFingerprint(p.recipient, p.signingPem)}`,
    '# 第一行是 age 接收者公钥(数据包加密给它),下面是县里签发回执用的 Ed25519 公钥。',
    p.recipient,
    p.signingPem.trim(),
    '',
  ].join('\n');
}

export function parseCountyPublic(text: string): CountyPublic {
  const recipientLine = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.startsWith('age1'));
  if (!recipientLine) throw new DomainError('bad_input', '县委组织部公钥文件中没有 age1… 公钥行;请确认选的是县里导出的公钥文件');
  try {
    parseRecipient(recipientLine);
  } catch (e) {
    throw new DomainError('bad_input', `县委组织部公钥文件中的 age 公钥无效:${(e as Error).message}`);
  }
  let signingPem: string;
  try {
    signingPem = normalizePublicPem(text, '县委组织部公钥文件中的签名公钥');
  } catch (e) {
    throw new DomainError('bad_input', (e as Error).message);
  }
  const name = /^# 乡镇党员档案 · 县委组织部公钥 \(county public keys\): (.+)$/m.exec(text)?.[1]?.trim() ?? null;
  return { recipient: recipientLine, signingPem, fingerprint: countyFingerprint(recipientLine, signingPem), name };
}

export interface KeysStatus {
  role: InstallRole;
  dir: string;
  /** This install's own keys (null until `keys init` or the first export). */
  own: { fingerprint: string; signingPublicPem: string; ageRecipient: string } | null;
  /** Township: the county's public keys it imported. */
  county: { fingerprint: string; recipient: string; name: string | null } | null;
}

async function roleOf(ctx: ServiceContext): Promise<{ role: InstallRole; code: string; name: string }> {
  const s = await getSetup(ctx);
  if (!s.township) throw new DomainError('conflict', '请先设置本档案(乡镇或县委组织部的名称和代码),再生成密钥');
  return { role: s.role, code: s.township.code, name: s.township.name };
}

export async function keysStatus(ctx: ServiceContext): Promise<KeysStatus> {
  const { role } = await roleOf(ctx);
  const names = role === 'county' ? [KEY_FILES.countySigningPub, KEY_FILES.countyAgePub] : [KEY_FILES.townshipSigningPub, KEY_FILES.townshipAgePub];
  const pem = readKey(ctx, names[0]);
  const recipient = readKey(ctx, names[1])?.trim() ?? null;
  let own: KeysStatus['own'] = null;
  if (pem && recipient) {
    own = { fingerprint: role === 'county' ? countyFingerprint(recipient, pem) : publicKeyFingerprint(pem), signingPublicPem: pem, ageRecipient: recipient };
  }
  let county: KeysStatus['county'] = null;
  const countyText = role === 'township' ? readKey(ctx, KEY_FILES.countyPublic) : null;
  if (countyText) {
    const c = parseCountyPublic(countyText);
    county = { fingerprint: c.fingerprint, recipient: c.recipient, name: c.name };
  }
  return { role, dir: keysDir(ctx), own, county };
}

/** Create this install's keys where missing; existing keys are never replaced. */
export async function initKeys(ctx: ServiceContext): Promise<KeysStatus & { created: string[] }> {
  const { role } = await roleOf(ctx);
  const created: string[] = [];
  const [sk, spk, ak, apk] =
    role === 'county'
      ? [KEY_FILES.countySigning, KEY_FILES.countySigningPub, KEY_FILES.countyAge, KEY_FILES.countyAgePub]
      : [KEY_FILES.townshipSigning, KEY_FILES.townshipSigningPub, KEY_FILES.townshipAge, KEY_FILES.townshipAgePub];
  if (!readKey(ctx, sk)) {
    const pair = generateSigningKey();
    writeKey(ctx, sk, pair.privatePem);
    writeKey(ctx, spk, pair.publicPem, 0o644);
    created.push(sk, spk);
  } else if (!readKey(ctx, spk)) {
    writeKey(ctx, spk, publicPemOf(readKey(ctx, sk)!), 0o644);
    created.push(spk);
  }
  if (!readKey(ctx, ak)) {
    const id = generateIdentity();
    writeKey(ctx, ak, identityFileText(id));
    writeKey(ctx, apk, id.recipient + '\n', 0o644);
    created.push(ak, apk);
  } else if (!readKey(ctx, apk)) {
    writeKey(ctx, apk, parseIdentity(readKey(ctx, ak)!).recipient + '\n', 0o644);
    created.push(apk);
  }
  if (created.length) {
    const status = await keysStatus(ctx);
    await ctx.archive.transaction(() =>
      appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'exchange.keys.init', entity: 'keys', entityId: role, before: null, after: { created, fingerprint: status.own?.fingerprint } }]),
    );
  }
  return { ...(await keysStatus(ctx)), created };
}

/** What the other side needs, as text: township → its Ed25519 SPKI PEM; county → its public keys file. */
export async function exportPublicKey(ctx: ServiceContext): Promise<{ fileName: string; text: string; fingerprint: string }> {
  const { role, code, name } = await roleOf(ctx);
  const status = await initKeys(ctx);
  const own = status.own!;
  if (role === 'county') {
    return { fileName: `县委组织部公钥-${code}.pub`, text: countyPublicText({ recipient: own.ageRecipient, signingPem: own.signingPublicPem, name, code }), fingerprint: own.fingerprint };
  }
  return { fileName: `${code}-${name}-签名公钥.pem`, text: own.signingPublicPem, fingerprint: own.fingerprint };
}

export async function importCountyKey(ctx: ServiceContext, text: string): Promise<{ fingerprint: string; recipient: string; name: string | null; replaced: string | null }> {
  const { role } = await roleOf(ctx);
  if (role !== 'township') throw new DomainError('conflict', '县委组织部的安装不需要导入县里的公钥(这是乡镇安装用的功能)');
  const parsed = parseCountyPublic(text);
  const previous = readKey(ctx, KEY_FILES.countyPublic);
  const replaced = previous ? parseCountyPublic(previous).fingerprint : null;
  writeKey(ctx, KEY_FILES.countyPublic, text.endsWith('\n') ? text : text + '\n', 0o644);
  await ctx.archive.transaction(() =>
    appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'exchange.county-key.import', entity: 'keys', entityId: 'county', before: replaced ? { fingerprint: replaced } : null, after: { fingerprint: parsed.fingerprint, recipient: parsed.recipient } }]),
  );
  return { fingerprint: parsed.fingerprint, recipient: parsed.recipient, name: parsed.name, replaced: replaced === parsed.fingerprint ? null : replaced };
}

// ---- loading keys for the package writer, reader and receipts ----

export function loadOwnIdentity(ctx: ServiceContext, role: InstallRole): AgeIdentity {
  const text = readKey(ctx, role === 'county' ? KEY_FILES.countyAge : KEY_FILES.townshipAge);
  if (!text) {
    throw new DomainError(
      'conflict',
      role === 'county'
        ? `本机没有县委组织部的 age 私钥(${keyPath(ctx, KEY_FILES.countyAge)}),无法打开数据包;请从备份恢复 keys 文件夹,或先执行“keys init”`
        : `本机没有乡镇的 age 私钥(${keyPath(ctx, KEY_FILES.townshipAge)})`,
    );
  }
  return parseIdentity(text);
}

export function loadOwnSigning(ctx: ServiceContext, role: InstallRole): { privatePem: string; publicPem: string } {
  const privatePem = readKey(ctx, role === 'county' ? KEY_FILES.countySigning : KEY_FILES.townshipSigning);
  if (!privatePem) throw new DomainError('conflict', `本机没有签名私钥(${keysDir(ctx)}),请先执行“keys init”`);
  return { privatePem, publicPem: publicPemOf(privatePem) };
}

/**
 * The county's one fingerprint, as its public keys file states it and the townships read it out when
 * they import it: over its age recipient and its receipt key together.
 */
export function ownCountyFingerprint(ctx: ServiceContext): string {
  const recipient = readKey(ctx, KEY_FILES.countyAgePub)?.trim();
  const pem = readKey(ctx, KEY_FILES.countySigningPub);
  if (!recipient || !pem) throw new DomainError('conflict', `本机没有县委组织部的公钥(${keysDir(ctx)}),请先执行“keys init”`);
  return countyFingerprint(recipient, pem);
}

export function loadCountyPublic(ctx: ServiceContext): CountyPublic {
  const text = readKey(ctx, KEY_FILES.countyPublic);
  if (!text) throw new DomainError('conflict', '还没有导入县委组织部的公钥文件;请先导入县里发来的公钥(keys import-county)');
  return parseCountyPublic(text);
}

// ---- county: the registered townships ----

export interface RegisteredTownship {
  code: string;
  name: string;
  fingerprint: string;
  registeredAt: string;
  replacedFingerprint: string | null;
}

export async function registerTownship(ctx: ServiceContext, input: { code: string; name?: string | null; publicKeyPem: string }): Promise<RegisteredTownship> {
  const county = await roleOf(ctx);
  if (county.role !== 'county') throw new DomainError('conflict', '只有县委组织部的安装可以登记乡镇');
  const code = townshipCodeInCounty(input.code, county);
  let pem: string;
  try {
    pem = normalizePublicPem(input.publicKeyPem, `乡镇 ${code} 的公钥文件`);
  } catch (e) {
    throw new DomainError('bad_input', (e as Error).message);
  }
  const fingerprint = publicKeyFingerprint(pem);
  const now = nowIso();
  return ctx.archive.transaction(async () => {
    const before = await ctx.archive.queryOne<{ name: string; fingerprint: string }>('SELECT name, fingerprint FROM county_townships WHERE code = ?', [code]);
    const name = input.name?.trim() || before?.name || code;
    // A township proves who it is by its key alone: two codes with one key would let one township's
    // packages pass as the other's.
    const holder = await ctx.archive.queryOne<{ code: string; name: string }>('SELECT code, name FROM county_townships WHERE fingerprint = ? AND code <> ?', [fingerprint, code]);
    if (holder) {
      throw new DomainError(
        'conflict',
        `不能登记${name === code ? '' : name}(${code}):这个公钥(指纹 ${fingerprint})已登记给${holder.name}(${holder.code})。每个乡镇应有自己的密钥,请核对公钥文件是否拿错了,或请该乡镇在本机执行“keys init”生成自己的密钥`,
      );
    }
    if (before) await ctx.archive.run('UPDATE county_townships SET name = ?, public_key = ?, fingerprint = ?, registered_at = ? WHERE code = ?', [name, pem, fingerprint, now, code]);
    else await ctx.archive.run('INSERT INTO county_townships(code, name, public_key, fingerprint, registered_at) VALUES (?,?,?,?,?)', [code, name, pem, fingerprint, now]);
    await appendAudit(ctx.archive, [
      { actor: ctx.actor, action: 'exchange.township.register', entity: 'county_townships', entityId: code, before: before ?? null, after: { name, fingerprint } },
    ]);
    return { code, name, fingerprint, registeredAt: now, replacedFingerprint: before && before.fingerprint !== fingerprint ? before.fingerprint : null };
  });
}

/**
 * The township's code as the county registers it: 9 digits, within the county's range (its first 6
 * digits are the county's), and not the county's own code. Each refusal names both codes.
 */
export function townshipCodeInCounty(given: string, county: { code: string; name: string }): string {
  const countyCode = normalizeCountyCode(county.code) ?? county.code;
  const shown = given.trim();
  if (isCountyLevelCode(shown)) {
    if (normalizeCountyCode(shown) === countyCode) {
      throw new DomainError('bad_input', `“${shown}”是本县(${county.name},县级代码 ${countyCode})自己的代码,不能登记为乡镇;请填乡镇的9位代码,如 ${countyCode}101`);
    }
    throw new DomainError('bad_input', `“${shown}”是县级代码,不是乡镇代码;本县(${county.name},县级代码 ${countyCode})的乡镇代码为9位,以 ${countyCode} 开头`);
  }
  const code = normalizeTownshipCode(shown);
  if (!code) throw new DomainError('bad_input', `乡镇代码“${shown}”不正确:应为9位统计用区划代码,本县(${county.name},县级代码 ${countyCode})的乡镇以 ${countyCode} 开头`);
  if (!isTownshipOfCounty(code, countyCode)) {
    throw new DomainError('bad_input', `乡镇代码 ${code} 不属于本县(${county.name},县级代码 ${countyCode}):它属于县级代码 ${code.slice(0, 6)};本县只登记以 ${countyCode} 开头的乡镇`);
  }
  return code;
}
