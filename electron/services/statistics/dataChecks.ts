// 数据校验: the checks an office runs before it reports. Each check lists every record that fails it,
// with what is wrong and where the record is, so that the clerk can open it and fix it. The checks read
// only; they never change a record.
//
// County mode runs the same checks over the whole archive (every township it holds; until the county
// import exists that is the county's own records).
import { CODE_LISTS, labelOf } from '../core/codes';
import { OCCUPATION_NOT_FILLED } from '../members/nationalCodes';
import type { ServiceContext } from '../core/context';
import { todayOf } from '../core/context';
import { normalizeIdNumber, upgradeIdNumber15 } from '../members/idNumber';
import { words, type Words } from '../core/words';

export type CheckId =
  | 'duplicateIdNumber' | 'missingFields' | 'dateOrder' | 'probationOverdue' | 'inactiveBranch' | 'smallBranch' | 'mobileNoDestination'
  | 'educationToRefine' | 'jobPostToRefine' | 'jobPostMissing' | 'lostWithoutDetails';

export interface CheckProblem {
  entity: 'member' | 'org';
  id: string;
  name: string;
  /** The member's branch (or, for an organization, its parent). */
  orgName: string;
  detail: string;
  /** The same as `detail`, one entry per thing wrong, for the window to say in its language. */
  words: Words[];
}

export interface CheckResult {
  id: CheckId;
  title: string;
  titleEn: string;
  available: boolean;
  note?: string;
  noteEn?: string;
  problems: CheckProblem[];
}

export interface DataChecks {
  today: string;
  total: number;
  checks: CheckResult[];
}

