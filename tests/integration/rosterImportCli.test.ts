// `import` and `export members` as a user runs them: a real process, a real archive file; and an import
// killed with SIGKILL half-way leaves the archive exactly as it was.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tempArchive';
import { people, STANDARD_HEADER, standardRow, writeBigXlsx, writeXlsx } from '../fixtures/rosters';
import { runCli } from '../support/cli';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'electron', 'cli.ts');

const cli = (dataDir: string, ...args: string[]) => runCli(dataDir, args);
const memberCount = (dir: string) => (JSON.parse(cli(dir, 'members', 'list', '--status', 'all', '--json').out) as unknown[]).length;

describe('CLI: import and export', () => {
  let dir: string;
  let roster: string;
  beforeAll(async () => {
    dir = tempDir('pr-imp-cli-');
    expect(cli(dir, 'init', '--code', '370783101', '--name', '东城镇').code).toBe(0);
    const ps = people(6, 500);
    const rows = ps.map((p, i) => standardRow(p, i, '东村党支部'));
    rows[2][5] = '37078319850712001'; // 17 digits
    roster = path.join(dir, '花名册.xlsx');
    await writeXlsx(roster, [{ name: 'Sheet1', rows: [['东城镇党员花名册'], STANDARD_HEADER, ...rows] }]);
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('import --dry-run prints counts and per-row problems and writes nothing; import writes the valid rows; again changes nothing', () => {
    const dry = cli(dir, 'import', roster, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('共 6 行:新党员 5,档案中已有 0,有错误 1');
    expect(dry.out).toMatch(/第5行.*身份证号码\t37078319850712001\t公民身份号码应为18位/);
    expect(dry.out).toContain('未写入任何内容');
    expect(memberCount(dir)).toBe(0);
    const json = JSON.parse(cli(dir, 'import', roster, '--dry-run', '--json').out) as { counts: { new: number }; problems: { rowNumber: number }[] };
    expect(json.counts.new).toBe(5);
    expect(json.problems.map((p) => p.rowNumber)).toEqual([5]);
    const real = cli(dir, 'import', roster);
    expect(real.code).toBe(0);
    expect(real.out).toContain('新增 5 人');
    expect(memberCount(dir)).toBe(5);
    const again = cli(dir, 'import', roster);
    expect(again.out).toContain('新增 0 人,更新 0 人,未改动 5 人');
    expect(memberCount(dir)).toBe(5);
  }, 120_000);

  it('import --map field=header maps a column the names did not', async () => {
    const ps = people(2, 700);
    const file = path.join(dir, 'map.xlsx');
    await writeXlsx(file, [{ name: '西村党支部', rows: [['姓名', '证件号', '学历', '入党年份'], ...ps.map((p) => [p.name, p.idNumber, '高中', p.joinDate])] }]);
    const bad = cli(dir, 'import', file, '--dry-run');
    expect(bad.out).toContain('没有找到表头'); // 姓名 and 学历 alone do not make a header
    const good = cli(dir, 'import', file, '--map', 'idNumber=证件号', '--map', 'joinDate=入党年份');
    expect(good.code).toBe(0);
    expect(good.out).toContain('新增 2 人');
    expect(cli(dir, 'import', file, '--map', 'nonsense=证件号').err).toContain('--map 的字段“nonsense”不存在');
  }, 120_000);

  it('export members --out FILE.xlsx, and --roster --per-branch', () => {
    const out = path.join(dir, 'out.xlsx');
    const r = cli(dir, 'export', 'members', '--out', out, '--status', 'roll');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已导出 7 名党员');
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const roster2 = path.join(dir, 'roster.xlsx');
    expect(cli(dir, 'export', 'members', '--out', roster2, '--roster', '--per-branch').out).toContain('已导出 7 名党员');
    // Importing our own export changes nothing.
    expect(cli(dir, 'import', out).out).toContain('新增 0 人,更新 0 人,未改动 7 人');
  }, 120_000);

  it('an import killed with SIGKILL half-way leaves the archive as it was: check passes, the count is unchanged', async () => {
    const before = memberCount(dir);
    const big = path.join(dir, 'big.xlsx');
    await writeBigXlsx(big, 60_000);
    // Node itself with tsx's loader (the tsx command would run the CLI in a child process of its own,
    // which a SIGKILL to tsx would not reach).
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--data', dir, 'import', big], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    // Kill once the import reports progress beyond the analysis, i.e. while it writes inside its transaction.
    const killed = await new Promise<boolean>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = [...stderr.matchAll(/进度 (\d+)\//g)].pop();
        if (m && Number(m[1]) >= 30_000 && !child.killed) {
          child.kill('SIGKILL');
          resolve(true);
        }
      });
      child.on('exit', () => resolve(false));
    });
    await new Promise((r) => child.on('close', r));
    expect(killed).toBe(true);
    expect(child.signalCode).toBe('SIGKILL');
    const check = cli(dir, 'check');
    expect(check.code).toBe(0);
    expect(memberCount(dir)).toBe(before);
  }, 300_000);
});
