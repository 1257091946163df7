// The corrections from the command line, as a user runs them: a real CLI process on a real archive file,
// each with its reason; a correction without one is refused with exit code 1 and a Chinese message.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { initTownship } from '../../electron/services/core/settings';
import { createOrg } from '../../electron/services/organizations/organizations';
import { createMember } from '../../electron/services/members/members';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { createApplicant, recordTalk } from '../../electron/services/development/pipeline';
import { discussMatter, proposeMatter } from '../../electron/services/practices/villageAffairs';
import { recordMeeting } from '../../electron/services/practices/orgLife';
import { addHelpEntry, createPair } from '../../electron/services/practices/pairing';
import { saveTrainingSession } from '../../electron/services/practices/training';
import { addFundIncome, createCareFund, recordAid } from '../../electron/services/practices/care';
import { saveDuesPayments, setDuesStandard } from '../../electron/services/development/dues';
import { saveAppraisals } from '../../electron/services/development/reviews';
import { tempDir } from '../support/tempArchive';
import { runCli } from '../support/cli';

const cli = (dataDir: string, ...args: string[]) => runCli(dataDir, args);

describe('corrections from the command line', () => {
  let dir: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    dir = tempDir('pr-cli-fix-');
    const archive = await openArchive(archiveFile(dir));
    const ctx = { archive, actor: 'tester', today: '2026-11-28' };
    const s = await initTownship(ctx, { code: '370783101', name: '东城镇', role: 'township' });
    const branch = await createOrg(ctx, { parentId: s.rootOrgId!, name: '中共东村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' });
    const m = await createMember(ctx, { name: '孙立', gender: '1', idNumber: makeIdNumber('370783', '1970-01-02', 11), ethnicity: '01', birthDate: '1970-01-02', education: '40', category: 'formal', orgId: branch.id, joinDate: '2001-07-01', fullDate: '2002-07-01', occupation: '2' });
    const a = await createApplicant(ctx, { name: '周申', gender: '1', idNumber: makeIdNumber('370783', '1998-05-20', 21), ethnicity: '01', birthDate: '1998-05-20', education: '40', occupation: '2', orgId: branch.id, applicationDate: '2026-06-01' });
    ids.person = a.record.person.id;
    await recordTalk(ctx, ids.person, { date: '2026-06-20', decidedBy: '支部委员 王明' });
    const matter = await proposeMatter(ctx, { orgId: branch.id, title: '村道硬化', proposedBy: '党员 孙立', date: '2026-02-01' });
    await discussMatter(ctx, { id: matter.id, date: '2026-02-10', amended: false });
    ids.matter = matter.id;
    ids.meeting = (await recordMeeting(ctx, { orgId: branch.id, kind: 'congress', date: '2026-03-10', topic: '学习会', presidedBy: '孙立', attendance: [{ memberId: m.id, status: 'present' }] })).id;
    const pair = await createPair(ctx, { name: '镇农技站—东村结对', kind: 'dept_village', startDate: '2026-01-05', units: [{ role: 'helper', name: '镇农技站' }, { role: 'helped', name: '东村', orgId: branch.id }] });
    ids.help = (await addHelpEntry(ctx, { pairId: pair.id, date: '2026-03-01', measures: 2 })).id;
    await archive.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a development step is corrected and then voided, each with its reason; the steps list says so', () => {
    const steps = JSON.parse(cli(dir, 'development', 'steps', ids.person, '--json').out) as { id: string; kind: string }[];
    const talk = steps.find((s) => s.kind === 'talk')!;
    const refused = cli(dir, 'development', 'void-step', talk.id);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('请填写作废的原因');
    const corrected = cli(dir, 'development', 'correct-step', talk.id, '--date', '2026-06-22', '--reason', '谈话记录上是6月22日');
    expect(corrected.err).toBe('');
    expect(corrected.out.trim()).toBe('已更正:周申');
    const now = JSON.parse(cli(dir, 'development', 'steps', ids.person, '--json').out) as { id: string; kind: string; stepDate: string; voidedAt: string | null }[];
    const standing = now.filter((s) => s.kind === 'talk' && !s.voidedAt);
    expect(standing.map((s) => s.stepDate)).toEqual(['2026-06-22']);
    const voided = cli(dir, 'development', 'void-step', standing[0].id, '--reason', '实际尚未谈话');
    expect(voided.out.trim()).toBe('已作废;周申现在的培养阶段:递交入党申请书');
    expect(cli(dir, 'development', 'steps', ids.person).out).toContain('作废:实际尚未谈话');
  }, 120_000);

  it('a 五事 step is taken back, a meeting and a help entry deleted, each with its reason', () => {
    expect(cli(dir, 'affairs', 'undo', ids.matter, '--reason', '联席会议未开').out.trim()).toBe('已撤回:“村道硬化”现在已提事,待议事');
    expect(cli(dir, 'meetings', 'delete', ids.meeting, '--reason', '重复登记').out.trim()).toBe('已删除会议记录');
    expect(cli(dir, 'pairing', 'delete-help', ids.help, '--reason', '重复登记').out.trim()).toBe('已删除帮扶记录');
    const audit = cli(dir, 'audit', 'list', '--json');
    const actions = (JSON.parse(audit.out) as { rows?: { actionLabel: string }[] } | { actionLabel: string }[]);
    const labels = (Array.isArray(actions) ? actions : actions.rows ?? []).map((r) => r.actionLabel);
    expect(labels).toEqual(expect.arrayContaining(['撤回五事工作法步骤', '删除会议记录', '删除帮扶记录', '作废发展党员步骤']));
  }, 120_000);
});

