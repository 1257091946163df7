// Writing an import: nothing before the clerk confirms, exactly the valid rows after, one transaction
// (cancel and failure write nothing, dropped indexes come back), idempotent by ID number, and the
// round trip export → import of the demo township.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { people, STANDARD_HEADER, standardRow, writeBigXlsx, writeXlsx } from '../fixtures/rosters';
import { analyseRoster, importRoster } from '../../electron/services/roster/rosterImport';
import { exportImportErrors, exportMembersXlsx, exportRosterXlsx, ALL_EXPORT_COLUMNS } from '../../electron/services/roster/rosterExport';
import { checkArchive } from '../../electron/services/core/integrity';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import type { RosterAnalysisDto, JobStatusDto } from '../../electron/api/calls/importExport';

const open: TestArchive[] = [];
async function archive(): Promise<TestArchive> {
  const t = await openTestArchive();
  open.push(t);
  return t;
}
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

const count = async (t: TestArchive, sql = 'SELECT count(*) AS n FROM members') => (await t.archive.queryOne<{ n: number }>(sql))!.n;
const indexes = (t: TestArchive) => t.archive.query<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members' ORDER BY name");

/** 8 good rows, 2 bad ones (a lost-digit ID number, an impossible 入党时间). */
async function mixedRoster(t: TestArchive, name = 'mixed.xlsx') {
  const ps = people(10, 100);
  const rows = ps.map((p, i) => standardRow(p, i, i < 5 ? '东村党支部' : '西村党支部'));
  rows[3][5] = Number(ps[3].idNumber);
  rows[7][7] = '2099.07';
  const file = path.join(t.dir, name);
  await writeXlsx(file, [{ name: 'Sheet1', rows: [['东城镇党员花名册'], STANDARD_HEADER, ...rows], merges: ['A1:N1'] }]);
  const valid = ps.filter((_, i) => i !== 3 && i !== 7).map((p) => p.idNumber).sort();
  return { file, src: { fileName: name, path: file }, ps, valid };
}

