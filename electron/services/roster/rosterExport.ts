// Excel back to the office (exceljs; AG Grid's own Excel export is Enterprise-only): any grid view as an
// xlsx with Chinese headers and the clerk's columns, dates as real Excel dates and ID numbers as text;
// the 花名册 in the layout offices use (title row, 序号, one sheet per branch on request); and the rows an
// import could not take, with a column explaining each, to fix in Excel and import again.
// The headers are the import's own (FIELD_HEADERS), so every export imports back as it is.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { todayOf, type ServiceContext } from '../core/context';
import { labelOf, type CodeListName } from '../core/codes';
import { listMembers, type MemberListQuery } from '../members/memberQuery';
import { getSetup } from '../core/settings';
import { getOrg } from '../organizations/organizations';
import { FIELD_HEADERS, cellDisplay } from './rosterFields';
import { existingIdNumbers, planRoster, type ImportOptions, type PlanState } from './rosterImport';
import type { RosterSource } from './rosterRead';

type Kind = 'text' | 'date' | 'id' | 'code' | 'bool';
interface ExportColumn {
  label: string;
  kind: Kind;
  width: number;
  list?: CodeListName;
  get: (m: MemberRow) => unknown;
}
type MemberRow = Record<string, unknown> & { orgName: string };

const col = (key: string, kind: Kind, width: number, list?: CodeListName): ExportColumn => ({
  label: FIELD_HEADERS[key as keyof typeof FIELD_HEADERS]?.[0] ?? key, kind, width, list, get: (m) => m[key],
});

/** Every column an export can have, by the grid's column ids. */
export const EXPORT_COLUMNS: Record<string, ExportColumn> = {
  name: col('name', 'text', 10),
  gender: col('gender', 'code', 6, 'gender'),
  idNumber: col('idNumber', 'id', 21),
  ethnicity: col('ethnicity', 'code', 8, 'ethnicity'),
  birthDate: col('birthDate', 'date', 12),
  education: col('education', 'code', 10, 'education'),
  category: col('category', 'code', 10, 'memberCategory'),
  orgName: { label: '所在党支部', kind: 'text', width: 26, get: (m) => m.orgName },
  joinDate: col('joinDate', 'date', 12),
  fullDate: col('fullDate', 'date', 12),
  occupation: col('occupation', 'code', 16, 'occupation'),
  jobTitle: col('jobTitle', 'text', 12),
  phone: col('phone', 'text', 14),
  address: col('address', 'text', 24),
  isMobile: col('isMobile', 'bool', 8),
  isLost: col('isLost', 'bool', 8),
  lostReason: col('lostReason', 'code', 12, 'lostReason'),
  lostDate: col('lostDate', 'date', 12),
  nativePlace: col('nativePlace', 'text', 12),
  degree: col('degree', 'code', 8, 'degree'),
  workStartDate: col('workStartDate', 'date', 12),
  workUnit: col('workUnit', 'text', 22),
  householdPlace: col('householdPlace', 'text', 20),
  remarks: col('remarks', 'text', 24),
  exitReason: col('exitReason', 'code', 12, 'exitReason'),
  exitDate: col('exitDate', 'date', 12),
  exitNote: col('exitNote', 'text', 16),
};

