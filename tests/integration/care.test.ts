// 党内关爱 against a real archive file: aid from a fund, the fund's ledger with its running balance, a balance
// that may never go negative at any date (a plain overdraft, a back-dated aid, removing an income — each
// refused in Chinese with nothing written), the members due a visit (困难党员, ≥ 50 years in the party, 政治生日
// this month), and the summary figures recomputed from the raw rows with plain SQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { saveSubRecord } from '../../electron/services/members/subRecords';
import {
  addFundIncome, careLedger, careSummary, createCareFund, deleteAid, deleteFundIncome, dueVisits, listAids, listCareFunds, recordAid, type AidInput,
} from '../../electron/services/practices/care';
import { careTownship, refusal, snapshot, type CareTownship } from '../support/careFixture';

let c: CareTownship;
let fundId: string;
const TABLES = ['care_aids', 'care_fund_income', 'care_funds'];
const aid = (over: Partial<AidInput> = {}): AidInput => ({ memberId: c.old, date: '2026-06-30', kind: 'condolence', amountFen: 50_000, fundId, givenBy: '组织委员 刘明', ...over });

beforeEach(async () => {
  c = await careTownship();
  fundId = (await createCareFund(c.t.ctx, { name: '党员阳光关爱基金' })).id;
  await addFundIncome(c.t.ctx, { fundId, date: '2026-01-15', amountFen: 200_000, source: '县委组织部拨付' });
});
afterEach(async () => {
  await c.t.close();
});

