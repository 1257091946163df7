import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import codes from '../../resources/codes/codes.json';
import { parseIdNumber } from '../../electron/services/members/idNumber';
import { type DemoTownship, generateTownship } from '../../electron/services/demo/township/generateTownship';
import { SPECIAL_SURNAMES } from '../../electron/services/demo/township/names';
import { addYears, createRng, fromDays, toDays } from '../../electron/services/demo/township/random';

const OPTS = { seed: 20250630, townshipName: '东城镇', townshipCode: '370783101', asOf: '2025-06-30' } as const;
const ASOF = OPTS.asOf;

const codeSet = (list: keyof typeof codes) => new Set(codes[list].map((c) => c.code));
const shiftYears = (iso: string, n: number) => `${Number(iso.slice(0, 4)) + n}${iso.slice(4)}`;
const share = <T>(items: T[], f: (x: T) => boolean) => items.filter(f).length / items.length;

let demo: DemoTownship;
beforeAll(() => {
  demo = generateTownship(OPTS);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('random', () => {
  it('is deterministic and in range', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createRng(43).next()).not.toBe(xs[0]);
    const r = createRng(7);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
      const d = r.dateBetween('2024-02-27', '2024-03-02');
      expect(d >= '2024-02-27' && d <= '2024-03-02').toBe(true);
    }
    expect(r.weighted(['a', 'b'], [0, 1])).toBe('b');
  });

  it('does calendar arithmetic', () => {
    expect(fromDays(toDays('1970-01-01'))).toBe('1970-01-01');
    expect(toDays('1970-01-01')).toBe(0);
    for (const d of ['1900-03-01', '1940-01-02', '2000-02-29', '2024-12-31', '1899-12-31']) expect(fromDays(toDays(d))).toBe(d);
    expect(addYears('2020-02-29', 1)).toBe('2021-02-28');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
    expect(addYears('2023-06-30', -1)).toBe('2022-06-30');
  });
});

