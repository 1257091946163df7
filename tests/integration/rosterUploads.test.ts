// A roster sent as bytes and kept under an id, through the calls the window and the CLI make: every
// format reads from the kept bytes as from a file on disk, a file kept without an analysis imports in
// one pass, and an empty file or an unknown id is refused in Chinese.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { people, STANDARD_HEADER, standardRow, writeCsv, writeXls, writeXlsx } from '../fixtures/rosters';
import type { JobStatusDto, RosterAnalysisDto } from '../../electron/api/calls/importExport';
import type { ImportResult } from '../../electron/services/roster/rosterImport';

const open: TestArchive[] = [];
async function archive(): Promise<TestArchive> {
  const t = await openTestArchive();
  open.push(t);
  return t;
}
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

const sent = (file: string) => ({ fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64') });

async function finished(t: TestArchive, job: JobStatusDto): Promise<JobStatusDto> {
  let s = job;
  while (s.state === 'running') {
    await new Promise((r) => setTimeout(r, 20));
    s = await t.call<JobStatusDto>('jobStatus', { jobId: s.id });
  }
  return s;
}

describe('roster uploads', () => {
  it('reads .xls and CSV (GBK and UTF-8) from the bytes sent', async () => {
    const t = await archive();
    const ps = people(3, 800);
    const rows = [STANDARD_HEADER, ...ps.map((p, i) => standardRow(p, i, '北村党支部'))];
    const files = [path.join(t.dir, 'r.xls'), path.join(t.dir, 'r-gbk.csv'), path.join(t.dir, 'r-utf8.csv')];
    writeXls(files[0], [{ name: 'Sheet1', rows }]);
    writeCsv(files[1], rows, 'gbk');
    writeCsv(files[2], rows, 'utf-8');
    for (const file of files) {
      const a = await t.call<RosterAnalysisDto>('analyseImport', { file: sent(file) });
      expect(a.counts).toMatchObject({ rows: 3, new: 3, errors: 0 });
      expect(a.preview.map((r) => [r.values.name, r.orgName])).toEqual(ps.map((p) => [p.name, '北村党支部']));
    }
  });

  it('imports a file kept without an analysis, and reports its problems in the result', async () => {
    const t = await archive();
    const ps = people(4, 900);
    const rows = ps.map((p, i) => standardRow(p, i, '东村党支部'));
    rows[1][5] = '37078319850712001'; // 17 digits
    const file = path.join(t.dir, 'one-pass.xlsx');
    await writeXlsx(file, [{ name: 'Sheet1', rows: [STANDARD_HEADER, ...rows] }]);
    const kept = await t.call<{ analysisId: string; fileName: string }>('uploadImportFile', { file: sent(file) });
    expect(kept.fileName).toBe('one-pass.xlsx');
    const end = await finished(t, await t.call<JobStatusDto>('startImport', { analysisId: kept.analysisId }));
    expect(end.state).toBe('done');
    const r = end.result as ImportResult;
    expect(r).toMatchObject({ rows: 4, inserted: 3, errors: 1 });
    expect(r.problems.map((p) => p.rowNumber)).toEqual([3]);
    expect((await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members'))!.n).toBe(3);
  });

  it('refuses an empty file and an id it does not hold', async () => {
    const t = await archive();
    expect(await t.dispatch('uploadImportFile', { file: { fileName: 'empty.xlsx', base64: '' } })).toMatchObject({ ok: false, error: { code: 'bad_input', message: '文件“empty.xlsx”是空的' } });
    const r = await t.dispatch('startImport', { analysisId: 'no-such-file' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    if (!r.ok) expect(r.error.message).toContain('请重新选择文件');
  });
});
