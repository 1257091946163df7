// What the practices' services share beyond the form rules (core/validation): the branch a record belongs
// to, and a year as a range of days.
import type { ServiceContext } from '../core/context';
import { MEMBER_HOLDING_TYPES } from '../organizations/organizations';
import { ValidationError } from '../core/errors';

/** An organization that holds members (党支部, 联合党支部) and is in use; refuses otherwise, naming it. */
export async function requireBranch(ctx: ServiceContext, orgId: string, field = 'orgId', purpose = ''): Promise<{ id: string; name: string; foundedDate: string | null }> {
  const org = await ctx.archive.queryOne<{ id: string; name: string; type: string; status: string; founded_date: string | null }>('SELECT id, name, type, status, founded_date FROM organizations WHERE id = ?', [orgId]);
  if (!org) throw new ValidationError([{ field, message: '请选择党支部' }]);
  if (!MEMBER_HOLDING_TYPES.has(org.type) || org.status !== 'active') throw new ValidationError([{ field, message: `“${org.name}”不是在用的党支部${purpose}` }]);
  return { id: org.id, name: org.name, foundedDate: org.founded_date };
}

export const yearRange = (year: number): [string, string] => [`${year}-01-01`, `${year}-12-31`];

