// 党建实务 items 4–6: 培训 (sessions, attendees, hours per member, the yearly target), 党内关爱 (funds, income,
// aid, the ledger, members due a visit), 设岗定责, 公开承诺 and 党建联系点, their figures and their A4 prints.
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { id, nullableText, optText } from '../schemas';
import { todayOf } from '../../services/core/context';
import { requireTownship } from '../../services/core/settings';
import {
  deleteTrainingSession, getTrainingSession, getTrainingTarget, listTrainingSessions, saveTrainingSession, setTrainingTarget, trainingHours, trainingSummary, PLACE_KINDS,
} from '../../services/practices/training';
import { addFundIncome, careLedger, careSummary, createCareFund, deleteAid, deleteFundIncome, dueVisits, getAid, listAids, listCareFunds, recordAid, AID_KINDS } from '../../services/practices/care';
import { deletePost, listCommitments, listLiaisons, listPosts, postsSummary, reviewCommitment, saveCommitment, saveLiaison, savePost, POST_KINDS, REVIEW_RESULTS } from '../../services/practices/posts';
import { careLedgerHtml, postsRosterHtml, trainingSignInHtml } from '../../services/print/careHtml';

const day = z.string().max(20);
const year = z.number().int().min(2000).max(2100);
const fen = z.number().int().min(-1_000_000_000).max(1_000_000_000);
const html = z.object({ html: z.string(), title: z.string() });

const session = z.object({
  id, date: z.string(), topic: z.string(), placeKind: z.string(), placeKindLabel: z.string(), place: z.string(), hours: z.number(), organizer: z.string(), note: nullableText,
  attendees: z.number(), personHours: z.number(),
});
const sessionDetail = session.extend({ attendeeList: z.array(z.object({ memberId: id, name: z.string(), orgId: id, orgName: z.string() })) });
const memberHours = z.object({ memberId: id, name: z.string(), orgId: id, orgName: z.string(), sessions: z.number(), hours: z.number(), belowTarget: z.boolean() });
const trainingSummarySchema = z.object({
  sessions: z.number(), byPlaceKind: z.record(z.enum(PLACE_KINDS), z.number()), personTimes: z.number(), personHours: z.number(), membersTrained: z.number(), target: z.number(), onRoll: z.number(), belowTarget: z.number(),
});

const fund = z.object({ id, name: z.string(), note: nullableText, incomeFen: z.number(), outFen: z.number(), balanceFen: z.number() });
const aid = z.object({
  id, memberId: id, name: z.string(), orgName: z.string(), date: z.string(), kind: z.string(), kindLabel: z.string(), amountFen: z.number(), fundId: nullableText, fundName: nullableText,
  givenBy: z.string(), reason: nullableText, note: nullableText,
});
const ledgerEntry = z.object({ id, date: z.string(), kind: z.enum(['income', 'aid']), summary: z.string(), inFen: z.number(), outFen: z.number(), balanceFen: z.number() });
const fundLedger = z.object({ fundId: id, fundName: z.string(), openingFen: z.number(), entries: z.array(ledgerEntry), inFen: z.number(), outFen: z.number(), closingFen: z.number() });
const dueVisit = z.object({
  memberId: id, name: z.string(), orgName: z.string(), joinDate: z.string(), partyYears: z.number(), hardship: z.boolean(), oldMember: z.boolean(), politicalBirthday: z.boolean(),
  reasons: z.array(z.string()), lastAidDate: nullableText, visitedThisMonth: z.boolean(),
});
const careSummarySchema = z.object({
  aids: z.number(), amountFen: z.number(), byKind: z.record(z.enum(AID_KINDS), z.object({ count: z.number(), amountFen: z.number() })), membersHelped: z.number(), incomeFen: z.number(),
  funds: z.array(z.object({ name: z.string(), incomeFen: z.number(), outFen: z.number(), balanceFen: z.number() })), balanceFen: z.number(),
});

