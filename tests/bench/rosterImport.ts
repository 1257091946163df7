// The bench's roster import: a 150,000-row 花名册 written here, imported by the CLI in a child process
// (`node --import tsx electron/cli.ts import …`, the real code path: stream read, checks, one
// transaction) into a fresh archive. Wall time from spawn to exit, and the child's peak RSS as
// /usr/bin/time -v reports it (when that tool is missing, the RSS is not reported).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writeBigXlsx } from '../fixtures/rosters';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'electron', 'cli.ts');

export async function measureRosterImport(dir: string, rows: number): Promise<{ ms: number; rows: number; maxRssMb: number | null; inserted: number }> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'roster.xlsx');
  await writeBigXlsx(file, rows);
  const data = path.join(dir, 'data');
  const node = (args: string[]) => [process.execPath, '--import', 'tsx', CLI, '--data', data, ...args];
  const init = spawnSync(node(['init', '--code', '370783101', '--name', '东城镇'])[0], node(['init', '--code', '370783101', '--name', '东城镇']).slice(1), { cwd: ROOT, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(init.stderr);
  const timeTool = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const cmd = node(['import', file]);
  const t0 = performance.now();
  const r = timeTool ? spawnSync(timeTool, ['-v', ...cmd], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }) : spawnSync(cmd[0], cmd.slice(1), { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(r.stderr.slice(-2000));
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const inserted = Number(/新增 (\d+) 人/.exec(r.stdout)?.[1] ?? 0);
  return { ms, rows, maxRssMb: rss ? Number(rss[1]) / 1024 : null, inserted };
}
