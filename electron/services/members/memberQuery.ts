// The members grid's data: one page of rows at a time, sorted and filtered in SQL (the grid's infinite
// row model asks for blocks), so that a county's 150,000 members never travel to the window at once.
// Quick search works like Chinese office software: characters, full pinyin, pinyin initials, ID number.
import { and, asc, desc, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { members, organizations } from '../../../db/schema';
import { todayOf, type ServiceContext } from '../core/context';
import { getLifeRules } from '../core/settings';
import { addMonths } from './life/lifeCommon';
import { codesMatching, type CodeListName } from '../core/codes';
import { organizationCount, subtreeIds } from '../organizations/organizations';
import { normalizeSearchText } from './searchKeys';
import { DomainError } from '../core/errors';

// lostReview: 失联 for at least the configured months (6 by default): due for the 停止党籍 review.
export type MemberView = 'roll' | 'exited' | 'all' | 'probationary' | 'mobile' | 'lost' | 'lostReview' | 'hardship' | 'transferPending';

export interface TextFilterModel {
  filterType: 'text';
  type: 'contains' | 'notContains' | 'equals' | 'notEqual' | 'startsWith' | 'endsWith' | 'blank' | 'notBlank';
  filter?: string | null;
}
export interface DateFilterModel {
  filterType: 'date';
  type: 'equals' | 'notEqual' | 'lessThan' | 'greaterThan' | 'inRange' | 'blank' | 'notBlank';
  dateFrom?: string | null;
  dateTo?: string | null;
}
export type ColumnFilterModel = TextFilterModel | DateFilterModel;

export interface MemberListQuery {
  startRow: number;
  endRow: number;
  sort?: { colId: string; sort: 'asc' | 'desc' }[];
  orgId?: string | null;
  view?: MemberView;
  exitReason?: string | null;
  search?: string | null;
  filters?: Record<string, ColumnFilterModel>;
}

const parentOrg = alias(organizations, 'parent_org');

/** What a grid row shows. */
export const listColumns = {
  id: members.id,
  name: members.name,
  gender: members.gender,
  idNumber: members.idNumber,
  ethnicity: members.ethnicity,
  birthDate: members.birthDate,
  education: members.education,
  category: members.category,
  orgId: members.orgId,
  orgName: organizations.name,
  orgShortName: organizations.shortName,
  parentOrgId: parentOrg.id,
  parentOrgName: parentOrg.name,
  joinDate: members.joinDate,
  fullDate: members.fullDate,
  occupation: members.occupation,
  jobTitle: members.jobTitle,
  phone: members.phone,
  address: members.address,
  isMobile: members.isMobile,
  isLost: members.isLost,
  exitReason: members.exitReason,
  exitDate: members.exitDate,
  nativePlace: members.nativePlace,
  workUnit: members.workUnit,
  householdPlace: members.householdPlace,
  remarks: members.remarks,
  degree: members.degree,
  educationLevel: members.educationLevel,
  jobPost: members.jobPost,
  newSocialStratum: members.newSocialStratum,
  professionalTitle: members.professionalTitle,
  isMigrantWorker: members.isMigrantWorker,
  currentResidence: members.currentResidence,
  partyAgeAdjustMonths: members.partyAgeAdjustMonths,
  joinType: members.joinType,
  fullStatus: members.fullStatus,
  joinBranch: members.joinBranch,
  probationExtensionMonths: members.probationExtensionMonths,
  mobileProvince: members.mobileProvince,
  mobileCity: members.mobileCity,
  mobileCounty: members.mobileCounty,
  lostMonth: members.lostMonth,
};

export type MemberListRow = {
  [K in keyof typeof listColumns]: (typeof listColumns)[K]['_']['data'] | ((typeof listColumns)[K]['_']['notNull'] extends true ? never : null);
};

const TEXT_COLUMNS: Record<string, AnyColumn> = {
  name: members.name,
  idNumber: members.idNumber,
  phone: members.phone,
  address: members.address,
  jobTitle: members.jobTitle,
  workUnit: members.workUnit,
  nativePlace: members.nativePlace,
  householdPlace: members.householdPlace,
  remarks: members.remarks,
  // The national leaves are stored as their names: filtered as text.
  educationLevel: members.educationLevel,
  jobPost: members.jobPost,
  newSocialStratum: members.newSocialStratum,
  professionalTitle: members.professionalTitle,
  currentResidence: members.currentResidence,
  joinType: members.joinType,
  fullStatus: members.fullStatus,
  joinBranch: members.joinBranch,
  mobileProvince: members.mobileProvince,
  mobileCity: members.mobileCity,
  mobileCounty: members.mobileCounty,
  lostMonth: members.lostMonth,
  orgName: organizations.name,
  parentOrgName: parentOrg.name,
};
const CODED_COLUMNS: Record<string, [AnyColumn, CodeListName]> = {
  gender: [members.gender, 'gender'],
  ethnicity: [members.ethnicity, 'ethnicity'],
  education: [members.education, 'education'],
  occupation: [members.occupation, 'occupation'],
  category: [members.category, 'memberCategory'],
  degree: [members.degree, 'degree'],
  exitReason: [members.exitReason, 'exitReason'],
};
const DATE_COLUMNS: Record<string, AnyColumn> = {
  birthDate: members.birthDate,
  joinDate: members.joinDate,
  fullDate: members.fullDate,
  exitDate: members.exitDate,
};
const SORTABLE: Record<string, AnyColumn> = {
  ...TEXT_COLUMNS,
  // Names sort the way Chinese rosters do, by pinyin (丁 after 安, not first by its code point).
  name: members.pinyinFull,
  ...Object.fromEntries(Object.entries(CODED_COLUMNS).map(([k, [c]]) => [k, c])),
  ...DATE_COLUMNS,
  partyAgeAdjustMonths: members.partyAgeAdjustMonths,
  probationExtensionMonths: members.probationExtensionMonths,
};

/** Upper bound of a prefix range: text columns compare bytewise, and U+10FFFF sorts after everything. */
const prefixEnd = (prefix: string) => prefix + '\u{10FFFF}';
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

function searchCondition(text: string): SQL | undefined {
  const q = normalizeSearchText(text);
  if (!q) return undefined;
  // An ID number (or its start): digits, and X only as the last character. "xx" is pinyin (徐欣).
  if (/^\d+x?$/.test(q)) {
    const id = q.toUpperCase();
    const prefix = sql`(${members.idNumber} >= ${id} AND ${members.idNumber} < ${prefixEnd(id)})`;
    return q.length >= 4 ? sql`(${prefix} OR ${members.idNumber} LIKE ${'%' + likeEscape(id) + '%'} ESCAPE '\\' OR ${members.phone} LIKE ${likeEscape(q) + '%'} ESCAPE '\\')` : prefix;
  }
  if (/^[a-z]+$/.test(q)) {
    return sql`((${members.pinyinInitials} >= ${q} AND ${members.pinyinInitials} < ${prefixEnd(q)}) OR (${members.pinyinFull} >= ${q} AND ${members.pinyinFull} < ${prefixEnd(q)}))`;
  }
  return sql`(${members.name} LIKE ${'%' + likeEscape(q) + '%'} ESCAPE '\\')`;
}

function columnFilter(colId: string, model: ColumnFilterModel): SQL | undefined {
  const coded = CODED_COLUMNS[colId];
  if (model.filterType === 'text') {
    const column = coded ? coded[0] : TEXT_COLUMNS[colId];
    if (!column) throw new DomainError('bad_input', `不能按“${colId}”筛选`);
    if (model.type === 'blank') return sql`(${column} IS NULL OR ${column} = '')`;
    if (model.type === 'notBlank') return sql`(${column} IS NOT NULL AND ${column} <> '')`;
    const value = (model.filter ?? '').trim();
    if (!value) return undefined;
    if (coded) {
      // The grid shows labels (男, 大学本科); the archive stores codes.
      const codes = codesMatching(coded[1], value);
      const inList = codes.length ? sql`${column} IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})` : sql`0`;
      return model.type === 'notContains' || model.type === 'notEqual' ? sql`NOT (${inList})` : inList;
    }
    const v = likeEscape(value);
    switch (model.type) {
      case 'contains': return sql`${column} LIKE ${'%' + v + '%'} ESCAPE '\\'`;
      case 'notContains': return sql`(${column} IS NULL OR ${column} NOT LIKE ${'%' + v + '%'} ESCAPE '\\')`;
      case 'equals': return sql`${column} = ${value}`;
      case 'notEqual': return sql`(${column} IS NULL OR ${column} <> ${value})`;
      case 'startsWith': return sql`${column} LIKE ${v + '%'} ESCAPE '\\'`;
      case 'endsWith': return sql`${column} LIKE ${'%' + v} ESCAPE '\\'`;
    }
  }
  if (model.filterType === 'date') {
    const column = DATE_COLUMNS[colId];
    if (!column) throw new DomainError('bad_input', `不能按“${colId}”筛选日期`);
    const from = model.dateFrom?.slice(0, 10);
    const to = model.dateTo?.slice(0, 10);
    switch (model.type) {
      case 'blank': return sql`${column} IS NULL`;
      case 'notBlank': return sql`${column} IS NOT NULL`;
      case 'equals': return from ? sql`${column} = ${from}` : undefined;
      case 'notEqual': return from ? sql`${column} <> ${from}` : undefined;
      case 'lessThan': return from ? sql`${column} < ${from}` : undefined;
      case 'greaterThan': return from ? sql`${column} > ${from}` : undefined;
      case 'inRange': return from && to ? sql`${column} BETWEEN ${from} AND ${to}` : undefined;
    }
  }
  throw new DomainError('bad_input', `不支持的筛选条件:${colId}`);
}

function viewCondition(view: MemberView, exitReason: string | null | undefined, lostBefore = ''): SQL | undefined {
  switch (view) {
    case 'roll': return sql`${members.exitReason} IS NULL`;
    case 'exited': return exitReason ? eq(members.exitReason, exitReason) : sql`${members.exitReason} IS NOT NULL`;
    case 'probationary': return sql`${members.exitReason} IS NULL AND ${members.category} = 'probationary'`;
    case 'mobile': return sql`${members.exitReason} IS NULL AND ${members.isMobile} = 1`;
    case 'lost': return sql`${members.exitReason} IS NULL AND ${members.isLost} = 1`;
    case 'lostReview': return sql`${members.exitReason} IS NULL AND ${members.isLost} = 1 AND ${members.lostDate} <= ${lostBefore}`;
    case 'hardship': return sql`${members.exitReason} IS NULL AND ${members.isHardship} = 1`;
    case 'transferPending': return sql`${members.exitReason} IS NULL AND ${members.transferPending} = 1`;
    case 'all': return undefined;
  }
}

/** The last 失联 date that has reached the 停止党籍 review (today minus the configured months). */
async function lostReviewCutoff(ctx: ServiceContext): Promise<string> {
  const { lostMonthsBeforeSuspension } = await getLifeRules(ctx);
  return addMonths(todayOf(ctx), -lostMonthsBeforeSuspension);
}

async function whereOf(ctx: ServiceContext, q: MemberListQuery): Promise<SQL | undefined> {
  const conds: (SQL | undefined)[] = [viewCondition(q.view ?? 'roll', q.exitReason, q.view === 'lostReview' ? await lostReviewCutoff(ctx) : '')];
  if (q.orgId) {
    const ids = await subtreeIds(ctx.archive, q.orgId);
    // The whole tree needs no condition (and a long IN list would keep SQLite off the sort index).
    if (ids.length !== (await organizationCount(ctx.archive))) conds.push(ids.length === 1 ? eq(members.orgId, ids[0]) : sql`${members.orgId} IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
  }
  if (q.search) conds.push(searchCondition(q.search));
  for (const [colId, model] of Object.entries(q.filters ?? {})) conds.push(columnFilter(colId, model));
  const present = conds.filter((c): c is SQL => c !== undefined);
  return present.length ? and(...present) : undefined;
}

const countCache = new WeakMap<object, { version: number; values: Map<string, unknown> }>();

/** Figures that only change with a write (totals, per-branch counts): kept until the next commit. */
async function cached<T>(ctx: ServiceContext, key: string, compute: () => Promise<T>): Promise<T> {
  let cache = countCache.get(ctx.archive);
  if (!cache || cache.version !== ctx.archive.version) countCache.set(ctx.archive, (cache = { version: ctx.archive.version, values: new Map() }));
  if (cache.values.has(key)) return cache.values.get(key) as T;
  const value = await compute();
  cache.values.set(key, value);
  return value;
}

const rowid = sql<number>`${members}.rowid`;
const ORG_COLUMNS = new Set(['orgName', 'parentOrgName']);

/** Full rows for a page of rowids, in the page's order. */
async function rowsFor(ctx: ServiceContext, rowids: number[]): Promise<MemberListRow[]> {
  if (rowids.length === 0) return [];
  const rows = await ctx.archive.db
    .select({ ...listColumns, rid: rowid })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.orgId))
    .leftJoin(parentOrg, eq(parentOrg.id, organizations.parentId))
    .where(sql`${members}.rowid IN (${sql.join(rowids.map((r) => sql`${r}`), sql`, `)})`);
  const byRowid = new Map(rows.map(({ rid, ...r }) => [rid, r as MemberListRow]));
  return rowids.map((r) => byRowid.get(r)!);
}

/**
 * Sorted by branch name: walk the branches in name order with each one's count (one grouped, cached
 * query), and read only the one or two branches the page falls in, each through its own index.
 */
async function pageByOrgName(ctx: ServiceContext, where: SQL | undefined, direction: 'asc' | 'desc', start: number, limit: number, key: string) {
  const perOrg = await cached(ctx, 'perOrg:' + key, async () => {
    const counts = await ctx.archive.db.select({ orgId: members.orgId, n: sql<number>`count(*)` }).from(members).where(where).groupBy(members.orgId);
    const names = await ctx.archive.db.select({ id: organizations.id, name: organizations.name }).from(organizations);
    const nameOf = new Map(names.map((o) => [o.id, o.name]));
    return counts.map((c) => ({ ...c, name: nameOf.get(c.orgId) ?? '' })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.orgId < b.orgId ? -1 : 1));
  });
  const ordered = direction === 'asc' ? perOrg : [...perOrg].reverse();
  const total = ordered.reduce((sum, o) => sum + o.n, 0);
  const rowids: number[] = [];
  let offset = 0;
  for (const org of ordered) {
    if (rowids.length >= limit) break;
    if (offset + org.n <= start) {
      offset += org.n;
      continue;
    }
    const local = Math.max(0, start - offset);
    const part = await ctx.archive.db
      .select({ rid: rowid })
      .from(members)
      .where(and(where, eq(members.orgId, org.orgId)))
      .orderBy(asc(members.pinyinFull), asc(rowid))
      .limit(limit - rowids.length)
      .offset(local);
    rowids.push(...part.map((p) => p.rid));
    offset += org.n;
  }
  return { rows: await rowsFor(ctx, rowids), total };
}

/** Columns that are never NULL: row-value comparisons on them are exact (NULL would compare as unknown). */
const NOT_NULL_SORTS = new Set(['name', 'gender', 'idNumber', 'ethnicity', 'birthDate', 'education', 'category', 'joinDate', 'occupation', 'rowid']);
const ANCHOR_EVERY = 2000;

/**
 * OFFSET has to step over every skipped row, which at row 140,000 costs tens of milliseconds. For a
 * deep page we start instead from a bookmark: every 2,000th row's sort key, computed once per filter
 * and sort (one pass in SQLite with row_number()) and kept until the next write.
 */
async function anchorBefore(
  ctx: ServiceContext,
  where: SQL | undefined,
  keys: { column: AnyColumn | SQL; dir: 'asc' | 'desc'; colId: string }[],
  start: number,
  key: string,
): Promise<{ position: number; after: SQL } | undefined> {
  if (start < ANCHOR_EVERY) return undefined;
  if (!keys.every((k) => NOT_NULL_SORTS.has(k.colId) && k.dir === keys[0].dir)) return undefined;
  const order = keys.map((k) => (k.dir === 'desc' ? desc(k.column) : asc(k.column)));
  const anchors = await cached(ctx, `anchors:${key}:${keys.map((k) => k.colId + k.dir).join(',')}`, async () => {
    const cols = Object.fromEntries(keys.map((k, i) => [`k${i}`, sql`${k.column}`.as(`k${i}`)]));
    const numbered = ctx.archive.db
      .select({ ...cols, rn: sql<number>`row_number() OVER (ORDER BY ${sql.join(order, sql`, `)})`.as('rn') })
      .from(members)
      .where(where)
      .as('numbered');
    const rows = await ctx.archive.db.select().from(numbered).where(sql`${numbered.rn} % ${ANCHOR_EVERY} = 0`);
    return rows.map((r) => ({ position: Number(r.rn) - 1, values: keys.map((_, i) => (r as Record<string, unknown>)[`k${i}`]) }));
  });
  let best: (typeof anchors)[number] | undefined;
  for (const a of anchors) if (a.position < start) best = a;
  if (!best) return undefined;
  const tuple = sql`(${sql.join(keys.map((k) => sql`${k.column}`), sql`, `)})`;
  const values = sql`(${sql.join(best.values.map((v) => sql`${v}`), sql`, `)})`;
  return { position: best.position, after: keys[0].dir === 'desc' ? sql`${tuple} < ${values}` : sql`${tuple} > ${values}` };
}

export async function listMembers(ctx: ServiceContext, q: MemberListQuery): Promise<{ rows: MemberListRow[]; total: number }> {
  const limit = Math.max(0, Math.min(1000, q.endRow - q.startRow));
  const start = Math.max(0, q.startRow);
  const where = await whereOf(ctx, q);
  const key = JSON.stringify([q.orgId, q.view, q.exitReason, q.search, q.filters]);
  const sorts = q.sort ?? [];
  const filtersOnOrg = Object.keys(q.filters ?? {}).some((k) => ORG_COLUMNS.has(k));
  if (sorts.length === 1 && sorts[0].colId === 'orgName' && !filtersOnOrg) return pageByOrgName(ctx, where, sorts[0].sort, start, limit, key);

  // The order: the clerk's sorts, then name (by pinyin) and rowid as tie-breakers in the first sort's direction, so
  // that the order is stable (pages never overlap) and the (…, name) indexes carry it without a sort.
  const direction = sorts[0]?.sort ?? 'asc';
  const keys: { column: AnyColumn | SQL; dir: 'asc' | 'desc'; colId: string }[] = sorts.map((s) => {
    const column = SORTABLE[s.colId];
    if (!column) throw new DomainError('bad_input', `不能按“${s.colId}”排序`);
    return { column, dir: s.sort, colId: s.colId };
  });
  if (!sorts.some((s) => s.colId === 'name')) keys.push({ column: members.pinyinFull, dir: direction, colId: 'name' });
  keys.push({ column: rowid, dir: direction, colId: 'rowid' });
  const order = keys.map((k) => (k.dir === 'desc' ? desc(k.column) : asc(k.column)));
  const needsJoin = filtersOnOrg || sorts.some((s) => ORG_COLUMNS.has(s.colId));
  // Phase one pages through rowids only, so SQLite skips the offset inside an index; phase two reads
  // the hundred full rows with their branch and its parent.
  const base = ctx.archive.db.select({ rid: rowid }).from(members);
  const joined = needsJoin ? base.innerJoin(organizations, eq(organizations.id, members.orgId)).leftJoin(parentOrg, eq(parentOrg.id, organizations.parentId)) : base;
  const anchor = needsJoin ? undefined : await anchorBefore(ctx, where, keys, start, key);
  const page = anchor
    ? await joined.where(and(where, anchor.after)).orderBy(...order).limit(limit).offset(start - anchor.position - 1)
    : await joined.where(where).orderBy(...order).limit(limit).offset(start);
  const total = await cached(ctx, 'total:' + key, async () => {
    const countBase = ctx.archive.db.select({ n: sql<number>`count(*)` }).from(members);
    const counted = filtersOnOrg
      ? await countBase.innerJoin(organizations, eq(organizations.id, members.orgId)).leftJoin(parentOrg, eq(parentOrg.id, organizations.parentId)).where(where).get()
      : await countBase.where(where).get();
    return counted?.n ?? 0;
  });
  return { rows: await rowsFor(ctx, page.map((p) => p.rid)), total };
}

export interface MemberCounts {
  roll: number;
  probationary: number;
  mobile: number;
  lost: number;
  lostReview: number; // 失联满6个月,待停止党籍审查
  hardship: number; // 困难党员
  transferPending: number; // 转出待回执
  exited: number;
  exitedByReason: Record<string, number>;
}

/** Counts for the status views of the sidebar, for an organization's subtree or everything. */
/** The partial index of each small status view and its condition (as declared in db/schema.ts). */
const STATUS_VIEW_INDEXES = {
  probationary: ['members_probationary', "category = 'probationary'"],
  mobile: ['members_mobile', 'is_mobile = 1'],
  lost: ['members_lost', 'is_lost = 1'],
  hardship: ['members_hardship', 'is_hardship = 1'],
  transferPending: ['members_transfer_pending', 'transfer_pending = 1'],
} as const;

export async function memberCounts(ctx: ServiceContext, orgId?: string | null, search?: string | null): Promise<MemberCounts> {
  if (search && searchCondition(search)) return searchCounts(ctx, orgId, search);
  // Each small status view is counted through its own partial index (the same condition as the
  // view's page query), the roll and the exits through an index led by exit_reason: no table scan,
  // which matters because the window asks for these counts on every start and after every write.
  return cached(ctx, `counts:${orgId ?? ''}`, async () => {
    let inOrg: SQL | undefined;
    let orgIds: string[] = [];
    if (orgId) {
      const ids = await subtreeIds(ctx.archive, orgId);
      if (ids.length !== (await organizationCount(ctx.archive))) {
        orgIds = ids;
        inOrg = sql`${members.orgId} IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`;
      }
    }
    const orgFilter = orgIds.length ? ` AND org_id IN (${orgIds.map(() => '?').join(',')})` : '';
    // INDEXED BY: the planner's statistics cannot tell that these flags are rare, and would scan.
    const countOf = async (view: keyof typeof STATUS_VIEW_INDEXES) => {
      const [index, condition] = STATUS_VIEW_INDEXES[view];
      const row = await ctx.archive.queryOne<{ n: number }>(`SELECT count(*) AS n FROM members INDEXED BY ${index} WHERE exit_reason IS NULL AND ${condition}${orgFilter}`, orgIds);
      return row?.n ?? 0;
    };
    const byReason = await ctx.archive.db
      .select({ reason: members.exitReason, n: sql<number>`count(*)` })
      .from(members)
      .where(inOrg)
      .groupBy(members.exitReason);
    const out: MemberCounts = {
      roll: 0,
      probationary: await countOf('probationary'),
      mobile: await countOf('mobile'),
      lost: await countOf('lost'),
      lostReview:
        (await ctx.archive.queryOne<{ n: number }>(
          `SELECT count(*) AS n FROM members INDEXED BY members_lost WHERE exit_reason IS NULL AND is_lost = 1 AND lost_date <= ?${orgFilter}`,
          [await lostReviewCutoff(ctx), ...orgIds],
        ))?.n ?? 0,
      hardship: await countOf('hardship'),
      transferPending: await countOf('transferPending'),
      exited: 0,
      exitedByReason: {},
    };
    for (const r of byReason) {
      if (r.reason === null) out.roll = r.n;
      else {
        out.exited += r.n;
        out.exitedByReason[r.reason] = r.n;
      }
    }
    return out;
  });
}

/**
 * The same figures for the members a quick search finds, so that a search that finds nobody in one view
 * can say in which views its matches are. One grouped pass over the matches (the search condition
 * picks them through the pinyin and ID number indexes where it can), never the rows themselves.
 */
async function searchCounts(ctx: ServiceContext, orgId: string | null | undefined, search: string): Promise<MemberCounts> {
  return cached(ctx, `counts:${orgId ?? ''}:${search}`, async () => {
    const where = await whereOf(ctx, { startRow: 0, endRow: 0, orgId, view: 'all', search });
    const cutoff = await lostReviewCutoff(ctx);
    const flagged = (cond: SQL) => sql<number>`coalesce(sum(CASE WHEN ${cond} THEN 1 ELSE 0 END), 0)`;
    const groups = await ctx.archive.db
      .select({
        reason: members.exitReason,
        n: sql<number>`count(*)`,
        probationary: flagged(sql`${members.category} = 'probationary'`),
        mobile: flagged(sql`${members.isMobile} = 1`),
        lost: flagged(sql`${members.isLost} = 1`),
        lostReview: flagged(sql`${members.isLost} = 1 AND ${members.lostDate} <= ${cutoff}`),
        hardship: flagged(sql`${members.isHardship} = 1`),
        transferPending: flagged(sql`${members.transferPending} = 1`),
      })
      .from(members)
      .where(where)
      .groupBy(members.exitReason);
    const out: MemberCounts = { roll: 0, probationary: 0, mobile: 0, lost: 0, lostReview: 0, hardship: 0, transferPending: 0, exited: 0, exitedByReason: {} };
    for (const g of groups) {
      if (g.reason === null) Object.assign(out, { roll: g.n, probationary: g.probationary, mobile: g.mobile, lost: g.lost, lostReview: g.lostReview, hardship: g.hardship, transferPending: g.transferPending });
      else {
        out.exited += g.n;
        out.exitedByReason[g.reason] = g.n;
      }
    }
    return out;
  });
}
