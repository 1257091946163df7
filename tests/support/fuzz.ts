// What the fuzz tests of files a clerk brings in (rosters, county packages) share: a seed that can be
// replayed, a time limit per case (a hang is a failure, not a slow test), byte mutations of a valid file,
// and the check that a refusal is one the clerk can act on — in Chinese, naming the file, not a
// programming error's text passed through.
import fc from 'fast-check';
import { expect } from 'vitest';

/** FUZZ_SEED=<n> replays a run; fast-check prints the seed and path of a failure. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261128);

/** Printed beside a run's figures, so that a surprising run can be replayed. */
export function seedLine(testName: string): string {
  return `[${testName} seed ${FUZZ_SEED}]`;
}

/** fast-check settings for one property: seeded, stopping at the first failure, and bounded in time. */
export function fuzzRuns(numRuns: number, timeLimitMs: number) {
  return { seed: FUZZ_SEED, numRuns, endOnFailure: true, interruptAfterTimeLimit: timeLimitMs };
}

export const CASE_TIMEOUT_MS = 20_000;

/** One case's work, failed as a hang when it has not ended in CASE_TIMEOUT_MS. */
export function withCaseTimeLimit<T>(p: Promise<T>, label: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`挂起:${label} 超过 ${CASE_TIMEOUT_MS} ms 未结束`)), CASE_TIMEOUT_MS)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export const CHINESE = /[\u4e00-\u9fff]/;

/** A programming error dressed as a refusal: a TypeError's text caught and passed on to the clerk. */
export const LEAKED_BUG = /Cannot read propert|is not a function|is not iterable|Maximum call stack|\[object Object\]|Invalid array length/;

/** A refusal's message: in Chinese, naming the file as the clerk saw it, and not a programming error's text passed through. */
export function expectClearRefusal(message: string, fileName: string): void {
  expect(message, message).toMatch(CHINESE);
  expect(message, message).not.toMatch(LEAKED_BUG);
  expect(message, `拒绝的消息没有写出文件名 ${fileName}:${message}`).toContain(fileName);
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * What was thrown while reading a file must be one of the refusals the page shows (its message then
 * checked by expectClearRefusal); anything else is a bug, thrown again with the file and its stack.
 */
export function refusalOf(err: unknown, refusals: ErrorClass[], where: string): Error {
  if (refusals.some((kind) => err instanceof kind)) return err as Error;
  const names = refusals.map((kind) => kind.name).join('/');
  throw new Error(`${where}:不是 ${names} 的异常:${(err as Error)?.stack ?? String(err)}`, { cause: err });
}

// ---- byte mutations of a valid file ----

export type Mutation = { kind: 'flip'; at: number[]; bits: number[] } | { kind: 'truncate'; at: number } | { kind: 'insert'; at: number; bytes: Uint8Array } | { kind: 'splice'; from: number; to: number; len: number };

/** Bits flipped, the file cut short, bytes inserted, or a block copied over another. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), bits: fc.array(fc.integer({ min: 1, max: 255 }), { minLength: 8, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('splice' as const), from: fc.nat(), to: fc.nat(), len: fc.integer({ min: 1, max: 512 }) }),
);

export function mutate(valid: Buffer, m: Mutation): Buffer {
  const b = Buffer.from(valid);
  const pos = (n: number) => n % b.length;
  switch (m.kind) {
    case 'flip':
      m.at.forEach((a, i) => (b[pos(a)] ^= m.bits[i]));
      return b;
    case 'truncate':
      return b.subarray(0, pos(m.at));
    case 'insert':
      return Buffer.concat([b.subarray(0, pos(m.at)), Buffer.from(m.bytes), b.subarray(pos(m.at))]);
    case 'splice': {
      // A block copied over another: zip headers or records duplicated in the wrong place.
      const from = pos(m.from);
      b.copy(b, pos(m.to), from, Math.min(b.length, from + m.len));
      return b;
    }
  }
}
