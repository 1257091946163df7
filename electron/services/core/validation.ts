// The one set of rules for what a clerk types into a form — dates, years, months, counts, text and money
// — so that every domain refuses the same input in the same words. Each check answers FieldProblems: the
// field, and a Chinese message that names the field's label and the value typed, shown next to the field.
// `Problems` collects them for a form and throws one ValidationError.
import { todayOf, type ServiceContext } from './context';
import { ValidationError, type FieldProblem } from './errors';

/** 中国共产党成立之日: no date of party life (joining, a meeting, a transfer, an aid …) can be earlier. */
export const PARTY_FOUNDED = '1921-07-01';

/** The largest sum of money any form takes (1 亿元): more is a typing error, and stays a safe integer. */
export const MAX_FEN = 10_000_000_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const digit = (value: string, i: number) => {
  const c = value.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};

// Called for every date of every row of a 150,000-row import: digits read in place by character code,
// no regular expression, no substrings, no Date objects.
/** A real calendar day written YYYY-MM-DD (2026-02-29 is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const y = digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3);
  const m = digit(value, 5) * 10 + digit(value, 6);
  const d = digit(value, 8) * 10 + digit(value, 9);
  if (Number.isNaN(y + m + d)) return false;
  if (y < 100 || m < 1 || m > 12 || d < 1) return false; // years 0–99 were never valid here (Date.UTC reads them as 19xx)
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]);
}

/** A real month written YYYY-MM. */
export function isIsoMonth(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) && Number(value.slice(0, 4)) >= 100;
}

/** A value as the message quotes it: a whole pasted page is cut short, so that the message stays readable. */
function quoted(value: unknown): string {
  let s: string;
  if (typeof value === 'string') s = value;
  else if (value === null || typeof value !== 'object') s = String(value);
  else {
    try {
      s = JSON.stringify(value);
    } catch {
      s = String(value);
    }
  }
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
}

const blank = (value: unknown) => value == null || (typeof value === 'string' && value.trim() === '');

const dayOf = (today: ServiceContext | string) => (typeof today === 'string' ? today : todayOf(today));

export interface DateRule {
  /** Default true: an empty value is a problem; when false it is no problem (and nothing to check). */
  required?: boolean;
  /** Default false: a date after today is refused (a deadline, a planned end may be later). */
  allowFuture?: boolean;
  /** Default true: a date of party life, not before 1921-07-01; false for dates of a person's own life. */
  partyEvent?: boolean;
  /** Earlier dates (value, label) this one may not precede; a missing earlier date is skipped. */
  notBefore?: [string | null | undefined, string][];
}

/** A date: filled (unless optional), a real day, not before 1921-07-01, not after today, not before its earlier steps. */
export function checkDate(field: string, label: string, value: string | null | undefined, today: ServiceContext | string, rule: DateRule = {}): FieldProblem[] {
  if (blank(value)) return rule.required === false ? [] : [{ field, message: `请填写${label}` }];
  if (!isIsoDate(value)) return [{ field, message: `${label}“${quoted(value)}”不是有效日期(格式 YYYY-MM-DD)` }];
  if (rule.partyEvent !== false && value < PARTY_FOUNDED) return [{ field, message: `${label}(${value})不能早于1921年7月1日(中国共产党成立之日)` }];
  const day = dayOf(today);
  if (!rule.allowFuture && value > day) return [{ field, message: `${label}(${value})不能晚于今天(${day})` }];
  for (const [earlier, earlierLabel] of rule.notBefore ?? []) {
    if (earlier && value < earlier) return [{ field, message: `${label}(${value})不能早于${earlierLabel}(${earlier})` }];
  }
  return [];
}

