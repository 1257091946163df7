// What an organization can only get once its roll is filled: the official name (a branch with seven
// or more 正式党员 has a 支部委员会), its contact and phone, and the 党小组长 of each group.
import type { DemoMember } from './generateTownship';
import { pickFullName } from './names';
import { CHINESE_ORDINALS } from './placeNames';
import type { Plan } from './plannedOrg';
import type { Rng } from './random';
import { type IssuedNumbers, newPhone } from './uniqueNumbers';

export type MembersByOrg = Map<string, DemoMember[]>;

/** Each org's members, in roll order (the 书记 first). */
export function groupByOrg(members: readonly DemoMember[]): MembersByOrg {
  const byOrg: MembersByOrg = new Map();
  for (const m of members) {
    let list = byOrg.get(m.orgKey);
    if (!list) byOrg.set(m.orgKey, (list = []));
    list.push(m);
  }
  return byOrg;
}

export function nameOrganizations(ordered: readonly Plan[], byOrg: MembersByOrg): void {
  const formalCount = (p: Plan) => (byOrg.get(p.org.key) ?? []).filter((m) => m.category === 'formal' && m.exitReason === null).length;
  for (const p of ordered) {
    const o = p.org;
    switch (p.nameKind) {
      case 'committee':
        o.name = `中共${p.unit}委员会`;
        o.shortName = `${p.shortUnit}党委`;
        break;
      case 'general':
        o.name = `中共${p.unit}总支部委员会`;
        o.shortName = `${p.shortUnit}党总支`;
        break;
      case 'joint_general':
        o.name = `中共${p.unit}联合总支部委员会`;
        o.shortName = `${p.shortUnit}联合党总支`;
        break;
      case 'branch':
        o.name = formalCount(p) >= 7 ? `中共${p.unit}支部委员会` : `中共${p.unit}支部`;
        o.shortName = `${p.shortUnit}党支部`;
        break;
      case 'joint':
        o.name = formalCount(p) >= 7 ? `中共${p.unit}联合支部委员会` : `中共${p.unit}联合支部`;
        o.shortName = `${p.shortUnit}联合党支部`;
        break;
      case 'group': {
        const parent = p.parent!.org;
        o.name = `${parent.name}${CHINESE_ORDINALS[p.ordinal]}党小组`;
        o.shortName = `${parent.shortName}${CHINESE_ORDINALS[p.ordinal]}党小组`;
        break;
      }
    }
  }
}

/** The 书记 of each org is its contact; orgs without a roll of their own borrow one. */
export function assignContacts(rng: Rng, ordered: readonly Plan[], byOrg: MembersByOrg, issued: IssuedNumbers): void {
  for (const p of ordered) {
    const o = p.org;
    const own = byOrg.get(o.key);
    if (own && own.length > 0 && own[0].exitReason === null) {
      o.contact = own[0].name;
      o.phone = own[0].phone ?? newPhone(rng, issued);
    } else if (p.nameKind !== 'group') {
      // 党委 (组织委员), 党总支 and empty branches: a contact who is not (necessarily) on this roll.
      const first = p.children.find((c) => (byOrg.get(c.org.key)?.length ?? 0) > 0);
      const head = first ? byOrg.get(first.org.key)![0] : null;
      o.contact = head ? head.name : pickFullName(rng, rng.chance(0.75) ? '1' : '2', rng.int(1968, 1990));
      o.phone = head?.phone ?? newPhone(rng, issued);
    }
  }
}

/** 党小组长: active, resident members of the parent branch without another post. */
export function appointGroupLeaders(ordered: readonly Plan[], byOrg: MembersByOrg): void {
  // Groups of one branch take successive members; the first five are left to the branch committee.
  const leaderStart = new Map<string, number>();
  for (const p of ordered) {
    if (p.nameKind !== 'group') continue;
    const parentKey = p.parent!.org.key;
    const list = byOrg.get(parentKey) ?? [];
    let i = leaderStart.get(parentKey) ?? 5;
    while (i < list.length && (list[i].exitReason || list[i].isMobile || list[i].isLost || list[i].jobTitle || list[i].category !== 'formal')) i++;
    if (i < list.length) {
      list[i].jobTitle = '党小组长';
      p.org.contact = list[i].name;
      p.org.phone = list[i].phone;
    }
    leaderStart.set(parentKey, i + 1);
  }
}
