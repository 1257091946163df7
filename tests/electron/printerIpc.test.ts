// The 'printer' IPC channel with `electron` mocked: the same sender checks as the API, payloads parsed,
// a PDF written only where the clerk chose, a refusal when the dialog is cancelled.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fakes = vi.hoisted(() => ({
  saveTo: null as string | null,
  printed: [] as unknown[],
}));

vi.mock('electron', () => ({
  BrowserWindow: { fromWebContents: () => null },
  dialog: { showSaveDialog: vi.fn(async () => (fakes.saveTo ? { canceled: false, filePath: fakes.saveTo } : { canceled: true })) },
}));
vi.mock('../../electron/main/printing', () => ({
  printToPdf: vi.fn(async (html: string) => Buffer.from(`%PDF-fake ${html.length}`)),
  printHtml: vi.fn(async (html: string, options: unknown) => void fakes.printed.push([html, options])),
}));

import { handlePrinterCall } from '../../electron/main/printerIpc';

const own = { id: 1 };
const options = { isOwnWindow: (c: unknown) => c === own, trustedOrigins: ['app://party-records'] };
const event = (url: string, contents: unknown = own, isMain = true) => {
  const frame = { url, detached: false, parent: null as unknown };
  if (!isMain) frame.parent = {};
  return { sender: contents, senderFrame: frame } as never;
};
const HTML = '<!doctype html><p>党员花名册</p>';

beforeEach(() => {
  fakes.saveTo = null;
  fakes.printed.length = 0;
});

describe('printer channel', () => {
  it('prints for our own window', async () => {
    expect(await handlePrinterCall(options, event('app://party-records/index.html'), 'print', { html: HTML, deviceName: 'HP' })).toEqual({ ok: true });
    expect(fakes.printed).toEqual([[HTML, { deviceName: 'HP', copies: undefined }]]);
  });

  it('refuses a foreign page, a sub-frame, another window, and malformed payloads', async () => {
    expect(await handlePrinterCall(options, event('https://evil.example/'), 'print', { html: HTML })).toMatchObject({ ok: false, message: expect.stringContaining('拒绝') });
    expect(await handlePrinterCall(options, event('app://party-records/index.html', own, false), 'print', { html: HTML })).toMatchObject({ ok: false });
    expect(await handlePrinterCall(options, event('app://party-records/index.html', { id: 2 }), 'print', { html: HTML })).toMatchObject({ ok: false });
    expect(await handlePrinterCall(options, event('app://party-records/index.html'), 'print', { html: 42 })).toMatchObject({ ok: false, message: expect.stringContaining('打印内容不正确') });
    expect(await handlePrinterCall(options, event('app://party-records/index.html'), 'format-disk', {})).toMatchObject({ ok: false });
    expect(await handlePrinterCall(options, event('app://party-records/index.html'), 'savePdf', { html: HTML, suggestedName: '../../etc/passwd' })).toMatchObject({ ok: false });
    expect(fakes.printed).toEqual([]);
  });

  it('writes the PDF where the clerk chose, and nothing when the dialog is cancelled', async () => {
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pr-pdf-')), '花名册.pdf');
    expect(await handlePrinterCall(options, event('app://party-records/index.html'), 'savePdf', { html: HTML, suggestedName: '花名册' })).toMatchObject({ ok: false, cancelled: true });
    expect(fs.existsSync(target)).toBe(false);
    fakes.saveTo = target;
    expect(await handlePrinterCall(options, event('app://party-records/index.html'), 'savePdf', { html: HTML, suggestedName: '花名册' })).toEqual({ ok: true, path: target });
    expect(fs.readFileSync(target, 'utf8')).toContain('%PDF');
  });
});
