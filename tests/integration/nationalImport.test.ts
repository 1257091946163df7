// The national system's member-library export imports whole: every valid row of a 620-row file in its
// layout (three sheets, the three spellings of its headers, `-`, 是/否, month-only dates, every value of the
// 学历 and 工作岗位 lists) is stored with the file's values, read back field by field with plain SQL.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import codes from '../../resources/codes/codes.json';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { COARSE_EDUCATION, COARSE_OCCUPATION, nationalRows, writeNationalXlsx, type NationalCells } from '../support/nationalExport';
import { writeXlsx } from '../fixtures/rosters';
import { analyseRoster, importRoster } from '../../electron/services/roster/rosterImport';
import { runDataChecks } from '../../electron/services/statistics/dataChecks';
import { createMember } from '../../electron/services/members/members';
import { makeIdNumber } from '../../electron/services/members/idNumber';

const open: TestArchive[] = [];
async function archive(): Promise<TestArchive> {
  const t = await openTestArchive();
  open.push(t);
  return t;
}
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

const none = (v: string | number) => (v === '-' ? null : v);
const codeOf = (list: { code: string; zh: string }[], zh: string | number) => (zh === '-' ? null : list.find((e) => e.zh === zh)!.code);
/** A date cell as the archive stores it: to the day as written, a month alone as its first day. */
function isoOf(v: string | number): string | null {
  if (v === '-') return null;
  const m = /^(\d{4})(?:-|\.|年)(\d{2})(?:-(\d{2})|月)?$/.exec(String(v))!;
  return `${m[1]}-${m[2]}-${m[3] ?? '01'}`;
}
const monthsOf = (v: string | number) => (v === '-' ? null : Number(String(v).replace('个月', '')));
const yes = (v: string | number) => (v === '是' ? 1 : 0);
const birthOfId = (id: string) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;

/** What the archive must hold for a row, worked out from the cells alone (not by the import's code). */
function expectedOf(c: NationalCells): Record<string, unknown> {
  const leafEdu = codes.educationLevel.find((e) => e.zh === c.学历);
  const leafJob = codes.jobPost.find((e) => e.zh === c.工作岗位);
  return {
    name: c.姓名, gender: c.性别 === '男' ? '1' : '2', id_number: c.公民身份号码, ethnicity: codeOf(codes.ethnicity, c.民族),
    birth_date: birthOfId(String(c.公民身份号码)),
    education: leafEdu ? leafEdu.group : COARSE_EDUCATION[c.学历], education_level: leafEdu?.code ?? null,
    category: c.人员类别 === '预备党员' ? 'probationary' : 'formal', degree: codeOf(codes.degree, c.学位), org_name: c.所在党支部,
    phone: none(c.手机号码), join_date: isoOf(c.入党日期), full_date: isoOf(c.转正日期),
    party_age_adjust_months: none(c.党龄校正值) === null ? null : Number(c.党龄校正值), new_social_stratum: none(c.新社会阶层类型),
    occupation: leafJob ? leafJob.bulletin : COARSE_OCCUPATION[c.工作岗位], job_post: leafJob?.code ?? null,
    professional_title: none(c.从事专业技术职务), is_migrant_worker: yes(c.是否农民工), current_residence: none(c.现居住地),
    household_place: none(c.户籍所在地), is_lost: yes(c.是否失联党员), lost_date: null, lost_month: null, lost_reason: null,
    is_mobile: yes(c.是否流动党员), join_type: none(c.入党类型), full_status: none(c.转正情况), join_branch: none(c.入党时所在支部),
    probation_extension_months: monthsOf(c.延长预备期时间),
  };
}
const COLUMNS = Object.keys(expectedOf(nationalRows(1)[0].cells)).filter((k) => k !== 'org_name');

