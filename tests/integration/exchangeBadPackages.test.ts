// Every bad package is refused with a message naming the problem, and the county archive is the same
// set of rows, byte for byte, afterwards. Bad packages are made the way an attacker or a broken stick
// would make them, with the Debian tools (age, unzip, zip, sha256sum, openssl), not with our own writer.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIdentity } from '../../electron/services/exchange/format/ageFormat';
import { exportPublicKey, importCountyKey, initKeys, registerTownship } from '../../electron/services/exchange/keys';
import { openArchive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { importPackages } from '../../electron/services/exchange/countyImport';
import { updateMember } from '../../electron/services/members/members';
import { acknowledge, connect, dumpArchive, exportTo, importAtCounty, keyFile, openInstall, removeDir, stickDir, type Install } from '../support/exchangeScenario';
import { tempDir } from '../support/tempArchive';

function run(cmd: string, args: string[], cwd?: string, input?: Buffer) {
  const r = spawnSync(cmd, args, { cwd, input, encoding: 'buffer' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr.toString()}`);
  return r.stdout;
}

describe('bad packages are refused and change nothing', () => {
  let county: Install;
  let a: Install;
  let c: Install; // not registered at the county
  let d: Install; // registered with someone else's key (that of c, which is not registered itself: one key per township)
  let stick: string;
  let work: string;
  let pkg1 = '';
  let pkg2 = '';
  let pkg3 = '';
  let countyAsOf1 = '';
  let countyRecipient = '';

  beforeAll(async () => {
    county = await openInstall('county', '370783000', '寿光市');
    a = await openInstall('township', '370783101', '东城镇', { demoMembers: 30, seed: 5 });
    c = await openInstall('township', '370783103', '南城镇', { demoMembers: 5, seed: 6 });
    d = await openInstall('township', '370783104', '北城镇', { demoMembers: 5, seed: 7 });
    await connect(county, [a]);
    const countyPublic = await exportPublicKey(county.ctx);
    countyRecipient = fs.readFileSync(keyFile(county, 'county-age.pub'), 'utf8').trim();
    for (const t of [c, d]) {
      await initKeys(t.ctx);
      await importCountyKey(t.ctx, countyPublic.text);
    }
    await registerTownship(county.ctx, { code: d.code, name: d.name, publicKeyPem: (await exportPublicKey(c.ctx)).text });
    stick = stickDir();
    work = tempDir('pr-x-bad-');
    pkg1 = (await exportTo(a, stick)).file;
    expect((await importAtCounty(county, [pkg1]))[0].status).toBe('applied');
    // The county as it was after package 1, kept aside (a restored backup) for the gap case.
    await county.reopen();
    await county.archive.close();
    countyAsOf1 = tempDir('pr-x-county1-');
    fs.cpSync(county.dir, countyAsOf1, { recursive: true });
    await county.reopen();
    await acknowledge(county, a);
    // Each incremental package carries a change: one with nothing to send is not written.
    const members = await a.archive.query<{ id: string }>('SELECT id FROM members ORDER BY id LIMIT 2');
    await updateMember(a.ctx, members[0].id, { remarks: '第 2 号数据包的变动' });
    pkg2 = (await exportTo(a, stick)).file;
    expect((await importAtCounty(county, [pkg2]))[0].status).toBe('applied');
    await acknowledge(county, a);
    await updateMember(a.ctx, members[1].id, { remarks: '第 3 号数据包的变动' });
    pkg3 = (await exportTo(a, stick)).file;
  }, 240_000);

  afterAll(async () => {
    for (const i of [county, a, c, d]) {
      await i.close().catch(() => undefined);
      removeDir(i.dir);
    }
    for (const x of [stick, work, countyAsOf1]) removeDir(x);
  });

  /** Import `file` at the county and prove nothing changed; returns the outcome. */
  async function refuse(file: string, at: Install = county) {
    const before = await dumpArchive(at.archive);
    const [outcome] = await importPackages(at.ctx, [file]);
    expect(await dumpArchive(at.archive)).toEqual(before);
    expect(fs.readdirSync(path.join(at.dir, 'tmp'))).toEqual([]); // no decrypted leftovers
    return outcome;
  }

  const zipOf = (file: string) => run('age', ['-d', '-i', keyFile(county, 'county-age.key'), file]);
  function encrypt(zip: Buffer, name: string, recipient = countyRecipient): string {
    const out = path.join(work, name);
    run('age', ['-r', recipient, '-o', out], undefined, zip);
    return out;
  }
  /** Unzip a package's bag into a fresh folder; returns [parent, bagName]. */
  function unpack(file: string, label: string): [string, string] {
    const dir = path.join(work, label);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'in.zip'), zipOf(file));
    run('unzip', ['-q', 'in.zip'], dir);
    fs.rmSync(path.join(dir, 'in.zip'));
    return [dir, fs.readdirSync(dir)[0]];
  }
  function repack(dir: string, bag: string, name: string): string {
    run('zip', ['-q', '-0', '-r', '-X', 'out.zip', bag], dir);
    return encrypt(fs.readFileSync(path.join(dir, 'out.zip')), name);
  }
  function retag(bagDir: string): void {
    const lines = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt'].map((f) => `${crypto.createHash('sha256').update(fs.readFileSync(path.join(bagDir, f))).digest('hex')}  ${f}\n`);
    fs.writeFileSync(path.join(bagDir, 'tagmanifest-sha256.txt'), lines.join(''));
  }

  it('a package encrypted to another county’s key', async () => {
    const o = await refuse(encrypt(zipOf(pkg2), 'other-county.prpkg', generateIdentity().recipient));
    expect([o.status, o.problem]).toEqual(['refused', 'wrong_key']);
    expect(o.message).toContain('不是加密给本机的');
  });

  it('a package from a township the county has not registered', async () => {
    const p = (await exportTo(c, stick)).file;
    const o = await refuse(p);
    expect([o.status, o.problem]).toEqual(['refused', 'unknown_township']);
    expect(o.message).toContain('未登记的乡镇 南城镇(370783103)');
  });

  it('a package whose signature does not match the township’s registered key', async () => {
    const p = (await exportTo(d, stick)).file;
    const o = await refuse(p);
    expect([o.status, o.problem]).toEqual(['refused', 'bad_signature']);
    expect(o.message).toContain('签名与登记的乡镇 北城镇(370783104)公钥不符');
  });

  it('a byte changed in the encrypted file', async () => {
    const bytes = fs.readFileSync(pkg2);
    bytes[Math.floor(bytes.length / 2)] ^= 0x04;
    const f = path.join(work, 'flipped.prpkg');
    fs.writeFileSync(f, bytes);
    const o = await refuse(f);
    expect([o.status, o.problem]).toEqual(['refused', 'damaged']);
    expect(o.message).toContain('已损坏或被改动');
  });

  it('a byte changed in the zip’s structure (central directory), re-encrypted with the age CLI', async () => {
    const zip = zipOf(pkg2);
    const cd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip[cd + 1] ^= 0xff;
    const o = await refuse(encrypt(zip, 'zip-structure.prpkg'));
    expect([o.status, o.problem]).toEqual(['refused', 'damaged']);
    expect(o.message).toContain('zip 结构已损坏');
  });

  it('a byte changed in a data file inside the zip, re-encrypted with the age CLI', async () => {
    const zip = zipOf(pkg1);
    const at = zip.indexOf(Buffer.from('"id_number":"'));
    expect(at).toBeGreaterThan(0);
    zip[at + 14] = zip[at + 14] === 0x31 ? 0x32 : 0x31;
    const o = await refuse(encrypt(zip, 'data-byte.prpkg'));
    expect([o.status, o.problem]).toEqual(['refused', 'checksum']);
    expect(o.message).toContain('data/members.jsonl 已被改动');
  });

  it('a byte changed in bag-info.txt', async () => {
    const [dir, bag] = unpack(pkg2, 'baginfo');
    const f = path.join(dir, bag, 'bag-info.txt');
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('Package-Sequence: 2', 'Package-Sequence: 9'));
    const o = await refuse(repack(dir, bag, 'baginfo.prpkg'));
    expect([o.status, o.problem]).toEqual(['refused', 'checksum']);
    expect(o.message).toContain('bag-info.txt 已被改动');
  });

  it('a data file changed with both manifests recomputed: the signature no longer matches', async () => {
    const [dir, bag] = unpack(pkg1, 'resummed');
    const bagDir = path.join(dir, bag);
    const f = path.join(bagDir, 'data', 'members.jsonl');
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/"name":"[^"]+"/, '"name":"冒名"'));
    const manifest = run('sha256sum', fs.readFileSync(path.join(bagDir, 'manifest-sha256.txt'), 'utf8').trim().split('\n').map((l) => l.split('  ')[1]), bagDir);
    fs.writeFileSync(path.join(bagDir, 'manifest-sha256.txt'), manifest);
    retag(bagDir);
    const o = await refuse(repack(dir, bag, 'resummed.prpkg'));
    expect([o.status, o.problem]).toEqual(['refused', 'bad_signature']);
  });

  it('a truncated file', async () => {
    const bytes = fs.readFileSync(pkg1);
    const f = path.join(work, 'truncated.prpkg');
    fs.writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const o = await refuse(f);
    expect(o.status).toBe('refused');
    expect(['truncated', 'damaged']).toContain(o.problem);
    expect(o.message).toMatch(/截断|不完整/);
  });

  it('an older package again (replay): reported and ignored', async () => {
    const o = await refuse(pkg1);
    expect([o.status, o.problem]).toEqual(['replay', 'replay']);
    expect(o.message).toContain('本县已导入到第 2 号');
  });

  it('a gap: the message names the missing package numbers', async () => {
    const archive = await openArchive(archiveFile(countyAsOf1));
    const asOf1: Install = { ...county, dir: countyAsOf1, archive, ctx: { ...county.ctx, archive } };
    try {
      const o = await refuse(pkg3, asOf1);
      expect([o.status, o.problem]).toEqual(['refused', 'gap']);
      expect(o.message).toContain('缺少第 2 号数据包');
    } finally {
      await archive.close();
    }
  });

  it('a package of a schema version this program cannot read (re-signed with the township’s own key)', async () => {
    const [dir, bag] = unpack(pkg2, 'schema');
    const bagDir = path.join(dir, bag);
    const info = path.join(bagDir, 'bag-info.txt');
    fs.writeFileSync(info, fs.readFileSync(info, 'utf8').replace(/Schema-Version: .*/, 'Schema-Version: 9999_from_the_future'));
    retag(bagDir);
    run('openssl', ['pkeyutl', '-sign', '-inkey', keyFile(a, 'township-signing.key'), '-rawin', '-in', path.join(bagDir, 'tagmanifest-sha256.txt'), '-out', path.join(bagDir, 'tagmanifest-sha256.txt.sig')]);
    const o = await refuse(repack(dir, bag, 'schema.prpkg'));
    expect([o.status, o.problem]).toEqual(['refused', 'schema']);
    expect(o.message).toContain('9999_from_the_future');
  });

  it('files that are not packages at all', async () => {
    const text = path.join(work, '花名册.xlsx');
    fs.writeFileSync(text, 'PK\x03\x04 not really a spreadsheet');
    const o1 = await refuse(text);
    expect([o1.status, o1.problem]).toEqual(['refused', 'not_package']);
    expect(o1.message).toContain('花名册.xlsx 不是党员档案数据包');
    const o2 = await refuse(encrypt(Buffer.from('hello, not a zip'), 'not-zip.prpkg'));
    expect([o2.status, o2.problem]).toEqual(['refused', 'damaged']);
    const o3 = await refuse(path.join(work, 'no-such-file.prpkg'));
    expect(o3.status).toBe('refused');
  });

  it('the county archive still holds exactly what the good packages carried', async () => {
    const status = await county.archive.queryOne<{ last_sequence: number }>('SELECT last_sequence FROM county_townships WHERE code = ?', [a.code]);
    expect(status!.last_sequence).toBe(2);
    expect((await importAtCounty(county, [pkg3]))[0].status).toBe('applied');
  });
});
