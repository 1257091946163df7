import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrg, dissolveOrg, mergeOrg, orgTree } from '../../electron/services/organizations/organizations';
import { createMember, exitMember, getMember, updateMember, validateMember } from '../../electron/services/members/members';
import type { MemberInput } from '../../electron/services/members/memberRules';
import { listMembers, memberCounts } from '../../electron/services/members/memberQuery';
import { memberHistory } from '../../electron/services/members/memberEvents';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { ValidationError, DomainError } from '../../electron/services/core/errors';
import { openTestArchive, type TestArchive } from '../support/tempArchive';

let t: TestArchive;
let branchId: string;
let generalId: string;
beforeEach(async () => {
  t = await openTestArchive({ today: '2026-11-28' });
  const general = await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共前李村总支部委员会', type: 'general_branch', sector: 'rural', unitSituation: 'legal_entity' });
  generalId = general.id;
  branchId = (await createOrg(t.ctx, { parentId: general.id, name: '中共前李村第一支部委员会', shortName: '前李村第一支部', type: 'branch', sector: 'rural', unitSituation: 'same_as_parent' })).id;
});
afterEach(async () => {
  await t.close();
});

function person(over: Partial<MemberInput> = {}): MemberInput {
  return {
    name: '李四', gender: '1', idNumber: makeIdNumber('370783', '1975-03-09', 31), ethnicity: '01', birthDate: '1975-03-09', education: '50',
    category: 'formal', orgId: branchId, joinDate: '2001-07-01', fullDate: '2002-07-01', occupation: '2', phone: '13812345678', address: '前李村2组8号', ...over,
  };
}

async function problemsOf(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ValidationError) return Object.fromEntries(e.issues.map((i) => [i.field, i.message]));
    throw e;
  }
  throw new Error('expected a validation error');
}

describe('adding a member', () => {
  it('stores a valid member with search keys, a history event and an audit entry', async () => {
    const m = await createMember(t.ctx, person());
    expect(m).toMatchObject({ name: '李四', orgName: '中共前李村第一支部委员会', exitReason: null });
    const hist = await memberHistory(t.archive, m.id);
    expect(hist.map((h) => h.kind)).toEqual(['created']);
    const page = await listMembers(t.ctx, { startRow: 0, endRow: 10, search: 'ls' });
    expect(page.rows.map((r) => r.id)).toEqual([m.id]);
    expect((await verifyAuditChain(t.archive)).intact).toBe(true);
  });

  it('refuses a wrong check digit in Chinese, naming the field, and writes nothing', async () => {
    const id = makeIdNumber('370783', '1975-03-09', 31);
    const bad = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    const problems = await problemsOf(createMember(t.ctx, person({ idNumber: bad })));
    expect(problems.idNumber).toContain('校验位');
    expect((await listMembers(t.ctx, { startRow: 0, endRow: 10, view: 'all' })).total).toBe(0);
  });

  it('cross-checks birth date and gender against the ID number', async () => {
    const problems = await problemsOf(createMember(t.ctx, person({ birthDate: '1975-03-10', gender: '2' })));
    expect(problems.birthDate).toContain('1975-03-09');
    expect(problems.gender).toContain('不一致');
  });

  it('keeps dates in order: birth < 入党 < 转正, none in the future', async () => {
    expect((await problemsOf(createMember(t.ctx, person({ joinDate: '1970-01-01', fullDate: null })))).joinDate).toContain('晚于出生日期');
    expect((await problemsOf(createMember(t.ctx, person({ fullDate: '2001-06-30' })))).fullDate).toContain('晚于入党日期');
    expect((await problemsOf(createMember(t.ctx, person({ joinDate: '2027-01-01', fullDate: null })))).joinDate).toContain('今天');
    expect((await problemsOf(createMember(t.ctx, person({ category: 'probationary' })))).fullDate).toContain('预备党员');
  });

  it('puts members only in a 党支部 or 联合党支部', async () => {
    expect((await problemsOf(createMember(t.ctx, person({ orgId: generalId })))).orgId).toContain('党员只能编入党支部或联合党支部');
  });

  it('refuses a duplicate ID number, naming who has it', async () => {
    await createMember(t.ctx, person());
    const problems = await problemsOf(createMember(t.ctx, person({ name: '李四二' })));
    expect(problems.idNumber).toContain('李四');
  });

  it('validateMember reports the same problems without writing', async () => {
    const problems = await validateMember(t.ctx, person({ idNumber: '123' }));
    expect(problems.find((p) => p.field === 'idNumber')?.message).toContain('18位');
    expect((await validateMember(t.ctx, person())).length).toBe(0);
  });
});

