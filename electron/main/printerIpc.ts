// The 'printer' channel: the window asks to print a template's HTML or save it as a PDF. Same sender
// checks as the API channel (our own window, main frame, our origin); the payload is parsed with zod;
// the PDF is written only where the clerk chose in the save dialog.
import { writeFileAtomic } from '../services/core/atomicFile';
import { BrowserWindow, dialog, type IpcMain } from 'electron';
import { z } from 'zod';
import { senderRefusal, type RegisterApiOptions } from './ipc';
import { printHtml, printToPdf } from './printing';

export { PRINTER_CHANNEL } from '../api/windowApi';
import { PRINTER_CHANNEL } from '../api/windowApi';

const html = z.string().min(1).max(64 * 1024 * 1024);
const printPayload = z.object({ html, deviceName: z.string().max(200).optional(), copies: z.number().int().min(1).max(99).optional() });
const pdfPayload = z.object({ html, suggestedName: z.string().max(120).regex(/^[^/\\:*?"<>|]+$/, '文件名不能含有 / \\ : * ? " < > |') });

import type { PrinterResult } from '../api/windowApi';

type Event = Parameters<Parameters<IpcMain['handle']>[1]>[0];

export async function handlePrinterCall(options: Omit<RegisterApiOptions, 'context'>, event: Event, op: unknown, payload: unknown): Promise<PrinterResult> {
  const refusal = senderRefusal(event, { ...options, context: { actor: '' } });
  if (refusal !== null) return { ok: false, message: `拒绝打印:${refusal}` };
  try {
    if (op === 'print') {
      const p = printPayload.parse(payload);
      await printHtml(p.html, { deviceName: p.deviceName, copies: p.copies });
      return { ok: true };
    }
    if (op === 'savePdf') {
      const p = pdfPayload.parse(payload);
      const owner = BrowserWindow.fromWebContents(event.sender);
      const choice = await (owner
        ? dialog.showSaveDialog(owner, { title: '保存为 PDF', defaultPath: `${p.suggestedName}.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }] })
        : dialog.showSaveDialog({ title: '保存为 PDF', defaultPath: `${p.suggestedName}.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }] }));
      if (choice.canceled || !choice.filePath) return { ok: false, cancelled: true, message: '已取消' };
      const pdf = await printToPdf(p.html);
      writeFileAtomic(choice.filePath, pdf, { mode: 0o644 });
      return { ok: true, path: choice.filePath };
    }
    return { ok: false, message: '未知的打印操作' };
  } catch (error) {
    if (error instanceof z.ZodError) return { ok: false, message: `打印内容不正确:${error.issues.map((i) => i.message).join(';')}` };
    return { ok: false, cancelled: (error as Error).message === '已取消打印', message: (error as Error).message };
  }
}

export function registerPrinter(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, options: Omit<RegisterApiOptions, 'context'>): () => void {
  ipcMain.removeHandler(PRINTER_CHANNEL);
  ipcMain.handle(PRINTER_CHANNEL, (event, op: unknown, payload: unknown) => handlePrinterCall(options, event, op, payload));
  return () => ipcMain.removeHandler(PRINTER_CHANNEL);
}
