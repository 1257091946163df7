// Every call of the contract, through the real dispatcher with a trusted context, against an archive
// holding the demo township: malformed inputs (undefined, null, {}, [], text, numbers, a huge string),
// and for object inputs a valid base (real ids of the demo, dates, months, years) with each field in
// turn — nested ones too — set to a boundary value or a wrong type, every field wrong at once, and
// seeded random mixes of those. However wrong the input, the answer is a value or a refusal the clerk
// can act on — in Chinese, no programming error's text — never code 'internal' (程序内部错误), never a
// hang. A few calls are left out, each with its reason (they would replace the archive or run long jobs).
// FUZZ_SEED=<n> replays a run; FUZZ_REPORT=1 prints how each call's inputs were answered.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../electron/api/callNames';
import { contract } from '../../electron/api/contract';
import { createDispatcher } from '../../electron/api/dispatcher';
import type { ApiResult, Dispatcher } from '../../electron/api/result';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { CHINESE, FUZZ_SEED, LEAKED_BUG, seedLine, withCaseTimeLimit } from '../support/fuzz';
import { BOUNDARY_VALUES, baseValue, fieldPaths, objectShape, withField, wrongType, type Pools } from '../support/schemaInputs';

/** Calls not fuzzed, and why. */
const SKIPPED: Record<string, string> = {
  confirmRestore: 'marks a staged backup to replace the archive at the next start: the fuzz archive itself would go',
  loadDemo: 'loads thousands of members (the fuzz archive holds the demo already)',
  startImport: 'starts a background job importing a whole roster',
  startPrintBatch: 'starts a background job rendering every member file of the township',
  startCountyExport: 'starts a background job writing a package into whatever folder it is given',
  startCountyImport: 'starts a background job importing packages',
};

/**
 * Calls where every accepted input costs a second or so — a key stretch (scrypt of a password or
 * passphrase), or a whole township rendered or written out: their fields get a few of the boundary
 * values, and no random mixes, to keep the run short.
 */
const SLOW = new Set([
  'exportEncryptedBackup', 'login', 'createFirstAdmin', 'createUser', 'resetPassword', 'changePassword', 'unlockSession',
  'printMemberFiles', 'printRoster', 'exportRoster', 'exportMembers', 'exportStatistics', 'exportAuditLog', 'createBackup',
]);
const FEW_BOUNDARY_VALUES = ['', 'x'.repeat(5_000), '9999-12-31', -1, null, {}];

const HUGE = 'x'.repeat(1_000_000);
const TOP_LEVEL: unknown[] = [undefined, null, {}, [], 'x', '', 0, -1, 1e308, true, HUGE, [{}], { '': null }];
const RANDOM_PER_CALL = 6;

let t: TestArchive;
let dispatcher: Dispatcher;
let pools: Pools;
const internalErrors = new Map<string, unknown>();

/** The first id of a table, or a well-formed id that matches nothing when the demo has none. */
async function firstId(table: string, where = ''): Promise<string> {
  const row = await t.archive.queryOne<{ id: string }>(`SELECT id FROM ${table} ${where} ORDER BY id LIMIT 1`);
  return row?.id ?? '00000000000000000000000000';
}

beforeAll(async () => {
  t = await openTestArchive();
  await loadDemoTownship(t.ctx, { members: 300, seed: 5 });
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
  pools = {
    idFor: (call, field) => (field === 'id' ? (idOfCall.find(([re]) => re.test(call))?.[1] ?? ids.member) : byField[field]),
    idNumber: member!.id_number,
    today: t.ctx.today!,
  };
  dispatcher = createDispatcher(t.archive, { today: t.ctx.today, onInternalError: (name, err) => internalErrors.set(name, err) });

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
  overrides = {
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
}, 120_000);
afterAll(async () => t?.close());

/**
 * What the schema cannot tell: codes a service accepts and values that agree with one another, so that
 * the base of these calls is accepted and each mutant differs from an accepted input in one field only.
 */
let overrides: Record<string, Record<string, unknown>> = {};

/** Calls that take records away (or change their state for good) run after all others. */
const LAST = /^(delete|remove|exit|merge|dissolve|cancel|withdraw|suspend|stop|end|approve)/;

function merged(base: unknown, extra: Record<string, unknown> | undefined): unknown {
  if (!extra || !base || typeof base !== 'object' || Array.isArray(base)) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(extra)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' && !Array.isArray(out[k]) ? merged(out[k], v as Record<string, unknown>) : v;
  }
  return out;
}

