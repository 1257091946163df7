// The county's desk: a county install is set up with its own 6-digit code, registers only townships of
// its own range, one key per township, and refuses packages from townships of another county or not
// registered. Every refusal names both codes and leaves the county archive exactly as it was: every
// table's rows compared before and after.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { getSetup, initTownship } from '../../electron/services/core/settings';
import { exportPublicKey, importCountyKey, initKeys, registerTownship } from '../../electron/services/exchange/keys';
import { importPackages } from '../../electron/services/exchange/countyImport';
import { connect, dumpArchive, exportTo, openInstall, removeDir, stickDir, type Install } from '../support/exchangeScenario';
import { tempDir } from '../support/tempArchive';

describe('a county install’s identity', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));

  async function setUp(code: string, role: 'county' | 'township') {
    const dir = tempDir('pr-county-id-');
    dirs.push(dir);
    const archive = await openArchive(archiveFile(dir));
    const ctx = { archive, actor: 'tester', today: '2026-11-28' };
    try {
      return await initTownship(ctx, { code, name: role === 'county' ? '寿光市' : '东城镇', role });
    } finally {
      await archive.close();
    }
  }

  it('takes the county’s 6-digit code, or its 12-digit code ending in 000000', async () => {
    expect((await setUp('370783', 'county')).township).toEqual({ code: '370783', name: '寿光市' });
    expect((await setUp('370783000000', 'county')).township?.code).toBe('370783');
    await expect(setUp('37078', 'county')).rejects.toThrow('县级代码“37078”不正确:应为6位统计用区划代码');
    await expect(setUp('370783101', 'county')).rejects.toThrow('应为6位统计用区划代码');
  });

  it('a township keeps its 9 digits and is refused a county-level code', async () => {
    expect((await setUp('370783101000', 'township')).township?.code).toBe('370783101');
    await expect(setUp('370783', 'township')).rejects.toThrow('“370783”是县级代码,不是乡镇代码');
    await expect(setUp('370783000', 'township')).rejects.toThrow('是县级代码');
  });
});

describe('registration at the county and packages of townships it does not hold', () => {
  let county: Install;
  let east: Install; // registered
  let west: Install; // of this county, not registered
  let stranger: Install; // of another county (寿光市 is 370783; 昌乐县 is 370725)
  let stick: string;

  beforeAll(async () => {
    county = await openInstall('county', '370783', '寿光市');
    east = await openInstall('township', '370783101', '东城镇', { demoMembers: 6, seed: 3 });
    west = await openInstall('township', '370783102', '西城镇', { demoMembers: 4, seed: 4 });
    stranger = await openInstall('township', '370725101', '宝都街道', { demoMembers: 4, seed: 5 });
    await connect(county, [east]);
    const countyPublic = await exportPublicKey(county.ctx);
    for (const t of [west, stranger]) {
      await initKeys(t.ctx);
      await importCountyKey(t.ctx, countyPublic.text);
    }
    stick = stickDir();
    expect((await importPackages(county.ctx, [(await exportTo(east, stick)).file]))[0].status).toBe('applied');
  }, 120_000);

  afterAll(async () => {
    for (const i of [county, east, west, stranger]) {
      await i.close().catch(() => undefined);
      removeDir(i.dir);
    }
    removeDir(stick);
  });

  /** The refusal's message, after proving that the county archive is row for row what it was. */
  async function refusedRegistration(input: { code: string; name?: string; publicKeyPem: string }): Promise<string> {
    const before = await dumpArchive(county.archive);
    const error = await registerTownship(county.ctx, input).then(
      () => null,
      (e: Error) => e,
    );
    expect(error, `registering ${input.code} should be refused`).not.toBeNull();
    expect(await dumpArchive(county.archive)).toEqual(before);
    return error!.message;
  }

  async function refusedImport(file: string) {
    const before = await dumpArchive(county.archive);
    const [outcome] = await importPackages(county.ctx, [file]);
    expect(await dumpArchive(county.archive)).toEqual(before);
    expect(fs.readdirSync(`${county.dir}/tmp`)).toEqual([]);
    return outcome;
  }

  it('a county archive reports itself as the county, with its 6-digit code', async () => {
    expect(await getSetup(county.ctx)).toMatchObject({ role: 'county', township: { code: '370783', name: '寿光市' } });
  });

  it('a township of another county is refused, naming both codes', async () => {
    const message = await refusedRegistration({ code: stranger.code, name: stranger.name, publicKeyPem: (await exportPublicKey(stranger.ctx)).text });
    expect(message).toContain('乡镇代码 370725101 不属于本县(寿光市,县级代码 370783)');
    expect(message).toContain('以 370783 开头');
  });

  it('the county’s own code, in each of its forms, cannot register as a township', async () => {
    const pem = (await exportPublicKey(west.ctx)).text;
    for (const code of ['370783000', '370783', '370783000000']) {
      const message = await refusedRegistration({ code, name: '寿光市', publicKeyPem: pem });
      expect(message).toContain(`“${code}”是本县(寿光市,县级代码 370783)自己的代码,不能登记为乡镇`);
    }
  });

  it('a code that is no code at all names the county’s range', async () => {
    const message = await refusedRegistration({ code: '3707831', publicKeyPem: (await exportPublicKey(west.ctx)).text });
    expect(message).toContain('乡镇代码“3707831”不正确');
    expect(message).toContain('县级代码 370783');
  });

  it('one key per township: a key already registered is refused for a second code, naming its holder', async () => {
    const message = await refusedRegistration({ code: west.code, name: west.name, publicKeyPem: (await exportPublicKey(east.ctx)).text });
    expect(message).toContain('不能登记西城镇(370783102)');
    expect(message).toContain('已登记给东城镇(370783101)');
    // The holder registering its own key again (a new name) is not a second township.
    expect((await registerTownship(county.ctx, { code: east.code, name: east.name, publicKeyPem: (await exportPublicKey(east.ctx)).text })).code).toBe(east.code);
  });

  it('a package from a township of another county is refused, naming both codes', async () => {
    const o = await refusedImport((await exportTo(stranger, stick)).file);
    expect([o.status, o.problem]).toEqual(['refused', 'other_county']);
    expect(o.message).toContain('370725101-000001.prpkg');
    expect(o.message).toContain('宝都街道(370725101),它不属于本县(寿光市,县级代码 370783)');
  });

  it('a package from an unregistered township of this county is refused, naming both codes', async () => {
    const o = await refusedImport((await exportTo(west, stick)).file);
    expect([o.status, o.problem]).toEqual(['refused', 'unknown_township']);
    expect(o.message).toContain('未登记的乡镇 西城镇(370783102)');
    expect(o.message).toContain('本县(寿光市,县级代码 370783)');
  });

  it('a county archive set up with the 9-digit county code (before 6-digit codes) keeps its range', async () => {
    const old = await openInstall('county', '370783', '寿光市');
    try {
      // As an archive of an earlier version holds it.
      await old.archive.transaction(() => old.archive.run("UPDATE settings SET value = ? WHERE key = 'township'", [JSON.stringify({ code: '370783000', name: '寿光市' })]));
      await initKeys(old.ctx);
      expect((await registerTownship(old.ctx, { code: west.code, name: west.name, publicKeyPem: (await exportPublicKey(west.ctx)).text })).code).toBe(west.code);
      await expect(registerTownship(old.ctx, { code: stranger.code, publicKeyPem: (await exportPublicKey(stranger.ctx)).text })).rejects.toThrow('县级代码 370783');
    } finally {
      await old.close();
      removeDir(old.dir);
    }
  });
});
