// The backups folder (<dataDir>/backups): one verified SQLite file per backup with a small JSON
// manifest beside it, named by local time and kind so that a listing needs to open nothing:
//   backup-20261128-173005-auto.db  +  backup-20261128-173005-auto.json
// Kinds: auto (at each close and daily), manual (立即备份), before-restore, before-migration.
// Rotation keeps, like restic's --keep-daily 7 --keep-weekly 4 --keep-monthly 12, the newest backup of
// each of the 7 most recent days, 4 most recent ISO weeks and 12 most recent months that have one
// (a backup kept by any rule stays). The safety copies made before a restore or a migration are outside
// the rotation; the newest 3 of each are kept.
import fs from 'node:fs';
import path from 'node:path';
import type { Archive } from '../../../db/connection';
import { writeFileAtomic } from '../core/atomicFile';
import type { BackupManifest } from './manifest';
import { writeVerifiedSnapshot } from './snapshot';

export type BackupKind = 'auto' | 'manual' | 'before-restore' | 'before-migration';
export const BACKUP_KINDS: readonly BackupKind[] = ['auto', 'manual', 'before-restore', 'before-migration'];
export const KEEP = { daily: 7, weekly: 4, monthly: 12, safety: 3 } as const;

export interface BackupEntry {
  file: string;
  name: string;
  kind: BackupKind;
  /** Local time the name carries (YYYY-MM-DDTHH:MM:SS). */
  takenAt: string;
  size: number;
  manifest: BackupManifest | null;
}

const NAME = /^backup-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?-(auto|manual|before-restore|before-migration)\.db$/;

export function backupsDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function stamp(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** A fresh name in `dir` for a backup taken at `now` (a counter when two fall in the same second). */
/** Backups taken within one second are told apart by their counter (`-1`, `-2` …): a higher one is newer. */
const counterOf = (name: string) => Number(NAME.exec(name)?.[7] ?? 0);

export function backupName(dir: string, kind: BackupKind, now: Date): string {
  // Above every counter of that second still in the folder, of any kind: a lower one freed by the
  // rotation would sort as older than the backups it is newer than, and be rotated away at once.
  const prefix = `backup-${stamp(now)}`;
  const taken = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.startsWith(prefix) && NAME.test(n)) : [];
  const next = taken.length ? Math.max(...taken.map(counterOf)) + 1 : 0;
  return `${prefix}${next ? `-${next}` : ''}-${kind}.db`;
}

export function parseBackupName(name: string): { kind: BackupKind; takenAt: string; date: Date } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  return { kind: m[8] as BackupKind, takenAt: `${y}-${mo}-${d}T${h}:${mi}:${s}`, date: new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) };
}

function newestFirst(a: Pick<BackupEntry, 'name' | 'takenAt'>, b: Pick<BackupEntry, 'name' | 'takenAt'>): number {
  if (a.takenAt !== b.takenAt) return a.takenAt < b.takenAt ? 1 : -1;
  const byCounter = counterOf(b.name) - counterOf(a.name);
  if (byCounter) return byCounter;
  return a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
}

const sidecar = (file: string) => file.replace(/\.db$/, '.json');

export function listBackups(dataDir: string): BackupEntry[] {
  const dir = backupsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  const entries: BackupEntry[] = [];
  for (const name of fs.readdirSync(dir)) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const file = path.join(dir, name);
    let manifest: BackupManifest | null = null; // without its sidecar a backup is shown without counts
    try {
      manifest = JSON.parse(fs.readFileSync(sidecar(file), 'utf8')) as BackupManifest;
    } catch {
      // the file itself is what matters
    }
    entries.push({ file, name, kind: parsed.kind, takenAt: parsed.takenAt, size: fs.statSync(file).size, manifest });
  }
  return entries.sort(newestFirst);
}

function isoWeekKey(d: Date): string {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  t.setUTCDate(t.getUTCDate() - ((t.getUTCDay() + 6) % 7) + 3); // the Thursday of its week decides the year
  const week = 1 + Math.floor((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86_400_000 / 7);
  return `${t.getUTCFullYear()}-W${pad(week)}`;
}

/** Which of `entries` (any order) the rotation keeps. Pure: the test drives it with a fake clock. */
export function backupsToKeep(entries: Pick<BackupEntry, 'name' | 'kind' | 'takenAt'>[]): Set<string> {
  const ordered = [...entries].sort(newestFirst);
  const keep = new Set<string>();
  const rotated = ordered.filter((e) => e.kind === 'auto' || e.kind === 'manual');
  const rules: [number, (d: Date) => string][] = [
    [KEEP.daily, (d) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`],
    [KEEP.weekly, isoWeekKey],
    [KEEP.monthly, (d) => `${d.getFullYear()}-${d.getMonth()}`],
  ];
  for (const [count, bucketOf] of rules) {
    const seen = new Set<string>();
    for (const e of rotated) {
      const bucket = bucketOf(parseBackupName(e.name)!.date);
      if (seen.has(bucket)) continue;
      if (seen.size >= count) break;
      seen.add(bucket);
      keep.add(e.name);
    }
  }
  for (const kind of ['before-restore', 'before-migration'] as const) {
    for (const e of ordered.filter((x) => x.kind === kind).slice(0, KEEP.safety)) keep.add(e.name);
  }
  return keep;
}

/**
 * Delete the backups the rotation does not keep, and temporary files left by an interrupted backup.
 * `justTaken` is kept whatever the clock says (set back, it would make the new backup look old).
 */
export function rotateBackups(dataDir: string, now: Date = new Date(), justTaken?: string): string[] {
  const dir = backupsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.tmp') && !/\.tmp-(wal|shm)$/.test(name)) continue;
    const file = path.join(dir, name);
    // An hour old: no backup in progress (this process or the CLI beside the app) still owns it.
    if (now.getTime() - fs.statSync(file).mtimeMs > 3_600_000) fs.rmSync(file, { force: true });
  }
  const entries = listBackups(dataDir);
  const keep = backupsToKeep(entries);
  if (justTaken) keep.add(justTaken);
  const removed: string[] = [];
  for (const e of entries) {
    if (keep.has(e.name)) continue;
    fs.rmSync(sidecar(e.file), { force: true });
    fs.rmSync(e.file, { force: true });
    removed.push(e.name);
  }
  return removed;
}

/** Take a verified backup into the backups folder, write its manifest beside it, then rotate. */
export async function backupToFolder(archive: Archive, dataDir: string, kind: BackupKind, now: Date = new Date(), onStep?: (step: string) => void): Promise<BackupEntry> {
  const dir = backupsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const name = backupName(dir, kind, now);
  const file = path.join(dir, name);
  const manifest = await writeVerifiedSnapshot(archive, file, now, onStep);
  writeFileAtomic(sidecar(file), JSON.stringify(manifest, null, 1));
  rotateBackups(dataDir, now, name);
  return { file, name, kind, takenAt: parseBackupName(name)!.takenAt, size: fs.statSync(file).size, manifest };
}
