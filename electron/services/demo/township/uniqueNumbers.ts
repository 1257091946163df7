// ID numbers and mobile numbers, unique across the whole township (members and org contacts alike):
// the importer rejects a duplicate 身份证号, and duplicate phones would make the demo look fake.
import { makeIdNumber } from '../../members/idNumber';
import { type Rng, fromDays, weightedPicker } from './random';

/** Numbers already handed out; shared by every step that issues one. */
export interface IssuedNumbers {
  ids: Set<number>; // birth day * 1000 + 顺序码
  phones: Map<number, Set<number>>; // by prefix, the 8 digits after it
}

export function newIssuedNumbers(): IssuedNumbers {
  return { ids: new Set(), phones: new Map() };
}

/** Mobile prefixes; the long-established 13x and 15x ranges weigh most. */
const PHONE_PREFIXES = weightedPicker([
  [139, 8], [138, 8], [137, 6], [136, 5], [135, 7], [134, 4], [133, 3], [132, 3], [131, 3], [130, 3],
  [159, 5], [158, 5], [157, 3], [156, 3], [155, 3], [153, 3], [152, 3], [151, 4], [150, 4],
  [189, 3], [188, 4], [187, 4], [186, 4], [185, 3], [184, 1], [183, 3], [182, 3], [181, 2], [180, 2],
  [178, 2], [177, 2], [176, 2], [175, 1], [173, 1], [199, 2], [198, 2], [191, 1], [195, 1],
] as const);

/** A 身份证号 for the county (`area6`) matching birth date and gender (odd 顺序码 for men). */
export function newIdNumber(rng: Rng, issued: IssuedNumbers, area6: string, gender: '1' | '2', birth: number): string {
  const birthStr = fromDays(birth);
  const parity = gender === '1' ? 1 : 0;
  for (let attempt = 0; ; attempt++) {
    // Random at first, then a sweep so a crowded birthday still finds a free number.
    const seq = (attempt < 20 ? rng.int(0, 499) : (attempt - 20) % 500) * 2 + parity;
    const key = birth * 1000 + seq;
    if (attempt >= 520) throw new Error(`demo: no free ID sequence for ${birthStr}`);
    if (!issued.ids.has(key)) {
      issued.ids.add(key);
      return makeIdNumber(area6, birthStr, seq);
    }
  }
}

export function newPhone(rng: Rng, issued: IssuedNumbers): string {
  const prefix = PHONE_PREFIXES(rng);
  let used = issued.phones.get(prefix);
  if (!used) issued.phones.set(prefix, (used = new Set()));
  for (;;) {
    const n = rng.int(0, 99_999_999); // small integers keep the set fast
    if (!used.has(n)) {
      used.add(n);
      return `${prefix}${String(n).padStart(8, '0')}`;
    }
  }
}
