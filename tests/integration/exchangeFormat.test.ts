// The package format against independent tools from Debian: the `age` CLI decrypts a package with the
// county identity (and the township's own), `sha256sum -c` accepts both manifests of the unzipped bag,
// `openssl pkeyutl -verify -rawin` accepts the signature; a changed byte fails each where it should.
// Also: our age implementation opens files the `age` CLI wrote, and the keys are the standard text forms.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMemberFile } from '../../electron/services/members/memberFiles';
import { AgeError, decryptFile, encryptBuffer, generateIdentity, identityFileText, parseIdentity } from '../../electron/services/exchange/format/ageFormat';
import { keysStatus } from '../../electron/services/exchange/keys';
import { connect, exportTo, keyFile, openInstall, removeDir, stickDir, type Install } from '../support/exchangeScenario';
import { tempDir } from '../support/tempArchive';

function run(cmd: string, args: string[], cwd?: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'buffer' });
  return { code: r.status, out: r.stdout, err: r.stderr?.toString('utf8') ?? '' };
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(150_000)]);

describe('package format: interop with age, sha256sum, openssl', () => {
  let county: Install;
  let town: Install;
  let stick: string;
  let work: string;
  let pkg: string;
  let bag: string;

  beforeAll(async () => {
    county = await openInstall('county', '370783000', '寿光市');
    town = await openInstall('township', '370783101', '东城镇', { demoMembers: 40, seed: 3 });
    await connect(county, [town]);
    const m = await town.archive.queryOne<{ id: string }>('SELECT id FROM members ORDER BY id LIMIT 1');
    await addMemberFile(town.ctx, { memberId: m!.id, docType: 'application', title: '入党申请书', fileName: 'scan.png', mime: 'image/png', contentBase64: PNG.toString('base64') });
    stick = stickDir();
    work = tempDir('pr-x-work-');
    pkg = (await exportTo(town, stick)).file;
    const zip = path.join(work, 'pkg.zip');
    const d = run('age', ['-d', '-i', keyFile(county, 'county-age.key'), '-o', zip, pkg]);
    expect(d.err).toBe('');
    expect(run('unzip', ['-q', zip, '-d', work]).code).toBe(0);
    bag = path.join(work, path.basename(pkg, '.prpkg'));
  }, 120_000);

  afterAll(async () => {
    await county.close();
    await town.close();
    for (const d of [county.dir, town.dir, stick, work]) removeDir(d);
  });

  it('keys are the standard text forms, in a folder only the user can read', async () => {
    const k = keyFile(county, 'county-age.key');
    expect(fs.readFileSync(k, 'utf8')).toMatch(/^# created: .*\n# public key: age1[0-9a-z]{58}\nAGE-SECRET-KEY-1[0-9A-Z]{58}\n$/);
    expect(fs.statSync(k).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(k)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(keyFile(town, 'township-signing.key')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(keyFile(town, 'township-signing.pub.pem'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const s = await keysStatus(town.ctx);
    expect(s.own!.fingerprint).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    // The fingerprint is the first 16 hex digits of SHA-256 over the SPKI DER, as openssl computes it too.
    const der = run('openssl', ['pkey', '-pubin', '-in', keyFile(town, 'township-signing.pub.pem'), '-outform', 'DER']).out;
    expect(s.own!.fingerprint.replace(/-/g, '')).toBe(crypto.createHash('sha256').update(der).digest('hex').slice(0, 16).toUpperCase());
    // age-keygen agrees on the public key of our identity file.
    expect(run('age-keygen', ['-y', k]).out.toString().trim()).toBe(fs.readFileSync(keyFile(county, 'county-age.pub'), 'utf8').trim());
  });

  it('the age CLI decrypts the package with the county identity and with the township’s own', () => {
    const a = run('age', ['-d', '-i', keyFile(county, 'county-age.key'), pkg]);
    const b = run('age', ['-d', '-i', keyFile(town, 'township-age.key'), pkg]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.out.equals(b.out)).toBe(true);
    expect(a.out.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    const other = path.join(work, 'other.key');
    fs.writeFileSync(other, identityFileText(generateIdentity()), { mode: 0o600 });
    expect(run('age', ['-d', '-i', other, pkg]).code).not.toBe(0);
  });

  it('the bag is BagIt 1.0 with the documented tag files, and sha256sum -c accepts both manifests', () => {
    expect(fs.readFileSync(path.join(bag, 'bagit.txt'), 'utf8')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    const info = fs.readFileSync(path.join(bag, 'bag-info.txt'), 'utf8');
    for (const label of ['Source-Organization: 东城镇', 'Township-Code: 370783101', 'Bagging-Date: 2026-11-28', 'Payload-Oxum: ', 'Package-Sequence: 1', 'Package-Kind: Full', 'Change-Sequence-From: 0', 'Change-Sequence-To: ', 'Table-Rows: members ', 'App-Version: ', 'Schema-Version: ']) {
      expect(info).toContain(label);
    }
    const members = fs.readFileSync(path.join(bag, 'data', 'members.jsonl'), 'utf8').trim().split('\n');
    expect(members.length).toBe(40);
    expect(JSON.parse(members[0])).toHaveProperty('id_number');
    expect(fs.readdirSync(path.join(bag, 'data', 'attachments'))).toEqual([crypto.createHash('sha256').update(PNG).digest('hex')]);
    const oxum = /Payload-Oxum: (\d+)\.(\d+)/.exec(info)!;
    const manifest = fs.readFileSync(path.join(bag, 'manifest-sha256.txt'), 'utf8').trim().split('\n');
    expect(Number(oxum[2])).toBe(manifest.length);
    const c1 = run('sha256sum', ['-c', '--strict', 'manifest-sha256.txt'], bag);
    expect(c1.code).toBe(0);
    expect(run('sha256sum', ['-c', '--strict', 'tagmanifest-sha256.txt'], bag).code).toBe(0);
  });

  it('openssl pkeyutl -verify -rawin accepts the signature of tagmanifest-sha256.txt', () => {
    const v = run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', keyFile(town, 'township-signing.pub.pem'), '-rawin', '-in', path.join(bag, 'tagmanifest-sha256.txt'), '-sigfile', path.join(bag, 'tagmanifest-sha256.txt.sig')]);
    expect(v.out.toString()).toContain('Signature Verified Successfully');
    expect(v.code).toBe(0);
  });

  it('a changed byte fails each tool where it should', () => {
    // In the encrypted file: age refuses it.
    const bytes = fs.readFileSync(pkg);
    bytes[bytes.length - 100] ^= 1;
    const broken = path.join(work, 'broken.prpkg');
    fs.writeFileSync(broken, bytes);
    expect(run('age', ['-d', '-i', keyFile(county, 'county-age.key'), '-o', path.join(work, 'x.zip'), broken]).code).not.toBe(0);
    // In a data file: sha256sum -c names it.
    const copy = path.join(work, 'copy');
    fs.cpSync(bag, copy, { recursive: true });
    const membersFile = path.join(copy, 'data', 'members.jsonl');
    const m = fs.readFileSync(membersFile);
    m[10] ^= 1;
    fs.writeFileSync(membersFile, m);
    const c = run('sha256sum', ['-c', '--strict', 'manifest-sha256.txt'], copy);
    expect(c.code).not.toBe(0);
    expect(c.out.toString()).toContain('data/members.jsonl: FAILED');
    // In bag-info.txt: the tag manifest check fails.
    fs.appendFileSync(path.join(copy, 'bag-info.txt'), 'Package-Kind: Full\n');
    const t = run('sha256sum', ['-c', '--strict', 'tagmanifest-sha256.txt'], copy);
    expect(t.code).not.toBe(0);
    expect(t.out.toString()).toContain('bag-info.txt: FAILED');
    // In the tag manifest (e.g. rewritten to cover a changed file): the signature no longer verifies.
    const tm = path.join(copy, 'tagmanifest-sha256.txt');
    const tmb = fs.readFileSync(tm);
    tmb[0] = tmb[0] === 0x30 ? 0x31 : 0x30;
    fs.writeFileSync(tm, tmb);
    const v = run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', keyFile(town, 'township-signing.pub.pem'), '-rawin', '-in', tm, '-sigfile', path.join(copy, 'tagmanifest-sha256.txt.sig')]);
    expect(v.code).not.toBe(0);
    expect(v.out.toString()).toContain('Signature Verification Failure');
  });

  it('our age reads what the age CLI writes (sizes around the 64 KiB chunk), and refuses changed or cut files', async () => {
    const id = generateIdentity();
    const keyPath = path.join(work, 'mine.key');
    fs.writeFileSync(keyPath, identityFileText(id), { mode: 0o600 });
    const back = parseIdentity(fs.readFileSync(keyPath, 'utf8'));
    for (const n of [0, 1, 65535, 65536, 65537, 3 * 65536 + 5]) {
      const plain = crypto.randomBytes(n);
      const src = path.join(work, `p${n}`);
      fs.writeFileSync(src, plain);
      expect(run('age', ['-r', id.recipient, '-o', `${src}.age`, src]).code).toBe(0);
      await decryptFile(`${src}.age`, [back], `${src}.out`);
      expect(fs.readFileSync(`${src}.out`).equals(plain)).toBe(true);
      // and the other way: the CLI reads ours
      fs.writeFileSync(`${src}.ours.age`, encryptBuffer(plain, [id.recipient]));
      expect(run('age', ['-d', '-i', keyPath, `${src}.ours.age`]).out.equals(plain)).toBe(true);
    }
    const big = path.join(work, `p${3 * 65536 + 5}.age`);
    const whole = fs.readFileSync(big);
    fs.writeFileSync(`${big}.cut`, whole.subarray(0, whole.length - 65536 - 16 - 5)); // cut at a chunk boundary
    await expect(decryptFile(`${big}.cut`, [back], path.join(work, 'cut.out'))).rejects.toMatchObject({ kind: 'truncated' });
    expect(fs.existsSync(path.join(work, 'cut.out'))).toBe(false);
    fs.writeFileSync(`${big}.half`, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(decryptFile(`${big}.half`, [back], path.join(work, 'half.out'))).rejects.toBeInstanceOf(AgeError);
    const flipped = Buffer.from(whole);
    flipped[whole.length - 30] ^= 0x80;
    fs.writeFileSync(`${big}.flip`, flipped);
    await expect(decryptFile(`${big}.flip`, [back], path.join(work, 'flip.out'))).rejects.toMatchObject({ kind: 'payload' });
    await expect(decryptFile(`${big}`, [generateIdentity()], path.join(work, 'no.out'))).rejects.toMatchObject({ kind: 'no_identity' });
  });
});
