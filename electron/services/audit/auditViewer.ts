// The audit viewer: the hash-chained audit log (audit.ts) read back for people — who changed
// what and when, filtered by who acted, which member, a date range and the kind of change, a page at a
// time; the chain verified when the viewer opens, naming the first row that does not hold; and the
// filtered log exported to xlsx for an inspection (检查) to take away.
// Rows hold `at` as a UTC instant; offices think in local calendar days, so the date range and the
// times shown are in the machine's local time zone (the office's).
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { todayOf, type ServiceContext } from '../core/context';
import { verifyAuditChain, type AuditChainReport } from './audit';
import { listMembers } from '../members/memberQuery';
import { isIsoDate } from '../members/memberRules';
import { describeChanges as changesInWords, idsIn, type ChangeContext } from './auditWords';
import { ValidationError } from '../core/errors';
import { EXCHANGE_ACTION_LABELS, describeExchangeChanges, exchangeSubjects, isExchangeAction } from './exchangeAudit';

export interface AuditQuery {
  actor?: string | null;
  /** A member's id, or text that finds members the way the members search does (name, pinyin, ID number). */
  member?: string | null;
  from?: string | null; // YYYY-MM-DD, local day, inclusive
  to?: string | null; // YYYY-MM-DD, local day, inclusive
  /** The kind of change: the first part of the action (member, org, development, transfer …). */
  kind?: string | null;
}

export interface AuditRowView {
  id: number;
  at: string; // ISO instant as stored
  time: string; // local "YYYY-MM-DD HH:MM:SS"
  actor: string;
  action: string;
  actionLabel: string;
  kind: string;
  kindLabel: string;
  entity: string;
  entityId: string | null;
  memberId: string | null;
  subject: string; // the member's, organization's or applicant's name where there is one
  changes: string; // before → after in words
  before: string | null;
  after: string | null;
  /** The names of the members, organizations … that before/after name by id, for the window's own words. */
  names: Record<string, string>;
}

/** Kinds of change, by the first part of the action. Actions of later features show their own prefix. */
export const KIND_LABELS: Record<string, string> = {
  member: '党员档案', subrecord: '子记录', probation: '预备期', transfer: '组织关系转接', mobile: '流动党员', lost: '失联党员',
  file: '档案材料', org: '党组织', development: '发展党员', appraisal: '民主评议', disposal: '不合格党员处置', analysis: '党员分析',
  registration: '党员登记', dues: '党费', rules: '规则', settings: '设置', setup: '初始设置', user: '用户账号', backup: '备份',
  exchange: '县乡数据交换', care: '党内关爱', pairing: '城乡结对共建', training: '培训', orglife: '组织生活', affairs: '五事工作法',
  commitment: '公开承诺', post: '设岗定责', posts: '设岗定责', practices: '党建实务', liaison: '联系点',
};

