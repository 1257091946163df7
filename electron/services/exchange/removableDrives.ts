// 导出到县 / 导入乡镇数据: the removable drives (U 盘) the clerk can pick, so nobody has to type a path.
// On Linux a stick is mounted by the desktop under /media/$USER/<label> (Debian, Ubuntu) or
// /run/media/$USER/<label> (Fedora, openSUSE): we read /proc/self/mounts rather than listing those folders,
// so a leftover empty folder of a stick pulled out is not offered. On Windows the logical disks of
// DriveType 2 (removable) come from PowerShell's CIM query. A folder typed by the clerk is the fallback.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomainError } from '../core/errors';

export interface RemovableDrive {
  path: string;
  label: string;
  totalBytes: number | null;
  freeBytes: number | null;
}

/**
 * /proc/mounts escapes space, tab, newline and backslash in paths as octal (\040 …); other bytes, such
 * as a Chinese volume label's UTF-8, come raw. The escapes are bytes, so they are decoded as bytes.
 */
function unescapeMountPath(field: string): string {
  if (!field.includes('\\')) return field;
  const parts: Buffer[] = [];
  let last = 0;
  for (const m of field.matchAll(/\\([0-7]{3})/g)) {
    parts.push(Buffer.from(field.slice(last, m.index), 'utf8'), Buffer.from([parseInt(m[1], 8)]));
    last = m.index + m[0].length;
  }
  parts.push(Buffer.from(field.slice(last), 'utf8'));
  return Buffer.concat(parts).toString('utf8');
}

/** The user's removable mounts among the lines of /proc/self/mounts (pure: tested on its own). */
export function parseLinuxMounts(text: string, user: string): { path: string; label: string; fsType: string }[] {
  const roots = [`/media/${user}/`, `/run/media/${user}/`];
  const out: { path: string; label: string; fsType: string }[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 3) continue;
    const mountPoint = unescapeMountPath(fields[1]);
    const root = roots.find((r) => mountPoint.startsWith(r));
    if (!root) continue;
    const label = mountPoint.slice(root.length);
    // Only the stick's own mount point, not a bind mount nested inside it.
    if (label.length === 0 || label.includes('/') || seen.has(mountPoint)) continue;
    seen.add(mountPoint);
    out.push({ path: mountPoint, label, fsType: fields[2] });
  }
  return out;
}

/** Output of `Get-CimInstance Win32_LogicalDisk -Filter DriveType=2 | ConvertTo-Json` (one object or an array). */
export function parseWindowsDrives(json: string): RemovableDrive[] {
  const text = json.trim();
  if (!text) return [];
  const parsed = JSON.parse(text) as unknown;
  const list = (Array.isArray(parsed) ? parsed : [parsed]) as { DeviceID?: string; VolumeName?: string | null; Size?: number | null; FreeSpace?: number | null }[];
  return list
    .filter((d) => typeof d.DeviceID === 'string' && /^[A-Z]:$/i.test(d.DeviceID) && d.Size)
    .map((d) => ({ path: `${d.DeviceID!.toUpperCase()}\\`, label: d.VolumeName ? `${d.VolumeName}(${d.DeviceID})` : `U 盘(${d.DeviceID})`, totalBytes: d.Size ?? null, freeBytes: d.FreeSpace ?? null }));
}

function spaceOf(dir: string): { totalBytes: number | null; freeBytes: number | null } {
  try {
    const s = fs.statfsSync(dir);
    return { totalBytes: s.blocks * s.bsize, freeBytes: s.bavail * s.bsize };
  } catch {
    return { totalBytes: null, freeBytes: null };
  }
}

function runPowerShell(): Promise<string> {
  const script = 'Get-CimInstance Win32_LogicalDisk -Filter "DriveType=2" | Select-Object DeviceID,VolumeName,Size,FreeSpace | ConvertTo-Json -Compress';
  return new Promise((resolve) => {
    execFile('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], { timeout: 15_000, windowsHide: true }, (err, stdout) => resolve(err ? '' : stdout));
  });
}

/** The removable drives mounted now; an empty list when none (or when the system cannot tell). */
export async function listRemovableDrives(options: { mountsFile?: string; user?: string; platform?: NodeJS.Platform } = {}): Promise<RemovableDrive[]> {
  const platform = options.platform ?? process.platform;
  if (platform === 'win32') return parseWindowsDrives(await runPowerShell());
  let text: string;
  try {
    text = fs.readFileSync(options.mountsFile ?? '/proc/self/mounts', 'utf8');
  } catch {
    return [];
  }
  const user = options.user ?? os.userInfo().username;
  return parseLinuxMounts(text, user).map((m) => ({ path: m.path, label: m.label, ...spaceOf(m.path) }));
}

export interface ExchangeFileEntry {
  file: string;
  fileName: string;
  size: number;
  modifiedAt: string;
}

/**
 * The packages (.prpkg) or 回执 (.prreceipt) in a folder the clerk picked (a stick's top folder, not its
 * subfolders: that is where 导出到县 writes them), newest name last.
 */
export function listExchangeFiles(dir: string, kind: 'package' | 'receipt'): ExchangeFileEntry[] {
  const ext = kind === 'package' ? '.prpkg' : '.prreceipt';
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DomainError('not_found', code === 'ENOENT' ? `找不到文件夹 ${dir}(U 盘是否已拔出?)` : code === 'ENOTDIR' ? `${dir} 不是文件夹` : `无法读取文件夹 ${dir}:${code ?? String(e)}`);
  }
  return names
    .filter((n) => n.toLowerCase().endsWith(ext))
    .sort((a, b) => a.localeCompare(b))
    .flatMap((n) => {
      const file = path.join(dir, n);
      const st = fs.statSync(file, { throwIfNoEntry: false });
      return st?.isFile() ? [{ file, fileName: n, size: st.size, modifiedAt: st.mtime.toISOString() }] : [];
    });
}
