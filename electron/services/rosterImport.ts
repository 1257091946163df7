// Importing the office's Excel rosters (花名册). Two passes over the same file with the same code:
//  1. analyse — find the header row of each sheet, map columns to fields by name (with synonyms, the
//     clerk's corrections on top), read every row as it would be stored, and report per row what is
//     wrong, which branches are not in the archive yet and which people already are (by ID number).
//     Nothing is written.
//  2. import — the clerk's choices applied, the valid rows written in ONE transaction (new branches,
//     new members through insertMembersBulk, updates of people already in the archive), with progress
//     and cancel; cancelling or any failure rolls everything back.
// Rows are streamed: the sheet is never held whole, only the batch being written.
import { type ServiceContext } from './context';
import { insertMembersBulk, type BulkMemberInput } from './memberBulk';
import { getMemberRow, updateMember } from './members';
import { createOrg } from './organizations';
import { requireTownship } from './settings';
import { throwIfCancelled } from './jobs';
import { type RosterSource } from './rosterRead';
import { type RosterField } from './rosterFields';
import { type ImportOptions, type RowProblem, type SheetInfo, BranchResolver, type PlanState, planRoster, existingIdNumbers } from './rosterRows';
import { diffWithStored, patchFor } from './rosterDiff';
import { MAX_PROBLEMS } from './rosterAnalysis';

export * from './rosterRows';
export * from './rosterDiff';
export * from './rosterAnalysis';

// ---- import ----

export interface ImportResult {
  rows: number;
  inserted: number;
  updated: number;
  skipped: number; // already in the archive and left as they were
  errors: number; // not written
  /** The rows not written and why (the first 2,000). */
  problems: RowProblem[];
  problemTotal: number;
  sheets: SheetInfo[];
  notices: string[];
  createdBranches: string[];
  droppedIndexes: boolean;
}

export interface ImportControl {
  signal?: AbortSignal;
  progress?: (done: number, total: number, message?: string) => void;
  /** Rows expected (from the analysis), for the progress bar. */
  expectedRows?: number;
  /** Test hook: called inside the transaction after the members were written, before the indexes come back. */
  beforeCommit?: () => Promise<void>;
}

const BATCH = 25_000;

/** The members table's secondary indexes, as SQLite stores their definitions. */
async function memberIndexes(ctx: ServiceContext): Promise<{ name: string; sql: string }[]> {
  return ctx.archive.query<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members' AND sql IS NOT NULL ORDER BY name");
}

export async function importRoster(ctx: ServiceContext, src: RosterSource, options: ImportOptions = {}, control: ImportControl = {}): Promise<ImportResult> {
  const township = await requireTownship(ctx);
  const mode = options.duplicateMode ?? 'skip';
  const signal = control.signal ?? new AbortController().signal;
  const source = `导入 ${src.fileName}`;
  const result = await ctx.archive.transaction(async () => {
    const existing = await existingIdNumbers(ctx);
    const resolver = await BranchResolver.load(ctx);
    const state: PlanState = { sheets: [], notices: [] };
    const out: ImportResult = { rows: 0, inserted: 0, updated: 0, skipped: 0, errors: 0, problems: [], problemTotal: 0, sheets: state.sheets, notices: state.notices, createdBranches: [], droppedIndexes: false };
    const orgIdOf = new Map<string, string>();
    const resolveOrg = async (name: string | null): Promise<string> => {
      if (!name) return options.defaultOrgId!;
      let id = orgIdOf.get(name);
      if (id) return id;
      const choice = options.branchChoices?.[name];
      const matched = resolver.match(name);
      if (choice?.action === 'map') id = choice.orgId;
      else if (!choice && matched) id = matched.id;
      else {
        const org = await createOrg(ctx, {
          parentId: choice?.action === 'create' ? choice.parentId : township.rootOrgId, name, type: 'branch',
          sector: /社区/.test(name) ? 'community' : /村/.test(name) ? 'rural' : /公司|企业|厂/.test(name) ? 'private' : /学校|中学|小学/.test(name) ? 'school' : 'other',
          unitSituation: 'same_as_parent',
        });
        out.createdBranches.push(org.name);
        id = org.id;
      }
      orgIdOf.set(name, id);
      return id;
    };
    let indexes: { name: string; sql: string }[] = [];
    let batch: BulkMemberInput[] = [];
    const flush = async (more: boolean) => {
      if (batch.length === 0) return;
      throwIfCancelled(signal);
      // A large import into a much smaller archive: 150,000 random inserts into ~14 indexes cost far more
      // than building them once over the loaded table. Dropped and recreated inside this transaction,
      // so a failure or a cancel brings them back with everything else.
      if (out.inserted === 0 && more && existing.size < batch.length) {
        indexes = await memberIndexes(ctx);
        for (const ix of indexes) await ctx.archive.run(`DROP INDEX "${ix.name.replace(/"/g, '""')}"`);
        out.droppedIndexes = true;
      }
      const r = await insertMembersBulk(ctx, batch, { source, signal });
      out.inserted += r.inserted;
      batch = [];
    };
    for await (const row of planRoster(ctx, src, options, existing, state)) {
      out.rows++;
      if (out.rows % 1000 === 0) {
        throwIfCancelled(signal);
        control.progress?.(out.rows, Math.max(control.expectedRows ?? 0, out.rows), `已读取 ${out.rows} 行`);
      }
      if (row.kind === 'error') {
        out.errors++;
        out.problemTotal += row.problems.length;
        for (const p of row.problems) if (out.problems.length < MAX_PROBLEMS) out.problems.push(p);
        continue;
      }
      if (row.kind === 'existing') {
        if (mode === 'skip') {
          out.skipped++;
          continue;
        }
        const sheet = state.sheets.find((s) => s.name === row.sheet)!;
        const stored = await getMemberRow(ctx, row.existingId!);
        const patch = patchFor(diffWithStored(stored as unknown as Record<string, unknown>, row, new Set(sheet.columns.map((c) => c.field).filter((f): f is RosterField => !!f))), row, mode);
        if (Object.keys(patch).length === 0) out.skipped++;
        else {
          await updateMember(ctx, row.existingId!, patch);
          out.updated++;
        }
        continue;
      }
      batch.push({ ...row.member, orgId: await resolveOrg(row.orgName) });
      if (batch.length >= BATCH) await flush(true);
    }
    await flush(false);
    await control.beforeCommit?.();
    throwIfCancelled(signal);
    if (indexes.length) {
      control.progress?.(out.rows, out.rows, '正在重建索引');
      for (const ix of indexes) await ctx.archive.run(ix.sql);
    }
    throwIfCancelled(signal);
    control.progress?.(out.rows, out.rows, '正在提交');
    return out;
  });
  if (result.inserted > 1000) await ctx.archive.optimize({ force: true });
  return result;
}
