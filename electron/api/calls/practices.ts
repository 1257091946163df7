// 党建实务 (items 1–3): 结对共建, 五事工作法, 组织生活, their prints and the yearly summary of all
// practices (sections registered in services/practices/practicesSummary.ts).
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { id, nullableText, optText } from '../schemas';
import { addHelpEntry, correctHelpEntry, createPair, deleteHelpEntry, endPair, listPairs, pairYearRecord } from '../../services/practices/pairing';
import { carryOutMatter, discussMatter, getMatter, listMatters, proposeMatter, stopMatter, superviseMatter, undoMatterStep, villageAffairsSummary, voteMatter } from '../../services/practices/villageAffairs';
import { addMeetingFile, branchRosterOn, branchYear, correctMeeting, deleteMeeting, getMeeting, getMeetingFile, listMeetings, longAbsentees, recordMeeting } from '../../services/practices/orgLife';
import { practicesSummary } from '../../services/practices/practicesSummary';
import { affairsFunnelHtml, meetingMinutesHtml, pairYearHtml } from '../../services/print/practicesHtml';
import { requireTownship } from '../../services/core/settings';

const day = z.string().max(20);
const year = z.number().int().min(2000).max(2100);
const count = z.number().int().min(0).max(100_000_000_000);
const html = z.object({ html: z.string(), title: z.string() });

const totals = z.object({ entries: z.number(), measures: z.number(), problemsSolved: z.number(), moneyFen: z.number(), goodsFen: z.number(), cadresExchanged: z.number(), trainings: z.number(), trainees: z.number() });
const pair = z.object({
  id, name: z.string(), kind: z.string(), kindLabel: z.string(), startDate: z.string(), endDate: nullableText, jointOrgId: nullableText, jointOrgName: nullableText, note: nullableText,
  units: z.array(z.object({ id, role: z.string(), name: z.string(), orgId: nullableText })), year: totals, all: totals,
});
const helpEntry = z.object({
  id, pairId: id, date: z.string(), measures: z.number(), measuresText: nullableText, problemsSolved: z.number(), moneyFen: z.number(), goods: nullableText, goodsFen: z.number(),
  cadresExchanged: z.number(), trainings: z.number(), trainees: z.number(), note: nullableText,
});

const nb = z.boolean().nullable();
const nn = z.number().nullable();
const matter = z.object({
  id, orgId: id, orgName: z.string(), title: z.string(), stage: z.string(), stageLabel: z.string(), proposedBy: z.string(), proposedDate: z.string(), proposal: nullableText,
  discussedDate: nullableText, amended: nb, discussionOutcome: nullableText, voteDate: nullableText, votersPresent: nn, votesFor: nn, votesAgainst: nn, votesAbstain: nn, passed: nb,
  handler: nullableText, deadline: nullableText, doneDate: nullableText, supervisedDate: nullableText, madePublic: nb, satisfaction: nn, supervisionNote: nullableText,
  stoppedAt: nullableText, stopDate: nullableText, stopReason: nullableText, overdue: z.boolean(),
});
const funnel = z.object({ proposed: z.number(), discussed: z.number(), amended: z.number(), voted: z.number(), passed: z.number(), done: z.number(), supervised: z.number(), stopped: z.number(), overdue: z.number() });
const affairsSummary = z.object({ asOf: z.string(), township: funnel, villages: z.array(funnel.extend({ orgId: id, orgName: z.string() })) });

const meetingBase = { id, orgId: id, orgName: z.string(), kind: z.string(), kindLabel: z.string(), date: z.string(), topic: z.string(), presidedBy: z.string(), place: nullableText, present: z.number(), leave: z.number(), absent: z.number() };
const meeting = z.object({
  ...meetingBase, minutes: nullableText,
  attendance: z.array(z.object({ memberId: id, name: z.string(), status: z.string(), reason: nullableText })),
  files: z.array(z.object({ id, fileName: z.string(), mime: z.string(), size: z.number(), sha256: z.string() })),
});
const meetingRow = z.object({ ...meetingBase, files: z.number() });
const fileInput = z.object({ fileName: z.string().max(200), mime: z.string().max(100), contentBase64: z.string().max(28_000_000) });
const branchYearOut = z.object({
  orgId: id, orgName: z.string(), year: z.number(),
  kinds: z.array(z.object({ kind: z.string(), label: z.string(), held: z.number(), expected: nn, expectedToDate: nn })),
  members: z.array(z.object({ memberId: id, name: z.string(), meetings: z.number(), present: z.number(), leave: z.number(), absent: z.number(), rate: nn })),
});
const absentee = z.object({ memberId: id, name: z.string(), orgId: id, orgName: z.string(), firstAbsent: z.string(), absences: z.number(), lastAttended: nullableText });

