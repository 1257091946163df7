// The exchange benchmark, part of `npm run bench`, or alone: `BENCH_ONLY=exchange npm run bench`.
//   export   a full package of a 4,200-member township with 1 GiB of scans (generated files): the
//            export's own work (hashing, zipping, encrypting; target ≥ 200 MB/s), and in the same run the
//            baseline `zip -0 -r - files | age -r R` over the same files
//   verify   reading that package back (decrypt, signature, every checksum): informational
//   import   county import of 20 such packages without scans (84,000 members; target ≤ 20 s), and the
//            baseline `age -d | unzip` of the same 20 packages
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openArchive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { newId } from '../../electron/services/core/ids';
import { writePackage } from '../../electron/services/exchange/packageWriter';
import { verifySentPackage } from '../../electron/services/exchange/exchangeLog';
import { importPackages } from '../../electron/services/exchange/countyImport';
import { exportPublicKey, importCountyKey, initKeys, registerTownship } from '../../electron/services/exchange/keys';
import { openInstall, type Install } from '../support/exchangeScenario';

type Report = (name: string, figure: string, target: string, ok: boolean | null) => void;

const MB = 1e6;
const ATTACHMENT_BYTES = Number(process.env.BENCH_ATTACHMENT_MB ?? 1024) * 1024 * 1024;
const FILE_SIZE = 1024 * 1024;
const PACKAGES = Number(process.env.BENCH_PACKAGES ?? 20);

function sh(script: string, cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', script], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${script}: ${r.stderr}`);
  return performance.now() - t0;
}

/** 1 GiB of distinct "scans" under files/<sha256>, each filed to a member as 档案材料. */
async function addScans(t: Install): Promise<number> {
  const files = path.join(t.dir, 'files');
  fs.mkdirSync(files, { recursive: true });
  const members = await t.archive.query<{ id: string }>('SELECT id FROM members ORDER BY id');
  const block = crypto.randomBytes(FILE_SIZE);
  const rows: unknown[][] = [];
  let bytes = 0;
  for (let i = 0; bytes < ATTACHMENT_BYTES; i++) {
    block.writeUInt32LE(i, 64); // every file differs
    const sha = crypto.createHash('sha256').update(block).digest('hex');
    fs.writeFileSync(path.join(files, sha), block);
    rows.push([newId(), members[i % members.length].id, 'application', `扫描件 ${i + 1}`, `scan-${i + 1}.pdf`, 'application/pdf', FILE_SIZE, sha]);
    bytes += FILE_SIZE;
  }
  await t.archive.transaction(async () => {
    const seq = await t.archive.changeSeq();
    for (const r of rows) {
      await t.archive.run('INSERT INTO member_files(id, member_id, doc_type, title, file_name, mime, size, sha256, seq, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)', [...r, seq, new Date().toISOString()]);
    }
  });
  return bytes;
}

