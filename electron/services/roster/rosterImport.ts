// Importing the office's Excel rosters (花名册). Two passes over the same file with the same code:
//  1. analyse — find the header row of each sheet, map columns to fields by name (with synonyms, the
//     clerk's corrections on top), read every row as it would be stored, and report per row what is
//     wrong, which branches are not in the archive yet and which people already are (by ID number).
//     Nothing is written.
//  2. import — the clerk's choices applied, the valid rows written in ONE transaction (new branches,
//     new members through insertMembersBulk, updates of people already in the archive), with progress
//     and cancel; cancelling or any failure rolls everything back.
// Rows are streamed: the sheet is never held whole, only the batch being written.
import { nowIso, type ServiceContext } from '../core/context';
import { insertMembersBulk, type BulkMemberInput } from '../members/memberBulk';
import { getMemberRow, updateMember } from '../members/members';
import { recordImport } from './importUndo';
import { orgTypeOfName, holdsMembers, NAMED_TYPE_LABELS } from './branchTypes';
import { createOrg } from '../organizations/organizations';
import { requireTownship } from '../core/settings';
import { throwIfCancelled } from '../core/jobs';
import { type RosterSource } from './rosterRead';
import { type RosterField } from './rosterFields';
import { type DuplicateMode, type ImportOptions, type RowProblem, type SheetInfo, BranchResolver, type PlanState, planRosterBatches, existingIdNumbers } from './rosterRows';
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

/**
 * The first batch is held until it holds more rows than the archive has members, at most this many (or
 * the file ends): only then is it known whether the import is large enough to drop the indexes. Into an
 * empty or small archive that is known after one ordinary batch, and writing starts then rather than
 * after 25,000 rows read (measured: SQLite's thread idle for the first second of a 150,000-row import).
 * Later batches are smaller, to keep memory flat.
 */
const FIRST_BATCH = 25_000;
const BATCH = 5_000;

/**
 * The secondary indexes a bulk import drops and builds again, as SQLite stores their definitions: those
 * of members that new rows land in at random places. The others are kept, as keeping them costs little
 * and rebuilding each one is a scan of the whole table after the last row (measured: 0.5 s of the 2.5 s
 * rebuild for 150,000 rows): partial indexes (WHERE …: few imported rows enter them), indexes leading
 * with seq (one value for the whole import: appended at the end) and member_events' (keyed by member id
 * or seq; new members' ids are time-ordered, so appended too).
 */
