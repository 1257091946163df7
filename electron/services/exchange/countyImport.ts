// 导入乡镇数据 (county): verify each package (packageReader), check that it continues what the county
// holds for that township (replay: reported and ignored; gap: refused, naming the missing packages;
// schema: refused when this program does not know the package's schema version), then apply it in ONE
// transaction: upsert the rows it carries, drop the rows the township no longer has, rebuild that
// township's members for the grid and mark people transferred between townships. Refused packages
// leave the county archive exactly as it was. Applying the same package twice changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { ServiceContext } from '../context';
import { nowIso } from '../context';
import { DomainError } from '../errors';
import { appendAudit } from '../audit';
import { getSetup } from '../settings';
import { newId } from '../ids';
import { knownMigrationTags } from '../../../db/migrate';
import { loadOwnIdentity } from './keys';
import { openPackage, PackageError, type OpenedPackage, type PackageInfo, type PackageProblem, type TableEntry } from './packageReader';

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

// Rows per INSERT: 3 parameters each (key, seq, line; township and table are ?1 and ?2), well under
// SQLite's 32,766. Fewer, larger statements: every statement is a round trip to sqlite3's worker thread.
const ROWS_PER_STATEMENT = 2000;

const upsertSql = new Map<number, string>();

/** INSERT of `n` rows of one township's table; an unchanged row is left as it is (not rewritten). */
function upsertRows(n: number): string {
  let sql = upsertSql.get(n);
  if (!sql) {
    const values: string[] = new Array(n);
    for (let k = 0; k < n; k++) values[k] = `(?1,?2,?${3 + 3 * k},?${4 + 3 * k},?${5 + 3 * k})`;
    sql = `INSERT INTO county_rows(township_code, table_name, row_key, source_seq, data) VALUES ${values.join(',')}
      ON CONFLICT(township_code, table_name, row_key) DO UPDATE SET source_seq = excluded.source_seq, data = excluded.data
      WHERE county_rows.data IS NOT excluded.data`;
    upsertSql.set(n, sql);
  }
  return sql;
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
}

/** Open and verify one package at the county (signature against the registered key of its township). */
export async function openAtCounty(ctx: ServiceContext, file: string): Promise<OpenedPackage> {
  await requireCounty(ctx);
  const identity = loadOwnIdentity(ctx, 'county');
  return openPackage(file, {
    identities: [identity],
    tempDir: tempDirOf(ctx),
    keyFor: async (code, name) => {
      const t = await ctx.archive.queryOne<TownshipRow>('SELECT code, name, public_key, last_sequence FROM county_townships WHERE code = ?', [code]);
      if (!t) {
        throw new PackageError('unknown_township', `数据包来自未登记的乡镇 ${name || ''}(${code}):请先登记该乡镇的公钥(核对电话中读出的指纹)后再导入`);
      }
      return t.public_key;
    },
  });
}

