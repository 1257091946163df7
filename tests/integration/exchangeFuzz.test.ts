// Fuzzing the county's package reader and import: random bytes of any length; the bytes of a
// valid package flipped, cut short, with bytes inserted or blocks copied over others; and — the deep
// layers — a valid bag whose inner files are mutated (bag-info.txt lines, manifest lines, JSON Lines rows
// with random JSON, huge strings and wrong types, files missing or added, path traversal and absolute
// names in the zip), then re-zipped, re-encrypted to the county's key and re-signed with the township's
// real key so that the checks behind the signature are reached. Every case is either refused with a
// PackageError/DomainError whose Chinese message names the file, the county archive row for row as it was
// and no file left behind, or (when the mutation is valid content) applied exactly as the package says —
// never another exception, never a hang. Runs are bounded (≈60 s in all) and seeded: FUZZ_SEED=<n>
// replays a failure fast-check prints.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { DomainError } from '../../electron/services/core/errors';
import { decryptBuffer, encryptBuffer } from '../../electron/services/exchange/format/ageFormat';
import { manifestText } from '../../electron/services/exchange/format/bagit';
import { importPackages, verifyAtCounty, type ImportOutcome } from '../../electron/services/exchange/countyImport';
import { loadOwnIdentity, loadOwnSigning } from '../../electron/services/exchange/keys';
import { PackageError } from '../../electron/services/exchange/packageReader';
import { updateMember } from '../../electron/services/members/members';
import { SIGNATURE_FILE } from '../../electron/services/exchange/packageWriter';
import { sign } from '../../electron/services/exchange/format/signing';
import { ZipStoreWriter } from '../../electron/services/exchange/format/zipStore';
import { acknowledge, connect, dumpArchive, exportTo, importAtCounty, keyFile, openInstall, removeDir, stickDir, type Install } from '../support/exchangeScenario';
import { tempDir } from '../support/tempArchive';
import { CHINESE, expectClearRefusal, fuzzRuns, LEAKED_BUG, mutate, mutation, refusalOf, seedLine, withCaseTimeLimit } from '../support/fuzz';

const runs = (n: number) => fuzzRuns(n, 20_000);

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

let county: Install;
let town: Install;
let stick: string;
let work: string;
let countyBackup: string; // the county's data folder as it was after package 1: restored after each applied case
let countyRecipient: string;
let signingKey: string;
let fileNo = 0;

/** A bag as an ordered list of entries, names relative to the bag folder. */
interface Bag {
  top: string;
  entries: { rel: string; content: Buffer }[];
}
let fullBag: Bag;
let incrementalBag: Bag;
let fullPackageBytes: Buffer;
let fullZip: Buffer;

function unzip(zip: Buffer): Promise<{ name: string; content: Buffer }[]> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, z) => {
      if (err) return reject(err);
      const out: { name: string; content: Buffer }[] = [];
      z.on('entry', (e: yauzl.Entry) =>
        z.openReadStream(e, (err2, s) => {
          if (err2) return reject(err2);
          const parts: Buffer[] = [];
          s.on('data', (c: Buffer) => parts.push(c));
          s.on('end', () => {
            out.push({ name: e.fileName, content: Buffer.concat(parts) });
            z.readEntry();
          });
        }),
      );
      z.on('end', () => resolve(out));
      z.on('error', reject);
      z.readEntry();
    }),
  );
}

async function bagOf(pkgFile: string): Promise<Bag> {
  const zip = decryptBuffer(fs.readFileSync(pkgFile), [loadOwnIdentity(county.ctx, 'county')]);
  const entries = await unzip(zip);
  const top = entries[0].name.split('/')[0];
  return { top, entries: entries.map((e) => ({ rel: e.name.slice(top.length + 1), content: e.content })) };
}

