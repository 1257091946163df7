// The demo township's 发展党员 and yearly work: the 待办 list holds items of every kind, the CLI prints the
// same list, and the 党费 and 民主评议 summaries (service and CLI) match figures recomputed here from the raw rows.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { countDueReminders, listReminders, REMINDER_KINDS } from '../../electron/services/development/reminders';
import { duesSummary } from '../../electron/services/development/dues';
import { reviewsSummary, saveAppraisals } from '../../electron/services/development/reviews';
import { devStageCounts } from '../../electron/services/development/pipeline';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { openTestArchive, type TestArchive } from '../support/tempArchive';

const TODAY = '2026-11-28';
const run = promisify(execFile);
let t: TestArchive;

beforeAll(async () => {
  t = await openTestArchive({ today: TODAY });
  await loadDemoTownship(t.ctx, { members: 4200, seed: 1 });
}, 120_000);
afterAll(async () => {
  await t.close();
});

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), 'electron/cli.ts', '--data', t.dir, ...args], {
    cwd: process.cwd(), env: { ...process.env, PARTY_RECORDS_TODAY: TODAY }, maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

describe('the demo township', () => {
  // How long the load takes is measured by `npm run bench`, not asserted here.
  it('has people in every stage of the pipeline', async () => {
    const stages = await devStageCounts(t.ctx);
    for (const s of ['applicant', 'activist', 'candidate', 'admitted', 'withdrawn']) expect(stages[s], s).toBeGreaterThan(0);
    expect((await verifyAuditChain(t.archive)).intact).toBe(true);
  });

  it('lists reminders of every kind, each linking to its record', async () => {
    const r = await listReminders(t.ctx);
    // The demo's 预备党员 are all within their year (listExports.test.ts makes one overdue).
    for (const kind of REMINDER_KINDS.filter((k) => k !== 'probationOverdue')) expect(r.counts[kind], kind).toBeGreaterThan(0);
    expect(r.dueCount).toBe(r.items.length - r.counts.politicalBirthday);
    // The badge's count, read without the list, is the list's.
    expect(r.dueCount).toBeGreaterThan(0);
    expect(await countDueReminders(t.ctx)).toEqual({ asOf: TODAY, dueCount: r.dueCount });
    expect(r.dueCount).toBe(r.overdueCount + r.dueSoonCount);
    for (const item of r.items.slice(0, 200)) {
      const table = item.target === 'member' ? 'members' : item.target === 'villageMatter' ? 'village_matters' : 'dev_people';
      expect(await t.archive.queryOne(`SELECT id FROM ${table} WHERE id = ?`, [item.targetId])).toBeTruthy();
    }
    const probation = r.items.find((i) => i.kind === 'probationEnding')!;
    expect(probation.dueDate <= '2026-12-28').toBe(true);
  });

  it('dues summary per branch equals the figures recomputed from the raw rows', async () => {
    const s = await duesSummary(t.ctx, 2026);
    const standards = await t.archive.query<{ member_id: string; from_month: string; monthly_amount: number; org_id: string }>(
      'SELECT s.member_id, s.from_month, s.monthly_amount, m.org_id FROM dues_standards s JOIN members m ON m.id = s.member_id');
    const payments = await t.archive.query<{ member_id: string; org_id: string; month: string; amount: number }>("SELECT member_id, org_id, month, amount FROM dues_payments WHERE month LIKE '2026-%'");
    const expected = new Map<string, { due: number; paid: number; arrears: number; inArrears: Set<string> }>();
    const paidOf = new Map(payments.map((p) => [`${p.member_id}|${p.month}`, p.amount]));
    for (const st of standards) {
      const e = expected.get(st.org_id) ?? { due: 0, paid: 0, arrears: 0, inArrears: new Set<string>() };
      for (let mo = 1; mo <= 11; mo++) {
        const month = `2026-${String(mo).padStart(2, '0')}`;
        if (month < st.from_month) continue;
        e.due += st.monthly_amount;
        const paid = paidOf.get(`${st.member_id}|${month}`) ?? 0;
        if (paid < st.monthly_amount) {
          e.arrears += st.monthly_amount - paid;
          e.inArrears.add(st.member_id);
        }
      }
      expected.set(st.org_id, e);
    }
    for (const p of payments) expected.get(p.org_id)!.paid += p.amount;
    expect(s.branches.length).toBe(expected.size);
    for (const b of s.branches) {
      const e = expected.get(b.orgId)!;
      expect([b.dueFen, b.paidFen, b.arrearsFen, b.membersInArrears], b.orgName).toEqual([e.due, e.paid, e.arrears, e.inArrears.size]);
    }
    expect(s.total.paidFen).toBe(payments.reduce((a, p) => a + p.amount, 0));
    expect(s.total.arrearsFen).toBeGreaterThan(0);
  });

  it('reviews summary per branch equals the counts of the raw rows; 预备党员 are not graded', async () => {
    for (const year of [2025, 2026]) {
      const s = await reviewsSummary(t.ctx, year);
      const raw = await t.archive.query<{ org_id: string; grade: string | null; n: number }>('SELECT org_id, grade, count(*) AS n FROM appraisals WHERE year = ? GROUP BY org_id, grade', [year]);
      expect(s.branches.length).toBe(new Set(raw.map((r) => r.org_id)).size);
      for (const b of s.branches) {
        const of = (g: string | null) => raw.find((r) => r.org_id === b.orgId && r.grade === g)?.n ?? 0;
        expect([b.excellent, b.qualified, b.basic, b.unqualified, b.notGraded]).toEqual([of('excellent'), of('qualified'), of('basic'), of('unqualified'), of(null)]);
      }
      const gradedProbationary = await t.archive.queryOne<{ n: number }>("SELECT count(*) AS n FROM appraisals a JOIN members m ON m.id = a.member_id WHERE a.year = ? AND m.category = 'probationary' AND a.grade IS NOT NULL", [year]);
      expect(gradedProbationary!.n).toBe(0);
    }
    expect((await reviewsSummary(t.ctx, 2026)).branches.length).toBeGreaterThan(0);
  });

  it('the CLI prints the same reminders and summaries as JSON', async () => {
    const reminders = JSON.parse(await cli('reminders', '--json'));
    const service = await listReminders(t.ctx);
    expect(reminders.items.length).toBe(service.items.length);
    expect(reminders.counts).toEqual(service.counts);
    const dues = JSON.parse(await cli('dues', 'summary', '--year', '2026', '--json'));
    expect(dues).toEqual(await duesSummary(t.ctx, 2026));
    const reviews = JSON.parse(await cli('reviews', 'summary', '--year', '2026', '--json'));
    expect(reviews).toEqual(await reviewsSummary(t.ctx, 2026));
    await expect(cli('dues', 'summary')).rejects.toThrow(/--year/);
  }, 120_000);

  it('saving a branch’s grades warns when 优秀 exceeds a third and asks for the disposal of 不合格', async () => {
    const branch = (await t.archive.queryOne<{ org_id: string }>("SELECT org_id FROM appraisals WHERE year = 2026 LIMIT 1"))!.org_id;
    // The demo's grades are changed here: corrections, with their reason; a 不合格 with its disposal stays.
    const members = await t.archive.query<{ id: string }>(
      `SELECT m.id FROM members m WHERE m.org_id = ? AND m.exit_reason IS NULL AND m.category = 'formal'
         AND NOT EXISTS (SELECT 1 FROM appraisals a JOIN disposals d ON d.appraisal_id = a.id WHERE a.member_id = m.id AND a.year = 2026) ORDER BY m.id`,
      [branch],
    );
    const rows = members.map((m, i) => ({ memberId: m.id, grade: i === 0 ? 'unqualified' : i % 2 ? 'excellent' : 'qualified' }));
    const r = await saveAppraisals(t.ctx, { year: 2026, orgId: branch, rows, reason: '按评议表重新录入' });
    expect(r.warnings[0]).toContain('三分之一');
    expect(r.needsDisposal).toContain(members[0].id);
  });
});
