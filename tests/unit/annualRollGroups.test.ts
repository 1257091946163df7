// The roll tables fold the roll's shared groups (rollGroups.ts): a table marked fromRoll may only sort by the
// attributes those groups carry, or its cells would silently count nothing.
import { describe, expect, it } from 'vitest';
import { TABLE_SPECS } from '../../electron/services/statistics/annualReport/annualReport';
import { ROLL_ATTRS, unpack } from '../../electron/services/statistics/annualReport/rollGroups';

describe('年报 roll groups', () => {
  it('every table that folds the roll groups sorts only by their attributes', () => {
    const fromRoll = TABLE_SPECS.filter((t) => t.fromRoll);
    expect(fromRoll.map((t) => t.id).sort()).toEqual(['basic', 'education', 'joinPeriod', 'townshipVillage']);
    for (const t of fromRoll) for (const a of t.attrs) expect(ROLL_ATTRS.has(a), `${t.id}: ${a}`).toBe(true);
  });

  it('the packed number 0 is every attribute unknown', () => {
    const a = unpack(0);
    expect(Object.keys(a).sort()).toEqual([...ROLL_ATTRS].sort());
    expect(Object.values(a).every((v) => v === null)).toBe(true);
  });
});