async function zipOf(names: { name: string; content: Buffer }[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  const w = new ZipStoreWriter({ write: async (b) => void parts.push(Buffer.from(b)) });
  for (const n of names) await w.add(n.name, n.content);
  await w.finish();
  return Buffer.concat(parts);
}

/** What the county holds: every row of every table, and the files and temp folders. */
async function countyState() {
  const list = (d: string) => (fs.existsSync(d) ? fs.readdirSync(d).sort() : []);
  return { rows: await dumpArchive(county.archive), files: list(path.join(county.dir, 'files')), tmp: list(path.join(county.dir, 'tmp')) };
}

async function restoreCounty(): Promise<void> {
  await county.archive.close();
  fs.rmSync(county.dir, { recursive: true, force: true });
  fs.cpSync(countyBackup, county.dir, { recursive: true });
  county.archive = await openArchive(archiveFile(county.dir));
  county.ctx = { ...county.ctx, archive: county.archive };
}

/** Nothing outside the county's folder may be written by a package, whatever names its zip holds. */
function strayFiles(): string[] {
  return [path.join(work, 'x'), path.join(path.dirname(county.dir), 'x'), '/x', '/tmp/x'].filter((f) => fs.existsSync(f));
}

/** Verify then import one file at the county; a refusal must be clear and change nothing. */
async function importChecked(file: string, bag?: Bag): Promise<ImportOutcome> {
  const shown = path.basename(file);
  const before = await countyState();
  const strayBefore = strayFiles();
  let verified = true;
  try {
    await withCaseTimeLimit(verifyAtCounty(county.ctx, file), `verify ${shown}`);
  } catch (err) {
    expectClearRefusal(refusalOf(err, [PackageError, DomainError], `${shown}:校验时`).message, shown);
    verified = false;
  }
  expect(await countyState(), `${shown} 校验后县里档案有变化`).toEqual(before);
  let outcome: ImportOutcome;
  try {
    [outcome] = await withCaseTimeLimit(importPackages(county.ctx, [file]), `import ${shown}`);
  } catch (err) {
    throw new Error(`${shown}:导入时出现异常(应为拒绝并说明原因):${(err as Error)?.stack ?? String(err)}`, { cause: err });
  }
  expect(strayFiles(), `${shown} 在县档案文件夹以外写了文件`).toEqual(strayBefore);
  if (outcome.status === 'applied') {
    await expectApplied(outcome, bag);
    await restoreCounty();
    return outcome;
  }
  expect(outcome.file).toBe(file);
  expect(outcome.problem, outcome.message).not.toBeNull();
  if (verified) {
    // verify said "can be imported" (or replay); only what verify does not read may refuse it now: its
    // rows. Those messages name the table and row; the file is in the outcome beside them (the page's
    // 文件 column), not in the message — as the fuzzing showed.
    expect(['bad_bag', 'replay'], `${shown}:校验通过却被拒绝:${outcome.message}`).toContain(outcome.problem);
    expect(outcome.message, outcome.message).toMatch(CHINESE);
    expect(outcome.message, outcome.message).not.toMatch(LEAKED_BUG);
    if (outcome.problem === 'bad_bag') expect(outcome.message, outcome.message).toMatch(/表 [a-z_]+|data\/[a-z_/]+\.jsonl/);
    else expect(outcome.message).toContain(shown);
  } else {
    expectClearRefusal(outcome.message, shown);
  }
  const after = await countyState();
  expect(after.rows, `${shown} 被拒绝(${outcome.message})后县里档案有变化`).toEqual(before.rows);
  expect(after.files, `${shown} 被拒绝后 files/ 有变化`).toEqual(before.files);
  expect(after.tmp, `${shown} 被拒绝后 tmp/ 留下了解密文件`).toEqual([]);
  return outcome;
}

/** An applied package is in the county exactly as it says: its rows, its number. */
async function expectApplied(outcome: ImportOutcome, bag?: Bag) {
  const code = town.code;
  const t = await county.archive.queryOne<{ last_sequence: number }>('SELECT last_sequence FROM county_townships WHERE code = ?', [code]);
  expect(t!.last_sequence).toBe(outcome.sequence);
  if (!bag) return;
  const byRel = new Map(bag.entries.map((e) => [e.rel, e.content]));
  const tables = JSON.parse(byRel.get('data/tables.json')!.toString('utf8')) as { name: string; primaryKey: string[]; file: string; keysFile: string | null }[];
  for (const table of tables) {
    const expected = new Map<string, string>();
    for (const line of byRel.get(table.file)!.toString('utf8').split('\n').filter((l) => l.length > 0)) {
      const row = JSON.parse(line) as Record<string, unknown>;
      const key = table.primaryKey.length === 1 ? String(row[table.primaryKey[0]]) : JSON.stringify(table.primaryKey.map((c) => row[c] ?? null));
      expected.set(key, line);
    }
    const held = await county.archive.query<{ row_key: string; data: string }>('SELECT row_key, data FROM county_rows WHERE township_code = ? AND table_name = ?', [code, table.name]);
    const heldMap = new Map(held.map((h) => [h.row_key, h.data]));
    // An incremental package's keys file lists every row the township still holds: the rest go.
    const keysText = outcome.kind === 'incremental' && table.keysFile ? byRel.get(table.keysFile)?.toString('utf8') : undefined;
    const kept = keysText === undefined ? null : new Set(keysText.split('\n').filter((l) => l.length > 0).map((l) => (table.primaryKey.length === 1 ? String(JSON.parse(l)) : l)));
    for (const [key, line] of expected) expect(heldMap.get(key), `${table.name} ${key.slice(0, 80)}`).toBe(kept && !kept.has(key) ? undefined : line);
    if (kept) for (const key of heldMap.keys()) expect(kept.has(key), `${table.name} ${key.slice(0, 80)} 不在 keys 文件中却仍在县里`).toBe(true);
    if (outcome.kind === 'full') expect(held.length, table.name).toBe(expected.size);
  }
}

// ---- byte mutations (tests/support/fuzz.ts), written to the stick ----

function writeCase(bytes: Buffer, ext = '.prpkg'): string {
  const f = path.join(stick, `东城镇数据包-${++fileNo}${ext}`);
  fs.writeFileSync(f, bytes);
  return f;
}

// ---- bag mutations (inside the encryption) ----

const hugeString = fc.integer({ min: 10_000, max: 400_000 }).map((n) => '长'.repeat(n));
const oddText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '\t', '\r', '\u0000', '\ufeff', '\ud800', '../x', '/etc/passwd', 'C:\\x', '%0A', '%2e%2e/x', '王伟', '-1', '0', '007', '1e308', '99999999999999999999', 'NaN', 'null', '{}', '[]'),
);
const jsonish = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: oddText },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2, [], {}, [null], { id: null }) },
);

