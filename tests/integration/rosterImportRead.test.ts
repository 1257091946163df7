// Every quirk of real rosters (花名册), each in its own fixture made here, and how it is read.
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { people, STANDARD_HEADER, standardRow, writeCsv, writeXls, writeXlsx, type Person } from '../fixtures/rosters';
import { analyseRoster, type RosterAnalysis } from '../../electron/services/roster/rosterImport';
import { readDate } from '../../electron/services/roster/rosterFields';
import { decodeCsv } from '../../electron/services/roster/rosterRead';

let t: TestArchive;
beforeAll(async () => {
  t = await openTestArchive();
});
afterAll(async () => t.close());

let n = 0;
async function analyseXlsx(sheets: Parameters<typeof writeXlsx>[1], options = {}): Promise<RosterAnalysis> {
  const file = path.join(t.dir, `q${++n}.xlsx`);
  await writeXlsx(file, sheets);
  return analyseRoster(t.ctx, { fileName: path.basename(file), path: file }, options);
}
const stored = (a: RosterAnalysis, i: number) => a.preview[i].values;

describe('roster import: reading the rosters offices really write', () => {
  it('a title row merged across the sheet above the header: the header is found below it', async () => {
    const ps = people(3);
    const a = await analyseXlsx([{ name: 'Sheet1', rows: [['中共东村党支部党员花名册'], ['填报日期:2024年5月'], STANDARD_HEADER, ...ps.map((p, i) => standardRow(p, i, null))], merges: ['A1:N1', 'A2:N2'] }]);
    expect(a.sheets[0]).toMatchObject({ headerRow: 3, title: '中共东村党支部党员花名册', branchFromSheet: '中共东村党支部' });
    expect(a.counts).toMatchObject({ rows: 3, new: 3, errors: 0 });
    expect(a.preview.map((r) => r.orgName)).toEqual(['中共东村党支部', '中共东村党支部', '中共东村党支部']);
  });

  it('Chinese headers that vary from office to office map to the same fields', async () => {
    const ps = people(2);
    const header = ['姓 名', '性别', '民族', '出生日期', '公民身份号码', '学历', '入党日期', '转正日期', '支部', '工作单位', '联系电话', '住址', '备注'];
    const rows = ps.map((p) => [p.name, p.gender, '汉', p.birthDate, p.idNumber, '大专', p.joinDate, p.fullDate, '东村党支部', '村委会主任', '13912345678', '东村1组', '']);
    const a = await analyseXlsx([{ name: 'Sheet1', rows: [header, ...rows] }]);
    const fields = Object.fromEntries(a.sheets[0].columns.map((c) => [c.header, c.field]));
    expect(fields).toMatchObject({
      '姓 名': 'name', 出生日期: 'birthDate', 公民身份号码: 'idNumber', 学历: 'education', 入党日期: 'joinDate', 转正日期: 'fullDate',
      支部: 'orgName', 工作单位: 'workUnit', 住址: 'address',
    });
    const b = await analyseXlsx([{ name: 'Sheet1', rows: [['姓名', '身份证号', '文化程度', '入党时间', '所在党支部'], [ps[0].name, ps[0].idNumber, '本科', '2001.07', '东村']] }]);
    expect(Object.fromEntries(b.sheets[0].columns.map((c) => [c.header, c.field]))).toEqual({ 姓名: 'name', 身份证号: 'idNumber', 文化程度: 'education', 入党时间: 'joinDate', 所在党支部: 'orgName' });
    expect(stored(a, 0)).toMatchObject({ ethnicity: '汉族', education: '大学专科' });
    expect(stored(b, 0)).toMatchObject({ education: '大学本科', gender: ps[0].gender, birthDate: ps[0].birthDate }); // gender and birth date from the ID number
    expect(b.counts.errors).toBe(0);
    expect(b.notices.join()).toContain('民族');
  });

  it('the clerk corrects a mapping (header → field, or ignore a column)', async () => {
    const ps = people(1);
    const rows = [['姓名', '证件号', '学历', '入党', '党组织名'], [ps[0].name, ps[0].idNumber, '高中', '2001-07-01', '东村党支部']];
    const auto = await analyseXlsx([{ name: 'Sheet1', rows }]);
    expect(auto.sheets[0].headerRow).toBeNull(); // 姓名 alone is not a header
    const fixed = await analyseXlsx([{ name: 'Sheet1', rows }], { mapping: { 证件号: 'idNumber', 入党: 'joinDate', 党组织名: 'orgName' } });
    expect(fixed.sheets[0].columns.filter((c) => !c.auto).map((c) => c.field)).toEqual(['idNumber', 'joinDate', 'orgName']);
    expect(fixed.counts).toMatchObject({ rows: 1, new: 1, errors: 0 });
    expect(fixed.preview[0].orgName).toBe('东村党支部');
  });

  it('one sheet per branch: the sheet name is the branch', async () => {
    const ps = people(4);
    const header = STANDARD_HEADER.filter((h) => h !== '所在党支部');
    const row = (p: Person, i: number) => standardRow(p, i, null).filter((_, k) => k !== 9);
    const a = await analyseXlsx([
      { name: '东村', rows: [['东村党员花名册'], header, row(ps[0], 0), row(ps[1], 1)] },
      { name: '西村党支部', rows: [['西村党员花名册'], header, row(ps[2], 0), row(ps[3], 1)] },
    ]);
    expect(a.sheets.map((s) => [s.name, s.branchFromSheet, s.rows])).toEqual([['东村', '东村', 2], ['西村党支部', '西村党支部', 2]]);
    expect(a.branches.map((b) => [b.name, b.rows])).toEqual([['东村', 2], ['西村党支部', 2]]);
  });

  it('branch names in merged cells spanning many rows apply to every row of the block', async () => {
    const ps = people(6);
    const rows = ps.map((p, i) => standardRow(p, i, i === 0 ? '东村党支部' : i === 4 ? '西村党支部' : null));
    const a = await analyseXlsx([{ name: 'Sheet1', rows: [['花名册'], STANDARD_HEADER, ...rows], merges: ['A1:N1', 'J3:J6', 'J7:J8'] }]);
    expect(a.preview.map((r) => r.orgName)).toEqual(['东村党支部', '东村党支部', '东村党支部', '东村党支部', '西村党支部', '西村党支部']);
    expect(a.counts.errors).toBe(0);
  });

  it('dates as Excel dates, 1985.07, 1985年7月, 1985-07-12, 198507 (text and number) and 19850712', () => {
    expect(readDate({ date: '1985-07-12' })).toEqual({ ok: true, date: '1985-07-12', precision: 'day' });
    expect(readDate('1985.07')).toEqual({ ok: true, date: '1985-07-01', precision: 'month' });
    expect(readDate('1985.7')).toEqual({ ok: true, date: '1985-07-01', precision: 'month' });
    expect(readDate('1985年7月')).toEqual({ ok: true, date: '1985-07-01', precision: 'month' });
    expect(readDate('1985年7月12日')).toEqual({ ok: true, date: '1985-07-12', precision: 'day' });
    expect(readDate('1985-07-12')).toEqual({ ok: true, date: '1985-07-12', precision: 'day' });
    expect(readDate('1985/7/12')).toEqual({ ok: true, date: '1985-07-12', precision: 'day' });
    expect(readDate('198507')).toEqual({ ok: true, date: '1985-07-01', precision: 'month' });
    expect(readDate(198507)).toEqual({ ok: true, date: '1985-07-01', precision: 'month' });
    expect(readDate(19850712)).toEqual({ ok: true, date: '1985-07-12', precision: 'day' });
    expect(readDate(31240)).toEqual({ ok: true, date: '1985-07-12', precision: 'day' }); // an Excel day number without a date format
    expect(readDate(1985.07)).toEqual({ ok: true, date: '1985-07-01', precision: 'month' });
    expect(readDate('1985.13')).toMatchObject({ ok: false });
    expect(readDate('不详')).toMatchObject({ ok: false });
  });

  it('the same date formats inside a real xlsx, and a year-month birth date takes its day from the ID number', async () => {
    const [p] = people(1, 400); // born 1950-05-13
    const joins: unknown[] = [new Date(Date.UTC(1985, 6, 12)), '1985.07', '1985年7月', '1985-07-12', '198507', 198507];
    const rows = joins.map((j) => [p.name, p.idNumber, p.birthDate.slice(0, 7).replace('-', '.'), '高中', j, '东村']);
    const files = await Promise.all(
      rows.map((r, i) => analyseXlsx([{ name: 'Sheet1', rows: [['姓名', '身份证号', '出生年月', '学历', '入党时间', '支部'], r], dateColumns: i === 0 ? [5] : [] }])),
    );
    expect(files.map((a) => a.preview[0].values.joinDate)).toEqual(['1985-07-12', '1985-07-01', '1985-07-01', '1985-07-12', '1985-07-01', '1985-07-01']);
    expect(files.every((a) => a.preview[0].values.birthDate === p.birthDate)).toBe(true);
    expect(files.every((a) => a.counts.errors === 0)).toBe(true);
  });

  it('ID numbers: stored as numbers (digits lost) is reported; spaces, full-width digits and lower-case x are cleaned', async () => {
    const withX = people(3000).find((p) => p.idNumber.endsWith('X'))!;
    const [a1, a2] = people(2, 10);
    const fullWidth = a2.idNumber.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const rows = [
      ['姓名', '身份证号', '学历', '入党时间', '支部'],
      [a1.name, Number(a1.idNumber), '高中', '2001.07', '东村'],
      [withX.name, ` ${withX.idNumber.slice(0, 6)} ${withX.idNumber.slice(6, 14)} ${withX.idNumber.slice(14).toLowerCase()} `, '高中', '2001.07', '东村'],
      [a2.name, fullWidth, '高中', '2001.07', '东村'],
    ];
    const a = await analyseXlsx([{ name: 'Sheet1', rows }]);
    expect(a.counts).toMatchObject({ rows: 3, new: 2, errors: 1 });
    expect(a.problems).toHaveLength(1);
    expect(a.problems[0]).toMatchObject({ rowNumber: 2, field: 'idNumber', label: '身份证号', name: a1.name });
    expect(a.problems[0].message).toContain('存成了数字');
    expect(a.problems[0].value).toMatch(/E\+17/);
    expect(a.preview.filter((r) => r.kind === 'new').map((r) => r.values.idNumber)).toEqual([withX.idNumber, a2.idNumber]);
  });

  it('names with stray spaces (张 三, full-width spaces) are stored without them', async () => {
    const [p] = people(1, 3); // a three-character name
    const spaced = ` ${p.name[0]} \u3000${p.name.slice(1)} `;
    const a = await analyseXlsx([{ name: 'Sheet1', rows: [['姓名', '身份证号', '学历', '入党时间', '支部'], [spaced, p.idNumber, '高中', '2001.07', '东村']] }]);
    expect(a.preview[0].values.name).toBe(p.name);
  });

  it('blank rows in the middle, a repeated header and a 合计 footer are skipped, not reported', async () => {
    const ps = people(4);
    const rows = [STANDARD_HEADER, standardRow(ps[0], 0, '东村'), [], [null, null, '   '], standardRow(ps[1], 1, '东村'), STANDARD_HEADER, standardRow(ps[2], 2, '东村'), [], standardRow(ps[3], 3, '东村'), ['合计', '4人']];
    const a = await analyseXlsx([{ name: 'Sheet1', rows }]);
    expect(a.counts).toMatchObject({ rows: 4, new: 4, errors: 0 });
    expect(a.preview.map((r) => r.rowNumber)).toEqual([2, 5, 7, 9]);
  });

  it('预备党员 and 流动党员 marked only in 备注', async () => {
    const ps = people(3, 20);
    const rows = [
      ['姓名', '身份证号', '学历', '入党时间', '转正时间', '支部', '备注'],
      [ps[0].name, ps[0].idNumber, '高中', '2025.07', '', '东村', '预备党员'],
      [ps[1].name, ps[1].idNumber, '高中', '2001.07', '2002.07', '东村', '流动党员,在青岛务工'],
      [ps[2].name, ps[2].idNumber, '高中', '2001.07', '2002.07', '东村', ''],
    ];
    const a = await analyseXlsx([{ name: 'Sheet1', rows }]);
    expect(a.counts.errors).toBe(0);
    expect(a.preview.map((r) => [r.values.category, r.values.isMobile])).toEqual([['预备党员', '否'], ['正式党员', '是'], ['正式党员', '否']]);
  });

  it('a row with problems is reported per field, in Chinese, with the value as written', async () => {
    const ps = people(2, 30);
    const rows = [
      ['姓名', '性别', '身份证号', '学历', '入党时间', '支部', '联系电话'],
      [ps[0].name, ps[0].gender === '男' ? '女' : '男', ps[0].idNumber, '私塾', '不详', '东村', '12345'],
      [ps[1].name, ps[1].gender, ps[1].idNumber, '高中', '2001.07', '东村', ''],
      ['', '', ps[1].idNumber, '高中', '2001.07', '东村', ''],
    ];
    const a = await analyseXlsx([{ name: 'Sheet1', rows }]);
    expect(a.counts).toMatchObject({ rows: 3, new: 1, errors: 2 });
    const row2 = a.problems.filter((p) => p.rowNumber === 2).map((p) => [p.label, p.value]);
    expect(row2).toEqual(expect.arrayContaining([['学历', '私塾'], ['入党时间', '不详'], ['性别', expect.any(String)], ['联系电话', '12345']]));
    expect(a.problems.find((p) => p.label === '性别')!.message).toContain('与公民身份号码不一致');
    expect(a.problems.filter((p) => p.rowNumber === 4).map((p) => p.message)).toContain('请填写姓名');
  });

  it('the older .xls (BIFF8): title row, sheet per branch, Excel dates', async () => {
    const ps = people(3, 40);
    const file = path.join(t.dir, 'old.xls');
    writeXls(file, [
      {
        name: '南村党支部',
        rows: [['南村党支部党员花名册'], ['序号', '姓名', '性别', '出生日期', '身份证号', '文化程度', '入党时间', '备注'], ...ps.map((p, i) => [i + 1, ` ${p.name}`, p.gender, new Date(`${p.birthDate}T00:00:00Z`), p.idNumber, '初中', new Date(`${p.joinDate}T00:00:00Z`), i === 2 ? '预备党员' : ''])],
        merges: ['A1:H1'],
      },
    ]);
    expect(fs.readFileSync(file).subarray(0, 2).toString('hex')).toBe('d0cf'); // an OLE2 compound file, not a zip
    const a = await analyseRoster(t.ctx, { fileName: 'old.xls', path: file });
    expect(a.format).toBe('xls');
    expect(a.counts).toMatchObject({ rows: 3, new: 3, errors: 0 });
    expect(a.preview.map((r) => [r.values.name, r.values.category])).toEqual(ps.map((p, i) => [p.name, i === 2 ? '预备党员' : '正式党员']));
    expect(a.sheets[0]).toMatchObject({ headerRow: 2, branchFromSheet: '南村党支部' });
    expect(a.preview.map((r) => r.values.birthDate)).toEqual(ps.map((p) => p.birthDate));
    expect(a.preview.map((r) => r.values.joinDate)).toEqual(ps.map((p) => p.joinDate));
  });

  it('CSV in GBK and in UTF-8 (with and without BOM) read the same', async () => {
    const ps = people(3, 50);
    const rows = [STANDARD_HEADER, ...ps.map((p, i) => standardRow(p, i, '北村党支部'))];
    const results: RosterAnalysis[] = [];
    for (const enc of ['gbk', 'utf-8', 'utf-8-bom'] as const) {
      const file = path.join(t.dir, `r-${enc}.csv`);
      writeCsv(file, rows, enc);
      if (enc === 'gbk') expect(decodeCsv(fs.readFileSync(file)).encoding).toBe('gbk');
      results.push(await analyseRoster(t.ctx, { fileName: `r-${enc}.csv`, path: file }));
    }
    for (const a of results) {
      expect(a.format).toBe('csv');
      expect(a.counts).toMatchObject({ rows: 3, new: 3, errors: 0 });
      expect(a.preview.map((r) => [r.values.name, r.orgName])).toEqual(ps.map((p) => [p.name, '北村党支部']));
    }
  });

  it('the same ID number twice in the file: the second row is reported', async () => {
    const [p] = people(1, 60);
    const a = await analyseXlsx([{ name: 'Sheet1', rows: [['姓名', '身份证号', '学历', '入党时间', '支部'], [p.name, p.idNumber, '高中', '2001.07', '东村'], [p.name, p.idNumber, '高中', '2001.07', '西村']] }]);
    expect(a.counts).toMatchObject({ new: 1, errors: 1 });
    expect(a.problems[0].message).toContain('第2行重复');
  });
});
