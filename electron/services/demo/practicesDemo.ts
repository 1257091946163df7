// The demo township's year of practices (items 1–3), loaded after its members inside the demo's
// transaction and deterministic from the seed: 结对共建 pairs of every form (linked to the demo's joint
// organizations of the same form) with a year of help; 五事 matters in every village with the seed's
// funnel proportions (4.6万 提事 → 3.3万 议事 → 2.7万 修改 → 2.2万 票决), some overdue and some stopped; and
// 三会一课 / 主题党日 in every branch from January to today, a few short of the norm, with attendance from the
// branch's list (and a few members missing every meeting since spring, for the six-month rule).
// Rows are multi-row inserts with one audit entry per kind, like the demo's members; every date and count
// obeys the services' rules (steps in order, votes within the voters, attendance of members on the list).
import { newId } from '../core/ids';
import { nowIso, todayOf, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { createRng, type Rng } from './township/random';
import { DEPARTMENTS } from './township/placeNames';
import { addMonths } from '../members/life/lifeCommon';
import type { PairKind } from '../practices/pairing';
import type { MeetingKind } from '../practices/orgLife';

const addDays = (date: string, n: number) => new Date(Date.parse(date) + n * 86_400_000).toISOString().slice(0, 10);
const minDate = (a: string, b: string) => (a < b ? a : b);

/** Multi-row INSERT in chunks under SQLite's parameter limit. */
async function insertRows(ctx: ServiceContext, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const per = Math.floor(30000 / columns.length);
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    await ctx.archive.run(`INSERT INTO ${table}(${columns.join(', ')}) VALUES ${chunk.map(() => `(${columns.map(() => '?').join(',')})`).join(',')}`, chunk.flat());
  }
}

interface Branch {
  id: string;
  name: string;
  sector: string;
  foundedDate: string | null;
}

export async function insertDemoPractices(ctx: ServiceContext, seed: number): Promise<{ pairs: number; matters: number; meetings: number }> {
  const rng = createRng(seed * 104_729 + 10);
  const today = todayOf(ctx);
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const branches = await ctx.archive.query<Branch>(
    `SELECT o.id, o.name, o.sector, o.founded_date AS foundedDate FROM organizations o WHERE o.type IN ('branch', 'joint_branch') AND o.status = 'active'
     AND (SELECT count(*) FROM members m WHERE m.org_id = o.id AND m.exit_reason IS NULL) >= 3 ORDER BY o.sort_order`,
  );
  const pairs = await insertDemoPairs(ctx, rng, today, yearStart);
  const matters = await insertDemoMatters(ctx, rng, branches.filter((b) => b.sector === 'rural'), today, yearStart);
  const meetings = await insertDemoMeetings(ctx, rng, branches, today);
  await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'practices.demo', entity: 'practice_pairs', entityId: null, before: null, after: { source: '演示数据', pairs, matters, meetings } }]);
  return { pairs, matters, meetings };
}

// ---- 结对共建 ----

const FORMATION_OF: Record<PairKind, string> = { dept_village: 'dept_village', community_village: 'community_village', enterprise_village: 'enterprise_village', strong_weak: 'strong_weak', industry: 'industry_chain' };
const MEASURES = ['制定蔬菜大棚提质增效方案', '协调修建村内生产路', '帮助建立村集体合作社', '引进新品种示范种植', '规划村级活动场所改造', '帮助争取农村饮水安全项目', '组织电商销售培训', '协助清理村集体“三资”'];
const GOODS = ['办公桌椅10套', '化肥20吨', '图书500册', '路灯30盏', '电脑5台', '农用物资一批'];

