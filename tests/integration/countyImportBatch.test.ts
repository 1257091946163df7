// 导入乡镇数据 with a batch of packages as a clerk brings them: renamed files in any order mixed with files
// that are not packages, and a cancel half-way. The packages are applied by township and package number
// (read from inside each package, not from its file name); a cancel keeps what was applied before it,
// rolls back the package it interrupted and leaves the rest for later.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPackages } from '../../electron/services/exchange/countyImport';
import { JobCancelled } from '../../electron/services/core/jobs';
import { updateMember } from '../../electron/services/members/members';
import { openArchive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { acknowledge, connect, differencesFromCounty, dumpArchive, exportTo, importAtCounty, openInstall, removeDir, stickDir, type Install } from '../support/exchangeScenario';
import { tempDir } from '../support/tempArchive';

/** A county install opened from a copy of `dir` (the same keys and registrations, nothing imported). */
async function countyCopy(dir: string): Promise<Install> {
  const copy = tempDir('pr-x-county-copy-');
  fs.cpSync(dir, copy, { recursive: true });
  const archive = await openArchive(archiveFile(copy));
  return {
    dir: copy, code: '370783000', name: '寿光市', archive, ctx: { archive, actor: 'tester@370783000', today: '2026-11-28' }, rootOrgId: '',
    reopen: async () => undefined,
    close: () => archive.close(),
  };
}

describe('a batch of packages at the county', () => {
  let county: Install;
  let a: Install;
  let b: Install;
  let fresh = ''; // the county's folder before it imported anything
  let stick: string;
  const renamed: string[] = []; // a1, a2, a3, b1 under names that say nothing

  beforeAll(async () => {
    county = await openInstall('county', '370783000', '寿光市');
    a = await openInstall('township', '370783101', '东城镇', { demoMembers: 25, seed: 11 });
    b = await openInstall('township', '370783102', '西城镇', { demoMembers: 15, seed: 12 });
    await connect(county, [a, b]);
    await county.archive.close();
    fresh = tempDir('pr-x-county-fresh-');
    fs.cpSync(county.dir, fresh, { recursive: true });
    await county.reopen();
    stick = stickDir();
    const files: string[] = [];
    // Three packages of 东城镇, each incremental on the one before (acknowledged by the first county).
    for (let k = 0; k < 3; k++) {
      if (k > 0) {
        const m = await a.archive.queryOne<{ id: string }>('SELECT id FROM members ORDER BY id LIMIT 1 OFFSET ?', [k]);
        await updateMember(a.ctx, m!.id, { phone: `1380000000${k}` });
      }
      const written = (await exportTo(a, stick)).file;
      expect((await importAtCounty(county, [written]))[0].status).toBe('applied');
      await acknowledge(county, a);
      files.push(written);
    }
    files.push((await exportTo(b, stick)).file);
    ['第三次.prpkg', '东城镇.prpkg', '西城镇-U盘.prpkg', 'a.prpkg'].forEach((name, i) => {
      const to = path.join(stick, name);
      fs.renameSync(files[[2, 0, 3, 1][i]], to);
      renamed[[2, 0, 3, 1][i]] = to;
    });
  }, 240_000);

  afterAll(async () => {
    for (const i of [county, a, b]) {
      await i.close().catch(() => undefined);
      removeDir(i.dir);
    }
    for (const x of [stick, fresh]) removeDir(x);
  });

  it('a county archive is set up with 16 KiB pages, still in WAL mode; a township keeps the default', async () => {
    const pragma = async (i: Install, name: string) => Object.values((await i.archive.queryOne<Record<string, unknown>>(`PRAGMA ${name}`))!)[0];
    expect(await pragma(county, 'page_size')).toBe(16384);
    expect(await pragma(county, 'journal_mode')).toBe('wal');
    expect(await pragma(county, 'quick_check')).toBe('ok');
    expect(await pragma(a, 'page_size')).toBe(4096);
  });

  it('applies renamed packages given in any order by township and number, and refuses what is not a package', async () => {
    const c = await countyCopy(fresh);
    try {
      const junk = path.join(stick, '照片.prpkg');
      fs.writeFileSync(junk, 'not a package at all');
      const files = [renamed[2], junk, renamed[3], renamed[0], renamed[1]];
      const outcomes = await importPackages(c.ctx, files);
      // One outcome per file, in the order given.
      expect(outcomes.map((o) => o.file)).toEqual(files);
      expect(outcomes.map((o) => [o.status, o.townshipCode, o.sequence])).toEqual([
        ['applied', a.code, 3],
        ['refused', null, null],
        ['applied', b.code, 1],
        ['applied', a.code, 1],
        ['applied', a.code, 2],
      ]);
      expect(outcomes[1].message).toContain('照片.prpkg');
      // Packages commit without waiting for the disk during the batch; the connection is back to FULL after it.
      expect(Object.values((await c.archive.queryOne<Record<string, number>>('PRAGMA synchronous'))!)[0]).toBe(2);
      const applied = await c.archive.query<{ township_code: string; sequence: number }>('SELECT township_code, sequence FROM county_imports ORDER BY applied_at, sequence');
      expect(applied.filter((r) => r.township_code === a.code).map((r) => r.sequence)).toEqual([1, 2, 3]);
      expect(await differencesFromCounty(c, a)).toEqual([]);
      expect(await differencesFromCounty(c, b)).toEqual([]);
      // The same batch again changes nothing: every package is a replay.
      const before = await dumpArchive(c.archive);
      const again = await importPackages(c.ctx, [renamed[1], renamed[3], renamed[0], renamed[2]]);
      expect(again.map((o) => o.status)).toEqual(['replay', 'replay', 'replay', 'replay']);
      expect(await dumpArchive(c.archive)).toEqual(before);
    } finally {
      await c.close();
      removeDir(c.dir);
    }
  }, 120_000);

  it('a cancel keeps the packages applied before it, rolls back the one it interrupts and leaves the rest', async () => {
    const c = await countyCopy(fresh);
    try {
      const controller = new AbortController();
      const messages: string[] = [];
      const run = importPackages(c.ctx, renamed.slice(0, 3), (_done, _total, message) => {
        messages.push(message);
        // Package 2 is being applied: its first table is written when the cancel arrives.
        if (message === `正在导入 ${path.basename(renamed[1])}`) setImmediate(() => controller.abort());
      }, controller.signal);
      await expect(run).rejects.toBeInstanceOf(JobCancelled);
      expect(Object.values((await c.archive.queryOne<Record<string, number>>('PRAGMA synchronous'))!)[0]).toBe(2);
      const t = await c.archive.queryOne<{ last_sequence: number }>('SELECT last_sequence FROM county_townships WHERE code = ?', [a.code]);
      expect(t!.last_sequence).toBe(1);
      expect((await c.archive.query('SELECT * FROM county_imports')).length).toBe(1);
      // The archive is the one that package 1 alone makes: compare with a county that imported only it.
      const only1 = await countyCopy(fresh);
      try {
        await importPackages(only1.ctx, [renamed[0]]);
        const rows = (x: Install) => x.archive.query<{ table_name: string; row_key: string; data: string }>('SELECT table_name, row_key, data FROM county_rows ORDER BY 1, 2');
        expect(await rows(c)).toEqual(await rows(only1));
      } finally {
        await only1.close();
        removeDir(only1.dir);
      }
      expect(fs.readdirSync(path.join(c.dir, 'tmp'))).toEqual([]);
      expect(messages).toContain(`正在导入 ${path.basename(renamed[1])}`);
      expect(messages).not.toContain(`正在导入 ${path.basename(renamed[2])}`);
      // What was not imported is imported later, as the next packages.
      const rest = await importPackages(c.ctx, renamed.slice(1, 3));
      expect(rest.map((o) => o.status)).toEqual(['applied', 'applied']);
      expect(await differencesFromCounty(c, a)).toEqual([]);
    } finally {
      await c.close();
      removeDir(c.dir);
    }
  }, 120_000);
});
