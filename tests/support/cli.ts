// The CLI as the tests run it: `npm run cli` in a child process, on a data folder, with "today" fixed
// (PARTY_RECORDS_TODAY) so that no test reads the machine's calendar.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
export const CLI = path.join(ROOT, 'electron', 'cli.ts');
/** The archive's day in every CLI test that names none. */
export const CLI_TODAY = '2026-11-28';

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

export function runCli(dataDir: string, args: readonly string[], options: { input?: string; today?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const r = spawnSync(TSX, [CLI, '--data', dataDir, ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    input: options.input ?? '',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, PARTY_RECORDS_TODAY: options.today ?? CLI_TODAY, ...options.env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
