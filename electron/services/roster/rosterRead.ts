// Reading the office's own Excel rosters (花名册) cell by cell, whatever the file: `.xlsx` streamed row by
// row (xlsxSheetReader: yauzl and a hand-written scanner of the sheet XML, so a 150,000-row roster is never held whole), the older `.xls` (BIFF,
// SheetJS; such files hold at most 65,536 rows), and `.csv` in UTF-8 or GBK (iconv-lite). Every reader
// yields the same thing: one sheet row at a time, cells as text, numbers or calendar dates.
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { DomainError } from '../core/errors';
import { readXlsxRowBatches, serialToIso, XlsxReadError } from './xlsx/xlsxSheetReader';
import { readXlsxRowBatchesInWorker } from './xlsx/xlsxSheetWorker';

/** A calendar date read from a cell that Excel itself stores as a date. */
export interface RosterDate {
  date: string; // YYYY-MM-DD
}
export type RosterCell = string | number | RosterDate | null;

export interface RosterRow {
  sheet: string;
  rowNumber: number; // 1-based, as Excel shows it
  cells: RosterCell[]; // 0-based columns
}

/** The file: bytes the window picked, or a path the CLI was given (streamed from disk). */
export interface RosterSource {
  fileName: string;
  bytes?: Buffer;
  path?: string;
  /** Read an .xlsx in a worker thread (default: when the file is large, see XLSX_WORKER_MIN_BYTES). */
  worker?: boolean;
}

export type RosterFormat = 'xlsx' | 'xls' | 'csv';

export function rosterFormat(src: RosterSource): RosterFormat {
  const ext = /\.([a-z]+)$/i.exec(src.fileName)?.[1]?.toLowerCase();
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'xls') return 'xls';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  // No usable extension: look at the first bytes (zip = xlsx, OLE2 compound file = xls).
  const head = src.bytes ? src.bytes.subarray(0, 8) : readHead(src.path!);
  if (head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
  if (head[0] === 0xd0 && head[1] === 0xcf) return 'xls';
  return 'csv';
}

function readHead(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(8);
    fs.readSync(fd, buf, 0, 8, 0);
    return buf;
  } finally {
    fs.closeSync(fd);
  }
}

function bytesOf(src: RosterSource): Buffer {
  return src.bytes ?? fs.readFileSync(src.path!);
}

/** Excel's day number (1900 system, with its 1900-02-29) → YYYY-MM-DD. */
export function excelSerialToIso(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000); // 25569 = 1970-01-01
  return new Date(ms).toISOString().slice(0, 10);
}

/** A JS Date (SheetJS): Excel dates have no zone and are read as UTC midnight. */
function dateToIso(d: Date): RosterDate | null {
  // A time-of-day a few seconds off midnight (floating point in the file) must not change the day.
  const shifted = new Date(d.getTime() + 60_000);
  const iso = Number.isNaN(shifted.getTime()) ? '' : shifted.toISOString();
  return iso.length === 24 ? { date: iso.slice(0, 10) } : null; // years outside 0000–9999 are no roster's dates
}

/**
 * From this size on (≈25,000 rows) the sheet is read in a worker thread (xlsxSheetWorker); a smaller
 * file reads in well under a second, where starting a worker would take back much of what it saves.
 */
export const XLSX_WORKER_MIN_BYTES = 2 * 1024 * 1024;

function sizeOf(src: RosterSource): number {
  if (src.bytes) return src.bytes.length;
  try {
    return fs.statSync(src.path!).size;
  } catch {
    return 0; // the reader reports the missing file
  }
}

async function* readXlsx(src: RosterSource, sheet?: string): AsyncGenerator<RosterRow[]> {
  const source = src.path ? { path: src.path } : { bytes: src.bytes! };
  const inWorker = src.worker ?? sizeOf(src) >= XLSX_WORKER_MIN_BYTES;
  try {
    for await (const batch of (inWorker ? readXlsxRowBatchesInWorker : readXlsxRowBatches)(source, { sheet })) {
      for (const row of batch) {
        const cells = row.cells as (RosterCell | boolean)[];
        for (let c = 0; c < cells.length; c++) if (typeof cells[c] === 'boolean') cells[c] = cells[c] ? '是' : '否';
      }
      yield batch as RosterRow[];
    }
  } catch (err) {
    // The reader's own refusals name the part and row but not the file: it is named here, as for any other failure.
    if (err instanceof DomainError && !(err instanceof XlsxReadError)) throw err;
    throw new DomainError('bad_input', `无法读取 Excel 文件“${src.fileName}”:${(err as Error)?.message ?? String(err)}(文件可能已损坏,或不是 .xlsx 格式)`);
  }
}