async function memberIndexes(ctx: ServiceContext): Promise<{ name: string; sql: string }[]> {
  const all = await ctx.archive.query<{ name: string; sql: string }>(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members' AND sql IS NOT NULL ORDER BY name",
  );
  return all.filter((ix) => !/\bWHERE\b/i.test(ix.sql) && !/\(\s*[`"[]?seq[`"\]]?\s*[,)]/i.test(ix.sql));
}

export async function importRoster(ctx: ServiceContext, src: RosterSource, options: ImportOptions = {}, control: ImportControl = {}): Promise<ImportResult> {
  const township = await requireTownship(ctx);
  const mode = options.duplicateMode ?? 'skip';
  const signal = control.signal ?? new AbortController().signal;
  const source = `导入 ${src.fileName}`;
  // Pages of a memory-mapped archive count in the process's resident memory: the index rebuild and the
  // ANALYZE after a 150,000-row import touch the whole file (measured: peak 505 MB mapped, 389 MB not).
  // The import reads each page about once, so mapping gains nothing; the connection's setting comes back after.
  const mmap = (await ctx.archive.queryOne<{ mmap_size: number }>('PRAGMA mmap_size'))?.mmap_size ?? 0;
  await ctx.archive.exec('PRAGMA mmap_size = 0');
  try {
    return await importInTransaction(ctx, src, options, control, { township, mode, signal, source });
  } finally {
    await ctx.archive.exec(`PRAGMA mmap_size = ${Number(mmap) || 0}`);
  }
}

async function importInTransaction(
  ctx: ServiceContext,
  src: RosterSource,
  options: ImportOptions,
  control: ImportControl,
  { township, mode, signal, source }: { township: Awaited<ReturnType<typeof requireTownship>>; mode: DuplicateMode; signal: AbortSignal; source: string },
): Promise<ImportResult> {
  const result = await ctx.archive.transaction(async () => {
    const existing = await existingIdNumbers(ctx);
    const firstBatch = Math.min(FIRST_BATCH, Math.max(BATCH, existing.size + 1));
    const resolver = await BranchResolver.load(ctx);
    const state: PlanState = { sheets: [], notices: [] };
    const out: ImportResult = { rows: 0, inserted: 0, updated: 0, skipped: 0, errors: 0, problems: [], problemTotal: 0, sheets: state.sheets, notices: state.notices, createdBranches: [], droppedIndexes: false };
    const orgIdOf = new Map<string, string>();
    const createdOrgIds: string[] = [];
    const resolveOrg = async (name: string | null): Promise<string> => {
      if (!name) return options.defaultOrgId!;
      let id = orgIdOf.get(name);
      if (id) return id;
      const choice = options.branchChoices?.[name];
      const matched = resolver.match(name);
      if (choice?.action === 'map') id = choice.orgId;
      else if (!choice && matched) id = matched.id;
      else {
        // Created with the type its name says; members are kept by a 党支部, so a 党总支 or 党委 named as
        // members' branch gets one under it (直属党支部) that holds them, and the clerk is told.
        const type = orgTypeOfName(name);
        const sector = /社区/.test(name) ? 'community' : /村/.test(name) ? 'rural' : /公司|企业|厂/.test(name) ? 'private' : /学校|中学|小学/.test(name) ? 'school' : 'other';
        const parentId = choice?.action === 'create' ? choice.parentId : township.rootOrgId;
        const joint = type === 'joint_branch' || type === 'joint_general_branch';
        const org = await createOrg(ctx, { parentId, name, type, sector, unitSituation: joint ? 'joint' : 'same_as_parent' }, { unitsLater: joint });
        out.createdBranches.push(org.name);
        createdOrgIds.push(org.id);
        id = org.id;
        if (joint) state.notices.push(`“${org.name}”按名称建为${NAMED_TYPE_LABELS[type]},请在组织设置中补充其成员单位`);
        if (!holdsMembers(type)) {
          const direct = await createOrg(ctx, { parentId: org.id, name: `${name}直属党支部`, type: type === 'joint_general_branch' ? 'joint_branch' : 'branch', sector, unitSituation: joint ? 'joint' : 'same_as_parent' }, { unitsLater: joint });
          out.createdBranches.push(direct.name);
          createdOrgIds.push(direct.id);
          id = direct.id;
          state.notices.push(`“${org.name}”按名称建为${NAMED_TYPE_LABELS[type]};党员由党支部管理,其名下的党员放在新建的“${direct.name}”,可在组织设置中调整`);
        }
      }
      orgIdOf.set(name, id);
      return id;
    };
    let indexes: { name: string; sql: string }[] = [];
    let batch: BulkMemberInput[] = [];
    // The batch being written runs in SQLite's worker thread while the next one is read and checked
    // here (two cores: reading no longer waits for writing). Nothing else touches the archive while a
    // write is in flight: every other statement (a new branch, an update, the audit chain) first waits
    // for it, so statements still run one after another in file order.
    let writing: Promise<void> = Promise.resolve();
    const settled = async () => {
      const w = writing;
      writing = Promise.resolve();
      await w;
    };
    const flush = async (more: boolean) => {
      if (batch.length === 0) return;
      await settled();
      throwIfCancelled(signal);
      // A large import into a much smaller archive: 150,000 random inserts into ~16 indexes cost far more
      // than building them once over the loaded tables. Dropped and recreated inside this transaction,
      // so a failure or a cancel brings them back with everything else.
      if (out.inserted === 0 && more && existing.size < batch.length) {
        indexes = await memberIndexes(ctx);
        for (const ix of indexes) await ctx.archive.run(`DROP INDEX "${ix.name.replace(/"/g, '""')}"`);
        out.droppedIndexes = true;
      }
      const rows = batch;
      batch = [];
      out.inserted += rows.length;
      writing = insertMembersBulk(ctx, rows, { source, signal, prechecked: true }).then(() => undefined);
      writing.catch(() => undefined); // observed by the next settled(); never an unhandled rejection
    };
    try {
      for await (const planned of planRosterBatches(ctx, src, options, existing, state)) {
        for (const row of planned) {
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
            await settled();
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
          const known = row.orgName === null ? options.defaultOrgId! : orgIdOf.get(row.orgName);
          if (known === undefined) await settled();
          // The planned row's member is this import's own object: completed in place rather than copied.
          const member = row.member as BulkMemberInput;
          member.orgId = known ?? (await resolveOrg(row.orgName));
          batch.push(member);
          if (batch.length >= (out.inserted === 0 ? firstBatch : BATCH)) await flush(true);
        }
      }
      await flush(false);
      await settled();
    } catch (err) {
      // The transaction rolls back only once no statement of it is running.
      await writing.catch(() => undefined);
      throw err;
    }
    await control.beforeCommit?.();
    throwIfCancelled(signal);
    if (indexes.length) {
      control.progress?.(out.rows, out.rows, '正在重建索引');
      for (const ix of indexes) await ctx.archive.run(ix.sql);
    }
    throwIfCancelled(signal);
    // What 撤销上一次导入 needs: written with the import, under its change sequence number.
    if (out.inserted > 0 || out.updated > 0) await recordImport(ctx, { fileName: src.fileName, inserted: out.inserted, updated: out.updated, createdOrgIds, at: nowIso() });
    control.progress?.(out.rows, out.rows, '正在提交');
    return out;
  });
  if (result.inserted > 1000) await ctx.archive.optimize({ force: true });
  return result;
}
