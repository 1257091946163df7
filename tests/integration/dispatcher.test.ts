// The one dispatcher: inputs parsed by the contract, domain errors turned into results, nothing thrown.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../electron/api/callNames';
import { contract } from '../../electron/api/contract';
import { openTestArchive, type TestArchive } from '../support/tempArchive';

let t: TestArchive;
beforeEach(async () => {
  t = await openTestArchive();
});
afterEach(() => t.close());

describe('dispatcher', () => {
  it('has a contract entry for every call name', () => {
    expect(Object.keys(contract).sort()).toEqual([...CALL_NAMES].sort());
  });

  it('refuses an unknown call and a malformed input with a Chinese message, writing nothing', async () => {
    expect(await t.dispatch('dropEverything', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    const r = await t.dispatch('createMember', { name: 42 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_input');
      expect(r.error.message).toContain('参数不正确');
      expect(r.error.issues?.some((i) => i.field === 'name')).toBe(true);
      // In words: the field's label and what it should be, no call name and no programming types.
      expect(r.error.issues?.find((i) => i.field === 'name')?.message).toBe('姓名:应为文字');
      expect(r.error.message).not.toMatch(/createMember|expected|string|Invalid/);
    }
    expect((await t.call<{ total: number }>('listMembers', { startRow: 0, endRow: 10, view: 'all' })).total).toBe(0);
  });

  it('turns domain errors into results with field problems', async () => {
    const r = await t.dispatch('initTownship', { code: '1', name: '', role: 'township' });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    if (!r.ok) expect(r.error.issues?.map((i) => i.field).sort()).toEqual(['code', 'name']);
    expect(await t.dispatch('getMember', { id: 'nobody' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('remembers preferences (the grid’s columns) in the archive', async () => {
    await t.call('setPreference', { key: 'membersGrid.columns', value: [{ colId: 'name', hide: false }] });
    expect(await t.call('getPreference', { key: 'membersGrid.columns' })).toEqual([{ colId: 'name', hide: false }]);
    expect(await t.dispatch('getPreference', { key: '../etc' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('reports setup status, and refuses a second setup', async () => {
    expect(await t.call('getSetup', {})).toMatchObject({ initialized: true, township: { code: '370783101', name: '东城镇' }, role: 'township' });
    expect(await t.dispatch('initTownship', { code: '370783102', name: '西城镇' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
