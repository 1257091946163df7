// The CLI as a user runs it: a real process, a real archive file, and the sqlite3 shell to tamper with it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tempArchive';
import { runCli } from '../support/cli';


const cli = (dataDir: string, ...args: string[]) => runCli(dataDir, args);

interface OrgJson { id: string; name: string; type: string; children: OrgJson[] }

describe('npm run cli', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('pr-cli-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('init, demo, members list --json: ~4,200 members whose orgName is their branch', () => {
    expect(cli(dir, 'init', '--code', '370783101', '--name', '东城镇').code).toBe(0);
    const demo = cli(dir, 'demo', '--seed', '7');
    expect(demo.err).toBe('');
    expect(demo.code).toBe(0);
    const list = cli(dir, 'members', 'list', '--json');
    expect(list.code).toBe(0);
    const members = JSON.parse(list.out) as { id: string; name: string; idNumber: string; gender: string; birthDate: string; orgId: string; orgName: string; status: string; joinDate: string }[];
    expect(members.length).toBeGreaterThan(3900);
    expect(members.length).toBeLessThan(4300);
    const tree = JSON.parse(cli(dir, 'orgs', 'tree', '--json').out) as OrgJson[];
    const names = new Map<string, OrgJson>();
    const walk = (n: OrgJson) => {
      names.set(n.id, n);
      n.children.forEach(walk);
    };
    tree.forEach(walk);
    for (const m of members) {
      expect(names.get(m.orgId)?.name).toBe(m.orgName);
      expect(['branch', 'joint_branch']).toContain(names.get(m.orgId)?.type);
      expect(m.idNumber).toMatch(/^\d{17}[\dX]$/);
      expect(['formal', 'probationary']).toContain(m.status);
    }
    const exited = JSON.parse(cli(dir, 'members', 'list', '--status', 'exited', '--json').out) as { status: string }[];
    expect(exited.length).toBeGreaterThan(0);
    expect(exited.every((m) => m.status === 'exited')).toBe(true);
  }, 120_000);

  it('check reports the audit chain intact, and broken after a row is edited with the sqlite3 shell', () => {
    const ok = cli(dir, 'check');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('完整');
    execFileSync('sqlite3', [path.join(dir, 'archive.db'), "UPDATE audit_log SET actor = 'someone else' WHERE id = 2;"]);
    const broken = cli(dir, 'check');
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('第 2 条');
  }, 60_000);

  it('exits non-zero with a message that names the problem', () => {
    const bad = cli(dir, 'members', 'list', '--status', 'nonsense');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--status');
    const unknown = cli(dir, 'frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('frobnicate');
    const badInit = cli(tempDir('pr-cli2-'), 'init', '--code', '12', '--name', '某镇');
    expect(badInit.code).toBe(1);
    expect(badInit.err).toContain('9位');
  }, 60_000);
});
