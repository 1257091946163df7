// `npm run cli -- print …`: the templates rendered without a window, as a real process.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { initTownship } from '../../electron/services/core/settings';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { listMembers } from '../../electron/services/members/memberQuery';
import { transferOut } from '../../electron/services/members/life/transfers';
import { tempDir } from '../support/tempArchive';
import { runCli } from '../support/cli';

const cli = (dataDir: string, ...args: string[]) => runCli(dataDir, args);

let dir: string;
let member: { id: string; name: string; idNumber: string; orgId: string; orgName: string };
let letterNumber: string;

beforeAll(async () => {
  dir = tempDir('pr-print-');
  const archive = await openArchive(archiveFile(dir));
  const ctx = { archive, actor: 'test', today: '2026-11-28' };
  await initTownship(ctx, { code: '370783101', name: '东城镇', role: 'township' });
  await loadDemoTownship(ctx, { members: 300, seed: 9 });
  const rows = (await listMembers(ctx, { startRow: 0, endRow: 2, view: 'roll' })).rows;
  member = rows[0];
  letterNumber = (await transferOut(ctx, rows[1].id, { date: '2026-11-20', destination: '中共寿光市古城街道工作委员会', duesPaidTo: '2026-10' })).letterNumber!;
  await archive.close();
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run cli -- print', () => {
  it('print member ID --html FILE writes the 党员基本信息表', () => {
    const file = path.join(dir, 'member.html');
    const r = cli(dir, 'print', 'member', member.id, '--html', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const html = fs.readFileSync(file, 'utf8');
    for (const s of ['党员基本信息表', member.name, member.idNumber, member.orgName]) expect(html).toContain(s);
  }, 60_000);

  it('print roster --org ID --html FILE writes the branch’s 花名册', () => {
    const file = path.join(dir, 'roster.html');
    expect(cli(dir, 'print', 'roster', '--org', member.orgId, '--html', file).code).toBe(0);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('党员花名册');
    expect(html).toContain(member.idNumber);
  }, 60_000);

  it('print letter NUMBER --html FILE writes the 介绍信, and names a wrong number', () => {
    const file = path.join(dir, 'letter.html');
    expect(cli(dir, 'print', 'letter', letterNumber, '--html', file).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8').split(letterNumber).length - 1).toBeGreaterThanOrEqual(3);
    const bad = cli(dir, 'print', 'letter', '2026-999', '--html', file);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('〔2026〕第999号');
    expect(cli(dir, 'print', 'member', member.id).err).toContain('--html');
  }, 60_000);
});
