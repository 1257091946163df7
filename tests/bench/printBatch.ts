// Batch printing: 150 members' 党员基本信息表 (one A4 page each) assembled from the archive and turned
// into one PDF by Chromium, as the app's "print the whole branch" does.
import { openArchive } from '../../db/connection';
import { listMembers } from '../../electron/services/members/memberQuery';
import { memberFileData } from '../../electron/services/print/memberPrinting';
import { memberFilesHtml } from '../../electron/services/print/memberFileHtml';
import { archiveFile } from '../../electron/services/core/dataDir';
import { launchBrowser } from '../harness/browser';
import { htmlToPdf, pdfPages } from '../support/pdf';

export async function measurePrintBatch(dataDir: string, count = 150): Promise<{ ms: number; pages: number }> {
  const archive = await openArchive(archiveFile(dataDir));
  const browser = await launchBrowser();
  try {
    const ctx = { archive, actor: 'bench' };
    const t0 = performance.now();
    const { rows } = await listMembers(ctx, { startRow: 0, endRow: count, view: 'roll' });
    const data = [];
    for (const r of rows) data.push(await memberFileData(ctx, r.id));
    const file = await htmlToPdf(browser, memberFilesHtml(data));
    const ms = performance.now() - t0;
    return { ms, pages: pdfPages(file) };
  } finally {
    await browser.close();
    await archive.close();
  }
}
