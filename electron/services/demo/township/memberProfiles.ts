// Who the members of each kind of branch are: age bands, the share of women, education and
// occupation by profile. The weights mirror what a township office reports for rural Shandong
// (old, mostly male village rolls; young, graduate-heavy agency and school rolls).
import { codePicker } from './codeLists';
import { type Rng, weightedPicker } from './random';

export type Profile = 'village' | 'community' | 'enterprise' | 'agency' | 'school' | 'health' | 'service' | 'retired' | 'mobile';
/** A seat on the branch committee; null for ordinary members. */
export type BranchRole = 'secretary' | 'deputy' | 'committee' | null;

type Range = readonly [number, number, number]; // min, max, weight

function rangePicker(ranges: readonly Range[]): (rng: Rng) => number {
  const pick = weightedPicker(ranges.map((r) => [r, r[2]] as const));
  return (rng) => {
    const r = pick(rng);
    return rng.int(r[0], r[1]);
  };
}

const WORKING: readonly Range[] = [[22, 30, 20], [31, 40, 30], [41, 50, 28], [51, 60, 22]];
export const AGE: Record<Profile, (rng: Rng) => number> = {
  village: rangePicker([[18, 30, 5], [31, 40, 9], [41, 50, 14], [51, 60, 20], [61, 70, 24], [71, 80, 18], [81, 95, 10]]),
  community: rangePicker([[18, 30, 8], [31, 40, 14], [41, 50, 16], [51, 60, 18], [61, 70, 22], [71, 80, 15], [81, 95, 7]]),
  enterprise: rangePicker([[22, 30, 25], [31, 40, 35], [41, 50, 25], [51, 60, 15]]),
  agency: rangePicker(WORKING),
  school: rangePicker(WORKING),
  health: rangePicker(WORKING),
  service: rangePicker([[24, 35, 25], [36, 50, 45], [51, 60, 30]]),
  retired: rangePicker([[60, 70, 40], [71, 80, 38], [81, 95, 22]]),
  mobile: rangePicker([[22, 30, 20], [31, 40, 35], [41, 50, 30], [51, 60, 15]]),
};
export const PROBATIONARY_AGE = rangePicker([[19, 25, 25], [26, 30, 25], [31, 35, 20], [36, 45, 22], [46, 55, 8]]);
export const JOIN_AGE = rangePicker([[18, 22, 18], [23, 27, 30], [28, 32, 22], [33, 40, 18], [41, 50, 9], [51, 60, 3]]);
export const MIN_AGE: Record<Profile, number> = {
  village: 19, community: 19, enterprise: 22, agency: 22, school: 22, health: 22, service: 22, retired: 55, mobile: 20,
};

/** Share of women by profile; villages and the old are mostly men. */
export function femaleShare(profile: Profile, age: number): number {
  switch (profile) {
    case 'village':
      return age < 35 ? 0.42 : age < 50 ? 0.32 : age < 65 ? 0.24 : 0.15;
    case 'community':
      return age < 50 ? 0.45 : age < 65 ? 0.36 : 0.24;
    case 'school':
      return 0.55;
    case 'health':
      return 0.6;
    case 'agency':
      return 0.3;
    case 'enterprise':
    case 'service':
      return 0.3;
    case 'retired':
      return 0.2;
    case 'mobile':
      return 0.12;
  }
}

