// Members: the grid's pages and counts, one member's record and history, add, edit, exit and its undoing.
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { fieldProblem, id, memberCountsSchema, memberEvent, memberInput, memberListQuery, memberListRow, memberRecord, optText } from '../schemas';
import * as members from '../../services/members/members';
import { listMembers, memberCounts } from '../../services/members/memberQuery';
import { memberHistoryNamed } from '../../services/members/memberEvents';
import { undoExit } from '../../services/members/undoExit';

export const memberCalls = {
  listMembers: defineCall({ access: 'read', input: memberListQuery, output: z.object({ rows: z.array(memberListRow), total: z.number() }), run: (ctx, i) => listMembers(ctx, i) }),
  /** The status views' figures; with a search, the figures of the members it finds, view by view. */
  memberCounts: defineCall({
    access: 'read',
    input: z.object({ orgId: z.string().max(64).nullable().optional(), search: z.string().max(100).nullable().optional() }).optional(),
    output: memberCountsSchema,
    run: (ctx, i) => memberCounts(ctx, i?.orgId, i?.search),
  }),
  getMember: defineCall({ access: 'read', input: z.object({ id }), output: memberRecord, run: (ctx, i) => members.getMember(ctx, i.id) }),
  // checks a form, writes nothing
  validateMember: defineCall({ access: 'read', input: z.object({ id: id.nullable().optional(), member: memberInput }), output: z.array(fieldProblem), run: (ctx, i) => members.validateMember(ctx, i.member, i.id ?? null) }),
  createMember: defineCall({ access: 'write', input: memberInput, output: memberRecord, run: (ctx, i) => members.createMember(ctx, i) }),
  updateMember: defineCall({ access: 'write', input: z.object({ id, patch: memberInput.partial() }), output: memberRecord, run: (ctx, i) => members.updateMember(ctx, i.id, i.patch) }),
  exitMember: defineCall({ access: 'write', input: z.object({ id, reason: z.string().max(40), date: z.string().max(20), note: optText }), output: memberRecord, run: (ctx, i) => members.exitMember(ctx, i.id, i) }),
  undoExit: defineCall({ access: 'write', input: z.object({ id, reason: z.string().max(500) }), output: memberRecord, run: (ctx, i) => undoExit(ctx, i.id, i) }),
  memberHistory: defineCall({ access: 'read', input: z.object({ id }), output: z.array(memberEvent.extend({ names: z.record(z.string(), z.string()) })), run: (ctx, i) => memberHistoryNamed(ctx.archive, i.id) }),
};
