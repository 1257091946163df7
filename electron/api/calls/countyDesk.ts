// The county's desk over what the townships sent: its 数据校验 (and the day limits it uses), a member's
// record read-only, the organization tree of every township, the 花名册 by township (print and xlsx)
// and the county-wide export with chosen columns. All read what the packages brought; none writes but
// the rules.
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { getCountyRules, runCountyChecks, setCountyRules } from '../../services/exchange/countyChecks';
import { countyMemberRecord } from '../../services/exchange/countyMemberRecord';
import { countyMembersFile, countyOrgTree, countyRosterData, countyRosterFile } from '../../services/exchange/countyRoster';
import { COUNTY_MEMBER_STATUSES } from '../../services/exchange/countyQuery';
import { rosterHtml } from '../../services/print/rosterHtml';

const code = z.string().min(1).max(12);
const memberId = z.string().min(1).max(64);
const status = z.enum(COUNTY_MEMBER_STATUSES);
const columns = z.array(z.string().max(40)).max(60).optional();
const rules = z.object({ arrivalDays: z.number(), overdueDays: z.number() });
const problem = z.object({
  entity: z.enum(['member', 'township']), townshipCode: z.string(), townshipName: z.string(), id: z.string(), name: z.string(), idNumber: z.string().nullable(), orgName: z.string(),
  detail: z.string(),
});
const fileOutput = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), rows: z.number() });
const listInput = z.object({ townshipCode: code.nullable().optional(), status: status.optional(), columns });

export const countyDeskCalls = {
  /** 数据校验 at the county: the checks across townships, and each township's own checks counted per rule. */
  countyChecks: defineCall({
    access: 'read',
    input: z.object({ since: z.string().max(10).nullable().optional() }).optional(),
    output: z.object({
      today: z.string(),
      rules: rules.extend({ since: z.string().nullable() }),
      total: z.number(),
      checks: z.array(z.object({ id: z.enum(['duplicate', 'notReceived', 'letterExpired', 'overdue']), title: z.string(), titleEn: z.string(), problems: z.array(problem) })),
      townshipRules: z.array(z.object({ id: z.string(), title: z.string(), titleEn: z.string() })),
      townships: z.array(
        z.object({ code: z.string(), name: z.string(), available: z.boolean(), note: z.string().nullable(), lastSequence: z.number(), counts: z.record(z.string(), z.number()), total: z.number() }),
      ),
      townshipTotal: z.number(),
    }),
    run: (ctx, i) => runCountyChecks(ctx, i ?? {}),
  }),
  countyRules: defineCall({ access: 'read', input: z.object({}).optional(), output: rules, run: (ctx) => getCountyRules(ctx) }),
  setCountyRules: defineCall({
    access: 'admin',
    input: z.object({ arrivalDays: z.number().optional(), overdueDays: z.number().optional() }),
    output: rules,
    run: (ctx, i) => setCountyRules(ctx, i),
  }),
  /** A member's record as the township sent it, read-only: fields, sub-records, history, the person's other records. `id`: the member's id or 公民身份号码. */
  countyMemberRecord: defineCall({
    access: 'read',
    input: z.object({ townshipCode: code.nullable().optional(), id: memberId }),
    output: z.object({
      townshipCode: z.string(), townshipName: z.string(), id: z.string(), name: z.string(), idNumber: z.string(), onRoll: z.boolean(), statuses: z.array(z.string()),
      fields: z.array(z.object({ label: z.string(), value: z.string() })),
      sections: z.array(z.object({ title: z.string(), columns: z.array(z.string()), rows: z.array(z.array(z.string())) })),
      history: z.array(z.object({ date: z.string(), summary: z.string(), actor: z.string() })),
      otherRecords: z.array(z.object({ townshipCode: z.string(), townshipName: z.string(), id: z.string(), orgName: z.string(), state: z.string(), link: z.string() })),
      lastPackage: z.object({ sequence: z.number(), baggingDate: z.string().nullable() }),
    }),
    run: (ctx, i) => countyMemberRecord(ctx, i.townshipCode ?? null, i.id),
  }),
  countyOrgTree: defineCall({
    access: 'read',
    input: z.object({}).optional(),
    output: z.array(
      z.object({
        id: z.string(), parentId: z.string().nullable(), townshipCode: z.string().nullable(), name: z.string(), type: z.string(), status: z.string(), directCount: z.number(),
        totalCount: z.number(),
      }),
    ),
    run: (ctx) => countyOrgTree(ctx),
  }),
  /** 花名册 by township (A4): a heading, its own 序号 and a subtotal per township. */
  printCountyRoster: defineCall({
    access: 'read',
    input: listInput,
    output: z.object({ html: z.string(), title: z.string() }),
    run: async (ctx, i) => {
      const data = await countyRosterData(ctx, i);
      return { html: rosterHtml(data), title: data.title };
    },
  }),
  exportCountyRoster: defineCall({ access: 'read', input: listInput, output: fileOutput, run: (ctx, i) => countyRosterFile(ctx, i) }),
  exportCountyMembers: defineCall({ access: 'read', input: listInput, output: fileOutput, run: (ctx, i) => countyMembersFile(ctx, i) }),
};
