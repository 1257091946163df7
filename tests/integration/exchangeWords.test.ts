// What the exchange says to the clerks, each case on real archives, real packages and real age
// encryption: an incremental export with nothing to send writes no file and says so; a package cut
// short is called incomplete, by name; a package never imported is not called "already imported"; a
// 回执 carries the fingerprint the township registered for the county; the audit log words every
// exchange step in Chinese with the township as its 对象, never a raw key.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateMember } from '../../electron/services/members/members';
import { deleteTrainingSession, saveTrainingSession } from '../../electron/services/practices/training';
import { keysStatus } from '../../electron/services/exchange/keys';
import { NothingToSend, previewExport } from '../../electron/services/exchange/packageWriter';
import { importPackages } from '../../electron/services/exchange/countyImport';
import { verifyPackage, startCountyExport, type CountyExportJobResult } from '../../electron/services/exchange/exchangeSteps';
import { importReceipt, writeReceipt } from '../../electron/services/exchange/receipts';
import { verifySentPackage } from '../../electron/services/exchange/exchangeLog';
import { listAuditLog } from '../../electron/services/audit/auditViewer';
import { jobsOf } from '../../electron/services/core/jobs';
import { acknowledge, connect, dumpArchive, exportTo, openInstall, removeDir, stickDir, type Install } from '../support/exchangeScenario';
import { tempDir } from '../support/tempArchive';

let county: Install;
let east: Install;
let stick: string;
let work: string;
let pkg1 = '';
let memberId = '';

beforeAll(async () => {
  county = await openInstall('county', '370783', '寿光市');
  east = await openInstall('township', '370783101', '东城镇', { demoMembers: 80, seed: 9 });
  await connect(county, [east]);
  stick = stickDir();
  work = tempDir('pr-x-words-');
  pkg1 = (await exportTo(east, stick)).file;
  expect((await importPackages(county.ctx, [pkg1]))[0].status).toBe('applied');
  const m = await east.archive.queryOne<{ id: string }>('SELECT id FROM members WHERE exit_reason IS NULL ORDER BY id LIMIT 1');
  memberId = m!.id;
}, 240_000);

afterAll(async () => {
  for (const i of [county, east]) {
    await i?.close().catch(() => undefined);
    if (i) removeDir(i.dir);
  }
  for (const d of [stick, work]) if (d) removeDir(d);
});

const files = (dir: string) => fs.readdirSync(dir).sort();

