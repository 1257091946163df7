import { describe, expect, it } from 'vitest';
import { checkDigit, makeIdNumber, normalizeIdNumber, parseIdNumber, upgradeIdNumber15 } from '../../electron/services/members/idNumber';

describe('公民身份号码 (GB 11643-1999)', () => {
  it('accepts the standard example and reads birth date and gender', () => {
    const r = parseIdNumber('11010519491231002X');
    expect(r).toEqual({ ok: true, info: { idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: '2' } });
  });
  it('computes the check digit with weights mod 11', () => {
    expect(checkDigit('11010519491231002')).toBe('X');
    expect(checkDigit('44052418800101001')).toBe('4');
  });
  it('rejects a wrong check digit, a bad date, wrong length and letters', () => {
    expect(parseIdNumber('110105194912310021')).toEqual({ ok: false, problem: 'checkDigit' });
    expect(parseIdNumber(makeIdNumber('370783', '1980-01-01', 1).slice(0, 6) + '19800230' + '0011')).toEqual({ ok: false, problem: 'birthDate' });
    expect(parseIdNumber('1101051949')).toEqual({ ok: false, problem: 'length' });
    expect(parseIdNumber('11010519491231A02X')).toEqual({ ok: false, problem: 'characters' });
  });
  it('cleans full-width digits, spaces and a lower-case x', () => {
    expect(normalizeIdNumber(' １１０１０５ 19491231002x ')).toBe('11010519491231002X');
    expect(parseIdNumber('110105 19491231 002x').ok).toBe(true);
  });
  it('upgrades old 15-digit numbers', () => {
    const id15 = '110105491231002';
    expect(upgradeIdNumber15(id15)).toBe('11010519491231002X');
    expect(parseIdNumber(id15)).toMatchObject({ ok: true, info: { idNumber: '11010519491231002X' } });
  });
  it('does not reject an area code that is not in today’s list', () => {
    expect(parseIdNumber(makeIdNumber('999999', '1990-06-15', 123)).ok).toBe(true);
  });
  it('makes numbers whose sequence parity sets the gender', () => {
    expect(parseIdNumber(makeIdNumber('370783', '1990-06-15', 123))).toMatchObject({ ok: true, info: { gender: '1', birthDate: '1990-06-15' } });
    expect(parseIdNumber(makeIdNumber('370783', '1990-06-15', 124))).toMatchObject({ ok: true, info: { gender: '2' } });
  });
});
