// The demo township's 培训, 党内关爱 and 设岗定责/公开承诺/党建联系点: a year of each (this year up to today; the
// whole of last year when today is before March), loaded after the members inside the demo's transaction,
// deterministic from the seed. Bulk rows are multi-row inserts with one audit entry per table, like the
// demo's members; the data obeys the services' rules (members on the roll on every date, funds never
// overdrawn, posts only for members without office), which the tests of demoCare check on the result.
import { newId } from '../core/ids';
import { nowIso, todayOf, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { createRng, type Rng } from './township/random';
import { CLAN_SURNAMES } from './township/names';
import { addYears } from '../members/memberRules';

const addDays = (date: string, n: number) => new Date(Date.parse(date) + n * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

interface DemoMember {
  id: string;
  orgId: string;
  joinDate: string;
  hardship: boolean;
}

async function insertRows(ctx: ServiceContext, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const per = Math.floor(30000 / columns.length);
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    await ctx.archive.run(`INSERT INTO ${table}(${columns.join(', ')}) VALUES ${chunk.map(() => `(${columns.map(() => '?').join(',')})`).join(',')}`, chunk.flat());
  }
}

export async function insertDemoCare(ctx: ServiceContext, seed: number): Promise<{ sessions: number; aids: number; posts: number; commitments: number }> {
  const rng = createRng(seed * 6151 + 10);
  const today = todayOf(ctx);
  const thisYear = Number(today.slice(0, 4));
  const year = today >= `${thisYear}-03-01` ? thisYear : thisYear - 1;
  const from = `${year}-01-02`;
  const to = year === thisYear ? addDays(today, -1) : `${year}-12-31`;
  const members = (await ctx.archive.query<{ id: string; org_id: string; join_date: string; is_hardship: number }>(
    'SELECT id, org_id, join_date, is_hardship FROM members WHERE exit_reason IS NULL AND join_date < ? ORDER BY rowid',
    [from],
  )).map((m) => ({ id: m.id, orgId: m.org_id, joinDate: m.join_date, hardship: m.is_hardship === 1 }));
  if (!members.length) return { sessions: 0, aids: 0, posts: 0, commitments: 0 };
  const branches = await ctx.archive.query<{ id: string; name: string }>("SELECT id, name FROM organizations WHERE type IN ('branch', 'joint_branch') AND status = 'active' ORDER BY sort_order");
  const byOrg = new Map<string, DemoMember[]>();
  for (const m of members) byOrg.set(m.orgId, [...(byOrg.get(m.orgId) ?? []), m]);
  const seq = await ctx.archive.changeSeq();
  const now = nowIso();
  const sessions = await insertDemoTraining(ctx, rng, { from, to, branches, byOrg, members, seq, now });
  const aids = await insertDemoAid(ctx, rng, { from, to, today, members, seq, now });
  const { posts, commitments } = await insertDemoPosts(ctx, rng, { year, from, to, branches, byOrg, seq, now });
  return { sessions, aids, posts, commitments };
}

interface Span {
  from: string;
  to: string;
  seq: number;
  now: string;
}

const REMOTE_TOPICS = ['学习贯彻党的二十大精神', '乡村振兴政策解读', '设施蔬菜病虫害绿色防控', '农村集体经济发展案例', '《中国共产党章程》学习', '农产品电商直播入门', '安全生产与防灾减灾', '党员先锋模范作用专题'];
const SCHOOL_TOPICS = ['镇党委理论学习专题班', '农村党员冬春集中轮训', '村“两委”干部履职能力培训', '入党积极分子和发展对象培训'];

async function insertDemoTraining(ctx: ServiceContext, rng: Rng, d: Span & { branches: { id: string; name: string }[]; byOrg: Map<string, DemoMember[]>; members: DemoMember[] }): Promise<number> {
  const span = daysBetween(d.from, d.to);
  const sessions: unknown[][] = [];
  const attendees: unknown[][] = [];
  const session = (date: string, topic: string, kind: string, place: string, tenths: number, organizer: string, people: DemoMember[]) => {
    const id = newId();
    sessions.push([id, date, topic, kind, place, tenths, organizer, '演示数据', d.seq, d.now, d.now]);
    for (const m of people) attendees.push([newId(), id, m.id, d.seq, d.now]);
  };
  // 远程教育: every branch once a month at its own site, 2.5 学时, four in five members present.
  for (const [bi, b] of d.branches.entries()) {
    const people = d.byOrg.get(b.id) ?? [];
    if (people.length < 3) continue;
    const short = b.name.replace(/^中共/, '').replace(/(支部|总支部|委员会)+$/, '');
    for (let day = (bi * 7) % 30; day <= span; day += 30) {
      session(addDays(d.from, day), REMOTE_TOPICS[(bi + day) % REMOTE_TOPICS.length], 'remote_site', `${short}远程教育站点`, 25, b.name, people.filter(() => rng.chance(0.8)));
    }
  }
  // 镇党校: four sessions of 8 学时 for a few hundred members each, and one 16-学时 轮训 for three in five.
  for (let q = 0; q < 4; q++) {
    const day = Math.floor((span * (q + 0.5)) / 4);
    session(addDays(d.from, day), SCHOOL_TOPICS[q], 'party_school', '镇党校', 80, '镇党委组织办', rng.shuffle([...d.members]).slice(0, Math.min(350, d.members.length)));
  }
  session(addDays(d.from, Math.min(span, 40)), '农村党员冬春集中轮训(全员)', 'party_school', '镇党校', 160, '镇党委', d.members.filter(() => rng.chance(0.6)));
  // 外埠培训基地: the branch secretaries' study trip.
  const trip = d.branches.slice(0, 30).map((b) => (d.byOrg.get(b.id) ?? [])[0]).filter((m): m is DemoMember => !!m);
  session(addDays(d.from, Math.floor(span * 0.6)), '村党组织书记外出学习考察', 'outside_base', '江苏昆山外埠培训基地', 240, '县委组织部', trip);
  await insertRows(ctx, 'training_sessions', ['id', 'session_date', 'topic', 'place_kind', 'place', 'hours_tenths', 'organizer', 'note', 'seq', 'created_at', 'updated_at'], sessions);
  await insertRows(ctx, 'training_attendees', ['id', 'session_id', 'member_id', 'seq', 'created_at'], attendees);
  await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'training.bulk_create', entity: 'training_sessions', entityId: null, before: null, after: { source: '演示数据', sessions: sessions.length, attendees: attendees.length } }]);
  return sessions.length;
}

