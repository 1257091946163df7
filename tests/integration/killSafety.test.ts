// SIGKILL in the middle of the work: an import, a county import, a backup, a restore, a migration and each correction, each run as a real
// CLI process on a real archive and killed at a moment proven to be mid-work (a progress line on
// stderr, or the temporary file being written). Afterwards `check` passes and the archive holds either
// all of the work or none of it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/connection';
import { findMigrationsDir } from '../../db/migrate';
import { archiveFile } from '../../electron/services/core/dataDir';
import { backupsDir } from '../../electron/services/backup/store';
import { tempDir } from '../support/tempArchive';
import { writeBigXlsx } from '../fixtures/rosters';
import { CLI_TODAY, runCli } from '../support/cli';
import { initTownship } from '../../electron/services/core/settings';
import { createOrg } from '../../electron/services/organizations/organizations';
import { createMember, exitMember } from '../../electron/services/members/members';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { createApplicant, makeActivist, recordTalk } from '../../electron/services/development/pipeline';
import { discussMatter, proposeMatter } from '../../electron/services/practices/villageAffairs';
import { recordMeeting } from '../../electron/services/practices/orgLife';
import { addHelpEntry, createPair } from '../../electron/services/practices/pairing';
import { saveTrainingSession } from '../../electron/services/practices/training';
import { addFundIncome, createCareFund, recordAid } from '../../electron/services/practices/care';
import { saveDuesPayments, setDuesStandard } from '../../electron/services/development/dues';
import { saveAppraisals } from '../../electron/services/development/reviews';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'electron', 'cli.ts');
const MEMBERS = 150_000;

const cli = (dataDir: string, ...args: string[]) => runCli(dataDir, args);

/** Node itself with tsx's loader: the tsx command would run the CLI in a child a SIGKILL would not reach. */
function spawnCli(dataDir: string, ...args: string[]): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--data', dataDir, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PARTY_RECORDS_TODAY: CLI_TODAY } });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout!.resume();
  return { child, stderr: () => err };
}

/** Polls `ready` every 20 ms; kills with SIGKILL when it holds. Resolves true when killed, false when the process ended first. */
async function killWhen(child: ChildProcess, ready: () => boolean): Promise<boolean> {
  const exited = new Promise<boolean>((resolve) => child.on('exit', () => resolve(false)));
  const killed = (async () => {
    while (child.exitCode === null && child.signalCode === null) {
      if (ready()) {
        child.kill('SIGKILL');
        return true;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  })();
  const result = await Promise.race([killed, exited]);
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.on('close', r)));
  return result;
}

const tempFileIn = (dir: string) => () => fs.existsSync(dir) && fs.readdirSync(dir).some((n) => n.endsWith('.tmp') && fs.statSync(path.join(dir, n)).size > 1024 * 1024);

