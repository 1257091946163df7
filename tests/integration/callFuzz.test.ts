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
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { baseInput, callBases } from '../support/callBases';
import { CHINESE, FUZZ_SEED, LEAKED_BUG, seedLine, withCaseTimeLimit } from '../support/fuzz';
import { BOUNDARY_VALUES, fieldPaths, objectShape, withField, wrongType, type Pools } from '../support/schemaInputs';

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
  'printMemberFiles', 'printRoster', 'exportRoster', 'exportMembers', 'exportMembersNational', 'printCollectionForms', 'exportAuditLog', 'createBackup',
]);
const FEW_BOUNDARY_VALUES = ['', 'x'.repeat(5_000), '9999-12-31', -1, null, {}];

const HUGE = 'x'.repeat(1_000_000);
const TOP_LEVEL: unknown[] = [undefined, null, {}, [], 'x', '', 0, -1, 1e308, true, HUGE, [{}], { '': null }];
const RANDOM_PER_CALL = 6;

let t: TestArchive;
let dispatcher: Dispatcher;
let pools: Pools;
const internalErrors = new Map<string, unknown>();

beforeAll(async () => {
  t = await openTestArchive();
  await loadDemoTownship(t.ctx, { members: 300, seed: 5 });
  ({ pools, overrides } = await callBases(t));
  dispatcher = createDispatcher(t.archive, { today: t.ctx.today, onInternalError: (name, err) => internalErrors.set(name, err) });
}, 120_000);
afterAll(async () => t?.close());

/**
 * What the schema cannot tell: codes a service accepts and values that agree with one another, so that
 * the base of these calls is accepted and each mutant differs from an accepted input in one field only.
 */
let overrides: Record<string, Record<string, unknown>> = {};

/** Calls that take records away (or change their state for good) run after all others. */
const LAST = /^(delete|remove|exit|merge|dissolve|cancel|withdraw|suspend|stop|end|approve)/;

/** Every input one call is given: the malformed ones, the base, each field at each boundary, all fields wrong, random mixes. */
function inputsFor(name: string, index: number): { label: string; input: unknown }[] {
  const schema = contract[name as keyof typeof contract].input;
  const out: { label: string; input: unknown }[] = TOP_LEVEL.map((input, i) => ({ label: `top-level #${i}`, input }));
  if (!objectShape(schema)) return out;
  const base = baseInput({ pools, overrides }, name);
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
