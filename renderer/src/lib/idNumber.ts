// 公民身份号码 (GB 11643-1999) read on the client only to pre-fill 出生日期 and 性别 while the clerk
// types; the archive validates the number again on save (the rules live in the services).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export interface IdNumberFacts {
  birthDate: string; // YYYY-MM-DD
  gender: '1' | '2'; // codes.gender: 1 男, 2 女
}

/** Birth date and gender of a valid 18-digit (or old 15-digit) number, else null. */
export function factsFromIdNumber(raw: string): IdNumberFacts | null {
  let id = raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/Ｘ/g, 'X');
  if (/^\d{15}$/.test(id)) {
    const first17 = id.slice(0, 6) + '19' + id.slice(6);
    id = first17 + checkDigit(first17);
  }
  if (!/^\d{17}[\dX]$/.test(id)) return null;
  if (checkDigit(id) !== id[17]) return null;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1880 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? '1' : '2',
  };
}

function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}
