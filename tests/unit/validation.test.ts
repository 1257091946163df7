// The form rules every domain shares (core/validation): the boundaries of each, and that every refusal
// names the field and its label in Chinese.
import { describe, expect, it } from 'vitest';
import {
  checkCount, checkDate, checkFen, checkMonth, checkText, checkYear, isIsoDate, isIsoMonth, MAX_FEN, parseYuan, PARTY_FOUNDED, Problems, requiredText,
} from '../../electron/services/core/validation';
import { ValidationError } from '../../electron/services/core/errors';

const TODAY = '2026-11-28';
const date = (value: string | null | undefined, rule = {}) => checkDate('date', '会议日期', value, TODAY, rule);
const only = (problems: { field: string; message: string }[]) => {
  expect(problems).toHaveLength(1);
  return problems[0];
};

describe('dates', () => {
  it('a real calendar day written YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    for (const bad of ['0000-00-00', '2026-13-01', '2026-04-31', '2026-1-01', '20260101', '2026/01/01', ' 2026-01-01', '００２６-01-01', '', null, undefined, 20260101]) {
      expect(isIsoDate(bad), String(bad)).toBe(false);
    }
  });

  it('refuses 1921-06-30 and accepts 1921-07-01, the founding of the Party', () => {
    expect(PARTY_FOUNDED).toBe('1921-07-01');
    expect(only(date('1921-06-30')).message).toBe('会议日期(1921-06-30)不能早于1921年7月1日(中国共产党成立之日)');
    expect(date('1921-07-01')).toEqual([]);
    // A date of a person's own life (a birth date) is no party event.
    expect(date('1900-01-01', { partyEvent: false })).toEqual([]);
  });

  it('accepts today, refuses tomorrow unless the date may lie ahead', () => {
    expect(date(TODAY)).toEqual([]);
    expect(only(date('2026-11-29')).message).toBe('会议日期(2026-11-29)不能晚于今天(2026-11-28)');
    expect(date('2026-11-29', { allowFuture: true })).toEqual([]);
    expect(only(date('9999-12-31'))).toEqual({ field: 'date', message: '会议日期(9999-12-31)不能晚于今天(2026-11-28)' });
  });

  it('refuses what is not a calendar day, quoting it (cut short when long)', () => {
    expect(only(date('2026-02-29'))).toEqual({ field: 'date', message: '会议日期“2026-02-29”不是有效日期(格式 YYYY-MM-DD)' });
    expect(only(date('0000-00-00')).message).toContain('“0000-00-00”不是有效日期');
    const long = only(date('x'.repeat(10_000))).message;
    expect(long.length).toBeLessThan(80);
    expect(long).toContain('…');
  });

  it('a required date must be filled; an optional one may be empty', () => {
    for (const empty of ['', '   ', null, undefined]) expect(only(date(empty)).message).toBe('请填写会议日期');
    expect(date('', { required: false })).toEqual([]);
    expect(date(null, { required: false })).toEqual([]);
    expect(only(date('2026-02-30', { required: false })).message).toContain('不是有效日期');
  });

  it('not before the earlier steps it follows, naming them', () => {
    const rule = { notBefore: [[null, '提事日期'], ['2026-03-02', '提事日期']] as [string | null, string][] };
    expect(only(date('2026-03-01', rule)).message).toBe('会议日期(2026-03-01)不能早于提事日期(2026-03-02)');
    expect(date('2026-03-02', rule)).toEqual([]);
  });

  it('takes today from the service context', () => {
    const ctx = { archive: null as never, actor: 't', today: '2026-01-05' };
    expect(checkDate('d', '日期', '2026-01-05', ctx)).toEqual([]);
    expect(checkDate('d', '日期', '2026-01-06', ctx)[0].message).toContain('不能晚于今天(2026-01-05)');
  });
});

describe('months', () => {
  const month = (value: string | null | undefined, rule = {}) => checkMonth('fromMonth', '起始月份', value, TODAY, rule);
  it('YYYY-MM, a real month, from July 1921 on, not after this month unless allowed', () => {
    expect(isIsoMonth('2026-12')).toBe(true);
    expect(isIsoMonth('2026-13')).toBe(false);
    expect(isIsoMonth('2026-1')).toBe(false);
    expect(month('2026-11')).toEqual([]);
    expect(only(month('2026-12')).message).toBe('起始月份(2026-12)不能晚于本月(2026-11)');
    expect(month('2026-12', { allowFuture: true })).toEqual([]);
    expect(only(month('1921-06')).message).toContain('不能早于1921年7月');
    expect(month('1921-07')).toEqual([]);
    expect(only(month('2026-00')).message).toBe('起始月份“2026-00”不是有效月份(格式 YYYY-MM)');
    expect(only(month('')).message).toBe('请填写起始月份');
  });
});

describe('years and counts', () => {
  it('a year is a whole number within the range', () => {
    expect(checkYear('year', '年度', 2000)).toEqual([]);
    expect(checkYear('year', '年度', 2100)).toEqual([]);
    for (const bad of [1999, 2101, 2026.5, -1, 1e308, NaN, '2026', null, undefined]) {
      expect(only(checkYear('year', '年度', bad)).message, String(bad)).toMatch(/^年度应为2000至2100之间的整数,收到“/);
    }
    expect(checkYear('year', '入党年份', 1921, { min: 1921, max: 2026 })).toEqual([]);
  });

  it('a count is a whole number from 0; missing is 0', () => {
    expect(checkCount('n', '到会人数', undefined)).toEqual([]);
    expect(checkCount('n', '到会人数', 100, 100)).toEqual([]);
    expect(only(checkCount('n', '到会人数', 101, 100)).message).toBe('到会人数应为0至100之间的整数(填写的是 101)');
    expect(only(checkCount('n', '到会人数', -1)).message).toContain('到会人数应为0至');
    expect(only(checkCount('n', '到会人数', 1.5)).message).toContain('1.5');
  });
});

