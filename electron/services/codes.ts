// The code lists of domain.md (resources/codes/codes.json): one place, each entry with its code and
// Chinese and English labels.
import codes from '../../resources/codes/codes.json';

export type CodeListName = keyof typeof codes;
export interface CodeEntry {
  code: string;
  zh: string;
  en: string;
}

export const CODE_LISTS: Record<CodeListName, CodeEntry[]> = codes;

export function isCode(list: CodeListName, code: string | null | undefined): boolean {
  return code != null && CODE_LISTS[list].some((e) => e.code === code);
}

export function labelOf(list: CodeListName, code: string | null | undefined): string {
  if (code == null) return '';
  return CODE_LISTS[list].find((e) => e.code === code)?.zh ?? code;
}

/** Codes whose Chinese label contains the text (grid filters type labels, the archive stores codes). */
export function codesMatching(list: CodeListName, text: string): string[] {
  return CODE_LISTS[list].filter((e) => e.zh.includes(text) || e.en.toLowerCase().includes(text.toLowerCase())).map((e) => e.code);
}
