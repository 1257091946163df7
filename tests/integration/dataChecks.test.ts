// 数据校验: each check with a record that fails it and one that passes. Records the services would refuse
// (they validate on entry) are written with plain SQL, as an old import or a hand-edited file could hold them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrg, dissolveOrg } from '../../electron/services/organizations/organizations';
import { runDataChecks, idNumberKey, type CheckId } from '../../electron/services/statistics/dataChecks';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { newId } from '../../electron/services/core/ids';
import { openTestArchive, type TestArchive } from '../support/tempArchive';

let t: TestArchive;
let branchId: string;
let n = 0;

interface Raw {
  name: string;
  id_number: string;
  gender: string;
  ethnicity: string;
  birth_date: string;
  education: string;
  category: string;
  org_id: string;
  join_date: string;
  full_date: string | null;
  occupation: string;
  phone: string | null;
  address: string | null;
  exit_reason: string | null;
  exit_date: string | null;
  education_level: string | null;
  job_post: string | null;
}

async function insert(over: Partial<Raw> = {}): Promise<string> {
  n += 1;
  const birth = over.birth_date ?? '1970-05-06';
  const row: Raw = {
    name: `党员${n}`, id_number: makeIdNumber('370783', birth, 10 + n * 2), gender: '1', ethnicity: '01', birth_date: birth, education: '50',
    category: 'formal', org_id: branchId, join_date: '2000-07-01', full_date: '2001-07-01', occupation: '2', phone: '13800000000', address: '东城镇1号',
    exit_reason: null, exit_date: null, education_level: '普通高中', job_post: '农牧渔业生产人员', ...over,
  };
  const id = newId();
  const cols = Object.keys(row);
  await t.archive.run(
    `INSERT INTO members(id, ${cols.join(', ')}, pinyin_full, pinyin_initials, seq, created_at, updated_at) VALUES (?, ${cols.map(() => '?').join(', ')}, '', '', 1, '2026-01-01', '2026-01-01')`,
    [id, ...Object.values(row)],
  );
  return id;
}

async function failing(check: CheckId): Promise<string[]> {
  const r = await runDataChecks(t.ctx);
  return r.checks.find((c) => c.id === check)!.problems.map((p) => p.id);
}

