// Opening the archive of a data folder the way the app and the CLI do: when migrations are pending
// and the archive holds data, a verified backup (kind before-migration) is taken first. If that backup
// fails, the migration does not run and the archive stays as it was.
import { openArchive, type Archive } from '../../../db/connection';
import { archiveFile } from '../core/dataDir';
import { holdsData, readManifest } from './manifest';
import { backupToFolder } from './store';

export interface OpenForUseOptions {
  onMigration?: (tag: string, index: number, total: number) => void;
  onBackup?: (file: string) => void;
  now?: () => Date;
}

export function openArchiveForUse(dataDir: string, options: OpenForUseOptions = {}): Promise<Archive> {
  return openArchive(archiveFile(dataDir), {
    onMigration: options.onMigration,
    async beforeMigrate(archive, _pending, applied) {
      if (applied.length === 0) return; // a new, empty archive: nothing to keep
      if (!holdsData(await readManifest(archive, new Date().toISOString()))) return;
      const entry = await backupToFolder(archive, dataDir, 'before-migration', options.now?.() ?? new Date());
      options.onBackup?.(entry.file);
    },
  });
}
