// The organization tree: read, create, edit, move, merge, dissolve (never delete).
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { date, id, orgFields, orgInput, orgNode, orgRecord } from '../schemas';
import * as orgs from '../../services/organizations/organizations';

export const organizationCalls = {
  orgTree: defineCall({ access: 'read', input: z.object({}).optional(), output: z.array(orgNode), run: (ctx) => orgs.orgTree(ctx) }),
  getOrg: defineCall({ access: 'read', input: z.object({ id }), output: orgRecord, run: (ctx, i) => orgs.getOrg(ctx, i.id) }),
  createOrg: defineCall({ access: 'write', input: orgInput, output: orgRecord, run: (ctx, i) => orgs.createOrg(ctx, i) }),
  updateOrg: defineCall({ access: 'write', input: z.object({ id, patch: z.object(orgFields).partial() }), output: orgRecord, run: (ctx, i) => orgs.updateOrg(ctx, i.id, i.patch) }),
  moveOrg: defineCall({ access: 'write', input: z.object({ id, parentId: id }), output: orgRecord, run: (ctx, i) => orgs.moveOrg(ctx, i.id, i.parentId) }),
  mergeOrg: defineCall({ access: 'write', input: z.object({ id, targetId: id, date: date.optional() }), output: orgRecord, run: (ctx, i) => orgs.mergeOrg(ctx, i.id, i.targetId, i.date) }),
  dissolveOrg: defineCall({ access: 'write', input: z.object({ id, date: date.optional() }), output: orgRecord, run: (ctx, i) => orgs.dissolveOrg(ctx, i.id, i.date) }),
};