describe('generateTownship', () => {
  it('is deterministic: same seed deep-equal, different seed differs', () => {
    const random = vi.spyOn(Math, 'random');
    const now = vi.spyOn(Date, 'now');
    const again = generateTownship(OPTS);
    expect(again).toEqual(demo);
    const other = generateTownship({ ...OPTS, seed: OPTS.seed + 1 });
    expect(other).not.toEqual(demo);
    expect(other.members.map((m) => m.idNumber)).not.toEqual(demo.members.map((m) => m.idNumber));
    expect(random).not.toHaveBeenCalled();
    expect(now).not.toHaveBeenCalled();
  });

  it('generates 4200 members by default and scales to other sizes', () => {
    expect(Math.abs(demo.members.length - 4200)).toBeLessThanOrEqual(42);
    for (const n of [0, 10, 150, 1000]) {
      const small = generateTownship({ ...OPTS, members: n });
      expect(Math.abs(small.members.length - n)).toBeLessThanOrEqual(Math.ceil(n / 100));
    }
  });

  it('uses only codes from codes.json', () => {
    const sets = {
      type: codeSet('orgType'), sector: codeSet('orgSector'), unitSituation: codeSet('unitSituation'),
      formation: codeSet('formation'), unitKind: codeSet('unitKind'), gender: codeSet('gender'),
      ethnicity: codeSet('ethnicity'), education: codeSet('education'), category: codeSet('memberCategory'),
      occupation: codeSet('occupation'), exitReason: codeSet('exitReason'), lostReason: codeSet('lostReason'), degree: codeSet('degree'),
    };
    for (const o of demo.orgs) {
      expect(sets.type.has(o.type), o.type).toBe(true);
      expect(sets.sector.has(o.sector), o.sector).toBe(true);
      expect(sets.unitSituation.has(o.unitSituation), o.unitSituation).toBe(true);
      if (o.formation !== null) expect(sets.formation.has(o.formation)).toBe(true);
      for (const u of o.units) expect(sets.unitKind.has(u.kind), u.kind).toBe(true);
    }
    for (const m of demo.members) {
      expect(sets.gender.has(m.gender)).toBe(true);
      expect(sets.ethnicity.has(m.ethnicity)).toBe(true);
      expect(sets.education.has(m.education)).toBe(true);
      expect(sets.category.has(m.category)).toBe(true);
      expect(sets.occupation.has(m.occupation)).toBe(true);
      if (m.exitReason !== null) expect(sets.exitReason.has(m.exitReason)).toBe(true);
      if (m.lostReason !== null) expect(sets.lostReason.has(m.lostReason)).toBe(true);
      if (m.degree !== null) expect(sets.degree.has(m.degree)).toBe(true);
    }
  });

  it('builds a well-formed organization tree', () => {
    const keys = new Map(demo.orgs.map((o, i) => [o.key, i]));
    expect(keys.size).toBe(demo.orgs.length);
    const roots = demo.orgs.filter((o) => o.parentKey === null);
    expect(roots).toHaveLength(1);
    expect(roots[0].type).toBe('committee');
    expect(roots[0].name).toBe('中共东城镇委员会');
    expect(['agency', 'rural']).toContain(roots[0].sector);
    demo.orgs.forEach((o, i) => {
      if (o.parentKey === null) return;
      expect(keys.get(o.parentKey)! < i, `${o.key} comes after its parent`).toBe(true);
      expect(o.name.length > 0 && o.shortName.length > 0).toBe(true);
      expect(o.foundedDate <= ASOF).toBe(true);
      if (o.type === 'group') expect(['branch', 'joint_branch']).toContain(demo.orgs[keys.get(o.parentKey)!].type);
    });
    const codesSeen = new Set<string>();
    for (const o of demo.orgs) {
      if (o.adminCode === null) continue;
      expect(o.adminCode).toMatch(/^370783101\d{3}$/);
      expect(o.adminCode.endsWith('000')).toBe(false);
      expect(codesSeen.has(o.adminCode)).toBe(false);
      codesSeen.add(o.adminCode);
    }
    const names = demo.orgs.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    // ~70 village organizations, ~6 communities, ~6 enterprises, ~5 agencies.
    const villages = demo.orgs.filter((o) => o.sector === 'rural' && o.adminCode !== null);
    expect(villages.length).toBeGreaterThanOrEqual(62);
    expect(villages.length).toBeLessThanOrEqual(78);
    expect(new Set(villages.map((o) => o.shortName)).size).toBe(villages.length);
    expect(demo.orgs.some((o) => o.type === 'general_branch' && demo.orgs.some((c) => c.parentKey === o.key && c.type === 'branch'))).toBe(true);
    expect(demo.orgs.filter((o) => o.type === 'group').length).toBeGreaterThan(10);
    const community = demo.orgs.filter((o) => o.sector === 'community' && o.type === 'branch').length;
    expect(community).toBeGreaterThanOrEqual(4);
    expect(demo.orgs.filter((o) => o.sector === 'private').length).toBeGreaterThanOrEqual(4);
    expect(demo.orgs.filter((o) => ['agency', 'school', 'institution'].includes(o.sector)).length).toBeGreaterThanOrEqual(4);
    // A few weak villages, each with a 第一书记.
    const weak = demo.orgs.filter((o) => o.weakTeam || o.weakEconomy || o.weakBase);
    expect(weak.length).toBeGreaterThanOrEqual(3);
    for (const o of weak) expect(o.firstSecretary).toBeTruthy();
  });

  it('has each seed joint form with at least two member units', () => {
    const joint = demo.orgs.filter((o) => o.unitSituation === 'joint');
    for (const f of ['dept_village', 'community_village', 'enterprise_village', 'strong_weak', 'industry_chain', 'mobile']) {
      const org = joint.find((o) => o.formation === f);
      expect(org, f).toBeDefined();
      expect(['joint_branch', 'joint_general_branch']).toContain(org!.type);
      expect(org!.units.length).toBeGreaterThanOrEqual(2);
    }
    for (const o of demo.orgs) {
      if (o.unitSituation === 'joint') expect(o.type.startsWith('joint_')).toBe(true);
      else expect(o.units).toEqual([]);
      if (o.type.startsWith('joint_')) expect(o.unitSituation).toBe('joint');
      if (o.formation !== null) expect(o.unitSituation).toBe('joint');
    }
    const chain = joint.find((o) => o.formation === 'industry_chain')!;
    expect(chain.units.some((u) => u.kind === 'cooperative')).toBe(true);
    expect(chain.units.some((u) => u.kind === 'association')).toBe(true);
    expect(chain.units.filter((u) => u.kind === 'village').length).toBeGreaterThanOrEqual(2);
  });

  it('puts members only in branches and joint branches, in varied sizes', () => {
    const types = new Map(demo.orgs.map((o) => [o.key, o.type]));
    const sizes = new Map<string, number>();
    for (const m of demo.members) {
      expect(['branch', 'joint_branch']).toContain(types.get(m.orgKey));
      sizes.set(m.orgKey, (sizes.get(m.orgKey) ?? 0) + 1);
    }
    const villageSizes = demo.orgs.filter((o) => o.type === 'branch' && o.sector === 'rural' && o.adminCode).map((o) => sizes.get(o.key) ?? 0);
    expect(Math.min(...villageSizes)).toBeGreaterThanOrEqual(15);
    expect(Math.max(...villageSizes)).toBeLessThanOrEqual(130);
    expect(Math.max(...villageSizes) - Math.min(...villageSizes)).toBeGreaterThan(40);
    // Every branch with members has its secretary first, and the org's contact is that person.
    for (const o of demo.orgs) {
      const own = demo.members.filter((m) => m.orgKey === o.key);
      if (own.length === 0) continue;
      expect(own[0].jobTitle ?? '').toMatch(/书记/);
      expect(o.contact).toBe(own[0].name);
    }
  });

  it('issues valid, unique ID numbers matching birth date and gender', () => {
    const seen = new Set<string>();
    for (const m of demo.members) {
      const parsed = parseIdNumber(m.idNumber);
      expect(parsed.ok, m.idNumber).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.info.idNumber).toBe(m.idNumber);
      expect(parsed.info.birthDate).toBe(m.birthDate);
      expect(parsed.info.gender).toBe(m.gender);
      expect(m.idNumber.slice(0, 6)).toBe('370783');
      expect(seen.has(m.idNumber)).toBe(false);
      seen.add(m.idNumber);
    }
  });

  it('keeps every date consistent', () => {
    const yearAgo = shiftYears(ASOF, -1);
    for (const m of demo.members) {
      const ctx = JSON.stringify(m);
      expect(m.birthDate <= shiftYears(ASOF, -18), ctx).toBe(true); // at least 18
      expect(m.birthDate > shiftYears(ASOF, -96), ctx).toBe(true); // at most 95
      expect(shiftYears(m.birthDate, 18) <= m.joinDate, ctx).toBe(true);
      expect(m.joinDate > '1940-01-01', ctx).toBe(true);
      expect(m.joinDate <= ASOF, ctx).toBe(true);
      if (m.category === 'formal') {
        expect(m.fullDate, ctx).toBe(shiftYears(m.joinDate, 1));
        expect(m.fullDate! <= ASOF, ctx).toBe(true);
      } else {
        expect(m.fullDate, ctx).toBeNull();
        expect(m.joinDate > yearAgo, ctx).toBe(true);
      }
      if (m.exitReason !== null) {
        expect(m.exitDate !== null && m.exitDate > m.joinDate && m.exitDate <= ASOF, ctx).toBe(true);
        expect(m.exitNote, ctx).toBeTruthy();
        expect(m.isMobile, ctx).toBe(false);
      } else {
        expect(m.exitDate, ctx).toBeNull();
      }
      if (m.isLost) {
        expect(m.lostReason, ctx).toBeTruthy();
        expect(m.lostDate !== null && m.lostDate > m.joinDate && m.lostDate <= ASOF, ctx).toBe(true);
        expect(m.isMobile, ctx).toBe(false);
      } else {
        expect(m.lostReason === null && m.lostDate === null, ctx).toBe(true);
      }
      if (m.workStartDate !== null) expect(m.workStartDate > m.birthDate && m.workStartDate <= ASOF, ctx).toBe(true);
    }
  });

  it('has realistic shares', () => {
    const members = demo.members;
    const active = members.filter((m) => m.exitReason === null);
    const women = share(members, (m) => m.gender === '2');
    expect(women).toBeGreaterThanOrEqual(0.2);
    expect(women).toBeLessThanOrEqual(0.3);
    const probationary = share(active, (m) => m.category === 'probationary');
    expect(probationary).toBeGreaterThanOrEqual(0.015);
    expect(probationary).toBeLessThanOrEqual(0.035);
    const mobile = share(active, (m) => m.isMobile);
    expect(mobile).toBeGreaterThanOrEqual(0.06);
    expect(mobile).toBeLessThanOrEqual(0.1);
    const lost = share(members, (m) => m.isLost);
    expect(lost).toBeGreaterThan(0.001);
    expect(lost).toBeLessThanOrEqual(0.012);
    const exits = members.filter((m) => m.exitReason !== null);
    expect(exits.length / members.length).toBeGreaterThanOrEqual(0.02);
    expect(exits.length / members.length).toBeLessThanOrEqual(0.045);
    expect(share(exits, (m) => m.exitReason === 'death')).toBeGreaterThan(0.5);
    expect(exits.some((m) => m.exitReason === 'transfer_out')).toBe(true);
    const han = share(members, (m) => m.ethnicity === '01');
    expect(han).toBeGreaterThanOrEqual(0.97);
    expect(han).toBeLessThan(0.996);
    const over60 = share(members, (m) => m.birthDate <= shiftYears(ASOF, -60));
    expect(over60).toBeGreaterThan(0.3);
  });

  it('makes 农牧渔民 the largest occupation and keeps education plausible by sector', () => {
    const byOcc = new Map<string, number>();
    for (const m of demo.members) byOcc.set(m.occupation, (byOcc.get(m.occupation) ?? 0) + 1);
    const top = [...byOcc].sort((a, b) => b[1] - a[1])[0][0];
    expect(top).toBe('2');
    const sector = new Map(demo.orgs.map((o) => [o.key, o.sector]));
    const rural = demo.members.filter((m) => sector.get(m.orgKey) === 'rural');
    const agency = demo.members.filter((m) => sector.get(m.orgKey) === 'agency' || sector.get(m.orgKey) === 'school');
    const college = (m: { education: string }) => ['10', '20', '30'].includes(m.education);
    expect(share(rural, (m) => m.education === '60' || m.education === '50')).toBeGreaterThan(0.6);
    expect(share(agency, college)).toBeGreaterThan(share(rural, college) + 0.3);
    expect(demo.members.some((m) => m.occupation === '5' && sector.get(m.orgKey) === 'agency')).toBe(true);
  });

  it('writes plausible personal details', () => {
    for (const m of demo.members) {
      if (m.phone !== null) expect(m.phone).toMatch(/^1[35789]\d{9}$/);
      expect(m.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(m.address ?? '').not.toBe('');
    }
    const phones = demo.members.map((m) => m.phone).filter((p) => p !== null);
    expect(new Set(phones).size).toBe(phones.length);
    const surnames = new Set(demo.members.map((m) => m.name[0]));
    for (const s of SPECIAL_SURNAMES) expect(surnames.has(s), s).toBe(true);
  });

  // Its speed is reported by `npm run bench` (generate demo data), not asserted here.
  it('generates 150,000 members with unique ID numbers, each in a branch', () => {
    const big = generateTownship({ ...OPTS, seed: 7, members: 150_000 });
    expect(big.members.length).toBe(150_000);
    const ids = new Set(big.members.map((m) => m.idNumber));
    expect(ids.size).toBe(150_000);
    const branchKeys = new Set(big.orgs.filter((o) => o.type === 'branch' || o.type === 'joint_branch').map((o) => o.key));
    expect(big.members.every((m) => branchKeys.has(m.orgKey))).toBe(true);
  });
});