export const practicesCalls = {
  // ---- 结对共建 ----
  listPairs: defineCall({ access: 'read', input: z.object({ year }), output: z.array(pair), run: (ctx, i) => listPairs(ctx, i.year) }),
  pairYear: defineCall({ access: 'read', input: z.object({ id, year }), output: z.object({ pair, yearNumber: z.number(), entries: z.array(helpEntry) }), run: (ctx, i) => pairYearRecord(ctx, i.id, i.year) }),
  createPair: defineCall({
    access: 'write',
    input: z.object({
      name: z.string().max(200), kind: z.string().max(40), startDate: day, jointOrgId: id.nullable().optional(), note: optText,
      units: z.array(z.object({ role: z.enum(['helper', 'helped']), name: z.string().max(200), orgId: id.nullable().optional() })).max(50),
    }),
    output: pair, run: (ctx, i) => createPair(ctx, i),
  }),
  endPair: defineCall({ access: 'write', input: z.object({ id, endDate: day }), output: pair, run: (ctx, i) => endPair(ctx, i) }),
  addHelpEntry: defineCall({
    access: 'write',
    input: z.object({
      pairId: id, date: day, measures: count.optional(), measuresText: optText, problemsSolved: count.optional(), moneyFen: count.optional(), goods: optText, goodsFen: count.optional(),
      cadresExchanged: count.optional(), trainings: count.optional(), trainees: count.optional(), note: optText,
    }),
    output: helpEntry, run: (ctx, i) => addHelpEntry(ctx, i),
  }),
  correctHelpEntry: defineCall({
    access: 'write',
    input: z.object({
      id, date: day, measures: count.optional(), measuresText: optText, problemsSolved: count.optional(), moneyFen: count.optional(), goods: optText, goodsFen: count.optional(),
      cadresExchanged: count.optional(), trainings: count.optional(), trainees: count.optional(), note: optText, reason: z.string().max(500),
    }),
    output: helpEntry, run: (ctx, i) => correctHelpEntry(ctx, i.id, i),
  }),
  deleteHelpEntry: defineCall({ access: 'write', input: z.object({ id, reason: z.string().max(500) }), output: z.object({ deleted: z.literal(true) }), run: (ctx, i) => deleteHelpEntry(ctx, i.id, i) }),
  printPairYear: defineCall({
    access: 'read',
    input: z.object({ id, year }), output: html,
    run: async (ctx, i) => {
      const r = await pairYearRecord(ctx, i.id, i.year);
      return { html: pairYearHtml(r, (await requireTownship(ctx)).name), title: `${r.pair.name} ${i.year} 年度结对共建记录` };
    },
  }),
  // ---- 五事工作法 ----
  listMatters: defineCall({ access: 'read', input: z.object({ year, orgId: id.nullable().optional(), stage: z.string().max(20).nullable().optional() }), output: z.array(matter), run: (ctx, i) => listMatters(ctx, i) }),
  getMatter: defineCall({ access: 'read', input: z.object({ id }), output: matter, run: (ctx, i) => getMatter(ctx, i.id) }),
  proposeMatter: defineCall({ access: 'write', input: z.object({ orgId: id, title: z.string().max(400), proposedBy: z.string().max(200), date: day, proposal: optText }), output: matter, run: (ctx, i) => proposeMatter(ctx, i) }),
  discussMatter: defineCall({ access: 'write', input: z.object({ id, date: day, amended: z.boolean(), outcome: optText }), output: matter, run: (ctx, i) => discussMatter(ctx, i) }),
  voteMatter: defineCall({
    access: 'write',
    input: z.object({ id, date: day, votersPresent: z.number().int().min(0).max(100_000), votesFor: z.number().int().min(0).max(100_000), votesAgainst: z.number().int().min(0).max(100_000), votesAbstain: z.number().int().min(0).max(100_000) }),
    output: matter, run: (ctx, i) => voteMatter(ctx, i),
  }),
  carryOutMatter: defineCall({ access: 'write', input: z.object({ id, handler: z.string().max(200), deadline: day, doneDate: day.nullable().optional() }), output: matter, run: (ctx, i) => carryOutMatter(ctx, i) }),
  superviseMatter: defineCall({ access: 'write', input: z.object({ id, date: day, madePublic: z.boolean(), satisfaction: z.number().int().min(0).max(100).nullable().optional(), note: optText }), output: matter, run: (ctx, i) => superviseMatter(ctx, i) }),
  stopMatter: defineCall({ access: 'write', input: z.object({ id, date: day, reason: z.string().max(1000) }), output: matter, run: (ctx, i) => stopMatter(ctx, i) }),
  undoMatterStep: defineCall({ access: 'write', input: z.object({ id, reason: z.string().max(500) }), output: matter, run: (ctx, i) => undoMatterStep(ctx, i.id, i) }),
  affairsSummary: defineCall({ access: 'read', input: z.object({ year }), output: affairsSummary, run: (ctx, i) => villageAffairsSummary(ctx, i.year) }),
  printAffairsFunnel: defineCall({
    access: 'read',
    input: z.object({ year }), output: html,
    run: async (ctx, i) => {
      const township = (await requireTownship(ctx)).name;
      return { html: affairsFunnelHtml(await villageAffairsSummary(ctx, i.year), i.year, township), title: `${township} ${i.year} 年五事工作法统计` };
    },
  }),
  // ---- 组织生活 ----
  listMeetings: defineCall({ access: 'read', input: z.object({ year, orgId: id.nullable().optional(), kind: z.string().max(20).nullable().optional() }), output: z.array(meetingRow), run: (ctx, i) => listMeetings(ctx, i) }),
  getMeeting: defineCall({ access: 'read', input: z.object({ id }), output: meeting, run: (ctx, i) => getMeeting(ctx, i.id) }),
  branchRoster: defineCall({ access: 'read', input: z.object({ orgId: id, date: day }), output: z.array(z.object({ id, name: z.string(), category: z.string(), committee: z.boolean() })), run: (ctx, i) => branchRosterOn(ctx, i.orgId, i.date) }),
  recordMeeting: defineCall({
    access: 'write',
    input: z.object({
      orgId: id, kind: z.string().max(20), date: day, topic: z.string().max(400), presidedBy: z.string().max(120), place: optText, minutes: z.string().max(50_000).nullable().optional(),
      attendance: z.array(z.object({ memberId: id, status: z.string().max(20), reason: optText })).max(5000), files: z.array(fileInput).max(20).optional(),
    }),
    output: meeting, run: (ctx, i) => recordMeeting(ctx, i),
  }),
  correctMeeting: defineCall({
    access: 'write',
    input: z.object({
      id, kind: z.string().max(20), date: day, topic: z.string().max(400), presidedBy: z.string().max(120), place: optText, minutes: z.string().max(50_000).nullable().optional(),
      attendance: z.array(z.object({ memberId: id, status: z.string().max(20), reason: optText })).max(5000), reason: z.string().max(500),
    }),
    output: meeting, run: (ctx, i) => correctMeeting(ctx, i.id, i),
  }),
  deleteMeeting: defineCall({ access: 'write', input: z.object({ id, reason: z.string().max(500) }), output: z.object({ deleted: z.literal(true) }), run: (ctx, i) => deleteMeeting(ctx, i.id, i) }),
  // county exchange: status, previews, logs
  addMeetingFile: defineCall({ access: 'write', input: fileInput.extend({ meetingId: id }), output: meeting, run: (ctx, i) => addMeetingFile(ctx, i) }),
  getMeetingFile: defineCall({ access: 'read', input: z.object({ id }), output: fileInput, run: (ctx, i) => getMeetingFile(ctx, i.id) }),
  branchYear: defineCall({ access: 'read', input: z.object({ orgId: id, year }), output: branchYearOut, run: (ctx, i) => branchYear(ctx, i.orgId, i.year) }),
  orgLifeAbsentees: defineCall({ access: 'read', input: z.object({}).optional(), output: z.array(absentee), run: (ctx) => longAbsentees(ctx) }),
  printMeetingMinutes: defineCall({
    access: 'read',
    input: z.object({ id }), output: html,
    run: async (ctx, i) => {
      const m = await getMeeting(ctx, i.id);
      return { html: meetingMinutesHtml(m, (await requireTownship(ctx)).name), title: `${m.orgName} ${m.kindLabel}会议记录 ${m.date}` };
    },
  }),
  // ---- all practices ----
  // 党建实务 (practices): records
  practicesSummary: defineCall({
    access: 'read',
    input: z.object({ year }), output: z.object({ year: z.number(), titles: z.record(z.string(), z.string()), sections: z.record(z.string(), z.unknown()) }),
    run: (ctx, i) => practicesSummary(ctx, i.year),
  }),
};
