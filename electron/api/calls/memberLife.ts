// A member's whole life in the archive: sub-records (职务, 奖惩, 困难情况, 家庭成员, 出国出境, 培训),
// 预备期 (转正, 延长, 取消), 组织关系转接, 流动党员, 失联 and 停止党籍, 档案材料, and the configurable rules.
import { z } from 'zod';
import { defineCall } from '../defineCall';
import { id, memberEvent, memberInput, memberRecord, nullableText, optText } from '../schemas';
import { SUB_RECORD_KINDS, deleteSubRecord, listSubRecords, saveSubRecord } from '../../services/members/subRecords';
import { cancelProbation, confirmFullMembership, extendProbation, probationStatus } from '../../services/members/life/probation';
import { cancelTransferOut, findMemberByIdNumber, listTransfers, recordTransferReceipt, transferIn, transferOut, transferWithinTownship } from '../../services/members/life/transfers';
import { endMobile, mobileRecords, mobileRoster, startMobile, updateMobile } from '../../services/members/life/mobileMembers';
import { lostReview, markFound, markLost, restoreMembership, suspendMembership } from '../../services/members/life/lostContact';
import { addMemberFile, getMemberFileContent, listMemberFiles, MAX_FILE_BYTES, removeMemberFile } from '../../services/members/memberFiles';
import { memberDossier } from '../../services/members/memberDossier';
import { getLifeRules, setLifeRules } from '../../services/core/settings';

const subRecordKind = z.enum(SUB_RECORD_KINDS);
const subRecordValues = z.record(z.string().max(40), z.union([z.string().max(2000), z.number(), z.null()]));
const subRecord = z.object({ id, memberId: id, kind: subRecordKind, values: subRecordValues, seq: z.number(), updatedAt: z.string() });

const count = z.number().int().min(0).max(100000);
const vote = z.object({ entitled: count, present: count, yes: count, no: count, abstain: count });
const decisionInput = z.object({ id, meetingDate: z.string().max(20), vote, note: optText });
const probationDecision = z.object({
  id, kind: z.string(), meetingDate: z.string(), entitled: z.number(), present: z.number(), yes: z.number(), no: z.number(), abstain: z.number(),
  extendMonths: z.number().nullable(), probationEnd: z.string(), note: nullableText,
});
const probation = z.object({
  memberId: id, category: z.string(), joinDate: z.string(), regularEnd: z.string(), probationEnd: z.string(), extendMonths: z.number().nullable(), decisions: z.array(probationDecision),
});

const transfer = z.object({
  id, memberId: id, memberName: z.string(), idNumber: z.string(), direction: z.string(), status: z.string(), transferDate: z.string(),
  letterNumber: nullableText, fromOrgId: nullableText, fromOrgName: nullableText, toOrgId: nullableText, toOrgName: nullableText,
  destination: nullableText, origin: nullableText, duesPaidTo: nullableText, validUntil: nullableText, receiptDate: nullableText, note: nullableText,
});

const mobileInput = { destination: z.string().max(200), since: z.string().max(20), contact: z.string().max(100), certificateNo: optText, destinationBranch: optText, note: optText };
const mobileRecord = z.object({
  id, memberId: id, destination: z.string(), since: z.string(), contact: z.string(), certificateNo: nullableText, destinationBranch: nullableText, endDate: nullableText, note: nullableText,
});
const mobileRosterRow = z.object({
  memberId: id, name: z.string(), idNumber: z.string(), phone: nullableText, orgId: id, orgName: z.string(),
  destination: nullableText, since: nullableText, contact: nullableText, certificateNo: nullableText, destinationBranch: nullableText,
});
const lostRow = z.object({ memberId: id, name: z.string(), orgId: id, orgName: z.string(), lostReason: nullableText, lostDate: z.string(), dueDate: z.string(), due: z.boolean() });

const fileMeta = z.object({ id, memberId: id, docType: z.string(), title: nullableText, fileName: z.string(), mime: z.string(), size: z.number(), sha256: z.string(), createdAt: z.string() });
const filesView = z.object({ files: z.array(fileMeta), checklist: z.array(z.object({ docType: z.string(), present: z.boolean() })), missing: z.array(z.string()) });

