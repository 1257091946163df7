// 党费 entered month by month for a branch, against a real archive file: an amount far from the member's
// standard is asked about (nothing written until confirmed), the count of saved items is the count of
// cells that changed, and the audit log reads the payment in 元 and words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrg } from '../../electron/services/organizations/organizations';
import { createMember } from '../../electron/services/members/members';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { duesGrid, saveDuesPayments, setDuesStandard } from '../../electron/services/development/dues';
import { listAuditLog } from '../../electron/services/audit/auditViewer';
import { ValidationError } from '../../electron/services/core/errors';
import { openTestArchive, type TestArchive } from '../support/tempArchive';

let t: TestArchive;
let orgId: string;
let farmer: string;
let teacher: string;

beforeEach(async () => {
  t = await openTestArchive({ today: '2026-11-28' });
  orgId = (await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共东王村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' })).id;
  const base = { gender: '1', ethnicity: '01', education: '40', category: 'formal', orgId, joinDate: '2001-07-01', fullDate: '2002-07-01', occupation: '2' };
  farmer = (await createMember(t.ctx, { ...base, name: '王立田', idNumber: makeIdNumber('370783', '1966-02-03', 31), birthDate: '1966-02-03' })).id;
  teacher = (await createMember(t.ctx, { ...base, name: '刘文静', gender: '2', idNumber: makeIdNumber('370783', '1980-09-10', 42), birthDate: '1980-09-10' })).id;
  await setDuesStandard(t.ctx, { memberId: farmer, fromMonth: '2026-01', basis: 'farmer', fixedFen: 50 });
  // 4,900 元 of pay: 1% → 49 元 a month.
  await setDuesStandard(t.ctx, { memberId: teacher, fromMonth: '2026-01', basis: 'salary', incomeFen: 490_000 });
});
afterEach(async () => {
  await t.close();
});

const payments = () => t.archive.query('SELECT member_id, month, amount, paid_date FROM dues_payments ORDER BY member_id, month');
async function issuesOf(p: Promise<unknown>): Promise<{ field: string; message: string }[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error('expected a validation error');
}

describe('党费 entry', () => {
  it('490 元 typed for a 49 元 standard is asked about, with names, months and both amounts; nothing is written until confirmed', async () => {
    const entries = [
      { memberId: teacher, month: '2026-03', amountFen: 49_000 },
      { memberId: farmer, month: '2026-03', amountFen: 50 },
      { memberId: farmer, month: '2026-04', amountFen: 10 },
    ];
    const asked = await issuesOf(saveDuesPayments(t.ctx, { orgId, year: 2026, paidDate: '2026-11-20', entries }));
    expect(asked).toEqual([
      { field: 'entries.0.unusual', message: '刘文静 2026-03 交纳 490.00 元,月标准 49.00 元' },
      { field: 'entries.2.unusual', message: '王立田 2026-04 交纳 0.10 元,月标准 0.50 元' },
    ]);
    expect(await payments()).toEqual([]);

    const saved = await saveDuesPayments(t.ctx, { orgId, year: 2026, paidDate: '2026-11-20', entries, confirmUnusual: true });
    expect(saved.saved).toBe(3);
    expect((await payments()).map((p) => (p as { amount: number }).amount).sort((a, b) => a - b)).toEqual([10, 50, 49_000]);
  });

  it('the count of saved items is the count of cells that changed; an emptied cell removes its payment', async () => {
    const first = [{ memberId: teacher, month: '2026-05', amountFen: 4_900 }, { memberId: farmer, month: '2026-05', amountFen: 50 }];
    expect((await saveDuesPayments(t.ctx, { orgId, year: 2026, paidDate: '2026-11-20', entries: first })).saved).toBe(2);
    expect((await saveDuesPayments(t.ctx, { orgId, year: 2026, paidDate: '2026-11-21', entries: first })).saved).toBe(0);
    expect((await saveDuesPayments(t.ctx, { orgId, year: 2026, paidDate: '2026-11-21', entries: [{ memberId: farmer, month: '2026-05', amountFen: null }], reason: '误登记' })).saved).toBe(1);
    const grid = await duesGrid(t.ctx, 2026, orgId);
    expect(grid.find((r) => r.memberId === teacher)!.paid).toEqual({ '2026-05': 4_900 });
    expect(grid.find((r) => r.memberId === farmer)!.paid).toEqual({});
  });

  it('the audit log says the payment in 元 with the member’s name, never 分 or field keys', async () => {
    await saveDuesPayments(t.ctx, { orgId, year: 2026, paidDate: '2026-11-20', entries: [{ memberId: teacher, month: '2026-06', amountFen: 4_900 }] });
    await saveDuesPayments(t.ctx, { orgId, year: 2026, paidDate: '2026-11-22', entries: [{ memberId: teacher, month: '2026-06', amountFen: 5_000 }], reason: '少录了一元' });
    const rows = (await listAuditLog(t.ctx, { kind: 'dues' })).rows.filter((r) => r.action.startsWith('dues.payment'));
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.changes)).toEqual(expect.arrayContaining([expect.stringContaining('金额:49.00 元 → 50.00 元')]));
    for (const r of rows) {
      expect(r.actionLabel).toBe(r.action === 'dues.payment' ? '登记党费' : '更正党费');
      expect(r.changes).not.toMatch(/[A-Za-z]{3,}/);
      expect(r.changes).toContain('元');
    }
    const standards = (await listAuditLog(t.ctx, { kind: 'dues' })).rows.filter((r) => r.action === 'dues.standard');
    expect(standards.map((r) => r.changes)).toEqual(expect.arrayContaining([expect.stringContaining('缴纳依据:按工资收入'), expect.stringContaining('月标准:49.00 元')]));
    for (const r of standards) expect(r.changes).not.toMatch(/[A-Za-z]{3,}/);
  });
});
