// The members of every branch, in roll order: the first of each branch is its 书记, then the rest
// of the committee, then ordinary members. Each step below draws from the shared PRNG, so the steps
// run in a fixed order per member; reordering them would give every seed a different township.
import type { DemoMember } from './generateTownship';
import { AGE, type BranchRole, MIN_AGE, PROBATIONARY_AGE, type Profile, femaleShare } from './memberProfiles';
import { type Seat, type Workplaces, jobTitlePickers, pickWork } from './memberWork';
import { SPECIAL_SURNAMES, pickFullName, pickSurname } from './names';
import type { OrganizationPlan } from './organizationPlan';
import { pickExitNote, pickPartyDates, pickStanding } from './partyStanding';
import { pickPersonalDetails } from './personalDetails';
import type { Mix } from './plannedOrg';
import { type Rng, addYearsDays, civilFromDays, fromDays, weightedPicker } from './random';
import type { Township } from './township';
import { type IssuedNumbers, newIdNumber } from './uniqueNumbers';

/** `total` members spread over the planned branches in proportion to their size. */
export function makeMembers(rng: Rng, township: Township, plan: OrganizationPlan, total: number, issued: IssuedNumbers): DemoMember[] {
  const asOf = township.asOf;
  const memberPlans = plan.ordered.filter((p) => p.size > 0);
  const counts = allocate(memberPlans.map((p) => p.size), total);
  const members: DemoMember[] = new Array(total);
  const surnameLength = new Uint8Array(total);
  const places: Workplaces = { town: township.name, titles: jobTitlePickers(township.headTitle), companies: plan.enterpriseNames };
  const homes = { allVillages: plan.allVillages, mobileCity: plan.mobileCity };

  let mi = 0;
  memberPlans.forEach((branch, pi) => {
    const count = counts[pi];
    const mixPick = branch.mix.length > 1 ? weightedPicker(branch.mix.map((m) => [m, m.weight] as const)) : null;
    const committee = count >= 30 ? 5 : count >= 7 ? 3 : 1;
    for (let i = 0; i < count; i++) {
      const mix = mixPick ? mixPick(rng) : branch.mix[0];
      const profile = mix.profile;
      const isSecretary = i === 0;
      const role: BranchRole =
        i === 0 ? 'secretary' : i === 1 && committee === 5 ? 'deputy' : i < committee ? 'committee' : null;
      const seat: Seat = { plan: branch, mix, role, index: i, committee };

      const drawn = pickAgeAndBirth(rng, asOf, profile, role, isSecretary);
      const { age, birth } = drawn;
      const { gender, surname, name } = pickName(rng, mix, drawn.probationary, age, birth, isSecretary);
      surnameLength[mi] = surname.length;
      const { probationary, join, full } = pickPartyDates(rng, asOf, birth, age, drawn.probationary);
      const standing = pickStanding(rng, asOf, { profile, role, age, probationary, join, full });
      const { exitReason, exitDay, lost, lostDay, lostReason, mobile } = standing;
      const work = pickWork(rng, places, seat, birth, age, asOf, mobile);
      const details = pickPersonalDetails(rng, township, issued, homes, { mix, age, exitReason, lost, lostDay, mobile });
      const exitNote = pickExitNote(rng, exitReason);

      // Field order is the record's JSON order, which the byte-identical demo output depends on.
      members[mi++] = {
        orgKey: branch.org.key,
        name,
        gender,
        idNumber: newIdNumber(rng, issued, township.area6, gender, birth),
        ethnicity: details.ethnicity,
        birthDate: fromDays(birth),
        education: work.education,
        category: probationary ? 'probationary' : 'formal',
        joinDate: fromDays(join),
        fullDate: full === null ? null : fromDays(full),
        occupation: work.occupation,
        jobTitle: work.jobTitle,
        phone: details.phone,
        address: details.address,
        isMobile: mobile,
        isLost: lost,
        lostReason,
        lostDate: lost ? fromDays(lostDay) : null,
        exitReason,
        exitDate: exitReason ? fromDays(exitDay) : null,
        exitNote,
        nativePlace: details.nativePlace,
        degree: work.degree,
        workStartDate: work.workStart,
        workUnit: work.workUnit,
        householdPlace: details.householdPlace,
        remarks: details.remarks,
      };
    }
  });
  ensureSpecialSurnames(rng, members, surnameLength);
  return members;
}

/** Category and age: committee members are of working age, 预备党员 mostly young. */
function pickAgeAndBirth(rng: Rng, asOf: number, profile: Profile, role: BranchRole, isSecretary: boolean) {
  const probationary = role === null && profile !== 'retired' && rng.chance(0.028);
  let age: number;
  if (isSecretary) age = profile === 'retired' ? rng.int(62, 72) : rng.int(35, 60);
  else if (role) age = profile === 'retired' ? rng.int(60, 75) : rng.int(28, 58);
  else if (probationary) age = Math.max(MIN_AGE[profile], PROBATIONARY_AGE(rng));
  else age = Math.max(MIN_AGE[profile], AGE[profile](rng));
  const birthHi = addYearsDays(asOf, -age);
  const birth = rng.dayBetween(addYearsDays(asOf, -(age + 1)) + 1, birthHi);
  return { probationary, age, birth };
}

/** Gender and name; about a third of a village carries its clan's surname. */
function pickName(rng: Rng, mix: Mix, probationary: boolean, age: number, birth: number, isSecretary: boolean) {
  const profile = mix.profile;
  const birthYear = civilFromDays(birth)[0];
  let pFemale = probationary ? 0.42 : femaleShare(profile, age);
  if (isSecretary && (profile === 'village' || profile === 'mobile')) pFemale = 0.08;
  const gender: '1' | '2' = rng.chance(pFemale) ? '2' : '1';
  let surname: string;
  if (mix.clan && profile !== 'mobile') {
    const r = rng.next();
    surname = r < 0.35 ? mix.clan : pickSurname(rng);
  } else surname = pickSurname(rng);
  const name = pickFullName(rng, gender, birthYear, surname);
  return { gender, surname, name };
}

/** Every special-reading surname appears at least once (pinyin search and sort need them). */
function ensureSpecialSurnames(rng: Rng, members: DemoMember[], surnameLength: Uint8Array): void {
  const total = members.length;
  if (total < 50) return;
  const present = new Set<string>();
  for (let i = 0; i < total; i++) present.add(members[i].name.slice(0, surnameLength[i]));
  for (const s of SPECIAL_SURNAMES) {
    if (present.has(s)) continue;
    const i = rng.int(0, total - 1);
    members[i].name = s + members[i].name.slice(surnameLength[i]);
    surnameLength[i] = s.length;
  }
}

/** Split `total` in proportion to `weights` (largest remainder; ties by position). */
function allocate(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let rest = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) counts[order[k][1]]++;
  return counts;
}