/** A month YYYY-MM: the same rules as a date, by month (July 1921 is the first month of party life). */
export function checkMonth(field: string, label: string, value: string | null | undefined, today: ServiceContext | string, rule: Omit<DateRule, 'notBefore'> = {}): FieldProblem[] {
  if (blank(value)) return rule.required === false ? [] : [{ field, message: `请填写${label}` }];
  if (!isIsoMonth(value)) return [{ field, message: `${label}“${quoted(value)}”不是有效月份(格式 YYYY-MM)` }];
  if (rule.partyEvent !== false && value < PARTY_FOUNDED.slice(0, 7)) return [{ field, message: `${label}(${value})不能早于1921年7月(中国共产党成立之月)` }];
  const month = dayOf(today).slice(0, 7);
  if (!rule.allowFuture && value > month) return [{ field, message: `${label}(${value})不能晚于本月(${month})` }];
  return [];
}

export const YEARS = { min: 2000, max: 2100 } as const;

/** A year of the archive's work (a plan, a ledger, a review): a whole number within `range`. */
export function checkYear(field: string, label: string, value: unknown, range: { min: number; max: number } = YEARS): FieldProblem[] {
  return typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max ? [] : [{ field, message: `${label}应为${range.min}至${range.max}之间的整数,收到“${quoted(value)}”` }];
}

/** A whole count (people, votes, measures); missing counts as 0. */
export function checkCount(field: string, label: string, value: unknown, max = 1_000_000, min = 0): FieldProblem[] {
  const v = value ?? 0;
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? [] : [{ field, message: `${label}应为${min}至${max}之间的整数(填写的是 ${quoted(value)})` }];
}

/** Text, trimmed: filled (unless optional) and at most `max` characters. */
export function checkText(field: string, label: string, value: string | null | undefined, max: number, options: { required?: boolean } = {}): FieldProblem[] {
  const v = typeof value === 'string' ? value.trim() : '';
  if (value != null && typeof value !== 'string') return [{ field, message: `${label}应为文字` }];
  if (!v) return options.required === false ? [] : [{ field, message: `请填写${label}` }];
  if (v.length > max) return [{ field, message: `${label}不能超过${max}个字(填写了 ${v.length} 个字)` }];
  return [];
}

/** Required text, trimmed; its problems go to `problems`. */
export function requiredText(field: string, label: string, value: string | null | undefined, max: number, problems: FieldProblem[]): string {
  problems.push(...checkText(field, label, value, max));
  return typeof value === 'string' ? value.trim() : '';
}

