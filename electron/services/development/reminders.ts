// 待办: what is due or overdue today, each item linking to its record — applicants waiting for their talk,
// activists due for the half-yearly review or eligible to become 发展对象, 预备党员 whose probation ends
// soon, resolutions waiting for 党委 approval past the normal time, members with months of unpaid dues,
// members lost for months, 限期改正 of a 不合格党员 until its deadline, and this month's 政治生日 (join
// anniversaries). Limits come from the rule table.
//
// One count everywhere: 待办 is the work due (every kind but the 政治生日 greetings, which are listed apart and
// counted apart), split into 已超期 (past its date) and 即将到期 (not yet past). A 预备党员 whose probation has
// already ended is 已超期 under its own kind, never under 预备期即将期满.
import type { ServiceContext } from '../core/context';
import { todayOf } from '../core/context';
import { addYears } from '../members/memberRules';
import { addMonths } from '../members/life/lifeCommon';
import { getDevRules } from './rules';
import { unpaidMonths } from './dues';
import { practiceReminders } from '../practices/practiceReminders';
import { words, type Words } from '../core/words';

export const REMINDER_KINDS = [
  'talk', 'activistReview', 'candidateEligible', 'probationEnding', 'probationOverdue', 'approvalOverdue', 'correctionDue', 'duesArrears', 'lostOverdue', 'matterOverdue', 'orgLifeAbsent', 'politicalBirthday',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export const REMINDER_LABELS: Record<ReminderKind, string> = {
  talk: '待谈话的入党申请人', activistReview: '待考察的入党积极分子', candidateEligible: '可列为发展对象的积极分子', probationEnding: '预备期即将期满', probationOverdue: '预备期已满未讨论转正',
  approvalOverdue: '党委审批超期', correctionDue: '不合格党员限期改正', duesArrears: '连续未交党费', lostOverdue: '失联超期', matterOverdue: '五事办理超期', orgLifeAbsent: '连续6个月未参加组织生活', politicalBirthday: '本月政治生日',
};
/** Greetings, not work: listed and counted apart from 待办. */
export const GREETING_KINDS: readonly ReminderKind[] = ['politicalBirthday'];
export type ReminderPhase = 'overdue' | 'dueSoon' | 'greeting';
export const PHASE_LABELS: Record<ReminderPhase, string> = { overdue: '已超期', dueSoon: '即将到期', greeting: '本月政治生日(不计入待办)' };

export function phaseOf(item: Pick<Reminder, 'kind' | 'overdue'>): ReminderPhase {
  if (GREETING_KINDS.includes(item.kind)) return 'greeting';
  return item.overdue ? 'overdue' : 'dueSoon';
}

export interface Reminder {
  kind: ReminderKind;
  /** 'member' opens the member record, 'devPerson' the development record, 'villageMatter' the 五事 matter (党建实务). */
  target: 'member' | 'devPerson' | 'villageMatter';
  targetId: string;
  name: string;
  orgId: string;
  orgName: string;
  dueDate: string;
  overdue: boolean;
  text: string;
  /** The same as `text`, for the window to say in its language. */
  words: Words;
}

export interface RemindersView {
  asOf: string;
  items: Reminder[];
  counts: Record<ReminderKind, number>;
  /** Work due (everything but the 政治生日 greetings): the number on the navigation badge, the heading and 全部. */
  dueCount: number;
  /** Of dueCount: past their date. */
  overdueCount: number;
  /** Of dueCount: not yet past their date. */
  dueSoonCount: number;
  /** 政治生日 greetings this month, outside dueCount. */
  greetingCount: number;
}

export async function listReminders(ctx: ServiceContext): Promise<RemindersView> {
  const today = todayOf(ctx);
  const items = await collectReminders(ctx, today, { birthdays: true });
  const order = new Map(REMINDER_KINDS.map((k, i) => [k, i]));
  items.sort((a, b) => order.get(a.kind)! - order.get(b.kind)! || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.name.localeCompare(b.name, 'zh')));
  const counts = Object.fromEntries(REMINDER_KINDS.map((k) => [k, items.filter((i) => i.kind === k).length])) as Record<ReminderKind, number>;
  const phases = items.map(phaseOf);
  const overdueCount = phases.filter((p) => p === 'overdue').length;
  const dueSoonCount = phases.filter((p) => p === 'dueSoon').length;
  return { asOf: today, items, counts, dueCount: overdueCount + dueSoonCount, overdueCount, dueSoonCount, greetingCount: items.length - overdueCount - dueSoonCount };
}

/**
 * The number on the 待办 badge and the dashboard: the work due, as listReminders counts it, without the
 * 政治生日 greetings (a twelfth of the roll, read and sorted for nothing on every page change).
 */
export async function countDueReminders(ctx: ServiceContext): Promise<{ asOf: string; dueCount: number }> {
  const today = todayOf(ctx);
  return { asOf: today, dueCount: (await collectReminders(ctx, today, { birthdays: false })).length };
}