const post = z.object({ id, memberId: id, name: z.string(), orgName: z.string(), kind: z.string(), kindLabel: z.string(), post: z.string(), area: nullableText, fromDate: z.string(), toDate: nullableText, note: nullableText });
const commitment = z.object({
  id, memberId: id, name: z.string(), orgName: z.string(), year: z.number(), commitment: z.string(), madeDate: z.string(), reviewResult: nullableText, reviewLabel: nullableText, reviewDate: nullableText, reviewNote: nullableText,
});
const liaison = z.object({ id, leaderName: z.string(), leaderPost: z.string(), orgId: nullableText, unit: z.string(), fromDate: z.string(), toDate: nullableText, note: nullableText });
const postsSummarySchema = z.object({
  posts: z.number(), byKind: z.record(z.enum(POST_KINDS), z.number()), membersWithPost: z.number(), commitments: z.number(), reviewed: z.number(),
  byResult: z.record(z.enum(REVIEW_RESULTS), z.number()), liaisonPoints: z.number(), liaisonLeaders: z.number(),
});

export const practicesCareCalls = {
  // ---- 培训 ----
  trainingSessions: defineCall({ access: 'read', input: z.object({ year }), output: z.array(session), run: (ctx, i) => listTrainingSessions(ctx, i.year) }),
  getTrainingSession: defineCall({ access: 'read', input: z.object({ id }), output: sessionDetail, run: (ctx, i) => getTrainingSession(ctx, i.id) }),
  saveTrainingSession: defineCall({
    access: 'write',
    input: z.object({
      id: id.nullable().optional(), date: day, topic: z.string().max(200), placeKind: z.string().max(20), place: z.string().max(200), hours: z.number().nullable(), organizer: z.string().max(100), note: optText,
      attendeeIds: z.array(id).max(5000), reason: optText,
    }),
    output: sessionDetail, run: (ctx, i) => saveTrainingSession(ctx, i),
  }),
  deleteTrainingSession: defineCall({ access: 'write', input: z.object({ id, reason: z.string().max(500) }), output: z.object({ ok: z.literal(true) }), run: async (ctx, i) => (await deleteTrainingSession(ctx, i.id, i), { ok: true as const }) }),
  trainingHours: defineCall({
    access: 'read',
    input: z.object({ year, orgId: id.nullable().optional(), onlyBelow: z.boolean().optional() }),
    output: z.object({ year: z.number(), asOf: z.string(), target: z.number(), rows: z.array(memberHours), belowTarget: z.number() }),
    run: (ctx, i) => trainingHours(ctx, i.year, i),
  }),
  trainingTarget: defineCall({ access: 'read', input: z.object({}).optional(), output: z.number(), run: (ctx) => getTrainingTarget(ctx) }),
  // the yearly 学时 target every member is measured against
  setTrainingTarget: defineCall({ access: 'rules', input: z.object({ hours: z.number() }), output: z.number(), run: (ctx, i) => setTrainingTarget(ctx, i.hours) }),
  trainingSummary: defineCall({ access: 'read', input: z.object({ year }), output: trainingSummarySchema, run: (ctx, i) => trainingSummary(ctx, i.year) }),
  // ---- 党内关爱 ----
  careFunds: defineCall({ access: 'read', input: z.object({ asOf: day.optional() }).optional(), output: z.array(fund), run: (ctx, i) => listCareFunds(ctx, i?.asOf) }),
  createCareFund: defineCall({ access: 'write', input: z.object({ name: z.string().max(100), note: optText }), output: fund, run: (ctx, i) => createCareFund(ctx, i) }),
  addCareFundIncome: defineCall({
    access: 'write',
    input: z.object({ fundId: id, date: day, amountFen: fen, source: z.string().max(200), note: optText }),
    output: z.object({ id, balanceFen: z.number() }), run: (ctx, i) => addFundIncome(ctx, i),
  }),
  deleteCareFundIncome: defineCall({ access: 'write', input: z.object({ id }), output: z.object({ ok: z.literal(true) }), run: async (ctx, i) => (await deleteFundIncome(ctx, i.id), { ok: true as const }) }),
  recordCareAid: defineCall({
    access: 'write',
    input: z.object({ id: id.nullable().optional(), memberId: id, date: day, kind: z.string().max(20), amountFen: fen, fundId: id.nullable().optional(), givenBy: z.string().max(100), reason: optText, note: optText, correctionReason: optText }),
    output: aid, run: (ctx, i) => recordAid(ctx, i),
  }),
  deleteCareAid: defineCall({ access: 'write', input: z.object({ id, reason: z.string().max(500) }), output: z.object({ ok: z.literal(true) }), run: async (ctx, i) => (await deleteAid(ctx, i.id, i), { ok: true as const }) }),
  getCareAid: defineCall({ access: 'read', input: z.object({ id }), output: aid, run: (ctx, i) => getAid(ctx, i.id) }),
  careAids: defineCall({ access: 'read', input: z.object({ year }), output: z.array(aid), run: (ctx, i) => listAids(ctx, i.year) }),
  careLedger: defineCall({ access: 'read', input: z.object({ year }), output: z.object({ year: z.number(), funds: z.array(fundLedger) }), run: (ctx, i) => careLedger(ctx, i.year) }),
  careDueVisits: defineCall({
    access: 'read',
    input: z.object({ month: z.string().max(10).optional() }).optional(),
    output: z.object({ asOf: z.string(), month: z.string(), rows: z.array(dueVisit) }), run: (ctx, i) => dueVisits(ctx, i ?? {}),
  }),
  careSummary: defineCall({ access: 'read', input: z.object({ year }), output: careSummarySchema, run: (ctx, i) => careSummary(ctx, i.year) }),
  // ---- 设岗定责, 公开承诺, 党建联系点 ----
  pioneerPosts: defineCall({ access: 'read', input: z.object({ year }), output: z.array(post), run: (ctx, i) => listPosts(ctx, i.year) }),
  savePioneerPost: defineCall({
    access: 'write',
    input: z.object({ id: id.nullable().optional(), memberId: id, kind: z.string().max(20), post: z.string().max(200), area: optText, fromDate: day, toDate: optText, note: optText }),
    output: post, run: (ctx, i) => savePost(ctx, i),
  }),
  deletePioneerPost: defineCall({ access: 'write', input: z.object({ id }), output: z.object({ ok: z.literal(true) }), run: async (ctx, i) => (await deletePost(ctx, i.id), { ok: true as const }) }),
  commitments: defineCall({ access: 'read', input: z.object({ year }), output: z.array(commitment), run: (ctx, i) => listCommitments(ctx, i.year) }),
  saveCommitment: defineCall({ access: 'write', input: z.object({ memberId: id, year, commitment: z.string().max(2000), madeDate: day }), output: commitment, run: (ctx, i) => saveCommitment(ctx, i) }),
  reviewCommitment: defineCall({ access: 'write', input: z.object({ id, result: z.string().max(20), date: day, note: optText }), output: commitment, run: (ctx, i) => reviewCommitment(ctx, i) }),
  liaisonPoints: defineCall({ access: 'read', input: z.object({ year }), output: z.array(liaison), run: (ctx, i) => listLiaisons(ctx, i.year) }),
  saveLiaisonPoint: defineCall({
    access: 'write',
    input: z.object({ id: id.nullable().optional(), leaderName: z.string().max(100), leaderPost: z.string().max(200), orgId: id.nullable().optional(), unit: optText, fromDate: day, toDate: optText, note: optText }),
    output: liaison, run: (ctx, i) => saveLiaison(ctx, i),
  }),
  postsSummary: defineCall({ access: 'read', input: z.object({ year }), output: postsSummarySchema, run: (ctx, i) => postsSummary(ctx, i.year) }),
  // ---- prints ----
  printTrainingSignIn: defineCall({
    access: 'read',
    input: z.object({ id }), output: html,
    run: async (ctx, i) => {
      const s = await getTrainingSession(ctx, i.id);
      return { html: trainingSignInHtml(s, (await requireTownship(ctx)).name, todayOf(ctx)), title: `培训签到表 ${s.date} ${s.topic}` };
    },
  }),
  printCareLedger: defineCall({
    access: 'read',
    input: z.object({ year }), output: html,
    run: async (ctx, i) => ({ html: careLedgerHtml(await careLedger(ctx, i.year), (await requireTownship(ctx)).name, todayOf(ctx)), title: `党内关爱基金收支台账 ${i.year}年` }),
  }),
  printPostsRoster: defineCall({
    access: 'read',
    input: z.object({ year }), output: html,
    run: async (ctx, i) => ({ html: postsRosterHtml(i.year, await listPosts(ctx, i.year), await listLiaisons(ctx, i.year), (await requireTownship(ctx)).name, todayOf(ctx)), title: `设岗定责花名册 ${i.year}年` }),
  }),
};
