// 撤销上一次导入: the import taken back as one recorded action restores the archive exactly — `sqlite3 .dump` of
// every table is the same as before the import, but for the audit log (which keeps the import and its undo)
// and the change counter — and is refused, leaving everything as it is, once one imported member was edited.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { people, STANDARD_HEADER, standardRow, writeXlsx } from '../fixtures/rosters';
import { importRoster } from '../../electron/services/roster/rosterImport';
import { lastImport, undoLastImport } from '../../electron/services/roster/importUndo';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { updateMember } from '../../electron/services/members/members';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { runCli } from '../support/cli';

let t: TestArchive;
beforeAll(async () => {
  t = await openTestArchive();
  await loadDemoTownship(t.ctx, { members: 200, seed: 2 });
}, 120_000);
afterAll(async () => t?.close());

/** The archive's dump, but for what an undo must add: its audit entry and the change counter's step. */
function dump(): string {
  const text = execFileSync('sqlite3', [t.archive.file, '.dump'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  return text.split('\n').filter((l) => !l.startsWith('INSERT INTO audit_log') && !l.startsWith('INSERT INTO counters') && !l.startsWith("INSERT INTO sqlite_sequence VALUES('audit_log'") && !l.includes('sqlite_stat')).join('\n');
}

async function roster(name: string, offset: number): Promise<{ fileName: string; path: string }> {
  const branches = ['果蔬合作社联合党支部', '东风村党总支', '中共东城镇机关支部'];
  const rows = people(9, offset).map((p, i) => standardRow(p, i, branches[i % 3]));
  const file = path.join(t.dir, name);
  await writeXlsx(file, [{ name: 'Sheet1', rows: [STANDARD_HEADER, ...rows] }]);
  return { fileName: name, path: file };
}

describe('undo of the last import', () => {
  it('restores the archive’s dump exactly, as one recorded action', async () => {
    const before = dump();
    const members = (await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members'))!.n;
    const r = await importRoster(t.ctx, await roster('甲.xlsx', 7000));
    expect(r.inserted).toBe(9);
    expect(r.createdBranches.length).toBeGreaterThan(1);
    expect(dump()).not.toBe(before);
    expect(await lastImport(t.ctx)).toMatchObject({ fileName: '甲.xlsx', inserted: 9, refusal: null });
    const auditBefore = (await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM audit_log'))!.n;
    const undone = await undoLastImport(t.ctx);
    expect(undone).toMatchObject({ fileName: '甲.xlsx', members: 9 });
    expect(dump()).toBe(before);
    expect((await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members'))!.n).toBe(members);
    const audit = await t.archive.query<{ action: string }>('SELECT action FROM audit_log ORDER BY id DESC LIMIT 1');
    expect(audit[0].action).toBe('import.undo');
    expect((await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM audit_log'))!.n).toBe(auditBefore + 1);
    expect((await verifyAuditChain(t.archive)).intact).toBe(true);
    expect(await lastImport(t.ctx)).toBeNull();
  });

  it('is refused once an imported member was edited, and the refusal changes nothing', async () => {
    await importRoster(t.ctx, await roster('乙.xlsx', 8000));
    const one = (await t.archive.queryOne<{ id: string; name: string }>(`SELECT m.id, m.name FROM members m JOIN member_events e ON e.member_id = m.id WHERE e.kind = 'imported' ORDER BY e.seq DESC LIMIT 1`))!;
    await updateMember(t.ctx, one.id, { phone: '13900001111' });
    const refusal = `导入的党员“${one.name}”在导入之后有过修改,不能撤销`;
    expect((await lastImport(t.ctx))!.refusal).toBe(refusal);
    const before = dump();
    await expect(undoLastImport(t.ctx)).rejects.toThrow(refusal);
    expect(dump()).toBe(before);
    // The CLI says the same and changes nothing.
    const cli = runCli(t.dir, ['undo-import']);
    expect(cli.code).toBe(1);
    expect(cli.err).toContain(refusal);
    expect(dump()).toBe(before);
  }, 60_000);
});
