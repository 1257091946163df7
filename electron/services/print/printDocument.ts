// The shell every printed page shares: one self-contained HTML document (no scripts, no outside
// resources) on A4, with the CJK font stacks offices' printers and Chromium both have, page numbers in
// the @page margin boxes, table headers repeated on every page and no table row split across pages.
// Electron prints it from a hidden window; tests render it in Chromium and read the PDF back.

/** Forms (党员基本信息表, letters) are set in a serif face, as the paper forms are. */
export const SERIF_STACK = `"Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体", "Songti SC", serif`;
/** Rosters and tables read better in a sans face at small sizes. */
export const SANS_STACK = `"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "微软雅黑", "PingFang SC", sans-serif`;

export function escapeHtml(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return '';
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface PrintDocumentOptions {
  title: string;
  orientation?: 'portrait' | 'landscape';
  font?: 'serif' | 'sans';
  /** Page numbers at the bottom centre ("第 1 页 / 共 3 页"). */
  pageNumbers?: boolean;
  /** Page margins in millimetres: top, right, bottom, left. */
  margins?: [number, number, number, number];
  css?: string;
  body: string;
}

export function printDocument(o: PrintDocumentOptions): string {
  const [top, right, bottom, left] = o.margins ?? [16, 15, 16, 15];
  const [pageWidth, pageHeight] = o.orientation === 'landscape' ? [297, 210] : [210, 297];
  const numbers = o.pageNumbers === false ? '' : `@bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 9pt; font-family: ${SANS_STACK}; }`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(o.title)}</title>
<style>
@page { size: A4 ${o.orientation ?? 'portrait'}; margin: ${top}mm ${right}mm ${bottom}mm ${left}mm; ${numbers} }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: ${o.font === 'sans' ? SANS_STACK : SERIF_STACK}; font-size: 10.5pt; line-height: 1.45; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr, img { break-inside: avoid; page-break-inside: avoid; }
td, th { overflow-wrap: anywhere; word-break: break-word; vertical-align: middle; }
/* On screen (the preview) the sheet is set at the paper's width with the page's margins, so that every
   line breaks where it will on paper (a preview narrower than the sheet wrapped ID numbers). */
@media screen {
  html { background: #888; }
  body { width: ${pageWidth}mm; min-height: ${pageHeight}mm; margin: 4mm auto; padding: ${top}mm ${right}mm ${bottom}mm ${left}mm; box-shadow: 0 0 3mm rgba(0,0,0,.35); }
}
${o.css ?? ''}
</style></head>
<body>
${o.body}
</body></html>`;
}