async function insertDemoPairs(ctx: ServiceContext, rng: Rng, today: string, yearStart: string): Promise<number> {
  const villages = await ctx.archive.query<{ id: string; name: string; short: string | null; weak: number }>(
    `SELECT id, name, short_name AS short, (weak_team + weak_economy + weak_base) AS weak FROM organizations
     WHERE sector = 'rural' AND type IN ('branch', 'joint_branch') AND status = 'active' AND (unit_situation = 'legal_entity') ORDER BY weak DESC, sort_order LIMIT 24`,
  );
  if (villages.length < 4) return 0;
  const joints = await ctx.archive.query<{ id: string; formation: string }>("SELECT id, formation FROM organizations WHERE formation IS NOT NULL AND status = 'active'");
  const unitName = (v: { name: string; short: string | null }) => (v.short ?? v.name).replace(/^中共/, '').replace(/(支部委员会|党支部|总支部委员会)$/, '') || v.name;
  const plan: [PairKind, string][] = [
    ['dept_village', `县${DEPARTMENTS[0]}`], ['dept_village', `县${DEPARTMENTS[1]}`], ['dept_village', `县${DEPARTMENTS[2]}`], ['dept_village', `县${DEPARTMENTS[6]}`],
    ['community_village', '城东社区'], ['community_village', '文化路社区'],
    ['enterprise_village', '鲁盛农业发展有限公司'], ['enterprise_village', '绿源食品有限公司'],
    ['strong_weak', ''], ['strong_weak', ''],
    ['industry', '蔬菜产业协会'],
  ];
  const seq = await ctx.archive.changeSeq();
  const now = nowIso();
  const pairRows: unknown[][] = [];
  const unitRows: unknown[][] = [];
  const entryRows: unknown[][] = [];
  let vi = 0;
  for (const [kind, helper] of plan) {
    const weak = villages[vi++ % villages.length];
    const strong = villages[villages.length - 1 - (vi % villages.length)];
    const helperName = kind === 'strong_weak' ? unitName(strong) : helper;
    const helped = kind === 'industry' ? [weak, villages[vi++ % villages.length], villages[vi++ % villages.length]] : [weak];
    const id = newId();
    const start = rng.dateBetween('2019-01-01', addMonths(yearStart, -2));
    const joint = joints.find((j) => j.formation === FORMATION_OF[kind] && !pairRows.some((p) => p[5] === j.id));
    pairRows.push([id, `${helperName}—${helped.map(unitName).join('、')}结对共建`, kind, start, null, joint?.id ?? null, null, seq, now, now]);
    unitRows.push([newId(), id, 'helper', helperName, kind === 'strong_weak' ? strong.id : null, seq]);
    for (const h of helped) unitRows.push([newId(), id, 'helped', unitName(h), h.id, seq]);
    // A year of help: the previous year and this one, every month or two.
    for (let d = addDays(`${Number(yearStart.slice(0, 4)) - 1}-01-01`, rng.int(5, 40)); d <= today; d = addDays(d, rng.int(30, 70))) {
      if (d < start) continue;
      const money = rng.chance(0.4) ? rng.int(1, 30) * 500_000 : 0;
      const goods = rng.chance(0.25) ? rng.pick(GOODS) : null;
      const trainings = rng.chance(0.35) ? rng.int(1, 2) : 0;
      entryRows.push([
        newId(), id, d, rng.int(0, 3), rng.chance(0.6) ? rng.pick(MEASURES) : null, rng.int(0, 12), money, goods, goods ? rng.int(2, 40) * 100_000 : 0,
        rng.chance(0.4) ? rng.int(1, 4) : 0, trainings, trainings * rng.int(20, 60), null, seq, now, now,
      ]);
    }
  }
  await insertRows(ctx, 'practice_pairs', ['id', 'name', 'kind', 'start_date', 'end_date', 'joint_org_id', 'note', 'seq', 'created_at', 'updated_at'], pairRows);
  await insertRows(ctx, 'practice_pair_units', ['id', 'pair_id', 'role', 'name', 'org_id', 'seq'], unitRows);
  await insertRows(ctx, 'practice_help_entries', ['id', 'pair_id', 'entry_date', 'measures', 'measures_text', 'problems_solved', 'money_fen', 'goods', 'goods_fen', 'cadres_exchanged', 'trainings', 'trainees', 'note', 'seq', 'created_at', 'updated_at'], entryRows);
  return pairRows.length;
}

// ---- 五事工作法 ----

const MATTERS = ['村内主街道硬化', '修建村文化广场', '安装太阳能路灯', '村集体土地流转', '整修灌溉机井', '新建垃圾集中收集点', '村卫生室改造', '冬季清洁取暖改造', '扶贫资金项目安排',
  '村集体果园承包', '修缮村小学围墙', '建设蔬菜大棚示范园', '疏通村内排水沟', '设立村级老年食堂', '宅基地规划调整', '修建村级养老服务站'];
const PROPOSERS = ['村民代表', '党员', '村“两委”成员', '村民小组长', '驻村第一书记'];
const STOPS = ['经联席会议研究,与其他事项合并办理', '上级项目调整,暂缓实施', '提事人撤回', '经论证不具备实施条件'];

