// The exchange as the clerks run it from the command line: real processes on real data folders.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tempArchive';
import { runCli } from '../support/cli';


const cli = (dataDir: string, ...args: string[]) => runCli(dataDir, args);

describe('exchange CLI', () => {
  let county: string;
  let town: string;
  let stick: string;

  beforeAll(() => {
    county = tempDir('pr-xcli-county-');
    town = tempDir('pr-xcli-town-');
    stick = tempDir('pr-xcli-stick-');
    const init = cli(county, 'init', '--role', 'county', '--code', '370783', '--name', '寿光市');
    expect(init.code, init.err).toBe(0);
    expect(init.out).toContain('已设置县级党员档案汇总:寿光市(县级代码 370783)');
    expect(cli(town, 'init', '--code', '370783101', '--name', '东城镇').code).toBe(0);
    expect(cli(town, 'demo', '--members', '25', '--seed', '4').code).toBe(0);
  }, 300_000);

  afterAll(() => {
    for (const d of [county, town, stick]) fs.rmSync(d, { recursive: true, force: true });
  });

  it('a refused set-up says why once, in words, without the field’s internal name', () => {
    const dir = tempDir('pr-xcli-bad-');
    try {
      const county = cli(dir, 'init', '--role', 'county', '--code', '3707830', '--name', '寿光市');
      expect(county.code).toBe(1);
      expect(county.err.match(/县级代码“3707830”不正确/g)).toHaveLength(1);
      expect(county.err).not.toContain('code:');
      const township = cli(dir, 'init', '--code', '370783', '--name', '东城镇');
      expect(township.code).toBe(1);
      expect(township.err.match(/是县级代码,不是乡镇代码/g)).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('keys, export, verify, county import, status, receipt and an incremental export', () => {
    const init = cli(county, 'keys', 'init', '--json');
    expect(init.code).toBe(0);
    expect(JSON.parse(init.out).created).toEqual(['county-signing.key', 'county-signing.pub.pem', 'county-age.key', 'county-age.pub']);
    expect(JSON.parse(cli(county, 'keys', 'init', '--json').out).created).toEqual([]); // never replaced
    const countyPub = path.join(stick, 'county.pub');
    expect(cli(county, 'keys', 'export-public', '--out', countyPub).code).toBe(0);
    expect(fs.readFileSync(countyPub, 'utf8')).toMatch(/^age1/m);

    const noCounty = cli(town, 'export', '--out', stick);
    expect(noCounty.code).toBe(1);
    expect(noCounty.err).toContain('还没有导入县委组织部的公钥');
    const imp = cli(town, 'keys', 'import-county', countyPub);
    expect(imp.code).toBe(0);
    const countyShow = JSON.parse(cli(county, 'keys', 'show', '--json').out);
    expect(imp.out).toContain(countyShow.own.fingerprint);
    const townKeys = cli(town, 'keys', 'init');
    expect(townKeys.code).toBe(0);
    expect(townKeys.out).toContain('乡镇丢失签名私钥后,须把新公钥交县委组织部重新登记');
    expect(townKeys.out).not.toContain('age 私钥');
    expect(cli(county, 'keys', 'init').out).toContain('县委组织部丢失 age 私钥后将无法打开任何数据包');
    const townPub = path.join(stick, 'town.pem');
    expect(cli(town, 'keys', 'export-public', '--out', townPub).code).toBe(0);
    const townShow = JSON.parse(cli(town, 'keys', 'show', '--json').out);
    expect(townShow.county.fingerprint).toBe(countyShow.own.fingerprint);
    const reg = cli(county, 'keys', 'register-township', '--code', '370783101', '--name', '东城镇', '--pubkey', townPub);
    expect(reg.code).toBe(0);
    expect(reg.out).toContain(townShow.own.fingerprint);

    const exp = cli(town, 'export', '--out', stick, '--json');
    expect(exp.err).not.toContain('错误');
    expect(exp.code).toBe(0);
    const written = JSON.parse(exp.out);
    expect(written).toMatchObject({ kind: 'full', sequence: 1, verified: true });
    expect(written.file).toBe(path.join(stick, '370783101-000001.prpkg'));

    const ver = cli(county, 'verify', written.file, '--json');
    expect(ver.code).toBe(0);
    expect(JSON.parse(ver.out)).toMatchObject({ ok: true, continuity: 'next', info: { townshipCode: '370783101', sequence: 1, kind: 'full' } });
    const applied = cli(county, 'county', 'import', written.file, '--json');
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.out)[0].status).toBe('applied');
    const again = cli(county, 'county', 'import', written.file);
    expect(again.code).toBe(0);
    expect(again.out).toContain('已忽略');
    const status = JSON.parse(cli(county, 'county', 'status', '--json').out);
    expect(status.townships[0]).toMatchObject({ code: '370783101', name: '东城镇', lastSequence: 1, lastKind: 'full', memberCount: 25 });

    const receipt = path.join(stick, 'receipt.prreceipt');
    const written1 = cli(county, 'receipt', 'write', '--township', '370783101', '--out', receipt);
    expect(written1.code).toBe(0);
    expect(written1.out).toContain(`县委组织部公钥指纹:${countyShow.own.fingerprint}`);
    const ack = cli(town, 'receipt', 'import', receipt);
    expect(ack.code).toBe(0);
    expect(ack.out).toContain('已确认收到第 1 号数据包');
    const tampered = path.join(stick, 'tampered.prreceipt');
    fs.writeFileSync(tampered, fs.readFileSync(receipt, 'utf8').replace('\\"packageSequence\\":1', '\\"packageSequence\\":2'));
    const bad = cli(town, 'receipt', 'import', tampered);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('回执的签名与已导入的县委组织部公钥');

    const packagesBefore = fs.readdirSync(stick).sort();
    const nothing = cli(town, 'export', '--out', stick);
    expect(nothing.code).toBe(3);
    expect(nothing.out).toBe('');
    expect(nothing.err).toContain('没有需要发送的内容,未写出数据包');
    expect(nothing.err).not.toContain('错误');
    expect(JSON.parse(cli(town, 'export', '--out', stick, '--json').out)).toMatchObject({ nothingToSend: true, baseSequence: 1 });
    expect(fs.readdirSync(stick).sort()).toEqual(packagesBefore);

    const someone = (JSON.parse(cli(town, 'members', 'list', '--json').out) as { id: string }[])[0].id;
    expect(cli(town, 'members', 'exit', someone, '--reason', '死亡', '--date', '2026-11-20').code).toBe(0);
    const second = JSON.parse(cli(town, 'export', '--out', stick, '--json').out);
    expect(second).toMatchObject({ kind: 'incremental', sequence: 2, baseSequence: 1 });
    expect(cli(county, 'county', 'import', second.file).code).toBe(0);

    const garbage = path.join(stick, 'garbage.prpkg');
    fs.writeFileSync(garbage, 'not a package');
    const refused = cli(county, 'county', 'import', garbage);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('已拒绝');
    expect(refused.out).toContain('garbage.prpkg 不是党员档案数据包');
    const vbad = cli(county, 'verify', garbage);
    expect(vbad.code).toBe(1);
  }, 600_000);
});
