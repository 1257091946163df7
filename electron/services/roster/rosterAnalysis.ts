// The analysis pass of a roster import: mapping, preview, per-row problems, unknown branches and people
// already in the archive. Nothing is written.
import { type ServiceContext } from '../core/context';
import { DomainError } from '../core/errors';
import { labelOf } from '../core/codes';
import { type BulkMemberInput } from '../members/memberBulk';
import { getMemberRow } from '../members/members';
import { rosterFormat, type RosterSource } from './rosterRead';
import { ROSTER_FIELDS, type RosterField } from './rosterFields';
import { type ImportOptions, type RowProblem, type SheetInfo, BranchResolver, type PlanState, planRoster, existingIdNumbers, CODE_FIELDS } from './rosterRows';
import { type FieldDiff, diffWithStored, patchFor } from './rosterDiff';

// ---- analyse ----

export interface BranchSummary {
  name: string;
  rows: number;
  matchOrgId: string | null;
  matchOrgName: string | null;
}

export interface DuplicateSummary {
  sheet: string;
  rowNumber: number;
  name: string;
  idNumber: string;
  memberId: string;
  storedName: string;
  diffs: FieldDiff[];
}

export interface PreviewRow {
  sheet: string;
  rowNumber: number;
  kind: 'new' | 'existing' | 'error';
  orgName: string;
  values: Record<string, string>;
}

export interface RosterAnalysis {
  fileName: string;
  format: 'xlsx' | 'xls' | 'csv';
  sheets: SheetInfo[];
  counts: { rows: number; new: number; existing: number; errors: number; toUpdate: number };
  preview: PreviewRow[];
  problems: RowProblem[];
  problemTotal: number;
  branches: BranchSummary[];
  duplicates: DuplicateSummary[];
  duplicateTotal: number;
  notices: string[];
}

const PREVIEW_ROWS = 30;
export const MAX_PROBLEMS = 2000;
const MAX_DUPLICATES = 300;

export function previewValues(m: Omit<BulkMemberInput, 'orgId'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ROSTER_FIELDS) {
    if (f === 'orgName') continue;
    const v = (m as unknown as Record<string, unknown>)[f];
    if (v == null || v === '') continue;
    const list = CODE_FIELDS[f];
    out[f] = typeof v === 'boolean' ? (v ? '是' : '否') : list ? labelOf(list, String(v)) : String(v);
  }
  return out;
}

export async function analyseRoster(ctx: ServiceContext, src: RosterSource, options: ImportOptions = {}, signal?: AbortSignal): Promise<RosterAnalysis> {
  const existing = await existingIdNumbers(ctx);
  const resolver = await BranchResolver.load(ctx);
  const state: PlanState = { sheets: [], notices: [] };
  const counts = { rows: 0, new: 0, existing: 0, errors: 0, toUpdate: 0 };
  const preview: PreviewRow[] = [];
  const problems: RowProblem[] = [];
  let problemTotal = 0;
  const branches = new Map<string, BranchSummary>();
  const duplicates: DuplicateSummary[] = [];
  let duplicateTotal = 0;
  const mode = options.duplicateMode ?? 'skip';
  for await (const row of planRoster(ctx, src, options, existing, state)) {
    if (signal?.aborted) throw new DomainError('bad_input', '已取消');
    counts.rows++;
    counts[row.kind === 'error' ? 'errors' : row.kind]++;
    if (preview.length < PREVIEW_ROWS) preview.push({ sheet: row.sheet, rowNumber: row.rowNumber, kind: row.kind, orgName: row.orgName ?? '', values: previewValues(row.member) });
    for (const p of row.problems) {
      problemTotal++;
      if (problems.length < MAX_PROBLEMS) problems.push(p);
    }
    if (row.kind !== 'error' && row.orgName) {
      let b = branches.get(row.orgName);
      if (!b) {
        const m = resolver.match(row.orgName);
        branches.set(row.orgName, (b = { name: row.orgName, rows: 0, matchOrgId: m?.id ?? null, matchOrgName: m?.name ?? null }));
      }
      b.rows++;
    }
    // The diff needs the stored record: for the rows shown, and for every row when the mode may update.
    if (row.kind === 'existing' && (duplicateTotal++ < MAX_DUPLICATES || mode !== 'skip')) {
      const sheet = state.sheets.find((s) => s.name === row.sheet)!;
      const stored = await getMemberRow(ctx, row.existingId!);
      const diffs = diffWithStored(stored as unknown as Record<string, unknown>, row, new Set(sheet.columns.map((c) => c.field).filter((f): f is RosterField => !!f)));
      if (Object.keys(patchFor(diffs, row, mode)).length) counts.toUpdate++;
      if (duplicates.length < MAX_DUPLICATES) duplicates.push({ sheet: row.sheet, rowNumber: row.rowNumber, name: row.member.name, idNumber: row.member.idNumber, memberId: row.existingId!, storedName: stored.name, diffs });
    }
  }
  return {
    fileName: src.fileName, format: rosterFormat(src), sheets: state.sheets, counts, preview, problems, problemTotal,
    branches: [...branches.values()], duplicates, duplicateTotal, notices: state.notices,
  };
}
