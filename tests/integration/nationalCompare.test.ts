// 信息比对 with a national export: on a copy of the export with 20 planted differences (5 people only in the
// archive, 5 only in the file, 10 changed fields) it finds exactly those 20, writes nothing until the clerk
// accepts, and accepting writes exactly them, each one history entry and one audit entry naming the file.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestArchive, tempDir, type TestArchive } from '../support/tempArchive';
import { runCli } from '../support/cli';
import { nationalRows, writeNationalXlsx, type NationalColumn, type NationalRow } from '../support/nationalExport';
import { importRoster } from '../../electron/services/roster/rosterImport';
import { acceptDifferences, compareWithNational } from '../../electron/services/roster/nationalCompare';
import { checkArchive } from '../../electron/services/core/integrity';

const open: TestArchive[] = [];
const dirs: string[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const FILE_DATE = '2026-11-20';
const SOURCE = `信息比对:copy.xlsx,导出于 ${FILE_DATE}`;

/** The 10 planted field changes: row index in the file, column, new value, the member field it lands in. */
const CHANGES: [number, NationalColumn, string, string][] = [
  [3, '学历', '硕士研究生', 'educationLevel'],
  [8, '工作岗位', '乡村医生', 'jobPost'],
  [12, '手机号码', '13912345678', 'phone'],
  [14, '手机号码', '13987654321', 'phone'],
  [20, '现居住地', '山东省寿光市古城街道99号', 'currentResidence'],
  [27, '是否农民工', '是', 'isMigrantWorker'],
  [31, '入党类型', '重新入党', 'joinType'],
  [40, '民族', '回族', 'ethnicity'],
  [44, '从事专业技术职务', '副高级', 'professionalTitle'],
  [50, '户籍所在地', '山东省潍坊市', 'householdPlace'],
];
const REMOVED = [60, 61, 62, 63, 64];

/** An archive made from the export, and the copy of the export with the 20 differences planted. */
async function planted(dir: string): Promise<{ base: NationalRow[]; copy: NationalRow[]; baseFile: string; copyFile: string; added: NationalRow[] }> {
  const base = nationalRows(90).filter((r) => r.valid);
  const baseFile = path.join(dir, 'base.xlsx');
  await writeNationalXlsx(baseFile, base);
  const added = nationalRows(5, 2000);
  const copy = base.filter((_, i) => !REMOVED.includes(i)).map((r) => ({ ...r, cells: { ...r.cells } }));
  for (const [i, col, value] of CHANGES) {
    const row = copy.find((r) => r.cells.公民身份号码 === base[i].cells.公民身份号码)!;
    expect(row.cells[col], `${col} of row ${i} must change`).not.toBe(value);
    row.cells[col] = value;
  }
  copy.push(...added);
  const copyFile = path.join(dir, 'copy.xlsx');
  await writeNationalXlsx(copyFile, copy, { sheets: 2 });
  return { base, copy, baseFile, copyFile, added };
}

async function dump(t: TestArchive): Promise<string> {
  const tables = await t.archive.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = await t.archive.query(`SELECT * FROM "${name}" ORDER BY 1`);
  return JSON.stringify(out);
}

describe('信息比对 with a national export', () => {
  it('finds exactly the 20 planted differences, writes nothing until accepted, then exactly them', async () => {
    const t = await openTestArchive();
    open.push(t);
    const { base, copyFile, added } = await planted(t.dir);
    expect((await importRoster(t.ctx, { fileName: 'base.xlsx', path: path.join(t.dir, 'base.xlsx') })).inserted).toBe(base.length);
    const src = { fileName: 'copy.xlsx', path: copyFile };
    const before = await dump(t);

    const c = await compareWithNational(t.ctx, src, FILE_DATE);
    expect(c.onlyArchive.map((m) => m.idNumber).sort()).toEqual(REMOVED.map((i) => base[i].cells.公民身份号码).sort());
    expect(c.onlyExport.map((m) => m.idNumber).sort()).toEqual(added.map((r) => r.cells.公民身份号码).sort());
    expect(c.fields.map((f) => `${f.idNumber} ${f.field}`).sort()).toEqual(CHANGES.map(([i, , , field]) => `${base[i].cells.公民身份号码} ${field}`).sort());
    expect(c.matched).toBe(base.length - REMOVED.length);
    expect(c.unreadable).toEqual([]);
    const edu = c.fields.find((f) => f.field === 'educationLevel')!;
    expect({ label: edu.label, archive: edu.archive, exported: edu.exported }).toEqual({ label: '学历', archive: String(base[3].cells.学历), exported: '硕士研究生' });
    expect(c.fields.find((f) => f.field === 'ethnicity')!.exported).toBe('回族');
    expect(await dump(t)).toBe(before); // comparing wrote nothing

    // Only in the archive: reported, never accepted here.
    await expect(acceptDifferences(t.ctx, src, FILE_DATE, { keys: [c.onlyArchive[0].key] })).rejects.toThrow('只在档案中的党员不在这里处理');
    await expect(acceptDifferences(t.ctx, src, FILE_DATE, { kinds: ['onlyArchive'] })).rejects.toThrow();
    expect(await dump(t)).toBe(before);

    const events0 = (await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM member_events'))!.n;
    const audit0 = (await t.archive.queryOne<{ n: number }>('SELECT max(id) AS n FROM audit_log'))!.n;
    // One by one, then all of a kind, then the rest.
    expect(await acceptDifferences(t.ctx, src, FILE_DATE, { keys: [edu.key] })).toMatchObject({ updated: 1, added: 0, source: SOURCE });
    expect(await acceptDifferences(t.ctx, src, FILE_DATE, { kinds: ['phone'] })).toMatchObject({ updated: 2 });
    expect(await acceptDifferences(t.ctx, src, FILE_DATE, { kinds: ['onlyExport'] })).toMatchObject({ updated: 0, added: 5 });
    const rest = c.fields.filter((f) => f.field !== 'phone' && f.key !== edu.key).map((f) => f.key);
    expect(await acceptDifferences(t.ctx, src, FILE_DATE, { keys: rest })).toMatchObject({ updated: 7 });

    const events = await t.archive.query<{ member_id: string; kind: string; summary: string; after: string }>('SELECT member_id, kind, summary, after FROM member_events ORDER BY rowid LIMIT -1 OFFSET ?', [events0]);
    expect(events.length).toBe(15);
    expect(events.every((e) => e.summary.includes(SOURCE))).toBe(true);
    expect(events.filter((e) => e.kind === 'created').length).toBe(5);
    const edits = events.filter((e) => e.kind === 'edited');
    expect(edits.length).toBe(10);
    // Each edit changed the one field planted (学历 and 工作岗位 bring their group and class with them).
    const byMember = new Map(c.fields.map((f) => [f.memberId, f.field]));
    for (const e of edits) {
      const changed = Object.keys(JSON.parse(e.after) as object).filter((k) => k !== 'education' && k !== 'occupation');
      expect(changed).toEqual([byMember.get(e.member_id)]);
    }
    const audit = await t.archive.query<{ action: string; after: string }>('SELECT action, after FROM audit_log WHERE id > ? ORDER BY id', [audit0]);
    expect(audit.map((a) => a.action).sort()).toEqual([...Array(5).fill('member.create'), ...Array(10).fill('member.update')].sort());
    expect(audit.every((a) => (JSON.parse(a.after) as { source?: string }).source === SOURCE)).toBe(true);

    // The stored values are the file's now, and the five members only in the archive are still on the roll.
    const stored = await t.archive.query<Record<string, unknown>>('SELECT * FROM members');
    const byId = new Map(stored.map((m) => [m.id_number, m]));
    expect(byId.get(base[3].cells.公民身份号码)).toMatchObject({ education_level: '硕士研究生', education: '10' });
    expect(byId.get(base[8].cells.公民身份号码)).toMatchObject({ job_post: '乡村医生', occupation: '2' });
    expect(byId.get(base[27].cells.公民身份号码)).toMatchObject({ is_migrant_worker: 1 });
    expect(byId.get(base[40].cells.公民身份号码)).toMatchObject({ ethnicity: '03' });
    for (const i of REMOVED) expect(byId.get(base[i].cells.公民身份号码)).toMatchObject({ exit_reason: null });
    const again = await compareWithNational(t.ctx, src, FILE_DATE);
    expect({ fields: again.fields.length, onlyExport: again.onlyExport.length, onlyArchive: again.onlyArchive.length }).toEqual({ fields: 0, onlyExport: 0, onlyArchive: 5 });
    expect((await checkArchive(t.ctx)).ok).toBe(true);
  }, 120_000);

  it('a refusal writes nothing: a difference no longer there, or nothing chosen', async () => {
    const t = await openTestArchive();
    open.push(t);
    const { copyFile } = await planted(t.dir);
    await importRoster(t.ctx, { fileName: 'base.xlsx', path: path.join(t.dir, 'base.xlsx') });
    const src = { fileName: 'copy.xlsx', path: copyFile };
    const before = await dump(t);
    await expect(acceptDifferences(t.ctx, src, FILE_DATE, { keys: ['field:nobody:phone'] })).rejects.toThrow('请重新比对');
    await expect(acceptDifferences(t.ctx, src, FILE_DATE, {})).rejects.toThrow('请选择要采纳的差异');
    expect(await dump(t)).toBe(before);
  }, 60_000);

  it('through the CLI: compare FILE [--json] lists the differences and writes nothing; --out writes the report; --accept-kind writes', async () => {
    const dir = tempDir('pr-compare-');
    dirs.push(dir);
    const { copyFile, baseFile } = await planted(dir);
    expect(runCli(dir, ['init', '--code', '370783101', '--name', '东城镇']).code).toBe(0);
    expect(runCli(dir, ['import', baseFile]).code).toBe(0);
    const check = () => runCli(dir, ['check', '--json']).out;

    const text = runCli(dir, ['compare', copyFile, '--date', FILE_DATE]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('只在档案中 5 人,只在导出文件中 5 人,字段不同 10 处');
    expect(text.out).toMatch(/学历:.+ → 硕士研究生/);
    expect(text.out).toContain('未写入任何内容');

    const json = runCli(dir, ['compare', copyFile, '--date', FILE_DATE, '--json', '--out', path.join(dir, 'report.xlsx')]);
    const c = JSON.parse(json.out) as { fields: { field: string; key: string }[]; onlyArchive: unknown[]; onlyExport: unknown[]; accepted: null };
    expect([c.fields.length, c.onlyArchive.length, c.onlyExport.length, c.accepted]).toEqual([10, 5, 5, null]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'report.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '只在档案中', '只在导出文件中', '字段不同', '未能读取的行']);
    expect(wb.getWorksheet('字段不同')!.rowCount).toBe(11);
    expect(wb.getWorksheet('字段不同')!.getRow(1).values).toContain('导出文件中');
    expect(wb.getWorksheet('只在档案中')!.rowCount).toBe(6);

    const accepted = runCli(dir, ['compare', copyFile, '--date', FILE_DATE, '--accept-kind', 'phone', '--json']);
    expect((JSON.parse(accepted.out) as { accepted: unknown }).accepted).toEqual({ updated: 2, added: 0, source: SOURCE });
    const after = JSON.parse(runCli(dir, ['compare', copyFile, '--date', FILE_DATE, '--json']).out) as { fields: unknown[] };
    expect(after.fields.length).toBe(8);
    expect(JSON.parse(check()).ok).toBe(true);
  }, 180_000);
});