const BAG_LABELS = ['Package-Sequence', 'Package-Kind', 'Base-Package-Sequence', 'Change-Sequence-From', 'Change-Sequence-To', 'Township-Code', 'Township-Name', 'Schema-Version', 'Package-Format', 'Payload-Oxum', 'Bagging-Date', 'Attachment-Count', 'Attachment-Bytes', 'Table-Rows', 'Missing-Attachment', 'Signing-Key-Fingerprint', 'X-Unknown'];
const bagInfoValue = fc.oneof(oddText, fc.constantFrom('Full', 'Incremental', 'full', '2', '3', '1', '0', '1000000', '370783101', '370783999', 'members 5', 'members x', '1.2'), hugeString.map((s) => s.slice(0, 20_000)));

type BagEdit =
  | { kind: 'bagInfo'; op: 'drop' | 'replace' | 'dup' | 'insert' | 'raw'; line: number; label: string; value: string }
  | { kind: 'row'; file: number; op: 'replace' | 'insert' | 'delete' | 'patch' | 'raw' | 'dupKey'; line: number; field: string | null; value: unknown }
  | { kind: 'tables'; table: number; field: 'name' | 'primaryKey' | 'file' | 'keysFile' | 'rows' | 'columns' | 'drop' | 'whole'; value: unknown }
  | { kind: 'remove'; entry: number }
  | { kind: 'extra'; rel: string; content: Uint8Array };

const bagEdit: fc.Arbitrary<BagEdit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('bagInfo' as const), op: fc.constantFrom('drop' as const, 'replace' as const, 'dup' as const, 'insert' as const, 'raw' as const), line: fc.nat(), label: fc.constantFrom(...BAG_LABELS), value: bagInfoValue }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('row' as const), file: fc.nat(), op: fc.constantFrom('replace' as const, 'insert' as const, 'delete' as const, 'patch' as const, 'patch' as const, 'raw' as const, 'dupKey' as const),
      line: fc.nat(), field: fc.option(fc.constantFrom('id', 'seq', 'name', 'id_number', 'org_id', 'member_id', 'birth_date', 'exit_reason', 'is_mobile', '__proto__', 'constructor', 'x')), value: jsonish,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tables' as const), table: fc.nat(), field: fc.constantFrom('name' as const, 'primaryKey' as const, 'file' as const, 'keysFile' as const, 'rows' as const, 'columns' as const, 'drop' as const, 'whole' as const), value: fc.oneof(jsonish, fc.constantFrom('members', 'organizations', 'county_rows', 'sqlite_master', 'data/tables.json', 'data/../x', 'data/members.jsonl', ['id', 'seq'], ['nope'], [], 'id')) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), entry: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('extra' as const), rel: fc.constantFrom('data/extra.jsonl', 'data/attachments/' + 'ab'.repeat(32), 'data/attachments/x', 'notes.txt', 'data/keys/members.jsonl', 'data/sub/deep/f.bin', 'data/ x'), content: fc.uint8Array({ maxLength: 300 }) }) },
);

