// Search keys of a name, as Chinese office software searches: full pinyin and initials
// (张三 → zhangsan, zs). Surnames have their own readings (单 → shan, 曾 → zeng, 仇 → qiu), which
// pinyin-pro only applies with `surname: 'head'` (without it 单雄信 → dxx).
import { pinyin } from 'pinyin-pro';

export interface NameSearchKeys {
  pinyinFull: string;
  pinyinInitials: string;
}

export function nameSearchKeys(name: string): NameSearchKeys {
  const clean = name.replace(/[\s·•．.]/g, '');
  const syllables = pinyin(clean, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true });
  const parts = syllables.map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')).filter(Boolean);
  return { pinyinFull: parts.join(''), pinyinInitials: parts.map((p) => p[0]).join('') };
}

/** Normalize what the clerk typed into the search box. */
export function normalizeSearchText(text: string): string {
  return text.trim().replace(/\s+/g, '').toLowerCase();
}