describe('editing, moving and exiting', () => {
  it('records before → after for an edit and a branch change', async () => {
    const m = await createMember(t.ctx, person());
    const other = await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共后屯村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' });
    await updateMember(t.ctx, m.id, { phone: '13999999999' });
    await updateMember(t.ctx, m.id, { orgId: other.id });
    const hist = await memberHistory(t.archive, m.id);
    const edited = hist.find((h) => h.kind === 'edited')!;
    expect(edited.before).toEqual({ phone: '13812345678' });
    expect(edited.after).toEqual({ phone: '13999999999' });
    const moved = hist.find((h) => h.kind === 'moved')!;
    expect(moved.summary).toContain('中共后屯村支部委员会');
    expect((await getMember(t.ctx, m.id)).orgId).toBe(other.id);
  });

  it('exits a member with a coded reason; the record stays and shows under 已出党', async () => {
    const m = await createMember(t.ctx, person());
    await exitMember(t.ctx, m.id, { reason: 'death', date: '2026-10-01' });
    expect((await listMembers(t.ctx, { startRow: 0, endRow: 10, view: 'roll' })).total).toBe(0);
    const exited = await listMembers(t.ctx, { startRow: 0, endRow: 10, view: 'exited', search: '李四' });
    expect(exited.rows[0]).toMatchObject({ id: m.id, exitReason: 'death', exitDate: '2026-10-01' });
    expect(await memberCounts(t.ctx)).toMatchObject({ roll: 0, exited: 1, exitedByReason: { death: 1 } });
  });

  it('refuses an exit twice, before joining, or before the last event, or with an unknown reason', async () => {
    const m = await createMember(t.ctx, person());
    await expect(exitMember(t.ctx, m.id, { reason: 'nonsense', date: '2026-10-01' })).rejects.toBeInstanceOf(ValidationError);
    expect((await problemsOf(exitMember(t.ctx, m.id, { reason: 'death', date: '2000-01-01' }))).date).toContain('入党日期');
    await exitMember(t.ctx, m.id, { reason: 'death', date: '2026-10-01' });
    await expect(exitMember(t.ctx, m.id, { reason: 'death', date: '2026-10-02' })).rejects.toBeInstanceOf(DomainError);
  });
});

describe('organizations', () => {
  it('never dissolves a branch that still has members; merges move them with an event each', async () => {
    const m = await createMember(t.ctx, person());
    await expect(dissolveOrg(t.ctx, branchId)).rejects.toThrow(/在册党员/);
    const target = await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共前李村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' });
    const merged = await mergeOrg(t.ctx, branchId, target.id, '2026-11-01');
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: target.id });
    expect((await getMember(t.ctx, m.id)).orgId).toBe(target.id);
    expect((await memberHistory(t.archive, m.id)).some((h) => h.kind === 'moved')).toBe(true);
    const tree = await orgTree(t.ctx);
    expect(tree.find((n) => n.id === branchId)?.status).toBe('merged'); // still there, never deleted
    expect(tree.find((n) => n.id === t.rootOrgId)?.totalCount).toBe(1);
  });

  it('requires two member units for a joint organization', async () => {
    await expect(createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共蔬菜产业联合支部委员会', type: 'joint_branch', sector: 'rural', unitSituation: 'joint', formation: 'industry_chain', units: [{ name: '东王村', kind: 'village' }] })).rejects.toThrow(/两个成员单位/);
    const ok = await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共蔬菜产业联合支部委员会', type: 'joint_branch', sector: 'rural', unitSituation: 'joint', formation: 'industry_chain', units: [{ name: '东王村', kind: 'village' }, { name: '蔬菜合作社', kind: 'cooperative' }] });
    expect((await orgTree(t.ctx)).find((n) => n.id === ok.id)?.isJoint).toBe(true);
  });

  it('dissolves an empty branch and refuses members in it afterwards', async () => {
    const empty = await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共某空支部', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' });
    await dissolveOrg(t.ctx, empty.id, '2026-11-01');
    expect((await problemsOf(createMember(t.ctx, person({ orgId: empty.id })))).orgId).toContain('已撤销');
  });
});