/** After the bag's content is edited: its manifests, Payload-Oxum and signature, made again. */
type SealEdit =
  | { kind: 'none' }
  | { kind: 'manifest' | 'tagmanifest'; op: 'drop' | 'dup' | 'replace' | 'add'; line: number; text: string }
  | { kind: 'signature'; bytes: Uint8Array }
  | { kind: 'zipName'; entry: number; name: string }
  | { kind: 'keepOxum' };
const sealEdit: fc.Arbitrary<SealEdit> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('manifest' as const, 'tagmanifest' as const), op: fc.constantFrom('drop' as const, 'dup' as const, 'replace' as const, 'add' as const), line: fc.nat(),
      text: fc.oneof(oddText, fc.constantFrom('../x', '/etc/passwd', 'data/../../x', 'data\\x', 'data//x', 'bag-info.txt', 'data/tables.json', 'data/%2E%2E/x', 'data/x%0A')),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('signature' as const), bytes: fc.uint8Array({ maxLength: 100 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('zipName' as const), entry: fc.nat(), name: fc.constantFrom('../x', '/x', '/tmp/x', 'TOP/../x', 'TOP/data/../../x', 'TOP/../../x', 'C:\\x', 'TOP\\data\\x', 'TOP//data/x', 'TOP/./data/x', 'other/data/x', 'TOP/', '', 'TOP/data/x\u0000y', 'SAME') }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'keepOxum' as const }) },
);

function editLines(text: string, op: 'drop' | 'dup' | 'replace' | 'insert' | 'add' | 'raw', at: number, line: string): string {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const i = lines.length ? at % lines.length : 0;
  if (op === 'drop') lines.splice(i, 1);
  else if (op === 'dup') lines.splice(i, 0, lines[i] ?? line);
  else if (op === 'replace') lines[i] = line;
  else lines.splice(i, 0, line);
  return lines.join('\n') + '\n';
}