export type Edu = '10' | '20' | '30' | '40' | '50' | '60';
const edu = (e: readonly (readonly [Edu, number])[]) => codePicker('education', e);
const EDUCATION = {
  villageOld: edu([['60', 82], ['50', 13], ['40', 4], ['30', 1]]),
  villageMid: edu([['60', 58], ['50', 27], ['40', 7], ['30', 6], ['20', 2]]),
  villageYoung: edu([['60', 20], ['50', 24], ['40', 14], ['30', 23], ['20', 18], ['10', 1]]),
  communityOld: edu([['60', 58], ['50', 25], ['40', 9], ['30', 6], ['20', 2]]),
  communityMid: edu([['60', 33], ['50', 30], ['40', 12], ['30', 16], ['20', 9]]),
  communityYoung: edu([['60', 8], ['50', 15], ['40', 12], ['30', 32], ['20', 30], ['10', 3]]),
  enterprise: edu([['60', 15], ['50', 22], ['40', 15], ['30', 25], ['20', 20], ['10', 3]]),
  agency: edu([['50', 3], ['40', 4], ['30', 25], ['20', 60], ['10', 8]]),
  school: edu([['40', 3], ['30', 22], ['20', 70], ['10', 5]]),
  health: edu([['40', 15], ['30', 40], ['20', 40], ['10', 5]]),
  service: edu([['50', 5], ['40', 10], ['30', 35], ['20', 47], ['10', 3]]),
  retired: edu([['60', 15], ['50', 20], ['40', 20], ['30', 30], ['20', 15]]),
  mobile: edu([['60', 30], ['50', 28], ['40', 15], ['30', 17], ['20', 10]]),
  secretary: edu([['60', 10], ['50', 35], ['40', 20], ['30', 25], ['20', 10]]),
};

export function pickEducation(rng: Rng, profile: Profile, age: number, isSecretary: boolean): Edu {
  if (isSecretary && (profile === 'village' || profile === 'community')) return EDUCATION.secretary(rng);
  switch (profile) {
    case 'village':
      return age >= 65 ? EDUCATION.villageOld(rng) : age >= 45 ? EDUCATION.villageMid(rng) : EDUCATION.villageYoung(rng);
    case 'community':
      return age >= 65 ? EDUCATION.communityOld(rng) : age >= 45 ? EDUCATION.communityMid(rng) : EDUCATION.communityYoung(rng);
    default:
      return EDUCATION[profile](rng);
  }
}

export type Occ = '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8';
const occ = (e: readonly (readonly [Occ, number])[]) => codePicker('occupation', e);
const OCCUPATION = {
  villageOld: occ([['2', 62], ['8', 28], ['7', 6], ['1', 4]]),
  villageMobile: occ([['1', 40], ['7', 30], ['2', 15], ['4', 10], ['3', 5]]),
  villageStudentAge: occ([['2', 35], ['6', 25], ['7', 15], ['1', 15], ['3', 10]]),
  village: occ([['2', 62], ['1', 12], ['7', 11], ['4', 8], ['3', 7]]),
  villageSecretary: occ([['2', 70], ['4', 20], ['7', 10]]),
  communityOld: occ([['8', 60], ['7', 20], ['1', 12], ['2', 8]]),
  community: occ([['7', 28], ['1', 24], ['4', 16], ['3', 17], ['2', 8], ['5', 7]]),
  communitySecretary: occ([['7', 70], ['4', 30]]),
  enterprise: occ([['1', 40], ['4', 30], ['3', 30]]),
  enterpriseSecretary: occ([['4', 100]]),
  agency: occ([['5', 90], ['3', 4], ['1', 6]]),
  school: occ([['3', 88], ['4', 8], ['1', 4]]),
  health: occ([['3', 90], ['4', 6], ['1', 4]]),
  service: occ([['3', 55], ['5', 35], ['1', 10]]),
  retired: occ([['8', 100]]),
  mobile: occ([['1', 45], ['7', 25], ['4', 15], ['3', 10], ['2', 5]]),
};

export function pickOccupation(rng: Rng, profile: Profile, age: number, mobile: boolean, isSecretary: boolean): Occ {
  switch (profile) {
    case 'village':
      if (isSecretary) return OCCUPATION.villageSecretary(rng);
      if (age >= 60) return OCCUPATION.villageOld(rng);
      if (mobile) return OCCUPATION.villageMobile(rng);
      if (age <= 24) return OCCUPATION.villageStudentAge(rng);
      return OCCUPATION.village(rng);
    case 'community':
      if (isSecretary) return OCCUPATION.communitySecretary(rng);
      if (mobile) return OCCUPATION.villageMobile(rng);
      return age >= 60 ? OCCUPATION.communityOld(rng) : OCCUPATION.community(rng);
    case 'enterprise':
      return isSecretary ? OCCUPATION.enterpriseSecretary(rng) : OCCUPATION.enterprise(rng);
    default:
      return OCCUPATION[profile](rng);
  }
}