async function insertDemoMatters(ctx: ServiceContext, rng: Rng, villages: Branch[], today: string, yearStart: string): Promise<number> {
  const seq = await ctx.archive.changeSeq();
  const now = nowIso();
  const rows: unknown[][] = [];
  const surname = ['王', '李', '张', '刘', '陈', '杨', '赵', '孙'];
  for (const v of villages) {
    const n = rng.int(6, 16);
    for (let i = 0; i < n; i++) {
      const proposed = rng.dateBetween(yearStart, addDays(today, -3));
      const r = { stage: 'proposed', discussed: null as string | null, amended: null as number | null, outcome: null as string | null, voteDate: null as string | null,
        present: null as number | null, yes: null as number | null, no: null as number | null, abstain: null as number | null, passed: null as number | null,
        handler: null as string | null, deadline: null as string | null, done: null as string | null, supervised: null as string | null, pub: null as number | null, sat: null as number | null,
        stoppedAt: null as string | null, stopDate: null as string | null, stopReason: null as string | null };
      const stop = (at: string, after: string) => {
        r.stoppedAt = at;
        r.stage = 'stopped';
        r.stopDate = minDate(addDays(after, rng.int(1, 20)), today);
        r.stopReason = rng.pick(STOPS);
      };
      // Seed proportions: 3.3/4.6 discussed, 2.7/3.3 amended, 2.2/3.3 voted.
      if (rng.chance(0.72)) {
        r.discussed = minDate(addDays(proposed, rng.int(3, 25)), today);
        r.stage = 'discussed';
        r.amended = rng.chance(0.82) ? 1 : 0;
        r.outcome = r.amended ? '经联席会议讨论,对实施方案进行了修改完善' : '经联席会议讨论,同意提交票决';
        if (rng.chance(0.67)) {
          r.voteDate = minDate(addDays(r.discussed, rng.int(3, 20)), today);
          r.present = rng.int(25, 45);
          r.yes = rng.chance(0.92) ? rng.int(Math.floor(r.present / 2) + 1, r.present) : rng.int(5, Math.floor(r.present / 2));
          r.no = rng.int(0, r.present - r.yes);
          r.abstain = rng.int(0, r.present - r.yes - r.no);
          r.passed = r.yes * 2 > r.present ? 1 : 0;
          r.stage = r.passed ? 'voted' : 'rejected';
          if (r.passed) {
            r.handler = `${rng.pick(['村委会主任', '村党支部书记', '村会计', '村民小组长'])} ${rng.pick(surname)}${rng.pick(['建国', '明', '立新', '春生', '秀兰'])}`;
            r.deadline = addDays(r.voteDate, rng.int(30, 150));
            const doneBy = addDays(r.voteDate, rng.int(10, 160));
            if (doneBy <= today && (doneBy <= r.deadline || rng.chance(0.5))) {
              r.done = doneBy;
              r.stage = 'done';
              const sup = addDays(doneBy, rng.int(3, 30));
              if (sup <= today && rng.chance(0.85)) {
                r.supervised = sup;
                r.pub = 1;
                r.sat = rng.int(85, 100);
                r.stage = 'supervised';
              }
            } else if (rng.chance(0.08)) stop('voted', r.voteDate);
          }
        } else if (rng.chance(0.15)) stop('discussed', r.discussed);
      } else if (rng.chance(0.25)) stop('proposed', proposed);
      rows.push([
        newId(), v.id, rng.pick(MATTERS), r.stage, `${rng.pick(PROPOSERS)} ${rng.pick(surname)}${rng.pick(['德福', '桂英', '学文', '玉兰', '庆余'])}`, proposed, null,
        r.discussed, r.amended, r.outcome, r.voteDate, r.present, r.yes, r.no, r.abstain, r.passed, r.handler, r.deadline, r.done, r.supervised, r.pub, r.sat, null,
        r.stoppedAt, r.stopDate, r.stopReason, seq, now, now,
      ]);
    }
  }
  await insertRows(ctx, 'village_matters', [
    'id', 'org_id', 'title', 'stage', 'proposed_by', 'proposed_date', 'proposal', 'discussed_date', 'amended', 'discussion_outcome', 'vote_date', 'voters_present', 'votes_for',
    'votes_against', 'votes_abstain', 'passed', 'handler', 'deadline', 'done_date', 'supervised_date', 'made_public', 'satisfaction', 'supervision_note', 'stopped_at', 'stop_date',
    'stop_reason', 'seq', 'created_at', 'updated_at',
  ], rows);
  return rows.length;
}

// ---- 组织生活 ----