const ACTION_LABELS: Record<string, string> = {
  'member.create': '新建党员档案', 'member.update': '修改党员档案', 'member.exit': '办理出党', 'member.undoExit': '撤销出党', 'member.restore': '恢复党籍', 'member.bulk_create': '批量建立党员档案', 'import.undo': '撤销导入',
  'subrecord.create': '新增子记录', 'subrecord.update': '修改子记录', 'subrecord.delete': '删除子记录',
  'probation.full': '转正', 'probation.extend': '延长预备期', 'probation.cancel': '取消预备党员资格',
  'transfer.internal': '乡镇内转接', 'transfer.out': '开具转出介绍信', 'transfer.receipt': '登记回执', 'transfer.cancel': '撤销转出', 'transfer.in': '转入', 'transfer.in.returning': '转入(原档案恢复)',
  'mobile.start': '登记流动党员', 'mobile.update': '修改流动信息', 'mobile.end': '结束流动', 'lost.mark': '登记失联', 'lost.found': '恢复联系',
  'file.add': '添加档案材料', 'file.remove': '移除档案材料',
  'org.create': '新建党组织', 'org.update': '修改党组织', 'org.move': '调整隶属关系', 'org.merge': '合并党组织', 'org.dissolve': '撤销党组织', 'org.bulk_create': '批量建立党组织',
  'development.apply': '登记入党申请人', 'development.talk': '登记谈话', 'development.activist': '确定为入党积极分子', 'development.review': '登记考察',
  'development.candidate': '确定为发展对象', 'development.political_review': '登记政治审查', 'development.training': '登记集中培训', 'development.publicity': '登记公示',
  'development.admit': '支部大会接收为预备党员', 'development.approve': '党委审批', 'development.withdraw': '终止培养', 'development.void': '作废发展党员步骤', 'development.correct': '更正发展党员步骤', 'development.document': '添加发展材料',
  'appraisal.save': '保存民主评议', 'appraisal.correct': '更正民主评议', 'appraisal.bulk_create': '批量录入民主评议', 'disposal.record': '登记不合格党员处置', 'analysis.save': '保存党员分析', 'registration.save': '保存党员登记',
  'dues.standard': '设定党费标准', 'dues.payment': '登记党费', 'dues.payment.correct': '更正党费', 'dues.bulk_create': '批量录入党费',
  'user.create': '新建用户', 'user.login': '登录', 'user.loginFailed': '登录失败', 'user.lockout': '连续登录失败被锁定', 'user.passwordChange': '修改密码',
  'settings.idleLock': '修改自动锁定时间',
  'user.disable': '停用用户', 'user.enable': '启用用户', 'user.passwordReset': '重置密码', 'user.role': '修改用户角色', 'user.unlock': '解除锁定',
  'care.aid.create': '登记党内关爱', 'care.aid.update': '修改党内关爱', 'care.aid.correct': '更正党内关爱', 'care.aid.delete': '删除党内关爱', 'care.fund.create': '建立关爱资金',
  'care.income': '登记关爱资金收入', 'care.income.delete': '删除关爱资金收入', 'care.bulk_create': '批量录入党内关爱',
  'training.create': '登记培训', 'training.update': '修改培训', 'training.correct': '更正培训', 'training.delete': '删除培训', 'training.target': '修改每年培训学时目标', 'training.bulk_create': '批量录入培训',
  'post.create': '设立党员岗位', 'post.update': '修改党员岗位', 'post.delete': '删除党员岗位', 'posts.bulk_create': '批量录入设岗定责',
  'commitment.create': '登记公开承诺', 'commitment.update': '修改公开承诺', 'commitment.review': '评议公开承诺', 'liaison.create': '设立联系点', 'liaison.update': '修改联系点',
  'pairing.create': '建立结对共建', 'pairing.end': '结束结对共建', 'pairing.help': '登记帮扶', 'pairing.help.correct': '更正帮扶记录', 'pairing.help.delete': '删除帮扶记录', 'orglife.meeting': '登记会议', 'orglife.correct': '更正会议记录', 'orglife.delete': '删除会议记录', 'orglife.file': '添加会议附件',
  'affairs.propose': '民主提事', 'affairs.undo': '撤回五事工作法步骤', 'practices.demo': '载入党建实务演示数据',
  'rules.update': '修改发展党员规则', 'rules.registrationOutcomes': '修改登记结果', 'settings.rules': '修改转接规则', 'settings.countyRules': '修改县级校验规则',
  ...EXCHANGE_ACTION_LABELS,
};

export const kindOf = (action: string) => action.split('.')[0];
export const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind;
const actionLabel = (action: string) => ACTION_LABELS[action] ?? `${kindLabel(kindOf(action))}:${action.split('.').slice(1).join('.') || action}`;

const pad = (n: number) => String(n).padStart(2, '0');
/** A stored instant in the office's local time. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
/** The first instant of a local calendar day, as stored (UTC ISO). */
const startOfLocalDay = (day: string) => new Date(`${day}T00:00:00`).toISOString();
const nextLocalDay = (day: string) => {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + 1);
  return d.toISOString();
};

