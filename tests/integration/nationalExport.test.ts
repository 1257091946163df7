// The member library in the national system's layout: its 27 columns in its order and spelling, its
// values as it writes them (leaf names, 是/否, `-` for none), read back with exceljs; from the CLI too.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestArchive, tempDir, type TestArchive } from '../support/tempArchive';
import { runCli } from '../support/cli';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import codes from '../../resources/codes/codes.json';
import { exportNationalXlsx } from '../../electron/services/roster/nationalExport';

const HEADERS = [
  '序号', '姓名', '性别', '公民身份号码', '民族', '出生日期', '学历', '人员类别', '学位', '所在党支部', '手机号码', '入党日期', '转正日期', '党龄',
  '党龄校正值', '新社会阶层类型', '工作岗位', '从事专业技术职务', '是否农民工', '现居住地', '户籍所在地', '是否失联党员', '是否流动党员', '入党类型',
  '转正情况', '入党时所在支部', '延长预备期时间',
];

const LEVELS = new Set(codes.educationLevel.map((e) => e.code));

const open: TestArchive[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function sheetOf(bytes: Buffer): Promise<{ headers: string[]; rows: Record<string, unknown>[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const values = (ws.getRow(r).values as unknown[]).slice(1);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i]])));
  }
  return { headers, rows };
}