describe('roster import: writing', () => {
  it('nothing is written before the clerk confirms, and a cancel during the import writes nothing', async () => {
    const t = await archive();
    const { src } = await mixedRoster(t);
    const before = { members: await count(t), orgs: await count(t, 'SELECT count(*) AS n FROM organizations'), audit: await count(t, 'SELECT count(*) AS n FROM audit_log') };
    const a = await analyseRoster(t.ctx, src);
    expect(a.counts).toMatchObject({ rows: 10, new: 8, errors: 2 });
    expect(a.branches.map((b) => b.name)).toEqual(['东村党支部', '西村党支部']);
    const controller = new AbortController();
    await expect(importRoster(t.ctx, src, {}, { signal: controller.signal, beforeCommit: async () => controller.abort() })).rejects.toThrow('已取消');
    expect({ members: await count(t), orgs: await count(t, 'SELECT count(*) AS n FROM organizations'), audit: await count(t, 'SELECT count(*) AS n FROM audit_log') }).toEqual(before);
    expect((await checkArchive(t.ctx)).ok).toBe(true);
  });

  it('confirming writes exactly the valid rows, in their branches; re-importing changes nothing', async () => {
    const t = await archive();
    const { src, valid, ps } = await mixedRoster(t);
    const r = await importRoster(t.ctx, src);
    expect(r).toMatchObject({ rows: 10, inserted: 8, errors: 2, createdBranches: ['东村党支部', '西村党支部'] });
    const stored = await t.archive.query<{ id_number: string; name: string; org: string; join_date: string }>(
      'SELECT m.id_number, m.name, o.name AS org, m.join_date FROM members m JOIN organizations o ON o.id = m.org_id ORDER BY m.id_number',
    );
    expect(stored.map((s) => s.id_number)).toEqual(valid);
    expect(stored.find((s) => s.id_number === ps[0].idNumber)).toMatchObject({ name: ps[0].name, org: '东村党支部', join_date: ps[0].joinDate.slice(0, 7) + '-01' });
    const seqBefore = await count(t, "SELECT value AS n FROM counters WHERE name = 'change'");
    for (const duplicateMode of ['skip', 'fillEmpty', 'overwrite'] as const) {
      const again = await importRoster(t.ctx, src, { duplicateMode });
      expect(again).toMatchObject({ inserted: 0, updated: 0, skipped: 8, errors: 2, createdBranches: [] });
    }
    expect(await count(t)).toBe(8);
    expect(await count(t, 'SELECT count(*) AS n FROM organizations')).toBe(3);
    // Only the three (empty) transactions' numbers were taken; no row was written with them.
    expect(await count(t, 'SELECT count(*) AS n FROM members WHERE seq > ' + seqBefore)).toBe(0);
  });

  it('people already in the archive: skip, update empty fields, or overwrite, each shown as a diff', async () => {
    const t = await archive();
    const { src, ps } = await mixedRoster(t);
    await importRoster(t.ctx, src);
    const p0 = ps[0];
    await t.archive.transaction(async () => {
      await t.archive.run("UPDATE members SET phone = NULL, address = '旧地址' WHERE id_number = ?", [p0.idNumber]);
    });
    const a = await analyseRoster(t.ctx, src, { duplicateMode: 'fillEmpty' });
    const d = a.duplicates.find((x) => x.idNumber === p0.idNumber)!;
    expect(d.diffs.map((x) => [x.label, x.before, x.after, x.fillsEmpty])).toEqual([['联系电话', '', '13800138000', true], ['家庭住址', '旧地址', '东城镇某村', false]]);
    expect(a.counts.toUpdate).toBe(1);
    expect(await importRoster(t.ctx, src, { duplicateMode: 'skip' })).toMatchObject({ updated: 0 });
    expect(await importRoster(t.ctx, src, { duplicateMode: 'fillEmpty' })).toMatchObject({ updated: 1 });
    const row = await t.archive.queryOne<{ phone: string; address: string; id: string }>('SELECT id, phone, address FROM members WHERE id_number = ?', [p0.idNumber]);
    expect(row).toMatchObject({ phone: '13800138000', address: '旧地址' });
    expect(await importRoster(t.ctx, src, { duplicateMode: 'overwrite' })).toMatchObject({ updated: 1 });
    expect(await t.archive.queryOne('SELECT address FROM members WHERE id_number = ?', [p0.idNumber])).toEqual({ address: '东城镇某村' });
    const history = await t.archive.query<{ summary: string }>('SELECT summary FROM member_events WHERE member_id = ? ORDER BY recorded_at', [row!.id]);
    expect(history.map((h) => h.summary).join('\n')).toContain('家庭住址:旧地址 → 东城镇某村');
  });

  it('branch choices: map a roster branch to an existing one, or create it under a chosen parent', async () => {
    const t = await archive();
    const general = await t.call<{ id: string }>('createOrg', { parentId: t.rootOrgId, name: '中共东城镇机关党总支', type: 'general_branch', sector: 'agency', unitSituation: 'same_as_parent' });
    const existing = await t.call<{ id: string }>('createOrg', { parentId: t.rootOrgId, name: '中共东村党支部委员会', type: 'branch', sector: 'rural', unitSituation: 'same_as_parent' });
    const { src } = await mixedRoster(t);
    const a = await analyseRoster(t.ctx, src);
    expect(a.branches.find((b) => b.name === '东村党支部')).toMatchObject({ matchOrgId: existing.id }); // 东村党支部 ≈ 中共东村党支部委员会
    expect(a.branches.find((b) => b.name === '西村党支部')).toMatchObject({ matchOrgId: null });
    const r = await importRoster(t.ctx, src, { branchChoices: { 西村党支部: { action: 'create', parentId: general.id } } });
    expect(r.createdBranches).toEqual(['西村党支部']);
    const orgs = await t.archive.query<{ name: string; parent: string; n: number }>(
      'SELECT o.name, p.name AS parent, (SELECT count(*) FROM members m WHERE m.org_id = o.id) AS n FROM organizations o JOIN organizations p ON p.id = o.parent_id ORDER BY o.name',
    );
    expect(orgs).toEqual(expect.arrayContaining([{ name: '西村党支部', parent: '中共东城镇机关党总支', n: 4 }, { name: '中共东村党支部委员会', parent: expect.any(String), n: 4 }]));
  });

  it('rows with errors export as an xlsx with an explanation column; fixed, they import again', async () => {
    const t = await archive();
    const { src, ps } = await mixedRoster(t);
    await importRoster(t.ctx, src);
    const errors = await exportImportErrors(t.ctx, src, {});
    expect(errors.rows).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(errors.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header[header.length - 1]).toBe('错误说明');
    expect(String(ws.getRow(2).getCell(header.length).value)).toContain('存成了数字');
    expect(String(ws.getRow(3).getCell(header.length).value)).toContain('入党日期不能晚于今天');
    expect(ws.getRow(3).getCell(10).value).toBe('西村党支部');
    // The clerk fixes both rows in Excel.
    ws.getRow(2).getCell(6).value = ps[3].idNumber;
    ws.getRow(3).getCell(8).value = ps[7].joinDate.slice(0, 7).replace('-', '.');
    const fixed = path.join(t.dir, 'fixed.xlsx');
    await wb.xlsx.writeFile(fixed);
    const again = await analyseRoster(t.ctx, { fileName: 'fixed.xlsx', path: fixed });
    expect(again.problems).toEqual([]);
    const r = await importRoster(t.ctx, { fileName: 'fixed.xlsx', path: fixed });
    expect(r).toMatchObject({ inserted: 2, errors: 0, createdBranches: [] });
    expect(await count(t)).toBe(10);
  });

  it('a large import into a small archive drops the members indexes and recreates exactly those; a failure rolls the drop back', async () => {
    const t = await archive();
    const before = await indexes(t);
    expect(before.length).toBeGreaterThan(10);
    const file = path.join(t.dir, 'big.xlsx');
    await writeBigXlsx(file, 30_000);
    const src = { fileName: 'big.xlsx', path: file };
    let droppedSeen = -1;
    await expect(
      importRoster(t.ctx, src, {}, {
        beforeCommit: async () => {
          droppedSeen = (await indexes(t)).length;
          throw new Error('磁盘已满(测试)');
        },
      }),
    ).rejects.toThrow('磁盘已满');
    expect(droppedSeen).toBeLessThan(before.length); // they really were dropped inside the transaction
    expect(await indexes(t)).toEqual(before);
    expect(await count(t)).toBe(0);
    const r = await importRoster(t.ctx, src);
    expect(r).toMatchObject({ inserted: 30_000, errors: 0, droppedIndexes: true });
    expect(await indexes(t)).toEqual(before);
    expect((await checkArchive(t.ctx)).ok).toBe(true);
    expect(await count(t, "SELECT count(*) AS n FROM members WHERE pinyin_initials >= 'w' AND pinyin_initials < 'x'")).toBeGreaterThan(0);
  }, 120_000);

  it('through the API: analyse the picked file, fix a mapping, import as a job with progress; a cancelled job writes nothing', async () => {
    const t = await archive();
    const ps = people(5, 300);
    const file = path.join(t.dir, 'api.xlsx');
    await writeXlsx(file, [{ name: '东村党支部', rows: [['姓名', '证件号码', '学历', '入党时间'], ...ps.map((p) => [p.name, p.idNumber, '高中', '1999.07'])] }]);
    const base64 = fs.readFileSync(file).toString('base64');
    const a = await t.call<RosterAnalysisDto>('analyseImport', { file: { fileName: 'api.xlsx', base64 } });
    expect(a.sheets[0].columns.find((c) => c.header === '证件号码')?.field).toBeNull();
    expect(a.counts).toMatchObject({ rows: 5, errors: 5 });
    const options = { mapping: { 证件号码: 'idNumber' } };
    const b = await t.call<RosterAnalysisDto>('analyseImport', { analysisId: a.analysisId, options });
    expect(b.counts).toMatchObject({ rows: 5, new: 5, errors: 0 });
    const cancelled = await t.call<JobStatusDto>('startImport', { analysisId: a.analysisId, options, expectedRows: 5 });
    await t.call('cancelJob', { jobId: cancelled.id });
    let s = cancelled;
    while (s.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      s = await t.call<JobStatusDto>('jobStatus', { jobId: cancelled.id });
    }
    expect(s.state).toBe('cancelled');
    expect(await count(t)).toBe(0);
    const job = await t.call<JobStatusDto>('startImport', { analysisId: a.analysisId, options, expectedRows: 5 });
    s = job;
    while (s.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      s = await t.call<JobStatusDto>('jobStatus', { jobId: job.id });
    }
    expect(s).toMatchObject({ state: 'done', result: { inserted: 5 } });
    expect(await count(t)).toBe(5);
  });
});

