// 导入乡镇数据 (county): verify each package (packageReader), check that it continues what the county
// holds for that township (replay: reported and ignored; gap: refused, naming the missing packages;
// schema: refused when this program does not know the package's schema version), then apply it in ONE
// transaction: upsert the rows it carries, drop the rows the township no longer has, rebuild that
// township's members for the grid. Refused packages
// leave the county archive exactly as it was. Applying the same package twice changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { ServiceContext } from '../core/context';
import { nowIso } from '../core/context';
import { DomainError } from '../core/errors';
import { appendAudit } from '../audit/audit';
import { getSetup } from '../core/settings';
import { isTownshipOfCounty, normalizeCountyCode } from '../core/regionCodes';
import { JobCancelled } from '../core/jobs';
import { newId } from '../core/ids';
import { knownMigrationTags } from '../../../db/migrate';
import { loadOwnIdentity } from './keys';
import type { AgeIdentity } from './format/ageFormat';
import { openPackage, peekPackageName, PackageError, type OpenedPackage, type PackageInfo, type PackageProblem, type TableEntry } from './packageReader';

export interface ImportOutcome {
  file: string;
  status: 'applied' | 'replay' | 'refused';
  problem: PackageProblem | null;
  message: string;
  townshipCode: string | null;
  townshipName: string | null;
  sequence: number | null;
  kind: 'full' | 'incremental' | null;
  rowCounts: Record<string, number>;
  removed: number;
  attachmentsCopied: number;
}

/** A JSON path to one column of a row: `$."name"` (column names come from the package's data/tables.json). */
function columnPath(t: TableEntry, column: string): string {
  if (typeof column !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(column)) throw new PackageError('bad_bag', `表 ${t.name} 的主键列名不正确`);
  return `$."${column}"`;
}

/**
 * The row key as SQL over a row `value` (JSONB): the primary key's value as text, or the JSON array of
 * the values when it has several columns: the same text as rowKeyOf() makes in JavaScript.
 */
function rowKeySql(t: TableEntry, paths: string[]): string {
  const at = (k: number) => `?${4 + k}`;
  if (paths.length === 1) return `value->>${at(0)}`;
  return `json_array(${paths.map((_, k) => `value->${at(k)}`).join(',')})`;
}

/**
 * Upsert of a whole table file: the JSON Lines become one JSON array text (?3) that SQLite unpacks in its
 * own thread (jsonb_each), so the main thread neither parses nor binds 150,000 rows per package: it
 * verifies the next package meanwhile. A row already held unchanged is left as it is (not rewritten).
 */
function upsertTableSql(t: TableEntry, paths: string[]): string {
  return `INSERT INTO county_rows(township_code, table_name, row_key, source_seq, data)
    SELECT ?1, ?2, ${rowKeySql(t, paths)}, CASE json_type(value, '$.seq') WHEN 'integer' THEN value->>'$.seq' WHEN 'real' THEN value->>'$.seq' END, json(value)
    FROM jsonb_each(CAST(?3 AS TEXT)) WHERE true
    ON CONFLICT(township_code, table_name, row_key) DO UPDATE SET source_seq = excluded.source_seq, data = excluded.data
    WHERE county_rows.data IS NOT excluded.data`;
}

/** A full package's table: the township's rows of that table it no longer carries are dropped. */
function dropMissingSql(t: TableEntry, paths: string[]): string {
  return `DELETE FROM county_rows WHERE township_code = ?1 AND table_name = ?2 AND row_key NOT IN (SELECT ${rowKeySql(t, paths)} FROM jsonb_each(CAST(?3 AS TEXT)))`;
}

/**
 * The lines of a JSON Lines file as the bytes of one JSON array text, made without decoding them (the
 * package's 38 MB of rows are never turned into JavaScript strings): each line break becomes a comma, or
 * a space where it ends a blank line (a JSON text holds no raw line break, so every one separates lines).
 * SQLite reads the bytes as UTF-8 text (CAST … AS TEXT).
 */
