// The county's lists over every township's members: the 花名册 by township (A4 print with a heading, its
// own 序号 and a subtotal per township, each township from a new page; and the same as an xlsx, a sheet
// per township), the county-wide Excel export with the columns the clerk chose, and the organization
// tree of every township. Rows are the county's records of the townships (countyQuery): one per township
// record, so each figure here is the grid's.
import { todayOf, type ServiceContext } from '../core/context';
import { ValidationError } from '../core/errors';
import type { MemberListRow } from '../members/memberQuery';
import { ROSTER_COLUMNS } from '../print/memberPrinting';
import type { RosterData } from '../print/rosterHtml';
import { BORDER, DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMNS, cellValue, writeWorkbook, type ExportColumn, type MemberRow } from '../roster/rosterExport';
import { COUNTY_MEMBER_STATUSES, STATUS_WHERE, requireCountyArchive, type CountyMemberStatus, type CountyMemberQuery } from './countyQuery';

const STATUS_WORDS: Record<CountyMemberStatus, string> = {
  roll: '全部在册', exited: '已出党', all: '全部党员', probationary: '预备党员', mobile: '流动党员', lost: '失联党员', transferPending: '转出待回执', duplicate: '重复登记',
};

/** A county member as a township row (camelCase), as the township's columns read it. */
type CountyRow = MemberRow & { townshipCode: string; townshipName: string };

const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The county's members in one list (a township, a status view, a search), by township, branch and name, a thousand at a time. */
export async function* countyRows(ctx: ServiceContext, q: Pick<CountyMemberQuery, 'townshipCode' | 'status'>): AsyncGenerator<CountyRow[]> {
  const status = q.status ?? 'roll';
  if (!COUNTY_MEMBER_STATUSES.includes(status)) throw new ValidationError([{ field: 'status', message: `名单应为 ${COUNTY_MEMBER_STATUSES.join('、')} 之一` }]);
  const where = ['c.superseded = 0'];
  const params: unknown[] = [];
  if (STATUS_WHERE[status]) where.push(STATUS_WHERE[status]!);
  if (q.townshipCode) {
    where.push('c.township_code = ?');
    params.push(q.townshipCode);
  }
  for (let offset = 0; ; offset += 1000) {
    const rows = await ctx.archive.query<{ township_code: string; township_name: string; org_name: string | null; data: string }>(
      `SELECT c.township_code, t.name AS township_name, c.org_name, r.data FROM county_members c JOIN county_townships t ON t.code = c.township_code
       JOIN county_rows r ON r.township_code = c.township_code AND r.table_name = 'members' AND r.row_key = c.id
       WHERE ${where.join(' AND ')} ORDER BY c.township_code, c.org_name, c.pinyin_full, c.id LIMIT 1000 OFFSET ?`,
      [...params, offset],
    );
    if (rows.length) {
      yield rows.map((r) => {
        const d = JSON.parse(r.data) as Record<string, unknown>;
        const m = Object.fromEntries(Object.entries(d).map(([k, v]) => [camel(k), v]));
        return { ...m, isMobile: !!m.isMobile, isLost: !!m.isLost, orgName: r.org_name ?? '', orgShortName: null, townshipCode: r.township_code, townshipName: r.township_name } as CountyRow;
      });
    }
    if (rows.length < 1000) break;
  }
}

