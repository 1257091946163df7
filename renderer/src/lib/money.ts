// Money is kept in 分 (whole numbers) and shown in 元 with the office's digits: "1,234.50", whatever the
// UI language.

export interface YuanStyle {
  /** Thousands separators (default true). Off where the text goes back into an input and is read as a number. */
  grouping?: boolean;
  /** Drop zero decimals, "500" and "12.5" instead of "500.00" and "12.50" (default false). */
  trimZeros?: boolean;
}

const formats = new Map<string, Intl.NumberFormat>();

/** 分 → 元 text; '' for no amount (null or undefined). */
export function formatYuan(fen: number | null | undefined, { grouping = true, trimZeros = false }: YuanStyle = {}): string {
  if (fen == null) return '';
  const id = `${grouping}|${trimZeros}`;
  let format = formats.get(id);
  if (!format) {
    format = new Intl.NumberFormat('zh-CN', { useGrouping: grouping, minimumFractionDigits: trimZeros ? 0 : 2, maximumFractionDigits: 2 });
    formats.set(id, format);
  }
  return format.format(fen / 100);
}

/**
 * 元 typed by the clerk → 分: separators and spaces ignored, at most two decimals, '' is 0. Null when the
 * text is not an amount. With `allowMinus` a minus sign is kept, so that the archive refuses it by name.
 */
export function parseYuan(text: string, { allowMinus = false }: { allowMinus?: boolean } = {}): number | null {
  const s = text.replace(/[,,\s]/g, '');
  if (s === '') return 0;
  return (allowMinus ? /^-?\d+(\.\d{1,2})?$/ : /^\d+(\.\d{1,2})?$/).test(s) ? Math.round(Number(s) * 100) : null;
}
