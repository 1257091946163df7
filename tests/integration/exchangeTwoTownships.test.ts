// Two townships and their county, through the services as the clerks use them: full packages, the
// county's 回执, then incremental packages after edits (a new member, a transfer between the two
// townships, an exit, a removed sub-record, a new scan). After each round the county holds exactly the
// union of the two township archives, field by field; the transferred member has a record in each
// township, on the roll in the receiving one, with the history from both.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, exitMember } from '../../electron/services/members/members';
import { saveSubRecord, deleteSubRecord } from '../../electron/services/members/subRecords';
import { recordTransferReceipt, transferIn, transferOut } from '../../electron/services/members/life/transfers';
import { addMemberFile } from '../../electron/services/members/memberFiles';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { countyMemberHistory, countyStatus, listCountyMembers } from '../../electron/services/exchange/countyQuery';
import { previewExport } from '../../electron/services/exchange/packageWriter';
import { verifySentPackage, listSentPackages } from '../../electron/services/exchange/exchangeLog';
import {
  acknowledge, connect, differencesFromCounty, dumpArchive, exportTo, importAtCounty, openInstall, removeDir, stickDir, type Install,
} from '../support/exchangeScenario';

describe('two townships and the county', () => {
  let county: Install;
  let a: Install;
  let b: Install;
  let stick: string;

  beforeAll(async () => {
    county = await openInstall('county', '370783000', '寿光市');
    a = await openInstall('township', '370783101', '东城镇', { demoMembers: 120, seed: 11 });
    b = await openInstall('township', '370783102', '西城镇', { demoMembers: 90, seed: 12 });
    await connect(county, [a, b]);
    stick = stickDir();
  }, 180_000);

  afterAll(async () => {
    for (const i of [county, a, b]) {
      await i.close();
      removeDir(i.dir);
    }
    removeDir(stick);
  });

  it('full packages: the county holds each township exactly, and every member once with township as a column', async () => {
    const preview = await previewExport(a.ctx);
    expect(preview.kind).toBe('full');
    expect(preview.tables.find((t) => t.name === 'members')!.rows).toBe(120);
    // The township practices travel like every other table, with the demo's rows in them;
    // accounts and the audit log stay at home.
    const carried = new Map(preview.tables.map((t) => [t.name, t.rows]));
    for (const name of ['org_meetings', 'org_meeting_attendance', 'village_matters', 'practice_pairs', 'practice_help_entries', 'training_sessions', 'training_attendees', 'care_aids', 'pioneer_posts', 'member_commitments']) {
      expect(carried.get(name), name).toBeGreaterThan(0);
    }
    for (const name of ['users', 'audit_log']) expect(carried.has(name), name).toBe(false);
    const pa = await exportTo(a, stick);
    const pb = await exportTo(b, stick);
    expect(path.basename(pa.file)).toBe('370783101-000001.prpkg');
    const check = await verifySentPackage(a.ctx, pa.file);
    expect(check.logged).toBe(true);
    expect((await listSentPackages(a.ctx))[0].verifiedAt).not.toBeNull();
    const out = await importAtCounty(county, [pb.file, pa.file]);
    expect(out.map((o) => o.status)).toEqual(['applied', 'applied']);
    expect(await differencesFromCounty(county, a)).toEqual([]);
    expect(await differencesFromCounty(county, b)).toEqual([]);
    const grid = await listCountyMembers(county.ctx, { status: 'all', limit: 1000 });
    expect(grid.total).toBe(210);
    expect(new Set(grid.rows.map((r) => r.townshipName))).toEqual(new Set(['东城镇', '西城镇']));
    const onlyB = await listCountyMembers(county.ctx, { townshipCode: b.code, status: 'all', limit: 5 });
    expect(onlyB.total).toBe(90);
    expect(onlyB.rows.every((r) => r.townshipCode === b.code && r.orgName)).toBe(true);
    const status = await countyStatus(county.ctx);
    expect(status.townships.map((t) => [t.code, t.lastSequence, t.lastKind])).toEqual([
      [a.code, 1, 'full'],
      [b.code, 1, 'full'],
    ]);
  }, 120_000);

  it('incremental packages after a new member, a transfer between the townships, an exit, a removed sub-record and a scan', async () => {
    expect(await acknowledge(county, a)).toBe(1);
    expect(await acknowledge(county, b)).toBe(1);
    const branchA = (await a.archive.queryOne<{ id: string }>("SELECT id FROM organizations WHERE type = 'branch' ORDER BY name LIMIT 1"))!.id;
    const branchB = (await b.archive.queryOne<{ id: string }>("SELECT id FROM organizations WHERE type = 'branch' ORDER BY name LIMIT 1"))!.id;
    const base = { gender: '1', ethnicity: '01', education: '50', category: 'formal', joinDate: '2001-07-01', fullDate: '2002-07-01', occupation: '2' };
    const newcomer = await createMember(a.ctx, { ...base, orgId: branchA, name: '新党员', idNumber: makeIdNumber('370783', '1980-03-04', 71), birthDate: '1980-03-04' });
    // The transfer: out of 东城镇 with a letter, into 西城镇 with the same ID number, then the 回执 at 东城镇.
    const mover = (await a.archive.queryOne<{ id: string; id_number: string; name: string }>(
      "SELECT id, id_number, name FROM members WHERE exit_reason IS NULL AND category = 'formal' AND is_mobile = 0 ORDER BY id LIMIT 1",
    ))!;
    await saveSubRecord(a.ctx, { memberId: mover.id, kind: 'posts', values: { title: '村委委员', fromDate: '2015-01-01' } });
    const letter = await transferOut(a.ctx, mover.id, { date: '2026-11-20', destination: '中共西城镇委员会', duesPaidTo: '2026-10' });
    const moved = await transferIn(b.ctx, { date: '2026-11-22', letterNumber: letter.letterNumber ?? '〔2026〕第001号', origin: '中共东城镇委员会', orgId: branchB, member: { ...(await fullRecord(a, mover.id)), orgId: branchB } });
    await recordTransferReceipt(a.ctx, letter.id, { date: '2026-11-25' });
    // An exit in 西城镇, a scan in 西城镇, a sub-record removed in 东城镇.
    const leaver = (await b.archive.queryOne<{ id: string }>("SELECT id FROM members WHERE exit_reason IS NULL AND id <> ? ORDER BY id DESC LIMIT 1", [moved.member.id]))!;
    await exitMember(b.ctx, leaver.id, { reason: 'death', date: '2026-11-21' });
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(5000)]);
    await addMemberFile(b.ctx, { memberId: moved.member.id, docType: 'application', fileName: 'a.png', mime: 'image/png', contentBase64: png.toString('base64') });
    const post = await saveSubRecord(a.ctx, { memberId: newcomer.id, kind: 'posts', values: { title: '临时职务', fromDate: '2026-01-01' } });
    await deleteSubRecord(a.ctx, 'posts', (post as { id: string }).id, '录入错误');

    const preview = await previewExport(a.ctx);
    expect(preview.kind).toBe('incremental');
    expect(preview.baseSequence).toBe(1);
    expect(preview.tables.find((t) => t.name === 'members')!.rows).toBe(2);
    const pa = await exportTo(a, stick);
    const pb = await exportTo(b, stick);
    expect([pa.kind, pa.sequence, pb.kind, pb.sequence]).toEqual(['incremental', 2, 'incremental', 2]);
    expect(pb.attachments).toBe(1);
    const out = await importAtCounty(county, [pa.file, pb.file]);
    expect(out.map((o) => o.status)).toEqual(['applied', 'applied']);
    expect(await differencesFromCounty(county, a)).toEqual([]);
    expect(await differencesFromCounty(county, b)).toEqual([]);
    // The scan came along, content-addressed.
    const sha = crypto.createHash('sha256').update(png).digest('hex');
    expect(fs.readFileSync(path.join(county.dir, 'files', sha)).equals(png)).toBe(true);

    // The transferred member: a record in each township (never merged by the ID number), on the roll
    // only in 西城镇; the history joins both townships.
    const found = await listCountyMembers(county.ctx, { search: mover.id_number, status: 'all', sort: 'township' });
    expect(found.rows.map((r) => [r.townshipName, r.exitReason])).toEqual([
      ['东城镇', 'transfer_out'],
      ['西城镇', null],
    ]);
    const onRoll = await listCountyMembers(county.ctx, { search: mover.id_number, status: 'roll' });
    expect(onRoll.total).toBe(1);
    expect(onRoll.rows[0]).toMatchObject({ townshipCode: b.code, townshipName: '西城镇', name: mover.name, exitReason: null, duplicate: false });
    const history = await countyMemberHistory(county.ctx, mover.id_number);
    expect(history.records.map((r) => [r.townshipCode, r.current, r.exitReason])).toEqual([
      [b.code, true, null],
      [a.code, false, 'transfer_out'],
    ]);
    expect(new Set(history.events.map((e) => e.townshipCode))).toEqual(new Set([a.code, b.code]));
    expect(history.events.some((e) => e.townshipCode === a.code && e.summary.includes('村委委员'))).toBe(true);
    const totals = await countyStatus(county.ctx);
    const roll = async (t: Install) => (await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members WHERE exit_reason IS NULL'))!.n;
    expect(totals.totals.members).toBe((await roll(a)) + (await roll(b)));
    const grid = await listCountyMembers(county.ctx, { status: 'roll', limit: 1 });
    expect(grid.total).toBe(totals.totals.members);

    // The same packages again: reported as already imported, nothing changes.
    const before = await dumpArchive(county.archive);
    const again = await importAtCounty(county, [pa.file, pb.file]);
    expect(again.map((o) => o.status)).toEqual(['replay', 'replay']);
    expect(again[0].message).toContain('已导入过');
    expect(await dumpArchive(county.archive)).toEqual(before);
  }, 180_000);

  it('a full package on request replaces what the county holds for that township', async () => {
    await acknowledge(county, a);
    const p = await exportTo(a, stick, true);
    expect([p.kind, p.sequence, p.baseSequence]).toEqual(['full', 3, 0]);
    const out = await importAtCounty(county, [p.file]);
    expect(out[0].status).toBe('applied');
    expect(await differencesFromCounty(county, a)).toEqual([]);
  }, 60_000);
});

async function fullRecord(t: Install, id: string) {
  const m = (await t.archive.queryOne<Record<string, unknown>>('SELECT * FROM members WHERE id = ?', [id]))!;
  return {
    name: String(m.name), gender: String(m.gender), idNumber: String(m.id_number), ethnicity: String(m.ethnicity), birthDate: String(m.birth_date),
    education: String(m.education), category: String(m.category), joinDate: String(m.join_date), fullDate: (m.full_date as string | null) ?? null, occupation: String(m.occupation),
  };
}