/** An archive at the first migration (0000_init) holding `n` members, written with plain SQL. */
async function archiveAtFirstMigration(dataDir: string, n: number): Promise<void> {
  const src = findMigrationsDir();
  const old = tempDir('pr-kill-migrations-');
  fs.mkdirSync(path.join(old, 'meta'));
  const journal = JSON.parse(fs.readFileSync(path.join(src, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, 1);
  fs.writeFileSync(path.join(old, 'meta', '_journal.json'), JSON.stringify(journal));
  fs.copyFileSync(path.join(src, `${journal.entries[0].tag}.sql`), path.join(old, `${journal.entries[0].tag}.sql`));
  const a = await openArchive(archiveFile(dataDir), { migrationsDir: old });
  const now = '2026-11-28T00:00:00.000Z';
  await a.transaction(async () => {
    await a.run(`INSERT INTO settings(key, value, seq) VALUES ('township', '{"code":"370783101","name":"东城镇"}', 1), ('rootOrgId', '"org-1"', 1), ('role', '"township"', 1)`);
    await a.run(
      `INSERT INTO organizations(id, name, type, sector, unit_situation, seq, created_at, updated_at) VALUES ('org-1', '东城镇党委', '611', 'rural', 'x', 1, ?, ?)`,
      [now, now],
    );
    await a.run(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO members(id, name, gender, id_number, ethnicity, birth_date, education, category, org_id, join_date, occupation, pinyin_full, pinyin_initials, seq, created_at, updated_at)
       SELECT printf('m-%08d', i), '党员' || i, '1', printf('3707831985%08d', i), '01', '1985-01-01', '21', 'full', 'org-1', '2010-07-01', '01', printf('dangyuan%08d', i), 'dy', 1, ?, ?
       FROM n`,
      [n, now, now],
    );
  });
  await a.close();
  fs.rmSync(old, { recursive: true, force: true });
}

async function memberCount(dataDir: string): Promise<number> {
  const a = await openArchive(archiveFile(dataDir), { migrate: false });
  try {
    return (await a.queryOne<{ n: number }>('SELECT count(*) AS n FROM members'))!.n;
  } finally {
    await a.close();
  }
}

describe('SIGKILL in the middle of the work', () => {
  let base: string; // an archive at 0000_init with MEMBERS members; copied by each test
  beforeAll(async () => {
    base = tempDir('pr-kill-base-');
    await archiveAtFirstMigration(base, MEMBERS);
  }, 300_000);
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  const copyBase = () => {
    const dir = tempDir('pr-kill-');
    fs.copyFileSync(archiveFile(base), archiveFile(dir));
    return dir;
  };

  it('a migration: killed after it announced the first pending migration, the archive is still at its old version, whole; then it migrates', async () => {
    const dir = copyBase();
    try {
      const { child, stderr } = spawnCli(dir, 'check');
      const killed = await killWhen(child, () => stderr().includes('正在升级数据库:'));
      expect(killed, stderr()).toBe(true);
      expect(child.signalCode).toBe('SIGKILL');
      // The verified backup taken before the migration is there.
      expect(fs.readdirSync(backupsDir(dir)).some((n) => /-before-migration\.db$/.test(n))).toBe(true);
      const a = await openArchive(archiveFile(dir), { migrate: false });
      const tags = (await a.query<{ tag: string }>('SELECT tag FROM __migrations')).map((r) => r.tag);
      const columns = (await a.query<{ name: string }>('PRAGMA table_info(members)')).map((c) => c.name);
      await a.close();
      expect(tags).toEqual(['0000_init']); // none of the migrations
      expect(columns).not.toContain('is_hardship');
      expect(await memberCount(dir)).toBe(MEMBERS);
      const check = cli(dir, 'check');
      expect(check.code, check.err).toBe(0);
      expect(await memberCount(dir)).toBe(MEMBERS);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  describe('on an archive at the current version', () => {
    let current: string;
    beforeAll(async () => {
      current = copyBase();
      await (await openArchive(archiveFile(current))).close();
      fs.rmSync(backupsDir(current), { recursive: true, force: true });
    }, 300_000);
    afterAll(() => fs.rmSync(current, { recursive: true, force: true }));
    const copyCurrent = () => {
      const dir = tempDir('pr-kill-');
      fs.copyFileSync(archiveFile(current), archiveFile(dir));
      return dir;
    };

    it('a backup: killed while the written snapshot is being verified, no backup is listed and the archive is whole', async () => {
      const dir = copyCurrent();
      try {
        const { child, stderr } = spawnCli(dir, 'backup');
        const killed = await killWhen(child, () => stderr().includes('正在校验备份') && tempFileIn(backupsDir(dir))());
        expect(killed, stderr()).toBe(true);
        expect(JSON.parse(cli(dir, 'backups', 'list', '--json').out)).toEqual([]);
        const check = cli(dir, 'check');
        expect(check.code, check.err).toBe(0);
        expect(await memberCount(dir)).toBe(MEMBERS);
        // And the next backup goes through.
        expect(cli(dir, 'backup').code).toBe(0);
        expect(JSON.parse(cli(dir, 'backups', 'list', '--json').out)).toHaveLength(1);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 300_000);

    it('a restore: killed while it keeps the current archive, the archive is the current one, whole (none of the restore)', async () => {
      const dir = copyCurrent();
      try {
        const backupFile = path.join(dir, 'earlier.db');
        expect(cli(dir, 'backup', '--out', backupFile).code).toBe(0);
        const a = await openArchive(archiveFile(dir));
        await a.run(`INSERT INTO members(id, name, gender, id_number, ethnicity, birth_date, education, category, org_id, join_date, occupation, pinyin_full, pinyin_initials, seq, created_at, updated_at)
          SELECT 'extra-' || id, name, gender, 'X' || id_number, ethnicity, birth_date, education, category, org_id, join_date, occupation, pinyin_full, pinyin_initials, seq, created_at, updated_at FROM members LIMIT 1000`);
        await a.close();
        const { child, stderr } = spawnCli(dir, 'restore', backupFile, '--yes');
        const killed = await killWhen(child, () => /正在备份当前档案…\n正在写入备份…\n正在校验备份…/.test(stderr()) && tempFileIn(backupsDir(dir))());
        expect(killed, stderr()).toBe(true);
        const check = cli(dir, 'check');
        expect(check.code, check.err).toBe(0);
        expect(await memberCount(dir)).toBe(MEMBERS + 1000);
        // Done again without a kill, the restore brings back the earlier rows.
        const again = cli(dir, 'restore', backupFile, '--yes');
        expect(again.code, again.err).toBe(0);
        expect(await memberCount(dir)).toBe(MEMBERS);
        expect(cli(dir, 'check').code).toBe(0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 300_000);

    it('an import: killed half-way through its one transaction, none of the roster is in the archive', async () => {
      const dir = copyCurrent();
      try {
        const big = path.join(dir, 'big.xlsx');
        await writeBigXlsx(big, 40_000);
        const { child, stderr } = spawnCli(dir, 'import', big, '--org', 'org-1');
        const killed = await killWhen(child, () => {
          const m = [...stderr().matchAll(/进度 (\d+)\//g)].pop();
          return m !== undefined && Number(m[1]) >= 20_000;
        });
        expect(killed, stderr()).toBe(true);
        const check = cli(dir, 'check');
        expect(check.code, check.err).toBe(0);
        expect(await memberCount(dir)).toBe(MEMBERS);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 300_000);
  });
});

describe('SIGKILL in the middle of a county import', () => {
  let town: string;
  let countyBase: string;
  let pkg: string;
  const TOWN_MEMBERS = 6000;
  beforeAll(() => {
    town = tempDir('pr-kill-town-');
    countyBase = tempDir('pr-kill-county-');
    const stick = tempDir('pr-kill-stick-');
    const ok = (r: { code: number | null; err: string }) => expect(r.code, r.err).toBe(0);
    ok(cli(town, 'init', '--code', '370783101', '--name', '东城镇'));
    ok(cli(town, 'demo', '--members', String(TOWN_MEMBERS)));
    ok(cli(countyBase, 'init', '--code', '370783000', '--name', '寿光市', '--role', 'county'));
    ok(cli(countyBase, 'keys', 'init'));
    ok(cli(countyBase, 'keys', 'export-public', '--out', path.join(stick, 'county.pub')));
    ok(cli(town, 'keys', 'init'));
    ok(cli(town, 'keys', 'import-county', path.join(stick, 'county.pub')));
    ok(cli(town, 'keys', 'export-public', '--out', path.join(stick, 'town.pub')));
    ok(cli(countyBase, 'keys', 'register-township', '--code', '370783101', '--name', '东城镇', '--pubkey', path.join(stick, 'town.pub')));
    const exp = cli(town, 'export', '--out', stick, '--json');
    ok(exp);
    pkg = (JSON.parse(exp.out) as { file: string }).file;
  }, 600_000);
  afterAll(() => {
    for (const d of [town, countyBase, path.dirname(pkg)]) fs.rmSync(d, { recursive: true, force: true });
  });

  const copyCounty = () => {
    const dir = tempDir('pr-kill-county-');
    fs.cpSync(countyBase, dir, { recursive: true });
    return dir;
  };
  const townshipMembers = (dir: string) => {
    const s = JSON.parse(cli(dir, 'county', 'status', '--json').out) as { townships: { code: string; memberCount: number; lastSequence: number }[] };
    return s.townships.find((t) => t.code === '370783101') ?? null;
  };

  it('killed while it applies the package (after “正在导入”, before “完成”), the county archive holds none of it; imported again, all of it', async () => {
    const control = copyCounty();
    const full = cli(control, 'county', 'import', pkg);
    expect(full.code, full.err).toBe(0);
    const expected = townshipMembers(control);
    expect(expected?.lastSequence).toBe(1);
    expect(expected?.memberCount).toBeGreaterThan(0);
    fs.rmSync(control, { recursive: true, force: true });

    const dir = copyCounty();
    try {
      const run = spawnCli(dir, 'county', 'import', pkg);
      const killed = await killWhen(run.child, () => run.stderr().includes('正在导入'));
      expect(killed, run.stderr()).toBe(true);
      // Proven mid-work: the import phase had begun and had not reported its end.
      expect(run.stderr()).not.toContain('完成');
      const check = cli(dir, 'check');
      expect(check.code, check.err).toBe(0);
      const after = townshipMembers(dir);
      expect(after === null || !after.lastSequence).toBe(true); // none of it
      const again = cli(dir, 'county', 'import', pkg);
      expect(again.code, again.err).toBe(0);
      const all = townshipMembers(dir);
      expect({ lastSequence: all?.lastSequence, memberCount: all?.memberCount }).toEqual({ lastSequence: expected?.lastSequence, memberCount: expected?.memberCount });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});

/**
 * The corrections are short transactions: no progress line to wait for. The CLI runs with a preload that
 * stops the process right after its k-th write statement (inside the transaction); killed there, the
 * archive must be exactly as before — for every k the correction writes — and `check` must pass.
 */
describe('SIGKILL inside a correction’s transaction', () => {
  const PRELOAD = path.join(ROOT, 'tests', 'support', 'killAtWrite.cjs');
  let base: string;
  const ids: Record<string, string> = {};

  function runWith(dataDir: string, env: Record<string, string>, args: string[]): { child: ChildProcess; stderr: () => string } {
    const child = spawn(process.execPath, ['--require', PRELOAD, '--import', 'tsx', CLI, '--data', dataDir, ...args], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PARTY_RECORDS_TODAY: CLI_TODAY, ...env },
    });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.resume();
    return { child, stderr: () => err };
  }
  const finished = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('close', (code) => resolve(code))));

  /** Every row of every table, in a stable order: the archive as a reader sees it. */
  async function dumpOf(dataDir: string): Promise<string> {
    const a = await openArchive(archiveFile(dataDir), { migrate: false });
    try {
      const tables = await a.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
      const out: unknown[] = [];
      for (const { name } of tables) out.push(name, (await a.query(`SELECT * FROM "${name}"`)).map((r) => JSON.stringify(r)).sort());
      return JSON.stringify(out);
    } finally {
      await a.close();
    }
  }

  beforeAll(async () => {
    base = tempDir('pr-kill-fix-');
    const archive = await openArchive(archiveFile(base));
    const ctx = { archive, actor: 'tester', today: CLI_TODAY };
    const s = await initTownship(ctx, { code: '370783101', name: '东城镇', role: 'township' });
    const branch = await createOrg(ctx, { parentId: s.rootOrgId!, name: '中共东村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' });
    const person = (name: string, seq: number) => ({ name, gender: '1', idNumber: makeIdNumber('370783', '1970-01-02', seq), ethnicity: '01', birthDate: '1970-01-02', education: '40', category: 'formal', orgId: branch.id, joinDate: '2001-07-01', fullDate: '2002-07-01', occupation: '2' });
    const contact = await createMember(ctx, person('孙立', 11));
    const dead = await createMember(ctx, person('李误', 13));
    await exitMember(ctx, dead.id, { reason: 'death', date: '2026-11-20' });
    ids.member = dead.id;
    const a = await createApplicant(ctx, { name: '周申', gender: '1', idNumber: makeIdNumber('370783', '1998-05-20', 21), ethnicity: '01', birthDate: '1998-05-20', education: '40', occupation: '2', orgId: branch.id, applicationDate: '2025-06-01' });
    await recordTalk(ctx, a.record.person.id, { date: '2025-06-20' });
    const activist = await makeActivist(ctx, a.record.person.id, { date: '2025-12-10', decidedBy: '支部委员会', contacts: [contact.id] });
    ids.step = activist.record.steps.at(-1)!.id;
    const matter = await proposeMatter(ctx, { orgId: branch.id, title: '村道硬化', proposedBy: '党员 孙立', date: '2026-02-01' });
    await discussMatter(ctx, { id: matter.id, date: '2026-02-10', amended: false });
    ids.matter = matter.id;
    ids.meeting = (await recordMeeting(ctx, { orgId: branch.id, kind: 'congress', date: '2026-03-10', topic: '学习会', presidedBy: '孙立', attendance: [{ memberId: contact.id, status: 'present' }] })).id;
    const pair = await createPair(ctx, { name: '镇农技站—东村结对', kind: 'dept_village', startDate: '2026-01-05', units: [{ role: 'helper', name: '镇农技站' }, { role: 'helped', name: '东村', orgId: branch.id }] });
    ids.help = (await addHelpEntry(ctx, { pairId: pair.id, date: '2026-03-01', measures: 2 })).id;
    ids.training = (await saveTrainingSession(ctx, { date: '2026-04-10', topic: '学习党章', placeKind: 'party_school', place: '镇党校', hours: 8, organizer: '镇党委', attendeeIds: [contact.id] })).id;
    const fund = await createCareFund(ctx, { name: '关爱基金' });
    await addFundIncome(ctx, { fundId: fund.id, date: '2026-01-05', amountFen: 100_000, source: '拨付' });
    ids.aid = (await recordAid(ctx, { memberId: contact.id, date: '2026-06-01', kind: 'condolence', amountFen: 50_000, fundId: fund.id, givenBy: '刘明' })).id;
    ids.payer = contact.id;
    await setDuesStandard(ctx, { memberId: contact.id, fromMonth: '2026-01', basis: 'salary', incomeFen: 490_000 });
    await saveDuesPayments(ctx, { orgId: branch.id, year: 2026, paidDate: '2026-11-20', entries: [{ memberId: contact.id, month: '2026-03', amountFen: 4_900 }] });
    await saveAppraisals(ctx, { year: 2026, orgId: branch.id, rows: [{ memberId: contact.id, grade: 'excellent' }] });
    await archive.close();
  }, 120_000);
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  const corrections: [string, () => string[]][] = [
    ['撤销出党', () => ['members', 'undo-exit', ids.member, '--reason', '误登记为死亡']],
    ['作废发展党员步骤', () => ['development', 'void-step', ids.step, '--reason', '误登记']],
    ['更正发展党员步骤的日期', () => ['development', 'correct-step', ids.step, '--date', '2025-12-20', '--reason', '日期录错']],
    ['删除会议记录', () => ['meetings', 'delete', ids.meeting, '--reason', '重复登记']],
    ['撤回五事工作法步骤', () => ['affairs', 'undo', ids.matter, '--reason', '联席会议未开']],
    ['删除帮扶记录', () => ['pairing', 'delete-help', ids.help, '--reason', '重复登记']],
    ['更正培训', () => ['training', 'correct', ids.training, '--hours', '4', '--reason', '学时录错']],
    ['删除培训', () => ['training', 'delete', ids.training, '--reason', '重复登记']],
    ['更正党内关爱', () => ['care', 'correct-aid', ids.aid, '--amount', '50', '--reason', '多打了一个零']],
    ['删除党内关爱', () => ['care', 'delete-aid', ids.aid, '--reason', '重复登记']],
    ['更正党费', () => ['dues', 'correct', ids.payer, '2026-03', '--amount', '50', '--reason', '核对收据']],
    ['更正民主评议', () => ['reviews', 'correct', ids.payer, '--year', '2026', '--grade', '合格', '--reason', '录入时选错']],
  ];

  for (const [what, args] of corrections) {
    it(`${what}: killed after each of its writes, the archive is exactly as before; run whole, it is done`, async () => {
      const dir = tempDir('pr-kill-fix-run-');
      try {
        fs.copyFileSync(archiveFile(base), archiveFile(dir));
        const before = await dumpOf(dir);
        // How many writes the correction makes, counted on a copy.
        const probe = tempDir('pr-kill-fix-probe-');
        fs.copyFileSync(archiveFile(base), archiveFile(probe));
        const counted = runWith(probe, { KILL_COUNT_WRITES: '1' }, args());
        expect(await finished(counted.child), counted.stderr()).toBe(0);
        const writes = Number(/WRITES (\d+)/.exec(counted.stderr())?.[1]);
        fs.rmSync(probe, { recursive: true, force: true });
        expect(writes).toBeGreaterThan(1);
        for (let k = 1; k <= writes; k++) {
          const r = runWith(dir, { KILL_AT_WRITE: String(k) }, args());
          expect(await killWhen(r.child, () => r.stderr().includes('KILL-POINT')), `write ${k} of ${writes}`).toBe(true);
          expect(await dumpOf(dir), `killed after write ${k} of ${writes}`).toBe(before);
        }
        expect(cli(dir, 'check').code).toBe(0);
        const whole = runWith(dir, {}, args());
        expect(await finished(whole.child), whole.stderr()).toBe(0);
        expect(await dumpOf(dir)).not.toBe(before);
        expect(cli(dir, 'check').code).toBe(0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 300_000);
  }
});