const MEMBER_OF = `CASE WHEN a.entity = 'members' THEN a.entity_id
  ELSE coalesce(CASE WHEN json_valid(a.after) THEN json_extract(a.after, '$.memberId') END, CASE WHEN json_valid(a.before) THEN json_extract(a.before, '$.memberId') END) END`;

/** The WHERE clause of a query; null when the query can match nothing (a member text that finds nobody). */
async function whereOf(ctx: ServiceContext, q: AuditQuery): Promise<{ sql: string; params: unknown[] } | null> {
  const problems = [];
  if (q.from && !isIsoDate(q.from)) problems.push({ field: 'from', message: `起始日期“${q.from}”不是有效日期(格式 YYYY-MM-DD)` });
  if (q.to && !isIsoDate(q.to)) problems.push({ field: 'to', message: `截止日期“${q.to}”不是有效日期(格式 YYYY-MM-DD)` });
  if (!problems.length && q.from && q.to && q.from > q.to) problems.push({ field: 'to', message: `截止日期 ${q.to} 早于起始日期 ${q.from}` });
  if (problems.length) throw new ValidationError(problems, '查询条件不正确');
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.actor?.trim()) {
    where.push('a.actor = ?');
    params.push(q.actor.trim());
  }
  if (q.from) {
    where.push('a.at >= ?');
    params.push(startOfLocalDay(q.from));
  }
  if (q.to) {
    where.push('a.at < ?');
    params.push(nextLocalDay(q.to));
  }
  if (q.kind?.trim()) {
    where.push("(a.action = ? OR substr(a.action, 1, length(?) + 1) = ? || '.')");
    params.push(q.kind.trim(), q.kind.trim(), q.kind.trim());
  }
  if (q.member?.trim()) {
    const ids = await membersMatching(ctx, q.member.trim());
    if (!ids.length) return null;
    where.push(`(${MEMBER_OF}) IN (${ids.map(() => '?').join(',')})`);
    params.push(...ids);
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** A member id as it is, or the members (left ones included) the search finds for the text. */
async function membersMatching(ctx: ServiceContext, text: string): Promise<string[]> {
  const exact = await ctx.archive.queryOne<{ id: string }>('SELECT id FROM members WHERE id = ?', [text]);
  if (exact) return [exact.id];
  const found = await listMembers(ctx, { startRow: 0, endRow: 200, view: 'all', search: text });
  return found.rows.map((r) => r.id);
}

interface StoredRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  memberId: string | null;
}

/** before → after in words (see auditWords; the exchange's and the set-up's lines have their own words); without a context, as a member's line with no names to look up. */
export function describeChanges(before: string | null, after: string | null, c: ChangeContext = { action: '', entity: 'members', nameOf: () => undefined }): string {
  if (isExchangeAction(c.action)) return describeExchangeChanges(before, after);
  return changesInWords(before, after, c);
}

