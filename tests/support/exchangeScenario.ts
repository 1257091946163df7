// Installs for the county exchange, reusable by integration tests, the benchmark and a later
// browser e2e: a county and townships, each a real archive in its own data folder, with keys created,
// the county's public keys imported by the townships and the townships registered at the county —
// exactly as the clerks do it, through the services.
import fs from 'node:fs';
import path from 'node:path';
import { openArchive, type Archive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import type { ServiceContext } from '../../electron/services/core/context';
import { initTownship } from '../../electron/services/core/settings';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { exportPublicKey, importCountyKey, initKeys, registerTownship } from '../../electron/services/exchange/keys';
import { exchangeTables } from '../../electron/services/exchange/exchangeTables';
import { writePackage, type ExportResult } from '../../electron/services/exchange/packageWriter';
import { importPackages, type ImportOutcome } from '../../electron/services/exchange/countyImport';
import { importReceipt, writeReceipt } from '../../electron/services/exchange/receipts';
import { tempDir } from './tempArchive';

export interface Install {
  dir: string;
  code: string;
  name: string;
  archive: Archive;
  ctx: ServiceContext;
  rootOrgId: string;
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export async function openInstall(role: 'township' | 'county', code: string, name: string, options: { dir?: string; today?: string; demoMembers?: number; seed?: number } = {}): Promise<Install> {
  const dir = options.dir ?? tempDir(`pr-x-${role}-`);
  const archive = await openArchive(archiveFile(dir));
  const ctx: ServiceContext = { archive, actor: `tester@${code}`, today: options.today ?? '2026-11-28' };
  const s = await initTownship(ctx, { code, name, role });
  if (options.demoMembers) await loadDemoTownship(ctx, { members: options.demoMembers, seed: options.seed ?? 1 });
  const install: Install = {
    dir, code, name, archive, ctx, rootOrgId: s.rootOrgId!,
    async reopen() {
      await install.archive.close();
      install.archive = await openArchive(archiveFile(dir));
      install.ctx = { ...install.ctx, archive: install.archive };
    },
    async close() {
      await install.archive.close();
    },
  };
  return install;
}

/** Keys on every side: townships import the county's public keys; the county registers each township. */
export async function connect(county: Install, townships: Install[]): Promise<void> {
  await initKeys(county.ctx);
  const countyPublic = await exportPublicKey(county.ctx);
  for (const t of townships) {
    await initKeys(t.ctx);
    await importCountyKey(t.ctx, countyPublic.text);
    const pub = await exportPublicKey(t.ctx);
    await registerTownship(county.ctx, { code: t.code, name: t.name, publicKeyPem: pub.text });
  }
}

export function stickDir(): string {
  return tempDir('pr-x-stick-');
}

export async function exportTo(t: Install, outDir: string, full = false): Promise<ExportResult> {
  return writePackage(t.ctx, { outDir, full });
}

export async function importAtCounty(county: Install, files: string[]): Promise<ImportOutcome[]> {
  return importPackages(county.ctx, files);
}

/** The county's 回执 for the township's last applied package, carried back and imported. */
export async function acknowledge(county: Install, t: Install): Promise<number> {
  const r = await writeReceipt(county.ctx, t.code);
  const result = await importReceipt(t.ctx, r.text);
  return result.packageSequence;
}

/** Every row of every table of an archive, in a stable order: to prove a refusal changed nothing. */
export async function dumpArchive(archive: Archive): Promise<Record<string, string[]>> {
  const tables = await archive.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%' ORDER BY name");
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await archive.query<Record<string, unknown>>(`SELECT * FROM "${name}"`);
    out[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/**
 * Compare a township's archive with what the county holds for it, table by table and field by field.
 * Returns the differences (empty when the county's picture is exact).
 */
export async function differencesFromCounty(county: Install, t: Install): Promise<string[]> {
  const problems: string[] = [];
  for (const table of await exchangeTables(t.archive)) {
    const rows = await t.archive.query<Record<string, unknown>>(`SELECT * FROM "${table.name}"`);
    const held = await county.archive.query<{ row_key: string; data: string }>('SELECT row_key, data FROM county_rows WHERE township_code = ? AND table_name = ?', [t.code, table.name]);
    const byKey = new Map(held.map((h) => [h.row_key, JSON.parse(h.data) as Record<string, unknown>]));
    if (held.length !== rows.length) problems.push(`${table.name}: township ${rows.length} rows, county ${held.length}`);
    for (const row of rows) {
      const key = table.primaryKey.length === 1 ? String(row[table.primaryKey[0]]) : JSON.stringify(table.primaryKey.map((c) => row[c]));
      const c = byKey.get(key);
      if (!c) {
        problems.push(`${table.name} ${key}: missing at the county`);
        continue;
      }
      for (const col of Object.keys(row)) {
        if (c[col] !== row[col]) problems.push(`${table.name} ${key}.${col}: township ${JSON.stringify(row[col])}, county ${JSON.stringify(c[col])}`);
      }
      if (Object.keys(c).length !== Object.keys(row).length) problems.push(`${table.name} ${key}: columns differ`);
    }
  }
  return problems;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export function keyFile(install: Install, name: string): string {
  return path.join(install.dir, 'keys', name);
}
