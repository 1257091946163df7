// Render HTML to a real PDF in Debian's Chromium and read it back with poppler's tools, as a clerk's
// printer would see it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';

export async function htmlToPdf(browser: Browser, html: string): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pr-pdf-')), 'out.pdf');
    fs.writeFileSync(file, pdf);
    return file;
  } finally {
    await page.close();
  }
}

export function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

export function pdfPageSize(file: string): { width: number; height: number } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** Text of one page (1-based), or of the whole document. */
export function pdfText(file: string, page?: number): string {
  const args = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', [...args, '-layout', file, '-'], { encoding: 'utf8' });
}

export function pdfFonts(file: string): string {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}