describe('import of the national system’s member-library export', () => {
  it('stores every valid row of a 620-row export with the file’s values, and lists only the planted bad rows', async () => {
    const t = await archive();
    const rows = nationalRows(620);
    const file = path.join(t.dir, 'national.xlsx');
    await writeNationalXlsx(file, rows, { sheets: 3 });
    const valid = rows.filter((r) => r.valid);
    // The file covers what the acceptance asks for.
    expect(rows.length).toBeGreaterThanOrEqual(500);
    for (const e of codes.educationLevel) expect(valid.some((r) => r.cells.学历 === e.zh), e.zh).toBe(true);
    for (const e of codes.jobPost) expect(valid.some((r) => r.cells.工作岗位 === e.zh), e.zh).toBe(true);
    expect(valid.filter((r) => r.cells.是否失联党员 === '是').length).toBeGreaterThan(10);
    expect(valid.filter((r) => r.cells.是否流动党员 === '是').length).toBeGreaterThan(10);
    expect(valid.filter((r) => r.cells.转正日期 === '-').length).toBeGreaterThan(10);

    const src = { fileName: 'national.xlsx', path: file };
    const analysis = await analyseRoster(t.ctx, src);
    for (const s of analysis.sheets) {
      const mapped = Object.fromEntries(s.columns.map((c) => [c.header, c.field]));
      expect(Object.values(mapped).filter(Boolean).length, s.name).toBe(25); // all but 序号 and 党龄 (worked out, not stored)
      expect(mapped['序号'] ?? null).toBeNull();
      expect(mapped['党龄'] ?? null).toBeNull();
    }
    expect(analysis.sheets.map((s) => s.columns[3].header)).toEqual(['公民身份号码', '公民身份证号码', '公民身份证号']);
    const r = await importRoster(t.ctx, src);
    expect(r).toMatchObject({ rows: 620, inserted: valid.length, errors: rows.length - valid.length });
    expect(new Set(r.problems.map((p) => p.rowNumber + p.sheet)).size).toBe(rows.length - valid.length);
    expect(r.problems.every((p) => p.field === 'idNumber')).toBe(true);

    const stored = await t.archive.query<Record<string, unknown>>(
      `SELECT ${COLUMNS.map((c) => `m.${c}`).join(', ')}, o.name AS org_name FROM members m JOIN organizations o ON o.id = m.org_id`,
    );
    const byId = new Map(stored.map((s) => [s.id_number, s]));
    expect(stored.length).toBe(valid.length);
    for (const row of valid) {
      const got = byId.get(row.cells.公民身份号码);
      expect(got, `row ${row.cells.序号}`).toBeDefined();
      expect(got, `row ${row.cells.序号}`).toEqual(expectedOf(row.cells));
    }

    // What the export could not say is listed, not invented.
    const checks = Object.fromEntries((await runDataChecks(t.ctx)).checks.map((c) => [c.id, c.problems.length]));
    expect(checks.lostWithoutDetails).toBe(valid.filter((v) => v.cells.是否失联党员 === '是').length);
    expect(checks.mobileNoDestination).toBe(valid.filter((v) => v.cells.是否流动党员 === '是').length);
    expect(checks.educationToRefine).toBe(valid.filter((v) => v.cells.学历 in COARSE_EDUCATION).length);
    expect(checks.jobPostToRefine).toBe(valid.filter((v) => v.cells.工作岗位 in COARSE_OCCUPATION).length);
    expect(checks.jobPostMissing).toBe(0);

    // Again: nothing new, nothing changed.
    const again = await importRoster(t.ctx, src);
    expect(again).toMatchObject({ inserted: 0, skipped: valid.length });
  }, 120_000);

  it('a roster without a 工作岗位 column leaves it 未填写 and says so; 数据校验 lists every such member', async () => {
    const t = await archive();
    const file = path.join(t.dir, 'bare.xlsx');
    const ids = [makeIdNumber('370783', '1970-03-04', 11), makeIdNumber('370783', '1971-05-06', 13)];
    await writeXlsx(file, [{ name: 'Sheet1', rows: [['姓名', '公民身份号码', '学历', '所在党支部', '入党日期', '转正日期'], ['张三', ids[0], '普通高中', '东村党支部', '1995-07', '1996-07'], ['李四', ids[1], '大学', '东村党支部', '1996.07', '1997.07']], textColumns: [2] }]);
    const r = await importRoster(t.ctx, { fileName: 'bare.xlsx', path: file });
    expect(r.inserted).toBe(2);
    expect(r.notices.join('\n')).toContain('没有“工作岗位”(职业)列:工作岗位记为“未填写”');
    expect(r.notices.join('\n')).not.toContain('农牧渔民');
    const stored = await t.archive.query<{ occupation: string; job_post: string | null; education: string; education_level: string }>('SELECT occupation, job_post, education, education_level FROM members ORDER BY id_number');
    expect(stored).toEqual([{ occupation: '0', job_post: null, education: '50', education_level: '普通高中' }, { occupation: '0', job_post: null, education: '20', education_level: '大学' }]);
    const missing = (await runDataChecks(t.ctx)).checks.find((c) => c.id === 'jobPostMissing')!;
    expect(missing.problems.map((p) => p.name).sort()).toEqual(['张三', '李四']);
  });

  it('a 失联 member without date or reason is accepted by the form too, and flagged', async () => {
    const t = await archive();
    const branch = await t.call<{ id: string }>('createOrg', { parentId: t.rootOrgId, name: '中共东村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' });
    const m = await createMember(t.ctx, {
      name: '王失联', gender: '1', idNumber: makeIdNumber('370783', '1968-02-03', 15), ethnicity: '01', birthDate: '1968-02-03', education: '50', educationLevel: '普通高中',
      category: 'formal', orgId: branch.id, joinDate: '1990-07-01', fullDate: '1991-07-01', occupation: '2', jobPost: '农牧渔业生产人员', isLost: true,
    });
    expect(m.isLost).toBe(true);
    const lost = (await runDataChecks(t.ctx)).checks.find((c) => c.id === 'lostWithoutDetails')!;
    expect(lost.problems).toMatchObject([{ id: m.id, detail: '失联党员缺少:失去联系日期、失联原因' }]);
    // What is given must still be right.
    await expect(createMember(t.ctx, {
      name: '李失联', gender: '1', idNumber: makeIdNumber('370783', '1969-02-03', 17), ethnicity: '01', birthDate: '1969-02-03', education: '50', category: 'formal',
      orgId: branch.id, joinDate: '1990-07-01', fullDate: '1991-07-01', occupation: '2', isLost: true, lostDate: '1980-01-01',
    })).rejects.toThrow();
  });
});

