// `npm run cli -- audit list|export|verify` as a real process against a real archive edited by two clerks.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openArchive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { initTownship } from '../../electron/services/core/settings';
import { createOrg } from '../../electron/services/organizations/organizations';
import { createMember, updateMember } from '../../electron/services/members/members';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { tempDir } from '../support/tempArchive';
import { runCli } from '../support/cli';

const cli = (dataDir: string, ...args: string[]) => runCli(dataDir, args);

let dir: string;
let memberId: string;

beforeAll(async () => {
  dir = tempDir('pr-audit-cli-');
  const archive = await openArchive(archiveFile(dir));
  const base = { archive, today: '2026-11-28' };
  const setup = await initTownship({ ...base, actor: '管理员' }, { code: '370783101', name: '东城镇', role: 'township' });
  const branch = await createOrg({ ...base, actor: '张会计' }, { parentId: setup.rootOrgId!, name: '中共西村支部委员会', shortName: '西村支部', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' });
  const m = await createMember({ ...base, actor: '张会计' }, {
    name: '孙命令', gender: '1', idNumber: makeIdNumber('370783', '1968-08-08', 21), ethnicity: '01', birthDate: '1968-08-08', education: '50', category: 'formal', orgId: branch.id,
    joinDate: '1990-07-01', fullDate: '1991-07-01', occupation: '2',
  });
  memberId = m.id;
  await updateMember({ ...base, actor: '李录入' }, m.id, { phone: '13900000000' });
  await archive.close();
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run cli -- audit', () => {
  it('audit list filters by actor and by member (--json)', () => {
    const r = cli(dir, 'audit', 'list', '--actor', '张会计', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { total: number; rows: { action: string; actor: string }[] };
    expect(out.total).toBe(2);
    expect(out.rows.map((x) => x.action)).toEqual(['member.create', 'org.create']);
    const byMember = JSON.parse(cli(dir, 'audit', 'list', '--member', memberId, '--json').out) as { rows: { actor: string; changes: string }[] };
    expect(byMember.rows.map((x) => x.actor)).toEqual(['李录入', '张会计']);
    expect(byMember.rows[0].changes).toContain('13900000000');
    const text = cli(dir, 'audit', 'list', '--member', '孙命令');
    expect(text.out).toContain('李录入  修改党员档案  孙命令');
    expect(text.out).toContain('共 2 条');
    const bad = cli(dir, 'audit', 'list', '--from', '2026-02-30');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('起始日期“2026-02-30”不是有效日期');
  }, 60_000);

  it('audit export --out writes the filtered log as xlsx', async () => {
    const file = path.join(dir, '审计.xlsx');
    const r = cli(dir, 'audit', 'export', '--out', file, '--actor', '李录入');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已导出 1 条审计记录');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(3).value).toBe('李录入');
    expect(ws.getRow(2).getCell(6).value).toBe('孙命令');
    expect(cli(dir, 'audit', 'export').err).toContain('--out');
  }, 60_000);

  it('audit verify passes, then names the row a raw UPDATE changed and exits 1', async () => {
    expect(cli(dir, 'audit', 'verify').code).toBe(0);
    const archive = await openArchive(archiveFile(dir));
    const row = await archive.queryOne<{ id: number }>("SELECT id FROM audit_log WHERE actor = '李录入'");
    await archive.run("UPDATE audit_log SET after = replace(after, '13900000000', '13911111111') WHERE id = ?", [row!.id]);
    await archive.close();
    const r = cli(dir, 'audit', 'verify');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`审计日志第 ${row!.id} 条的内容与其哈希不符`);
    expect(r.err).toContain('李录入');
  }, 60_000);
});
