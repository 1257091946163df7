// 统计用区划代码 of the two kinds of install: a township's 9 digits (省2 市2 县2 乡镇3) and a county's
// 6 (省2 市2 县2). Both are also written as the full 12-digit code, padded with zeros.

/**
 * A township's code: 9 digits; a 12-digit code ending in 000 is accepted too. A 乡镇 part of 000 is
 * the county itself, not a township.
 */
export function normalizeTownshipCode(code: string): string | null {
  const c = code.trim();
  const nine = /^\d{9}$/.test(c) ? c : /^\d{9}000$/.test(c) ? c.slice(0, 9) : null;
  return nine && !nine.endsWith('000') ? nine : null;
}

/** A code that names a county where a township's was asked for (its 乡镇 part is 000, or it has only 6 digits). */
export function isCountyLevelCode(code: string): boolean {
  return normalizeCountyCode(code) !== null;
}

/**
 * A county's code: 6 digits; its 12-digit code ending in 000000 is accepted too, and so is the 9-digit
 * form ending in 000 that county archives set up before 6-digit codes kept.
 */
export function normalizeCountyCode(code: string): string | null {
  const c = code.trim();
  if (/^\d{6}$/.test(c)) return c;
  if (/^\d{6}000(000)?$/.test(c)) return c.slice(0, 6);
  return null;
}

/** Whether a township's 9-digit code lies in a county's range: its first 6 digits are the county's. */
export function isTownshipOfCounty(townshipCode: string, countyCode: string): boolean {
  const county = normalizeCountyCode(countyCode);
  return county !== null && normalizeTownshipCode(townshipCode) !== null && townshipCode.slice(0, 6) === county;
}