describe('the national export over an archive of coarse records', () => {
  it('“update empty fields” refines coarse 学历/工作岗位 to the leaves within their group, and fills the new items', async () => {
    const t = await archive();
    const rows = nationalRows(60).filter((r) => r.valid && codes.educationLevel.some((e) => e.zh === r.cells.学历) && codes.jobPost.some((e) => e.zh === r.cells.工作岗位));
    // The same people as an older roster held them: 学历 and 职业 by their coarse groups only.
    const eduGroup = (zh: string | number) => codes.education.find((e) => e.code === codes.educationLevel.find((l) => l.zh === zh)!.group)!.zh;
    const jobClass = (zh: string | number) => codes.occupation.find((e) => e.code === codes.jobPost.find((l) => l.zh === zh)!.bulletin)!.zh;
    const old = path.join(t.dir, 'old.xlsx');
    await writeXlsx(old, [{
      name: 'Sheet1',
      rows: [['姓名', '公民身份号码', '学历', '职业', '所在党支部', '入党日期', '转正日期', '人员类别'], ...rows.map((r) => [r.cells.姓名, r.cells.公民身份号码, eduGroup(r.cells.学历), jobClass(r.cells.工作岗位), r.cells.所在党支部, r.cells.入党日期, r.cells.转正日期, r.cells.人员类别])],
      textColumns: [2],
    }]);
    expect((await importRoster(t.ctx, { fileName: 'old.xlsx', path: old })).inserted).toBe(rows.length);
    expect((await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members WHERE education_level IS NOT NULL OR job_post IS NOT NULL'))!.n).toBe(0);

    const national = path.join(t.dir, 'national.xlsx');
    await writeNationalXlsx(national, rows);
    const r = await importRoster(t.ctx, { fileName: 'national.xlsx', path: national }, { duplicateMode: 'fillEmpty' });
    expect(r.updated).toBe(rows.length);
    const stored = await t.archive.query<{ id_number: string; education_level: string; job_post: string; join_type: string | null; education: string; occupation: string }>('SELECT id_number, education_level, job_post, join_type, education, occupation FROM members');
    for (const row of rows) {
      const m = stored.find((s) => s.id_number === row.cells.公民身份号码)!;
      expect(m).toMatchObject({ education_level: row.cells.学历, job_post: row.cells.工作岗位, join_type: row.cells.入党类型 });
    }
    const refine = (await runDataChecks(t.ctx)).checks.filter((c) => c.id === 'educationToRefine' || c.id === 'jobPostToRefine');
    expect(refine.map((c) => c.problems.length)).toEqual([0, 0]);
  }, 60_000);
});
