// The connection adapter: `sqlite3` (one N-API build for Node and Electron) under drizzle's sqlite-proxy
// driver. Two traps of that pairing were measured and are fixed here (see architecture.md):
//  1. sqlite3 returns rows as objects, so two result columns with the same name collapse into one and
//     drizzle, which maps by position, shifts every later value into the wrong field. Every
//     row-returning statement is wrapped as `select * from (…)`, which makes SQLite give duplicate
//     columns distinct names (`id`, `id:1`, …) in order.
//  2. A proxy transaction is plain BEGIN/COMMIT on the one shared connection, so any other call that
//     arrives meanwhile would run inside it (and be rolled back with it). All access goes through one
//     async mutex; statements issued inside a transaction carry the lock in AsyncLocalStorage.
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { drizzle, type SqliteRemoteDatabase } from 'drizzle-orm/sqlite-proxy';
import * as schema from './schema';
import { applyMigrations, type MigrationHooks } from './migrate';
import { DomainError } from './domainError';

export type Db = SqliteRemoteDatabase<typeof schema>;
export type Row = Record<string, unknown>;

interface LockHolder {
  archive: Archive;
  depth: number;
  seq?: number; // the change sequence number allocated to this write transaction
  afterCommit: (() => void)[];
}

const lockStore = new AsyncLocalStorage<LockHolder>();

/** Plain promise mutex: each acquirer waits for the previous one's release. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => next);
    return previous.then(() => release);
  }
}

/** The archive file cannot be used as it is (damaged, or already closed): the message names the file. */
export class ArchiveError extends DomainError {
  constructor(
    message: string,
    readonly problem: 'corrupt' | 'closed',
  ) {
    super('conflict', message);
    this.name = 'ArchiveError';
  }
}

const ROW_STATEMENT = /^\s*(select|with|values)\b/i;
const INTEGER_KEY = /^(0|[1-9]\d*)$/;

/**
 * JS objects put integer-like keys first, whatever the column order; a result column named like `1`
 * would silently reorder the row. Refuse it so that the query gets an alias instead.
 */
function toPositional(row: Row): unknown[] {
  const keys = Object.keys(row);
  for (const k of keys) {
    // A mistake in the program's own query, not in anything the clerk did: it must surface as a bug.
    if (INTEGER_KEY.test(k)) throw new Error(`结果列名 "${k}" 是整数,会打乱列的顺序;请给该表达式起别名`);
  }
  return keys.map((k) => row[k]);
}