/** Every input one call is given: the malformed ones, the base, each field at each boundary, all fields wrong, random mixes. */
function inputsFor(name: string, index: number): { label: string; input: unknown }[] {
  const schema = contract[name as keyof typeof contract].input;
  const out: { label: string; input: unknown }[] = TOP_LEVEL.map((input, i) => ({ label: `top-level #${i}`, input }));
  if (!objectShape(schema)) return out;
  const base = merged(baseValue(schema, name, pools), overrides[name]);
  out.push({ label: 'base', input: base });
  const paths = fieldPaths(schema);
  const values = SLOW.has(name) ? FEW_BOUNDARY_VALUES : BOUNDARY_VALUES;
  for (const path of paths) {
    for (const [i, v] of values.entries()) out.push({ label: `${path.join('.')} = boundary #${i}`, input: withField(base, path, v) });
    out.push({ label: `${path.join('.')} missing`, input: withField(base, path, undefined) });
  }
  const shape = objectShape(schema)!;
  const allWrong = Object.fromEntries(Object.keys(shape).map((k) => [k, wrongType((base as Record<string, unknown>)[k])]));
  out.push({ label: 'every field of a wrong type', input: allWrong });
  // Seeded random mixes: several fields at once, from the boundaries and from fast-check's own values.
  if (paths.length && !SLOW.has(name)) {
    const value = fc.oneof(fc.constantFrom(...BOUNDARY_VALUES), fc.string({ maxLength: 30 }), fc.integer(), fc.double({ noNaN: true }), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
    const mix = fc.array(fc.tuple(fc.constantFrom(...paths), value), { minLength: 1, maxLength: 4 });
    for (const [i, changes] of fc.sample(mix, { seed: FUZZ_SEED + index, numRuns: RANDOM_PER_CALL }).entries()) {
      out.push({ label: `random mix #${i}`, input: changes.reduce((acc, [path, v]) => withField(acc, path, v), base) });
    }
  }
  return out;
}

const preview = (v: unknown) => {
  const s = v === undefined ? 'undefined' : JSON.stringify(v, (_k, x) => (typeof x === 'string' && x.length > 60 ? `${x.slice(0, 20)}…(${x.length} chars)` : x));
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
};

describe('every call, fuzzed through the dispatcher', () => {
  it('answers every input with a value or a refusal in the clerk\'s words, never a program error', async () => {
    const started = Date.now();
    const failures: string[] = [];
    // Per call: how its inputs were answered (ok or the error code), what its base got, its time.
    const outcomes = new Map<string, { answers: Record<string, number>; base: string; ms: number }>();
    let dispatched = 0;
    const fuzzed = CALL_NAMES.filter((n) => !(n in SKIPPED)).sort((a, b) => Number(LAST.test(a)) - Number(LAST.test(b)));
    expect(Object.keys(SKIPPED).every((n) => (CALL_NAMES as readonly string[]).includes(n)), 'a skipped call no longer exists').toBe(true);
    for (const [index, name] of fuzzed.entries()) {
      const outcome = { answers: {} as Record<string, number>, base: '', ms: Date.now() };
      outcomes.set(name, outcome);
      for (const { label, input } of inputsFor(name, index)) {
        internalErrors.delete(name);
        let result: ApiResult;
        try {
          result = await withCaseTimeLimit(dispatcher.dispatch(name, input, { actor: 'fuzz', trusted: true }), `${name} ${label}`);
        } catch (err) {
          failures.push(`${name} [${label}] ${preview(input)}\n    ${(err as Error).message}`);
          continue;
        }
        dispatched++;
        const answer = result.ok ? 'ok' : result.error.code;
        outcome.answers[answer] = (outcome.answers[answer] ?? 0) + 1;
        if (label === 'base') outcome.base = result.ok ? 'ok' : `${result.error.code}: ${result.error.message.slice(0, 100)}`;
        if (result.ok) continue;
        if (result.error.code === 'internal') {
          const cause = internalErrors.get(name) as Error | undefined;
          failures.push(`${name} [${label}] ${preview(input)}\n    ${result.error.message}\n    ${cause?.stack?.split('\n').slice(0, 4).join('\n    ') ?? ''}`);
        } else if (!CHINESE.test(result.error.message) || LEAKED_BUG.test(result.error.message)) {
          failures.push(`${name} [${label}] ${preview(input)}\n    not a refusal in the clerk's words: ${result.error.code}: ${result.error.message.slice(0, 300)}`);
        }
      }
      outcome.ms = Date.now() - outcome.ms;
    }
    // FUZZ_REPORT=1: how far each call got (a base refused means its mutants test only the first checks).
    if (process.env.FUZZ_REPORT) for (const [name, o] of outcomes) console.log(`${name} ${o.ms} ms base=${o.base} ${JSON.stringify(o.answers)}`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`${seedLine('callFuzz')} ${fuzzed.length} calls, ${dispatched} inputs in ${seconds} s; not fuzzed: ${Object.entries(SKIPPED).map(([n, why]) => `${n} (${why})`).join('; ')}`);
    expect(failures, `${seedLine('callFuzz')} ${failures.length} inputs not answered as they should be:\n${failures.join('\n')}`).toEqual([]);
  }, 180_000);
});

describe('what the fuzz found, as plain cases', () => {
  const call = async (name: string, input?: unknown) => {
    const r = await dispatcher.dispatch(name, input, { actor: 'fuzz', trusted: true });
    if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };

  it('a rule sent without a value is left as it is', async () => {
    const before = (await call('getLifeRules')) as Record<string, number>;
    expect(await call('setLifeRules', { letterValidityMonths: undefined, lostMonthsBeforeSuspension: 7 })).toEqual({ ...before, lostMonthsBeforeSuspension: 7 });
    expect(await call('getLifeRules')).toEqual({ ...before, lostMonthsBeforeSuspension: 7 });
  });

  it('a preference sent without a value is stored as none', async () => {
    await call('setPreference', { key: 'fuzz.empty', value: ['a'] });
    await call('setPreference', { key: 'fuzz.empty', value: undefined });
    expect(await call('getPreference', { key: 'fuzz.empty' })).toBeNull();
  });

  it('backups taken one after another within a second are each kept as the newest', async () => {
    const names: string[] = [];
    for (let i = 0; i < 3; i++) names.push(((await call('createBackup', {})) as { name: string }).name);
    const listed = ((await call('listBackups')) as { backups: { name: string }[] }).backups.map((b) => b.name);
    expect(listed).toContain(names[2]);
  }, 60_000);
});
