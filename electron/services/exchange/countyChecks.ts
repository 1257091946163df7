// 数据校验 at the county, over what the townships sent: the checks only the county can make because they
// span townships — 重复登记 (one person on two townships' rolls), 转出未接收 (a letter to a township of
// the county that never arrived there), 介绍信过期, 逾期未报送 — and each township's own 数据校验 counted
// per rule, run over the rows of its package exactly as the township runs it over its archive. The checks
// read only. The day limits are the county's rules (settings), changed with an audit entry.
import { todayOf, type ServiceContext } from '../core/context';
import { ValidationError } from '../core/errors';
import { appendAudit } from '../audit/audit';
import { readSetting, writeSetting } from '../core/settings';
import { runDataChecks, type CheckId } from '../statistics/dataChecks';
import { openArchive } from '../../../db/connection';
import { requireCountyArchive } from './countyQuery';
import { countyLetters, daysBetween } from './countyLetters';

export const COUNTY_RULE_DEFAULTS = {
  arrivalDays: 30, // 转出未接收: days after the letter without an arrival in the township it names
  overdueDays: 30, // 逾期未报送: days without a package
};
export type CountyRules = { [K in keyof typeof COUNTY_RULE_DEFAULTS]: number };

export async function getCountyRules(ctx: ServiceContext): Promise<CountyRules> {
  return { ...COUNTY_RULE_DEFAULTS, ...((await readSetting<Partial<CountyRules>>(ctx.archive, 'rules:county')) ?? {}) };
}

export async function setCountyRules(ctx: ServiceContext, patch: Partial<CountyRules>): Promise<CountyRules> {
  await requireCountyArchive(ctx);
  const issues = [];
  const ok = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n >= 1 && n <= 365);
  if (!ok(patch.arrivalDays)) issues.push({ field: 'arrivalDays', message: '转出后几天未接收应为1至365的整数' });
  if (!ok(patch.overdueDays)) issues.push({ field: 'overdueDays', message: '几天未报送算逾期应为1至365的整数' });
  if (issues.length) throw new ValidationError(issues);
  return ctx.archive.transaction(async () => {
    const before = await getCountyRules(ctx);
    const after = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    await writeSetting(ctx.archive, 'rules:county', after);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'settings.countyRules', entity: 'settings', entityId: 'rules:county', before, after }]);
    return after;
  });
}

export type CountyCheckId = 'duplicate' | 'notReceived' | 'letterExpired' | 'overdue';

export interface CountyProblem {
  /** A member's record in a township, or a township itself (逾期未报送). */
  entity: 'member' | 'township';
  townshipCode: string;
  townshipName: string;
  /** The member's id in their township (with townshipCode it opens the record); the township's code. */
  id: string;
  name: string;
  idNumber: string | null;
  orgName: string;
  detail: string;
}

export interface CountyCheck {
  id: CountyCheckId;
  title: string;
  titleEn: string;
  problems: CountyProblem[];
}

export interface TownshipCheckCounts {
  code: string;
  name: string;
  /** False when the county holds no package of it, or its package lacks the tables the checks read. */
  available: boolean;
  note: string | null;
  lastSequence: number;
  counts: Partial<Record<CheckId, number>>;
  total: number;
}

export interface CountyChecks {
  today: string;
  rules: CountyRules & { since: string | null };
  total: number;
  checks: CountyCheck[];
  /** The township's own 数据校验, per rule, in the township's order. */
  townshipRules: { id: CheckId; title: string; titleEn: string }[];
  townships: TownshipCheckCounts[];
  townshipTotal: number;
}

/** One person on the roll of two or more townships, none of them 转出待回执 (that is a transfer under way). */
async function duplicates(ctx: ServiceContext): Promise<CountyProblem[]> {
  const rows = await ctx.archive.query<{ township_code: string; township_name: string; id: string; name: string; id_number: string; org_name: string | null }>(
    `SELECT c.township_code, t.name AS township_name, c.id, c.name, c.id_number, c.org_name FROM county_members c JOIN county_townships t ON t.code = c.township_code
     WHERE c.exit_reason IS NULL AND c.transfer_pending = 0 AND c.id_number IN (
       SELECT id_number FROM county_members WHERE exit_reason IS NULL AND transfer_pending = 0 GROUP BY id_number HAVING count(DISTINCT township_code) > 1)
     ORDER BY c.id_number, c.township_code`,
  );
  return rows.map((r) => {
    const others = rows.filter((o) => o.id_number === r.id_number && o.township_code !== r.township_code).map((o) => `${o.township_name}${o.org_name ? ` ${o.org_name}` : ''}(${o.name})`);
    return {
      entity: 'member', townshipCode: r.township_code, townshipName: r.township_name, id: r.id, name: r.name, idNumber: r.id_number, orgName: r.org_name ?? '',
      detail: `公民身份号码 ${r.id_number} 同时在${others.join('、')}的名册上,两处都在册,没有转接介绍信`,
    };
  });
}

