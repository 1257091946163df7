// How the national export's cells read: `-` as none in every reader, 学历/工作岗位 leaves exactly as the
// national lists name them (never a prefix or a synonym), months as the export writes them.
import { describe, expect, it } from 'vitest';
import { cellText, fieldForHeader, readCode, readDate, readIdNumber, readLeaf, readMonths, readYesNo } from '../../electron/services/roster/rosterFields';

describe('national export cells', () => {
  it('reads `-` (and its full-width look-alikes) as empty everywhere', () => {
    for (const dash of ['-', '－', '—', '--']) {
      expect(cellText(dash)).toBe('');
      expect(readDate(dash)).toBeNull();
      expect(readIdNumber(dash)).toBeNull();
      expect(readYesNo(dash)).toBeNull();
      expect(readCode('degree', dash)).toBeNull();
      expect(readMonths(dash)).toBeNull();
    }
    expect(cellText('-3')).toBe('-3');
  });

  it('maps every spelling of the national headers', () => {
    for (const h of ['公民身份号码', '公民身份证号码', '公民身份证号']) expect(fieldForHeader(h)).toBe('idNumber');
    expect(fieldForHeader('加入党组织日期')).toBe('joinDate');
    expect(fieldForHeader('转为正式党员日期')).toBe('fullDate');
    for (const h of ['手机号码', '联系电话']) expect(fieldForHeader(h)).toBe('phone');
    expect(fieldForHeader('现居住地')).toBe('currentResidence');
    expect(fieldForHeader('党龄')).toBeNull();
  });

  it('takes a leaf only when written as the national list names it', () => {
    expect(readLeaf('educationLevel', '普通高中')).toBe('普通高中');
    expect(readLeaf('educationLevel', '省（区、市）委党校大专')).toBe('省(区、市)委党校大专');
    expect(readLeaf('educationLevel', '大学本科')).toBeNull(); // coarse: read by the 学历 group list instead
    expect(readLeaf('educationLevel', '高中')).toBeNull();
    expect(readLeaf('jobPost', '（转业）待安置、学生毕业未就业的人员')).toBe('(转业)待安置、学生毕业未就业的人员');
    expect(readLeaf('jobPost', '农民')).toBeNull();
    expect(readLeaf('jobPost', '农牧渔业生产')).toBeNull();
  });

  it('reads months as 6, 6个月, -3 or 1年', () => {
    expect(readMonths('6个月')).toEqual({ ok: true, months: 6 });
    expect(readMonths(12)).toEqual({ ok: true, months: 12 });
    expect(readMonths('-3')).toEqual({ ok: true, months: -3 });
    expect(readMonths('1年')).toEqual({ ok: true, months: 12 });
    expect(readMonths('1年6个月')).toEqual({ ok: true, months: 18 });
    expect(readMonths('半年')).toMatchObject({ ok: false });
  });

  it('reads month-only dates in the three ways the export writes them', () => {
    for (const d of ['1995-07', '1995.07', '1995年07月']) expect(readDate(d)).toEqual({ ok: true, date: '1995-07-01', precision: 'month' });
  });
});
