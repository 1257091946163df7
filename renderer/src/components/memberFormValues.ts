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
}

export type MemberField = keyof MemberFormValues;

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
  };
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
  };
}

export function sameValues(a: MemberFormValues, b: MemberFormValues): boolean {
  return (Object.keys(a) as MemberField[]).every((k) => a[k] === b[k]);
}
