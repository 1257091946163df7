// The kind of organization a roster's 所在党支部 names, read from the name as offices write it: 党委 (or a
// 委员会 that is no 支部委员会), 党总支 (总支部委员会), 党支部, each 联合 when the name says so. An import
// creates the organization it does not find with the type its name says.

export type NamedOrgType = 'committee' | 'general_branch' | 'joint_general_branch' | 'branch' | 'joint_branch';

export function orgTypeOfName(raw: string): NamedOrgType {
  const name = raw.replace(/\s+/g, '');
  const joint = name.includes('联合');
  if (/总支(部委员会)?$|党总支/.test(name)) return joint ? 'joint_general_branch' : 'general_branch';
  if (/支部(委员会)?$|党支部|支部/.test(name)) return joint ? 'joint_branch' : 'branch';
  if (/党委$|委员会$|党委员会$/.test(name)) return 'committee';
  return joint ? 'joint_branch' : 'branch';
}

/** Members are kept by 党支部 and 联合党支部 only. */
export const holdsMembers = (type: NamedOrgType) => type === 'branch' || type === 'joint_branch';

export const NAMED_TYPE_LABELS: Record<NamedOrgType, string> = { committee: '党委', general_branch: '党总支', joint_general_branch: '联合党总支', branch: '党支部', joint_branch: '联合党支部' };