async function letterProblems(ctx: ServiceContext, rules: CountyRules, today: string): Promise<{ notReceived: CountyProblem[]; expired: CountyProblem[] }> {
  const notReceived: CountyProblem[] = [];
  const expired: CountyProblem[] = [];
  for (const l of await countyLetters(ctx)) {
    if (l.direction !== 'out' || l.match) continue;
    const who = { entity: 'member' as const, townshipCode: l.townshipCode, townshipName: l.townshipName, id: l.memberId, name: l.memberName, idNumber: l.idNumber, orgName: l.orgName ?? '' };
    const days = daysBetween(l.transferDate, today);
    if (l.toTownship && days > rules.arrivalDays) {
      const here = l.status === 'pending' ? '本镇仍待回执' : `本镇已于 ${l.receiptDate ?? ''} 登记回执`;
      notReceived.push({ ...who, detail: `介绍信 ${l.letterNumber} 于 ${l.transferDate} 开往${l.toTownship.name}(${l.party}),${days} 天未见${l.toTownship.name}接收(规定 ${rules.arrivalDays} 天);${here}` });
    }
    if (l.status === 'pending' && l.validUntil && l.validUntil < today) {
      expired.push({ ...who, detail: `介绍信 ${l.letterNumber}(转往 ${l.party})有效期至 ${l.validUntil},已过期 ${daysBetween(l.validUntil, today)} 天,仍待回执` });
    }
  }
  return { notReceived, expired };
}

interface TownshipRow {
  code: string;
  name: string;
  registered_at: string;
  last_sequence: number;
  last_bagging_date: string | null;
  row_counts: string | null;
}

function overdue(townships: TownshipRow[], rules: CountyRules, since: string | null, today: string): CountyProblem[] {
  const out: CountyProblem[] = [];
  for (const t of townships) {
    const last = t.last_bagging_date;
    const base = { entity: 'township' as const, townshipCode: t.code, townshipName: t.name, id: t.code, name: t.name, idNumber: null, orgName: '' };
    const lastWords = last ? `最近一次数据包是第 ${t.last_sequence} 号(${last} 打包)` : `自 ${t.registered_at.slice(0, 10)} 登记以来没有收到过数据包`;
    if (since) {
      if (!last || last < since) out.push({ ...base, detail: `${since} 以来没有报送数据包;${lastWords}` });
      continue;
    }
    const days = daysBetween(last ?? t.registered_at.slice(0, 10), today);
    if (days > rules.overdueDays) out.push({ ...base, detail: `已 ${days} 天没有报送数据包(规定 ${rules.overdueDays} 天);${lastWords}` });
  }
  return out;
}

type TownshipCheckRun = Awaited<ReturnType<typeof townshipChecks>>;
/**
 * A package's checks, by archive, township, package number and day: a package applied is never changed
 * (the next one has another number), so the checks of one run again only on another day.
 */
const checkedPackages = new Map<string, TownshipCheckRun>();

/** The tables the township's 数据校验 reads (statistics/dataChecks): what a package must carry for them. */
const TOWNSHIP_CHECK_TABLES = ['organizations', 'members', 'mobile_records'];

/**
 * A township's own 数据校验 over the rows the county holds for it: the rows are put into a scratch
 * archive of the same schema (in memory), and the township's checks run there as they do at home.
 */
