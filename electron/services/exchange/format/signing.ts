// Ed25519 signatures on node:crypto: a township signs its package's tagmanifest-sha256.txt, the county
// signs its 回执. Keys are kept in the standard PEM forms (PKCS8 private, SPKI public) that
// `openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in FILE -sigfile SIG` reads; signatures are the
// raw 64 bytes. The fingerprint is short enough to read out over the phone.
import crypto from 'node:crypto';

export interface SigningKeyPair {
  privatePem: string;
  publicPem: string;
}

export function generateSigningKey(): SigningKeyPair {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }) as string,
  };
}

/** Parse an Ed25519 public key in SPKI PEM; throws a Chinese message naming what is wrong. */
export function parsePublicKey(pem: string, what = '公钥'): crypto.KeyObject {
  const block = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/.exec(pem);
  if (!block) throw new Error(`${what}不是 PEM 格式的公钥(应含 -----BEGIN PUBLIC KEY-----)`);
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey({ key: block[0], format: 'pem' });
  } catch {
    throw new Error(`${what}无法读取(PEM 内容已损坏)`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${what}不是 Ed25519 公钥(是 ${key.asymmetricKeyType ?? '未知类型'})`);
  return key;
}

/** The public key PEM exactly as SPKI re-exports it (so equal keys compare equal as text). */
export function normalizePublicPem(pem: string, what?: string): string {
  return parsePublicKey(pem, what).export({ format: 'pem', type: 'spki' }) as string;
}

export function sign(privatePem: string, data: Buffer): Buffer {
  return crypto.sign(null, data, crypto.createPrivateKey(privatePem));
}

export function verify(publicPem: string | crypto.KeyObject, data: Buffer, signature: Buffer): boolean {
  if (signature.length !== 64) return false;
  const key = typeof publicPem === 'string' ? parsePublicKey(publicPem) : publicPem;
  return crypto.verify(null, data, key, signature);
}

/** First 16 hex digits of SHA-256 over the given bytes, upper case, in groups of four: 3F2A-91C0-7B44-E018. */
export function fingerprintOf(bytes: Buffer): string {
  const hex = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16).toUpperCase();
  return hex.match(/.{4}/g)!.join('-');
}

/** Fingerprint of an Ed25519 public key: over its SPKI DER encoding. */
export function publicKeyFingerprint(pem: string): string {
  return fingerprintOf(parsePublicKey(pem).export({ format: 'der', type: 'spki' }) as Buffer);
}

export function publicPemOf(privatePem: string): string {
  return crypto.createPublicKey(crypto.createPrivateKey(privatePem)).export({ format: 'pem', type: 'spki' }) as string;
}
