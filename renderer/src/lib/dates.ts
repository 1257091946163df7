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

// "Today" comes from the archive (getSetup), never from this window's clock: the services judge dates
// against the archive's day, and a form prefilled from another clock would be refused by its own rules.
let archiveToday: string | null = null;

/** Called with every setup status the window reads (at start and when it regains focus). */
export function setArchiveToday(day: string): void {
  archiveToday = day;
}

/** The archive's calendar day as YYYY-MM-DD. */
export function todayLocal(): string {
  if (!archiveToday) throw new Error('the archive has not told the window its date yet');
  return archiveToday;
}
