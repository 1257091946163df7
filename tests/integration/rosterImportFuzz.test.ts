// Fuzzing the roster importer: random and mutated input — CSV text in UTF-8 and GBK with odd
// quotes, huge fields and NUL bytes; the bytes of a valid .xlsx and .xls flipped, cut short or with
// bytes inserted; random cell values in a valid sheet. Every case either imports (valid rows written,
// each problem reported in Chinese with its row) or is refused with a DomainError whose Chinese message
// names the file — never another exception, never a hang — and a refusal leaves the archive exactly as
// it was. Runs are bounded (≈60 s in all) and seeded: FUZZ_SEED=<n> replays a failure fast-check prints.
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { people, STANDARD_HEADER, standardRow, csvText } from '../fixtures/rosters';
import { importRoster, type ImportResult } from '../../electron/services/roster/rosterImport';
import { DomainError } from '../../electron/services/core/errors';
import { normalizeMemberInput } from '../../electron/services/members/members';
import { checkArchive } from '../../electron/services/core/integrity';
import { CHINESE, expectClearRefusal, fuzzRuns, mutate, mutation, refusalOf, withCaseTimeLimit } from '../support/fuzz';

const runs = (n: number) => fuzzRuns(n, 25_000);

let t: TestArchive;
beforeAll(async () => {
  t = await openTestArchive();
  // An archive with members in it, so that "unchanged" means something and ID numbers can collide.
  const seed = csvText([STANDARD_HEADER, ...people(5, 900_000).map((p, i) => standardRow(p, i, '东村党支部'))]);
  const r = await importRoster(t.ctx, { fileName: 'seed.csv', bytes: Buffer.from(seed, 'utf8') });
  expect(r.inserted).toBe(5);
});
afterAll(async () => t.close());

/** Everything an import can touch, as one digest (small archive: read whole). */
async function snapshot(): Promise<string> {
  const h = crypto.createHash('sha256');
  for (const table of ['members', 'organizations', 'member_events', 'audit_log', 'counters']) {
    const rows = await t.archive.query(`SELECT * FROM ${table} ORDER BY rowid`);
    h.update(`${table}:${rows.length}:${JSON.stringify(rows)}`);
  }
  return h.digest('hex');
}

const memberCount = async () => (await t.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members'))!.n;

let fileNo = 0;

/**
 * Import the bytes and check the outcome. Returns the result, or null when the file was refused.
 * Refused: a DomainError in Chinese naming the file, the archive unchanged. Imported: the counts add up,
 * every problem names its row and field in Chinese, the members grew by exactly the rows inserted.
 */
async function importChecked(bytes: Buffer, ext: 'csv' | 'xlsx' | 'xls'): Promise<ImportResult | null> {
  const fileName = `花名册-${++fileNo}.${ext}`;
  const before = await snapshot();
  const count = await memberCount();
  let result: ImportResult;
  try {
    result = await withCaseTimeLimit(importRoster(t.ctx, { fileName, bytes }), fileName);
  } catch (err) {
    expectClearRefusal(refusalOf(err, [DomainError], fileName).message, fileName);
    expect(await snapshot(), `${fileName} 被拒绝后档案有变化`).toBe(before);
    return null;
  }
  expect(result.rows).toBe(result.inserted + result.updated + result.skipped + result.errors);
  expect(result.problems.length).toBeLessThanOrEqual(result.problemTotal);
  for (const p of result.problems) {
    expect(p.rowNumber, JSON.stringify(p)).toBeGreaterThan(0);
    expect(p.message, JSON.stringify(p)).toMatch(CHINESE);
    expect(p.label, JSON.stringify(p)).not.toBe('');
    expect(p.sheet, JSON.stringify(p)).not.toBe('');
  }
  expect(await memberCount()).toBe(count + result.inserted);
  if (result.inserted === 0 && result.updated === 0 && result.createdBranches.length === 0) {
    // Nothing to write: nothing but the change counter may move.
    expect(result.rows - result.errors - result.skipped).toBe(0);
  }
  return result;
}

// ---- generators ----

const ROSTER_PEOPLE = people(400, 500_000);
const aPerson = fc.integer({ min: 0, max: ROSTER_PEOPLE.length - 1 }).map((i) => ROSTER_PEOPLE[i]);

/** Text as clerks and broken tools write it: valid values, quirks, junk, quotes, NUL, huge. */
const fieldText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('王伟', '张 三', '男', '女', '汉族', '汉', '高中', '大专', '1985.07', '1985年7月', '198507', '1985-07-12', '东村党支部', '预备党员', '流动党员', '13800138000', '') },
  { weight: 2, arbitrary: aPerson.map((p) => p.idNumber) },
  { weight: 1, arbitrary: aPerson.map((p) => p.idNumber.toLowerCase().replace(/(\d{6})/, '$1 ')) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('"', '""', '"a"b"', 'a"', '\u0000', 'a\u0000b', '\r', '\n', '\r\n', ',', '，', '\t', ';', '\ufeff', '\u200b', '\ud800') },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 300_000 }).map((n) => '长'.repeat(n)) },
);

