// The demo township's 培训, 党内关爱 and 设岗定责: the generated year obeys the services' rules (attendees on the
// roll on the day, funds never overdrawn, posts only for members without office), `practices summary --year
// 2026 --json` (a real CLI process) gives figures that plain SQL over the raw rows recomputes, and the three A4
// prints come out of Chromium as PDFs whose text (pdftotext) holds the records.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { launchBrowser } from '../harness/browser';
import { htmlToPdf, pdfPageSize, pdfPages, pdfText } from '../support/pdf';

const TODAY = '2026-11-28';
const run = promisify(execFile);
let t: TestArchive;
let browser: Browser | undefined;

beforeAll(async () => {
  t = await openTestArchive({ today: TODAY });
  await loadDemoTownship(t.ctx, { members: 4200, seed: 1 });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t.close();
});

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), 'electron/cli.ts', '--data', t.dir, ...args], {
    cwd: process.cwd(), env: { ...process.env, PARTY_RECORDS_TODAY: TODAY }, maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}
const one = async <T>(sqlText: string, params: unknown[] = []) => (await t.archive.queryOne<T>(sqlText, params))!;

describe('the demo year', () => {
  it('has real content in each practice and obeys the rules', async () => {
    const counts = await one<Record<string, number>>(
      `SELECT (SELECT count(*) FROM training_sessions WHERE session_date LIKE '2026-%') AS sessions, (SELECT count(*) FROM training_attendees) AS attendees,
              (SELECT count(*) FROM care_aids) AS aids, (SELECT count(*) FROM care_funds) AS funds, (SELECT count(*) FROM pioneer_posts) AS posts,
              (SELECT count(*) FROM member_commitments WHERE year = 2026) AS commitments, (SELECT count(*) FROM liaison_points) AS liaisons,
              (SELECT count(*) FROM members WHERE is_hardship = 1) AS hardship`,
    );
    expect(counts.sessions).toBeGreaterThan(100);
    expect(counts.attendees).toBeGreaterThan(5000);
    expect(counts.aids).toBeGreaterThan(50);
    expect(counts.funds).toBe(2);
    expect(counts.posts).toBeGreaterThan(50);
    expect(counts.commitments).toBeGreaterThan(100);
    expect(counts.liaisons).toBeGreaterThanOrEqual(5);
    expect(counts.hardship).toBeGreaterThan(10);
    // Attendees and aided members were on the roll on the day.
    const offRoll = await one<{ n: number }>(
      `SELECT (SELECT count(*) FROM training_attendees a JOIN training_sessions s ON s.id = a.session_id JOIN members m ON m.id = a.member_id
               WHERE m.join_date > s.session_date OR (m.exit_reason IS NOT NULL AND m.exit_date <= s.session_date))
            + (SELECT count(*) FROM care_aids a JOIN members m ON m.id = a.member_id WHERE m.join_date > a.aid_date OR (m.exit_reason IS NOT NULL AND m.exit_date <= a.aid_date)) AS n`,
    );
    expect(offRoll.n).toBe(0);
    // No fund's running balance goes below zero at any date (income before outflow on a day).
    const negative = await one<{ n: number }>(
      `WITH moves AS (SELECT fund_id, income_date AS d, 0 AS o, amount_fen AS delta, id FROM care_fund_income
                      UNION ALL SELECT fund_id, aid_date, 1, -amount_fen, id FROM care_aids WHERE fund_id IS NOT NULL),
            running AS (SELECT sum(delta) OVER (PARTITION BY fund_id ORDER BY d, o, id ROWS UNBOUNDED PRECEDING) AS balance FROM moves)
       SELECT count(*) AS n FROM running WHERE balance < 0`,
    );
    expect(negative.n).toBe(0);
    const withOffice = await one<{ n: number }>(
      'SELECT count(*) AS n FROM pioneer_posts p JOIN member_posts o ON o.member_id = p.member_id AND o.from_date <= p.from_date AND (o.to_date IS NULL OR o.to_date >= p.from_date)',
    );
    expect(withOffice.n).toBe(0);
    expect((await verifyAuditChain(t.archive)).intact).toBe(true);
  });

  it('`practices summary --year 2026 --json` gives the figures plain SQL recomputes from the raw rows', async () => {
    const s = JSON.parse(await cli('practices', 'summary', '--year', '2026', '--json')) as { sections: Record<string, Record<string, unknown>> };
    const training = s.sections.training as { sessions: number; personTimes: number; personHours: number; membersTrained: number; belowTarget: number; onRoll: number; target: number };
    const rawTraining = await one<{ sessions: number; personTimes: number; tenths: number; members: number }>(
      `SELECT (SELECT count(*) FROM training_sessions WHERE session_date BETWEEN '2026-01-01' AND '2026-12-31') AS sessions,
              count(*) AS personTimes, sum(s.hours_tenths) AS tenths, count(DISTINCT a.member_id) AS members
       FROM training_attendees a JOIN training_sessions s ON s.id = a.session_id WHERE s.session_date BETWEEN '2026-01-01' AND '2026-12-31'`,
    );
    const rawBelow = await one<{ roll: number; below: number }>(
      `SELECT count(*) AS roll, sum(coalesce(h.tenths, 0) < 320) AS below FROM members m
       LEFT JOIN (SELECT a.member_id, sum(s.hours_tenths) AS tenths FROM training_attendees a JOIN training_sessions s ON s.id = a.session_id
                  WHERE s.session_date BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY a.member_id) h ON h.member_id = m.id
       WHERE m.join_date <= '2026-11-28' AND (m.exit_reason IS NULL OR m.exit_date > '2026-11-28')`,
    );
    expect(training).toMatchObject({ sessions: rawTraining.sessions, personTimes: rawTraining.personTimes, personHours: rawTraining.tenths / 10, membersTrained: rawTraining.members, target: 32, onRoll: rawBelow.roll, belowTarget: rawBelow.below });
    // A demo worth looking at: some members under the target, most not.
    expect(training.belowTarget).toBeGreaterThan(training.onRoll * 0.2);
    expect(training.belowTarget).toBeLessThan(training.onRoll * 0.7);

    const care = s.sections.care as { aids: number; amountFen: number; membersHelped: number; incomeFen: number; balanceFen: number; byKind: Record<string, { count: number; amountFen: number }> };
    const rawCare = await one<{ n: number; fen: number; helped: number; income: number; balance: number }>(
      `SELECT count(*) AS n, sum(amount_fen) AS fen, count(DISTINCT member_id) AS helped,
              (SELECT sum(amount_fen) FROM care_fund_income WHERE income_date BETWEEN '2026-01-01' AND '2026-12-31') AS income,
              (SELECT sum(amount_fen) FROM care_fund_income WHERE income_date <= '2026-12-31') - (SELECT sum(amount_fen) FROM care_aids WHERE fund_id IS NOT NULL AND aid_date <= '2026-12-31') AS balance
       FROM care_aids WHERE aid_date BETWEEN '2026-01-01' AND '2026-12-31'`,
    );
    expect(care).toMatchObject({ aids: rawCare.n, amountFen: rawCare.fen, membersHelped: rawCare.helped, incomeFen: rawCare.income, balanceFen: rawCare.balance });
    for (const k of await t.archive.query<{ kind: string; n: number; fen: number }>("SELECT kind, count(*) AS n, sum(amount_fen) AS fen FROM care_aids WHERE aid_date LIKE '2026-%' GROUP BY kind")) {
      expect(care.byKind[k.kind]).toEqual({ count: k.n, amountFen: k.fen });
    }

    const posts = s.sections.posts as { posts: number; membersWithPost: number; commitments: number; reviewed: number; liaisonPoints: number; byResult: Record<string, number> };
    const inYear = "from_date <= '2026-12-31' AND (to_date IS NULL OR to_date >= '2026-01-01')";
    const rawPosts = await one<{ posts: number; members: number; commitments: number; reviewed: number; fulfilled: number; liaisons: number }>(
      `SELECT (SELECT count(*) FROM pioneer_posts WHERE ${inYear}) AS posts, (SELECT count(DISTINCT member_id) FROM pioneer_posts WHERE ${inYear}) AS members,
              (SELECT count(*) FROM member_commitments WHERE year = 2026) AS commitments, (SELECT count(*) FROM member_commitments WHERE year = 2026 AND review_result IS NOT NULL) AS reviewed,
              (SELECT count(*) FROM member_commitments WHERE year = 2026 AND review_result = 'fulfilled') AS fulfilled, (SELECT count(*) FROM liaison_points WHERE ${inYear}) AS liaisons`,
    );
    expect([posts.posts, posts.membersWithPost, posts.commitments, posts.reviewed, posts.byResult.fulfilled, posts.liaisonPoints]).toEqual([
      rawPosts.posts, rawPosts.members, rawPosts.commitments, rawPosts.reviewed, rawPosts.fulfilled, rawPosts.liaisons,
    ]);
    // The text form names the sections.
    const text = await cli('practices', 'summary', '--year', '2026');
    expect(text).toContain('【培训】');
    expect(text).toContain(`${training.personTimes} 人次`);
    expect(text).toContain('【党内关爱】');
    expect(text).toContain('【设岗定责、公开承诺和党建联系点】');
  }, 120_000);

  it('the CLI lists members below the target and those due a visit; a bad year is refused in Chinese', async () => {
    const below = await cli('training', 'below', '--year', '2026');
    expect(below).toMatch(/2026 年培训学时低于 32 学时的党员 \d+ 名\(截至 2026-11-28\)/);
    const due = await cli('care', 'due');
    expect(due).toMatch(/2026-11 应走访慰问 \d+ 人/);
    expect(due).toContain('政治生日');
    const sessions = await cli('training', 'list', '--year', '2026');
    const n = (await one<{ n: number }>("SELECT count(*) AS n FROM training_sessions WHERE session_date LIKE '2026-%'")).n;
    expect(sessions).toContain(`共 ${n} 期`);
    const posts = JSON.parse(await cli('posts', 'list', '--year', '2026', '--json')) as { posts: unknown[]; liaisons: unknown[] };
    expect(posts.posts.length).toBe((await one<{ n: number }>("SELECT count(*) AS n FROM pioneer_posts WHERE from_date <= '2026-12-31' AND (to_date IS NULL OR to_date >= '2026-01-01')")).n);
    expect(posts.liaisons.length).toBeGreaterThanOrEqual(5);
    await expect(cli('care', 'ledger', '--year', '1990')).rejects.toMatchObject({ stderr: expect.stringContaining('--year 应为2000至2100之间的年份') });
  }, 120_000);
});