function applyEdit(bag: Bag, e: BagEdit): void {
  const find = (rel: string) => bag.entries.find((x) => x.rel === rel);
  switch (e.kind) {
    case 'bagInfo': {
      const entry = find('bag-info.txt');
      if (!entry) return; // removed by an earlier edit
      const line = e.op === 'raw' ? e.value : `${e.label}: ${e.value.replace(/\r?\n/g, ' ')}`;
      const text = entry.content.toString('utf8');
      if (e.op === 'replace') {
        // Replace the line of that label when there is one: the deep checks of each field are reached.
        const lines = text.split('\n');
        const at = lines.findIndex((l) => l.startsWith(e.label + ':'));
        if (at >= 0) {
          lines[at] = line;
          entry.content = Buffer.from(lines.join('\n'));
          return;
        }
      }
      entry.content = Buffer.from(editLines(text, e.op, e.line, line));
      return;
    }
    case 'row': {
      const files = bag.entries.filter((x) => x.rel.endsWith('.jsonl'));
      const entry = files[e.file % files.length];
      const lines = entry.content.toString('utf8').split('\n').filter((l) => l.length > 0);
      const i = lines.length ? e.line % lines.length : 0;
      const valueText = (v: unknown) => (v === undefined ? 'undefined' : JSON.stringify(v));
      switch (e.op) {
        case 'replace':
          lines[i] = valueText(e.value);
          break;
        case 'raw':
          lines.splice(i, 0, typeof e.value === 'string' ? e.value.replace(/\n/g, ' ') : valueText(e.value).slice(0, Math.max(1, valueText(e.value).length - 1)));
          break;
        case 'insert':
          lines.splice(i, 0, valueText(e.value));
          break;
        case 'delete':
          lines.splice(i, 1);
          break;
        case 'dupKey':
          if (lines.length) lines.push(lines[i]);
          break;
        case 'patch': {
          let row: Record<string, unknown> = {};
          try {
            row = (JSON.parse(lines[i] ?? '{}') as Record<string, unknown>) ?? {};
          } catch {
            // an earlier edit broke this line; patch an empty record instead
          }
          const keys = Object.keys(row);
          const field = e.field ?? (keys.length ? keys[Math.abs(valueText(e.value).length) % keys.length] : 'id');
          const text = JSON.stringify(row).replace(/}$/, `${keys.length ? ',' : ''}${JSON.stringify(field)}:${valueText(e.value)}}`);
          if (typeof row === 'object' && row !== null && !Array.isArray(row)) lines[i] = text;
          else lines[i] = valueText(e.value);
          break;
        }
      }
      entry.content = Buffer.from(lines.length ? lines.join('\n') + '\n' : '');
      return;
    }
    case 'tables': {
      const entry = find('data/tables.json');
      if (!entry) return;
      let tables: unknown;
      try {
        tables = JSON.parse(entry.content.toString('utf8'));
      } catch {
        return;
      }
      if (!Array.isArray(tables) || tables.length === 0 || e.field === 'whole') {
        entry.content = Buffer.from(JSON.stringify(e.value) ?? 'undefined');
        return;
      }
      const i = e.table % tables.length;
      if (e.field === 'drop') tables.splice(i, 1);
      else if (tables[i] && typeof tables[i] === 'object') (tables[i] as Record<string, unknown>)[e.field] = e.value;
      else tables[i] = e.value;
      entry.content = Buffer.from(JSON.stringify(tables));
      return;
    }
    case 'remove':
      bag.entries.splice(e.entry % bag.entries.length, 1);
      return;
    case 'extra': {
      const existing = find(e.rel);
      if (existing) existing.content = Buffer.from(e.content);
      else bag.entries.push({ rel: e.rel, content: Buffer.from(e.content) });
      return;
    }
  }
}

const TAG_FILES = new Set(['tagmanifest-sha256.txt', SIGNATURE_FILE]);

/** Make the bag's manifests, Payload-Oxum, tag manifest and signature agree with its content again. */
function reseal(bag: Bag, keepOxum: boolean): void {
  const payload = bag.entries.filter((x) => x.rel.startsWith('data/'));
  const set = (rel: string, content: Buffer) => {
    const e = bag.entries.find((x) => x.rel === rel);
    if (e) e.content = content;
  };
  set('manifest-sha256.txt', Buffer.from(manifestText(payload.map((x) => ({ path: x.rel, sha256: sha256(x.content) })))));
  const info = bag.entries.find((x) => x.rel === 'bag-info.txt');
  if (info && !keepOxum) {
    const oxum = `Payload-Oxum: ${payload.reduce((s, x) => s + x.content.length, 0)}.${payload.length}`;
    info.content = Buffer.from(info.content.toString('utf8').replace(/^Payload-Oxum:.*$/m, oxum));
  }
  retagAndSign(bag);
}

function retagAndSign(bag: Bag): void {
  const tags = bag.entries.filter((x) => !x.rel.startsWith('data/') && !TAG_FILES.has(x.rel));
  const tagmanifest = Buffer.from(manifestText(tags.map((x) => ({ path: x.rel, sha256: sha256(x.content) }))));
  const tm = bag.entries.find((x) => x.rel === 'tagmanifest-sha256.txt');
  if (tm) tm.content = tagmanifest;
  resign(bag);
}

function resign(bag: Bag): void {
  const tm = bag.entries.find((x) => x.rel === 'tagmanifest-sha256.txt');
  const sig = bag.entries.find((x) => x.rel === SIGNATURE_FILE);
  if (tm && sig) sig.content = sign(signingKey, tm.content);
}

