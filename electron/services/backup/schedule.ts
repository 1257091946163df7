// When the app takes its automatic backups: once a day while it runs (checked every hour, and shortly
// after start) and at each close when anything was written since the last one. Plain Node: the main
// process only hands over the archive and calls closeBackup() before it closes the archive.
import type { Archive } from '../../../db/connection';
import { backupToFolder, listBackups } from './store';

export interface BackupScheduleOptions {
  archive: () => Archive | null;
  dataDir: string;
  now?: () => Date;
  /** How often to look whether today's backup is missing (default one hour). */
  intervalMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  log?: (message: string) => void;
}

export interface BackupSchedule {
  /** Take today's backup if it is missing. */
  tick(): Promise<void>;
  /** The backup at close: taken when something was written since the last backup, or none exists today. */
  closeBackup(): Promise<void>;
  stop(): void;
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export function startBackupSchedule(options: BackupScheduleOptions): BackupSchedule {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((m: string) => console.log(`[backup] ${m}`));
  // The archive's version counts committed writes since it was opened.
  let versionAtLastBackup = 0;
  let running: Promise<void> | null = null;

  const hasTodays = () => listBackups(options.dataDir).some((e) => (e.kind === 'auto' || e.kind === 'manual') && e.takenAt.startsWith(localDay(now())));

  const take = (why: string): Promise<void> => {
    const archive = options.archive();
    if (!archive) return Promise.resolve();
    // One at a time: the hourly check and the close must not race for the same file name.
    const previous = running ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        const entry = await backupToFolder(archive, options.dataDir, 'auto', now());
        versionAtLastBackup = archive.version;
        log(`${why}:已备份到 ${entry.file}`);
      } catch (error) {
        log(`${why}:备份失败 — ${(error as Error).message}`);
      }
    });
    running = next;
    return next;
  };

  const tick = async () => {
    if (!hasTodays()) await take('每日备份');
  };
  const setTimer = options.setInterval ?? ((fn, ms) => setInterval(fn, ms).unref());
  const clearTimer = options.clearInterval ?? ((h) => clearInterval(h as NodeJS.Timeout));
  const handle = setTimer(() => void tick(), options.intervalMs ?? 3_600_000);
  return {
    tick,
    async closeBackup() {
      const archive = options.archive();
      if (!archive) return;
      if (archive.version !== versionAtLastBackup || !hasTodays()) await take('关闭时备份');
    },
    stop: () => clearTimer(handle),
  };
}
