import { describe, expect, it } from 'vitest';
import { isPartyCommitteeTitle } from '../../electron/services/practices/orgLife';

describe('a title on the party branch committee', () => {
  it.each([
    ['村党支部书记', true], ['党支部副书记', true], ['组织委员', true], ['纪检委员', true], ['支部委员', true],
    ['村党支部书记兼村委会主任', true], ['村委会主任、党支部委员', true],
    ['村委会委员', false], ['村民委员会委员', false], ['居委会主任', false], ['党小组长', false], ['会计', false], ['', false], [null, false],
  ])('%s → %s', (title, expected) => {
    expect(isPartyCommitteeTitle(title)).toBe(expected);
  });
});
