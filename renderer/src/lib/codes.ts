// Code lists (性别, 民族, 学历, 出党方式 …) shipped as data in resources/codes/codes.json. The archive
// stores codes; the window shows their labels in the current language.
import codes from '../../../resources/codes/codes.json';

export type CodeListName = keyof typeof codes;
export interface CodeItem {
  code: string;
  zh: string;
  en: string;
}

const lists = codes as Record<CodeListName, CodeItem[]>;
const index = new Map<CodeListName, Map<string, CodeItem>>(
  (Object.keys(lists) as CodeListName[]).map((name) => [name, new Map(lists[name].map((item) => [item.code, item]))]),
);

export function codeItems(list: CodeListName): CodeItem[] {
  return lists[list];
}

/** The label of a code in the UI language; an unknown code is shown as itself (never hidden). */
export function labelOf(list: CodeListName, code: string | null | undefined, language: string): string {
  if (code == null || code === '') return '';
  const item = index.get(list)?.get(code);
  if (!item) return code;
  return language.startsWith('en') ? item.en : item.zh;
}