async function townshipChecks(ctx: ServiceContext, t: TownshipRow): Promise<{ counts: Partial<Record<CheckId, number>>; total: number; titles: { id: CheckId; title: string; titleEn: string }[] }> {
  const scratch = await openArchive(':memory:');
  try {
    await scratch.exec('PRAGMA foreign_keys = OFF');
    // The scratch rows are read a few times and thrown away: the archive's own indexes (a dozen on members)
    // would cost more to fill than the checks take. One index the checks' lookups need is made instead.
    const indexes = await scratch.query<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${TOWNSHIP_CHECK_TABLES.map(() => '?').join(',')})`,
      TOWNSHIP_CHECK_TABLES,
    );
    for (const ix of indexes) await scratch.exec(`DROP INDEX "${ix.name}"`);
    for (const table of TOWNSHIP_CHECK_TABLES) {
      const columns = (await scratch.query<{ name: string }>('SELECT name FROM pragma_table_info(?)', [table])).map((c) => c.name);
      const rows = await ctx.archive.queryOne<{ j: string }>('SELECT json_group_array(json(data)) AS j FROM county_rows WHERE township_code = ? AND table_name = ?', [t.code, table]);
      await scratch.run(
        `INSERT INTO "${table}"(${columns.map((c) => `"${c}"`).join(',')}) SELECT ${columns.map((c) => `value->>'$."${c}"'`).join(',')} FROM json_each(?)`,
        [rows?.j ?? '[]'],
      );
    }
    await scratch.exec('CREATE INDEX scratch_mobile_member ON mobile_records(member_id); CREATE INDEX scratch_members_org ON members(org_id)');
    const r = await runDataChecks({ archive: scratch, actor: ctx.actor, today: todayOf(ctx) });
    return { counts: Object.fromEntries(r.checks.map((c) => [c.id, c.problems.length])), total: r.total, titles: r.checks.map((c) => ({ id: c.id, title: c.title, titleEn: c.titleEn })) };
  } finally {
    await scratch.close();
  }
}

export async function runCountyChecks(ctx: ServiceContext, options: { since?: string | null } = {}): Promise<CountyChecks> {
  await requireCountyArchive(ctx);
  const today = todayOf(ctx);
  const rules = await getCountyRules(ctx);
  const since = options.since?.trim() || null;
  if (since && !/^\d{4}-\d{2}-\d{2}$/.test(since)) throw new ValidationError([{ field: 'since', message: `日期“${since}”应为 YYYY-MM-DD,如 2026-10-01` }]);
  const townships = await ctx.archive.query<TownshipRow>('SELECT code, name, registered_at, last_sequence, last_bagging_date, row_counts FROM county_townships ORDER BY code');
  const letters = await letterProblems(ctx, rules, today);
  const checks: CountyCheck[] = [
    { id: 'duplicate', title: '重复登记', titleEn: 'On the roll in two townships', problems: await duplicates(ctx) },
    { id: 'notReceived', title: '转出未接收', titleEn: 'Transferred out, never received', problems: letters.notReceived },
    { id: 'letterExpired', title: '介绍信过期', titleEn: 'Letter expired', problems: letters.expired },
    { id: 'overdue', title: '逾期未报送', titleEn: 'Township overdue', problems: overdue(townships, rules, since, today) },
  ];
  const perTownship: TownshipCheckCounts[] = [];
  let titles: CountyChecks['townshipRules'] = [];
  for (const t of townships) {
    const held = t.row_counts ? (JSON.parse(t.row_counts) as Record<string, number>) : {};
    const base = { code: t.code, name: t.name, lastSequence: t.last_sequence, counts: {}, total: 0 };
    if (!t.last_sequence) {
      perTownship.push({ ...base, available: false, note: '还没有导入这个乡镇的数据包' });
      continue;
    }
    const lacking = ['organizations', 'members'].filter((name) => !(name in held));
    if (lacking.length) {
      perTownship.push({ ...base, available: false, note: '这个乡镇的数据包中没有党组织或党员的记录,无法校验' });
      continue;
    }
    const key = `${ctx.archive.file}|${t.code}|${t.last_sequence}|${todayOf(ctx)}`;
    let r = checkedPackages.get(key);
    if (!r) {
      r = await townshipChecks(ctx, t);
      checkedPackages.set(key, r);
      if (checkedPackages.size > 500) checkedPackages.delete(checkedPackages.keys().next().value!);
    }
    titles = r.titles;
    perTownship.push({ ...base, available: true, note: null, counts: r.counts, total: r.total });
  }
  if (!titles.length) titles = (await runDataChecksTitles(ctx)).titles;
  return {
    today, rules: { ...rules, since }, total: checks.reduce((s, c) => s + c.problems.length, 0), checks,
    townshipRules: titles, townships: perTownship, townshipTotal: perTownship.reduce((s, t) => s + t.total, 0),
  };
}

/** The rules' names when no township's package could be checked (an empty scratch archive). */
async function runDataChecksTitles(ctx: ServiceContext): Promise<{ titles: CountyChecks['townshipRules'] }> {
  const scratch = await openArchive(':memory:');
  try {
    const r = await runDataChecks({ archive: scratch, actor: ctx.actor, today: todayOf(ctx) });
    return { titles: r.checks.map((c) => ({ id: c.id, title: c.title, titleEn: c.titleEn })) };
  } finally {
    await scratch.close();
  }
}
