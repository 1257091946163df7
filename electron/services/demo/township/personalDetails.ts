// Personal details of a member: 民族, phone, address, 籍贯, 户籍 and the remarks an office keeps.
// Addresses follow the member's home (village 组/街, community 楼/单元/室, town road); 流动型
// members are registered at home in one of the township's villages.
import { HAN, codePicker } from './codeLists';
import type { Profile } from './memberProfiles';
import { CITIES, OTHER_NATIVE, ROADS, type Village } from './placeNames';
import type { Mix, Place } from './plannedOrg';
import { type Rng, civilFromDays } from './random';
import type { Township } from './township';
import { type IssuedNumbers, newPhone } from './uniqueNumbers';

const pickMinority = codePicker('ethnicity', [
  ['03', 50], ['11', 20], ['02', 8], ['10', 5], ['08', 5], ['15', 4], ['06', 4], ['07', 2], ['05', 1], ['04', 1],
]);

function addressFor(rng: Rng, town: string, place: Place): string {
  if (place.kind === 'village') {
    return rng.chance(0.7)
      ? `${place.name}${rng.int(1, 12)}组${rng.int(1, 60)}号`
      : `${place.name}${rng.pick(['前', '后', '东', '西', '中', '南', '北'])}街${rng.int(1, 99)}号`;
  }
  if (place.kind === 'community') return `${place.name}${rng.int(1, 24)}号楼${rng.int(1, 4)}单元${rng.int(1, 6)}0${rng.int(1, 4)}室`;
  return `${town}${rng.pick(ROADS)}${rng.int(1, 300)}号`;
}

export interface PersonalDetails {
  ethnicity: string;
  phone: string | null;
  address: string;
  nativePlace: string | null;
  householdPlace: string;
  remarks: string | null;
}

export interface DetailsInput {
  mix: Mix;
  age: number;
  exitReason: string | null;
  lost: boolean;
  lostDay: number;
  mobile: boolean;
}

/** Where the township's members live and work away; the 流动型 branch's members are in `mobileCity`. */
export interface Homes {
  allVillages: readonly Village[];
  mobileCity: string;
}

export function pickPersonalDetails(rng: Rng, township: Township, issued: IssuedNumbers, homes: Homes, m: DetailsInput): PersonalDetails {
  const { mix, age, exitReason, lost, lostDay, mobile } = m;
  const profile: Profile = mix.profile;
  const town = township.name;
  const active = exitReason === null;

  const ethnicity = rng.chance(0.015) ? pickMinority(rng) : HAN;
  // Many of the very old have no phone of their own.
  const phone = age >= 85 && rng.chance(0.2) ? null : newPhone(rng, issued);
  const homePlace: Place =
    profile === 'mobile'
      ? { kind: 'village', name: rng.pick(homes.allVillages).name }
      : mix.place;
  const address = addressFor(rng, town, homePlace);
  // Agency, school and health staff are more often posted in from elsewhere.
  const nativePlace = profile === 'agency' || profile === 'school' || profile === 'health' ? (rng.chance(0.15) ? rng.pick(OTHER_NATIVE) : township.localNative) : rng.chance(0.02) ? rng.pick(OTHER_NATIVE) : township.localNative;
  const householdPlace = township.householdPrefix + town + (homePlace.kind === 'town' ? '' : homePlace.name);
  let remarks: string | null = null;
  if (lost && exitReason === null) remarks = `${civilFromDays(lostDay)[0]}年起与党组织失去联系`;
  else if (mobile) remarks = rng.chance(0.6) ? `外出务工，现在${profile === 'mobile' ? homes.mobileCity : rng.pick(CITIES)}` : `在${rng.pick(CITIES)}经商`;
  else if (active && age >= 85 && rng.chance(0.3)) remarks = '年老体弱，行动不便';
  else if (active && age >= 70 && rng.chance(0.03)) remarks = '生活困难党员';
  return { ethnicity, phone, address, nativePlace, householdPlace, remarks };
}