export class Archive {
  readonly db: Db;
  /** Bumped after every committed transaction: lets readers cache figures until the next write. */
  version = 0;
  private readonly mutex = new Mutex();
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly raw: sqlite3.Database,
  ) {
    this.db = drizzle<typeof schema>((sqlText, params, method) => this.proxy(sqlText, params, method), { schema });
  }

  /** Open (creating if needed) the archive file, check it, and bring its schema up to date. */
  static async open(file: string, options: OpenOptions = {}): Promise<Archive> {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const db = new sqlite3.Database(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (err) => (err ? reject(err) : resolve(db)));
    });
    const archive = new Archive(file, raw);
    try {
      raw.configure('busyTimeout', 10_000);
      await archive.exec('PRAGMA journal_mode = WAL');
      await archive.exec('PRAGMA synchronous = FULL'); // an archive: durability before speed
      await archive.exec('PRAGMA foreign_keys = ON');
      // A county archive is ~150 MB; paging and sorting touch rows all over it. Keep the hot part in
      // memory rather than going through the 2 MB default cache.
      await archive.exec('PRAGMA cache_size = -65536');
      await archive.exec('PRAGMA mmap_size = 268435456');
      const check = await archive.query<{ quick_check: string }>('PRAGMA quick_check');
      if (check.length !== 1 || check[0].quick_check !== 'ok') {
        throw new ArchiveError(`档案数据库 ${file} 已损坏:${check.map((r) => r.quick_check).join('; ')}`, 'corrupt');
      }
      // migrate: false inspects a file as it is (a backup being verified) without writing to it.
      if (options.migrate !== false) {
        await applyMigrations(archive, options.migrationsDir, { beforeMigrate: options.beforeMigrate, onMigration: options.onMigration });
        await archive.optimize();
      }
    } catch (err) {
      await archive.close().catch(() => undefined);
      // SQLite's own words for a file that is no database (or a damaged one) mean nothing to the clerk.
      const code = (err as { code?: unknown })?.code;
      if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new ArchiveError(`档案数据库 ${file} 已损坏,或不是本程序的档案文件(${code})`, 'corrupt');
      throw err;
    }
    return archive;
  }

  // ---- low-level statement execution, always under the lock ----

  private rawRun(sqlText: string, params: unknown[] = []): Promise<{ changes: number; lastID: number }> {
    return new Promise((resolve, reject) =>
      this.raw.run(sqlText, params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastID: this.lastID });
      }),
    );
  }

  private rawAll(sqlText: string, params: unknown[] = []): Promise<Row[]> {
    return new Promise((resolve, reject) => this.raw.all(sqlText, params, (err: Error | null, rows: Row[]) => (err ? reject(err) : resolve(rows))));
  }

  private rawGet(sqlText: string, params: unknown[] = []): Promise<Row | undefined> {
    return new Promise((resolve, reject) => this.raw.get(sqlText, params, (err: Error | null, row: Row | undefined) => (err ? reject(err) : resolve(row))));
  }

  private rawExec(sqlText: string): Promise<void> {
    return new Promise((resolve, reject) => this.raw.exec(sqlText, (err: Error | null) => (err ? reject(err) : resolve())));
  }

  /** Run `fn` holding the connection: directly when this async context already holds it. */
  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw new ArchiveError(`档案数据库 ${this.file} 已关闭`, 'closed');
    if (lockStore.getStore()?.archive === this) return fn();
    const release = await this.mutex.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  private proxy(sqlText: string, params: unknown[], method: 'run' | 'all' | 'values' | 'get'): Promise<{ rows: unknown[] }> {
    return this.locked(async () => {
      if (method === 'run') {
        await this.rawRun(sqlText, params);
        return { rows: [] };
      }
      const text = ROW_STATEMENT.test(sqlText) ? `select * from (${sqlText})` : sqlText;
      if (method === 'get') {
        const row = await this.rawGet(text, params);
        return { rows: row ? toPositional(row) : (undefined as unknown as unknown[]) };
      }
      const rows = await this.rawAll(text, params);
      return { rows: rows.map(toPositional) };
    });
  }

  // ---- the adapter's own API for services ----

  /** Raw rows as objects, for hand-written SQL (alias every column you select twice). */
  query<T = Row>(sqlText: string, params: unknown[] = []): Promise<T[]> {
    return this.locked(() => this.rawAll(sqlText, params) as Promise<T[]>);
  }

  queryOne<T = Row>(sqlText: string, params: unknown[] = []): Promise<T | undefined> {
    return this.locked(() => this.rawGet(sqlText, params) as Promise<T | undefined>);
  }

  run(sqlText: string, params: unknown[] = []): Promise<{ changes: number; lastID: number }> {
    return this.locked(() => this.rawRun(sqlText, params));
  }

  exec(sqlText: string): Promise<void> {
    return this.locked(() => this.rawExec(sqlText));
  }

  /**
   * Refresh the query planner's statistics where they are missing or stale (bounded work). Without
   * them SQLite picks poor indexes for the grouped counts of a 150,000-member archive. A full ANALYZE
   * (about half a second at county size) runs when the statistics are missing and after bulk loads.
   */
  async optimize(options: { force?: boolean } = {}): Promise<void> {
    // A sampled ANALYZE misjudges exit_reason (NULL for 97% of rows) as selective: analyse fully.
    await this.exec('PRAGMA analysis_limit = 0');
    const stat = await this.queryOne<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'");
    const analyzed = stat?.n ? await this.queryOne("SELECT 1 FROM sqlite_stat1 WHERE tbl = 'members'") : undefined;
    if (options.force || !analyzed) await this.exec('ANALYZE');
    else await this.exec('PRAGMA optimize = 0x10002');
  }

  /**
   * Rebuild the file with another page size (VACUUM). Only cheap on an archive that is still nearly
   * empty; WAL mode must be left for it (SQLite keeps a WAL file's page size) and comes back after.
   */
  async usePageSize(bytes: number): Promise<void> {
    if (!Number.isInteger(bytes) || bytes < 512 || bytes > 65536 || (bytes & (bytes - 1)) !== 0) throw new Error(`页大小不正确:${bytes}`);
    await this.locked(async () => {
      const current = await this.rawGet('PRAGMA page_size');
      if (Number(current?.page_size) === bytes || this.file === ':memory:') return;
      await this.rawExec('PRAGMA journal_mode = DELETE');
      try {
        await this.rawExec(`PRAGMA page_size = ${bytes}`);
        await this.rawExec('VACUUM');
      } finally {
        await this.rawExec('PRAGMA journal_mode = WAL');
      }
    });
  }

  /** True when the calling async context is inside one of this archive's transactions. */
  inTransaction(): boolean {
    return lockStore.getStore()?.archive === this;
  }

  /**
   * Run `fn` as one transaction (`begin immediate`: writers take the write lock up front, so a
   * transaction never fails half-way for want of it). Nested calls become savepoints.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const holder = lockStore.getStore();
    if (holder?.archive === this) {
      const name = `sp${++holder.depth}`;
      await this.rawExec(`SAVEPOINT ${name}`);
      try {
        const result = await fn();
        await this.rawExec(`RELEASE ${name}`);
        return result;
      } catch (err) {
        await this.rawExec(`ROLLBACK TO ${name}; RELEASE ${name}`);
        throw err;
      } finally {
        holder.depth--;
      }
    }
    if (this.closed) throw new ArchiveError(`档案数据库 ${this.file} 已关闭`, 'closed');
    const release = await this.mutex.acquire();
    const mine: LockHolder = { archive: this, depth: 0, afterCommit: [] };
    try {
      const result = await lockStore.run(mine, async () => {
        await this.rawExec('BEGIN IMMEDIATE');
        try {
          const value = await fn();
          await this.rawExec('COMMIT');
          return value;
        } catch (err) {
          await this.rawExec('ROLLBACK').catch(() => undefined);
          throw err;
        }
      });
      this.version++;
      for (const cb of mine.afterCommit) cb();
      return result;
    } finally {
      release();
    }
  }

  /**
   * The change sequence number of the current write transaction: one number per transaction, taken
   * from this install's counter, stamped on every row the transaction writes.
   */
  async changeSeq(): Promise<number> {
    const holder = lockStore.getStore();
    if (holder?.archive !== this) throw new Error('changeSeq() must be called inside archive.transaction()');
    if (holder.seq === undefined) {
      const row = await this.rawGet(
        `INSERT INTO counters(name, value) VALUES ('change', 1)
         ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value`,
      );
      holder.seq = Number(row!.value);
    }
    return holder.seq;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.exec('PRAGMA optimize').catch(() => undefined);
    const release = await this.mutex.acquire();
    try {
      this.closed = true;
      await new Promise<void>((resolve, reject) => this.raw.close((err) => (err ? reject(err) : resolve())));
    } finally {
      release();
    }
  }
}

export interface OpenOptions {
  migrationsDir?: string;
  /** false: no migrations and no planner statistics, the file is only read (default true). */
  migrate?: boolean;
  /** Runs before pending migrations are applied (e.g. a verified backup of an archive that holds data). */
  beforeMigrate?: MigrationHooks['beforeMigrate'];
  /** Told as each pending migration starts: progress for the clerk (and a marker for kill tests). */
  onMigration?: MigrationHooks['onMigration'];
}

export function openArchive(file: string, options?: OpenOptions): Promise<Archive> {
  return Archive.open(file, options);
}