export const DEFAULT_COUNTY_ROSTER_COLUMNS = ['name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'education', 'category', 'orgName', 'joinDate', 'phone'];

function totalsOf(rows: CountyRow[], label: string): { label: string; value: string }[] {
  return [
    { label, value: `${rows.length} 人` },
    { label: '其中女党员', value: `${rows.filter((r) => r.gender === '2').length} 人` },
    { label: '预备党员', value: `${rows.filter((r) => r.category === 'probationary').length} 人` },
  ];
}

async function byTownship(ctx: ServiceContext, q: Pick<CountyMemberQuery, 'townshipCode' | 'status'>): Promise<{ all: CountyRow[]; groups: CountyRow[][] }> {
  const all: CountyRow[] = [];
  for await (const page of countyRows(ctx, q)) all.push(...page);
  const groups = new Map<string, CountyRow[]>();
  for (const r of all) {
    const list = groups.get(r.townshipCode);
    if (list) list.push(r);
    else groups.set(r.townshipCode, [r]);
  }
  return { all, groups: [...groups.values()] };
}

/** 花名册 by township: a section per township (heading, own 序号, subtotal), each starting a page. */
export async function countyRosterData(ctx: ServiceContext, q: { townshipCode?: string | null; status?: CountyMemberStatus; columns?: string[] }): Promise<RosterData> {
  const county = await requireCountyArchive(ctx);
  const keys = (q.columns?.length ? q.columns : DEFAULT_COUNTY_ROSTER_COLUMNS).filter((c) => ROSTER_COLUMNS[c]);
  const columns = keys.map((c) => ROSTER_COLUMNS[c]);
  const { all, groups } = await byTownship(ctx, q);
  const cells = (r: CountyRow) => Object.fromEntries(columns.map((c) => [c.key, c.value(r as unknown as MemberListRow)]));
  const sections = groups.map((list) => ({ heading: list[0].townshipName, rows: list.map(cells), subtotal: totalsOf(list, '小计') }));
  const only = q.townshipCode ? groups[0]?.[0]?.townshipName : null;
  return {
    title: `${only ?? county.name} 党员花名册`,
    subtitle: `${STATUS_WORDS[q.status ?? 'roll']} · 按乡镇 · 截至 ${todayOf(ctx)}`,
    columns: columns.map(({ key, label, weight }) => ({ key, label, weight })),
    rows: [],
    sections,
    totals: [...totalsOf(all, '总计'), { label: '乡镇', value: `${sections.length} 个` }],
    printedOn: todayOf(ctx),
  };
}

const TOWNSHIP_COLUMN: ExportColumn = { label: '所在乡镇', kind: 'text', width: 12, get: (m) => (m as CountyRow).townshipName };

function exportColumns(keys: string[] | undefined): ExportColumn[] {
  const chosen = (keys?.length ? keys : DEFAULT_EXPORT_COLUMNS).filter((k) => k === 'townshipName' || EXPORT_COLUMNS[k]);
  const list = (chosen.length ? chosen : DEFAULT_EXPORT_COLUMNS).map((k) => (k === 'townshipName' ? TOWNSHIP_COLUMN : EXPORT_COLUMNS[k]));
  return list.includes(TOWNSHIP_COLUMN) ? list : [TOWNSHIP_COLUMN, ...list];
}

/** Every column the county export offers: the township's, and 所在乡镇. */
export const COUNTY_EXPORT_COLUMNS = ['townshipName', ...Object.keys(EXPORT_COLUMNS)];

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEET_NAME_BAD = /[\\/?*[\]:]/g;

export interface CountyFile {
  fileName: string;
  mimeType: string;
  base64: string;
  rows: number;
}

/** The county-wide list as an xlsx: one sheet, 所在乡镇 and the chosen columns, every member of the list. */
export async function countyMembersFile(ctx: ServiceContext, q: { townshipCode?: string | null; status?: CountyMemberStatus; columns?: string[] }): Promise<CountyFile> {
  const county = await requireCountyArchive(ctx);
  const columns = exportColumns(q.columns);
  let rows = 0;
  const bytes = await writeWorkbook(async (wb) => {
    const ws = wb.addWorksheet('党员名单', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ header: c.label, width: c.width, style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.kind === 'id' ? { numFmt: '@' } : {} }));
    ws.getRow(1).font = { bold: true };
    for await (const page of countyRows(ctx, q)) {
      for (const m of page) {
        ws.addRow(columns.map((c) => cellValue(c, m))).commit();
        rows++;
      }
    }
    ws.commit();
  });
  return { fileName: `${county.name}党员名单_${todayOf(ctx)}.xlsx`.replace(/[\\/:*?"<>|]/g, '_'), mimeType: XLSX_MIME, base64: bytes.toString('base64'), rows };
}

/** The 花名册 by township as an xlsx: a sheet per township, a title row, the count, 序号 and the chosen columns, framed for print. */
export async function countyRosterFile(ctx: ServiceContext, q: { townshipCode?: string | null; status?: CountyMemberStatus; columns?: string[] }): Promise<CountyFile> {
  const county = await requireCountyArchive(ctx);
  const columns = exportColumns(q.columns).filter((c) => c !== TOWNSHIP_COLUMN);
  const { all, groups } = await byTownship(ctx, q);
  const bytes = await writeWorkbook(async (wb) => {
    for (const members of groups.length ? groups : [[] as CountyRow[]]) {
      const township = members[0]?.townshipName ?? county.name;
      const ws = wb.addWorksheet(township.replace(SHEET_NAME_BAD, '_').slice(0, 31), {
        pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
        headerFooter: { oddFooter: '第 &P 页,共 &N 页' },
        views: [{ state: 'frozen', ySplit: 3 }],
      });
      ws.columns = [{ width: 6 }, ...columns.map((c) => ({ width: c.width }))];
      const width = columns.length + 1;
      const t = ws.addRow([`${township}党员花名册`]);
      t.font = { bold: true, size: 16 };
      t.alignment = { horizontal: 'center' };
      ws.mergeCells(1, 1, 1, width);
      t.commit();
      const sub = ws.addRow([`${STATUS_WORDS[q.status ?? 'roll']} · 截至 ${todayOf(ctx)},共 ${members.length} 人`]);
      ws.mergeCells(2, 1, 2, width);
      sub.alignment = { horizontal: 'right' };
      sub.commit();
      const head = ws.addRow(['序号', ...columns.map((c) => c.label)]);
      head.eachCell((c) => {
        c.font = { bold: true };
        c.border = BORDER;
        c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      });
      head.commit();
      members.forEach((m, i) => {
        const r = ws.addRow([i + 1, ...columns.map((c) => cellValue(c, m))]);
        columns.forEach((c, k) => {
          if (c.kind === 'date') r.getCell(k + 2).numFmt = 'yyyy-mm-dd';
          if (c.kind === 'id') r.getCell(k + 2).numFmt = '@';
        });
        r.eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
        r.commit();
      });
      ws.commit();
    }
  });
  return { fileName: `${county.name}党员花名册_${todayOf(ctx)}.xlsx`.replace(/[\\/:*?"<>|]/g, '_'), mimeType: XLSX_MIME, base64: bytes.toString('base64'), rows: all.length };
}

export interface CountyOrgNode {
  id: string;
  parentId: string | null;
  townshipCode: string | null;
  name: string;
  type: string;
  status: string;
  /** Members on the roll of this organization itself, and of it with everything under it. */
  directCount: number;
  totalCount: number;
}

/**
 * The county's tree: the county, each township (its figure: its records on the roll), and under it the
 * township's own organizations as it sent them, each with its members on the roll.
 */
export async function countyOrgTree(ctx: ServiceContext): Promise<CountyOrgNode[]> {
  const county = await requireCountyArchive(ctx);
  const townships = await ctx.archive.query<{ code: string; name: string }>('SELECT code, name FROM county_townships ORDER BY code');
  const orgs = await ctx.archive.query<{ township_code: string; data: string }>("SELECT township_code, data FROM county_rows WHERE table_name = 'organizations'");
  const counts = await ctx.archive.query<{ township_code: string; org_id: string; n: number }>(
    'SELECT township_code, org_id, count(*) AS n FROM county_members WHERE superseded = 0 AND exit_reason IS NULL GROUP BY township_code, org_id',
  );
  const countOf = new Map(counts.map((c) => [`${c.township_code}:${c.org_id}`, c.n]));
  const nodes: CountyOrgNode[] = [{ id: 'county', parentId: null, townshipCode: null, name: county.name, type: 'county', status: 'active', directCount: 0, totalCount: 0 }];
  for (const t of townships) {
    nodes.push({ id: `t:${t.code}`, parentId: 'county', townshipCode: t.code, name: t.name, type: 'township', status: 'active', directCount: 0, totalCount: 0 });
    const own = orgs.filter((o) => o.township_code === t.code).map((o) => JSON.parse(o.data) as Record<string, string | null>);
    const ids = new Set(own.map((o) => String(o.id)));
    own.sort((a, b) => Number(a.sort_order ?? 0) - Number(b.sort_order ?? 0) || String(a.name).localeCompare(String(b.name), 'zh'));
    for (const o of own) {
      nodes.push({
        id: `${t.code}:${o.id}`, parentId: o.parent_id && ids.has(o.parent_id) ? `${t.code}:${o.parent_id}` : `t:${t.code}`, townshipCode: t.code, name: String(o.name),
        type: String(o.type), status: String(o.status), directCount: countOf.get(`${t.code}:${o.id}`) ?? 0, totalCount: 0,
      });
    }
  }
  // Totals bottom-up: a node's members and those of everything under it.
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) {
    for (let p: CountyOrgNode | undefined = n; p; p = p.parentId ? byId.get(p.parentId) : undefined) p.totalCount += n.directCount;
  }
  return nodes;
}
