// The audit viewer against a real archive edited by two clerks on different days: each filter returns
// exactly the rows it should, a row changed by hand is named by the verification, and the xlsx export
// read back with exceljs holds the filtered rows.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { createOrg } from '../../electron/services/organizations/organizations';
import { createMember, updateMember } from '../../electron/services/members/members';
import { startMobile } from '../../electron/services/members/life/mobileMembers';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { auditFilterOptions, describeChanges, exportAuditLogXlsx, listAuditLog, verificationText, verifyAuditLog } from '../../electron/services/audit/auditViewer';
import type { ServiceContext } from '../../electron/services/core/context';

let t: TestArchive;
let zhang: ServiceContext;
let li: ServiceContext;
const ids: { branch: string; a: string; b: string } = { branch: '', a: '', b: '' };

/** Writes as if on a given local day (the audit row's time comes from the clock). */
async function on<T>(day: string, work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${day}T10:30:00`));
  try {
    return await work();
  } finally {
    vi.useRealTimers();
  }
}

beforeAll(async () => {
  t = await openTestArchive({ today: '2026-11-28' });
  zhang = { ...t.ctx, actor: '张会计' };
  li = { ...t.ctx, actor: '李录入' };
  ids.branch = (await on('2026-03-10', () => createOrg(zhang, { parentId: t.rootOrgId, name: '中共东村支部委员会', shortName: '东村支部', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' }))).id;
  const member = (name: string, birth: string, seq: number) => ({
    name, gender: '1', idNumber: makeIdNumber('370783', birth, seq), ethnicity: '01', birthDate: birth, education: '50', category: 'formal', orgId: ids.branch,
    joinDate: '1995-07-01', fullDate: '1996-07-01', occupation: '2',
  });
  ids.a = (await on('2026-03-10', () => createMember(zhang, member('王审计', '1970-01-02', 11)))).id;
  ids.b = (await on('2026-06-20', () => createMember(li, member('赵日志', '1972-03-04', 13)))).id;
  await on('2026-06-20', () => updateMember(li, ids.a, { phone: '13800000000', address: '东村3组' }));
  await on('2026-09-01', () => startMobile(li, ids.a, { destination: '青岛市黄岛区', since: '2026-08-15', contact: '13800000000' }));
  await on('2026-09-01', () => updateMember(zhang, ids.b, { remarks: '村委委员' }));
}, 60_000);
afterAll(async () => {
  vi.useRealTimers();
  await t?.close();
});

const all = (q: Parameters<typeof listAuditLog>[1]) => listAuditLog(t.ctx, { ...q, limit: 1000 });

describe('filters', () => {
  it('by actor: each clerk’s own rows, newest first', async () => {
    const z = await all({ actor: '张会计' });
    expect(z.rows.map((r) => r.actionLabel)).toEqual(['修改党员档案', '新建党员档案', '新建党组织']);
    expect(z.total).toBe(3);
    const l = await all({ actor: '李录入' });
    expect(l.rows.map((r) => r.action)).toEqual(['mobile.start', 'member.update', 'member.create']);
    expect(l.rows.every((r) => r.actor === '李录入')).toBe(true);
    const opts = await auditFilterOptions(t.ctx);
    expect(opts.actors).toEqual(expect.arrayContaining(['张会计', '李录入', 'tester']));
    expect(opts.kinds.map((k) => k.label)).toEqual(expect.arrayContaining(['党员档案', '党组织', '流动党员']));
  });

  it('by member: the member’s own record, its changes and the life records that name it (by id or by name)', async () => {
    const byId = await all({ member: ids.a });
    expect(byId.rows.map((r) => r.action)).toEqual(['mobile.start', 'member.update', 'member.create']);
    expect(byId.rows.every((r) => r.subject === '王审计' && r.memberId === ids.a)).toBe(true);
    const byName = await all({ member: '王审计' });
    expect(byName.rows.map((r) => r.id)).toEqual(byId.rows.map((r) => r.id));
    const byInitials = await all({ member: 'zrz' });
    expect(byInitials.rows.map((r) => r.action)).toEqual(['member.update', 'member.create']);
    expect(await all({ member: '没有这个人' })).toEqual({ rows: [], total: 0 });
  });

  it('by date range in local days, both ends included', async () => {
    expect((await all({ from: '2026-06-20', to: '2026-06-20' })).rows.map((r) => r.action)).toEqual(['member.update', 'member.create']);
    expect((await all({ from: '2026-06-21', to: '2026-09-01' })).total).toBe(2);
    expect((await all({ to: '2026-03-10', actor: '张会计' })).total).toBe(2);
    await expect(all({ from: '2026-09-02', to: '2026-09-01' })).rejects.toThrow('查询条件不正确');
    await expect(all({ from: '2026-13-01' })).rejects.toThrow('查询条件不正确');
  });

  it('by kind, combined with the other filters, and paged', async () => {
    const orgRows = await all({ kind: 'org' });
    expect(orgRows.rows.map((r) => r.action)).toEqual(['org.create']);
    expect(orgRows.rows[0].subject).toBe('中共东村支部委员会');
    expect((await all({ kind: 'member', actor: '李录入' })).total).toBe(2);
    const whole = await all({});
    const page1 = await listAuditLog(t.ctx, { offset: 0, limit: 3 });
    const page2 = await listAuditLog(t.ctx, { offset: 3, limit: 3 });
    expect(page1.total).toBe(whole.total);
    expect([...page1.rows, ...page2.rows].map((r) => r.id)).toEqual(whole.rows.slice(0, 6).map((r) => r.id));
  });

  it('says what changed in words: before → after', async () => {
    const [update] = (await all({ actor: '李录入', kind: 'member' })).rows;
    expect(update.changes).toContain('联系电话:(空) → 13800000000');
    expect(update.changes).toContain('家庭住址:(空) → 东村3组');
    expect(describeChanges(null, JSON.stringify({ name: '甲', phone: null }))).toBe('姓名:甲');
    // Codes as the forms show them; row ids left to the 对象 column; a login (nothing before or after) says nothing.
    expect(describeChanges(null, JSON.stringify({ id: 'x1', name: '甲', gender: '2', category: 'probationary' }))).toBe('姓名:甲;性别:女;人员类别:预备党员');
    expect(describeChanges(JSON.stringify({ ethnicity: '01' }), JSON.stringify({ ethnicity: '03' }))).toBe('民族:汉族 → 回族');
    expect(describeChanges(null, null)).toBe('');
  });
});

describe('hash chain', () => {
  it('is intact after ordinary work', async () => {
    const v = await verifyAuditLog(t.ctx);
    expect(v.intact).toBe(true);
    expect(verificationText(v)).toContain(`共 ${v.rows} 条记录,哈希链校验通过`);
  });
});

describe('export for an inspection', () => {
  it('writes the filtered rows to xlsx, read back with exceljs, with the conditions and the chain state', async () => {
    const listed = await all({ actor: '李录入' });
    const r = await exportAuditLogXlsx(t.ctx, { actor: '李录入' });
    expect(r.rows).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual(['序号', '时间', '操作人', '类别', '操作', '对象', '修改内容']);
    expect(ws.rowCount).toBe(1 + 3);
    const rows = [2, 3, 4].map((n) => (ws.getRow(n).values as unknown[]).slice(1));
    // Oldest first, as an inspector reads the log.
    expect(rows.map((x) => x[0])).toEqual(listed.rows.map((x) => x.id).reverse());
    expect(rows.every((x) => x[2] === '李录入')).toBe(true);
    expect(rows.map((x) => x[4])).toEqual(['新建党员档案', '修改党员档案', '登记流动党员']);
    expect(rows[0][5]).toBe('赵日志');
    expect(String(rows[1][6])).toContain('联系电话:(空) → 13800000000');
    expect(rows[0][1]).toBe('2026-06-20 10:30:00');
    const about = wb.getWorksheet('说明')!;
    const text = about.getSheetValues().flat().map(String).join('|');
    expect(text).toContain('操作人:李录入');
    expect(text).toContain('哈希链校验通过');
  });
});

describe('tampering', () => {
  it('a raw UPDATE of one row is reported by verify, naming that row; the viewer and the export still open', async () => {
    const [target] = (await all({ actor: '张会计', kind: 'member' })).rows; // 张会计's remark on 赵日志
    await t.archive.run("UPDATE audit_log SET actor = '李录入' WHERE id = ?", [target.id]);
    const v = await verifyAuditLog(t.ctx);
    expect(v.intact).toBe(false);
    expect(v.firstBrokenId).toBe(target.id);
    expect(v.firstBroken).toMatchObject({ id: target.id, actor: '李录入', actionLabel: '修改党员档案' });
    expect(verificationText(v)).toContain(`审计日志第 ${target.id} 条的内容与其哈希不符`);
    expect((await all({ actor: '李录入' })).total).toBe(4);
    const r = await exportAuditLogXlsx(t.ctx, {});
    expect(r.verification.intact).toBe(false);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
    expect(wb.getWorksheet('说明')!.getSheetValues().flat().map(String).join('|')).toContain(`审计日志第 ${target.id} 条`);
  });

  it('a deleted row is reported at the row after the gap', async () => {
    const rows = (await all({})).rows.reverse();
    const victim = rows[2];
    await t.archive.run('DELETE FROM audit_log WHERE id = ?', [victim.id]);
    await t.archive.run("UPDATE audit_log SET actor = '张会计' WHERE actor = '李录入' AND action = 'member.update' AND after LIKE '%村委委员%'");
    const v = await verifyAuditLog(t.ctx);
    expect(v.intact).toBe(false);
    expect(v.firstBrokenId).toBe(rows[3].id);
    expect(v.problem).toContain('前一条哈希不符');
  });
});