async function buildPackage(base: Bag, edits: BagEdit[], seal: SealEdit): Promise<{ file: string; bag: Bag }> {
  const bag: Bag = { top: base.top, entries: base.entries.map((e) => ({ ...e })) };
  for (const e of edits) applyEdit(bag, e);
  reseal(bag, seal.kind === 'keepOxum');
  if (seal.kind === 'manifest' || seal.kind === 'tagmanifest') {
    const rel = seal.kind === 'manifest' ? 'manifest-sha256.txt' : 'tagmanifest-sha256.txt';
    const entry = bag.entries.find((x) => x.rel === rel);
    if (entry) {
      const line = /^[0-9a-f]{64}/.test(seal.text) ? seal.text : `${sha256(Buffer.from(seal.text))}  ${seal.text}`;
      entry.content = Buffer.from(editLines(entry.content.toString('utf8'), seal.op, seal.line, line));
      if (seal.kind === 'manifest') retagAndSign(bag);
      else resign(bag);
    }
  }
  if (seal.kind === 'signature') {
    const sig = bag.entries.find((x) => x.rel === SIGNATURE_FILE);
    if (sig) sig.content = Buffer.from(seal.bytes);
  }
  const names = bag.entries.map((x) => ({ name: `${bag.top}/${x.rel}`, content: x.content }));
  if (seal.kind === 'zipName' && names.length) {
    const i = seal.entry % names.length;
    if (seal.name === 'SAME') names.push({ ...names[i] });
    else names[i] = { ...names[i], name: seal.name.replace('TOP', bag.top) };
  }
  const zip = await zipOf(names);
  return { file: writeCase(encryptBuffer(zip, [countyRecipient])), bag };
}

beforeAll(async () => {
  county = await openInstall('county', '370783000', '寿光市');
  town = await openInstall('township', '370783101', '东城镇', { demoMembers: 25, seed: 11 });
  await connect(county, [town]);
  countyRecipient = fs.readFileSync(keyFile(county, 'county-age.pub'), 'utf8').trim();
  signingKey = loadOwnSigning(town.ctx, 'township').privatePem;
  stick = stickDir();
  work = tempDir('pr-x-fuzz-');
  const pkg1 = (await exportTo(town, stick)).file;
  expect((await importAtCounty(county, [pkg1]))[0].status).toBe('applied');
  await acknowledge(county, town);
  await county.archive.close();
  countyBackup = tempDir('pr-x-fuzz-county-');
  fs.cpSync(county.dir, countyBackup, { recursive: true });
  county.archive = await openArchive(archiveFile(county.dir));
  county.ctx = { ...county.ctx, archive: county.archive };
  // Package 2, twice: as a full package and (written from a copy of the township) as an incremental one,
  // both carrying a change (an incremental package with nothing to send is not written).
  const someone = await town.archive.queryOne<{ id: string }>('SELECT id FROM members ORDER BY id LIMIT 1');
  await updateMember(town.ctx, someone!.id, { remarks: '第 2 号数据包的变动' });
  const townCopy = tempDir('pr-x-fuzz-town-');
  await town.archive.close();
  fs.cpSync(town.dir, townCopy, { recursive: true });
  await town.reopen();
  const full = (await exportTo(town, stick, true)).file;
  fullPackageBytes = fs.readFileSync(full);
  fullZip = decryptBuffer(fullPackageBytes, [loadOwnIdentity(county.ctx, 'county')]);
  fullBag = await bagOf(full);
  const twin: Install = { ...town, dir: townCopy, archive: await openArchive(archiveFile(townCopy)) };
  twin.ctx = { ...town.ctx, archive: twin.archive };
  const incDir = tempDir('pr-x-fuzz-inc-');
  incrementalBag = await bagOf((await exportTo(twin, incDir)).file);
  await twin.archive.close();
  removeDir(townCopy);
  removeDir(incDir);
  expect(incrementalBag.entries.some((e) => e.rel.startsWith('data/keys/'))).toBe(true);
  // Both unmutated bags, re-zipped and re-signed by this test, are applied: the fuzzing starts from valid packages.
  for (const base of [fullBag, incrementalBag]) {
    const { file, bag } = await buildPackage(base, [], { kind: 'none' });
    expect((await importChecked(file, bag)).status).toBe('applied');
  }
}, 240_000);

afterAll(async () => {
  for (const i of [county, town]) {
    await i?.close().catch(() => undefined);
    if (i) removeDir(i.dir);
  }
  for (const d of [stick, work, countyBackup]) if (d) removeDir(d);
});