async function collectReminders(ctx: ServiceContext, today: string, want: { birthdays: boolean }): Promise<Reminder[]> {
  const rules = await getDevRules(ctx);
  const items: Reminder[] = [];
  const push = (r: Reminder) => items.push(r);

  const dev = await ctx.archive.query<{ id: string; name: string; org_id: string; org_name: string; stage: string; application_date: string; talk_date: string | null; activist_date: string | null; last_review_date: string | null; meeting_date: string | null; approval_date: string | null }>(
    `SELECT p.id, p.name, p.org_id, o.name AS org_name, p.stage, p.application_date, p.talk_date, p.activist_date, p.last_review_date, p.meeting_date, p.approval_date
     FROM dev_people p JOIN organizations o ON o.id = p.org_id WHERE p.stage IN ('applicant', 'activist', 'admitted')`,
  );
  for (const p of dev) {
    const base = { target: 'devPerson' as const, targetId: p.id, name: p.name, orgId: p.org_id, orgName: p.org_name };
    if (p.stage === 'applicant' && !p.talk_date) {
      const due = addMonths(p.application_date, rules.talkWithinMonths.value);
      push({ ...base, kind: 'talk', dueDate: due, overdue: due < today, text: `${p.application_date} 递交入党申请书,应在 ${due} 前派人谈话${due < today ? '(已超期)' : ''}`, words: words(due < today ? 'talkOverdue' : 'talk', { applied: p.application_date, due }) });
    }
    if (p.stage === 'activist' && p.activist_date) {
      const since = p.last_review_date ?? p.activist_date;
      const due = addMonths(since, rules.reviewMonths.value);
      if (due <= addMonths(today, 1)) push({ ...base, kind: 'activistReview', dueDate: due, overdue: due < today, text: `${p.last_review_date ? `上次考察 ${since}` : `${since} 确定为积极分子`},应于 ${due} 前进行考察`, words: words(p.last_review_date ? 'reviewAgain' : 'reviewFirst', { since, due }) });
      const eligible = addMonths(p.activist_date, rules.cultivationMonths.value);
      if (eligible <= today) push({ ...base, kind: 'candidateEligible', dueDate: eligible, overdue: false, text: `${p.activist_date} 确定为积极分子,培养期已于 ${eligible} 满,可讨论列为发展对象`, words: words('candidateEligible', { since: p.activist_date, eligible }) });
    }
    if (p.stage === 'admitted' && p.meeting_date && !p.approval_date) {
      const normal = addMonths(p.meeting_date, rules.approvalMonths.value);
      const latest = addMonths(p.meeting_date, rules.approvalMonths.maxValue ?? rules.approvalMonths.value);
      if (normal < today) push({ ...base, kind: 'approvalOverdue', dueDate: normal, overdue: true, text: `支部大会 ${p.meeting_date} 通过,应于 ${normal} 前由党委审批,最迟 ${latest}`, words: words('approvalOverdue', { meeting: p.meeting_date, normal, latest }) });
    }
  }

  // 预备党员: probation ends one year after 入党日期, later by an extension. The roll's 预备党员 and its 失联
  // members have partial indexes of their own; the planner, which takes `exit_reason IS NULL` for selective
  // (a few exit reasons share the column with the roll's NULL), would otherwise read the whole roll.
  const probationers = await ctx.archive.query<{ id: string; name: string; org_id: string; org_name: string; join_date: string; ext: number | null }>(
    `SELECT m.id, m.name, m.org_id, o.name AS org_name, m.join_date, (SELECT max(extend_months) FROM probation_decisions d WHERE d.member_id = m.id AND d.kind = 'extend') AS ext
     FROM members m INDEXED BY members_probationary JOIN organizations o ON o.id = m.org_id WHERE m.exit_reason IS NULL AND m.category = 'probationary'`,
  );
  const soon = new Date(Date.parse(today) + rules.probationReminderDays.value * 86_400_000).toISOString().slice(0, 10);
  for (const m of probationers) {
    const end = addMonths(addYears(m.join_date, 1), m.ext ?? 0);
    if (end <= soon) {
      push({ kind: end < today ? 'probationOverdue' : 'probationEnding', target: 'member', targetId: m.id, name: m.name, orgId: m.org_id, orgName: m.org_name, dueDate: end, overdue: end < today, text: end < today ? `预备期已于 ${end} 期满,尚未讨论转正` : `预备期于 ${end} 期满,应及时讨论转正`, words: words(end < today ? 'probationEnded' : 'probationEnding', { end }) });
    }
  }

  // 党费: consecutive months without payment, for members whose dues are kept.
  const current = today.slice(0, 7);
  const duesRows = await ctx.archive.query<{ id: string; name: string; org_id: string; org_name: string; first_month: string; last_paid: string | null }>(
    `SELECT m.id, m.name, m.org_id, o.name AS org_name, s.first_month,
       (SELECT max(month) FROM dues_payments p WHERE p.member_id = m.id AND p.month < ?) AS last_paid
     FROM (SELECT member_id, min(from_month) AS first_month FROM dues_standards GROUP BY member_id) s
     JOIN members m ON m.id = s.member_id JOIN organizations o ON o.id = m.org_id WHERE m.exit_reason IS NULL`,
    [current],
  );
  for (const r of duesRows) {
    const n = unpaidMonths([{ from_month: r.first_month }], r.last_paid ? [r.last_paid] : [], current);
    if (n >= rules.duesArrearsMonths.value) {
      push({ kind: 'duesArrears', target: 'member', targetId: r.id, name: r.name, orgId: r.org_id, orgName: r.org_name, dueDate: `${r.last_paid ?? r.first_month}-01`, overdue: true, text: `已连续 ${n} 个月未交纳党费${r.last_paid ? `(最后交至 ${r.last_paid})` : ''},应按规定进行自行脱党审查`, words: words(r.last_paid ? 'duesArrearsSince' : 'duesArrears', { months: n, lastPaid: r.last_paid }) });
    }
  }

  // 失联 past the rule's months.
  const lost = await ctx.archive.query<{ id: string; name: string; org_id: string; org_name: string; lost_date: string }>(
    `SELECT m.id, m.name, m.org_id, o.name AS org_name, coalesce(m.lost_date, m.join_date) AS lost_date FROM members m INDEXED BY members_lost JOIN organizations o ON o.id = m.org_id WHERE m.exit_reason IS NULL AND m.is_lost = 1`,
  );
  for (const m of lost) {
    const due = addMonths(m.lost_date, rules.lostMonths.value);
    if (due <= today) push({ kind: 'lostOverdue', target: 'member', targetId: m.id, name: m.name, orgId: m.org_id, orgName: m.org_name, dueDate: due, overdue: true, text: `${m.lost_date} 失去联系,已满 ${rules.lostMonths.value} 个月,应进行停止党籍审查`, words: words('lostOverdue', { since: m.lost_date, months: rules.lostMonths.value }) });
  }

  // 限期改正: a 不合格党员 given a deadline, followed until a later decision (劝其退党, 除名) or his leaving.
  const corrections = await ctx.archive.query<{ id: string; name: string; org_id: string; org_name: string; decided_date: string; deadline: string }>(
    `SELECT m.id, m.name, m.org_id, o.name AS org_name, d.decided_date, d.deadline
     FROM disposals d JOIN members m ON m.id = d.member_id JOIN organizations o ON o.id = m.org_id
     WHERE d.kind = 'correct' AND d.deadline IS NOT NULL AND d.outcome IS NULL AND m.exit_reason IS NULL
       AND NOT EXISTS (SELECT 1 FROM disposals later WHERE later.member_id = d.member_id AND later.decided_date >= d.decided_date AND later.id <> d.id AND (later.kind <> 'correct' OR later.decided_date > d.decided_date))`,
  );
  for (const c of corrections) {
    const overdue = c.deadline < today;
    push({
      kind: 'correctionDue', target: 'member', targetId: c.id, name: c.name, orgId: c.org_id, orgName: c.org_name, dueDate: c.deadline, overdue,
      text: overdue ? `${c.decided_date} 决定限期改正,改正期限 ${c.deadline} 已过,应评定改正情况并作出处置` : `${c.decided_date} 决定限期改正,改正期限至 ${c.deadline},期满时评定改正情况`,
      words: words(overdue ? 'correctionOverdue' : 'correctionDue', { decided: c.decided_date, deadline: c.deadline }),
    });
  }

  // 党建实务: overdue 五事 matters, six months absent from organization life.
  items.push(...(await practiceReminders(ctx)));

  if (!want.birthdays) return items;
  // 政治生日: join anniversaries this month.
  const month = today.slice(5, 7);
  const birthdays = await ctx.archive.query<{ id: string; name: string; org_id: string; org_name: string; join_date: string }>(
    `SELECT m.id, m.name, m.org_id, o.name AS org_name, m.join_date FROM members m JOIN organizations o ON o.id = m.org_id
     WHERE m.exit_reason IS NULL AND substr(m.join_date, 6, 2) = ? AND m.join_date < ?`,
    [month, `${today.slice(0, 4)}-01-01`],
  );
  for (const m of birthdays) {
    const years = Number(today.slice(0, 4)) - Number(m.join_date.slice(0, 4));
    const day = `${today.slice(0, 4)}${m.join_date.slice(4)}`;
    push({ kind: 'politicalBirthday', target: 'member', targetId: m.id, name: m.name, orgId: m.org_id, orgName: m.org_name, dueDate: day.endsWith('02-29') ? `${today.slice(0, 4)}-02-28` : day, overdue: false, text: `${m.join_date} 入党,本月是入党 ${years} 周年的政治生日`, words: words('politicalBirthday', { joined: m.join_date, years }) });
  }

  return items;
}
