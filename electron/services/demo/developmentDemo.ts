// The demo township's development pipeline and yearly work, loaded after its members inside the same
// transaction and deterministic from the seed (no Math.random, no clock beyond the context's today):
// people in every state the 待办 list needs (applicants waiting for their talk, activists due for review or
// eligible, 发展对象, resolutions waiting for 党委 approval past three months, admitted and approved), a
// 预备党员 whose probation ends within a month, 党费 standards and payments for the current year with some
// arrears of six months and more, and 民主评议 for the previous and current year in some branches.
// The pipeline goes through the services (so every record obeys the rules); the bulk rows (dues,
// appraisals) are multi-row inserts with one audit entry each, like the demo's members.
import { newId } from '../core/ids';
import { nowIso, todayOf, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { createRng, type Rng } from './township/random';
import { CLAN_SURNAMES } from './township/names';
import { makeIdNumber } from '../members/idNumber';
import { addMonths } from '../members/life/lifeCommon';
import { updateMember } from '../members/members';

/** A 工作岗位 of each 职业 class the demo's applicants have. */
const ADMITTED_POST: Record<string, string> = {
  '1': '非公有企业工勤岗位', '2': '农牧渔业生产人员', '3': '非公有经济控制企业专业技术岗位', '7': '个体工商户中的从业人员',
};
import {
  admitProbationary, approveAdmission, createApplicant, makeActivist, makeCandidate, recordActivistReview, recordPoliticalReview, recordPublicity,
  recordTalk, recordTraining, withdrawDevelopment,
} from '../development/pipeline';
import { monthlyDues, type DuesBasis } from '../development/dues';

const GIVEN = ['志强', '海燕', '晓东', '丽娜', '建华', '文静', '子豪', '欣怡', '明轩', '雨萱', '浩然', '佳琪', '俊杰', '梦瑶', '宇航', '思雨', '家乐', '一诺', '博文', '诗涵'];
const addDays = (date: string, n: number) => new Date(Date.parse(date) + n * 86_400_000).toISOString().slice(0, 10);
/** The Monday on or before a date (公示 starts on a Monday so that five working days end on Friday). */
const mondayOnOrBefore = (date: string) => addDays(date, -((new Date(date).getUTCDay() + 6) % 7));

type Plan = 'talkDue' | 'talkOverdue' | 'activistReview' | 'activistEligible' | 'candidate' | 'awaitingApproval' | 'approved' | 'probationEnding' | 'withdrawn';
const PLANS: Plan[] = ['talkDue', 'talkOverdue', 'activistReview', 'activistEligible', 'candidate', 'awaitingApproval', 'approved', 'probationEnding', 'withdrawn'];

export async function insertDemoDevelopment(ctx: ServiceContext, seed: number): Promise<{ people: number }> {
  const rng = createRng(seed * 7919 + 4);
  const today = todayOf(ctx);
  const branches = await ctx.archive.query<{ id: string; name: string }>(
    `SELECT o.id, o.name FROM organizations o WHERE o.type IN ('branch', 'joint_branch') AND o.status = 'active'
     AND (SELECT count(*) FROM members m WHERE m.org_id = o.id AND m.exit_reason IS NULL AND m.category = 'formal') >= 5 ORDER BY o.sort_order LIMIT 12`,
  );
  if (!branches.length) return { people: 0 };
  let people = 0;
  let serial = 0;
  for (const [bi, branch] of branches.entries()) {
    // 培养联系人 and 入党介绍人: full members long before any date of the plans (the oldest is about three years back).
    const longAgo = addMonths(today, -48);
    const formal = (await ctx.archive.query<{ id: string }>(
      "SELECT id FROM members WHERE org_id = ? AND exit_reason IS NULL AND category = 'formal' AND coalesce(full_date, join_date) < ? ORDER BY pinyin_full LIMIT 3", [branch.id, longAgo],
    )).map((r) => r.id);
    if (formal.length < 3) continue;
    // Every branch gets a few people; the plans rotate so that each state appears several times.
    for (let k = 0; k < 3; k++) {
      const plan = PLANS[(bi * 3 + k) % PLANS.length];
      const person = await newPerson(ctx, rng, branch.id, serial++);
      await runPlan(ctx, rng, plan, person, formal, today);
      people++;
    }
  }
  await insertDemoDues(ctx, rng, today);
  await insertDemoAppraisals(ctx, rng, today);
  return { people };
}

async function newPerson(ctx: ServiceContext, rng: Rng, orgId: string, serial: number) {
  const gender = rng.chance(0.45) ? '2' : '1';
  const birth = rng.dateBetween('1985-01-01', '2003-12-31');
  let idNumber: string;
  for (let s = 900 + (serial % 40) * 2 + (gender === '1' ? 1 : 0); ; s = s >= 996 ? (gender === '1' ? 1 : 0) + 2 * rng.int(0, 400) : s + 2) {
    idNumber = makeIdNumber('370783', birth, s);
    const taken = await ctx.archive.queryOne('SELECT 1 AS x FROM members WHERE id_number = ? UNION ALL SELECT 1 FROM dev_people WHERE id_number = ?', [idNumber, idNumber]);
    if (!taken) break;
  }
  return { name: rng.pick(CLAN_SURNAMES) + rng.pick(GIVEN), gender, idNumber, birthDate: birth, orgId, education: rng.pick(['20', '30', '40', '50']), occupation: rng.pick(['1', '2', '2', '3', '7']) };
}

async function runPlan(ctx: ServiceContext, rng: Rng, plan: Plan, p: Awaited<ReturnType<typeof newPerson>>, formal: string[], today: string): Promise<void> {
  // Dates count back from today: the stage the plan ends in decides how long ago the application was.
  const meetingFor: Partial<Record<Plan, string>> = {
    awaitingApproval: addMonths(today, -4),
    approved: addMonths(today, -8),
    probationEnding: addDays(addMonths(today, -12), 12 + rng.int(0, 10)),
  };
  const meeting = meetingFor[plan];
  const candidateDate = meeting ? addMonths(meeting, -3) : plan === 'candidate' ? addMonths(today, -2) : null;
  const activistDate = candidateDate ? addMonths(candidateDate, -13)
    : plan === 'activistEligible' ? addMonths(today, -14) : plan === 'activistReview' ? addMonths(today, -7) : plan === 'withdrawn' ? addMonths(today, -9) : null;
  const application = activistDate ? addMonths(activistDate, -7) : plan === 'talkDue' ? addDays(today, -rng.int(5, 20)) : addDays(today, -rng.int(45, 80));
  const { record } = await createApplicant(ctx, { ...p, ethnicity: '01', applicationDate: application, documents: [{ name: '入党申请书', date: application }] });
  const id = record.person.id;
  if (plan === 'talkDue' || plan === 'talkOverdue') return;
  await recordTalk(ctx, id, { date: addDays(application, rng.int(7, 25)), decidedBy: '党支部委员' });
  await makeActivist(ctx, id, { date: activistDate!, decidedBy: '党支部委员会', contacts: formal.slice(0, 2), documents: [{ name: '入党积极分子培养考察登记表', date: activistDate! }] });
  if (plan === 'activistReview') return;
  if (plan === 'withdrawn') {
    await withdrawDevelopment(ctx, id, { date: addMonths(activistDate!, 5), decidedBy: '党支部委员会', note: '本人外出务工,申请暂缓培养' });
    return;
  }
  await recordActivistReview(ctx, id, { date: addMonths(activistDate!, 6), decidedBy: '党支部委员会' });
  if (plan === 'activistEligible') {
    await recordActivistReview(ctx, id, { date: addMonths(today, -2), decidedBy: '党支部委员会' });
    return;
  }
  await recordActivistReview(ctx, id, { date: addMonths(activistDate!, 12), decidedBy: '党支部委员会' });
  await makeCandidate(ctx, id, { date: candidateDate!, decidedBy: '党支部委员会' });
  await recordPoliticalReview(ctx, id, { date: addDays(candidateDate!, 20), decidedBy: '镇党委组织办', documents: [{ name: '政审材料', date: addDays(candidateDate!, 20) }] });
  await recordTraining(ctx, id, { date: addDays(candidateDate!, 35), hours: 24, decidedBy: '镇党校', documents: [{ name: '培训结业证书', date: addDays(candidateDate!, 35) }] });
  if (plan === 'candidate') return;
  const publicityStart = mondayOnOrBefore(addDays(meeting!, -14));
  await recordPublicity(ctx, id, { date: publicityStart, endDate: addDays(publicityStart, 4), decidedBy: '党支部', documents: [{ name: '公示报告', date: addDays(publicityStart, 4) }] });
  const admitted = await admitProbationary(ctx, id, {
    date: meeting!, decidedBy: '支部党员大会', introducers: formal.slice(1, 3), vote: { entitled: 15, present: 13, yes: 13, no: 0, abstain: 0 },
    documents: [{ name: '入党志愿书', date: meeting! }],
  });
  // The development records know only the 职业 class; the clerk fills in the 工作岗位 on the new member's
  // record, as the 年报 counts members by it.
  if (admitted.member) await updateMember(ctx, admitted.member.id, { jobPost: ADMITTED_POST[p.occupation] });
  if (plan === 'awaitingApproval') return;
  await approveAdmission(ctx, id, { date: addMonths(meeting!, 1), decidedBy: '镇党委' });
}

/**
 * 党费 for the current year: a standard per member on the roll (农民党员 a fixed amount, students 0.2 元,
 * retirees and wage earners by the rate table) and payments from January to last month; about one in forty
 * stopped paying more than six months ago, one in twenty missed a month or two.
 */
async function insertDemoDues(ctx: ServiceContext, rng: Rng, today: string): Promise<void> {
  const year = Number(today.slice(0, 4));
  const current = today.slice(0, 7);
  const members = await ctx.archive.query<{ id: string; org_id: string; occupation: string; join_date: string }>(
    'SELECT id, org_id, occupation, join_date FROM members WHERE exit_reason IS NULL ORDER BY id');
  const seq = await ctx.archive.changeSeq();
  const now = nowIso();
  const standards: unknown[][] = [];
  const payments: unknown[][] = [];
  let arrears = 0;
  for (const m of members) {
    const basis: DuesBasis = m.occupation === '2' ? 'farmer' : m.occupation === '6' ? 'student' : m.occupation === '8' ? 'retiree' : 'salary';
    const income = basis === 'salary' ? rng.int(20, 90) * 10_000 : basis === 'retiree' ? rng.int(25, 60) * 10_000 : null;
    const fixed = basis === 'farmer' ? rng.pick([20, 50, 100]) : null;
    const joinMonth = m.join_date.slice(0, 7);
    const from = joinMonth > `${year}-01` ? joinMonth : `${year}-01`;
    if (from >= current) continue;
    const monthly = monthlyDues(basis, income, fixed);
    standards.push([newId(), m.id, from, basis, income, monthly, seq, now, now]);
    const stopped = rng.chance(0.025);
    if (stopped) arrears++;
    const stopAfter = stopped ? addMonths(`${current}-01`, -rng.int(7, 9)).slice(0, 7) : null;
    for (let month = from; month < current; month = addMonths(`${month}-01`, 1).slice(0, 7)) {
      if (stopAfter && month > stopAfter) break;
      if (!stopped && rng.chance(0.01)) continue;
      payments.push([newId(), m.id, m.org_id, month, monthly, `${month}-${String(rng.int(5, 25)).padStart(2, '0')}`, seq, now, now]);
    }
  }
  for (let i = 0; i < standards.length; i += 2000) {
    const chunk = standards.slice(i, i + 2000);
    await ctx.archive.run(`INSERT INTO dues_standards(id, member_id, from_month, basis, income, monthly_amount, seq, created_at, updated_at) VALUES ${chunk.map(() => '(?,?,?,?,?,?,?,?,?)').join(',')}`, chunk.flat());
  }
  for (let i = 0; i < payments.length; i += 3000) {
    const chunk = payments.slice(i, i + 3000);
    await ctx.archive.run(`INSERT INTO dues_payments(id, member_id, org_id, month, amount, paid_date, seq, created_at, updated_at) VALUES ${chunk.map(() => '(?,?,?,?,?,?,?,?,?)').join(',')}`, chunk.flat());
  }
  await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'dues.bulk_create', entity: 'dues_payments', entityId: null, before: null, after: { source: '演示数据', year, standards: standards.length, payments: payments.length, stoppedPaying: arrears } }]);
}