const csvRows = fc.tuple(
  fc.oneof(fc.constant(STANDARD_HEADER), fc.array(fc.oneof(fc.constantFrom(...STANDARD_HEADER), fieldText), { maxLength: 16 })),
  fc.array(fc.array(fieldText, { maxLength: 16 }), { maxLength: 25 }),
  fc.array(aPerson, { maxLength: 10 }),
);

/** CSV bytes: quoted by the rules, or raw joins that leave quotes open; UTF-8, UTF-8 with BOM, GBK, or random bytes. */
const csvBytes = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(csvRows, fc.constantFrom('quoted', 'raw'), fc.constantFrom('utf-8', 'utf-8-bom', 'gbk')).map(([[header, junk, ps], style, encoding]) => {
    const valid = ps.map((p, i) => standardRow(p, i, i % 2 ? '东村党支部' : '西村党支部'));
    const rows: unknown[][] = [['东城镇党员花名册'], header, ...valid, ...junk];
    const text = style === 'quoted' ? csvText(rows) : rows.map((r) => r.map((v) => (v == null ? '' : String(v))).join(',')).join('\n');
    if (encoding === 'gbk') return iconv.encode(text, 'gbk');
    return Buffer.from((encoding === 'utf-8-bom' ? '\ufeff' : '') + text, 'utf8');
  }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4000 }).map((a) => Buffer.from(a)) },
);

