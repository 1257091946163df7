// How the national card's items read on paper, in the national export and in the CLI: 学历 and 工作岗位
// as their leaf, or "待细化" beside the coarse value an older record holds (never a guessed leaf, never a
// coarse default such as 农牧渔民 that the source did not say), 党龄 as the national system counts it.
import { labelOf } from '../core/codes';
import { OCCUPATION_NOT_FILLED } from './nationalCodes';

/** The word a record holding only a coarse 学历/职业 shows until the clerk picks the leaf. */
export const TO_REFINE = '待细化';

interface Leaves {
  education: string;
  educationLevel: string | null;
  occupation: string;
  jobPost: string | null;
}

/** 学历 as printed: the leaf; for a coarse record "待细化(高中)"; blank when nothing is known. */
export function educationShown(m: Pick<Leaves, 'education' | 'educationLevel'>): string {
  if (m.educationLevel) return m.educationLevel;
  return m.education ? `${TO_REFINE}(${labelOf('education', m.education)})` : '';
}

/** 工作岗位 as printed: the leaf; "待细化(农牧渔民)" for a coarse record; blank for 未填写. */
export function jobPostShown(m: Pick<Leaves, 'occupation' | 'jobPost'>): string {
  if (m.jobPost) return m.jobPost;
  if (!m.occupation || m.occupation === OCCUPATION_NOT_FILLED) return '';
  return `${TO_REFINE}(${labelOf('occupation', m.occupation)})`;
}

/** Whole months from `from` to `to` (a month counts once its day is reached). */
function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/**
 * 党龄 in whole years: counted from 转正 (党龄从预备期满转为正式党员之日算起), corrected by 党龄校正值 (months),
 * up to today or the day the member left. null for a 预备党员 or a record without 转正日期: the national
 * export writes `-` there.
 */
export function partyAgeYears(
  m: { category: string; fullDate: string | null; partyAgeAdjustMonths: number | null; exitDate?: string | null },
  today: string,
): number | null {
  if (m.category !== 'formal' || !m.fullDate) return null;
  const end = m.exitDate && m.exitDate < today ? m.exitDate : today;
  const months = monthsBetween(m.fullDate, end) + (m.partyAgeAdjustMonths ?? 0);
  return Math.max(0, Math.floor(months / 12));
}

/** 外出流向 as one line: 省 市 县, each part only when known. */
export function mobileDestination(m: { mobileProvince: string | null; mobileCity: string | null; mobileCounty: string | null }): string {
  return [m.mobileProvince, m.mobileCity, m.mobileCounty].filter(Boolean).join(' ');
}

/** 党籍状态 as the 采集表 has it: 停止党籍 or 正常 (an exit of another kind is not a 党籍 state of the form). */
export function partyStanding(m: { exitReason: string | null }): string {
  return m.exitReason === 'suspended' ? '停止党籍' : '正常';
}