async function namesOf(ctx: ServiceContext, table: 'members' | 'organizations' | 'dev_people' | 'care_funds' | 'practice_pairs', ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, string>();
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await ctx.archive.query<{ id: string; name: string }>(`SELECT id, name FROM ${table} WHERE id IN (${chunk.map(() => '?').join(',')})`, chunk);
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

async function toViews(ctx: ServiceContext, rows: StoredRow[]): Promise<AuditRowView[]> {
  const members = await namesOf(ctx, 'members', rows.map((r) => r.memberId).filter((x): x is string => !!x));
  const orgs = await namesOf(ctx, 'organizations', rows.filter((r) => r.entity === 'organizations' && r.entityId).map((r) => r.entityId!));
  const people = await namesOf(ctx, 'dev_people', rows.filter((r) => (r.entity === 'dev_people' || r.entity === 'dev_documents') && r.entityId).map((r) => r.entityId!));
  // The members, organizations and people a line's before → after refers to, by name.
  const mentioned = new Set<string>();
  for (const r of rows) {
    idsIn(r.before, mentioned);
    idsIn(r.after, mentioned);
  }
  const ids = [...mentioned];
  const named = new Map<string, string>();
  for (const table of ['members', 'organizations', 'dev_people', 'care_funds', 'practice_pairs'] as const) for (const [id, name] of await namesOf(ctx, table, ids)) named.set(id, name);
  const nameOf = (id: string) => named.get(id) ?? members.get(id) ?? orgs.get(id) ?? people.get(id);
  const exchange = await exchangeSubjects(ctx, rows);
  return rows.map((r) => {
    const kind = kindOf(r.action);
    const subject =
      exchange.get(r) ?? ((r.memberId && members.get(r.memberId)) || (r.entity === 'organizations' && r.entityId && orgs.get(r.entityId)) || (r.entityId && people.get(r.entityId)) || '');
    return {
      id: r.id, at: r.at, time: localTime(r.at), actor: r.actor, action: r.action, actionLabel: actionLabel(r.action), kind, kindLabel: kindLabel(kind),
      entity: r.entity, entityId: r.entityId, memberId: r.memberId, subject, changes: describeChanges(r.before, r.after, { action: r.action, entity: r.entity, nameOf }), before: r.before, after: r.after,
      names: namesIn(r, nameOf),
    };
  });
}

function namesIn(r: { before: string | null; after: string | null }, nameOf: (id: string) => string | undefined): Record<string, string> {
  const ids = new Set<string>();
  idsIn(r.before, ids);
  idsIn(r.after, ids);
  const out: Record<string, string> = {};
  for (const id of ids) {
    const name = nameOf(id);
    if (name) out[id] = name;
  }
  return out;
}

const SELECT = `SELECT a.id AS id, a.at AS at, a.actor AS actor, a.action AS action, a.entity AS entity, a.entity_id AS entityId, a.before AS before, a.after AS after, ${MEMBER_OF} AS memberId FROM audit_log a`;

/** One page of the filtered log, newest first, and how many rows the filter holds. */
export async function listAuditLog(ctx: ServiceContext, q: AuditQuery & { offset?: number; limit?: number }): Promise<{ rows: AuditRowView[]; total: number }> {
  const where = await whereOf(ctx, q);
  if (!where) return { rows: [], total: 0 };
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 1000);
  const offset = Math.max(q.offset ?? 0, 0);
  const total = (await ctx.archive.queryOne<{ n: number }>(`SELECT count(*) AS n FROM audit_log a ${where.sql}`, where.params))?.n ?? 0;
  const rows = await ctx.archive.query<StoredRow>(`${SELECT} ${where.sql} ORDER BY a.id DESC LIMIT ? OFFSET ?`, [...where.params, limit, offset]);
  return { rows: await toViews(ctx, rows), total };
}

/** What the filters offer: everyone who has acted, and the kinds of change the log holds. */
export async function auditFilterOptions(ctx: ServiceContext): Promise<{ actors: string[]; kinds: { kind: string; label: string }[] }> {
  const actors = (await ctx.archive.query<{ actor: string }>('SELECT DISTINCT actor FROM audit_log ORDER BY actor')).map((r) => r.actor);
  const kinds = (await ctx.archive.query<{ kind: string }>("SELECT DISTINCT CASE WHEN instr(action, '.') > 0 THEN substr(action, 1, instr(action, '.') - 1) ELSE action END AS kind FROM audit_log ORDER BY kind"))
    .map((r) => ({ kind: r.kind, label: kindLabel(r.kind) }));
  return { actors, kinds };
}

export interface AuditVerification extends AuditChainReport {
  /** The first row that does not hold, as it reads now (its content may be what was forged). */
  firstBroken?: { id: number; time: string; actor: string; action: string; actionLabel: string } | null;
}