const TOPICS: Record<MeetingKind, string[]> = {
  congress: ['学习贯彻上级会议精神', '讨论年度工作计划', '开展民主评议党员', '讨论发展党员工作', '通报党费收缴情况'],
  committee: ['研究本月工作安排', '研究发展党员计划', '研究困难党员帮扶', '研究“五事”议题', '研究党员教育培训'],
  group: ['学习党章党规', '交流思想工作情况', '讨论党员联系户工作'],
  lecture: ['书记讲党课:牢记初心使命', '党课:发扬优良作风', '党课:基层治理与乡村振兴', '党课:党的纪律'],
  theme_day: ['重温入党誓词', '环境整治志愿服务', '走访慰问老党员', '参观红色教育基地'],
};
const LEAVE_REASONS = ['外出务工', '生病住院', '家中有事', '在外地学习'];

async function insertDemoMeetings(ctx: ServiceContext, rng: Rng, branches: Branch[], today: string): Promise<number> {
  const members = await ctx.archive.query<{ id: string; org_id: string; join_date: string; exit_date: string | null; is_mobile: number }>(
    'SELECT id, org_id, join_date, exit_date, is_mobile FROM members ORDER BY pinyin_full',
  );
  const byOrg = new Map<string, typeof members>();
  for (const m of members) (byOrg.get(m.org_id) ?? byOrg.set(m.org_id, []).get(m.org_id)!).push(m);
  const seq = await ctx.archive.changeSeq();
  const now = nowIso();
  const meetingRows: unknown[][] = [];
  const attendanceRows: unknown[][] = [];
  const lastMonth = Number(today.slice(5, 7));
  const year = today.slice(0, 4);
  for (const [bi, b] of branches.entries()) {
    const list = byOrg.get(b.id) ?? [];
    // One branch in eleven has a member who stopped coming in spring (the six-month rule's case).
    const dropout = bi % 11 === 3 ? list.find((m) => !m.exit_date && !m.is_mobile)?.id : undefined;
    const diligent = rng.chance(0.7);
    const meet = (kind: MeetingKind, date: string, whole: boolean) => {
      if (date > today || (b.foundedDate && date < b.foundedDate)) return;
      const roster = list.filter((m) => m.join_date <= date && (!m.exit_date || m.exit_date > date));
      if (roster.length === 0) return;
      const invited = whole ? roster : roster.slice(0, kind === 'committee' ? Math.min(5, roster.length) : Math.min(9, roster.length));
      const id = newId();
      const rows = invited.map((m) => {
        const status = m.id === dropout && date >= `${year}-04-01` ? 'absent' : m.is_mobile ? (rng.chance(0.7) ? 'leave' : 'absent') : rng.weighted(['present', 'leave', 'absent'], [86, 9, 5]);
        return [newId(), id, m.id, status, status === 'leave' ? rng.pick(LEAVE_REASONS) : null, seq];
      });
      if (!rows.some((r) => r[3] === 'present')) rows[0][3] = 'present';
      if (rows[0][3] !== 'present') rows[0][4] = null;
      const topic = rng.pick(TOPICS[kind]);
      const present = rows.filter((r) => r[3] === 'present').length;
      meetingRows.push([id, b.id, kind, date, topic, '支部书记', rng.pick(['党员活动室', '村委会会议室', '党群服务中心']), `一、${topic}\n二、与会党员交流发言\n三、应到 ${rows.length} 人,实到 ${present} 人`, seq, now, now]);
      attendanceRows.push(...rows.map((r) => (r[3] === 'present' ? [...r.slice(0, 4), null, r[5]] : r)));
    };
    for (let month = 1; month <= lastMonth; month++) {
      const mm = String(month).padStart(2, '0');
      const day = (lo: number, hi: number) => `${year}-${mm}-${String(rng.int(lo, hi)).padStart(2, '0')}`;
      if (diligent || rng.chance(0.75)) meet('committee', day(2, 8), false);
      if (list.length >= 15 && (diligent || rng.chance(0.6))) meet('group', day(10, 18), false);
      // 主题党日 of the whole branch in some months (the attendance rows are the bulk of the demo's load time).
      if (rng.chance(0.3)) meet('theme_day', day(20, 26), true);
      if (month % 3 === 0) {
        if (diligent || rng.chance(0.8)) meet('congress', day(12, 22), true);
        if (diligent || rng.chance(0.7)) meet('lecture', day(23, 28), true);
      }
    }
  }
  await insertRows(ctx, 'org_meetings', ['id', 'org_id', 'kind', 'meeting_date', 'topic', 'presided_by', 'place', 'minutes', 'seq', 'created_at', 'updated_at'], meetingRows);
  await insertRows(ctx, 'org_meeting_attendance', ['id', 'meeting_id', 'member_id', 'status', 'reason', 'seq'], attendanceRows);
  return meetingRows.length;
}