describe('A4 prints through Chromium', () => {
  it('the sign-in sheet, the ledger and the posts roster come out as PDFs holding their records', async () => {
    browser = await launchBrowser();
    const s = await one<{ id: string; topic: string }>("SELECT id, topic FROM training_sessions WHERE place_kind = 'party_school' ORDER BY session_date LIMIT 1");
    const sheet = await t.call<{ html: string; title: string }>('printTrainingSignIn', { id: s.id });
    const sheetPdf = await htmlToPdf(browser, sheet.html);
    const attendees = await t.archive.query<{ name: string }>('SELECT m.name FROM training_attendees a JOIN members m ON m.id = a.member_id WHERE a.session_id = ?', [s.id]);
    const sheetText = pdfText(sheetPdf).replace(/\s+/g, '');
    expect(sheetText).toContain('东城镇党员培训签到表');
    expect(sheetText).toContain(s.topic.replace(/\s+/g, ''));
    expect(sheetText).toContain('本人签名');
    for (const a of attendees.slice(0, 50)) expect(sheetText).toContain(a.name);
    expect(pdfPages(sheetPdf)).toBeGreaterThan(attendees.length / 40);
    const size = pdfPageSize(sheetPdf);
    expect([Math.round(size.width), Math.round(size.height)]).toEqual([595, 842]); // A4 portrait
    // The header repeats on every page.
    expect(pdfText(sheetPdf, pdfPages(sheetPdf))).toContain('本人签名');

    const ledger = await t.call<{ html: string }>('printCareLedger', { year: 2026 });
    const ledgerText = pdfText(await htmlToPdf(browser, ledger.html)).replace(/\s+/g, '');
    const fund = await t.call<{ funds: { fundName: string; closingFen: number; inFen: number }[] }>('careLedger', { year: 2026 });
    expect(ledgerText).toContain('党内关爱基金收支台账(2026年)');
    for (const f of fund.funds) {
      expect(ledgerText).toContain(f.fundName);
      expect(ledgerText).toContain((f.closingFen / 100).toFixed(2));
      expect(ledgerText).toContain((f.inFen / 100).toFixed(2));
    }

    const roster = await t.call<{ html: string }>('printPostsRoster', { year: 2026 });
    const rosterPdf = await htmlToPdf(browser, roster.html);
    const rosterText = pdfText(rosterPdf).replace(/\s+/g, '');
    const rs = pdfPageSize(rosterPdf);
    expect(rs.width).toBeGreaterThan(rs.height); // landscape
    expect(rosterText).toContain('无职党员设岗定责花名册(2026年)');
    expect(rosterText).toContain('党建工作联系点');
    expect(rosterText).toContain('镇党委书记');
    const first = await one<{ name: string; post: string }>("SELECT m.name, p.post FROM pioneer_posts p JOIN members m ON m.id = p.member_id WHERE p.from_date <= '2026-12-31' AND (p.to_date IS NULL OR p.to_date >= '2026-01-01') LIMIT 1");
    expect(rosterText).toContain(first.name);
    expect(rosterText).toContain(first.post);
  }, 120_000);
});