/** 民主评议 for last year in the first twenty branches and this year in the first eight. */
async function insertDemoAppraisals(ctx: ServiceContext, rng: Rng, today: string): Promise<void> {
  const year = Number(today.slice(0, 4));
  const branches = await ctx.archive.query<{ id: string }>("SELECT id FROM organizations WHERE type IN ('branch', 'joint_branch') AND status = 'active' ORDER BY sort_order LIMIT 20");
  const seq = await ctx.archive.changeSeq();
  const now = nowIso();
  const rows: unknown[][] = [];
  const disposals: unknown[][] = [];
  for (const [bi, b] of branches.entries()) {
    for (const y of bi < 8 ? [year - 1, year] : [year - 1]) {
      const members = await ctx.archive.query<{ id: string; category: string; join_date: string; full_date: string | null }>(
        'SELECT id, category, join_date, full_date FROM members WHERE org_id = ? AND exit_reason IS NULL AND join_date <= ? ORDER BY id', [b.id, `${y}-12-31`]);
      for (const m of members) {
        const probationaryThen = m.category === 'probationary' || (m.full_date !== null && m.full_date > `${y}-12-31`);
        const grade = probationaryThen ? null : rng.weighted(['excellent', 'qualified', 'basic', 'unqualified'], [18, 76, 5, 1]);
        const id = newId();
        rows.push([id, y, m.id, b.id, grade, null, seq, now, now]);
        if (grade === 'unqualified') disposals.push([newId(), m.id, id, 'correct', `${y + 1}-01-15`, `${y + 2}-01-15`, null, '限期改正,由党支部书记谈话帮教', seq, now, now]);
      }
    }
  }
  for (let i = 0; i < rows.length; i += 3000) {
    const chunk = rows.slice(i, i + 3000);
    await ctx.archive.run(`INSERT INTO appraisals(id, year, member_id, org_id, grade, note, seq, created_at, updated_at) VALUES ${chunk.map(() => '(?,?,?,?,?,?,?,?,?)').join(',')}`, chunk.flat());
  }
  const past = disposals.filter((d) => String(d[4]) <= today);
  if (past.length) await ctx.archive.run(`INSERT INTO disposals(id, member_id, appraisal_id, kind, decided_date, deadline, outcome, note, seq, created_at, updated_at) VALUES ${past.map(() => '(?,?,?,?,?,?,?,?,?,?,?)').join(',')}`, past.flat());
  await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'appraisal.bulk_create', entity: 'appraisals', entityId: null, before: null, after: { source: '演示数据', appraisals: rows.length, disposals: past.length } }]);
}
