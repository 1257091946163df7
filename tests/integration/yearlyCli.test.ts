// The yearly work of a branch outside the window: `analyses`, `registrations` and `disposals` print the figures
// of the 年度工作 page's tabs (--json: the page's own data; --html: its A4 list), after notes, outcomes and a
// 限期改正 saved through the calls the page uses. A grid with one bad line (月标准, 三年登记) writes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { initTownship } from '../../electron/services/core/settings';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { createDispatcher } from '../../electron/api/dispatcher';
import { tempDir } from '../support/tempArchive';
import { CLI_TODAY, runCli } from '../support/cli';

let dir: string;
let orgId: string;
let members: { memberId: string; name: string; category: string }[];
let unqualified: { memberId: string; name: string };

beforeAll(async () => {
  dir = tempDir('pr-yearly-');
  const archive = await openArchive(archiveFile(dir));
  const ctx = { archive, actor: 'test', today: CLI_TODAY };
  await initTownship(ctx, { code: '370783101', name: '东城镇', role: 'township' });
  await loadDemoTownship(ctx, { members: 300, seed: 6 });
  const dispatcher = createDispatcher(archive, { today: CLI_TODAY });
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await dispatcher.dispatch(name, input, { actor: 'test', trusted: true });
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as T;
  };
  const tree = await call<{ id: string; type: string; status: string; memberCount: number }[]>('orgTree', {});
  orgId = tree.find((o) => o.type === 'branch' && o.status === 'active' && o.memberCount >= 8)!.id;
  members = (await call<{ rows: typeof members }>('analysisGrid', { orgId, period: '2026H2' })).rows;
  await call('saveAnalyses', { orgId, period: '2026H2', rows: [{ memberId: members[0].memberId, note: '学习积极,带头致富' }, { memberId: members[1].memberId, note: '按时参加组织生活' }] });
  await call('saveRegistrations', { orgId, year: 2026, date: '2026-11-20', rows: [{ memberId: members[0].memberId, outcome: '登记' }, { memberId: members[1].memberId, outcome: '登记' }, { memberId: members[2].memberId, outcome: '暂缓登记', note: '长期外出未联系' }] });
  const formal = members.filter((m) => m.category === 'formal')[3];
  await call('saveAppraisals', { year: 2026, orgId, rows: [{ memberId: formal.memberId, grade: 'unqualified', note: null }] });
  await call('recordDisposal', { memberId: formal.memberId, year: 2026, kind: 'correct', decidedDate: '2026-11-25', deadline: '2027-05-25', note: null });
  unqualified = formal;

  // One bad line and nothing of the grid is written.
  const before = await call<{ rows: { memberId: string; outcome: string | null }[] }>('registrationGrid', { orgId, year: 2026 });
  const r = await dispatcher.dispatch('saveRegistrations', { orgId, year: 2026, date: '2026-11-20', rows: [{ memberId: members[3].memberId, outcome: '登记' }, { memberId: members[4].memberId, outcome: '合格' }] }, { actor: 'test', trusted: true });
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.message).toContain(`第 2 行(${members[4].name})`);
  expect(await call('registrationGrid', { orgId, year: 2026 })).toEqual(before);
  const standards = await call<unknown>('duesStandardsGrid', { orgId });
  const s = await dispatcher.dispatch('setDuesStandards', { orgId, fromMonth: '2026-11', rows: [{ memberId: members[0].memberId, basis: 'farmer', fixedFen: 50 }, { memberId: members[1].memberId, basis: 'farmer', fixedFen: 500 }] }, { actor: 'test', trusted: true });
  expect(s.ok).toBe(false);
  expect(await call('duesStandardsGrid', { orgId })).toEqual(standards);
  await archive.close();
}, 180_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the yearly work on the CLI', () => {
  it('analyses --json gives the tab’s figures; the text says them; --html is the A4 list', () => {
    const j = runCli(dir, ['analyses', '--org', orgId, '--period', '2026H2', '--json']);
    expect(j.code).toBe(0);
    const g = JSON.parse(j.out) as { analysed: number; rows: { memberId: string; note: string | null }[]; label: string; orgName: string };
    expect(g.analysed).toBe(2);
    expect(g.rows.find((r) => r.memberId === members[0].memberId)!.note).toBe('学习积极,带头致富');
    expect(runCli(dir, ['analyses', '--org', orgId, '--period', '2026H2']).out).toContain(`${g.orgName} 2026年下半年党员分析:党员 ${g.rows.length} 名,已分析 2 名,尚未分析 ${g.rows.length - 2} 名`);
    const file = path.join(dir, 'analyses.html');
    expect(runCli(dir, ['analyses', '--org', orgId, '--period', '2026H2', '--html', file]).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toContain('已分析<span class="count">(2 条)</span>');
    expect(runCli(dir, ['analyses', '--org', orgId, '--period', '2026-2']).err).toContain('--period 应为如 2026H1');
  }, 60_000);

  it('registrations --json gives each outcome and the branch’s summary', () => {
    const s = JSON.parse(runCli(dir, ['registrations', '--org', orgId, '--year', '2026', '--json']).out) as { summary: { outcome: string; count: number }[]; notRegistered: number; rows: unknown[] };
    expect(s.summary).toEqual([{ outcome: '登记', count: 2 }, { outcome: '暂缓登记', count: 1 }, { outcome: '不予登记', count: 0 }]);
    expect(s.notRegistered).toBe(s.rows.length - 3);
    expect(runCli(dir, ['registrations', '--org', orgId, '--year', '2026']).out).toContain(`登记 2 名,暂缓登记 1 名,不予登记 0 名;尚未登记 ${s.notRegistered} 名`);
  }, 60_000);

  it('disposals --json lists the 不合格 with the 限期改正 and its deadline; the township’s list holds it too', () => {
    const d = JSON.parse(runCli(dir, ['disposals', '--year', '2026', '--org', orgId, '--json']).out) as { lines: { memberId: string; disposals: { kind: string; deadline: string | null }[] }[]; counts: { kind: string; count: number }[]; pending: number };
    const line = d.lines.find((l) => l.memberId === unqualified.memberId)!;
    expect(line.disposals).toMatchObject([{ kind: 'correct', deadline: '2027-05-25' }]);
    expect(d.counts.find((c) => c.kind === 'correct')!.count).toBeGreaterThanOrEqual(1);
    const text = runCli(dir, ['disposals', '--year', '2026']).out;
    expect(text).toContain(`${unqualified.name}`);
    expect(text).toContain('2026-11-25 限期改正(改正期限至 2027-05-25)');
    // Its 待办, until the deadline.
    const r = JSON.parse(runCli(dir, ['reminders', '--json']).out) as { items: { kind: string; targetId: string; dueDate: string; overdue: boolean }[] };
    expect(r.items.find((i) => i.kind === 'correctionDue' && i.targetId === unqualified.memberId)).toMatchObject({ dueDate: '2027-05-25', overdue: false });
  }, 60_000);
});
