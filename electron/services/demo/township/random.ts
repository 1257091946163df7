// A small seeded PRNG for demo data: sfc32 (Small Fast Counting, 128-bit state) seeded through
// splitmix32. Same seed → same sequence on every platform; no Math.random, no clock.
// Dates are handled as whole days since 1970-01-01 (proleptic Gregorian, no time zones), which is
// both fast and free of the Date object's local-time pitfalls.

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** Uniform float in [min, max). */
  float(min: number, max: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element, with the given (non-negative) weights. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Shuffles in place (Fisher–Yates) and returns the array. */
  shuffle<T>(items: T[]): T[];
  /** A uniform date in [from, to] (YYYY-MM-DD, both inclusive). */
  dateBetween(from: string, to: string): string;
  /** A uniform day number in [from, to] (days since 1970-01-01). */
  dayBetween(from: number, to: number): number;
}

function splitmix32(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  // Mix the seed (it may be any number, fractional or larger than 32 bits) into four state words.
  const hi = Math.floor(seed / 4294967296) | 0;
  const init = splitmix32((seed | 0) ^ Math.imul(hi, 0x27d4eb2d));
  let a = init();
  let b = init();
  let c = init();
  let d = init();

  const nextU32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) nextU32();

  const next = (): number => nextU32() / 4294967296;
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));

  return {
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)];
    },
    weighted: (items, weights) => {
      let total = 0;
      for (let i = 0; i < items.length; i++) total += weights[i];
      if (!(total > 0)) throw new Error('weighted pick needs a positive total weight');
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i];
        if (r < 0) return items[i];
      }
      return items[items.length - 1];
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const t = items[i];
        items[i] = items[j];
        items[j] = t;
      }
      return items;
    },
    dateBetween: (from, to) => fromDays(int(toDays(from), toDays(to))),
    dayBetween: (from, to) => int(from, to),
  };
}

/**
 * A precomputed weighted picker (cumulative weights + binary search) for lists used many times,
 * e.g. surnames for 150,000 members.
 */
export function weightedPicker<T>(entries: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const items = entries.map((e) => e[0]);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of entries) {
    if (w < 0) throw new Error('negative weight');
    total += w;
    cumulative.push(total);
  }
  if (!(total > 0)) throw new Error('weighted picker needs a positive total weight');
  return (rng) => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}

// ---- Calendar days ----------------------------------------------------------------------------

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] of a day number. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** 'YYYY-MM-DD' → day number. No validation beyond the shape: demo code passes its own dates. */
export function toDays(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`not a YYYY-MM-DD date: ${iso}`);
  return daysFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

/** Day number → 'YYYY-MM-DD'. */
export function fromDays(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The same calendar day n years later (or earlier); 29 February becomes 28 February in common years. */
export function addYearsDays(days: number, years: number): number {
  const [y, m, d] = civilFromDays(days);
  const ny = y + years;
  const nd = m === 2 && d === 29 && !isLeapYear(ny) ? 28 : d;
  return daysFromCivil(ny, m, nd);
}

/** addYearsDays on ISO strings. */
export function addYears(iso: string, years: number): string {
  return fromDays(addYearsDays(toDays(iso), years));
}

/** Whole years from `birth` to `at` (both day numbers): the age on day `at`. */
export function ageOn(birth: number, at: number): number {
  const [by, bm, bd] = civilFromDays(birth);
  const [ay, am, ad] = civilFromDays(at);
  let age = ay - by;
  if (am < bm || (am === bm && ad < bd)) age--;
  return age;
}