describe('aid and the fund ledger', () => {
  it('records aid as an outflow of its fund and shows the running balance in the year ledger', async () => {
    await addFundIncome(c.t.ctx, { fundId, date: '2025-12-20', amountFen: 30_000, source: '党费返还' });
    await addFundIncome(c.t.ctx, { fundId, date: '2025-12-28', amountFen: 10_000, source: '个人捐助' });
    await recordAid(c.t.ctx, aid({ date: '2025-12-30', amountFen: 15_000, kind: 'festival', memberId: c.li }));
    const a = await recordAid(c.t.ctx, aid({ kind: 'medical', amountFen: 120_000, reason: '住院' }));
    expect(a).toMatchObject({ name: '赵老党', kindLabel: '医疗补助', amountFen: 120_000, fundName: '党员阳光关爱基金', givenBy: '组织委员 刘明' });
    await recordAid(c.t.ctx, aid({ date: '2026-10-01', kind: 'festival', amountFen: 0, fundId: null, memberId: c.zhang }));
    const { funds } = await careLedger(c.t.ctx, 2026);
    expect(funds).toHaveLength(1);
    const f = funds[0];
    expect(f.openingFen).toBe(25_000);
    expect(f.entries.map((e) => [e.date, e.inFen, e.outFen, e.balanceFen])).toEqual([
      ['2026-01-15', 200_000, 0, 225_000],
      ['2026-06-30', 0, 120_000, 105_000],
    ]);
    expect(f.entries[1].summary).toBe('赵老党 · 医疗补助');
    expect([f.inFen, f.outFen, f.closingFen]).toEqual([200_000, 120_000, 105_000]);
    expect((await listCareFunds(c.t.ctx))[0].balanceFen).toBe(105_000);
    // The visit without money is in the aid list, not in the ledger.
    expect((await listAids(c.t.ctx, 2026)).map((x) => x.kindLabel)).toEqual(['节日走访', '医疗补助']);
    expect((await verifyAuditChain(c.t.archive)).intact).toBe(true);
  });

  it('refuses an aid the fund cannot pay, naming fund, day and balance, and writes nothing', async () => {
    await recordAid(c.t.ctx, aid({ amountFen: 150_000 }));
    const before = await snapshot(c.t, TABLES);
    const msg = await refusal(recordAid(c.t.ctx, aid({ date: '2026-07-01', amountFen: 60_000, memberId: c.zhang })));
    expect(msg).toContain('“党员阳光关爱基金”余额不足');
    expect(msg).toContain('2026-07-01(张建国 · 慰问金 支出 600.00 元)之后余额为 -100.00 元');
    expect(await snapshot(c.t, TABLES)).toEqual(before);
    // Exactly the balance is fine: the fund may reach zero.
    await recordAid(c.t.ctx, aid({ date: '2026-07-01', amountFen: 50_000, memberId: c.zhang }));
    expect((await listCareFunds(c.t.ctx))[0].balanceFen).toBe(0);
  });

  it('refuses a back-dated aid that would overdraw the fund before a later income, and removing an income already spent', async () => {
    await addFundIncome(c.t.ctx, { fundId, date: '2026-08-01', amountFen: 100_000, source: '镇财政' });
    const before = await snapshot(c.t, TABLES);
    // 3000 元 in total, but on 2026-05-01 only 2000 元 had come in.
    const msg = await refusal(recordAid(c.t.ctx, aid({ date: '2026-05-01', amountFen: 250_000, kind: 'housing' })));
    expect(msg).toContain('2026-05-01(赵老党 · 危房改造 支出 2500.00 元)之后余额为 -500.00 元');
    expect(await snapshot(c.t, TABLES)).toEqual(before);
    await recordAid(c.t.ctx, aid({ date: '2026-09-01', amountFen: 250_000, kind: 'housing' }));
    const incomeId = (await c.t.archive.queryOne<{ id: string }>("SELECT id FROM care_fund_income WHERE source = '镇财政'"))!.id;
    const mid = await snapshot(c.t, TABLES);
    expect(await refusal(deleteFundIncome(c.t.ctx, incomeId))).toContain('不能删除 2026-08-01 的收入 1000.00 元');
    expect(await snapshot(c.t, TABLES)).toEqual(mid);
  });

  it('validates amounts, kinds, funds, dates and the member, naming each', async () => {
    const before = await snapshot(c.t, TABLES);
    expect(await refusal(recordAid(c.t.ctx, aid({ amountFen: -100 })))).toContain('金额不能为负数,填写的是 -1.00 元');
    expect(await refusal(recordAid(c.t.ctx, aid({ amountFen: 0 })))).toContain('请填写金额');
    expect(await refusal(recordAid(c.t.ctx, aid({ amountFen: 10.5 })))).toContain('金额应精确到分');
    expect(await refusal(recordAid(c.t.ctx, aid({ fundId: null })))).toContain('有金额的关爱须选择从哪个基金支出');
    expect(await refusal(recordAid(c.t.ctx, aid({ kind: 'gift' })))).toContain('请选择关爱方式');
    expect(await refusal(recordAid(c.t.ctx, aid({ date: '2026-13-01' })))).toContain('关爱日期“2026-13-01”不是有效日期');
    expect(await refusal(recordAid(c.t.ctx, aid({ givenBy: '' })))).toContain('请填写经办人');
    expect(await refusal(recordAid(c.t.ctx, aid({ memberId: 'nobody' })))).toContain('档案中没有这名党员(nobody)');
    expect(await refusal(recordAid(c.t.ctx, aid({ memberId: c.gone })))).toContain('钱已故已于 2026-03-01 死亡');
    expect(await refusal(recordAid(c.t.ctx, aid({ fundId: 'no-fund' })))).toContain('找不到关爱基金(no-fund)');
    expect(await refusal(addFundIncome(c.t.ctx, { fundId, date: '2026-02-01', amountFen: -5, source: '错误' }))).toContain('入账金额不能为负数');
    expect(await refusal(createCareFund(c.t.ctx, { name: '党员阳光关爱基金' }))).toContain('已有名为“党员阳光关爱基金”的关爱基金');
    expect(await snapshot(c.t, TABLES)).toEqual(before);
  });

  it('a deleted aid gives the money back to the fund and stays in the audit log', async () => {
    const a = await recordAid(c.t.ctx, aid());
    await deleteAid(c.t.ctx, a.id, { reason: '重复登记' });
    expect((await listCareFunds(c.t.ctx))[0].balanceFen).toBe(200_000);
    const audit = await c.t.archive.queryOne<{ before: string; after: string }>("SELECT before, after FROM audit_log WHERE action = 'care.aid.delete'");
    expect(JSON.parse(audit!.before)).toMatchObject({ amountFen: 50_000, kind: 'condolence' });
    expect(JSON.parse(audit!.after)).toEqual({ reason: '重复登记' });
  });
});

