// Where the archive lives. The app (Electron's userData) and the CLI must agree without Electron, so
// the path is computed here the way Electron computes userData, and the main process sets it.
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'party-records';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.PARTY_RECORDS_DATA) return env.PARTY_RECORDS_DATA;
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER_NAME);
}

/** The archive is one SQLite file in the data folder; attachments go beside it under files/. */
export function archiveFile(dataDir: string): string {
  return path.join(dataDir, 'archive.db');
}

export function filesDir(dataDir: string): string {
  return path.join(dataDir, 'files');
}
