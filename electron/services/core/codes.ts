// The code lists of domain.md (resources/codes/codes.json): one place, each entry with its code and
// Chinese and English labels.
import codes from '../../../resources/codes/codes.json';

export type CodeListName = keyof typeof codes;
export interface CodeEntry {
  code: string;
  zh: string;
  en: string;
}

export const CODE_LISTS: Record<CodeListName, CodeEntry[]> = codes;

const codeSets = new Map<CodeListName, Set<string>>();

/** Each record's codes are checked on every write (150,000 times in a roster import): a set per list, not a scan. */
export function isCode(list: CodeListName, code: string | null | undefined): boolean {
  if (code == null) return false;
  let set = codeSets.get(list);
  if (!set) codeSets.set(list, (set = new Set(CODE_LISTS[list].map((e) => e.code))));
  return set.has(code);
}

export function labelOf(list: CodeListName, code: string | null | undefined): string {
  if (code == null) return '';
  return CODE_LISTS[list].find((e) => e.code === code)?.zh ?? code;
}

/** Codes whose Chinese label contains the text (grid filters type labels, the archive stores codes). */
export function codesMatching(list: CodeListName, text: string): string[] {
  return CODE_LISTS[list].filter((e) => e.zh.includes(text) || e.en.toLowerCase().includes(text.toLowerCase())).map((e) => e.code);
}
