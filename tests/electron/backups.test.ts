// The app's side of backups with Electron mocked and a real archive: a confirmed restore is applied
// before the archive opens, a confirmRestore answer restarts the app, and the schedule takes the daily
// backup and the backup at close only when due.
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openArchive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { applyConfirmedRestore, setUpBackups } from '../../electron/main/backups';
import { confirmPendingRestore, prepareRestore } from '../../electron/services/backup/restore';
import { backupToFile } from '../../electron/services/backup/exportFile';
import { listBackups } from '../../electron/services/backup/store';
import { startBackupSchedule } from '../../electron/services/backup/schedule';
import { openTestArchive, tempDir } from '../support/tempArchive';
import type { Dispatcher } from '../../electron/api/result';

afterEach(() => vi.useRealTimers());

describe('backups in the app', () => {
  it('applies a confirmed restore before the archive is opened, and only a confirmed one', async () => {
    const t = await openTestArchive();
    const source = tempDir('pr-app-restore-') + '/earlier.db';
    await backupToFile(t.archive, source);
    await t.archive.run("INSERT INTO settings(key, value, seq) VALUES ('later', '1', 1)");
    await t.archive.close();
    const dialog = { showErrorBox: vi.fn() };
    try {
      await prepareRestore(t.dir, source);
      expect(await applyConfirmedRestore(t.dir, dialog)).toBe(false); // staged, not confirmed
      confirmPendingRestore(t.dir);
      expect(await applyConfirmedRestore(t.dir, dialog)).toBe(true);
      const a = await openArchive(archiveFile(t.dir));
      expect(await a.queryOne("SELECT 1 FROM settings WHERE key = 'later'")).toBeUndefined();
      await a.close();
      expect(dialog.showErrorBox).not.toHaveBeenCalled();
      // A staged file changed after it was verified: not applied, the clerk is told, the archive stays.
      await prepareRestore(t.dir, source);
      confirmPendingRestore(t.dir);
      fs.appendFileSync(`${t.dir}/restore/pending.db`, 'x');
      expect(await applyConfirmedRestore(t.dir, dialog)).toBe(false);
      expect(dialog.showErrorBox).toHaveBeenCalledWith('恢复未完成', expect.stringContaining('被改动过'));
    } finally {
      await t.close();
    }
  }, 60_000);

  it('restarts the app after a confirmed restore, not after other calls or a refused one', async () => {
    vi.useFakeTimers();
    const app = { relaunch: vi.fn(), quit: vi.fn() };
    const inner: Dispatcher = { callNames: [], dispatch: vi.fn(async (name: string) => (name === 'confirmRestore' ? { ok: true as const, value: { restartRequired: true } } : { ok: false as const, error: { code: 'x', message: 'no' } })) };
    const { dispatcher, schedule } = setUpBackups({ app, dataDir: tempDir(), archive: () => null, dispatcher: inner });
    await dispatcher.dispatch('createBackup', {}, { actor: 'a' });
    vi.advanceTimersByTime(5000);
    expect(app.relaunch).not.toHaveBeenCalled();
    await dispatcher.dispatch('confirmRestore', {}, { actor: 'a' });
    vi.advanceTimersByTime(5000);
    expect(app.relaunch).toHaveBeenCalledTimes(1);
    expect(app.quit).toHaveBeenCalledTimes(1);
    schedule.stop();
  });

  it('the schedule: one backup a day (fake clock), and at close only when something was written', async () => {
    const t = await openTestArchive();
    let now = new Date(2026, 10, 28, 9, 0, 0);
    let timer: (() => void) | null = null;
    const s = startBackupSchedule({ archive: () => t.archive, dataDir: t.dir, now: () => now, setInterval: (fn) => (timer = fn), clearInterval: () => undefined, log: () => undefined });
    try {
      await s.tick();
      expect(listBackups(t.dir).map((e) => e.name)).toEqual(['backup-20261128-090000-auto.db']);
      now = new Date(2026, 10, 28, 15, 0, 0);
      await s.tick(); // same day: nothing
      await s.closeBackup(); // nothing written since: nothing
      expect(listBackups(t.dir)).toHaveLength(1);
      await t.archive.transaction(async () => {
        await t.archive.run("INSERT INTO settings(key, value, seq) VALUES ('x', '1', 1)");
      });
      await s.closeBackup(); // a write since the last backup: backed up at close (and the rotation keeps the day's newest)
      expect(listBackups(t.dir).map((e) => e.name)).toEqual(['backup-20261128-150000-auto.db']);
      now = new Date(2026, 10, 29, 8, 0, 0);
      timer!(); // the hourly check on the next day
      await vi.waitFor(() => expect(listBackups(t.dir).map((e) => e.name)[0]).toBe('backup-20261129-080000-auto.db'));
    } finally {
      s.stop();
      await t.close();
    }
  }, 60_000);
});