describe('an incremental export with nothing to send', () => {
  it('writes no file and says there is nothing to send, in the preview, the service and the job', async () => {
    await acknowledge(county, east);
    expect((await previewExport(east.ctx)).nothingToSend).toBe(true);
    expect((await previewExport(east.ctx, { full: true })).nothingToSend).toBe(false);
    const before = files(stick);
    const refused = await exportTo(east, stick).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(NothingToSend);
    expect((refused as Error).message).toContain('自第 1 号数据包(县委组织部已确认)以来,本乡镇档案没有任何变动,没有需要发送的内容,未写出数据包');
    const job = startCountyExport(east.ctx, { outDir: stick });
    const done = (await jobsOf(east.archive).settle(job.id))!.result as CountyExportJobResult;
    expect(done.package).toBeNull();
    expect(done.nothingToSend).toMatchObject({ baseSequence: 1 });
    expect(files(stick)).toEqual(before);
    expect(await east.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM exchange_packages')).toEqual({ n: 1 });
  });

  it('a row deleted and nothing else written is something to send', async () => {
    // A training session entered and acknowledged, then deleted as recorded twice: the removal leaves no
    // row behind to carry a change number (its reason is in the audit log, which stays home).
    const session = await saveTrainingSession(east.ctx, { date: '2026-11-20', topic: '学习党章', placeKind: 'party_school', place: '镇党校', hours: 2, organizer: '镇党委', attendeeIds: [memberId] });
    const p2 = (await exportTo(east, stick)).file;
    expect((await importPackages(county.ctx, [p2]))[0].status).toBe('applied');
    await acknowledge(county, east);
    expect((await previewExport(east.ctx)).nothingToSend).toBe(true);
    await deleteTrainingSession(east.ctx, session.id, { reason: '重复登记' });
    const plan = await previewExport(east.ctx);
    expect(plan.tables.every((t) => t.rows === 0)).toBe(true);
    expect(plan.nothingToSend).toBe(false);
    const p3 = (await exportTo(east, stick)).file;
    const [o] = await importPackages(county.ctx, [p3]);
    expect([o.status, o.removed]).toEqual(['applied', 2]);
    await acknowledge(county, east);
  });
});

describe('a package cut short', () => {
  let whole = '';
  beforeAll(async () => {
    await updateMember(east.ctx, memberId, { remarks: '截断测试' });
    whole = (await exportTo(east, stick, true)).file;
  });

  it('is called incomplete, by its name, never “chunk N of N”', async () => {
    const bytes = fs.readFileSync(whole);
    expect(bytes.length).toBeGreaterThan(4 * 65536); // several age chunks: the cut falls inside one
    const cut = path.join(work, path.basename(whole));
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = await dumpArchive(county.archive);
    const [o] = await importPackages(county.ctx, [cut]);
    expect(await dumpArchive(county.archive)).toEqual(before);
    expect([o.status, o.problem]).toEqual(['refused', 'truncated']);
    expect(o.message).toContain(`${path.basename(whole)} 不完整:文件在末尾被截断`);
    expect(o.message).not.toMatch(/块共|共 \d+ 块/);
    // The township reading it back from the stick hears the same.
    await expect(verifySentPackage(east.ctx, cut)).rejects.toThrow(`${path.basename(whole)} 不完整`);
  });

  it('a whole package with a byte changed in its last chunk is changed, not cut', async () => {
    const bytes = fs.readFileSync(whole);
    bytes[bytes.length - 300] ^= 0x01;
    const changed = path.join(work, `changed-${path.basename(whole)}`);
    fs.writeFileSync(changed, bytes);
    const [o] = await importPackages(county.ctx, [changed]);
    expect([o.status, o.problem]).toEqual(['refused', 'damaged']);
    expect(o.message).toContain('已损坏或被改动');
  });
});

describe('a package numbered below the last one imported', () => {
  it('says whether it was imported, or which later package carried what it held', async () => {
    // Two packages written before the county answered either: both continue package 4 (acknowledged).
    await updateMember(east.ctx, memberId, { remarks: '第一次变动' });
    const older = (await exportTo(east, stick)).file;
    await updateMember(east.ctx, memberId, { remarks: '第二次变动' });
    const newer = (await exportTo(east, stick)).file;
    expect((await importPackages(county.ctx, [newer]))[0].status).toBe('applied');
    const last = (await county.archive.queryOne<{ last_sequence: number }>('SELECT last_sequence FROM county_townships WHERE code = ?', [east.code]))!.last_sequence;

    const before = await dumpArchive(county.archive);
    const [skipped] = await importPackages(county.ctx, [older]);
    expect(await dumpArchive(county.archive)).toEqual(before);
    expect(skipped.status).toBe('replay');
    expect(skipped.message).toContain(`是东城镇(370783101)的第 ${last - 1} 号数据包,本县没有导入过它,但已导入了更新的第 ${last} 号数据包`);
    expect(skipped.message).not.toContain('已导入过(或更旧)');
    const check = await verifyPackage(county.ctx, older);
    expect([check.ok, check.continuity]).toEqual([true, 'replay']);
    expect(check.message).toContain('本县没有导入过它');

    const [again] = await importPackages(county.ctx, [newer]);
    expect(again.status).toBe('replay');
    expect(again.message).toContain(`第 ${last} 号数据包,这个数据包本县已导入过`);
  });
});

describe('the 回执 and the county’s fingerprint', () => {
  it('a receipt carries the one fingerprint the township registered for the county', async () => {
    const countyOwn = (await keysStatus(county.ctx)).own!.fingerprint;
    const atTownship = (await keysStatus(east.ctx)).county!.fingerprint;
    expect(atTownship).toBe(countyOwn);
    const r = await writeReceipt(county.ctx, east.code);
    expect(r.fingerprint).toBe(countyOwn);
    expect((JSON.parse(r.text) as { fingerprint: string }).fingerprint).toBe(countyOwn);
    const ack = await importReceipt(east.ctx, r.text);
    expect(ack.message).toContain(`指纹 ${countyOwn}`);
  });
});

describe('the audit log of the exchange', () => {
  const RAW = /lastSequence|bagDigest|fingerprint|rowCounts|packageSequence|baseSequence|changeTo|sequence|"|exchange\./;

  it('at the county: each step by its Chinese name, the township as 对象, values under Chinese labels', async () => {
    const { rows } = await listAuditLog(county.ctx, { kind: 'exchange', limit: 1000 });
    const by = (action: string) => rows.filter((r) => r.action === action);
    expect(by('exchange.township.register')[0]).toMatchObject({ actionLabel: '登记乡镇公钥', subject: '东城镇(370783101)' });
    expect(by('exchange.township.register')[0].changes).toContain('密钥指纹:');
    const imported = by('exchange.county.import').at(-1)!;
    expect(imported).toMatchObject({ actionLabel: '导入乡镇数据包', kindLabel: '县乡数据交换', subject: '东城镇(370783101)第 1 号数据包' });
    expect(imported.changes).toContain('最后序号:0');
    expect(imported.changes).toMatch(/包摘要:[0-9a-f]{16}…/);
    expect(imported.changes).toContain('类型:全量');
    expect(by('exchange.receipt.write').at(-1)).toMatchObject({ actionLabel: '出具回执', subject: '东城镇(370783101)第 1 号数据包的回执' });
    expect(by('exchange.keys.init')[0]).toMatchObject({ actionLabel: '生成本机密钥', subject: '本机密钥' });
    for (const r of rows) {
      expect(r.actionLabel, r.action).not.toMatch(RAW);
      expect(r.changes, r.action).not.toMatch(RAW);
      expect(r.subject, r.action).not.toBe('');
    }
    const setup = (await listAuditLog(county.ctx, { kind: 'setup', limit: 10 })).rows[0];
    expect(setup).toMatchObject({ actionLabel: '初始设置本档案', subject: '寿光市(370783)' });
    expect(setup.changes).toBe('代码:370783;名称:寿光市;安装类型:县委组织部');
  });

  it('at the township: export, the county’s key and the 回执, worded the same way', async () => {
    const { rows } = await listAuditLog(east.ctx, { kind: 'exchange', limit: 1000 });
    const exported = rows.filter((r) => r.action === 'exchange.export').at(-1)!;
    expect(exported).toMatchObject({ actionLabel: '导出到县(写出数据包)', subject: '东城镇第 1 号数据包' });
    expect(exported.changes).toContain('文件:370783101-000001.prpkg');
    expect(rows.find((r) => r.action === 'exchange.receipt.import')).toMatchObject({ actionLabel: '导入县里的回执' });
    expect(rows.find((r) => r.action === 'exchange.county-key.import')).toMatchObject({ actionLabel: '导入县委组织部公钥', subject: '县委组织部公钥' });
    for (const r of rows) {
      expect(r.changes, r.action).not.toMatch(RAW);
      expect(r.subject, r.action).not.toBe('');
    }
  });
});
