// `npm run cli -- print …`: the templates rendered without a window, as a real process.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { initTownship } from '../../electron/services/core/settings';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { listMembers } from '../../electron/services/members/memberQuery';
import { rosterData } from '../../electron/services/print/memberPrinting';
import { rosterHtml } from '../../electron/services/print/rosterHtml';
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

  it('print roster of the whole township is laid out per branch, exactly as the window prints it; --flat adds 所在党支部', async () => {
    const file = path.join(dir, 'township.html');
    const r = cli(dir, 'print', 'roster', '--html', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const html = fs.readFileSync(file, 'utf8');
    const archive = await openArchive(archiveFile(dir));
    try {
      const ctx = { archive, actor: 'test', today: '2026-11-28' };
      // The window asks for the per-branch layout when the tree's top (the township) is selected.
      expect(html).toBe(rosterHtml(await rosterData(ctx, { orgId: null, view: 'roll', layout: 'perBranch' })));
      const branches = await archive.query<{ name: string }>('SELECT DISTINCT o.name FROM members m JOIN organizations o ON o.id = m.org_id WHERE m.exit_reason IS NULL');
      expect(html.split('<h2>').length - 1).toBe(branches.length);
      for (const b of branches) expect(html).toContain(b.name);
    } finally {
      await archive.close();
    }
    expect(html).toContain('小计:');
    const flatFile = path.join(dir, 'flat.html');
    expect(cli(dir, 'print', 'roster', '--flat', '--html', flatFile).code).toBe(0);
    const flat = fs.readFileSync(flatFile, 'utf8');
    expect(flat).toContain('<th>所在党支部</th>');
    expect(flat).not.toContain('<h2>');
    expect(cli(dir, 'print', 'roster', '--org', member.orgId, '--per-branch', '--html', flatFile).code).toBe(0);
    expect(fs.readFileSync(flatFile, 'utf8')).toContain(`<h2>${member.orgName}</h2>`);
    const both = cli(dir, 'print', 'roster', '--per-branch', '--flat', '--html', flatFile);
    expect(both.code).toBe(1);
    expect(both.err).toContain('只能选一个');
  }, 60_000);

  it('members count --search says how many the search finds in each list, as members list does', () => {
    const search = member.name.slice(0, 1);
    const r = cli(dir, 'members', 'count', '--search', search, '--json');
    expect(r.err).toBe('');
    const counts = JSON.parse(r.out) as Record<string, number>;
    for (const status of ['roll', 'exited', 'probationary']) {
      const listed = JSON.parse(cli(dir, 'members', 'list', '--search', search, '--status', status, '--json').out) as unknown[];
      expect(counts[status], status).toBe(listed.length);
    }
    expect(counts.roll).toBeGreaterThan(0);
    const text = cli(dir, 'members', 'count', '--search', search).out;
    expect(text).toContain(`查找“${search}”`);
    expect(text).toMatch(new RegExp(`全部在册\\t${counts.roll} 人`));
    expect(text).toMatch(/已出党\t\d+ 人/);
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
