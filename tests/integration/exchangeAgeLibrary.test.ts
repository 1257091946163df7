// The package format against a second, independent implementation of age: the reference TypeScript
// library (age-encryption on npm). It decrypts a township's package with the county's identity and with
// the township's own; our reader opens files it encrypts (sizes around the 64 KiB chunk), and a package
// re-encrypted by it imports at the county exactly like the one we wrote.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decrypter, Encrypter } from 'age-encryption';
import { decryptFile, decryptFileToBuffer, encryptBuffer, generateIdentity, identityString, parseIdentity } from '../../electron/services/exchange/format/ageFormat';
import { connect, differencesFromCounty, exportTo, importAtCounty, keyFile, openInstall, removeDir, stickDir, type Install } from '../support/exchangeScenario';
import { tempDir } from '../support/tempArchive';

/** The AGE-SECRET-KEY line of an identity file (the file also carries comment lines). */
function secretOf(file: string): string {
  return fs.readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
}

describe('package format: interop with the reference age library', () => {
  let county: Install;
  let town: Install;
  let stick: string;
  let work: string;
  let pkg: string;

  beforeAll(async () => {
    county = await openInstall('county', '370783', '寿光市');
    town = await openInstall('township', '370783101', '东城镇', { demoMembers: 30, seed: 5 });
    await connect(county, [town]);
    stick = stickDir();
    work = tempDir('pr-x-agelib-');
    pkg = (await exportTo(town, stick)).file;
  }, 120_000);

  afterAll(async () => {
    await county.close();
    await town.close();
    for (const d of [county.dir, town.dir, stick, work]) removeDir(d);
  });

  it('the library decrypts our package with the county identity and with the township’s own, to the same zip our reader gives', async () => {
    const encrypted = new Uint8Array(fs.readFileSync(pkg));
    const ours = await decryptFileToBuffer(pkg, [parseIdentity(fs.readFileSync(keyFile(county, 'county-age.key'), 'utf8'))]);
    for (const key of [keyFile(county, 'county-age.key'), keyFile(town, 'township-age.key')]) {
      const d = new Decrypter();
      d.addIdentity(secretOf(key));
      const zip = Buffer.from(await d.decrypt(encrypted));
      expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(zip.equals(ours)).toBe(true);
    }
    // Another identity: the library refuses it.
    const other = new Decrypter();
    other.addIdentity(identityString(generateIdentity()));
    await expect(other.decrypt(encrypted)).rejects.toThrow();
  });

  it('our reader opens what the library encrypts, and the library opens what we encrypt (sizes around the 64 KiB chunk)', async () => {
    const id = generateIdentity();
    for (const n of [0, 1, 65535, 65536, 65537, 2 * 65536 + 7]) {
      const plain = crypto.randomBytes(n);
      const e = new Encrypter();
      e.addRecipient(id.recipient);
      const file = path.join(work, `lib${n}.age`);
      fs.writeFileSync(file, await e.encrypt(new Uint8Array(plain)));
      await decryptFile(file, [id], `${file}.out`);
      expect(fs.readFileSync(`${file}.out`).equals(plain)).toBe(true);
      const d = new Decrypter();
      d.addIdentity(identityString(id));
      expect(Buffer.from(await d.decrypt(new Uint8Array(encryptBuffer(plain, [id.recipient])))).equals(plain)).toBe(true);
    }
  });

  it('a package the library re-encrypted to the county imports like ours: the county holds the township exactly', async () => {
    const d = new Decrypter();
    d.addIdentity(secretOf(keyFile(county, 'county-age.key')));
    const zip = await d.decrypt(new Uint8Array(fs.readFileSync(pkg)));
    const e = new Encrypter();
    e.addRecipient(fs.readFileSync(keyFile(county, 'county-age.pub'), 'utf8').trim());
    const again = path.join(work, path.basename(pkg));
    fs.writeFileSync(again, await e.encrypt(zip));
    expect(fs.readFileSync(again).equals(fs.readFileSync(pkg))).toBe(false); // a new file key: other bytes
    const [outcome] = await importAtCounty(county, [again]);
    expect(outcome.message).toContain('已导入');
    expect(outcome.status).toBe('applied');
    expect(await differencesFromCounty(county, town)).toEqual([]);
  });
});
