// The sheet XML of an .xlsx is scanned by hand (xlsxSheetReader.ts), not by an XML library: these
// packages are written byte by byte so the XML holds what Excel, WPS and other writers may put there —
// entities, CDATA, comments, namespace prefixes, single quotes, self-closing cells and rows, rich text
// with phonetic runs, CR LF inside text — and broken XML, which must be refused rather than misread.
import { describe, expect, it } from 'vitest';
import { readXlsxRows, XlsxReadError, type XlsxRow } from '../../electron/services/roster/xlsx/xlsxSheetReader';
import { DomainError } from '../../electron/services/core/errors';
import { readXlsxRowBatchesInWorker } from '../../electron/services/roster/xlsx/xlsxSheetWorker';

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A zip of stored (uncompressed) entries: enough for a reader that follows the central directory. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function workbook(sheetXml: string): Buffer {
  return zip({
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/sharedStrings.xml': `<sst ${NS}><si><t>甲</t></si><si><r><t>乙</t></r><r><t xml:space="preserve"> 丙</t></r><rPh><t>yi</t></rPh></si></sst>`,
    'xl/styles.xml': `<styleSheet ${NS}><numFmts><numFmt numFmtId="164" formatCode="yyyy.mm"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>`,
    'xl/worksheets/sheet1.xml': sheetXml,
  });
}

const sheet = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet ${NS}><sheetData>${body}</sheetData></worksheet>`;

async function rows(xml: string): Promise<Pick<XlsxRow, 'rowNumber' | 'cells'>[]> {
  const out: Pick<XlsxRow, 'rowNumber' | 'cells'>[] = [];
  for await (const r of readXlsxRows({ bytes: workbook(xml) })) out.push({ rowNumber: r.rowNumber, cells: r.cells });
  return out;
}

describe('xlsx sheet XML, scanned by hand', () => {
  it('shared strings (rich text, phonetic runs left out), date styles built in and custom', async () => {
    expect(await rows(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c r="D1" s="1"><v>31000</v></c><c r="E1" s="2"><v>31000.5</v></c></row>'))).toEqual([
      { rowNumber: 1, cells: ['甲', null, '乙 丙', { date: '1984-11-14' }, { date: '1984-11-14' }] },
    ]);
  });

  it('entities and character references, inline rich text, CDATA, comments, single quotes, self-closing rows and cells', async () => {
    expect(
      await rows(
        sheet(
          '<row r="2"><c r="A2" t="inlineStr"><is><t>a&amp;b&lt;&gt;&quot;&apos;&#20013;&#x6587;</t></is></c><c t="inlineStr"><is><r><t>x</t></r><r><t>y</t></r><rPh><t>zz</t></rPh></is></c></row>' +
            '<!-- <row r="3"><c><v>1</v></c></row> --><row r="5" spans="1:3"/>' +
            "<row r='6'><c r='A6' t='inlineStr'><is><t><![CDATA[<cdata> & stuff]]></t></is></c><c r=\"B6\"/></row>",
        ),
      ),
    ).toEqual([
      { rowNumber: 2, cells: ['a&b<>"\'中文', 'xy'] },
      { rowNumber: 5, cells: [] },
      { rowNumber: 6, cells: ['<cdata> & stuff', null] },
    ]);
  });

  it('cell types, formulas, CR LF read as LF, rows without r, and a namespace prefix', async () => {
    expect(
      await rows(sheet('<row><c r="B3"><v>  12 </v></c><c r="C3" t="str"><f>A1</f><v>txt\r\nline\rnext</v></c><c r="D3" t="b"><v>1</v></c><c r="E3" t="e"><v>#N/A</v></c><c r="F3" t="d"><v>2020-01-02T00:00:00</v></c></row><row ><c ><v>9</v></c ></row>')),
    ).toEqual([
      { rowNumber: 1, cells: [null, 12, 'txt\nline\nnext', true, null, { date: '2020-01-02' }] },
      { rowNumber: 2, cells: [9] },
    ]);
    const prefixed = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>pref_x000D_ix</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`;
    expect(await rows(prefixed)).toEqual([{ rowNumber: 1, cells: ['pref\rix'] }]);
  });

  it('a sheet larger than one inflated chunk reads every row, characters split across chunks whole', async () => {
    const body = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>党员张三丰&amp;${i}</t></is></c><c r="B${i + 1}"><v>${i}</v></c></row>`).join('');
    const read = await rows(sheet(body));
    expect(read).toHaveLength(3000);
    expect(read[2999]).toEqual({ rowNumber: 3000, cells: ['党员张三丰&2999', 2999] });
    expect(read.every((r, i) => r.cells[0] === `党员张三丰&${i}`)).toBe(true);
  });

  it('a large sheet read in a worker thread gives the same rows; a broken one is refused with the same message', async () => {
    const body = Array.from({ length: 4500 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>党员张三丰&amp;${i}</t></is></c><c r="B${i + 1}" t="s"><v>${i % 2}</v></c><c r="C${i + 1}" s="1"><v>${31000 + i}</v></c><c r="D${i + 1}" t="b"><v>${i % 2}</v></c><c r="F${i + 1}"><v>${i}.5</v></c></row>`).join('');
    const book = workbook(sheet(body));
    const here = await rows(sheet(body));
    const where: string[] = [];
    const batches: XlsxRow[][] = [];
    for await (const b of readXlsxRowBatchesInWorker({ bytes: book }, { onReader: (w) => where.push(w) })) batches.push(b);
    expect(where).toEqual(['worker']);
    expect(batches.flat().map((r) => ({ rowNumber: r.rowNumber, cells: r.cells }))).toEqual(here);
    expect(batches[0][0]).toMatchObject({ sheet: '表1', cells: ['党员张三丰&0', '甲', { date: '1984-11-14' }, false, null, 0.5] });

    const broken = workbook(sheet(body.replace('</row><row r="3000">', '</rowx><row r="3000">')));
    const inThread = await rows(sheet(body.replace('</row><row r="3000">', '</rowx><row r="3000">'))).catch((e: Error) => e.message);
    const taken: XlsxRow[] = [];
    const failure = await (async () => {
      for await (const b of readXlsxRowBatchesInWorker({ bytes: broken })) taken.push(...b);
    })().catch((e: Error) => e.message);
    expect(failure).toBe(inThread);
    expect(failure).toMatch(/结束标签“rowx”/);
    expect(taken.length).toBeLessThan(3000); // what was read before the fault, nothing invented after it
  });

  it.each([
    ['a bare ampersand', sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>bad & amp</t></is></c></row>')],
    ['an undefined entity', sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>')],
    ['a row never closed', sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c>')],
    ['a mismatched end tag', sheet('<row r="1"><c r="A1"><v>1</v></c></rowx>')],
    ['a document cut short', sheet('<row r="1"><c r="A1"><v>1</v></c></row>').replace('</worksheet>', '')],
    ['an attribute without quotes', sheet('<row r=1><c r="A1"><v>1</v></c></row>')],
  ])('%s is refused, not misread', async (_, xml) => {
    await expect(rows(xml)).rejects.toThrow();
  });

  it('a refusal is one the clerk is shown: in Chinese, naming the sheet, its part and the row', async () => {
    const err = await rows(sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></rowx>')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XlsxReadError);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as XlsxReadError).code).toBe('bad_input');
    expect((err as Error).message).toBe('工作表“表1”(xl/worksheets/sheet1.xml)第 2 行附近:XML 格式错误:结束标签“rowx”与开始标签不匹配');
  });
});