function asJsonArray(buf: Buffer): Buffer {
  const out = Buffer.allocUnsafe(buf.length + 2);
  out[0] = 0x5b; // [
  buf.copy(out, 1);
  let lineStart = 0;
  let last = -1; // the comma that would end the array, when the last line ends with a break
  for (let nl = buf.indexOf(0x0a); nl >= 0; nl = buf.indexOf(0x0a, nl + 1)) {
    const blank = nl === lineStart;
    out[nl + 1] = blank ? 0x20 : 0x2c;
    if (!blank) last = nl + 1;
    lineStart = nl + 1;
  }
  // No row after the last comma: the comma goes (a space keeps the bytes where they are).
  if (last >= 0 && buf.subarray(last).every((b) => b === 0x0a || b === 0x20 || b === 0x0d || b === 0x09)) out[last] = 0x20;
  out[out.length - 1] = 0x5d; // ]
  return out;
}

/** The row key: the primary key's value as text, or the JSON array of the values when it has several columns. */
function rowKeyOf(t: TableEntry, row: Record<string, unknown>): string {
  if (t.primaryKey.length === 1) {
    const v = row[t.primaryKey[0]];
    if (v === null || v === undefined) throw new PackageError('bad_bag', `表 ${t.name} 中有一行缺少主键 ${t.primaryKey[0]}`);
    return String(v);
  }
  return JSON.stringify(t.primaryKey.map((c) => row[c] ?? null));
}

/**
 * SQLite refused a table's rows (bad JSON, a row that is not an object, a missing key): find the line
 * in JavaScript, so that the clerk's message names it. Only on this failure path.
 */
function explainRefusedTable(t: TableEntry, buf: Buffer, cause: Error): PackageError {
  const all = lines(buf);
  for (let n = 0; n < all.length; n++) {
    try {
      rowKeyOf(t, parseLine(t, all[n], n));
    } catch (e) {
      if (e instanceof PackageError) return e;
      throw e;
    }
  }
  return new PackageError('bad_bag', `data/${t.name}.jsonl 无法导入:${cause.message}`);
}

function keyOfEntry(t: TableEntry, value: unknown): string {
  return t.primaryKey.length === 1 ? String(value) : JSON.stringify(value);
}

function lines(buf: Buffer): string[] {
  return buf.toString('utf8').split('\n').filter((l) => l.length > 0);
}