const lifeRules = z.object({ letterValidityMonths: z.number(), lostMonthsBeforeSuspension: z.number() });

export const memberLifeCalls = {
  // ---- sub-records ----
  listSubRecords: defineCall({ access: 'read', input: z.object({ memberId: id, kind: subRecordKind }), output: z.array(subRecord), run: (ctx, i) => listSubRecords(ctx, i.memberId, i.kind) }),
  saveSubRecord: defineCall({
    access: 'write',
    input: z.object({ memberId: id, kind: subRecordKind, id: id.nullable().optional(), values: subRecordValues }),
    output: subRecord,
    run: (ctx, i) => saveSubRecord(ctx, i),
  }),
  deleteSubRecord: defineCall({
    access: 'write',
    input: z.object({ kind: subRecordKind, id, reason: optText }),
    output: z.null(),
    run: async (ctx, i) => {
      await deleteSubRecord(ctx, i.kind, i.id, i.reason);
      return null;
    },
  }),
  memberDossier: defineCall({
    access: 'read',
    input: z.object({ id }),
    output: z.object({
      member: memberRecord, subRecords: z.record(subRecordKind, z.array(subRecord)), probation, transfers: z.array(transfer), mobile: z.array(mobileRecord), files: filesView, history: z.array(memberEvent),
      partyAge: z.number().nullable(),
    }),
    run: (ctx, i) => memberDossier(ctx, i.id),
  }),
  // ---- 预备期 ----
  probationStatus: defineCall({ access: 'read', input: z.object({ id }), output: probation, run: (ctx, i) => probationStatus(ctx, i.id) }),
  confirmFullMembership: defineCall({ access: 'write', input: decisionInput, output: memberRecord, run: (ctx, i) => confirmFullMembership(ctx, i.id, i) }),
  extendProbation: defineCall({ access: 'write', input: decisionInput.extend({ months: z.number().int().min(0).max(100) }), output: memberRecord, run: (ctx, i) => extendProbation(ctx, i.id, i) }),
  cancelProbation: defineCall({ access: 'write', input: decisionInput, output: memberRecord, run: (ctx, i) => cancelProbation(ctx, i.id, i) }),
  // ---- 组织关系转接 ----
  listTransfers: defineCall({
    access: 'read',
    input: z.object({ pending: z.boolean().optional(), direction: z.enum(['internal', 'out', 'in']).nullable().optional(), memberId: id.nullable().optional() }).optional(),
    output: z.array(transfer),
    run: (ctx, i) => listTransfers(ctx, i ?? {}),
  }),
  transferWithinTownship: defineCall({ access: 'write', input: z.object({ id, toOrgId: z.string().max(64), date: z.string().max(20), note: optText }), output: memberRecord, run: (ctx, i) => transferWithinTownship(ctx, i.id, i) }),
  transferOut: defineCall({
    access: 'write',
    input: z.object({ id, date: z.string().max(20), destination: z.string().max(300), duesPaidTo: z.string().max(10), validityMonths: z.number().int().min(0).max(100).nullable().optional(), note: optText }),
    output: transfer,
    run: (ctx, i) => transferOut(ctx, i.id, i),
  }),
  recordTransferReceipt: defineCall({ access: 'write', input: z.object({ transferId: id, date: z.string().max(20), note: optText }), output: memberRecord, run: (ctx, i) => recordTransferReceipt(ctx, i.transferId, i) }),
  cancelTransferOut: defineCall({ access: 'write', input: z.object({ transferId: id, date: z.string().max(20), reason: z.string().max(500) }), output: memberRecord, run: (ctx, i) => cancelTransferOut(ctx, i.transferId, i) }),
  findMemberByIdNumber: defineCall({ access: 'read', input: z.object({ idNumber: z.string().max(40) }), output: memberRecord.nullable(), run: (ctx, i) => findMemberByIdNumber(ctx, i.idNumber) }),
  transferIn: defineCall({
    access: 'write',
    input: z.object({
      date: z.string().max(20), letterNumber: z.string().max(100), origin: z.string().max(300), orgId: z.string().max(64), duesPaidTo: optText, note: optText,
      member: memberInput.partial().extend({ idNumber: z.string().max(40) }),
    }),
    output: z.object({ member: memberRecord, returning: z.boolean(), transfer }),
    run: (ctx, i) => transferIn(ctx, i),
  }),
  // ---- 流动党员 ----
  mobileRecords: defineCall({ access: 'read', input: z.object({ id }), output: z.array(mobileRecord), run: (ctx, i) => mobileRecords(ctx, i.id) }),
  startMobile: defineCall({ access: 'write', input: z.object({ id, ...mobileInput }), output: memberRecord, run: (ctx, i) => startMobile(ctx, i.id, i) }),
  updateMobile: defineCall({ access: 'write', input: z.object({ id, ...mobileInput }), output: memberRecord, run: (ctx, i) => updateMobile(ctx, i.id, i) }),
  endMobile: defineCall({ access: 'write', input: z.object({ id, date: z.string().max(20), note: optText }), output: memberRecord, run: (ctx, i) => endMobile(ctx, i.id, i) }),
  mobileRoster: defineCall({ access: 'read', input: z.object({ orgId: id.nullable().optional() }).optional(), output: z.array(mobileRosterRow), run: (ctx, i) => mobileRoster(ctx, i?.orgId) }),
  // ---- 失联 / 停止党籍 ----
  markLost: defineCall({ access: 'write', input: z.object({ id, reason: z.string().max(40), date: z.string().max(20), note: optText }), output: memberRecord, run: (ctx, i) => markLost(ctx, i.id, i) }),
  markFound: defineCall({ access: 'write', input: z.object({ id, date: z.string().max(20), note: optText }), output: memberRecord, run: (ctx, i) => markFound(ctx, i.id, i) }),
  lostReview: defineCall({
    access: 'read',
    input: z.object({ orgId: id.nullable().optional(), dueOnly: z.boolean().optional() }).optional(),
    output: z.array(lostRow),
    run: (ctx, i) => lostReview(ctx, i ?? {}),
  }),
  suspendMembership: defineCall({ access: 'write', input: z.object({ id, date: z.string().max(20), note: optText }), output: memberRecord, run: (ctx, i) => suspendMembership(ctx, i.id, i) }),
  restoreMembership: defineCall({ access: 'write', input: z.object({ id, date: z.string().max(20), reason: z.string().max(500) }), output: memberRecord, run: (ctx, i) => restoreMembership(ctx, i.id, i) }),
  // ---- 档案材料 ----
  listMemberFiles: defineCall({ access: 'read', input: z.object({ memberId: id }), output: filesView, run: (ctx, i) => listMemberFiles(ctx, i.memberId) }),
  addMemberFile: defineCall({
    access: 'write',
    input: z.object({
      memberId: id, docType: z.string().max(40), title: optText, fileName: z.string().max(255), mime: z.string().max(100),
      contentBase64: z.string().max(Math.ceil((MAX_FILE_BYTES * 4) / 3) + 8192),
    }),
    output: fileMeta,
    run: (ctx, i) => addMemberFile(ctx, i),
  }),
  getMemberFile: defineCall({ access: 'read', input: z.object({ id }), output: fileMeta.extend({ contentBase64: z.string() }), run: (ctx, i) => getMemberFileContent(ctx, i.id) }),
  removeMemberFile: defineCall({
    access: 'write',
    input: z.object({ id, reason: optText }),
    output: z.null(),
    run: async (ctx, i) => {
      await removeMemberFile(ctx, i.id, i.reason);
      return null;
    },
  }),
  // ---- rules ----
  getLifeRules: defineCall({ access: 'read', input: z.object({}).optional(), output: lifeRules, run: (ctx) => getLifeRules(ctx) }),
  setLifeRules: defineCall({
    access: 'rules',
    input: z.object({ letterValidityMonths: z.number().int().optional(), lostMonthsBeforeSuspension: z.number().int().optional() }),
    output: lifeRules,
    run: (ctx, i) => setLifeRules(ctx, i),
  }),
};