describe('corrections of training, care, dues and reviews from the command line', () => {
  let dir: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    dir = tempDir('pr-cli-fix2-');
    const archive = await openArchive(archiveFile(dir));
    const ctx = { archive, actor: 'tester', today: '2026-11-28' };
    const s = await initTownship(ctx, { code: '370783101', name: '东城镇', role: 'township' });
    const branch = await createOrg(ctx, { parentId: s.rootOrgId!, name: '中共东村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' });
    const m = await createMember(ctx, { name: '孙立', gender: '1', idNumber: makeIdNumber('370783', '1970-01-02', 11), ethnicity: '01', birthDate: '1970-01-02', education: '40', category: 'formal', orgId: branch.id, joinDate: '2001-07-01', fullDate: '2002-07-01', occupation: '2' });
    ids.member = m.id;
    ids.training = (await saveTrainingSession(ctx, { date: '2026-04-10', topic: '学习党章', placeKind: 'party_school', place: '镇党校', hours: 8, organizer: '镇党委', attendeeIds: [m.id] })).id;
    ids.training2 = (await saveTrainingSession(ctx, { date: '2026-05-10', topic: '重复的一期', placeKind: 'party_school', place: '镇党校', hours: 2, organizer: '镇党委', attendeeIds: [m.id] })).id;
    const fund = await createCareFund(ctx, { name: '关爱基金' });
    await addFundIncome(ctx, { fundId: fund.id, date: '2026-01-05', amountFen: 100_000, source: '拨付' });
    ids.aid = (await recordAid(ctx, { memberId: m.id, date: '2026-06-01', kind: 'condolence', amountFen: 50_000, fundId: fund.id, givenBy: '刘明' })).id;
    await setDuesStandard(ctx, { memberId: m.id, fromMonth: '2026-01', basis: 'salary', incomeFen: 490_000 });
    await saveDuesPayments(ctx, { orgId: branch.id, year: 2026, paidDate: '2026-11-20', entries: [{ memberId: m.id, month: '2026-03', amountFen: 4_900 }] });
    await saveAppraisals(ctx, { year: 2026, orgId: branch.id, rows: [{ memberId: m.id, grade: 'excellent' }] });
    await archive.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('each correction is refused without its reason and done with it; the audit log names each', () => {
    const refused = cli(dir, 'training', 'delete', ids.training2);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('请填写删除的原因');
    expect(cli(dir, 'training', 'correct', ids.training, '--hours', '4', '--reason', '学时录错').out.trim()).toBe('已更正培训:2026-04-10 学习党章 4 学时,1 人参加');
    expect(cli(dir, 'training', 'delete', ids.training2, '--reason', '重复登记').out.trim()).toBe('已删除培训');
    expect(cli(dir, 'care', 'correct-aid', ids.aid, '--amount', '50', '--reason', '多打了一个零').out.trim()).toBe('已更正:孙立 2026-06-01 慰问金 50.00 元');
    expect(cli(dir, 'dues', 'correct', ids.member, '2026-03', '--amount', '4900').code).toBe(1);
    const unusual = cli(dir, 'dues', 'correct', ids.member, '2026-03', '--amount', '490', '--reason', '核对收据');
    expect(unusual.code).toBe(1);
    expect(unusual.err).toContain('孙立 2026-03 交纳 490.00 元,月标准 49.00 元');
    expect(cli(dir, 'dues', 'correct', ids.member, '2026-03', '--amount', '50', '--reason', '核对收据').out.trim()).toBe('已更正 2026-03 的党费为 50.00 元');
    expect(cli(dir, 'reviews', 'correct', ids.member, '--year', '2026', '--grade', '合格', '--reason', '录入时选错').out.trim()).toBe('已更正 2026 年度评议等次为 合格');
    expect(cli(dir, 'care', 'delete-aid', ids.aid, '--reason', '重复登记').out.trim()).toBe('已删除关爱记录');
    const audit = JSON.parse(cli(dir, 'audit', 'list', '--json').out) as { rows?: { actionLabel: string; changes: string }[] } | { actionLabel: string; changes: string }[];
    const rows = Array.isArray(audit) ? audit : audit.rows ?? [];
    expect(rows.map((r) => r.actionLabel)).toEqual(expect.arrayContaining(['更正培训', '删除培训', '更正党内关爱', '删除党内关爱', '更正党费', '更正民主评议']));
    expect(rows.find((r) => r.actionLabel === '更正党费')!.changes).toContain('金额:49.00 元 → 50.00 元');
  }, 180_000);
});