function parseLine(t: TableEntry, line: string, n: number): Record<string, unknown> {
  try {
    const row = JSON.parse(line) as unknown;
    if (row && typeof row === 'object' && !Array.isArray(row)) return row as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new PackageError('bad_bag', `data/${t.name}.jsonl 第 ${n + 1} 行不是一条记录`);
}

async function requireCounty(ctx: ServiceContext): Promise<{ code: string; name: string }> {
  const s = await getSetup(ctx);
  if (!s.township) throw new DomainError('conflict', '请先设置本档案(县委组织部的名称和代码)');
  if (s.role !== 'county') throw new DomainError('conflict', '这是乡镇的安装:导入乡镇数据是县委组织部安装的功能');
  return s.township;
}

/** A refusal as the import log shows it: the checks of one table or row word only that, so the package is named before them. */
function naming(message: string, shown: string): string {
  return message.includes(shown) ? message : `${shown}:${message}`;
}

function filesDirOf(ctx: ServiceContext): string {
  return path.join(path.dirname(ctx.archive.file), 'files');
}

function tempDirOf(ctx: ServiceContext): string {
  return path.join(path.dirname(ctx.archive.file), 'tmp');
}

interface TownshipRow {
  code: string;
  name: string;
  public_key: string;
  last_sequence: number;
  row_counts: string | null; // {table: rows held}, as of the last package applied
}

/**
 * Open and verify one package at the county (signature against the registered key of its township).
 * `keys`: the registered keys read beforehand (a batch), so that verifying never waits for another
 * package's transaction; without it, the township is looked up.
 */
export async function openAtCounty(ctx: ServiceContext, file: string, batch?: { keys: Map<string, string>; identity: AgeIdentity; county: { code: string; name: string } }): Promise<OpenedPackage> {
  const county = batch?.county ?? (await requireCounty(ctx));
  const countyCode = normalizeCountyCode(county.code) ?? county.code;
  return openPackage(file, {
    identities: [batch?.identity ?? loadOwnIdentity(ctx, 'county')],
    tempDir: tempDirOf(ctx),
    keyFor: async (code, name) => {
      const township = `${name || '乡镇'}(${code})`;
      if (!isTownshipOfCounty(code, countyCode)) {
        throw new PackageError(
          'other_county',
          `数据包来自${township},它不属于本县(${county.name},县级代码 ${countyCode}):乡镇代码 ${code} 属于县级代码 ${code.slice(0, 6)}。这个数据包不该交到本县,未导入`,
        );
      }
      const key = batch ? batch.keys.get(code) : (await ctx.archive.queryOne<{ public_key: string }>('SELECT public_key FROM county_townships WHERE code = ?', [code]))?.public_key;
      if (!key) throw new PackageError('unknown_township', `数据包来自未登记的乡镇 ${township}:本县(${county.name},县级代码 ${countyCode})还没有登记它的公钥;请先登记该乡镇的公钥(核对电话中读出的指纹)后再导入`);
      return key;
    },
  });
}

/**
 * Whether the package continues what the county holds for its township. A package numbered at or below
 * the last one applied is not applied; why, it says in its own words: this very package was imported
 * (same bag digest), another package of that number was (different content: the township's numbering
 * went back, e.g. after restoring a backup), or it was never imported and a later package applied since
 * carries all it held. A gap (an incremental package continuing one the county lacks) is refused.
 */
async function checkContinuity(ctx: ServiceContext, info: PackageInfo, last: number, shown: string): Promise<{ replay: string } | null> {
  const who = `${info.townshipName}(${info.townshipCode})`;
  if (info.sequence <= last) {
    const same = await ctx.archive.queryOne<{ sha256: string }>('SELECT sha256 FROM county_imports WHERE township_code = ? AND sequence = ?', [info.townshipCode, info.sequence]);
    const unchanged = '已忽略,本县档案未作任何改动';
    if (same && same.sha256 === info.bagDigest) {
      return { replay: `${shown} 是${who}的第 ${info.sequence} 号数据包,这个数据包本县已导入过(本县已导入到第 ${last} 号),${unchanged}` };
    }
    if (same) {
      return {
        replay: `${shown} 是${who}的第 ${info.sequence} 号数据包,但本县导入过的第 ${info.sequence} 号数据包内容与它不同(乡镇的导出序号可能因恢复备份而退回);本县已导入到第 ${last} 号,${unchanged}。请与乡镇核对`,
      };
    }
    const later = await ctx.archive.queryOne<{ sequence: number }>('SELECT min(sequence) AS sequence FROM county_imports WHERE township_code = ? AND sequence > ?', [info.townshipCode, info.sequence]);
    return {
      replay: `${shown} 是${who}的第 ${info.sequence} 号数据包,本县没有导入过它,但已导入了更新的第 ${later?.sequence ?? last} 号数据包(本县已导入到第 ${last} 号),其中已含有这个数据包的全部变动,所以不再需要它;${unchanged}`,
    };
  }
  if (info.kind === 'incremental' && info.baseSequence > last) {
    const missing: number[] = [];
    for (let n = last + 1; n <= info.baseSequence; n++) missing.push(n);
    const list = missing.length > 6 ? `${missing[0]}–${missing[missing.length - 1]}` : missing.join('、');
    throw new PackageError(
      'gap',
      `${shown} 是${info.townshipName}的第 ${info.sequence} 号增量数据包,它接续第 ${info.baseSequence} 号;本县只导入到第 ${last} 号,缺少第 ${list} 号数据包。请先导入缺少的数据包,或请乡镇导出全量数据包`,
    );
  }
  return null;
}

function checkSchema(info: PackageInfo, shown: string): void {
  const known = knownMigrationTags();
  if (!known.includes(info.schemaVersion)) {
    throw new PackageError(
      'schema',
      `${shown} 由数据库版本 ${info.schemaVersion} 的程序(${info.appVersion || '版本未知'})写出,本程序(数据库版本 ${known.at(-1)})不认识这个版本,无法读取。请先升级县里的程序`,
    );
  }
}

/** Apply one verified package in one transaction. Returns rows removed (no longer held by the township). */
async function applyPackage(ctx: ServiceContext, pkg: OpenedPackage, signal?: AbortSignal): Promise<{ removed: number }> {
  const info = pkg.info;
  const code = info.townshipCode;
  let removed = 0;
  await ctx.archive.transaction(async () => {
    await ctx.archive.changeSeq();
    const t = await ctx.archive.queryOne<TownshipRow>('SELECT code, name, public_key, last_sequence, row_counts FROM county_townships WHERE code = ?', [code]);
    if (!t) throw new PackageError('unknown_township', `乡镇 ${code} 未登记`);
    // Re-checked inside the transaction: another import of the same township may have committed meanwhile.
    const replay = await checkContinuity(ctx, info, t.last_sequence, path.basename(pkg.file));
    if (replay) throw new PackageError('replay', replay.replay);
    const tableNames = pkg.tables.map((x) => x.name);
    // The tables of which the county holds rows for this township already (none on a first import).
    // (Kept with the township by every import; asked of the rows only where it was never written.)
    const heldCounts = t.row_counts ? (JSON.parse(t.row_counts) as Record<string, number>) : null;
    const heldTables = heldCounts
      ? new Set(Object.keys(heldCounts).filter((name) => heldCounts[name] > 0))
      : new Set((await ctx.archive.query<{ table_name: string }>('SELECT DISTINCT table_name FROM county_rows WHERE township_code = ?', [code])).map((r) => r.table_name));
    if (info.kind === 'full') {
      const r = await ctx.archive.run('DELETE FROM county_rows WHERE township_code = ? AND table_name NOT IN (SELECT value FROM json_each(?))', [code, JSON.stringify(tableNames)]);
      removed += r.changes;
    }
    // Each table's rows, one statement per table, the next one always queued behind the one running:
    // SQLite's thread goes from table to table without waiting for the main thread (busy verifying the
    // next package) to hand it the next statement. Tables are independent of one another.
    await inFlight(pkg.tables, 2, async (table) => {
      if (signal?.aborted) throw new JobCancelled();
      const paths = table.primaryKey.map((c) => columnPath(table, c));
      const json = asJsonArray(pkg.text(table.file));
      try {
        await ctx.archive.run(upsertTableSql(table, paths), [code, table.name, json, ...paths]);
      } catch (e) {
        if (e instanceof PackageError || !/SQLITE_(CONSTRAINT|ERROR)/.test(String((e as { code?: string }).code ?? (e as Error).message))) throw e;
        throw explainRefusedTable(table, pkg.text(table.file), e as Error);
      }
      // A full package is the township's whole table: whatever it does not carry is gone there.
      if (info.kind === 'full' && heldTables.has(table.name)) {
        removed += (await ctx.archive.run(dropMissingSql(table, paths), [code, table.name, json, ...paths])).changes;
      }
    });
    for (const table of pkg.tables) {
      if (info.kind === 'incremental' && table.keysFile) {
        const keysFile = table.keysFile;
        const keys = lines(pkg.text(keysFile)).map((l, n) => {
          try {
            return keyOfEntry(table, JSON.parse(l));
          } catch {
            throw new PackageError('bad_bag', `${keysFile} 第 ${n + 1} 行不是表 ${table.name} 的主键`);
          }
        });
        const r = await ctx.archive.run(
          'DELETE FROM county_rows WHERE township_code = ? AND table_name = ? AND row_key NOT IN (SELECT value FROM json_each(?))',
          [code, table.name, JSON.stringify(keys)],
        );
        removed += r.changes;
      }
    }
    await rebuildCountyMembers(ctx, code);
    const counts = await ctx.archive.query<{ table_name: string; n: number }>('SELECT table_name, count(*) AS n FROM county_rows WHERE township_code = ? GROUP BY table_name', [code]);
    const held = Object.fromEntries(counts.map((c) => [c.table_name, c.n]));
    const onRoll = await ctx.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM county_members WHERE township_code = ? AND exit_reason IS NULL', [code]);
    const now = nowIso();
    await ctx.archive.run(
      `UPDATE county_townships SET name = ?, last_sequence = ?, last_kind = ?, last_change_to = ?, last_bagging_date = ?, last_applied_at = ?, row_counts = ?, member_count = ? WHERE code = ?`,
      [info.townshipName || t.name, info.sequence, info.kind, info.changeTo, info.baggingDate, now, JSON.stringify(held), onRoll?.n ?? 0, code],
    );
    await ctx.archive.run(
      `INSERT INTO county_imports(id, township_code, sequence, kind, base_sequence, change_to, file_name, sha256, size, bagging_date, row_counts, removed, applied_at, actor)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      [newId(), code, info.sequence, info.kind, info.baseSequence, info.changeTo, path.basename(pkg.file), info.bagDigest, fs.statSync(pkg.file).size, info.baggingDate, JSON.stringify(info.tableRows), removed, now, ctx.actor],
    );
    await appendAudit(ctx.archive, [
      {
        actor: ctx.actor, action: 'exchange.county.import', entity: 'county_imports', entityId: `${code}-${info.sequence}`, before: { lastSequence: t.last_sequence },
        after: { sequence: info.sequence, kind: info.kind, bagDigest: info.bagDigest, rowCounts: info.tableRows, removed },
      },
    ]);
  });
  return { removed };
}

/** The typed members of one township for the grid. */
async function rebuildCountyMembers(ctx: ServiceContext, code: string): Promise<void> {
  // Each member's JSON parsed once (jsonb, materialized) rather than once per extracted field (23 of them).
  const col = (c: string) => `m.j->>'$.${c}'`;
  await ctx.archive.run('DELETE FROM county_members WHERE township_code = ?', [code]);
  await ctx.archive.run(
    `WITH m AS MATERIALIZED (SELECT township_code, jsonb(data) AS j FROM county_rows WHERE township_code = ? AND table_name = 'members')
     INSERT INTO county_members(township_code, id, id_number, name, gender, birth_date, ethnicity, education, category, org_id, org_name, join_date, full_date,
       occupation, phone, exit_reason, exit_date, is_mobile, is_lost, transfer_pending, pinyin_full, pinyin_initials, updated_at, superseded)
     SELECT m.township_code, ${col('id')}, ${col('id_number')}, ${col('name')}, ${col('gender')}, ${col('birth_date')}, ${col('ethnicity')}, ${col('education')},
       ${col('category')}, ${col('org_id')}, json_extract(o.data, '$.name'), ${col('join_date')}, ${col('full_date')}, ${col('occupation')}, ${col('phone')},
       ${col('exit_reason')}, ${col('exit_date')}, coalesce(${col('is_mobile')}, 0), coalesce(${col('is_lost')}, 0), coalesce(${col('transfer_pending')}, 0),
       ${col('pinyin_full')}, ${col('pinyin_initials')}, ${col('updated_at')}, 0
     FROM m
     LEFT JOIN county_rows o ON o.township_code = m.township_code AND o.table_name = 'organizations' AND o.row_key = ${col('org_id')}`,
    [code],
  );
  // No record is ever hidden behind another with the same ID number: a person appears once per
  // township record (a transfer is linked by its letter, a duplicate registration is a check; see
  // countyLetters and countyChecks). `superseded` stays 0; the grid's indexes still lead with it.
  // Records an earlier version of the program hid are shown again with the next import.
  await ctx.archive.run('UPDATE county_members SET superseded = 0 WHERE superseded = 1');
}

/**
 * Verify without applying (the `verify` command at the county, and 导入乡镇数据's first step): the
 * package's facts, and what importing it now would do.
 */
export async function verifyAtCounty(ctx: ServiceContext, file: string): Promise<{ info: PackageInfo; continuity: 'next' | 'replay'; message: string }> {
  const pkg = await openAtCounty(ctx, file);
  try {
    checkSchema(pkg.info, path.basename(file));
    const t = await ctx.archive.queryOne<TownshipRow>('SELECT last_sequence FROM county_townships WHERE code = ?', [pkg.info.townshipCode]);
    const c = await checkContinuity(ctx, pkg.info, t?.last_sequence ?? 0, path.basename(file));
    return { info: pkg.info, continuity: c ? 'replay' : 'next', message: c ? c.replay : `${path.basename(file)}:签名、校验值全部正确,可以导入` };
  } finally {
    await pkg.close();
  }
}

/**
 * Run `work` for each item with at most `width` running at once; when one fails, the others still
 * running are let finish (a transaction is rolled back only once none of its statements runs), then
 * the first failure is thrown.
 */
async function inFlight<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (next < items.length && !failure) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
}

/** The registered townships' keys, read once: verifying a package must not wait for another one's transaction. */
async function registeredKeys(ctx: ServiceContext): Promise<Map<string, string>> {
  const rows = await ctx.archive.query<{ code: string; public_key: string }>('SELECT code, public_key FROM county_townships');
  return new Map(rows.map((r) => [r.code, r.public_key]));
}

/**
 * Import packages (one or many, in any order: they are applied by township and package number).
 * Each is verified and applied on its own; one refused package does not stop the others. The next
 * package is verified (decrypting and hashing: the main thread) while the previous one is applied
 * (SQLite's thread). Cancelling stops before the next package; the one being applied is rolled back,
 * those applied before it stay.
 */
export async function importPackages(
  ctx: ServiceContext,
  files: string[],
  progress?: (done: number, total: number, message: string) => void,
  signal?: AbortSignal,
): Promise<ImportOutcome[]> {
  const county = await requireCounty(ctx);
  const identity = loadOwnIdentity(ctx, 'county');
  const keys = await registeredKeys(ctx);
  const blank = (file: string): ImportOutcome => ({
    file, status: 'refused', problem: null, message: '', townshipCode: null, townshipName: null, sequence: null, kind: null, rowCounts: {}, removed: 0, attachmentsCopied: 0,
  });
  const outcomes = files.map(blank);
  const open = (file: string): Promise<OpenedPackage> => openAtCounty(ctx, file, { keys, identity, county });
  // The order each file claims (its bag's name, unverified); a file that shows none is opened first,
  // and its verified facts order it.
  const claims: ({ townshipCode: string; sequence: number } | null)[] = [];
  for (const f of files) claims.push(await peekPackageName(f, [identity])); // one file open at a time (batches of hundreds)
  type Item = { index: number; code: string; sequence: number; opening: Promise<OpenedPackage> | null };
  const items: Item[] = [];
  const opened = new Set<OpenedPackage>(); // not closed yet
  const settle = (p: Promise<OpenedPackage>) => {
    p.then((pkg) => opened.add(pkg)).catch(() => undefined);
    return p;
  };
  const total = files.length;
  let done = 0;
  // The county's rows are copies of what the townships hold and send again: each package's commit
  // does not wait for the disk (WAL with synchronous NORMAL: a power cut may undo the last packages,
  // never half of one, and never damages the file); the batch is made durable as a whole at its end
  // (a checkpoint syncs everything committed), before the clerk is told what was imported.
  await ctx.archive.exec('PRAGMA synchronous = NORMAL');
  try {
    for (let index = 0; index < files.length; index++) {
      const claim = claims[index];
      if (claim) {
        items.push({ index, code: claim.townshipCode, sequence: claim.sequence, opening: null });
        continue;
      }
      progress?.(done, total, `正在校验 ${path.basename(files[index])}`);
      const opening = settle(open(files[index]));
      const pkg = await opening.catch(() => null);
      items.push({ index, code: pkg?.info.townshipCode ?? '', sequence: pkg?.info.sequence ?? 0, opening });
    }
    items.sort((a, b) => a.code.localeCompare(b.code) || a.sequence - b.sequence || a.index - b.index);
    const startOpening = (k: number) => {
      if (k < items.length && !items[k].opening) items[k].opening = settle(open(files[items[k].index]));
    };
    startOpening(0);
    for (let k = 0; k < items.length; k++) {
      if (signal?.aborted) throw new JobCancelled();
      const item = items[k];
      const file = files[item.index];
      const shown = path.basename(file);
      const outcome = outcomes[item.index];
      progress?.(done, total, `正在校验 ${shown}`);
      let pkg: OpenedPackage | null = null;
      try {
        pkg = await item.opening!;
      } catch (e) {
        if (!(e instanceof PackageError || e instanceof DomainError)) throw e;
        outcome.problem = e instanceof PackageError ? e.problem : 'not_package';
        outcome.message = naming(e.message, shown);
      }
      startOpening(k + 1); // verified while this one is applied
      if (!pkg) {
        done++;
        continue;
      }
      Object.assign(outcome, { townshipCode: pkg.info.townshipCode, townshipName: pkg.info.townshipName, sequence: pkg.info.sequence, kind: pkg.info.kind, rowCounts: pkg.info.tableRows });
      progress?.(done, total, `正在导入 ${shown}`);
      try {
        checkSchema(pkg.info, shown);
        const t = await ctx.archive.queryOne<TownshipRow>('SELECT last_sequence FROM county_townships WHERE code = ?', [pkg.info.townshipCode]);
        const c = await checkContinuity(ctx, pkg.info, t?.last_sequence ?? 0, shown);
        if (c) {
          Object.assign(outcome, { status: 'replay', problem: 'replay', message: c.replay });
        } else {
          const copied = await pkg.copyAttachments(filesDirOf(ctx));
          const { removed } = await applyPackage(ctx, pkg, signal);
          Object.assign(outcome, {
            status: 'applied', problem: null, removed, attachmentsCopied: copied.copied,
            message: `已导入${pkg.info.townshipName}第 ${pkg.info.sequence} 号${pkg.info.kind === 'full' ? '全量' : '增量'}数据包(${Object.values(pkg.info.tableRows).reduce((sum, n) => sum + n, 0)} 条记录${removed ? `,移除 ${removed} 条乡镇已删除的记录` : ''})`,
          });
        }
      } catch (e) {
        if (!(e instanceof PackageError || e instanceof DomainError)) throw e;
        outcome.status = e instanceof PackageError && e.problem === 'replay' ? 'replay' : 'refused';
        outcome.problem = e instanceof PackageError ? e.problem : 'bad_bag';
        outcome.message = naming(e.message, shown);
      } finally {
        opened.delete(pkg);
        await pkg.close();
      }
      done++;
    }
    progress?.(total, total, '完成');
    return outcomes;
  } finally {
    // Packages still being verified when the import stopped (a cancel, a failure) are let go too.
    await Promise.all(items.map((i) => i.opening?.catch(() => undefined)));
    for (const pkg of opened) await pkg.close();
    await ctx.archive.exec('PRAGMA synchronous = FULL');
    await ctx.archive.query('PRAGMA wal_checkpoint(PASSIVE)');
  }
}