describe('text', () => {
  it('required text is trimmed and limited', () => {
    expect(only(checkText('topic', '会议主题', '', 10))).toEqual({ field: 'topic', message: '请填写会议主题' });
    expect(only(checkText('topic', '会议主题', '   ', 10)).message).toBe('请填写会议主题');
    expect(only(checkText('topic', '会议主题', null, 10)).message).toBe('请填写会议主题');
    expect(checkText('topic', '会议主题', ' 一二三四五六七八九十 ', 10)).toEqual([]);
    expect(only(checkText('topic', '会议主题', '一二三四五六七八九十一', 10)).message).toBe('会议主题不能超过10个字(填写了 11 个字)');
    expect(checkText('note', '备注', '', 10, { required: false })).toEqual([]);
    const problems: { field: string; message: string }[] = [];
    expect(requiredText('topic', '会议主题', '  学习  ', 10, problems)).toBe('学习');
    expect(problems).toEqual([]);
  });
});

describe('money', () => {
  const yuan = (text: string | null | undefined, rule = {}) => parseYuan('amount', '金额', text, rule);
  it('元 text becomes whole 分, by decimal digits', () => {
    expect(yuan('12.34')).toEqual({ fen: 1234, problems: [] });
    expect(yuan('0.29').fen).toBe(29);
    expect(yuan('12.3').fen).toBe(1230);
    expect(yuan('12').fen).toBe(1200);
    expect(yuan(' 1,234.50 元 ').fen).toBe(123450);
    expect(yuan('007').fen).toBe(700);
  });

  it("refuses '12.345', '-1', '' and what is no number", () => {
    expect(only(yuan('12.345').problems)).toEqual({ field: 'amount', message: '金额“12.345”最多精确到分(两位小数)' });
    expect(only(yuan('-1').problems).message).toBe('金额不能为负数,填写的是 -1 元');
    expect(only(yuan('').problems).message).toBe('请填写金额(元)');
    expect(only(yuan('   ').problems).message).toBe('请填写金额(元)');
    expect(yuan('', { required: false })).toEqual({ fen: null, problems: [] });
    for (const bad of ['abc', '1e5', '12.', '.5', '1.2.3', 'NaN', 'Infinity', '０.５']) {
      expect(only(yuan(bad).problems).message, bad).toContain('不是金额');
    }
  });

  it('0 only where allowed, and never above the limit', () => {
    expect(only(yuan('0').problems).message).toBe('请填写金额(元)');
    expect(yuan('0', { allowZero: true }).fen).toBe(0);
    expect(yuan('100000000').fen).toBe(MAX_FEN);
    expect(only(yuan('100000000.01').problems).message).toBe('金额 100000000.01 元超过上限 100000000.00 元,请核对');
    expect(only(yuan('9'.repeat(400)).problems).message).toContain('超过上限');
    expect(only(yuan('1000.01', { max: 100_000, maxLabel: '单笔上限' }).problems).message).toBe('金额 1000.01 元超过单笔上限 1000.00 元,请核对');
  });

  it('分 given as a number: whole, not negative, within the limit', () => {
    expect(checkFen('amount', '金额', 1)).toEqual([]);
    expect(only(checkFen('amount', '金额', 10.5)).message).toBe('金额应精确到分');
    expect(only(checkFen('amount', '金额', -100)).message).toBe('金额不能为负数,填写的是 -1.00 元');
    expect(only(checkFen('amount', '金额', 0)).message).toBe('请填写金额(元)');
    expect(checkFen('amount', '金额', 0, { allowZero: true })).toEqual([]);
    expect(only(checkFen('amount', '金额', MAX_FEN + 1)).message).toContain('超过上限');
    for (const bad of [NaN, Infinity, 1e308, undefined, null, '12']) expect(checkFen('amount', '金额', bad).length, String(bad)).toBe(1);
  });
});

describe('Problems', () => {
  it('collects a form’s problems and throws them as one ValidationError', () => {
    const p = new Problems();
    expect(p.date('date', '会议日期', '2026-02-29', TODAY)).toBe(false);
    expect(p.date('done', '办结日期', '', TODAY, { required: false })).toBe(false);
    expect(p.date('ok', '票决日期', '2026-03-01', TODAY)).toBe(true);
    expect(p.text('topic', '会议主题', '  ')).toBe('');
    expect(p.count('n', '到会人数', -1)).toBe(0);
    expect(p.fen('money', '资金', undefined, { allowZero: true })).toBe(0);
    expect(p.fen('money2', '资金', -1, { allowZero: true })).toBe(0);
    expect(p.year('year', '年度', 1999)).toBe(false);
    expect(p.list.map((x) => x.field)).toEqual(['date', 'topic', 'n', 'money2', 'year']);
    let thrown: unknown;
    try {
      p.throwIf('不能登记会议');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).message).toMatch(/^不能登记会议:会议日期“2026-02-29”不是有效日期/);
    expect((thrown as ValidationError).issues).toHaveLength(5);
    expect(() => new Problems().throwIf('x')).not.toThrow();
  });
});