/** The whole chain recomputed (audit.ts), with the first broken row named for the banner. */
export async function verifyAuditLog(ctx: ServiceContext): Promise<AuditVerification> {
  const report = await verifyAuditChain(ctx.archive);
  if (report.intact || report.firstBrokenId === undefined) return report;
  const r = await ctx.archive.queryOne<{ id: number; at: string; actor: string; action: string }>('SELECT id, at, actor, action FROM audit_log WHERE id = ?', [report.firstBrokenId]);
  return { ...report, firstBroken: r ? { id: r.id, time: localTime(r.at), actor: r.actor, action: r.action, actionLabel: actionLabel(r.action) } : null };
}

/** In words, for the banner, the CLI and the export: which row, when, who, what. */
export function verificationText(v: AuditVerification): string {
  if (v.intact) return `审计日志完整:共 ${v.rows} 条记录,哈希链校验通过`;
  const row = v.firstBroken ? `(该条记载:${v.firstBroken.time},${v.firstBroken.actor},${v.firstBroken.actionLabel})` : '';
  return `${v.problem ?? `审计日志第 ${v.firstBrokenId} 条校验不通过`}${row}`;
}

export function describeQuery(q: AuditQuery): string {
  const parts = [
    q.actor ? `操作人:${q.actor}` : '', q.member ? `党员:${q.member}` : '', q.kind ? `类别:${kindLabel(q.kind)}` : '',
    q.from || q.to ? `日期:${q.from ?? '最早'} 至 ${q.to ?? '今天'}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(';') : '全部记录';
}

/** Rows per read while exporting: the log of years stays out of memory. */
const EXPORT_PAGE = 2000;

/** The filtered log as an xlsx: one row per entry (oldest first, as an inspector reads it), and a sheet saying what was chosen and whether the chain held. */
export async function exportAuditLogXlsx(ctx: ServiceContext, q: AuditQuery): Promise<{ bytes: Buffer; rows: number; verification: AuditVerification }> {
  const where = await whereOf(ctx, q);
  const verification = await verifyAuditLog(ctx);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '乡镇党员档案';
  const ws = wb.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' } });
  ws.columns = [
    { header: '序号', width: 8 }, { header: '时间', width: 20 }, { header: '操作人', width: 12 }, { header: '类别', width: 12 }, { header: '操作', width: 20 },
    { header: '对象', width: 14 }, { header: '修改内容', width: 60, style: { alignment: { vertical: 'top', wrapText: true } } }, { header: '修改前', width: 40 }, { header: '修改后', width: 40 },
    { header: '记录哈希', width: 24 },
  ];
  ws.getRow(1).font = { bold: true };
  let rows = 0;
  if (where) {
    for (let lastId = 0; ;) {
      const page = await ctx.archive.query<StoredRow & { hash: string }>(
        `${SELECT.replace(' FROM audit_log a', ', a.hash AS hash FROM audit_log a')} ${where.sql ? `${where.sql} AND` : 'WHERE'} a.id > ? ORDER BY a.id LIMIT ?`, [...where.params, lastId, EXPORT_PAGE]);
      if (!page.length) break;
      const views = await toViews(ctx, page);
      views.forEach((v, i) => {
        ws.addRow([v.id, v.time, v.actor, v.kindLabel, v.actionLabel, v.subject, v.changes, v.before ?? '', v.after ?? '', page[i].hash]).commit();
      });
      rows += page.length;
      lastId = page[page.length - 1].id;
    }
  }
  ws.commit();
  const about = wb.addWorksheet('说明');
  about.columns = [{ width: 16 }, { width: 90 }];
  for (const r of [
    ['导出日期', todayOf(ctx)],
    ['导出人', ctx.actor],
    ['查询条件', describeQuery(q)],
    ['记录条数', rows],
    ['哈希链校验', verificationText(verification)],
    ['说明', '每条记录的哈希覆盖其内容和前一条记录的哈希;任何一条被改动、插入或删除,自该条起校验即不通过。'],
  ]) about.addRow(r).commit();
  about.commit();
  await wb.commit();
  await done;
  return { bytes: Buffer.concat(chunks), rows, verification };
}