export async function benchExchange(root: string, report: Report): Promise<void> {
  fs.mkdirSync(root, { recursive: true });
  const t0 = performance.now();
  const county = await openInstall('county', '370783000', '寿光市', { dir: path.join(root, 'county') });
  await initKeys(county.ctx);
  const countyPublic = await exportPublicKey(county.ctx);
  const base = await openInstall('township', '370783101', '东城镇', { dir: path.join(root, 't01'), demoMembers: 4200, seed: 1 });
  await initKeys(base.ctx);
  await importCountyKey(base.ctx, countyPublic.text);
  await base.close();
  // 20 townships: copies of the demo township, each with its own code, keys and people (ID numbers).
  const towns: string[] = [];
  for (let k = 1; k <= PACKAGES; k++) {
    const dir = path.join(root, `t${String(k).padStart(2, '0')}`);
    if (k > 1) {
      fs.mkdirSync(dir);
      fs.copyFileSync(path.join(root, 't01', 'archive.db'), path.join(dir, 'archive.db'));
      fs.cpSync(path.join(root, 't01', 'keys'), path.join(dir, 'keys'), { recursive: true });
      for (const f of ['township-signing.key', 'township-signing.pub.pem', 'township-age.key', 'township-age.pub']) fs.rmSync(path.join(dir, 'keys', f));
      const a = await openArchive(archiveFile(dir));
      const code = `370783${String(100 + k).padStart(3, '0')}`;
      await a.run("UPDATE settings SET value = ? WHERE key = 'township'", [JSON.stringify({ code, name: `第${k}镇` })]);
      await a.run('UPDATE members SET id_number = substr(id_number, 1, 6) || ? || substr(id_number, 9)', [String(k).padStart(2, '0')]);
      await a.close();
    }
    towns.push(dir);
  }
  report('exchange: set up county and 20 townships', `${((performance.now() - t0) / 1000).toFixed(1)} s`, '', null);

  // ---- the export with 1 GiB of scans ----
  const town = await reopen(towns[0], '370783101', '东城镇');
  const scanBytes = await addScans(town);
  const stick = path.join(root, 'stick');
  fs.mkdirSync(stick);
  const written = await writePackage(town.ctx, { outDir: stick, full: true });
  // The export's own work: hashing, zipping, encrypting and writing every byte of the package, up to the
  // final fsync, which waits for the device (a USB stick's speed, not the program's: reported beside it,
  // as is the time to read the rows from the archive first).
  const ownSeconds = written.phases.writeSeconds - written.phases.syncSeconds;
  const rate = written.size / MB / ownSeconds;
  report(
    'exchange: export 4,200 members + 1 GiB scans',
    `${rate.toFixed(0)} MB/s hashing+zipping+encrypting (${ownSeconds.toFixed(2)} s for ${(written.size / MB).toFixed(0)} MB); fsync ${written.phases.syncSeconds.toFixed(2)} s; reading rows ${written.phases.readSeconds.toFixed(2)} s; total ${(written.size / MB / written.seconds).toFixed(0)} MB/s`,
    '≥ 200 MB/s',
    rate >= 200,
  );
  const recipient = fs.readFileSync(path.join(county.dir, 'keys', 'county-age.pub'), 'utf8').trim();
  const baseMs = sh(`zip -0 -q -r - files | age -r ${recipient} -o ${path.join(root, 'baseline.zip.age')}`, town.dir);
  const baseRate = scanBytes / MB / (baseMs / 1000);
  report('exchange: baseline zip -0 | age (same scans)', `${(baseMs / 1000).toFixed(2)} s, ${baseRate.toFixed(0)} MB/s (the export runs at ${(rate / baseRate).toFixed(2)}× this)`, 'baseline', null);
  fs.rmSync(path.join(root, 'baseline.zip.age'), { force: true });
  const tv = performance.now();
  const v = await verifySentPackage(town.ctx, written.file);
  const vs = (performance.now() - tv) / 1000;
  report('exchange: read back and verify the package', `${vs.toFixed(2)} s, ${(written.size / MB / vs).toFixed(0)} MB/s${v.logged ? '' : ' (NOT matched)'}`, '', v.logged ? null : false);
  fs.rmSync(written.file);
  await town.close();

  // ---- 20 packages without scans, imported at the county ----
  const packages: string[] = [];
  for (let k = 0; k < towns.length; k++) {
    const code = `370783${String(101 + k).padStart(3, '0')}`;
    const t = await reopen(towns[k], code, `第${k + 1}镇`);
    if (k === 0) {
      await t.archive.run('DELETE FROM member_files'); // the county import is measured without scans
      await t.archive.run('DELETE FROM exchange_packages');
    }
    await initKeys(t.ctx);
    const pub = await exportPublicKey(t.ctx);
    await registerTownship(county.ctx, { code, name: `第${k + 1}镇`, publicKeyPem: pub.text });
    packages.push((await writePackage(t.ctx, { outDir: stick, full: true })).file);
    await t.close();
  }
  // The set-up above leaves about 2 GB of files being written back to the disk; the import (which waits
  // for the disk at every package's commit) is measured from a settled disk, as a county would start it.
  spawnSync('sync');
  // The set-up above leaves about 2 GB of files being written back to the disk; the import (which waits
  // for the disk at every package's commit) is measured from a settled disk, as a county would start it.
  spawnSync('sync');
  const ti = performance.now();
  const outcomes = await importPackages(county.ctx, packages);
  const importS = (performance.now() - ti) / 1000;
  const applied = outcomes.filter((o) => o.status === 'applied').length;
  const members = (await county.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM county_members'))!.n;
  const rows = (await county.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM county_rows'))!.n;
  report(
    `exchange: county import of ${packages.length} packages`,
    `${importS.toFixed(2)} s (${members} members, ${rows} rows, ${Math.round(rows / importS)} rows/s)${applied === packages.length ? '' : `, only ${applied} applied`}`,
    '≤ 20 s',
    importS <= 20 && applied === packages.length,
  );
  const key = path.join(county.dir, 'keys', 'county-age.key');
  const out = path.join(root, 'unzipped');
  fs.mkdirSync(out);
  spawnSync('sync');
  spawnSync('sync');
  const baseImport = sh(packages.map((p, i) => `age -d -i ${key} ${p} > ${out}/${i}.zip && unzip -q -o ${out}/${i}.zip -d ${out}/${i}`).join(' && '), root);
  report(`exchange: baseline age -d | unzip (${packages.length} packages)`, `${(baseImport / 1000).toFixed(2)} s (the import takes ${(importS / (baseImport / 1000)).toFixed(2)}× this)`, 'baseline', null);
  await county.close();
}

async function reopen(dir: string, code: string, name: string): Promise<Install> {
  const archive = await openArchive(archiveFile(dir));
  const install: Install = {
    dir, code, name, archive, ctx: { archive, actor: 'bench', today: '2026-11-28' }, rootOrgId: '',
    reopen: async () => undefined,
    close: () => archive.close(),
  };
  return install;
}

if (require.main === module) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-bench-exchange-'));
  benchExchange(root, (n, f, t, ok) => console.log(`${ok === null ? '  ' : ok ? '✔ ' : '✘ '}${n.padEnd(46)} ${f.padEnd(60)} ${t}`))
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    })
    .finally(() => fs.rmSync(root, { recursive: true, force: true }));
}