export const DEFAULT_EXPORT_COLUMNS = ['name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'education', 'category', 'orgName', 'joinDate', 'fullDate', 'occupation', 'workUnit', 'phone', 'address', 'remarks'];
/** Everything a member record holds that an import reads back (the round trip). */
export const ALL_EXPORT_COLUMNS = Object.keys(EXPORT_COLUMNS);

function cellValue(c: ExportColumn, m: MemberRow): ExcelJS.CellValue {
  const v = c.get(m);
  if (v == null || v === '') return null;
  if (c.kind === 'date') return new Date(`${String(v)}T00:00:00Z`);
  if (c.kind === 'bool') return v ? '是' : '否';
  if (c.kind === 'code') return labelOf(c.list!, String(v));
  return String(v);
}

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/** The members of a view in the grid's order, full records, a thousand at a time. */
async function* membersOf(ctx: ServiceContext, q: Omit<MemberListQuery, 'startRow' | 'endRow'>): AsyncGenerator<MemberRow[]> {
  for (let start = 0; ; start += 1000) {
    const page = await listMembers(ctx, { ...q, startRow: start, endRow: start + 1000 });
    if (page.rows.length) {
      const ids = page.rows.map((r) => r.id);
      const full = await ctx.archive.query<Record<string, unknown>>(
        `SELECT m.id, m.name, m.gender, m.id_number AS idNumber, m.ethnicity, m.birth_date AS birthDate, m.education, m.category, o.name AS orgName,
           m.join_date AS joinDate, m.full_date AS fullDate, m.occupation, m.job_title AS jobTitle, m.phone, m.address, m.is_mobile AS isMobile,
           m.is_lost AS isLost, m.lost_reason AS lostReason, m.lost_date AS lostDate, m.native_place AS nativePlace, m.degree,
           m.work_start_date AS workStartDate, m.work_unit AS workUnit, m.household_place AS householdPlace, m.remarks,
           m.exit_reason AS exitReason, m.exit_date AS exitDate, m.exit_note AS exitNote
         FROM members m JOIN organizations o ON o.id = m.org_id WHERE m.id IN (${ids.map(() => '?').join(',')})`,
        ids,
      );
      const byId = new Map(full.map((r) => [r.id as string, r]));
      yield ids.map((id) => {
        const r = byId.get(id)!;
        return { ...r, isMobile: !!r.isMobile, isLost: !!r.isLost } as unknown as MemberRow;
      });
    }
    if (page.rows.length < 1000) break;
  }
}

/** Streamed workbook → bytes (a 150,000-row export never holds every cell object at once). */
export async function writeWorkbook(build: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '乡镇党员档案';
  await build(wb);
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

function columnsOf(keys: string[] | undefined, fallback: string[]): ExportColumn[] {
  const chosen = (keys?.length ? keys : fallback).filter((k) => EXPORT_COLUMNS[k]);
  return (chosen.length ? chosen : fallback).map((k) => EXPORT_COLUMNS[k]);
}

export interface MemberExportInput {
  query: Omit<MemberListQuery, 'startRow' | 'endRow'>;
  columns?: string[];
}

/** A grid view as an xlsx: one header row, the chosen columns, every member of the view. */
export async function exportMembersXlsx(ctx: ServiceContext, input: MemberExportInput): Promise<{ bytes: Buffer; rows: number }> {
  const columns = columnsOf(input.columns, DEFAULT_EXPORT_COLUMNS);
  let rows = 0;
  const bytes = await writeWorkbook(async (wb) => {
    const ws = wb.addWorksheet('党员名单', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ header: c.label, width: c.width, style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.kind === 'id' ? { numFmt: '@' } : {} }));
    ws.getRow(1).font = { bold: true };
    for await (const page of membersOf(ctx, input.query)) {
      for (const m of page) {
        ws.addRow(columns.map((c) => cellValue(c, m))).commit();
        rows++;
      }
    }
    ws.commit();
  });
  return { bytes, rows };
}

export interface RosterExportInput {
  orgId?: string | null;
  view?: MemberListQuery['view'];
  columns?: string[];
  /** One sheet per branch (the usual 花名册); otherwise one sheet with a 所在党支部 column. */
  perBranch?: boolean;
}

const SHEET_NAME_BAD = /[\\/?*[\]:]/g;

/** The 花名册: a title row across the sheet, the date and count, 序号 and the chosen columns, framed for print. */
export async function exportRosterXlsx(ctx: ServiceContext, input: RosterExportInput): Promise<{ bytes: Buffer; rows: number; title: string }> {
  const setup = await getSetup(ctx);
  const orgId = input.orgId ?? setup.rootOrgId;
  const org = orgId ? await getOrg(ctx, orgId) : null;
  const base = columnsOf(input.columns, DEFAULT_EXPORT_COLUMNS);
  const groups = new Map<string, MemberRow[]>();
  let rows = 0;
  for await (const page of membersOf(ctx, { orgId, view: input.view ?? 'roll', sort: [{ colId: 'orgName', sort: 'asc' }] })) {
    for (const m of page) {
      const key = input.perBranch ? m.orgName : (org?.name ?? '');
      const list = groups.get(key) ?? [];
      list.push(m);
      groups.set(key, list);
      rows++;
    }
  }
  const title = `${org?.name ?? setup.township?.name ?? ''}党员花名册`;
  const bytes = await writeWorkbook(async (wb) => {
    const used = new Set<string>();
    for (const [branch, members] of groups.size ? groups : new Map([[org?.name ?? '', [] as MemberRow[]]])) {
      const columns = input.perBranch ? base.filter((c) => c !== EXPORT_COLUMNS.orgName) : base.includes(EXPORT_COLUMNS.orgName) ? base : [...base, EXPORT_COLUMNS.orgName];
      let name = (branch || '花名册').replace(SHEET_NAME_BAD, '_').slice(0, 31);
      for (let i = 2; used.has(name); i++) name = `${name.slice(0, 28)}(${i})`;
      used.add(name);
      const ws = wb.addWorksheet(name, {
        pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
        headerFooter: { oddFooter: '第 &P 页,共 &N 页' },
        views: [{ state: 'frozen', ySplit: 3 }],
      });
      ws.columns = [{ width: 6 }, ...columns.map((c) => ({ width: c.width }))];
      const width = columns.length + 1;
      const t = ws.addRow([input.perBranch ? `${branch}党员花名册` : title]);
      t.font = { bold: true, size: 16 };
      t.alignment = { horizontal: 'center' };
      t.height = 28;
      ws.mergeCells(1, 1, 1, width);
      t.commit();
      const sub = ws.addRow([`截至 ${todayOf(ctx)},共 ${members.length} 人`]);
      ws.mergeCells(2, 1, 2, width);
      sub.alignment = { horizontal: 'right' };
      sub.commit();
      const head = ws.addRow(['序号', ...columns.map((c) => c.label)]);
      head.eachCell((c) => {
        c.font = { bold: true };
        c.border = BORDER;
        c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
      });
      head.commit();
      members.forEach((m, i) => {
        const r = ws.addRow([i + 1, ...columns.map((c) => cellValue(c, m))]);
        columns.forEach((c, k) => {
          const cell = r.getCell(k + 2);
          if (c.kind === 'date') cell.numFmt = 'yyyy-mm-dd';
          if (c.kind === 'id') cell.numFmt = '@';
        });
        r.eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
        r.commit();
      });
      ws.commit();
    }
  });
  return { bytes, rows, title };
}

