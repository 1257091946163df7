// The calls the 导出到县 / 导入乡镇数据 pages will make, through the real dispatcher (zod in and out),
// with the long work as jobs: what the UI engineer builds on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatcher';
import { jobsOf, type JobStatus } from '../../electron/services/core/jobs';
import { connect, openInstall, removeDir, stickDir, type Install } from '../support/exchangeScenario';

function caller(i: Install) {
  const d = createDispatcher(i.archive, { today: '2026-11-28' });
  return async <T>(name: string, input?: unknown): Promise<T> => {
    const r = await d.dispatch(name, input, { actor: 'tester', trusted: true });
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as T;
  };
}

async function settle(i: Install, job: JobStatus): Promise<JobStatus> {
  return (await jobsOf(i.archive).settle(job.id))!;
}

describe('county exchange calls', () => {
  let county: Install;
  let town: Install;
  let stick: string;

  beforeAll(async () => {
    county = await openInstall('county', '370783000', '寿光市');
    town = await openInstall('township', '370783101', '东城镇', { demoMembers: 30, seed: 9 });
    await connect(county, [town]);
    stick = stickDir();
  }, 120_000);

  afterAll(async () => {
    for (const i of [county, town]) {
      await i.close();
      removeDir(i.dir);
    }
    removeDir(stick);
  });

  it('export as a job with read-back verification, import as a job, status, grid, receipt', async () => {
    const t = caller(town);
    const c = caller(county);
    const keys = await t<{ own: { fingerprint: string }; county: { fingerprint: string } }>('exchangeKeys', {});
    expect(keys.county.fingerprint).toBe((await c<{ own: { fingerprint: string } }>('exchangeKeys', {})).own.fingerprint);
    const plan = await t<{ kind: string; tables: { name: string; rows: number }[] }>('previewCountyExport', {});
    expect(plan.kind).toBe('full');
    expect(plan.tables.find((x) => x.name === 'members')!.rows).toBe(30);
    const job = await settle(town, await t<JobStatus>('startCountyExport', { outDir: stick }));
    expect(job.state).toBe('done');
    const result = job.result as { package: { file: string; sequence: number }; verification: { ok: boolean } };
    expect(result.verification.ok).toBe(true);
    const sent = await t<{ sequence: number; verifiedAt: string | null; acknowledgedAt: string | null }[]>('listSentPackages', {});
    expect(sent).toMatchObject([{ sequence: 1, acknowledgedAt: null }]);
    expect(sent[0].verifiedAt).not.toBeNull();

    const check = await c<{ ok: boolean; continuity: string; info: { townshipName: string } }>('verifyPackage', { file: result.package.file });
    expect(check).toMatchObject({ ok: true, continuity: 'next', info: { townshipName: '东城镇' } });
    const bad = await c<{ ok: boolean; problem: string }>('verifyPackage', { file: `${stick}/missing.prpkg` });
    expect(bad).toMatchObject({ ok: false, problem: 'not_package' });
    const imp = await settle(county, await c<JobStatus>('startCountyImport', { files: [result.package.file] }));
    expect(imp.state).toBe('done');
    expect((imp.result as { status: string }[])[0].status).toBe('applied');
    const status = await c<{ townships: { code: string; lastSequence: number; memberCount: number }[] }>('countyStatus', {});
    expect(status.townships).toMatchObject([{ code: '370783101', lastSequence: 1, memberCount: 30 }]);
    const page = await c<{ total: number; rows: { townshipName: string; name: string }[] }>('listCountyMembers', { townshipCode: '370783101', limit: 10, offset: 5, sort: 'name' });
    expect(page.total).toBe(30);
    expect(page.rows).toHaveLength(10);
    expect(page.rows.every((r) => r.townshipName === '东城镇')).toBe(true);
    const log = await c<{ sequence: number }[]>('countyImportLog', {});
    expect(log.map((l) => l.sequence)).toEqual([1]);

    const receipt = await c<{ text: string; fileName: string }>('writeReceipt', { townshipCode: '370783101' });
    expect(receipt.fileName).toBe('回执-370783101-000001.prreceipt');
    expect((await t<{ status: string }>('importReceipt', { text: receipt.text })).status).toBe('acknowledged');
    expect((await t<{ status: string }>('importReceipt', { text: receipt.text })).status).toBe('already');
    expect((await t<{ kind: string; baseSequence: number }>('previewCountyExport', {})).kind).toBe('incremental');
    // The county side refuses township-only calls and the other way round, with a message.
    const d = createDispatcher(county.archive);
    const wrong = await d.dispatch('previewCountyExport', {}, { actor: 'tester', trusted: true });
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.error.message).toContain('县委组织部的安装');
  }, 120_000);
});
