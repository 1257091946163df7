// Bulk loading (insertMembersBulk): columns holding one value for the whole statement are bound once,
// the others travel in the rows' JSON; either way every member is stored exactly as given, with its
// 'imported' history event.
import { afterEach, describe, expect, it } from 'vitest';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { people } from '../fixtures/rosters';
import { insertMembersBulk, memberInsertFromJson, type BulkMemberInput } from '../../electron/services/members/memberBulk';
import { createOrg } from '../../electron/services/organizations/organizations';

const open: TestArchive[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

function member(i: number, orgId: string, extra: Partial<BulkMemberInput> = {}): BulkMemberInput {
  const p = people(1, 500 + i)[0];
  return {
    name: p.name, gender: p.gender === '男' ? '1' : '2', idNumber: p.idNumber, ethnicity: '01', birthDate: p.birthDate, education: '50',
    category: 'formal', orgId, joinDate: p.joinDate, fullDate: p.fullDate, occupation: '2', phone: '13800138000', ...extra,
  };
}

describe('insertMembersBulk', () => {
  it('binds the columns one value fills and unpacks the rest: every field stored as given, with its history event', async () => {
    const t = await openTestArchive();
    open.push(t);
    const org = await createOrg(t.ctx, { parentId: t.rootOrgId, name: '东村党支部', type: 'branch', sector: 'rural', unitSituation: 'same_as_parent' });
    const inputs = [
      member(1, org.id, { remarks: '备注一', isMobile: true }),
      member(2, org.id, { phone: null, address: '东村1号' }),
      member(3, org.id, { exitReason: 'death', exitDate: '2020-05-01', exitNote: '病故' }),
    ];
    const r = await insertMembersBulk(t.ctx, inputs, { source: '测试' });
    expect(r.inserted).toBe(3);
    // How a chunk is written: a column one value fills is a bound parameter, the others are the JSON rows.
    const plan = memberInsertFromJson([
      ['a', 'x', 1, null],
      ['b', 'x', 1, null],
    ].map((head) => [...head, ...Array(30).fill('same')]));
    expect(plan.sql).toMatch(/SELECT value->>0,\?2,\?3,\?4,/);
    expect(JSON.parse(plan.params[0] as string)).toEqual([['a'], ['b']]);

    const rows = await t.archive.query<Record<string, unknown>>('SELECT * FROM members ORDER BY id_number');
    const byId = new Map(rows.map((m) => [m.id, m]));
    inputs.forEach((m, i) => {
      const s = byId.get(r.ids[i])!;
      expect(s).toMatchObject({
        name: m.name, gender: m.gender, id_number: m.idNumber, ethnicity: '01', birth_date: m.birthDate, org_id: org.id, join_date: m.joinDate,
        phone: m.phone ?? null, address: m.address ?? null, remarks: m.remarks ?? null, is_mobile: m.isMobile ? 1 : 0, is_lost: 0,
        exit_reason: m.exitReason ?? null, exit_date: m.exitDate ?? null, exit_note: m.exitNote ?? null, photo: null,
      });
      expect(s.pinyin_full).toMatch(/^[a-z]+$/);
    });
    expect(new Set(rows.map((m) => m.seq)).size).toBe(1);
    expect(rows.every((m) => m.created_at === m.updated_at && typeof m.seq === 'number')).toBe(true);

    const events = await t.archive.query<{ member_id: string; kind: string; summary: string; seq: number }>('SELECT member_id, kind, summary, seq FROM member_events');
    expect(events).toHaveLength(3);
    const summaryOf = new Map(events.map((e) => [e.member_id, e.summary]));
    expect(summaryOf.get(r.ids[0])).toBe('建立党员档案(测试)');
    expect(summaryOf.get(r.ids[2])).toBe('建立党员档案(测试);已于 2020-05-01 死亡');
    expect(events.every((e) => e.kind === 'imported' && e.seq === rows[0].seq)).toBe(true);

    // One member alone: every column is "constant", the JSON rows are empty arrays, and still one row is stored.
    const one = await insertMembersBulk(t.ctx, [member(4, org.id, { jobTitle: '支部书记' })], { source: '测试' });
    expect(await t.archive.queryOne('SELECT job_title, name FROM members WHERE id = ?', [one.ids[0]])).toEqual({ job_title: '支部书记', name: member(4, org.id).name });
    expect((await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM member_events WHERE member_id = ?', [one.ids[0]]))!.n).toBe(1);
  });
});
