// `npm run cli -- practices summary --year 2026 --json` on the demo township, every figure of the sections of
// 结对共建, 五事工作法 and 组织生活 recomputed here from the raw rows with plain SQL (no service code), so a
// figure that drifts from its rows fails. The other practices' sections are checked by their own tests.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { tempDir } from '../support/tempArchive';
import { runCli } from '../support/cli';

const YEAR = 2026;
const Y = `${YEAR}-%`;

const cli = (dataDir: string, ...args: string[]) => runCli(dataDir, args);

interface Totals { entries: number; measures: number; problemsSolved: number; moneyFen: number; goodsFen: number; cadresExchanged: number; trainings: number; trainees: number }
interface Summary {
  year: number;
  titles: Record<string, string>;
  sections: {
    pairing: { pairs: number; jointOrgs: number; totals: Totals; byKind: (Totals & { kind: string; pairs: number })[] };
    villageAffairs: { asOf: string; township: Record<string, number>; villages: (Record<string, number> & { orgId: string })[] };
    orgLife: {
      branches: number;
      kinds: { kind: string; held: number; expected: number | null; expectedToDate: number | null; expectedTotal: number | null; branchesHeld: number; branchesMeetingNorm: number | null }[];
      attendance: { marked: number; present: number; leave: number; absent: number; rate: number | null };
      byBranch: { orgId: string; held: Record<string, number>; rate: number | null }[];
    };
  };
}

