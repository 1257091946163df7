// Password hashing with scrypt (node:crypto): a random 16-byte salt per hash, N = 2^15, r = 8, p = 1
// (32 MiB and roughly 0.1 s per hash here: cheap for one login, expensive for a guessing attack on a
// stolen archive). The parameters are stored with each hash so that they can be raised later without
// invalidating old passwords. Passwords are never stored, logged or put into error messages.
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { FieldProblem } from '../core/errors';

const scryptAsync = promisify(crypto.scrypt) as (password: string | Buffer, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

const LOG2_N = 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function costOptions(log2N: number, r: number, p: number): crypto.ScryptOptions {
  const N = 2 ** log2N;
  return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, costOptions(LOG2_N, R, P));
  return `scrypt$${LOG2_N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [log2N, r, p] = parts.slice(1, 4).map(Number);
  if (![log2N, r, p].every((n) => Number.isInteger(n) && n > 0) || log2N > 22) return false;
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  const key = await scryptAsync(password.normalize('NFC'), salt, expected.length, costOptions(log2N, r, p));
  return key.length === expected.length && crypto.timingSafeEqual(key, expected);
}

/** A hash of a random password: verified against when the name is unknown, so timing does not tell. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(crypto.randomBytes(18).toString('base64'));
  return decoy;
}

export const PASSWORD_MIN_LENGTH = 8;

/** The password rule (等保: length and at least two kinds of characters). Problems name the field. */
export function passwordProblems(password: string, field = 'password', name?: string): FieldProblem[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`密码至少 ${PASSWORD_MIN_LENGTH} 个字符`);
  if ([...password].length > 128) problems.push('密码不能超过 128 个字符');
  const kinds = [/[a-zA-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 2) problems.push('密码须包含字母、数字、符号(含汉字)中的至少两种');
  if (name && password.trim().toLowerCase() === name.trim().toLowerCase()) problems.push('密码不能与用户名相同');
  return problems.map((message) => ({ field, message: `密码:${message}` }));
}