function checkContinuity(info: PackageInfo, last: number, shown: string): { replay: string } | null {
  if (info.sequence <= last) {
    return { replay: `${shown} 是${info.townshipName}的第 ${info.sequence} 号数据包,本县已导入到第 ${last} 号,此包已导入过(或更旧),已忽略,未作任何改动` };
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
async function applyPackage(ctx: ServiceContext, pkg: OpenedPackage): Promise<{ removed: number }> {
  const info = pkg.info;
  const code = info.townshipCode;
  let removed = 0;
  await ctx.archive.transaction(async () => {
    await ctx.archive.changeSeq();
    const t = await ctx.archive.queryOne<TownshipRow>('SELECT code, name, public_key, last_sequence FROM county_townships WHERE code = ?', [code]);
    if (!t) throw new PackageError('unknown_township', `乡镇 ${code} 未登记`);
    // Re-checked inside the transaction: another import of the same township may have committed meanwhile.
    if (checkContinuity(info, t.last_sequence, path.basename(pkg.file))) throw new PackageError('replay', `第 ${info.sequence} 号数据包已导入过`);
    const tableNames = pkg.tables.map((x) => x.name);
    if (info.kind === 'full') {
      const r = await ctx.archive.run('DELETE FROM county_rows WHERE township_code = ? AND table_name NOT IN (SELECT value FROM json_each(?))', [code, JSON.stringify(tableNames)]);
      removed += r.changes;
    }
    for (const table of pkg.tables) {
      const rows = lines(pkg.text(table.file));
      // A full package is the township's whole table: whatever it does not carry is gone there. Rows it
      // carries unchanged are left alone; the rest are written, then the ones it lacks are dropped.
      const held = info.kind === 'full'
        ? (await ctx.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM county_rows WHERE township_code = ? AND table_name = ?', [code, table.name]))?.n ?? 0
        : 0;
      const keys: string[] | null = held > 0 ? new Array(rows.length) : null;
      // The next statement's rows are parsed while SQLite (on its worker thread) writes the previous one.
      let writing: Promise<unknown> | null = null;
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const end = Math.min(rows.length, i + ROWS_PER_STATEMENT);
        const params: unknown[] = [code, table.name];
        try {
          for (let k = i; k < end; k++) {
            const line = rows[k];
            const row = parseLine(table, line, k);
            const key = rowKeyOf(table, row);
            if (keys) keys[k] = key;
            params.push(key, typeof row.seq === 'number' ? row.seq : null, line);
          }
        } catch (e) {
          // The statement in flight must be finished before the transaction rolls back.
          if (writing) await writing.catch(() => undefined);
          throw e;
        }
        if (writing) await writing;
        writing = ctx.archive.run(upsertRows(end - i), params);
        writing.catch(() => undefined); // awaited in the next turn or just below
      }
      if (writing) await writing;
      if (keys) {
        const r = await ctx.archive.run(
          'DELETE FROM county_rows WHERE township_code = ? AND table_name = ? AND row_key NOT IN (SELECT value FROM json_each(?))',
          [code, table.name, JSON.stringify(keys)],
        );
        removed += r.changes;
      }
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

/** The typed members of one township for the grid, and who is current among people in several townships. */
async function rebuildCountyMembers(ctx: ServiceContext, code: string): Promise<void> {
  const col = (c: string) => `json_extract(m.data, '$.${c}')`;
  await ctx.archive.run('DELETE FROM county_members WHERE township_code = ?', [code]);
  await ctx.archive.run(
    `INSERT INTO county_members(township_code, id, id_number, name, gender, birth_date, ethnicity, education, category, org_id, org_name, join_date, full_date,
       occupation, phone, exit_reason, exit_date, is_mobile, is_lost, transfer_pending, pinyin_full, pinyin_initials, updated_at, superseded)
     SELECT m.township_code, ${col('id')}, ${col('id_number')}, ${col('name')}, ${col('gender')}, ${col('birth_date')}, ${col('ethnicity')}, ${col('education')},
       ${col('category')}, ${col('org_id')}, json_extract(o.data, '$.name'), ${col('join_date')}, ${col('full_date')}, ${col('occupation')}, ${col('phone')},
       ${col('exit_reason')}, ${col('exit_date')}, coalesce(${col('is_mobile')}, 0), coalesce(${col('is_lost')}, 0), coalesce(${col('transfer_pending')}, 0),
       ${col('pinyin_full')}, ${col('pinyin_initials')}, ${col('updated_at')}, 0
     FROM county_rows m
     LEFT JOIN county_rows o ON o.township_code = m.township_code AND o.table_name = 'organizations' AND o.row_key = ${col('org_id')}
     WHERE m.township_code = ? AND m.table_name = 'members'`,
    [code],
  );
  // A person transferred between townships has a record in each: the one on the roll (and not awaiting
  // its 回执) is current; the others are kept (with their history) but hidden from the grid.
  await ctx.archive.run(
    `UPDATE county_members SET superseded = CASE WHEN (township_code, id) = (
        SELECT c2.township_code, c2.id FROM county_members c2 WHERE c2.id_number = county_members.id_number
        ORDER BY (c2.exit_reason IS NULL AND c2.transfer_pending = 0) DESC, (c2.exit_reason IS NULL) DESC, c2.updated_at DESC, c2.township_code
        LIMIT 1) THEN 0 ELSE 1 END
     WHERE id_number IN (SELECT id_number FROM county_members WHERE township_code = ?)
       AND id_number IN (SELECT id_number FROM county_members GROUP BY id_number HAVING count(*) > 1)`,
    [code],
  );
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
    const c = checkContinuity(pkg.info, t?.last_sequence ?? 0, path.basename(file));
    return { info: pkg.info, continuity: c ? 'replay' : 'next', message: c ? c.replay : `${path.basename(file)}:签名、校验值全部正确,可以导入` };
  } finally {
    await pkg.close();
  }
}

/**
 * Import packages (one or many, in any order: they are applied by township and package number).
 * Each is verified and applied on its own; one refused package does not stop the others.
 */
export async function importPackages(ctx: ServiceContext, files: string[], progress?: (done: number, total: number, message: string) => void): Promise<ImportOutcome[]> {
  await requireCounty(ctx);
  loadOwnIdentity(ctx, 'county');
  const outcomes: ImportOutcome[] = [];
  const opened: { pkg: OpenedPackage; outcome: ImportOutcome }[] = [];
  const blank = (file: string): ImportOutcome => ({
    file, status: 'refused', problem: null, message: '', townshipCode: null, townshipName: null, sequence: null, kind: null, rowCounts: {}, removed: 0, attachmentsCopied: 0,
  });
  try {
    let done = 0;
    for (const file of files) {
      progress?.(done, files.length * 2, `正在校验 ${path.basename(file)}`);
      const outcome = blank(file);
      outcomes.push(outcome);
      try {
        const pkg = await openAtCounty(ctx, file);
        Object.assign(outcome, { townshipCode: pkg.info.townshipCode, townshipName: pkg.info.townshipName, sequence: pkg.info.sequence, kind: pkg.info.kind, rowCounts: pkg.info.tableRows });
        opened.push({ pkg, outcome });
      } catch (e) {
        if (!(e instanceof PackageError || e instanceof DomainError)) throw e;
        outcome.problem = e instanceof PackageError ? e.problem : 'not_package';
        outcome.message = e.message;
      }
      done++;
    }
    opened.sort((a, b) => a.pkg.info.townshipCode.localeCompare(b.pkg.info.townshipCode) || a.pkg.info.sequence - b.pkg.info.sequence);
    for (const { pkg, outcome } of opened) {
      const shown = path.basename(pkg.file);
      progress?.(done, files.length * 2, `正在导入 ${shown}`);
      try {
        checkSchema(pkg.info, shown);
        const t = await ctx.archive.queryOne<TownshipRow>('SELECT last_sequence FROM county_townships WHERE code = ?', [pkg.info.townshipCode]);
        const c = checkContinuity(pkg.info, t?.last_sequence ?? 0, shown);
        if (c) {
          Object.assign(outcome, { status: 'replay', problem: 'replay', message: c.replay });
        } else {
          const copied = await pkg.copyAttachments(filesDirOf(ctx));
          const { removed } = await applyPackage(ctx, pkg);
          Object.assign(outcome, {
            status: 'applied', problem: null, removed, attachmentsCopied: copied.copied,
            message: `已导入${pkg.info.townshipName}第 ${pkg.info.sequence} 号${pkg.info.kind === 'full' ? '全量' : '增量'}数据包(${Object.values(pkg.info.tableRows).reduce((s, n) => s + n, 0)} 条记录${removed ? `,移除 ${removed} 条乡镇已删除的记录` : ''})`,
          });
        }
      } catch (e) {
        if (!(e instanceof PackageError || e instanceof DomainError)) throw e;
        outcome.status = e instanceof PackageError && e.problem === 'replay' ? 'replay' : 'refused';
        outcome.problem = e instanceof PackageError ? e.problem : 'bad_bag';
        outcome.message = e.message;
      }
      done++;
    }
    progress?.(files.length * 2, files.length * 2, '完成');
    return outcomes;
  } finally {
    for (const { pkg } of opened) await pkg.close();
  }
}