/**
 * The rows an import could not take, as they were written, with one more column 错误说明 naming every
 * problem; the branch filled in where merged cells or the sheet name gave it. Fixed in Excel, the file
 * imports again as it is.
 */
export async function exportImportErrors(ctx: ServiceContext, src: RosterSource, options: ImportOptions): Promise<{ bytes: Buffer; rows: number }> {
  const state: PlanState = { sheets: [], notices: [] };
  const existing = await existingIdNumbers(ctx);
  let rows = 0;
  const bytes = await writeWorkbook(async (wb) => {
    let ws: ExcelJS.Worksheet | null = null;
    let sheetName = '';
    let layout: { header: string[]; idIndex: number; branchIndex: number; dateIdx: Set<number> } | null = null;
    for await (const row of planRoster(ctx, src, options, existing, state)) {
      if (row.kind !== 'error') continue;
      if (!ws || sheetName !== row.sheet) {
        ws?.commit();
        const info = state.sheets.find((s) => s.name === row.sheet)!;
        const header: string[] = [];
        for (const c of info.columns) header[c.index] = c.header;
        let branchIndex = info.columns.find((c) => c.field === 'orgName')?.index ?? -1;
        if (branchIndex < 0) {
          branchIndex = header.length;
          header[branchIndex] = '所在党支部';
        }
        for (let i = 0; i < header.length; i++) header[i] ??= '';
        header.push('错误说明');
        const idIndex = info.columns.find((c) => c.field === 'idNumber')?.index ?? -1;
        const dateIdx = new Set(info.columns.filter((c) => c.field && /Date$/.test(c.field)).map((c) => c.index));
        layout = { header, idIndex, branchIndex, dateIdx };
        sheetName = row.sheet;
        ws = wb.addWorksheet(row.sheet.replace(SHEET_NAME_BAD, '_').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
        ws.columns = header.map((h, i) => ({ width: i === header.length - 1 ? 60 : i === idIndex ? 22 : 12, style: i === idIndex ? { numFmt: '@' } : {} }));
        const h = ws.addRow(header);
        h.font = { bold: true };
        h.getCell(header.length).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE0E0' } };
        h.commit();
      }
      const L = layout!;
      const values: ExcelJS.CellValue[] = [];
      for (let i = 0; i < L.header.length - 1; i++) {
        const c = row.cells[i] ?? null;
        if (i === L.branchIndex && (c == null || c === '')) values.push(row.orgName ?? null);
        else if (c && typeof c === 'object') values.push(new Date(`${c.date}T00:00:00Z`));
        else if (i === L.idIndex && c != null) values.push(cellDisplay(c));
        else values.push(c);
      }
      values.push(row.problems.map((p) => `${p.label}${p.value ? `“${p.value}”` : ''}:${p.message}`).join(';'));
      const r = ws!.addRow(values);
      for (const i of L.dateIdx) if (values[i] instanceof Date) r.getCell(i + 1).numFmt = 'yyyy-mm-dd';
      r.getCell(values.length).font = { color: { argb: 'FFC00000' } };
      r.commit();
      rows++;
    }
    if (!ws) {
      ws = wb.addWorksheet('错误行');
      ws.addRow(['没有出错的行']).commit();
    }
    ws.commit();
  });
  return { bytes, rows };
}
