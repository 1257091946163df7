// Every refusal meant for the clerk is a DomainError — the dispatcher shows its message as it is and treats
// anything else as a bug (程序内部错误) — and keeps its own class and fields for the code that checks them.
// Each message is in Chinese and names the file (or package, or sheet and row) it is about.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveError, openArchive } from '../../db/connection';
import { NewerSchemaError } from '../../db/migrate';
import { DomainError } from '../../electron/services/core/errors';
import { AgeError, decryptFile, encryptBuffer, generateIdentity, parseRecipient } from '../../electron/services/exchange/format/ageFormat';
import { PackageError } from '../../electron/services/exchange/packageReader';
import { tempDir } from '../support/tempArchive';

const dir = tempDir('pr-errors-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CHINESE = /[\u4e00-\u9fff]/;

describe('the archive file', () => {
  it('a closed archive refuses, naming its file', async () => {
    const file = path.join(dir, 'closed.sqlite');
    const archive = await openArchive(file);
    await archive.close();
    const err = await archive.query('SELECT 1 AS x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArchiveError);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ name: 'ArchiveError', code: 'conflict', problem: 'closed' });
    expect((err as Error).message).toBe(`档案数据库 ${file} 已关闭`);
  });

  it('a file that is no database is refused as damaged, naming it', async () => {
    const file = path.join(dir, 'photo.sqlite');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const err = await openArchive(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArchiveError);
    expect(err).toMatchObject({ code: 'conflict', problem: 'corrupt' });
    expect((err as Error).message).toContain(`档案数据库 ${file} 已损坏`);
  });

  it('an archive written by a newer program is refused, naming the file and the versions', async () => {
    const file = path.join(dir, 'newer.sqlite');
    const archive = await openArchive(file);
    await archive.run("INSERT INTO __migrations(tag, hash, applied_at) VALUES ('9999_future', 'x', '2030-01-01')");
    await archive.close();
    const err = await openArchive(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NewerSchemaError);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ name: 'NewerSchemaError', code: 'conflict', unknownTags: ['9999_future'], file });
    expect((err as Error).message).toMatch(new RegExp(`^档案 ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 由较新版本的程序建立或升级过.*9999_future`));
  });
});

describe('county packages and their encryption', () => {
  it('a package refusal is a DomainError; one out of turn is a conflict', () => {
    const bad = new PackageError('bad_bag', '东城镇-3.prpkg 中没有数据');
    expect(bad).toBeInstanceOf(DomainError);
    expect(bad).toMatchObject({ name: 'PackageError', code: 'bad_input', problem: 'bad_bag' });
    expect(new PackageError('replay', 'x').code).toBe('conflict');
    expect(new PackageError('gap', 'x').code).toBe('conflict');
  });

  it('a file that cannot be decrypted is refused naming the file; its reason is kept apart', async () => {
    const notAge = path.join(dir, '花名册.xlsx');
    fs.writeFileSync(notAge, 'PK\u0003\u0004 not an age file');
    const err = await decryptFile(notAge, [generateIdentity()], path.join(dir, 'out')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgeError);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ name: 'AgeError', code: 'bad_input', kind: 'not_age', file: '花名册.xlsx' });
    expect((err as AgeError).message).toBe(`花名册.xlsx:${(err as AgeError).reason}`);
    expect((err as AgeError).reason).toMatch(CHINESE);

    const mine = generateIdentity();
    const sealed = path.join(dir, '东城镇-1.prpkg');
    fs.writeFileSync(sealed, encryptBuffer(Buffer.from('hello'), [mine.recipient]));
    const other = await decryptFile(sealed, [generateIdentity()], path.join(dir, 'out')).catch((e: unknown) => e);
    expect(other).toMatchObject({ kind: 'no_identity', file: '东城镇-1.prpkg' });
    expect((other as Error).message).toMatch(/^东城镇-1\.prpkg:.*无法解开/);
  });

  it('a key that is not one is refused in Chinese, naming what it should be', () => {
    const err = (() => {
      try {
        parseRecipient('ssh-rsa AAAA');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DomainError);
    expect((err as Error).message).toMatch(CHINESE);
  });
});
