// The national system's 学历 and 工作岗位 leaves and the groups every count is made of. The archive stores the
// leaf the national system stores; the statistics group (学历), the bulletin class (职业) and the 年报's 职业 row
// are read off the leaf through resources/codes/codes.json, never typed twice. Records made before the leaves
// existed carry only a coarse value: they are counted in their coarse group and listed as 待细化, never guessed.
import codes from '../../../resources/codes/codes.json';
import { isCode } from '../core/codes';

const educationLevels = new Map(codes.educationLevel.map((e) => [e.code, e]));
const jobPosts = new Map(codes.jobPost.map((e) => [e.code, e]));

/** The bulletin class (codes.occupation) that says nothing: a record imported without any 职业/工作岗位. */
export const OCCUPATION_NOT_FILLED = '0';

/** 学历 statistics group (codes.education: 研究生 … 初中及以下) of a national 学历 leaf. */
export function educationGroupOf(level: string): string | null {
  return educationLevels.get(level)?.group ?? null;
}

/** Bulletin class (codes.occupation) of a 工作岗位 leaf. */
export function occupationClassOf(jobPost: string): string | null {
  return jobPosts.get(jobPost)?.bulletin ?? null;
}

/** The 年报 职业 row (codes.annualOccupationRow) of a 工作岗位 leaf. */
export function annualRowOf(jobPost: string): string | null {
  return jobPosts.get(jobPost)?.annualRow ?? null;
}

/**
 * The 年报 row of a record that has only a coarse class: only where the class decides the row on its own
 * (农牧渔民, 学生, 离退休人员, 党政机关工作人员); otherwise null: the record must be refined to be counted by row.
 */
export function annualRowOfCoarseClass(occupation: string): string | null {
  switch (occupation) {
    case '2':
      return 'farmer';
    case '5':
      return 'public_party_gov';
    case '6':
      return 'student';
    case '8':
      return 'retired';
    default:
      return null;
  }
}

export const isEducationLevel = (v: string | null | undefined): boolean => isCode('educationLevel', v);
export const isJobPost = (v: string | null | undefined): boolean => isCode('jobPost', v);

/** The SQL CASE that maps a column holding 工作岗位 leaves to their 年报 rows: for counting in one pass. */
export function annualRowSql(jobPostColumn: string, occupationColumn: string): string {
  const leaves = codes.jobPost
    .map((e) => `WHEN '${e.code.replace(/'/g, "''")}' THEN '${e.annualRow}'`)
    .join(' ');
  return `(CASE ${jobPostColumn} ${leaves} ELSE ${coarseAnnualRowSql(occupationColumn)} END)`;
}

/** The 年报 row a coarse 职业 class alone decides (null where it decides none). */
export function coarseAnnualRowSql(occupationColumn: string): string {
  const coarse = ['2', '5', '6', '8'].map((c) => `WHEN '${c}' THEN '${annualRowOfCoarseClass(c)}'`).join(' ');
  return `(CASE ${occupationColumn} ${coarse} ELSE NULL END)`;
}