describe('export in the national layout', () => {
  it('writes the member library: the columns in order, leaf names, 是/否 and - for none, 党龄 from 转正', async () => {
    const t = await openTestArchive();
    open.push(t);
    await loadDemoTownship(t.ctx, { members: 300, seed: 11 });
    // Three records the demo does not make: one from before the leaves (coarse only), one imported with
    // nothing about work (未填写), one with every optional item of the card.
    const ids = await t.archive.query<{ id: string }>("SELECT id FROM members WHERE exit_reason IS NULL AND category = 'formal' ORDER BY id_number LIMIT 3");
    await t.archive.transaction(async () => {
      await t.archive.run("UPDATE members SET education = '50', education_level = NULL, occupation = '2', job_post = NULL, degree = NULL WHERE id = ?", [ids[0].id]);
      await t.archive.run("UPDATE members SET occupation = '0', job_post = NULL, phone = NULL WHERE id = ?", [ids[1].id]);
      await t.archive.run(
        `UPDATE members SET full_date = '2001-07-01', party_age_adjust_months = -14, new_social_stratum = '自由职业人员', professional_title = '工程师',
           is_migrant_worker = 1, current_residence = '山东省潍坊市寿光市东城街道', join_type = '重新入党', full_status = '延长预备期后转正',
           join_branch = '东村党支部', probation_extension_months = 6, degree = '3' WHERE id = ?`,
        [ids[2].id],
      );
    });
    const r = await exportNationalXlsx(t.ctx, {});
    const { headers, rows } = await sheetOf(r.bytes);
    expect(headers).toEqual(HEADERS);
    const roll = await t.archive.query<Record<string, unknown>>(
      `SELECT m.*, o.name AS org FROM members m JOIN organizations o ON o.id = m.org_id WHERE m.exit_reason IS NULL`,
    );
    expect(r.rows).toBe(roll.length);
    expect(rows.length).toBe(roll.length);
    expect(rows.map((x) => x['序号'])).toEqual(rows.map((_, i) => i + 1));
    const byId = new Map(rows.map((x) => [x['公民身份号码'], x]));
    for (const m of roll) {
      const x = byId.get(m.id_number)!;
      expect(x['姓名']).toBe(m.name);
      expect(x['所在党支部']).toBe(m.org);
      expect(x['入党日期']).toBe(m.join_date);
      expect(x['人员类别']).toBe(m.category === 'formal' ? '正式党员' : '预备党员');
      if (m.category === 'probationary') {
        expect(x['转正日期']).toBe('-');
        expect(x['党龄']).toBe('-');
      }
      if (m.education_level) expect(x['学历']).toBe(m.education_level);
      if (m.job_post) expect(x['工作岗位']).toBe(m.job_post);
      expect(x['是否失联党员']).toBe(m.is_lost ? '是' : '否');
      expect(x['是否流动党员']).toBe(m.is_mobile ? '是' : '否');
      expect(x['是否农民工']).toBe(m.is_migrant_worker ? '是' : '否');
      for (const v of Object.values(x)) expect(v === '' || v == null).toBe(false); // never blank: a value or -
    }
    const [coarse, unfilled, full] = await Promise.all(ids.map((i) => t.archive.queryOne<{ id_number: string }>('SELECT id_number FROM members WHERE id = ?', [i.id])));
    expect(byId.get(coarse!.id_number)).toMatchObject({ 学历: '高中', 工作岗位: '农牧渔民', 学位: '-' });
    expect(byId.get(unfilled!.id_number)).toMatchObject({ 工作岗位: '-', 手机号码: '-' });
    // 2001-07-01 → 2026-11-28 is 304 months; corrected by -14 months: 290 months, 24 whole years.
    expect(byId.get(full!.id_number)).toMatchObject({
      转正日期: '2001-07-01', 党龄: '24', 党龄校正值: '-14', 新社会阶层类型: '自由职业人员', 从事专业技术职务: '工程师', 是否农民工: '是',
      现居住地: '山东省潍坊市寿光市东城街道', 入党类型: '重新入党', 转正情况: '延长预备期后转正', 入党时所在支部: '东村党支部', 延长预备期时间: '6', 学位: '学士',
    });
    // A coarse value is written only for a record that holds no leaf: never a guessed one, never a default.
    const leafless = roll.filter((m) => !m.education_level).length;
    expect(rows.filter((x) => !LEVELS.has(String(x['学历']))).length).toBe(leafless);
  }, 60_000);

  it('CLI: export members --layout national --out F.xlsx; the flag refuses what it cannot do', async () => {
    const dir = tempDir('pr-natexp-cli-');
    try {
      expect(runCli(dir, ['init', '--code', '370783101', '--name', '东城镇']).code).toBe(0);
      expect(runCli(dir, ['demo', '--members', '120', '--seed', '4']).code).toBe(0);
      const out = path.join(dir, '党员信息库.xlsx');
      const r = runCli(dir, ['export', 'members', '--layout', 'national', '--out', out]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const { headers, rows } = await sheetOf(fs.readFileSync(out));
      expect(headers).toEqual(HEADERS);
      expect(r.out).toContain(`已导出 ${rows.length} 名党员`);
      expect(rows.length).toBeGreaterThan(100);
      // members list/show carry the same items.
      const list = JSON.parse(runCli(dir, ['members', 'list', '--json']).out) as Record<string, unknown>[];
      const one = list.find((m) => m.educationLevel && m.jobPost && m.category === 'formal')!;
      const row = rows.find((x) => x['公民身份号码'] === one.idNumber)!;
      expect([one.educationLevel, one.jobPost, one.isMigrantWorker ? '是' : '否']).toEqual([row['学历'], row['工作岗位'], row['是否农民工']]);
      const show = runCli(dir, ['members', 'show', String(one.id)]);
      expect(show.code).toBe(0);
      expect(show.out).toContain(`学历:${String(one.educationLevel)};工作岗位:${String(one.jobPost)}`);
      expect(show.out).toContain(`党龄:${String(row['党龄'])}年`);
      expect(runCli(dir, ['members', 'list']).out).toContain(`\t${String(one.educationLevel)}\t${String(one.jobPost)}\n`);
      const bad = runCli(dir, ['export', 'members', '--layout', 'county', '--out', out]);
      expect(bad.code).not.toBe(0);
      expect(bad.err).toContain('--layout 只能是 national');
      const mixed = runCli(dir, ['export', 'members', '--layout', 'national', '--roster', '--out', out]);
      expect(mixed.code).not.toBe(0);
      expect(mixed.err).toContain('不能与 --roster 或 --columns 同用');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
