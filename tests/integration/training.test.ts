// 培训 against a real archive file: sessions with attendees, 人次 and 学时 per member and year, members below
// the yearly target (a setting, audited), every refusal in Chinese naming the field or member and leaving
// nothing written, and the summary figures recomputed from the raw rows with plain SQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/services/audit/audit';
import {
  DEFAULT_TRAINING_TARGET, deleteTrainingSession, getTrainingSession, listTrainingSessions, saveTrainingSession, setTrainingTarget, trainingHours, trainingSummary, type TrainingSessionInput,
} from '../../electron/services/practices/training';
import { careTownship, refusal, snapshot, type CareTownship } from '../support/careFixture';

let c: CareTownship;
const TABLES = ['training_sessions', 'training_attendees'];
const session = (over: Partial<TrainingSessionInput> = {}): TrainingSessionInput => ({
  date: '2026-04-10', topic: '学习党的二十届三中全会精神', placeKind: 'party_school', place: '镇党校', hours: 8, organizer: '镇党委组织办', attendeeIds: [c.zhang, c.li], ...over,
});

beforeEach(async () => {
  c = await careTownship();
});
afterEach(async () => {
  await c.t.close();
});

describe('training sessions', () => {
  it('records a session with its attendees and lists it in its year', async () => {
    const s = await saveTrainingSession(c.t.ctx, session({ attendeeIds: [c.zhang, c.li, c.zhang] }));
    expect(s).toMatchObject({ topic: '学习党的二十届三中全会精神', placeKindLabel: '党校', hours: 8, attendees: 2, personHours: 16 });
    expect(s.attendeeList.map((a) => a.name).sort()).toEqual(['张建国', '李秀英']);
    expect((await listTrainingSessions(c.t.ctx, 2026)).map((x) => x.id)).toEqual([s.id]);
    expect(await listTrainingSessions(c.t.ctx, 2025)).toEqual([]);
    const audit = await c.t.archive.queryOne<{ action: string; after: string }>("SELECT action, after FROM audit_log WHERE entity = 'training_sessions'");
    expect(audit!.action).toBe('training.create');
    expect(JSON.parse(audit!.after)).toMatchObject({ attendees: 2, hoursTenths: 80 });
  });

  it('an update replaces the attendee list; a delete removes the attendance too; both audited', async () => {
    const s = await saveTrainingSession(c.t.ctx, session());
    const u = await saveTrainingSession(c.t.ctx, session({ id: s.id, hours: 3.5, attendeeIds: [c.li, c.wang], reason: '学时和参加人录错' }));
    expect(u.attendeeList.map((a) => a.name).sort()).toEqual(['李秀英', '王志强']);
    expect(u.hours).toBe(3.5);
    expect(u.personHours).toBe(7);
    await deleteTrainingSession(c.t.ctx, s.id, { reason: '重复登记' });
    expect(await snapshot(c.t, TABLES)).toMatchObject({ training_sessions: 0, training_attendees: 0 });
    await expect(getTrainingSession(c.t.ctx, s.id)).rejects.toThrow(/找不到培训/);
    const actions = (await c.t.archive.query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'training_sessions' ORDER BY id")).map((r) => r.action);
    expect(actions).toEqual(['training.create', 'training.correct', 'training.delete']);
    expect((await verifyAuditChain(c.t.archive)).intact).toBe(true);
  });

  it('refuses impossible dates, hours out of range and unknown places, naming each field, writing nothing', async () => {
    const before = await snapshot(c.t, TABLES);
    expect(await refusal(saveTrainingSession(c.t.ctx, session({ date: '2026-02-30' })))).toContain('培训日期“2026-02-30”不是有效日期');
    expect(await refusal(saveTrainingSession(c.t.ctx, session({ date: '2026-12-01' })))).toContain('不能晚于今天(2026-11-28)');
    expect(await refusal(saveTrainingSession(c.t.ctx, session({ hours: 0 })))).toContain('学时应在 0.5 至 120 之间,填写的是 0');
    expect(await refusal(saveTrainingSession(c.t.ctx, session({ hours: 121 })))).toContain('填写的是 121');
    expect(await refusal(saveTrainingSession(c.t.ctx, session({ hours: 1.25 })))).toContain('学时最多保留一位小数');
    expect(await refusal(saveTrainingSession(c.t.ctx, session({ placeKind: 'cinema' })))).toContain('请选择培训地点类别');
    expect(await refusal(saveTrainingSession(c.t.ctx, session({ topic: '  ', attendeeIds: [] })))).toMatch(/请填写培训主题.*请至少选择一名参加培训的党员/);
    expect(await snapshot(c.t, TABLES)).toEqual(before);
  });

  it('refuses a member not in the archive, one who had left, one who had not joined yet, writing nothing', async () => {
    const before = await snapshot(c.t, TABLES);
    expect(await refusal(saveTrainingSession(c.t.ctx, session({ attendeeIds: [c.zhang, 'no-such-member'] })))).toContain('档案中没有这名党员(no-such-member)');
    expect(await refusal(saveTrainingSession(c.t.ctx, session({ attendeeIds: [c.zhang, c.gone] })))).toContain('钱已故已于 2026-03-01 死亡,不能登记参加 2026-04-10 的培训');
    expect(await refusal(saveTrainingSession(c.t.ctx, session({ attendeeIds: [c.late] })))).toContain('孙新党于 2026-07-01 入党,2026-04-10 时还不是党员');
    // Before the exit the member could attend.
    await saveTrainingSession(c.t.ctx, session({ date: '2026-02-20', attendeeIds: [c.gone] }));
    expect((await snapshot(c.t, TABLES)).training_attendees).toBe(before.training_attendees + 1);
    // An update refused on a member leaves the stored session as it was.
    const s = await saveTrainingSession(c.t.ctx, session());
    const mid = await snapshot(c.t, TABLES);
    await refusal(saveTrainingSession(c.t.ctx, session({ id: s.id, topic: '改过的主题', attendeeIds: [c.gone], reason: '主题录错' })));
    expect(await snapshot(c.t, TABLES)).toEqual(mid);
    expect((await getTrainingSession(c.t.ctx, s.id)).topic).toBe('学习党的二十届三中全会精神');
  });
});

describe('hours per member and the yearly target', () => {
  it('counts 人次 and 学时 per member within the year and lists those below the target', async () => {
    expect((await trainingHours(c.t.ctx, 2026)).target).toBe(DEFAULT_TRAINING_TARGET);
    await saveTrainingSession(c.t.ctx, session({ date: '2026-03-01', hours: 24, attendeeIds: [c.zhang, c.li, c.old] }));
    await saveTrainingSession(c.t.ctx, session({ date: '2026-09-01', hours: 8.5, placeKind: 'remote_site', place: '后李村远程教育站点', attendeeIds: [c.zhang, c.late] }));
    await saveTrainingSession(c.t.ctx, session({ date: '2025-12-31', hours: 40, attendeeIds: [c.li] })); // last year: does not count
    const r = await trainingHours(c.t.ctx, 2026);
    const of = (id: string) => r.rows.find((x) => x.memberId === id);
    expect(of(c.zhang)).toMatchObject({ sessions: 2, hours: 32.5, belowTarget: false });
    expect(of(c.li)).toMatchObject({ sessions: 1, hours: 24, belowTarget: true });
    expect(of(c.wang)).toMatchObject({ sessions: 0, hours: 0, belowTarget: true });
    expect(of(c.gone)).toBeUndefined(); // left the roll during the year
    expect(r.rows.length).toBe(5);
    expect(r.belowTarget).toBe(4);
    const below = await trainingHours(c.t.ctx, 2026, { onlyBelow: true });
    expect(below.rows.map((x) => x.name).sort()).toEqual(['孙新党', '李秀英', '王志强', '赵老党']);
    // The office lowers the target: the member at 24 学时 is no longer below it; the change is audited.
    await setTrainingTarget(c.t.ctx, 24);
    const lowered = await trainingHours(c.t.ctx, 2026, { onlyBelow: true });
    expect(lowered.rows.map((x) => x.name).sort()).toEqual(['孙新党', '王志强']);
    const audit = await c.t.archive.queryOne<{ before: string; after: string }>("SELECT before, after FROM audit_log WHERE action = 'training.target'");
    expect([JSON.parse(audit!.before), JSON.parse(audit!.after)]).toEqual([32, 24]);
    expect(await refusal(setTrainingTarget(c.t.ctx, 0))).toContain('每年培训学时目标应为1至200之间的整数');
  });

  it('the summary agrees with plain SQL over the raw rows', async () => {
    await saveTrainingSession(c.t.ctx, session({ date: '2026-03-01', hours: 24, attendeeIds: [c.zhang, c.li, c.old] }));
    await saveTrainingSession(c.t.ctx, session({ date: '2026-05-12', hours: 2.5, placeKind: 'outside_base', place: '昆山外埠培训基地', attendeeIds: [c.zhang, c.wang] }));
    await saveTrainingSession(c.t.ctx, session({ date: '2026-09-01', hours: 8, placeKind: 'remote_site', place: '后李村远程教育站点', attendeeIds: [c.zhang, c.late] }));
    await saveTrainingSession(c.t.ctx, session({ date: '2025-06-01', hours: 40, attendeeIds: [c.li, c.wang] }));
    const s = await trainingSummary(c.t.ctx, 2026);
    const raw = await c.t.archive.queryOne<{ sessions: number; personTimes: number; tenths: number; members: number }>(
      `SELECT (SELECT count(*) FROM training_sessions WHERE session_date LIKE '2026-%') AS sessions,
              count(*) AS personTimes, sum(s.hours_tenths) AS tenths, count(DISTINCT a.member_id) AS members
       FROM training_attendees a JOIN training_sessions s ON s.id = a.session_id WHERE s.session_date LIKE '2026-%'`,
    );
    const rawBelow = await c.t.archive.queryOne<{ n: number; roll: number }>(
      `SELECT count(*) AS roll, sum(CASE WHEN coalesce((SELECT sum(s.hours_tenths) FROM training_attendees a JOIN training_sessions s ON s.id = a.session_id
                                                     WHERE a.member_id = m.id AND s.session_date LIKE '2026-%'), 0) < 320 THEN 1 ELSE 0 END) AS n
       FROM members m WHERE m.join_date <= '2026-11-28' AND (m.exit_reason IS NULL OR m.exit_date > '2026-11-28')`,
    );
    expect(s).toEqual({
      sessions: raw!.sessions, byPlaceKind: { party_school: 1, remote_site: 1, outside_base: 1 }, personTimes: raw!.personTimes, personHours: raw!.tenths / 10,
      membersTrained: raw!.members, target: 32, onRoll: rawBelow!.roll, belowTarget: rawBelow!.n,
    });
    expect([s.sessions, s.personTimes, s.personHours, s.membersTrained, s.belowTarget]).toEqual([3, 7, 24 * 3 + 5 + 16, 5, 4]);
  });
});