describe('package reader fuzzing: no crash, no hang, every refusal a clear error, the county archive unchanged', () => {
  it('an incremental package whose keys file holds a line that is not JSON is refused, not thrown (found by this fuzzer)', async () => {
    const { file, bag } = await buildPackage(incrementalBag, [{ kind: 'extra', rel: 'data/keys/members.jsonl', content: Buffer.from('not json\n') }], { kind: 'none' });
    const o = await importChecked(file, bag);
    expect([o.status, o.problem]).toEqual(['refused', 'bad_bag']);
    expect(o.message).toContain('data/keys/members.jsonl');
  });

  it('a data/tables.json entry whose name is null (or the entry itself null) is refused, not thrown by SQLite (found by this fuzzer)', async () => {
    for (const value of [null, undefined]) {
      const { file, bag } = await buildPackage(fullBag, [{ kind: 'tables', table: 0, field: 'name', value }], { kind: 'none' });
      const o = await importChecked(file, bag);
      expect([o.status, o.problem]).toEqual(['refused', 'bad_bag']);
      expect(o.message).toContain('data/tables.json 不正确');
    }
    const { file, bag } = await buildPackage(fullBag, [{ kind: 'tables', table: 0, field: 'drop', value: null }, { kind: 'tables', table: 0, field: 'whole', value: [null] }], { kind: 'none' });
    expect((await importChecked(file, bag)).problem).toBe('bad_bag');
  });

  it('random bytes and random-length files are refused, naming the file', async () => {
    const ageIntro = Buffer.from('age-encryption.org/v1\n');
    const bytes = fc.oneof(
      { weight: 3, arbitrary: fc.uint8Array({ maxLength: 5000 }).map((a) => Buffer.from(a)) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 3_000_000 }).map((n) => crypto.randomBytes(n)) },
      { weight: 2, arbitrary: fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.concat([ageIntro, Buffer.from(a)])) },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => Buffer.from(`age-encryption.org/v1\n-> X25519 ${s}\n--- ${s}\n`)) },
      // Encrypted to the county, but not a zip (or a zip of nothing useful) inside.
      { weight: 2, arbitrary: fc.uint8Array({ maxLength: 3000 }).map((a) => encryptBuffer(Buffer.from(a), [countyRecipient])) },
      { weight: 1, arbitrary: fc.constantFrom(Buffer.alloc(0), Buffer.from('PK\x03\x04'), Buffer.from('PK\x05\x06' + '\0'.repeat(18))).map((b) => encryptBuffer(b, [countyRecipient])) },
    );
    const ext = fc.constantFrom('.prpkg', '.prpkg', '.zip', '.xlsx', '', '.PRPKG', ' 副本.prpkg');
    await fc.assert(
      fc.asyncProperty(bytes, ext, async (b, e) => {
        const o = await importChecked(writeCase(b, e));
        expect(o.status).toBe('refused');
      }),
      runs(50),
    );
  }, 120_000);

  it('the encrypted bytes of a valid package flipped, truncated, inserted, spliced are refused', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const o = await importChecked(writeCase(mutate(fullPackageBytes, m)), undefined);
        expect(o.status, o.message).not.toBe('applied');
      }),
      runs(60),
    );
  }, 120_000);

  it('the zip inside a valid package mutated the same way and encrypted again is refused or read cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const o = await importChecked(writeCase(encryptBuffer(mutate(fullZip, m), [countyRecipient])), undefined);
        if (o.status === 'applied') expect(o.sequence).toBe(2); // a flip in the zip's slack (timestamps, comments) changes nothing signed
      }),
      runs(60),
    );
  }, 120_000);

  it('a valid bag with its inner files mutated, re-signed with the township’s key: refused cleanly or applied as it says', async () => {
    const statuses: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(bagEdit, { minLength: 1, maxLength: 3 }), sealEdit, async (incremental, edits, seal) => {
        const { file, bag } = await buildPackage(incremental ? incrementalBag : fullBag, edits, seal);
        const o = await importChecked(file, bag);
        const k = `${o.status}:${o.problem ?? ''}`;
        statuses[k] = (statuses[k] ?? 0) + 1;
      }),
      runs(150),
    );
    console.log(`${seedLine('exchangeFuzz')} deep-layer outcomes:`, JSON.stringify(statuses));
  }, 180_000);
});
