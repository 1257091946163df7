// Every call the renderer can make, by name. The preload exposes exactly these as window.api.<name>;
// the contract (contract.ts) gives each its input and output schemas.
export const CALL_NAMES = [
  'getSetup',
  'initTownship',
  'loadDemo',
  'orgTree',
  'getOrg',
  'createOrg',
  'updateOrg',
  'moveOrg',
  'mergeOrg',
  'dissolveOrg',
  'listMembers',
  'memberCounts',
  'getMember',
  'validateMember',
  'createMember',
  'updateMember',
  'exitMember',
  'memberHistory',
  'getPreference',
  'setPreference',
  'checkArchive',
] as const;

export type CallName = (typeof CALL_NAMES)[number];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && (CALL_NAMES as readonly string[]).includes(name);
}
