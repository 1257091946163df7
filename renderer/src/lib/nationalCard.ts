// The national card's lists as the form offers them: 学历 leaves under their statistics group, 工作岗位
// leaves under their bulletin class, and 党龄 as the national system counts it (from 转正, corrected by
// 党龄校正值). The archive derives the same group and class from the leaf when it saves.
import codes from '../../../resources/codes/codes.json';
import { labelOf } from './codes';

interface Leaf {
  code: string;
  zh: string;
  en: string;
}
export interface LeafGroup {
  code: string;
  label: string;
  leaves: Leaf[];
}

const educationGroup = new Map(codes.educationLevel.map((e) => [e.code, e.group]));
const jobPostClass = new Map(codes.jobPost.map((e) => [e.code, e.bulletin]));

export const educationGroupOf = (level: string): string => educationGroup.get(level) ?? '';
export const occupationClassOf = (post: string): string => jobPostClass.get(post) ?? '';

function grouped(items: (Leaf & { key: string })[], list: 'education' | 'occupation', language: string): LeafGroup[] {
  const out = new Map<string, LeafGroup>();
  for (const it of items) {
    const g = out.get(it.key) ?? { code: it.key, label: labelOf(list, it.key, language), leaves: [] };
    g.leaves.push(it);
    out.set(it.key, g);
  }
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export const educationLevels = (language: string): LeafGroup[] => grouped(codes.educationLevel.map((e) => ({ ...e, key: e.group })), 'education', language);
export const jobPosts = (language: string): LeafGroup[] => grouped(codes.jobPost.map((e) => ({ ...e, key: e.bulletin })), 'occupation', language);

/** 党龄 in whole years as of `today`, or null for a 预备党员 / a record without 转正日期. */
export function partyAgeYears(category: string, fullDate: string, adjustMonths: number | null, today: string): number | null {
  if (category !== 'formal' || !/^\d{4}-\d{2}-\d{2}$/.test(fullDate)) return null;
  const [fy, fm, fd] = fullDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0) + (adjustMonths ?? 0);
  return months < 0 ? 0 : Math.floor(months / 12);
}
