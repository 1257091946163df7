import type { Archive } from '../../../db/connection';
import type { WindowSession } from '../accounts/session';

/** What every service call needs: the archive and who is acting (recorded in history and audit). */
export interface ServiceContext {
  archive: Archive;
  actor: string;
  /** Today's date as YYYY-MM-DD; injectable so that date rules can be tested on fixed days. */
  today?: string;
  /** The calling window's session (accounts: login, unlock and logout change it); absent for the CLI. */
  session?: WindowSession;
  /** The clock for lockouts and idle lock; injectable so that tests need no sleeps. */
  clock?: () => Date;
}

export function todayOf(ctx: ServiceContext): string {
  if (ctx.today) return ctx.today;
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
