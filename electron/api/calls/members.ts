// Members: the grid's pages and counts, one member's record and history, add, edit, exit.
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { fieldProblem, id, memberCountsSchema, memberEvent, memberInput, memberListQuery, memberListRow, memberRecord, optText } from '../schemas';
import * as members from '../../services/members/members';
import { listMembers, memberCounts } from '../../services/members/memberQuery';
import { memberHistory } from '../../services/members/memberEvents';

export const memberCalls = {
  listMembers: defineCall({ input: memberListQuery, output: z.object({ rows: z.array(memberListRow), total: z.number() }), write: false, run: (ctx, i) => listMembers(ctx, i) }),
  memberCounts: defineCall({ input: z.object({ orgId: z.string().max(64).nullable().optional() }).optional(), output: memberCountsSchema, write: false, run: (ctx, i) => memberCounts(ctx, i?.orgId) }),
  getMember: defineCall({ input: z.object({ id }), output: memberRecord, write: false, run: (ctx, i) => members.getMember(ctx, i.id) }),
  validateMember: defineCall({ input: z.object({ id: id.nullable().optional(), member: memberInput }), output: z.array(fieldProblem), write: false, run: (ctx, i) => members.validateMember(ctx, i.member, i.id ?? null) }),
  createMember: defineCall({ input: memberInput, output: memberRecord, write: true, run: (ctx, i) => members.createMember(ctx, i) }),
  updateMember: defineCall({ input: z.object({ id, patch: memberInput.partial() }), output: memberRecord, write: true, run: (ctx, i) => members.updateMember(ctx, i.id, i.patch) }),
  exitMember: defineCall({ input: z.object({ id, reason: z.string().max(40), date: z.string().max(20), note: optText }), output: memberRecord, write: true, run: (ctx, i) => members.exitMember(ctx, i.id, i) }),
  memberHistory: defineCall({ input: z.object({ id }), output: z.array(memberEvent), write: false, run: (ctx, i) => memberHistory(ctx.archive, i.id) }),
};
