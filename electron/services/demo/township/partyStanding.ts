// A member's standing in the party: 入党 and 转正 dates, 出党 (deaths, transfers out, the rare
// discipline cases), 失联 and 流动. The rates follow what a township roll looks like: deaths climb
// steeply with age, the young move away, and only ordinary members (no committee seat) leave or vanish.
import { code, codePicker } from './codeLists';
import { type BranchRole, JOIN_AGE, type Profile } from './memberProfiles';
import { CITIES, COMMUNITIES } from './placeNames';
import { type Rng, addYearsDays, civilFromDays, toDays, weightedPicker } from './random';

const pickDeathNote = weightedPicker([['病故', 50], ['因病去世', 30], ['因病医治无效去世', 15], ['意外身故', 5]] as const);
const pickOtherExit = codePicker('exitReason', [
  ['withdrawal', 1], ['self_lapse', 3], ['removal', 2], ['expulsion', 2], ['suspended', 3],
]);
const pickLostReason = codePicker('lostReason', [
  ['migrant_work', 45], ['moved', 20], ['job_change', 12], ['restructuring', 8], ['graduated', 5], ['abroad', 3], ['other', 7],
]);
const EXIT_NOTES: Record<string, string> = {
  withdrawal: '本人申请退党，经支部大会讨论同意',
  self_lapse: '连续六个月不参加党的组织生活、不交纳党费，按自行脱党除名',
  removal: '理想信念淡化，经教育仍无转变，予以除名',
  expulsion: '严重违纪，给予开除党籍处分',
  probation_cancelled: '预备期内不履行党员义务，取消预备党员资格',
  suspended: '与党组织失去联系超过六个月，停止党籍',
};
for (const k of Object.keys(EXIT_NOTES)) code('exitReason', k);

/** The earliest 入党 the demo writes, however old the member. */
const MIN_JOIN = toDays('1940-01-02');

export interface PartyDates {
  /** May turn true when a formal member could not have served a year's probation before asOf. */
  probationary: boolean;
  join: number; // day number of 入党
  full: number | null; // 转正, a year after 入党; null while probationary
}

export function pickPartyDates(rng: Rng, asOf: number, birth: number, age: number, probationary: boolean): PartyDates {
  const asOfMinus1y = addYearsDays(asOf, -1);
  const adult = addYearsDays(birth, 18) + 1;
  let join: number;
  if (!probationary) {
    const lo = Math.max(adult, MIN_JOIN);
    const hi = asOfMinus1y - 1;
    if (lo > hi) probationary = true;
    // Age at 入党: the usual distribution, redrawn (then uniform) until it fits the member's age.
    let joinAge = JOIN_AGE(rng);
    for (let k = 0; k < 3 && joinAge > age - 2; k++) joinAge = JOIN_AGE(rng);
    if (joinAge > age - 2) joinAge = rng.int(18, Math.max(18, age - 2));
    join = Math.min(hi, Math.max(lo, birth + Math.round(joinAge * 365.2425) + rng.int(0, 364)));
  } else join = 0;
  if (probationary) join = rng.dayBetween(Math.max(adult, asOfMinus1y + 1), asOf - 1);
  {
    const [, jm, jd] = civilFromDays(join);
    if (jm === 2 && jd === 29) join += probationary ? 1 : -1; // keep 转正 = the same calendar day
  }
  const full = probationary ? null : addYearsDays(join, 1);
  return { probationary, join, full };
}

export interface Standing {
  exitReason: string | null; // codes.exitReason; null while on the roll
  exitDay: number;
  lost: boolean; // 失联
  lostDay: number;
  lostReason: string | null;
  mobile: boolean; // 流动党员
}

export interface StandingInput {
  profile: Profile;
  role: BranchRole;
  age: number;
  probationary: boolean;
  join: number;
  full: number | null;
}

export function pickStanding(rng: Rng, asOf: number, m: StandingInput): Standing {
  const { profile, role, age, probationary, join, full } = m;
  let exitReason: string | null = null;
  let exitDay = 0;
  let lost = false;
  let lostDay = 0;
  let lostReason: string | null = null;
  if (role === null) {
    if (probationary) {
      if (join < asOf - 30 && rng.chance(0.01)) {
        exitReason = 'probation_cancelled';
        exitDay = rng.dayBetween(join + 1, asOf - 1);
      }
    } else {
      const pDeath = age >= 85 ? 0.13 : age >= 75 ? 0.065 : age >= 65 ? 0.025 : age >= 50 ? 0.003 : 0.0005;
      const pTransfer = age < 60 ? 0.012 : 0.003;
      const r = rng.next();
      if (r < pDeath) exitReason = 'death';
      else if (r < pDeath + pTransfer) exitReason = 'transfer_out';
      else if (r < pDeath + pTransfer + 0.0025 && age < 70) exitReason = pickOtherExit(rng);
      if (exitReason) {
        const lo = Math.max(full! + 1, addYearsDays(asOf, -5));
        if (exitReason === 'suspended') {
          // Lost first, then 停止党籍 after six months without contact.
          const lostLo = Math.max(join + 1, addYearsDays(asOf, -6));
          const lostHi = asOf - 200;
          if (lostLo <= lostHi) {
            lost = true;
            lostReason = pickLostReason(rng);
            lostDay = rng.dayBetween(lostLo, lostHi);
            exitDay = rng.dayBetween(lostDay + 183, asOf - 1);
          } else exitReason = 'withdrawal';
        }
        if (exitReason !== 'suspended') exitDay = rng.dayBetween(Math.min(lo, asOf - 1), asOf - 1);
      }
    }
  }
  const active = exitReason === null;
  const villageish = profile === 'village' || profile === 'community';
  if (active && role === null && !probationary && age >= 22 && age <= 60 && (villageish || profile === 'mobile' || profile === 'enterprise')) {
    if (rng.chance(0.011)) {
      lost = true;
      lostReason = pickLostReason(rng);
      lostDay = rng.dayBetween(Math.max(join + 1, addYearsDays(asOf, -6)), asOf - 60);
    }
  }
  let mobile = false;
  if (active && !lost && role === null) {
    if (profile === 'mobile') mobile = rng.chance(0.85);
    else if (villageish && age >= 20 && age <= 59) mobile = rng.chance(age < 30 ? 0.28 : age < 45 ? 0.24 : 0.13);
    else if (profile === 'enterprise') mobile = rng.chance(0.02);
  }
  return { exitReason, exitDay, lost, lostDay, lostReason, mobile };
}

/** The 出党 note an office writes in the record. */
export function pickExitNote(rng: Rng, exitReason: string | null): string | null {
  if (exitReason === 'death') return pickDeathNote(rng);
  if (exitReason === 'transfer_out') {
    return rng.chance(0.5)
      ? `随工作调动，组织关系转至${rng.pick(CITIES)}市`
      : `随子女迁居，组织关系转至${rng.pick(CITIES)}市${rng.pick(COMMUNITIES)}社区党支部`;
  }
  if (exitReason) return EXIT_NOTES[exitReason];
  return null;
}
