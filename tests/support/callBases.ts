// Valid inputs for every call of the contract against an archive holding the demo township: real ids of
// the demo (the member, branches, development people, meetings …) and, where the schema cannot tell,
// codes and values that agree with one another. The fuzz mutates them field by field; the words test
// sends each write once as it is.
import type { TestArchive } from './tempArchive';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { contract } from '../../electron/api/contract';
import { baseValue, type Pools } from './schemaInputs';

export interface CallBases {
  pools: Pools;
  /** Per call, the fields whose value the schema alone cannot choose. */
  overrides: Record<string, Record<string, unknown>>;
}

export async function callBases(t: TestArchive): Promise<CallBases> {
  /** The first id of a table, or a well-formed id that matches nothing when the demo has none. */
  const firstId = async (table: string, where = ''): Promise<string> => {
    const row = await t.archive.queryOne<{ id: string }>(`SELECT id FROM ${table} ${where} ORDER BY id LIMIT 1`);
    return row?.id ?? '00000000000000000000000000';
  };
  const member = await t.archive.queryOne<{ id: string; org_id: string; id_number: string }>('SELECT id, org_id, id_number FROM members WHERE exit_reason IS NULL ORDER BY id LIMIT 1');
  const probationary = await firstId('members', "WHERE category = 'probationary' AND exit_reason IS NULL");
  const ids = {
    member: member!.id,
    branch: member!.org_id,
    otherBranch: await firstId('organizations', `WHERE type IN ('branch', 'joint_branch') AND id <> '${member!.org_id}'`),
    dev: await firstId('dev_people', "WHERE stage = 'applicant'"),
    activist: await firstId('dev_people', "WHERE stage = 'activist'"),
    candidate: await firstId('dev_people', "WHERE stage = 'candidate'"),
    admitted: await firstId('dev_people', "WHERE stage = 'admitted'"),
    step: await firstId('dev_steps'),
    matter: await firstId('village_matters', "WHERE stage = 'proposed'"),
    discussed: await firstId('village_matters', "WHERE stage = 'discussed'"),
    voted: await firstId('village_matters', "WHERE stage = 'voted'"),
    done: await firstId('village_matters', "WHERE stage = 'done'"),
    meeting: await firstId('org_meetings'),
    training: await firstId('training_sessions'),
    pair: await firstId('practice_pairs'),
    fund: await firstId('care_funds'),
    aid: await firstId('care_aids'),
    income: await firstId('care_fund_income'),
    post: await firstId('pioneer_posts'),
    liaison: await firstId('liaison_points'),
    commitment: await firstId('member_commitments'),
  };
  // What `id` means depends on the call.
  const idOfCall: [RegExp, string][] = [
    [/Org$/, ids.branch],
    [/^(probationStatus|confirmFullMembership|extendProbation|cancelProbation|printFullMembershipVote)$/, probationary],
    [/recordActivistReview|makeCandidate|recordPoliticalReview|recordTraining|printActivistRecord/, ids.activist],
    [/recordPublicity|admitProbationary/, ids.candidate],
    [/approveAdmission/, ids.admitted],
    [/Dev|Talk|Activist|withdrawDevelopment/, ids.dev],
    [/voteMatter/, ids.discussed],
    [/carryOutMatter/, ids.voted],
    [/superviseMatter/, ids.done],
    [/Matter/, ids.matter],
    [/Meeting/, ids.meeting],
    [/TrainingSession|TrainingSignIn/, ids.training],
    [/Pair/, ids.pair],
    [/CareAid/, ids.aid],
    [/CareFundIncome/, ids.income],
    [/PioneerPost/, ids.post],
    [/LiaisonPoint/, ids.liaison],
    [/Commitment/, ids.commitment],
  ];
  const byField: Record<string, string> = {
    memberId: ids.member, secretaryId: ids.member, orgId: ids.branch, toOrgId: ids.otherBranch, targetId: ids.otherBranch, jointOrgId: ids.branch,
    defaultOrgId: ids.branch, parentId: t.rootOrgId, personId: ids.dev, stepId: ids.step, fundId: ids.fund, pairId: ids.pair, meetingId: ids.meeting,
  };
  const pools: Pools = {
    idFor: (call, field) => (field === 'id' ? (idOfCall.find(([re]) => re.test(call))?.[1] ?? ids.member) : byField[field]),
    idNumber: member!.id_number,
    today: t.ctx.today!,
  };

  const today = t.ctx.today!;
  const row = (await t.ctx.archive.queryOne<Record<string, unknown>>('SELECT * FROM members WHERE id = ?', [ids.member]))!;
  const person = {
    name: '测试人', gender: '1', idNumber: makeIdNumber('370783', '1990-05-06', 17), ethnicity: '01', birthDate: '1990-05-06', education: '40', occupation: '1',
  };
  const newMember = { ...person, category: 'formal', orgId: ids.branch, joinDate: '2015-07-01', fullDate: '2016-07-01', phone: '13800000000', degree: null, lostReason: null, lostDate: null };
  const vote = { entitled: 20, present: 18, yes: 15, no: 2, abstain: 1 };
  const village = await firstId('organizations', "WHERE type = 'branch' AND status = 'active' AND sector = 'rural' AND id IN (SELECT org_id FROM members WHERE exit_reason IS NULL)");
  const villager = await firstId('members', `WHERE org_id = '${village}' AND exit_reason IS NULL`);
  const unqualified = await t.archive.queryOne<{ member_id: string; year: number }>("SELECT member_id, year FROM appraisals WHERE grade = 'unqualified' LIMIT 1");
  const uncommitted = await firstId('members', `WHERE exit_reason IS NULL AND id NOT IN (SELECT member_id FROM member_commitments WHERE year = ${Number(today.slice(0, 4))})`);
  const lastNames = { name: String(row.name) };
  const stepDate = { date: today };
  const overrides: Record<string, Record<string, unknown>> = {
    initTownship: { code: '370783102', name: '西城镇' },
    createOrg: { type: 'branch', sector: 'rural', unitSituation: 'legal_entity', formation: null, adminCode: null, foundedDate: '2001-07-01', units: [{ name: '测试村', kind: 'village' }] },
    updateOrg: { patch: { type: 'branch', sector: 'rural', unitSituation: 'legal_entity', formation: null, adminCode: null, foundedDate: '2001-07-01', units: [{ name: '测试村', kind: 'village' }] } },
    listMembers: { startRow: 0, endRow: 50, sort: [{ colId: 'name', sort: 'asc' }], filters: {} },
    exportMembers: { query: { sort: [{ colId: 'name', sort: 'asc' }], filters: {} }, columns: ['name', 'joinDate'] },
    validateMember: { member: newMember },
    createMember: newMember,
    updateMember: { patch: { ...newMember, idNumber: String(row.id_number), birthDate: String(row.birth_date), gender: String(row.gender), ...lastNames } },
    exitMember: { reason: 'death', date: today },
    saveSubRecord: { kind: 'rewards', id: null, values: { kind: 'reward', name: '优秀共产党员', date: '2020-07-01', authority: '县委' } },
    confirmFullMembership: { meetingDate: today, vote },
    extendProbation: { meetingDate: today, vote, months: 6 },
    cancelProbation: { meetingDate: today, vote },
    transferWithinTownship: { date: today },
    transferOut: { date: today, destination: '某县某镇党委', duesPaidTo: today.slice(0, 7), validityMonths: 3 },
    transferIn: { date: today, letterNumber: 'X-1', origin: '古城街道', orgId: ids.branch, member: { ...newMember, idNumber: makeIdNumber('370783', '1990-05-06', 19) } },
    startMobile: { since: today },
    markLost: { reason: 'migrant_work', date: today },
    addMemberFile: { docType: 'application', title: '入党申请书', fileName: 'scan.pdf', mime: 'application/pdf' },
    createApplicant: { ...person, idNumber: makeIdNumber('370783', '1990-05-06', 21), orgId: village, applicationDate: today, documents: [{ name: '入党申请书', date: today }] },
    recordTalk: stepDate, makeActivist: { ...stepDate, contacts: [ids.member] }, recordActivistReview: stepDate, makeCandidate: stepDate, recordPoliticalReview: stepDate,
    recordTraining: { ...stepDate, hours: 24 }, recordPublicity: { ...stepDate, endDate: today }, admitProbationary: { ...stepDate, vote, introducers: [ids.member] },
    approveAdmission: stepDate, withdrawDevelopment: stepDate,
    addDevDocument: { name: '思想汇报', date: today, mime: 'application/pdf' },
    setDevRule: { key: 'applicantAge', value: 18, maxValue: null, advisory: false },
    saveAppraisals: { rows: [{ memberId: ids.member, grade: 'qualified', note: null }] },
    recordDisposal: { memberId: unqualified?.member_id, year: unqualified?.year, kind: 'correct', decidedDate: today, deadline: null },
    setRegistrationOutcomes: { outcomes: ['登记', '暂缓登记', '不予登记'] },
    saveRegistration: { outcome: '登记', date: today },
    setDuesStandard: { fromMonth: today.slice(0, 7), basis: 'salary', incomeFen: 500_000, fixedFen: null },
    saveDuesPayments: { paidDate: today, entries: [{ memberId: ids.member, month: today.slice(0, 7), amountFen: 2500 }] },
    getPreference: { key: 'grid.columns' },
    setPreference: { key: 'grid.columns', value: ['name'] },
    createPair: { kind: 'strong_weak', startDate: '2026-01-05', jointOrgId: null, units: [{ role: 'helper', name: '强村', orgId: null }, { role: 'helped', name: '弱村', orgId: null }] },
    endPair: { endDate: today },
    addHelpEntry: { date: today, measures: 1 },
    proposeMatter: { orgId: village, date: today },
    recordMeeting: { orgId: village, kind: 'congress', date: today, attendance: [{ memberId: villager, status: 'present', reason: null }], files: [] },
    saveTrainingSession: { id: null, date: today, placeKind: 'party_school', hours: 2, attendeeIds: [ids.member] },
    recordCareAid: { id: null, date: today, kind: 'condolence', amountFen: 100, fundId: ids.fund },
    addCareFundIncome: { date: today, amountFen: 100 },
    savePioneerPost: { id: null, kind: 'pioneer', fromDate: today, toDate: null },
    saveCommitment: { memberId: uncommitted, year: Number(today.slice(0, 4)), madeDate: today },
    reviewCommitment: { result: 'fulfilled', date: today },
    saveLiaisonPoint: { id: null, orgId: village, fromDate: today, toDate: null },
    createUser: { role: 'editor' },
  };
  return { pools, overrides };
}

function merged(base: unknown, extra: Record<string, unknown> | undefined): unknown {
  if (!extra || !base || typeof base !== 'object' || Array.isArray(base)) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(extra)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' && !Array.isArray(out[k]) ? merged(out[k], v as Record<string, unknown>) : v;
  }
  return out;
}

/** A call's valid input: what its schema makes of the pools, with the call's overrides laid over it. */
export function baseInput(bases: CallBases, name: string): unknown {
  return merged(baseValue(contract[name as keyof typeof contract].input, name, bases.pools), bases.overrides[name]);
}