async function validXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['东城镇党员花名册']);
  ws.addRow(STANDARD_HEADER);
  people(12, 600_000).forEach((p, i) => ws.addRow(standardRow(p, i, i % 2 ? '东村党支部' : '南村党支部')));
  ws.getColumn(5).numFmt = 'yyyy-mm-dd';
  const other = wb.addWorksheet('西村');
  other.addRow(STANDARD_HEADER);
  people(6, 610_000).forEach((p, i) => other.addRow(standardRow(p, i, null)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function validXls(): Buffer {
  const rows = [['东城镇党员花名册'], STANDARD_HEADER, ...people(12, 700_000).map((p, i) => standardRow(p, i, '北村党支部'))];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '花名册');
  return XLSX.write(wb, { bookType: 'biff8', type: 'buffer' }) as Buffer;
}

/** A cell of any kind Excel can hold, sometimes right for its column, sometimes not. */
const cellValue = fc.oneof(
  { weight: 3, arbitrary: fieldText.filter((s) => s.length < 5000) },
  // 370783195001010000: an 18-digit ID number typed as a number, its last digits already lost by Excel.
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(370783195001010000, 1985.07, 198507, 31000, 0, -1, 1e20)) },
  { weight: 1, arbitrary: fc.date({ min: new Date('1800-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }).map((s) => ({ richText: [{ text: s }, { text: '党员', font: { bold: true } }] })) },
  { weight: 1, arbitrary: fc.constantFrom({ formula: 'A1', result: '王伟' }, { formula: '1/0', result: { error: '#DIV/0!' } }, { formula: 'TODAY()', result: new Date('2020-01-01') }) },
);

async function randomCellsXlsx(rows: { person: (typeof ROSTER_PEOPLE)[number]; overrides: [number, unknown][] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['中共东村党支部党员花名册']);
  ws.addRow(STANDARD_HEADER);
  rows.forEach(({ person, overrides }, i) => {
    const values = standardRow(person, i, i % 3 ? '东村党支部' : null);
    for (const [col, v] of overrides) values[col % values.length] = v;
    ws.addRow(values);
  });
  ws.getColumn(8).numFmt = 'yyyy"年"m"月"';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('roster import fuzzing: no crash, no hang, every refusal a clear error, the archive unchanged', () => {
  it('random CSV text: UTF-8 and GBK, odd quotes, huge fields, NUL bytes, random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(csvBytes, async (bytes) => {
        await importChecked(bytes, 'csv');
      }),
      runs(60),
    );
  }, 120_000);

  it('mutated bytes of a valid .xlsx (flipped, truncated, inserted, spliced) are read or refused cleanly', async () => {
    const valid = await validXlsx();
    expect((await importChecked(valid, 'xlsx'))?.inserted).toBe(18); // the unmutated file imports
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        await importChecked(mutate(valid, m), 'xlsx');
      }),
      runs(80),
    );
  }, 120_000);

  it('mutated bytes of a valid .xls are read or refused cleanly', async () => {
    const valid = validXls();
    expect((await importChecked(valid, 'xls'))?.inserted).toBe(12);
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        await importChecked(mutate(valid, m), 'xls');
      }),
      runs(60),
    );
  }, 120_000);

  it('random cell values in a valid sheet: valid rows are stored as normalized, the rest reported; importing again changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ person: aPerson, overrides: fc.array(fc.tuple(fc.nat(), cellValue), { maxLength: 4 }) }), { minLength: 1, maxLength: 12 }),
        async (rows) => {
          const bytes = await randomCellsXlsx(rows);
          const first = await importChecked(bytes, 'xlsx');
          expect(first, 'a valid sheet is never refused as a whole').not.toBeNull();
          const stored = await t.archive.query<Record<string, unknown>>(
            `SELECT name, gender, id_number AS idNumber, ethnicity, birth_date AS birthDate, education, category, org_id AS orgId, join_date AS joinDate, full_date AS fullDate,
                    occupation, job_title AS jobTitle, phone, address, is_mobile AS isMobile, is_lost AS isLost, native_place AS nativePlace, degree, work_start_date AS workStartDate,
                    work_unit AS workUnit, household_place AS householdPlace, remarks
             FROM members ORDER BY rowid DESC LIMIT ?`,
            [first!.inserted],
          );
          // Rows written without a second normalization (prechecked) are exactly what normalizing gives.
          for (const m of stored) {
            const asInput = { ...m, isMobile: !!m.isMobile, isLost: !!m.isLost } as unknown as Parameters<typeof normalizeMemberInput>[0];
            const normalized = normalizeMemberInput(asInput);
            for (const [k, v] of Object.entries(asInput)) if (k !== 'lostReason' && k !== 'lostDate') expect((normalized as unknown as Record<string, unknown>)[k] ?? null, `${k} of ${m.name}`).toEqual(v ?? null);
          }
          const again = await importChecked(bytes, 'xlsx');
          expect(again!.inserted).toBe(0);
          expect(again!.updated).toBe(0);
        },
      ),
      runs(40),
    );
    const integrity = await checkArchive(t.ctx);
    expect(integrity.ok, JSON.stringify(integrity)).toBe(true);
  }, 180_000);
});
