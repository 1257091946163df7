import { describe, expect, it } from 'vitest';
import { nameSearchKeys } from '../../electron/services/members/searchKeys';

describe('name search keys', () => {
  it('gives full pinyin and initials', () => {
    expect(nameSearchKeys('张三')).toEqual({ pinyinFull: 'zhangsan', pinyinInitials: 'zs' });
  });
  it('reads surnames with their surname readings', () => {
    expect(nameSearchKeys('单雄信').pinyinInitials).toBe('sxx');
    expect(nameSearchKeys('曾国藩').pinyinFull).toBe('zengguofan');
    expect(nameSearchKeys('仇英').pinyinFull).toBe('qiuying');
  });
  it('ignores spaces and the middle dot of minority names', () => {
    expect(nameSearchKeys('张 三')).toEqual(nameSearchKeys('张三'));
    expect(nameSearchKeys('阿依·买买提').pinyinInitials).toBe('aymmt');
  });
});
