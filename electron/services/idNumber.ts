// 公民身份号码 (GB 11643-1999): 6-digit area code, birth date YYYYMMDD, 3-digit sequence (odd = male,
// even = female), check digit. Area codes are not checked against a list: codes change over time and a
// number issued under an old code stays valid.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/**
 * Clean what a clerk or a spreadsheet gives us: spaces, full-width digits and a lower-case x are
 * common in rosters and are not errors.
 */
export function normalizeIdNumber(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[ｘＸ]/g, 'X')
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** Old 15-digit numbers: insert the century 19 and compute the check digit. */
export function upgradeIdNumber15(id15: string): string {
  const first17 = id15.slice(0, 6) + '19' + id15.slice(6);
  return first17 + checkDigit(first17);
}

export interface IdNumberInfo {
  idNumber: string; // normalized, 18 characters
  birthDate: string; // YYYY-MM-DD
  gender: '1' | '2'; // codes.gender
}

export type IdNumberProblem = 'length' | 'characters' | 'birthDate' | 'checkDigit';

export const ID_PROBLEM_ZH: Record<IdNumberProblem, string> = {
  length: '公民身份号码应为18位(或旧式15位)',
  characters: '公民身份号码只能由数字组成,最后一位可以是X',
  birthDate: '公民身份号码中的出生日期不是有效日期',
  checkDigit: '公民身份号码校验位不正确,请核对是否抄错',
};

function isValidDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Parse and verify; returns the problem when the number cannot be right. */
export function parseIdNumber(raw: string): { ok: true; info: IdNumberInfo } | { ok: false; problem: IdNumberProblem } {
  let id = normalizeIdNumber(raw);
  if (/^\d{15}$/.test(id)) id = upgradeIdNumber15(id);
  if (id.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'characters' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1880 || !isValidDate(y, m, d)) return { ok: false, problem: 'birthDate' };
  if (checkDigit(id) !== id[17]) return { ok: false, problem: 'checkDigit' };
  const gender = Number(id[16]) % 2 === 1 ? '1' : '2';
  return { ok: true, info: { idNumber: id, birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, gender } };
}

/** Build a valid number (demo data and tests). `sequence` is 0–999; its parity sets the gender. */
export function makeIdNumber(area6: string, birthDate: string, sequence: number): string {
  const first17 = area6 + birthDate.replace(/-/g, '') + String(sequence).padStart(3, '0');
  return first17 + checkDigit(first17);
}