describe('practices summary', () => {
  let dir: string;
  let s: Summary;
  let db: Archive;
  const one = async <T = Record<string, number>>(q: string, p: unknown[] = []) => (await db.queryOne<T>(q, p))!;

  beforeAll(async () => {
    dir = tempDir('pr-practices-summary-');
    expect(cli(dir, 'init', '--code', '370783101', '--name', '东城镇').code).toBe(0);
    expect(cli(dir, 'demo', '--members', '1500').code).toBe(0);
    const r = cli(dir, 'practices', 'summary', '--year', String(YEAR), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    s = JSON.parse(r.out);
    db = await openArchive(archiveFile(dir));
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists every registered section with its title', () => {
    expect(s.year).toBe(YEAR);
    expect(s.titles).toMatchObject({ pairing: '结对共建', villageAffairs: '五事工作法', orgLife: '组织生活(三会一课)' });
    expect(Object.keys(s.sections)).toEqual(Object.keys(s.titles));
  });

  it('结对共建: pairs in force, joint organizations and the year’s help, by form and in total', async () => {
    const p = s.sections.pairing;
    const inForce = `start_date <= '${YEAR}-12-31' AND (end_date IS NULL OR end_date >= '${YEAR}-01-01')`;
    expect(p.pairs).toBe((await one(`SELECT count(*) AS n FROM practice_pairs WHERE ${inForce}`)).n);
    expect(p.jointOrgs).toBe((await one(`SELECT count(*) AS n FROM practice_pairs WHERE ${inForce} AND joint_org_id IS NOT NULL`)).n);
    const sums = `count(*) AS entries, total(measures) AS measures, total(problems_solved) AS problemsSolved, total(money_fen) AS moneyFen, total(goods_fen) AS goodsFen,
      total(cadres_exchanged) AS cadresExchanged, total(trainings) AS trainings, total(trainees) AS trainees`;
    expect(p.totals).toEqual(await one(`SELECT ${sums} FROM practice_help_entries WHERE entry_date LIKE ?`, [Y]));
    expect(p.totals.measures).toBeGreaterThan(0);
    for (const k of p.byKind) {
      const { kind: _k, pairs, ...totals } = k as Totals & { kind: string; pairs: number; label?: string };
      delete (totals as { label?: string }).label;
      expect(totals, k.kind).toEqual(await one(`SELECT ${sums} FROM practice_help_entries e JOIN practice_pairs p ON p.id = e.pair_id WHERE e.entry_date LIKE ? AND p.kind = ?`, [Y, k.kind]));
      expect(pairs, k.kind).toBe((await one(`SELECT count(*) AS n FROM practice_pairs WHERE ${inForce} AND kind = ?`, [k.kind])).n);
    }
  });

  it('五事工作法: the funnel per village and for the township', async () => {
    const a = s.sections.villageAffairs;
    const funnel = `count(*) AS proposed, count(discussed_date) AS discussed, total(amended = 1) AS amended, count(vote_date) AS voted, total(passed = 1) AS passed,
      count(done_date) AS done, count(supervised_date) AS supervised, total(stage = 'stopped') AS stopped, total(stage = 'voted' AND deadline < ?) AS overdue`;
    expect(a.township).toEqual(await one(`SELECT ${funnel} FROM village_matters WHERE proposed_date LIKE ?`, [a.asOf, Y]));
    expect(a.township.proposed).toBeGreaterThan(0);
    expect(a.villages.length).toBe((await one(`SELECT count(DISTINCT org_id) AS n FROM village_matters WHERE proposed_date LIKE ?`, [Y])).n);
    for (const v of a.villages) {
      const { orgId, orgName: _n, ...f } = v as Record<string, number> & { orgId: string; orgName: string };
      expect(f, orgId).toEqual(await one(`SELECT ${funnel} FROM village_matters WHERE proposed_date LIKE ? AND org_id = ?`, [a.asOf, Y, orgId]));
    }
  });

  it('组织生活: held against expected per kind, branches meeting the norm, attendance', async () => {
    const o = s.sections.orgLife;
    const branches = await db.query<{ id: string }>(`SELECT id FROM organizations WHERE type IN ('branch', 'joint_branch') AND status = 'active' AND id IN (SELECT org_id FROM members WHERE exit_reason IS NULL)`);
    expect(o.branches).toBe(branches.length);
    const month = Number(s.sections.villageAffairs.asOf.slice(5, 7));
    const perYear: Record<string, number | null> = { congress: 4, committee: 12, group: 12, lecture: 4, theme_day: null };
    for (const k of o.kinds) {
      expect(k.held, k.kind).toBe((await one(`SELECT count(*) AS n FROM org_meetings WHERE kind = ? AND meeting_date LIKE ?`, [k.kind, Y])).n);
      expect(k.expected, k.kind).toBe(perYear[k.kind]);
      const toDate = perYear[k.kind] === null ? null : perYear[k.kind] === 12 ? month : Math.floor(month / 3);
      expect(k.expectedToDate, k.kind).toBe(toDate);
      expect(k.expectedTotal, k.kind).toBe(perYear[k.kind] === null ? null : perYear[k.kind]! * branches.length);
      const perBranch = await db.query<{ org_id: string; n: number }>(`SELECT org_id, count(*) AS n FROM org_meetings WHERE kind = ? AND meeting_date LIKE ? GROUP BY org_id`, [k.kind, Y]);
      const ids = new Set(branches.map((b) => b.id));
      expect(k.branchesHeld, k.kind).toBe(perBranch.filter((r) => ids.has(r.org_id)).length);
      expect(k.branchesMeetingNorm, k.kind).toBe(toDate === null ? null : perBranch.filter((r) => ids.has(r.org_id) && r.n >= toDate).length);
    }
    expect(o.kinds.find((k) => k.kind === 'congress')!.held).toBeGreaterThan(0);
    const att = await one(`SELECT count(*) AS marked, total(a.status = 'present') AS present, total(a.status = 'leave') AS leave, total(a.status = 'absent') AS absent
      FROM org_meeting_attendance a JOIN org_meetings g ON g.id = a.meeting_id WHERE g.meeting_date LIKE ?`, [Y]);
    expect(o.attendance).toEqual({ ...att, rate: Math.round((att.present * 1000) / att.marked) / 10 });
    for (const b of o.byBranch.slice(0, 15)) {
      const rows = await db.query<{ kind: string; n: number }>(`SELECT kind, count(*) AS n FROM org_meetings WHERE org_id = ? AND meeting_date LIKE ? GROUP BY kind`, [b.orgId, Y]);
      for (const kind of Object.keys(perYear)) expect(b.held[kind], `${b.orgId} ${kind}`).toBe(rows.find((r) => r.kind === kind)?.n ?? 0);
    }
  });

  it('prints the same figures as text', () => {
    const r = cli(dir, 'practices', 'summary', '--year', String(YEAR));
    expect(r.code).toBe(0);
    expect(r.out).toContain(`【五事工作法】`);
    expect(r.out).toContain(`全乡镇\t${s.sections.villageAffairs.township.proposed}\t${s.sections.villageAffairs.township.discussed}`);
    expect(cli(dir, 'practices', 'summary').err).toContain('需要 --year YYYY');
  });
});
