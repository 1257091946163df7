// Dates as clerks type them from paper files: 1980-1-5, 1980.01.05, 1980/1/5, 19800105, 1980年1月5日.
// Normalized to YYYY-MM-DD on blur; anything else is left as typed so the archive can name the problem.

export function normalizeDateText(text: string): string {
  const t = text.trim();
  if (!t) return '';
  let m = /^(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})\D?$/.exec(t);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return t;
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

/** Today in local time as YYYY-MM-DD (the clerk's calendar day, not UTC). */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