async function insertDemoAid(ctx: ServiceContext, rng: Rng, d: Span & { today: string; members: DemoMember[] }): Promise<number> {
  // Some members in hardship (an open 困难情况 record, as the member page keeps it).
  const hardship = d.members.filter((m) => m.hardship || rng.chance(0.01));
  const newlyHard = hardship.filter((m) => !m.hardship);
  await insertRows(ctx, 'member_hardships', ['id', 'member_id', 'kind', 'level', 'since', 'end_date', 'note', 'seq', 'created_at', 'updated_at'],
    newlyHard.map((m) => [newId(), m.id, rng.pick(['living', 'illness', 'disability']), rng.chance(0.3) ? 'special' : 'general', addDays(d.from, -rng.int(30, 900)), null, '演示数据', d.seq, d.now, d.now]));
  for (let i = 0; i < newlyHard.length; i += 500) {
    const chunk = newlyHard.slice(i, i + 500);
    await ctx.archive.run(`UPDATE members SET is_hardship = 1, seq = ? WHERE id IN (${chunk.map(() => '?').join(',')})`, [d.seq, ...chunk.map((m) => m.id)]);
  }
  const fiftyYears = addYears(d.today, -50);
  const old = d.members.filter((m) => m.joinDate <= fiftyYears);
  const fundMain = newId();
  const fundOld = newId();
  await insertRows(ctx, 'care_funds', ['id', 'name', 'note', 'seq', 'created_at', 'updated_at'], [
    [fundMain, '党员阳光关爱基金', '县、镇两级筹集,用于困难党员帮扶', d.seq, d.now, d.now],
    [fundOld, '老党员生活补助专项', '老党员定额补助和节日慰问', d.seq, d.now, d.now],
  ]);
  type Move = { fund: string; date: string; fen: number; row: unknown[]; table: 'income' | 'aid' };
  const moves: Move[] = [];
  const income = (fund: string, date: string, fen: number, source: string) => moves.push({ fund, date, fen, table: 'income', row: [newId(), fund, date, fen, source, null, d.seq, d.now, d.now] });
  const aid = (m: DemoMember, date: string, kind: string, fen: number, fund: string | null, givenBy: string, reason: string) =>
    moves.push({ fund: fund ?? '', date, fen, table: 'aid', row: [newId(), m.id, date, kind, fen, fund, givenBy, reason, '演示数据', d.seq, d.now, d.now] });
  const span = daysBetween(d.from, d.to);
  const at = (fraction: number) => addDays(d.from, Math.floor(span * fraction));
  income(fundMain, d.from, 6_000_000, '县委组织部拨付');
  income(fundMain, at(0.5), 2_000_000, '党费返还');
  income(fundOld, d.from, old.length * 60_000 + 500_000, '镇财政老党员定额补助');
  const spring = at(0.06);
  for (const m of hardship) aid(m, spring, 'condolence', 50_000, fundMain, '镇党委副书记 刘建民', '困难党员春节慰问');
  for (const m of old) aid(m, spring, 'festival', 30_000, fundOld, '组织委员 王海燕', '老党员春节走访');
  const julyFirst = `${d.from.slice(0, 4)}-06-28`;
  if (julyFirst <= d.to) for (const m of old) aid(m, julyFirst, 'festival', 20_000, fundOld, '镇党委书记 张志刚', '“七一”走访老党员');
  for (const m of rng.shuffle([...hardship]).slice(0, 12)) aid(m, at(rng.float(0.1, 0.95)), 'medical', rng.int(10, 30) * 10_000, fundMain, '组织委员 王海燕', '大病医疗补助');
  for (const m of rng.shuffle([...old, ...hardship]).slice(0, 3)) aid(m, at(rng.float(0.3, 0.8)), 'housing', 800_000, fundMain, '镇党委副书记 刘建民', '老党员危房改造');
  // 政治生日: a card and a visit, no money, for the old members whose anniversary fell in the span.
  for (const m of old.slice(0, 40)) {
    const birthday = `${d.from.slice(0, 4)}${m.joinDate.slice(4)}`;
    if (birthday >= d.from && birthday <= d.to && !birthday.endsWith('02-29')) aid(m, birthday, 'festival', 0, null, '村党支部书记', '政治生日走访');
  }
  // Keep every fund's running balance at or above zero: an aid the fund could not pay that day is left out.
  moves.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.table === b.table ? 0 : a.table === 'income' ? -1 : 1));
  const balance = new Map<string, number>();
  const incomes: unknown[][] = [];
  const aids: unknown[][] = [];
  for (const mv of moves) {
    if (mv.table === 'income') {
      balance.set(mv.fund, (balance.get(mv.fund) ?? 0) + mv.fen);
      incomes.push(mv.row);
    } else if (!mv.fund || (balance.get(mv.fund) ?? 0) >= mv.fen) {
      if (mv.fund) balance.set(mv.fund, balance.get(mv.fund)! - mv.fen);
      aids.push(mv.row);
    }
  }
  await insertRows(ctx, 'care_fund_income', ['id', 'fund_id', 'income_date', 'amount_fen', 'source', 'note', 'seq', 'created_at', 'updated_at'], incomes);
  await insertRows(ctx, 'care_aids', ['id', 'member_id', 'aid_date', 'kind', 'amount_fen', 'fund_id', 'given_by', 'reason', 'note', 'seq', 'created_at', 'updated_at'], aids);
  await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'care.bulk_create', entity: 'care_aids', entityId: null, before: null, after: { source: '演示数据', funds: 2, incomes: incomes.length, aids: aids.length, hardships: newlyHard.length } }]);
  return aids.length;
}