/** Optional text, trimmed, empty → null; its problems go to `problems`. */
export function optionalText(field: string, label: string, value: string | null | undefined, max: number, problems: FieldProblem[]): string | null {
  problems.push(...checkText(field, label, value, max, { required: false }));
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** 分 shown as 元 with two decimals. */
export const yuanOf = (fen: number): string => (fen / 100).toFixed(2);

export interface MoneyRule {
  /** Default false: 0 元 is "not filled". */
  allowZero?: boolean;
  /** Default MAX_FEN (1 亿元). */
  max?: number;
  /** How the limit is named in the message (单笔上限 …); default 上限. */
  maxLabel?: string;
}

/** An amount already in 分: whole 分, not negative, not 0 unless allowed, at most the limit. */
export function checkFen(field: string, label: string, fen: unknown, rule: MoneyRule = {}): FieldProblem[] {
  const max = rule.max ?? MAX_FEN;
  if (typeof fen !== 'number' || !Number.isFinite(fen)) return [{ field, message: `请填写${label}(元)` }];
  if (!Number.isInteger(fen)) return [{ field, message: `${label}应精确到分` }];
  if (fen < 0) return [{ field, message: `${label}不能为负数,填写的是 ${yuanOf(fen)} 元` }];
  if (fen === 0 && !rule.allowZero) return [{ field, message: `请填写${label}(元)` }];
  if (fen > max) return [{ field, message: `${label} ${yuanOf(fen)} 元超过${rule.maxLabel ?? '上限'} ${yuanOf(max)} 元,请核对` }];
  return [];
}

/**
 * An amount typed in 元 (“1,234.5”, “12 元”) → whole 分, by decimal digits (no binary fractions: 0.29 元
 * is 29 分, not 28.999…). At most two decimals; not negative; within the limit.
 */
export function parseYuan(field: string, label: string, text: string | null | undefined, rule: MoneyRule & { required?: boolean } = {}): { fen: number | null; problems: FieldProblem[] } {
  if (blank(text)) return { fen: null, problems: rule.required === false ? [] : [{ field, message: `请填写${label}(元)` }] };
  const raw = String(text).trim();
  const s = raw.replace(/[,，\s]/g, '').replace(/元$/, '');
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return { fen: null, problems: [{ field, message: `${label}“${quoted(raw)}”不是金额(以元为单位的数字,如 12.50)` }] };
  const [, sign, whole, decimals = ''] = m;
  if (decimals.length > 2) return { fen: null, problems: [{ field, message: `${label}“${quoted(raw)}”最多精确到分(两位小数)` }] };
  // Leading zeros stripped so that a long run of them is not read as a huge number.
  const wholeDigits = whole.replace(/^0+(?=\d)/, '');
  const max = rule.max ?? MAX_FEN;
  if (sign === '-' && /[1-9]/.test(whole + decimals)) return { fen: null, problems: [{ field, message: `${label}不能为负数,填写的是 ${quoted(raw)} 元` }] };
  if (wholeDigits.length > 15) return { fen: null, problems: [{ field, message: `${label} ${quoted(raw)} 元超过${rule.maxLabel ?? '上限'} ${yuanOf(max)} 元,请核对` }] };
  const fen = Number(wholeDigits) * 100 + Number(decimals.padEnd(2, '0'));
  const problems = checkFen(field, label, fen, rule);
  return { fen: problems.length ? null : fen, problems };
}

/** A form's problems, collected field by field; the helpers answer the cleaned value for the caller to use. */
export class Problems {
  readonly list: FieldProblem[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  push(...problems: FieldProblem[]): void {
    this.list.push(...problems);
  }
  /** True when the date is there and usable (no problem). */
  date(field: string, label: string, value: string | null | undefined, today: ServiceContext | string, rule: DateRule = {}): value is string {
    const found = checkDate(field, label, value, today, rule);
    this.list.push(...found);
    return found.length === 0 && !blank(value);
  }
  month(field: string, label: string, value: string | null | undefined, today: ServiceContext | string, rule: Omit<DateRule, 'notBefore'> = {}): value is string {
    const found = checkMonth(field, label, value, today, rule);
    this.list.push(...found);
    return found.length === 0 && !blank(value);
  }
  year(field: string, label: string, value: unknown, range?: { min: number; max: number }): boolean {
    const found = checkYear(field, label, value, range);
    this.list.push(...found);
    return found.length === 0;
  }
  /** The count, or 0 when it is not one (the problem is recorded). */
  count(field: string, label: string, value: number | null | undefined, max = 1_000_000): number {
    const found = checkCount(field, label, value, max);
    this.list.push(...found);
    return found.length ? 0 : (value ?? 0);
  }
  text(field: string, label: string, value: string | null | undefined, max = 200): string {
    return requiredText(field, label, value, max, this.list);
  }
  optionalText(field: string, label: string, value: string | null | undefined, max = 2000): string | null {
    return optionalText(field, label, value, max, this.list);
  }
  /** An amount in 分; missing counts as 0 when 0 is allowed. Answers 0 when it has a problem. */
  fen(field: string, label: string, value: number | null | undefined, rule: MoneyRule = {}): number {
    const v = value ?? (rule.allowZero ? 0 : value);
    const found = checkFen(field, label, v, rule);
    this.list.push(...found);
    return found.length ? 0 : (v as number);
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
  throwIf(what = ''): void {
    if (this.list.length) throw new ValidationError(this.list, what);
  }
}