describe('export', () => {
  it('round trip: the demo township exported to xlsx and imported into an empty archive holds the same members, field by field', async () => {
    const a = await archive();
    await loadDemoTownship(a.ctx, { members: 800, seed: 3 });
    const exported = await exportMembersXlsx(a.ctx, { query: { view: 'all', sort: [{ colId: 'orgName', sort: 'asc' }] }, columns: ALL_EXPORT_COLUMNS });
    expect(exported.rows).toBe(await count(a));
    const b = await archive();
    const file = path.join(b.dir, 'demo.xlsx');
    fs.writeFileSync(file, exported.bytes);
    const analysis = await analyseRoster(b.ctx, { fileName: 'demo.xlsx', path: file });
    expect(analysis.problems).toEqual([]);
    const r = await importRoster(b.ctx, { fileName: 'demo.xlsx', path: file });
    expect(r).toMatchObject({ inserted: exported.rows, errors: 0 });
    const fields = `m.name, m.gender, m.id_number, m.ethnicity, m.birth_date, m.education, m.category, o.name AS org, m.join_date, m.full_date, m.occupation,
      m.job_title, m.phone, m.address, m.is_mobile, m.is_lost, m.lost_reason, m.lost_date, m.exit_reason, m.exit_date, m.exit_note, m.native_place,
      m.degree, m.work_start_date, m.work_unit, m.household_place, m.remarks, m.pinyin_full, m.pinyin_initials`;
    const q = `SELECT ${fields} FROM members m JOIN organizations o ON o.id = m.org_id ORDER BY m.id_number`;
    const [left, right] = [await a.archive.query(q), await b.archive.query(q)];
    expect(right.length).toBe(left.length);
    for (let i = 0; i < left.length; i++) expect(right[i]).toEqual(left[i]);
    expect((await checkArchive(b.ctx)).ok).toBe(true);
  }, 120_000);

  it('a grid view: Chinese headers, the chosen columns, dates as real Excel dates, ID numbers as text', async () => {
    const t = await archive();
    await loadDemoTownship(t.ctx, { members: 300, seed: 5 });
    const r = await exportMembersXlsx(t.ctx, { query: { view: 'probationary' }, columns: ['name', 'idNumber', 'joinDate', 'category'] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['姓名', '公民身份号码', '入党日期', '人员类别']);
    expect(ws.rowCount - 1).toBe(r.rows);
    expect(r.rows).toBe(await count(t, "SELECT count(*) AS n FROM members WHERE exit_reason IS NULL AND category = 'probationary'"));
    const row = ws.getRow(2);
    expect(typeof row.getCell(2).value).toBe('string');
    expect(row.getCell(2).value).toMatch(/^\d{17}[\dX]$/);
    expect(row.getCell(3).value).toBeInstanceOf(Date);
    expect(row.getCell(3).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(4).value).toBe('预备党员');
  });

  it('a 花名册: title row, 序号, one sheet per branch on request; it imports back', async () => {
    const t = await archive();
    await loadDemoTownship(t.ctx, { members: 300, seed: 6 });
    const r = await exportRosterXlsx(t.ctx, { perBranch: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
    const branches = await t.archive.query<{ name: string; n: number }>(
      'SELECT o.name, count(*) AS n FROM members m JOIN organizations o ON o.id = m.org_id WHERE m.exit_reason IS NULL GROUP BY o.id ORDER BY o.name',
    );
    expect(wb.worksheets.length).toBe(branches.length);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toMatch(/党员花名册$/);
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell('A3').value).toBe('序号');
    expect(ws.getCell('A4').value).toBe(1);
    const file = path.join(t.dir, 'roster.xlsx');
    fs.writeFileSync(file, r.bytes);
    const a = await analyseRoster(t.ctx, { fileName: 'roster.xlsx', path: file });
    expect(a.counts).toMatchObject({ rows: r.rows, existing: r.rows, errors: 0 });
    expect(a.branches.every((b) => b.matchOrgId)).toBe(true);
  });
});