beforeEach(async () => {
  t = await openTestArchive({ today: '2026-11-28' });
  branchId = (await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共前李村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' })).id;
  n = 0;
});
afterEach(async () => {
  await t.close();
});

describe('数据校验', () => {
  it('a clean archive passes every check (three full members in the branch)', async () => {
    for (let i = 0; i < 3; i++) await insert();
    const r = await runDataChecks(t.ctx);
    expect(r.total).toBe(0);
    expect(r.checks.every((c) => c.available)).toBe(true);
  });

  it('a mobile member without a registered destination, and one with it', async () => {
    const missing = await insert({ name: '流动甲' });
    const registered = await insert({ name: '流动乙' });
    await insert();
    await t.archive.run('UPDATE members SET is_mobile = 1 WHERE id IN (?, ?)', [missing, registered]);
    await t.archive.run(
      "INSERT INTO mobile_records(id, member_id, destination, since, contact, seq, created_at, updated_at) VALUES (?, ?, '山东省烟台市', '2026-03-01', '13800000001', 1, '2026-03-01', '2026-03-01')",
      [newId(), registered],
    );
    expect(await failing('mobileNoDestination')).toEqual([missing]);
  });

  it('the same ID number twice, also as its old 15-digit form', async () => {
    const id18 = makeIdNumber('370783', '1965-04-03', 33);
    const id15 = id18.slice(0, 6) + id18.slice(8, 17);
    expect(idNumberKey(id15)).toBe(id18);
    const a = await insert({ id_number: id18, birth_date: '1965-04-03' });
    const b = await insert({ id_number: id15, birth_date: '1965-04-03' });
    const c = await insert();
    const bad = await failing('duplicateIdNumber');
    expect(bad.sort()).toEqual([a, b].sort());
    expect(bad).not.toContain(c);
  });

  it('missing mandatory fields, and 转正日期 for a 正式党员', async () => {
    const noPhone = await insert({ phone: null });
    const blankAddress = await insert({ address: '  ' });
    const formalNoFull = await insert({ full_date: null });
    const probationary = await insert({ category: 'probationary', join_date: '2026-03-01', full_date: null });
    const ok = await insert();
    const exited = await insert({ phone: null, exit_reason: 'death', exit_date: '2020-01-01' });
    const bad = await failing('missingFields');
    expect(bad).toEqual(expect.arrayContaining([noPhone, blankAddress, formalNoFull]));
    for (const id of [probationary, ok, exited]) expect(bad).not.toContain(id);
    const r = await runDataChecks(t.ctx);
    expect(r.checks.find((c) => c.id === 'missingFields')!.problems.find((p) => p.id === noPhone)!.detail).toContain('联系电话');
  });

  it('impossible date orders', async () => {
    const joinBeforeBirth = await insert({ join_date: '1960-01-01', full_date: '1961-01-01' });
    const fullBeforeJoin = await insert({ full_date: '1999-01-01' });
    const underage = await insert({ join_date: '1985-01-01', full_date: '1986-01-01' }); // born 1970-05-06: 14
    const exitBeforeJoin = await insert({ exit_reason: 'death', exit_date: '1999-12-31' });
    const future = await insert({ join_date: '2027-01-01', full_date: null, category: 'probationary' });
    const ok = await insert();
    const bad = await failing('dateOrder');
    expect(bad.sort()).toEqual([joinBeforeBirth, fullBeforeJoin, underage, exitBeforeJoin, future].sort());
    expect(bad).not.toContain(ok);
  });

  it('预备党员 past their year of probation without a decision', async () => {
    const overdue = await insert({ category: 'probationary', join_date: '2025-10-01', full_date: null });
    const inTime = await insert({ category: 'probationary', join_date: '2026-01-15', full_date: null });
    const decided = await insert({ category: 'formal', join_date: '2024-10-01', full_date: '2025-10-01' });
    const bad = await failing('probationOverdue');
    expect(bad).toEqual([overdue]);
    expect(bad).not.toContain(inTime);
    expect(bad).not.toContain(decided);
  });

  it('members on the roll in a dissolved branch', async () => {
    const other = (await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共后李村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' })).id;
    const stranded = await insert({ org_id: other });
    const fine = await insert();
    // dissolveOrg refuses a branch with members (as it should): a hand-edited or imported record can still hold this.
    await expect(dissolveOrg(t.ctx, other, '2026-05-01')).rejects.toThrow();
    await t.archive.run("UPDATE organizations SET status = 'dissolved', ended_date = '2026-05-01' WHERE id = ?", [other]);
    const bad = await failing('inactiveBranch');
    expect(bad).toEqual([stranded]);
    expect(bad).not.toContain(fine);
  });

  it('branches under three full members', async () => {
    const small = (await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共小村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' })).id;
    await insert({ org_id: small });
    await insert({ org_id: small });
    await insert({ org_id: small, category: 'probationary', join_date: '2026-03-01', full_date: null });
    for (let i = 0; i < 3; i++) await insert();
    const bad = await failing('smallBranch');
    expect(bad).toEqual([small]);
    const r = await runDataChecks(t.ctx);
    const problem = r.checks.find((c) => c.id === 'smallBranch')!.problems[0];
    expect(problem).toMatchObject({ entity: 'org', detail: expect.stringContaining('2') });
  });

  it('学历 and 工作岗位 recorded only coarsely are listed to refine; 未填写 is listed as such; leaves pass', async () => {
    const coarseEducation = await insert({ education_level: null });
    const coarseJob = await insert({ job_post: null });
    const notFilled = await insert({ job_post: null, occupation: '0' });
    const fine = await insert();
    const exited = await insert({ education_level: null, job_post: null, exit_reason: 'death', exit_date: '2020-01-01' });
    expect(await failing('educationToRefine')).toEqual([coarseEducation]);
    expect(await failing('jobPostToRefine')).toEqual([coarseJob]);
    expect(await failing('jobPostMissing')).toEqual([notFilled]);
    for (const c of ['educationToRefine', 'jobPostToRefine', 'jobPostMissing'] as const) {
      expect(await failing(c)).not.toContain(fine);
      expect(await failing(c)).not.toContain(exited);
    }
    const r = await runDataChecks(t.ctx);
    expect(r.checks.find((c) => c.id === 'educationToRefine')!.problems[0].detail).toContain('“高中”');
    expect(r.checks.find((c) => c.id === 'jobPostToRefine')!.problems[0].detail).toContain('“农牧渔民”');
    expect(r.checks.find((c) => c.id === 'jobPostToRefine')!.title).toBe('工作岗位待细化');
  });

  it('失联 members without a date or a reason, and 流动 members whose 外出流向 is on the record itself', async () => {
    const noDetails = await insert({ name: '失联甲' });
    const noReason = await insert({ name: '失联乙' });
    const complete = await insert({ name: '失联丙' });
    const monthOnly = await insert({ name: '失联丁' });
    await t.archive.run('UPDATE members SET is_lost = 1 WHERE id IN (?, ?, ?, ?)', [noDetails, noReason, complete, monthOnly]);
    await t.archive.run("UPDATE members SET lost_date = '2024-03-05' WHERE id = ?", [noReason]);
    await t.archive.run("UPDATE members SET lost_date = '2024-03-05', lost_reason = 'migrant_work' WHERE id = ?", [complete]);
    await t.archive.run("UPDATE members SET lost_month = '2024-03', lost_reason = 'moved' WHERE id = ?", [monthOnly]);
    expect((await failing('lostWithoutDetails')).sort()).toEqual([noDetails, noReason].sort());
    const r = await runDataChecks(t.ctx);
    const details = Object.fromEntries(r.checks.find((c) => c.id === 'lostWithoutDetails')!.problems.map((p) => [p.id, p.detail]));
    expect(details[noDetails]).toBe('失联党员缺少:失去联系日期、失联原因');
    expect(details[noReason]).toBe('失联党员缺少:失联原因');

    const mobileBare = await insert();
    const mobileWithProvince = await insert();
    await t.archive.run('UPDATE members SET is_mobile = 1 WHERE id IN (?, ?)', [mobileBare, mobileWithProvince]);
    await t.archive.run("UPDATE members SET mobile_province = '广东省', mobile_city = '深圳市' WHERE id = ?", [mobileWithProvince]);
    expect(await failing('mobileNoDestination')).toEqual([mobileBare]);
  });

  it('answers through the dispatcher', async () => {
    await insert({ phone: null });
    const r = await t.call<{ total: number; checks: { id: string; problems: unknown[] }[] }>('dataChecks', {});
    expect(r.total).toBeGreaterThan(0);
  });
});
