// What a backup holds, in a few lines a clerk can check before restoring: when it was taken, which
// township, how many rows each table has, the schema version and the program version that wrote it.
import fs from 'node:fs';
import path from 'node:path';
import type { Archive } from '../../../db/connection';
import { readSetting } from '../core/settings';

export interface BackupManifest {
  format: 'party-records-backup';
  createdAt: string; // ISO
  township: { code: string; name: string } | null;
  /** Rows per table (every table of the archive). */
  counts: Record<string, number>;
  /** The last migration applied: the schema version. */
  schemaVersion: string | null;
  migrations: string[];
  appVersion: string;
  /** SHA-256 of the backup's SQLite file, as its digest trailer carries it (digest.ts); absent in older backups. */
  sha256?: string;
}

let cachedVersion: string | undefined;

/** The program's version, from the package.json of the source tree or of the packaged app. */
export function appVersion(): string {
  if (cachedVersion) return cachedVersion;
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'party-records' && pkg.version) return (cachedVersion = pkg.version);
    } catch {
      // not here: look one folder up
    }
  }
  return (cachedVersion = 'unknown');
}

export async function tableCounts(archive: Archive): Promise<Record<string, number>> {
  const tables = await archive.query<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const row = await archive.queryOne<{ n: number }>(`SELECT count(*) AS n FROM "${t.name.replace(/"/g, '""')}"`);
    counts[t.name] = row?.n ?? 0;
  }
  return counts;
}

export async function readManifest(archive: Archive, createdAt: string): Promise<BackupManifest> {
  const counts = await tableCounts(archive);
  const migrations = counts.__migrations !== undefined ? (await archive.query<{ tag: string }>('SELECT tag FROM __migrations ORDER BY tag')).map((r) => r.tag) : [];
  let township: BackupManifest['township'] = null;
  if (counts.settings !== undefined) {
    township = (await readSetting<{ code: string; name: string }>(archive, 'township')) ?? null;
  }
  return { format: 'party-records-backup', createdAt, township, counts, schemaVersion: migrations.at(-1) ?? null, migrations, appVersion: appVersion() };
}

/** True when the archive holds anything a clerk entered (a township set up, or members). */
export function holdsData(manifest: Pick<BackupManifest, 'counts' | 'township'>): boolean {
  return manifest.township !== null || (manifest.counts.members ?? 0) > 0 || (manifest.counts.organizations ?? 0) > 0;
}

/** A short Chinese summary: 东城镇 · 党员 4200 · 党组织 75 · 审计日志 9000 条. */
export function describeCounts(counts: Record<string, number>): string {
  const parts = [
    ['members', '党员'],
    ['organizations', '党组织'],
    ['member_events', '历史记录'],
    ['audit_log', '审计日志'],
  ]
    .filter(([t]) => counts[t] !== undefined)
    .map(([t, label]) => `${label} ${counts[t]}`);
  return parts.join(' · ');
}