const POSTS: Record<string, string[]> = {
  pioneer: ['环境卫生监督岗', '政策宣传岗', '矛盾调解岗', '治安巡逻岗', '科技示范岗', '移风易俗劝导岗'],
  area: ['党员责任区'],
  volunteer: ['助老志愿服务', '设施蔬菜技术服务', '防汛应急志愿服务', '文明实践志愿服务'],
};
const COMMITMENTS = [
  '带头发展设施蔬菜,帮带两户群众增收',
  '主动参与村内环境整治,每月义务劳动不少于两次',
  '结对帮扶一户困难群众,每季度走访一次',
  '按时参加组织生活,按月交纳党费',
  '带头移风易俗,红白事简办',
  '为留守老人义务代购代办,每月不少于一次',
  '宣传乡村振兴政策,带动邻里参与合作社',
];

async function insertDemoPosts(ctx: ServiceContext, rng: Rng, d: Span & { year: number; branches: { id: string; name: string }[]; byOrg: Map<string, DemoMember[]> }): Promise<{ posts: number; commitments: number }> {
  const withOffice = new Set((await ctx.archive.query<{ member_id: string }>('SELECT DISTINCT member_id FROM member_posts')).map((r) => r.member_id));
  const posts: unknown[][] = [];
  const commitments: unknown[][] = [];
  const kinds = ['pioneer', 'area', 'volunteer'] as const;
  for (const [bi, b] of d.branches.entries()) {
    const people = (d.byOrg.get(b.id) ?? []).filter((m) => !withOffice.has(m.id));
    if (!people.length) continue;
    for (const [k, m] of rng.shuffle([...people]).slice(0, bi < 40 ? 3 : 1).entries()) {
      const kind = kinds[(bi + k) % 3];
      const picked = addDays(d.from, -rng.int(0, 700));
      const fromDate = picked > m.joinDate ? picked : m.joinDate;
      const ended = rng.chance(0.1);
      posts.push([newId(), m.id, kind, rng.pick(POSTS[kind]), kind === 'area' ? `${rng.int(1, 6)}组${rng.int(10, 30)}户` : null, fromDate, ended ? addDays(d.from, rng.int(20, 200)) : null, '演示数据', d.seq, d.now, d.now]);
    }
    // 公开承诺 in the first fifteen branches: every member in February, reviewed in November when that has come.
    if (bi < 15) {
      const made = `${d.year}-02-${String(10 + (bi % 15)).padStart(2, '0')}`;
      const reviewDate = `${d.year}-11-${String(10 + (bi % 10)).padStart(2, '0')}`;
      if (made > d.to) continue;
      for (const m of people) {
        const reviewed = reviewDate <= d.to && rng.chance(0.9);
        const result = reviewed ? rng.weighted(['fulfilled', 'partly', 'unfulfilled'], [85, 12, 3]) : null;
        commitments.push([newId(), m.id, d.year, rng.pick(COMMITMENTS), made, result, reviewed ? reviewDate : null, reviewed ? '支部党员大会评议' : null, d.seq, d.now, d.now]);
      }
    }
  }
  const liaisons: unknown[][] = [];
  const leaders = [['张志刚', '镇党委书记'], ['李国强', '镇党委副书记、镇长'], ['刘建民', '镇党委副书记'], ['王海燕', '镇党委委员、组织委员'], [`${rng.pick(CLAN_SURNAMES)}振华`, '镇党委委员、宣传委员']];
  for (const [i, [name, post]] of leaders.entries()) {
    for (const b of [d.branches[i * 3], d.branches[i * 3 + 17]].filter(Boolean)) {
      liaisons.push([newId(), name, post, b.id, b.name, addDays(d.from, -rng.int(100, 900)), null, '演示数据', d.seq, d.now, d.now]);
    }
  }
  await insertRows(ctx, 'pioneer_posts', ['id', 'member_id', 'kind', 'post', 'area', 'from_date', 'to_date', 'note', 'seq', 'created_at', 'updated_at'], posts);
  await insertRows(ctx, 'member_commitments', ['id', 'member_id', 'year', 'commitment', 'made_date', 'review_result', 'review_date', 'review_note', 'seq', 'created_at', 'updated_at'], commitments);
  await insertRows(ctx, 'liaison_points', ['id', 'leader_name', 'leader_post', 'org_id', 'unit', 'from_date', 'to_date', 'note', 'seq', 'created_at', 'updated_at'], liaisons);
  await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'posts.bulk_create', entity: 'pioneer_posts', entityId: null, before: null, after: { source: '演示数据', posts: posts.length, commitments: commitments.length, liaisonPoints: liaisons.length } }]);
  return { posts: posts.length, commitments: commitments.length };
}
