// The app's side of backups, kept thin: a confirmed restore is applied at start before the archive is
// opened (the swap needs it closed), the daily and at-close backups run on the schedule of
// services/backup/schedule.ts, and a confirmed restore restarts the app. Everything else is in services.
import type { App, Dialog } from 'electron';
import type { Archive } from '../../db/connection';
import type { Dispatcher } from '../api/result';
import { applyRestore, isRestoreConfirmed } from '../services/backup/restore';
import { startBackupSchedule, type BackupSchedule } from '../services/backup/schedule';

/** Applies a restore the clerk confirmed before the restart; tells the clerk when it could not be done. */
export async function applyConfirmedRestore(dataDir: string, dialog: Pick<Dialog, 'showErrorBox'>): Promise<boolean> {
  if (!isRestoreConfirmed(dataDir)) return false;
  try {
    await applyRestore(dataDir);
    return true;
  } catch (error) {
    dialog.showErrorBox('恢复未完成', `从备份恢复没有完成,档案保持原样。\n\n${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

export interface AppBackups {
  schedule: BackupSchedule;
  /** The dispatcher, restarting the app once a restore has been confirmed. */
  dispatcher: Dispatcher;
}

export function setUpBackups(options: { app: Pick<App, 'relaunch' | 'quit'>; dataDir: string; archive: () => Archive | null; dispatcher: Dispatcher }): AppBackups {
  const schedule = startBackupSchedule({ archive: options.archive, dataDir: options.dataDir });
  // The first daily backup shortly after start, not in the middle of opening the window.
  setTimeout(() => void schedule.tick(), 60_000).unref();
  const dispatcher: Dispatcher = {
    callNames: options.dispatcher.callNames,
    async dispatch(callName, input, context) {
      const result = await options.dispatcher.dispatch(callName, input, context);
      if (callName === 'confirmRestore' && result.ok) {
        // Let the answer reach the window first, then restart: the swap happens before the next open.
        setTimeout(() => {
          options.app.relaunch();
          options.app.quit();
        }, 1500);
      }
      return result;
    },
  };
  return { schedule, dispatcher };
}