describe('members due a visit', () => {
  it('lists 困难党员, members of fifty years and more, and this month’s 政治生日, with their reasons', async () => {
    await saveSubRecord(c.t.ctx, { kind: 'hardships', memberId: c.wang, values: { kind: 'illness', level: 'special', since: '2025-03-01' } });
    // 张建国 joined on 2000-07-01: no reason. 李秀英 (2003-05-20): none in November.
    const r = await dueVisits(c.t.ctx);
    expect(r.month).toBe('2026-11');
    const byName = Object.fromEntries(r.rows.map((x) => [x.name, x]));
    expect(Object.keys(byName).sort()).toEqual(['王志强', '赵老党']);
    expect(byName['王志强'].reasons).toEqual(['困难党员']);
    expect(byName['赵老党']).toMatchObject({ oldMember: true, politicalBirthday: true, partyYears: 56, reasons: ['党龄56年', '政治生日 11-03'], visitedThisMonth: false });
    await recordAid(c.t.ctx, aid({ date: '2026-11-03', kind: 'festival', amountFen: 0, fundId: null }));
    expect((await dueVisits(c.t.ctx)).rows.find((x) => x.name === '赵老党')).toMatchObject({ lastAidDate: '2026-11-03', visitedThisMonth: true });
    // Another month: 李秀英's 政治生日 is in May; 钱已故 (joined in June) has left and never shows.
    expect((await dueVisits(c.t.ctx, { month: '2026-05' })).rows.map((x) => x.name).sort()).toEqual(['李秀英', '王志强', '赵老党']);
    expect((await dueVisits(c.t.ctx, { month: '2026-06' })).rows.map((x) => x.name).sort()).toEqual(['王志强', '赵老党']);
    expect(await refusal(dueVisits(c.t.ctx, { month: '2026-13' }))).toContain('月份应为 YYYY-MM');
  });
});

describe('the summary', () => {
  it('agrees with plain SQL over the raw rows', async () => {
    const second = (await createCareFund(c.t.ctx, { name: '老党员补助专项' })).id;
    await addFundIncome(c.t.ctx, { fundId: second, date: '2026-02-01', amountFen: 80_000, source: '镇财政' });
    await recordAid(c.t.ctx, aid({ date: '2026-02-10', kind: 'condolence', amountFen: 30_000 }));
    await recordAid(c.t.ctx, aid({ date: '2026-03-10', kind: 'medical', amountFen: 45_000, memberId: c.wang }));
    await recordAid(c.t.ctx, aid({ date: '2026-04-10', kind: 'housing', amountFen: 60_000, fundId: second, memberId: c.old }));
    await recordAid(c.t.ctx, aid({ date: '2026-10-01', kind: 'festival', amountFen: 0, fundId: null, memberId: c.zhang }));
    await recordAid(c.t.ctx, aid({ date: '2026-10-01', kind: 'festival', amountFen: 5_000, memberId: c.li }));
    const s = await careSummary(c.t.ctx, 2026);
    const byKind = await c.t.archive.query<{ kind: string; n: number; fen: number }>("SELECT kind, count(*) AS n, sum(amount_fen) AS fen FROM care_aids WHERE aid_date LIKE '2026-%' GROUP BY kind");
    const totals = await c.t.archive.queryOne<{ n: number; fen: number; helped: number }>("SELECT count(*) AS n, sum(amount_fen) AS fen, count(DISTINCT member_id) AS helped FROM care_aids WHERE aid_date LIKE '2026-%'");
    const income = await c.t.archive.queryOne<{ fen: number }>("SELECT sum(amount_fen) AS fen FROM care_fund_income WHERE income_date LIKE '2026-%'");
    const balance = await c.t.archive.queryOne<{ fen: number }>(
      "SELECT (SELECT sum(amount_fen) FROM care_fund_income WHERE income_date <= '2026-12-31') - (SELECT coalesce(sum(amount_fen), 0) FROM care_aids WHERE fund_id IS NOT NULL AND aid_date <= '2026-12-31') AS fen",
    );
    expect(s.aids).toBe(totals!.n);
    expect(s.amountFen).toBe(totals!.fen);
    expect(s.membersHelped).toBe(totals!.helped);
    for (const k of byKind) expect(s.byKind[k.kind as keyof typeof s.byKind]).toEqual({ count: k.n, amountFen: k.fen });
    expect(s.incomeFen).toBe(income!.fen);
    expect(s.balanceFen).toBe(balance!.fen);
    expect([s.aids, s.amountFen, s.byKind.festival.count, s.incomeFen, s.balanceFen]).toEqual([5, 140_000, 2, 280_000, 140_000]);
    expect(s.funds.map((f) => [f.name, f.balanceFen])).toEqual([['党员阳光关爱基金', 120_000], ['老党员补助专项', 20_000]]);
  });
});
