// The member form's values: every field as the clerk sees it (text, '' when empty), and the
// conversion to the archive's MemberInput (optional text '' → null) and back.
import type { MemberInputDto, MemberRecordDto } from '../api';

export interface MemberFormValues {
  name: string;
  gender: string;
  idNumber: string;
  ethnicity: string;
  birthDate: string;
  education: string;
  category: string;
  orgId: string;
  joinDate: string;
  fullDate: string;
  occupation: string;
  jobTitle: string;
  phone: string;
  address: string;
  isMobile: boolean;
  isLost: boolean;
  lostReason: string;
  lostDate: string;
  nativePlace: string;
  degree: string;
  workStartDate: string;
  workUnit: string;
  householdPlace: string;
  remarks: string;
  // The national card's items. 学历/工作岗位 are the leaves; `education`/`occupation` above follow them, and
  // keep an older record's coarse value while the leaf is empty (shown as 待细化).
  educationLevel: string;
  jobPost: string;
  newSocialStratum: string;
  professionalTitle: string;
  isMigrantWorker: boolean;
  currentResidence: string;
  partyAgeAdjustMonths: string;
  joinType: string;
  fullStatus: string;
  joinBranch: string;
  probationExtensionMonths: string;
  mobileProvince: string;
  mobileCity: string;
  mobileCounty: string;
  lostMonth: string;
}

export type MemberField = keyof MemberFormValues;
export type FlagField = 'isMobile' | 'isLost' | 'isMigrantWorker';
export type TextField = Exclude<MemberField, FlagField>;

export const DATE_FIELDS: MemberField[] = ['birthDate', 'joinDate', 'fullDate', 'lostDate', 'workStartDate'];

export function emptyMemberValues(orgId = ''): MemberFormValues {
  return {
    name: '',
    gender: '',
    idNumber: '',
    ethnicity: '01', // 汉族: by far the most common; the clerk changes it when needed
    birthDate: '',
    education: '',
    category: 'formal',
    orgId,
    joinDate: '',
    fullDate: '',
    occupation: '',
    jobTitle: '',
    phone: '',
    address: '',
    isMobile: false,
    isLost: false,
    lostReason: '',
    lostDate: '',
    nativePlace: '',
    degree: '',
    workStartDate: '',
    workUnit: '',
    householdPlace: '',
    remarks: '',
    educationLevel: '',
    jobPost: '',
    newSocialStratum: '',
    professionalTitle: '',
    isMigrantWorker: false,
    currentResidence: '',
    partyAgeAdjustMonths: '',
    joinType: '',
    fullStatus: '',
    joinBranch: '',
    probationExtensionMonths: '',
    mobileProvince: '',
    mobileCity: '',
    mobileCounty: '',
    lostMonth: '',
  };
}

export function valuesFromRecord(r: MemberRecordDto): MemberFormValues {
  const s = (v: string | null | undefined) => v ?? '';
  return {
    name: r.name,
    gender: r.gender,
    idNumber: r.idNumber,
    ethnicity: r.ethnicity,
    birthDate: r.birthDate,
    education: r.education,
    category: r.category,
    orgId: r.orgId,
    joinDate: r.joinDate,
    fullDate: s(r.fullDate),
    occupation: r.occupation,
    jobTitle: s(r.jobTitle),
    phone: s(r.phone),
    address: s(r.address),
    isMobile: r.isMobile,
    isLost: r.isLost,
    lostReason: s(r.lostReason),
    lostDate: s(r.lostDate),
    nativePlace: s(r.nativePlace),
    degree: s(r.degree),
    workStartDate: s(r.workStartDate),
    workUnit: s(r.workUnit),
    householdPlace: s(r.householdPlace),
    remarks: s(r.remarks),
    educationLevel: s(r.educationLevel),
    jobPost: s(r.jobPost),
    newSocialStratum: s(r.newSocialStratum),
    professionalTitle: s(r.professionalTitle),
    isMigrantWorker: r.isMigrantWorker,
    currentResidence: s(r.currentResidence),
    partyAgeAdjustMonths: r.partyAgeAdjustMonths == null ? '' : String(r.partyAgeAdjustMonths),
    joinType: s(r.joinType),
    fullStatus: s(r.fullStatus),
    joinBranch: s(r.joinBranch),
    probationExtensionMonths: r.probationExtensionMonths == null ? '' : String(r.probationExtensionMonths),
    mobileProvince: s(r.mobileProvince),
    mobileCity: s(r.mobileCity),
    mobileCounty: s(r.mobileCounty),
    lostMonth: s(r.lostMonth),
  };
}

/** A whole number the clerk typed ("-14", "６"), or null when empty or not a number. */
function months(text: string): number | null {
  const v = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/^－/, '-');
  return /^-?\d{1,4}$/.test(v) ? Number(v) : null;
}

export function inputFromValues(v: MemberFormValues): MemberInputDto {
  const opt = (s: string) => (s.trim() === '' ? null : s);
  return {
    name: v.name,
    gender: v.gender,
    idNumber: v.idNumber,
    ethnicity: v.ethnicity,
    birthDate: v.birthDate,
    education: v.education,
    category: v.category,
    orgId: v.orgId,
    joinDate: v.joinDate,
    fullDate: opt(v.fullDate),
    occupation: v.occupation,
    jobTitle: opt(v.jobTitle),
    phone: opt(v.phone),
    address: opt(v.address),
    isMobile: v.isMobile,
    isLost: v.isLost,
    lostReason: v.isLost ? opt(v.lostReason) : null,
    lostDate: v.isLost ? opt(v.lostDate) : null,
    nativePlace: opt(v.nativePlace),
    degree: opt(v.degree),
    workStartDate: opt(v.workStartDate),
    workUnit: opt(v.workUnit),
    householdPlace: opt(v.householdPlace),
    remarks: opt(v.remarks),
    educationLevel: opt(v.educationLevel),
    jobPost: opt(v.jobPost),
    newSocialStratum: opt(v.newSocialStratum),
    professionalTitle: opt(v.professionalTitle),
    isMigrantWorker: v.isMigrantWorker,
    currentResidence: opt(v.currentResidence),
    partyAgeAdjustMonths: months(v.partyAgeAdjustMonths),
    joinType: opt(v.joinType),
    fullStatus: opt(v.fullStatus),
    joinBranch: opt(v.joinBranch),
    probationExtensionMonths: months(v.probationExtensionMonths),
    mobileProvince: v.isMobile ? opt(v.mobileProvince) : null,
    mobileCity: v.isMobile ? opt(v.mobileCity) : null,
    mobileCounty: v.isMobile ? opt(v.mobileCounty) : null,
    lostMonth: v.isLost ? opt(v.lostMonth) : null,
  };
}

export function sameValues(a: MemberFormValues, b: MemberFormValues): boolean {
  return (Object.keys(a) as MemberField[]).every((k) => a[k] === b[k]);
}
