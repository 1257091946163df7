// Printing: each call returns the self-contained HTML of one print template, for the preview, for
// Electron's hidden print window, and for the CLI (`print … --html FILE`).
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { id, memberView } from '../schemas';
import { collectionFormData, memberFileData, rosterData, transferLetterData } from '../../services/print/memberPrinting';
import { collectionFormsHtml } from '../../services/print/collectionFormHtml';
import { memberFileHtml, memberFilesHtml } from '../../services/print/memberFileHtml';
import { rosterHtml } from '../../services/print/rosterHtml';
import { transferLetterHtml } from '../../services/print/transferLetterHtml';
import { listMembers } from '../../services/members/memberQuery';
import { DomainError } from '../../services/core/errors';
import { jobsOf, throwIfCancelled } from '../../services/core/jobs';
import { jobStatusSchema } from './importExport';
import { activistRecordData, fullMembershipVoteData, publicityNoticeData, reviewResultsData } from '../../services/print/developmentPrinting';
import { activistRecordHtml } from '../../services/print/activistRecordHtml';
import { publicityNoticeHtml } from '../../services/print/publicityNoticeHtml';
import { fullMembershipVoteHtml } from '../../services/print/fullMembershipVoteHtml';
import { reviewResultsHtml } from '../../services/print/reviewResultsHtml';

const html = z.object({ html: z.string(), title: z.string(), pages: z.number().int().optional() });

/** A batch is one PDF; past this many forms the clerk should print branch by branch. */
const BATCH_LIMIT = 2000;

export const printingCalls = {
  printMemberFile: defineCall({
    access: 'read',
    input: z.object({ id }),
    output: html,
    run: async (ctx, i) => {
      const data = await memberFileData(ctx, i.id);
      return { html: memberFileHtml(data), title: `党员基本信息表 ${data.fields.name}`, pages: 1 };
    },
  }),
  printMemberFiles: defineCall({
    access: 'read',
    input: z.object({ orgId: id.nullable().optional(), view: memberView.optional() }),
    output: html,
    run: async (ctx, i) => {
      const { rows, total } = await listMembers(ctx, { startRow: 0, endRow: BATCH_LIMIT, orgId: i.orgId, view: i.view ?? 'roll', sort: [{ colId: 'orgName', sort: 'asc' }] });
      if (total > BATCH_LIMIT) throw new DomainError('bad_input', `一次最多批量打印 ${BATCH_LIMIT} 份,当前范围有 ${total} 人,请按党支部分批打印`);
      const list = [];
      for (const r of rows) list.push(await memberFileData(ctx, r.id));
      return { html: memberFilesHtml(list), title: `党员基本信息表(${list.length} 人)`, pages: list.length };
    },
  }),
  /** 党员基本信息采集表 of one member (id) or of every member of a branch or view: one A4 page each. */
  printCollectionForms: defineCall({
    access: 'read',
    input: z.object({ id: id.optional(), orgId: id.nullable().optional(), view: memberView.optional() }),
    output: html,
    run: async (ctx, i) => {
      let ids: string[];
      if (i.id) ids = [i.id];
      else {
        const { rows, total } = await listMembers(ctx, { startRow: 0, endRow: BATCH_LIMIT, orgId: i.orgId, view: i.view ?? 'roll', sort: [{ colId: 'orgName', sort: 'asc' }] });
        if (total > BATCH_LIMIT) throw new DomainError('bad_input', `一次最多批量打印 ${BATCH_LIMIT} 份,当前范围有 ${total} 人,请按党支部分批打印`);
        if (total === 0) throw new DomainError('bad_input', '所选范围内没有党员,没有可打印的采集表');
        ids = rows.map((r) => r.id);
      }
      const list = [];
      for (const memberId of ids) list.push(await collectionFormData(ctx, memberId));
      const title = list.length === 1 ? `党员基本信息采集表 ${list[0].items.name}` : `党员基本信息采集表(${list.length} 人)`;
      return { html: collectionFormsHtml(list), title, pages: list.length };
    },
  }),
  /** The same batch as a job, for the window: progress member by member, and cancel. */
  startPrintBatch: defineCall({
    access: 'read',
    input: z.object({ orgId: id.nullable().optional(), view: memberView.optional() }),
    output: jobStatusSchema,
    run: async (ctx, i) => {
      const { rows, total } = await listMembers(ctx, { startRow: 0, endRow: BATCH_LIMIT, orgId: i.orgId, view: i.view ?? 'roll', sort: [{ colId: 'orgName', sort: 'asc' }] });
      if (total > BATCH_LIMIT) throw new DomainError('bad_input', `一次最多批量打印 ${BATCH_LIMIT} 份,当前范围有 ${total} 人,请按党支部分批打印`);
      return jobsOf(ctx.archive).start('printBatch', async ({ signal, progress }) => {
        const list = [];
        for (const [n, r] of rows.entries()) {
          throwIfCancelled(signal);
          progress(n, rows.length, `正在准备第 ${n + 1} / ${rows.length} 份`);
          list.push(await memberFileData(ctx, r.id));
        }
        progress(rows.length, rows.length);
        return { html: memberFilesHtml(list), title: `党员基本信息表(${list.length} 人)`, pages: list.length };
      });
    },
  }),
  printRoster: defineCall({
    access: 'read',
    input: z.object({
      orgId: id.nullable().optional(),
      view: memberView.optional(),
      columns: z.array(z.string().max(40)).max(30).optional(),
      /** Unset: per branch for the whole township, one table otherwise. */
      layout: z.enum(['perBranch', 'flat']).optional(),
    }),
    output: html,
    run: async (ctx, i) => {
      const data = await rosterData(ctx, i);
      return { html: rosterHtml(data), title: data.title };
    },
  }),
  printTransferLetter: defineCall({
    access: 'read',
    input: z.object({ letter: z.string().min(1).max(40) }),
    output: html,
    run: async (ctx, i) => {
      const data = await transferLetterData(ctx, i.letter);
      return { html: transferLetterHtml(data), title: `组织关系介绍信 ${data.letterNumber}`, pages: 1 };
    },
  }),
  // The forms of the development pipeline and the yearly work.
  printActivistRecord: defineCall({
    access: 'read',
    input: z.object({ id }),
    output: html,
    run: async (ctx, i) => {
      const data = await activistRecordData(ctx, i.id);
      return { html: activistRecordHtml(data), title: `入党积极分子培养考察登记表 ${data.person.name}`, pages: 1 };
    },
  }),
  printPublicityNotice: defineCall({
    access: 'read',
    input: z.object({ orgId: id }),
    output: html,
    run: async (ctx, i) => {
      const data = await publicityNoticeData(ctx, i.orgId);
      return { html: publicityNoticeHtml(data), title: `发展对象公示 ${data.orgName}` };
    },
  }),
  printFullMembershipVote: defineCall({
    access: 'read',
    input: z.object({ memberId: id }),
    output: html,
    run: async (ctx, i) => {
      const data = await fullMembershipVoteData(ctx, i.memberId);
      return { html: fullMembershipVoteHtml(data), title: `预备党员转正表决结果 ${data.member.name}`, pages: 1 };
    },
  }),
  printReviewResults: defineCall({
    access: 'read',
    input: z.object({ orgId: id, year: z.number().int().min(2000).max(2100) }),
    output: html,
    run: async (ctx, i) => {
      const data = await reviewResultsData(ctx, i.orgId, i.year);
      return { html: reviewResultsHtml(data), title: `${data.orgName} ${data.year}年度民主评议党员结果` };
    },
  }),
};