type MemberRow = {
  id: string;
  name: string;
  org_name: string;
  id_number: string;
  gender: string;
  ethnicity: string;
  birth_date: string;
  education: string;
  category: string;
  join_date: string;
  full_date: string | null;
  occupation: string;
  phone: string | null;
  address: string | null;
  exit_reason: string | null;
  exit_date: string | null;
  lost_date: string | null;
  is_lost: number;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The same person's number written two ways (15 and 18 digits, x and X) is the same number. */
export function idNumberKey(raw: string): string {
  const id = normalizeIdNumber(raw);
  return /^\d{15}$/.test(id) ? upgradeIdNumber15(id) : id;
}

/** 同一公民身份号码出现两次. */
export async function checkDuplicateIdNumbers(ctx: ServiceContext): Promise<CheckProblem[]> {
  const rows = await ctx.archive.query<{ id: string; name: string; org_name: string; id_number: string }>(
    `SELECT m.id AS id, m.name AS name, o.name AS org_name, m.id_number AS id_number FROM members m JOIN organizations o ON o.id = m.org_id`,
  );
  const byKey = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = idNumberKey(r.id_number);
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const out: CheckProblem[] = [];
  for (const [key, list] of byKey) {
    if (list.length < 2) continue;
    for (const r of list) {
      const others = list.filter((x) => x !== r).map((x) => `${x.name}(${x.org_name})`).join('、');
      out.push({ entity: 'member', id: r.id, name: r.name, orgName: r.org_name, detail: `公民身份号码 ${key} 与 ${others} 相同`, words: [words('sameIdNumber', { idNumber: key, others })] });
    }
  }
  return out;
}

/** The column, its label, and the member form's key (which the window labels). */
const MANDATORY: [keyof MemberRow, string, string][] = [
  ['name', '姓名', 'name'],
  ['gender', '性别', 'gender'],
  ['id_number', '公民身份号码', 'idNumber'],
  ['ethnicity', '民族', 'ethnicity'],
  ['birth_date', '出生日期', 'birthDate'],
  ['education', '学历', 'education'],
  ['category', '人员类别', 'category'],
  ['join_date', '入党日期', 'joinDate'],
  ['occupation', '工作岗位/职业', 'occupation'],
  ['phone', '联系电话', 'phone'],
  ['address', '家庭住址', 'address'],
];

/** 必填项缺失 (members on the roll): the core fields of domain.md, and 转正日期 for a 正式党员. */
export async function checkMissingFields(ctx: ServiceContext): Promise<CheckProblem[]> {
  const rows = await ctx.archive.query<MemberRow>(
    `SELECT m.*, o.name AS org_name FROM members m JOIN organizations o ON o.id = m.org_id WHERE m.exit_reason IS NULL`,
  );
  const out: CheckProblem[] = [];
  for (const r of rows) {
    const missing = MANDATORY.filter(([f]) => r[f] == null || String(r[f]).trim() === '');
    const labels = missing.map(([, label]) => label);
    const keys = missing.map(([, , key]) => key);
    if (r.category === 'formal' && !r.full_date) {
      labels.push('转正日期');
      keys.push('fullDate');
    }
    if (labels.length) out.push({ entity: 'member', id: r.id, name: r.name || '(无姓名)', orgName: r.org_name, detail: `缺少:${labels.join('、')}`, words: [words('missing', { fields: keys.join(',') })] });
  }
  return out;
}

/** 日期先后不合理: 出生 < 入党 (年满18岁) < 转正; 出党、失联不早于入党; no date after today. */
export async function checkDateOrder(ctx: ServiceContext): Promise<CheckProblem[]> {
  const today = todayOf(ctx);
  const rows = await ctx.archive.query<MemberRow>(
    `SELECT m.id AS id, m.name AS name, o.name AS org_name, m.birth_date AS birth_date, m.join_date AS join_date, m.full_date AS full_date,
            m.exit_date AS exit_date, m.lost_date AS lost_date
     FROM members m JOIN organizations o ON o.id = m.org_id`,
  );
  const out: CheckProblem[] = [];
  for (const r of rows) {
    const issues: string[] = [];
    const said: Words[] = [];
    const dates: [string, string, string | null][] = [['出生日期', 'birthDate', r.birth_date], ['入党日期', 'joinDate', r.join_date], ['转正日期', 'fullDate', r.full_date], ['出党日期', 'exitDate', r.exit_date], ['失联日期', 'lostDate', r.lost_date]];
    for (const [label, field, d] of dates) {
      if (d == null || d === '') continue;
      if (!DATE.test(d)) {
        issues.push(`${label}“${d}”格式不正确`);
        said.push(words('badDate', { field, date: d }));
      } else if (d > today) {
        issues.push(`${label} ${d} 晚于今天`);
        said.push(words('afterToday', { field, date: d }));
      }
    }
    if (r.birth_date && r.join_date) {
      if (r.join_date <= r.birth_date) {
        issues.push(`入党日期 ${r.join_date} 不晚于出生日期 ${r.birth_date}`);
        said.push(words('joinedBeforeBirth', { joined: r.join_date, born: r.birth_date }));
      } else {
        const adult = `${String(Number(r.birth_date.slice(0, 4)) + 18).padStart(4, '0')}${r.birth_date.slice(4)}`;
        if (r.join_date < adult) {
          issues.push(`入党时未满18岁(出生 ${r.birth_date},入党 ${r.join_date})`);
          said.push(words('joinedUnder18', { joined: r.join_date, born: r.birth_date }));
        }
      }
    }
    if (r.full_date && r.join_date && r.full_date <= r.join_date) {
      issues.push(`转正日期 ${r.full_date} 不晚于入党日期 ${r.join_date}`);
      said.push(words('fullBeforeJoin', { full: r.full_date, joined: r.join_date }));
    }
    if (r.exit_date && r.join_date && r.exit_date < r.join_date) {
      issues.push(`出党日期 ${r.exit_date} 早于入党日期 ${r.join_date}`);
      said.push(words('exitBeforeJoin', { exit: r.exit_date, joined: r.join_date }));
    }
    if (r.lost_date && r.join_date && r.lost_date < r.join_date) {
      issues.push(`失联日期 ${r.lost_date} 早于入党日期 ${r.join_date}`);
      said.push(words('lostBeforeJoin', { lost: r.lost_date, joined: r.join_date }));
    }
    if (issues.length) out.push({ entity: 'member', id: r.id, name: r.name, orgName: r.org_name, detail: issues.join(';'), words: said });
  }
  return out;
}

/** 预备期满未作决定: a 预备党员 on the roll whose year of probation (from 入党日期) has ended, with no 转正. */
export async function checkProbationOverdue(ctx: ServiceContext): Promise<CheckProblem[]> {
  const today = todayOf(ctx);
  const rows = await ctx.archive.query<{ id: string; name: string; org_name: string; join_date: string }>(
    `SELECT m.id AS id, m.name AS name, o.name AS org_name, m.join_date AS join_date FROM members m JOIN organizations o ON o.id = m.org_id
     WHERE m.exit_reason IS NULL AND m.category = 'probationary' AND m.full_date IS NULL AND date(m.join_date, '+1 year') < ?
     ORDER BY m.join_date`,
    [today],
  );
  return rows.map((r) => ({ entity: 'member' as const, id: r.id, name: r.name, orgName: r.org_name, detail: `入党日期 ${r.join_date},预备期已满一年,尚未讨论转正(或延长预备期、取消资格)`, words: [words('probationOverdue', { joined: r.join_date })] }));
}

/** 所在组织已撤销或合并 while the member is still on the roll. */
export async function checkInactiveBranch(ctx: ServiceContext): Promise<CheckProblem[]> {
  const rows = await ctx.archive.query<{ id: string; name: string; org_name: string; status: string }>(
    `SELECT m.id AS id, m.name AS name, o.name AS org_name, o.status AS status FROM members m JOIN organizations o ON o.id = m.org_id
     WHERE m.exit_reason IS NULL AND o.status <> 'active'`,
  );
  const label = (s: string) => CODE_LISTS.orgStatus.find((e) => e.code === s)?.zh ?? s;
  return rows.map((r) => ({ entity: 'member' as const, id: r.id, name: r.name, orgName: r.org_name, detail: `所在组织“${r.org_name}”${label(r.status)},党员仍在册`, words: [words('inactiveBranch', { org: r.org_name, status: r.status })] }));
}

/** 党支部正式党员不足3人 (active 党支部 / 联合党支部). */
export async function checkSmallBranches(ctx: ServiceContext): Promise<CheckProblem[]> {
  const rows = await ctx.archive.query<{ id: string; name: string; parent_name: string | null; n: number }>(
    `SELECT o.id AS id, o.name AS name, p.name AS parent_name,
            (SELECT count(*) FROM members m WHERE m.org_id = o.id AND m.exit_reason IS NULL AND m.category = 'formal') AS n
     FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id
     WHERE o.status = 'active' AND o.type IN ('branch', 'joint_branch')`,
  );
  return rows
    .filter((r) => r.n < 3)
    .map((r) => ({ entity: 'org' as const, id: r.id, name: r.name, orgName: r.parent_name ?? '', detail: `正式党员 ${r.n} 名,不足3名`, words: [words('smallBranch', { n: r.n })] }));
}

/**
 * 流动党员未登记流向: flagged 流动 but neither an open outgoing registration with a destination nor the
 * record's own 外出流向 (省) — as a national export gives 是否流动党员 = 是 alone.
 */
export async function checkMobileWithoutDestination(ctx: ServiceContext): Promise<CheckProblem[]> {
  const rows = await ctx.archive.query<{ id: string; name: string; org_name: string }>(
    `SELECT m.id AS id, m.name AS name, o.name AS org_name FROM members m JOIN organizations o ON o.id = m.org_id
     WHERE m.exit_reason IS NULL AND m.is_mobile = 1 AND trim(coalesce(m.mobile_province, '')) = ''
       AND NOT EXISTS (SELECT 1 FROM mobile_records r WHERE r.member_id = m.id AND r.end_date IS NULL AND trim(r.destination) <> '')
     ORDER BY o.name, m.pinyin_full`,
  );
  return rows.map((r) => ({ entity: 'member' as const, id: r.id, name: r.name, orgName: r.org_name, detail: '标记为流动党员,但没有登记外出流向(省/市/县)', words: [words('mobileNoDestination')] }));
}

type CoarseRow = { id: string; name: string; org_name: string; value: string };
const onRoll = (where: string) =>
  `SELECT m.id AS id, m.name AS name, o.name AS org_name, %VALUE% AS value FROM members m JOIN organizations o ON o.id = m.org_id
   WHERE m.exit_reason IS NULL AND ${where} ORDER BY o.name, m.pinyin_full`;

/**
 * 学历待细化: a 学历 recorded only as its statistics group (records from before the national list, rosters
 * that wrote 大学本科 or 高中): counted in its group, but the national system wants the leaf.
 */
export async function checkEducationToRefine(ctx: ServiceContext): Promise<CheckProblem[]> {
  const rows = await ctx.archive.query<CoarseRow>(onRoll("m.education_level IS NULL AND trim(m.education) <> ''").replace('%VALUE%', 'm.education'));
  return rows.map((r) => ({
    entity: 'member' as const, id: r.id, name: r.name, orgName: r.org_name,
    detail: `学历只记为“${labelOf('education', r.value)}”(统计分组),请按全国党员管理信息系统的学历细化(如 普通高中、职业高中、大学)`,
    words: [words('educationToRefine', { education: r.value })],
  }));
}

/** 工作岗位待细化: only the bulletin class is known (职业 农牧渔民, 工人 …), not the national 工作岗位. */
export async function checkJobPostToRefine(ctx: ServiceContext): Promise<CheckProblem[]> {
  const rows = await ctx.archive.query<CoarseRow>(
    onRoll("m.job_post IS NULL AND trim(m.occupation) <> '' AND m.occupation <> ?").replace('%VALUE%', 'm.occupation'),
    [OCCUPATION_NOT_FILLED],
  );
  return rows.map((r) => ({
    entity: 'member' as const, id: r.id, name: r.name, orgName: r.org_name,
    detail: `职业只记为“${labelOf('occupation', r.value)}”,请按全国党员管理信息系统的工作岗位细化(如 农牧渔业生产人员、外出务工经商人员)`,
    words: [words('jobPostToRefine', { occupation: r.value })],
  }));
}

/** 工作岗位未填写: the record's source said nothing about work (a roster without that column). */
export async function checkJobPostMissing(ctx: ServiceContext): Promise<CheckProblem[]> {
  const rows = await ctx.archive.query<CoarseRow>(onRoll('m.job_post IS NULL AND m.occupation = ?').replace('%VALUE%', 'm.occupation'), [OCCUPATION_NOT_FILLED]);
  return rows.map((r) => ({ entity: 'member' as const, id: r.id, name: r.name, orgName: r.org_name, detail: '工作岗位未填写(导入的名册中没有这一项),请补填', words: [words('jobPostMissing')] }));
}

/** 失联党员缺失联日期或原因: kept on the roll as 失联 (a national export says only 是), the details still to find. */
export async function checkLostWithoutDetails(ctx: ServiceContext): Promise<CheckProblem[]> {
  const rows = await ctx.archive.query<{ id: string; name: string; org_name: string; no_date: number; no_reason: number }>(
    `SELECT m.id AS id, m.name AS name, o.name AS org_name,
            (m.lost_date IS NULL AND trim(coalesce(m.lost_month, '')) = '') AS no_date, (trim(coalesce(m.lost_reason, '')) = '') AS no_reason
     FROM members m JOIN organizations o ON o.id = m.org_id
     WHERE m.exit_reason IS NULL AND m.is_lost = 1
       AND ((m.lost_date IS NULL AND trim(coalesce(m.lost_month, '')) = '') OR trim(coalesce(m.lost_reason, '')) = '')
     ORDER BY o.name, m.pinyin_full`,
  );
  return rows.map((r) => ({
    entity: 'member' as const, id: r.id, name: r.name, orgName: r.org_name,
    detail: `失联党员缺少:${[r.no_date ? '失去联系日期' : '', r.no_reason ? '失联原因' : ''].filter(Boolean).join('、')}`,
    words: [words(r.no_date && r.no_reason ? 'lostWithoutDateAndReason' : r.no_date ? 'lostWithoutDate' : 'lostWithoutReason')],
  }));
}

export async function runDataChecks(ctx: ServiceContext): Promise<DataChecks> {
  const checks: CheckResult[] = [
    { id: 'duplicateIdNumber', title: '公民身份号码重复', titleEn: 'Same ID number twice', available: true, problems: await checkDuplicateIdNumbers(ctx) },
    { id: 'missingFields', title: '必填项缺失', titleEn: 'Missing mandatory fields', available: true, problems: await checkMissingFields(ctx) },
    { id: 'dateOrder', title: '日期先后不合理', titleEn: 'Impossible date order', available: true, problems: await checkDateOrder(ctx) },
    { id: 'probationOverdue', title: '预备期满未作决定', titleEn: 'Probation over without a decision', available: true, problems: await checkProbationOverdue(ctx) },
    { id: 'inactiveBranch', title: '所在组织已撤销或合并', titleEn: 'Member in a dissolved or merged branch', available: true, problems: await checkInactiveBranch(ctx) },
    { id: 'smallBranch', title: '党支部正式党员不足3名', titleEn: 'Branch with fewer than three full members', available: true, problems: await checkSmallBranches(ctx) },
    { id: 'mobileNoDestination', title: '流动党员未登记流向', titleEn: 'Mobile member without destination', available: true, problems: await checkMobileWithoutDestination(ctx) },
    { id: 'lostWithoutDetails', title: '失联党员缺失联日期或原因', titleEn: 'Lost member without date or reason', available: true, problems: await checkLostWithoutDetails(ctx) },
    { id: 'educationToRefine', title: '学历待细化', titleEn: 'Education to refine', available: true, problems: await checkEducationToRefine(ctx) },
    { id: 'jobPostToRefine', title: '工作岗位待细化', titleEn: 'Job post to refine', available: true, problems: await checkJobPostToRefine(ctx) },
    { id: 'jobPostMissing', title: '工作岗位未填写', titleEn: 'Job post not filled in', available: true, problems: await checkJobPostMissing(ctx) },
  ];
  return { today: todayOf(ctx), total: checks.reduce((s, c) => s + c.problems.length, 0), checks };
}
