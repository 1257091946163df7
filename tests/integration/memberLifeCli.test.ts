// The member-life CLI as a user runs it: a real process against a real archive file.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { initTownship } from '../../electron/services/core/settings';
import { createOrg } from '../../electron/services/organizations/organizations';
import { createMember } from '../../electron/services/members/members';
import { saveSubRecord } from '../../electron/services/members/subRecords';
import { transferOut } from '../../electron/services/members/life/transfers';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { tempDir } from '../support/tempArchive';
import { runCli } from '../support/cli';


const cli = (dataDir: string, ...args: string[]) => runCli(dataDir, args);

describe('members show / transfers list', () => {
  let dir: string;
  let memberId = '';
  let otherId = '';
  beforeAll(async () => {
    dir = tempDir('pr-cli-life-');
    const archive = await openArchive(archiveFile(dir));
    const ctx = { archive, actor: 'tester' };
    const s = await initTownship(ctx, { code: '370783101', name: '东城镇', role: 'township' });
    const branch = await createOrg(ctx, { parentId: s.rootOrgId!, name: '中共东村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' });
    const base = { gender: '1', ethnicity: '01', education: '50', category: 'formal', orgId: branch.id, joinDate: '2001-07-01', fullDate: '2002-07-01', occupation: '2' };
    const m = await createMember(ctx, { ...base, name: '孙立', idNumber: makeIdNumber('370783', '1970-01-02', 11), birthDate: '1970-01-02' });
    const o = await createMember(ctx, { ...base, name: '周平', idNumber: makeIdNumber('370783', '1971-01-02', 13), birthDate: '1971-01-02' });
    memberId = m.id;
    otherId = o.id;
    await saveSubRecord(ctx, { memberId: m.id, kind: 'posts', values: { title: '村党支部书记', fromDate: '2012-01-01' } });
    await transferOut(ctx, o.id, { date: '2025-01-10', destination: '中共寿光市古城街道委员会', duesPaidTo: '2024-12' });
    await archive.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('members show ID --json prints the record with its sub-records and history', () => {
    const r = cli(dir, 'members', 'show', memberId, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as { member: { name: string }; subRecords: { posts: { values: { title: string } }[] }; history: { kind: string }[] };
    expect(d.member.name).toBe('孙立');
    expect(d.subRecords.posts[0].values.title).toBe('村党支部书记');
    expect(d.history.map((e) => e.kind)).toEqual(expect.arrayContaining(['created', 'subrecord']));
    const text = cli(dir, 'members', 'show', memberId);
    expect(text.out).toContain('职务(1)');
    expect(text.out).toContain('历史记录');
  }, 60_000);

  it('transfers list --pending --json prints the letters awaiting their 回执', () => {
    const r = cli(dir, 'transfers', 'list', '--pending', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { memberId: string; letterNumber: string; status: string; destination: string }[];
    expect(rows).toEqual([expect.objectContaining({ memberId: otherId, letterNumber: '〔2025〕第001号', status: 'pending', destination: '中共寿光市古城街道委员会' })]);
    expect(cli(dir, 'transfers', 'list', '--pending').out).toContain('共 1 条');
  }, 60_000);

  it('an unknown member is an error naming it, exit code 1', () => {
    const r = cli(dir, 'members', 'show', 'no-such-id');
    expect(r.code).toBe(1);
    expect(r.err).toContain('找不到党员');
  }, 60_000);

  it('members exit and members undo-exit: the mistake and its correction, with the reason in the history', () => {
    const exit = cli(dir, 'members', 'exit', memberId, '--reason', '死亡', '--date', '2026-11-20', '--note', '病故');
    expect(exit.err).toBe('');
    expect(exit.out.trim()).toBe('孙立 已于 2026-11-20 出党(死亡)');
    expect(JSON.parse(cli(dir, 'members', 'list', '--status', 'exited', '--json').out).map((r: { id: string }) => r.id)).toEqual([memberId]);

    const unknown = cli(dir, 'members', 'exit', otherId, '--reason', '去世', '--date', '2026-11-20');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('出党方式“去世”不可识别');
    const noReason = cli(dir, 'members', 'undo-exit', memberId);
    expect(noReason.code).toBe(1);
    expect(noReason.err).toContain('请填写撤销出党的原因');

    const undo = cli(dir, 'members', 'undo-exit', memberId, '--reason', '误登记为死亡,本人健在');
    expect(undo.err).toBe('');
    expect(undo.out.trim()).toBe('已撤销 孙立 的出党,该党员已回到在册名单(中共东村支部委员会)');
    expect(JSON.parse(cli(dir, 'members', 'list', '--status', 'exited', '--json').out)).toEqual([]);
    const shown = cli(dir, 'members', 'show', memberId).out;
    expect(shown).toContain('撤销出党:原记为 2026-11-20 死亡;原因:误登记为死亡,本人健在');
    expect(shown).not.toContain('已出党');
  }, 120_000);
});