async function* readXls(src: RosterSource, sheet?: string): AsyncGenerator<RosterRow> {
  const XLSX = await import('@e965/xlsx');
  let wb: import('@e965/xlsx').WorkBook;
  try {
    wb = XLSX.read(bytesOf(src), { type: 'buffer', cellDates: false, cellNF: true, cellText: false, dense: true });
  } catch (err) {
    // The parser's own words when it names the problem; a damaged file can also make it fail as a
    // program (TypeError …), whose text would mean nothing to the clerk (fuzzing found it).
    const programError = err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError;
    const why = programError ? '文件已损坏,或不是 Excel 97-2003 工作簿' : `${(err as Error)?.message ?? String(err)}(文件可能已损坏)`;
    throw new DomainError('bad_input', `无法读取 Excel 97-2003 文件“${src.fileName}”:${why}`);
  }
  for (const name of wb.SheetNames ?? []) {
    if (sheet && sheet !== name) continue;
    const ws = wb.Sheets?.[name];
    if (!ws) continue; // a damaged file can list a sheet SheetJS could not read (found by the fuzz test)
    const data = (ws['!data'] ?? []) as ({ t: string; v?: unknown; z?: string | number; w?: string } | undefined)[][];
    for (let r = 0; r < data.length; r++) {
      const row = data[r];
      if (!row) continue;
      const cells: RosterCell[] = [];
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (!cell || cell.v == null || cell.t === 'z' || cell.t === 'e') cells.push(null);
        else if (cell.t === 'n' && typeof cell.v === 'number' && cell.z != null && XLSX.SSF.is_date(String(cell.z))) {
          const iso = serialToIso(cell.v);
          cells.push(iso ? { date: iso } : cell.v);
        }
        else if (cell.t === 'n') cells.push(cell.v as number);
        else if (cell.t === 'b') cells.push(cell.v ? '是' : '否');
        else if (cell.t === 'd' && cell.v instanceof Date) cells.push(dateToIso(cell.v));
        else cells.push(String(cell.v));
      }
      yield { sheet: name, rowNumber: r + 1, cells };
    }
  }
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise GBK (GB18030, its superset). */
export function decodeCsv(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gbk' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gbk' };
  }
}

/** RFC 4180 CSV: quoted fields with "" and line breaks inside; `,` or, when a line has none, tab or `;`. */
export function* parseCsv(text: string): Generator<string[]> {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = firstLine.includes(',') || firstLine.includes('，') ? ',' : firstLine.includes('\t') ? '\t' : firstLine.includes(';') ? ';' : ',';
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      yield row;
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    yield row;
  }
}

async function* readCsv(src: RosterSource): AsyncGenerator<RosterRow> {
  const { text } = decodeCsv(bytesOf(src));
  const sheet = src.fileName.replace(/\.[^.]+$/, '');
  let n = 0;
  for (const fields of parseCsv(text)) {
    n++;
    yield { sheet, rowNumber: n, cells: fields.map((f) => (f === '' ? null : f)) };
  }
}

/** Every row of the roster (of one sheet when `sheet` is given), in file order. */
export async function* readRosterRows(src: RosterSource, options: { sheet?: string } = {}): AsyncGenerator<RosterRow> {
  for await (const batch of readRosterRowBatches(src, options)) yield* batch;
}

const BATCH_ROWS = 1000;

/** The same rows in batches of a few hundred (never empty), for readers that take them a batch per await. */
export async function* readRosterRowBatches(src: RosterSource, options: { sheet?: string } = {}): AsyncGenerator<RosterRow[]> {
  const format = rosterFormat(src);
  if (format === 'xlsx') {
    yield* readXlsx(src, options.sheet);
    return;
  }
  let batch: RosterRow[] = [];
  for await (const row of format === 'xls' ? readXls(src, options.sheet) : readCsv(src)) {
    batch.push(row);
    if (batch.length >= BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
