// What the services send as codes, said in the window's language: a 待办 line or a 数据校验 finding by its
// key, and — where the archive holds only Chinese sentences (the audit log's changes, a member's history) —
// a stored before/after in the English UI's words: field names, code labels, members and organizations
// by name, money in yuan. In Chinese the archive's own sentence is shown (the same words the CLI prints).
import type { TFunction } from 'i18next';
import { labelOf, type CodeListName } from './codes';

export interface Said {
  key: string;
  params: Record<string, string | number>;
}

const isEnglish = (language: string) => language.startsWith('en');

/** A member field's name, or another record field's, in the UI language. */
function fieldName(t: TFunction, key: string): string {
  const member = t(`fields.${key}`, { defaultValue: '' });
  if (member) return member;
  return t(`words.keys.${key}`, { defaultValue: key });
}

/** A 待办 line. */
export function reminderText(t: TFunction, item: { text: string; words?: Said }): string {
  if (!item.words) return item.text;
  return t(`words.reminders.${item.words.key}`, { ...item.words.params, defaultValue: item.text });
}

/** A 数据校验 finding: what is wrong, each part in the UI language. */
export function checkDetail(t: TFunction, language: string, problem: { detail: string; words?: Said[] }): string {
  if (!problem.words?.length) return problem.detail;
  const sep = isEnglish(language) ? '; ' : ';';
  return problem.words
    .map((w) => {
      const p: Record<string, string | number> = { ...w.params };
      if (typeof p.fields === 'string') p.fields = p.fields.split(',').map((f) => fieldName(t, f)).join(t('words.listSeparator'));
      if (typeof p.field === 'string') p.field = fieldName(t, p.field);
      if (typeof p.status === 'string') p.status = labelOf('orgStatus', p.status, language);
      if (typeof p.education === 'string') p.education = labelOf('education', p.education, language);
      if (typeof p.occupation === 'string') p.occupation = labelOf('occupation', p.occupation, language);
      return t(`words.checks.${w.key}`, { ...p, defaultValue: problem.detail });
    })
    .join(sep);
}

// ---- a stored before/after in the UI's words ----

/** Keys that say nothing to a reader (row ids, references the subject already names, storage details). */
const HIDDEN = new Set(['id', 'seq', 'createdAt', 'updatedAt', 'recordedAt', 'memberId', 'stepId', 'decisionId', 'personId', 'mobileRecordId', 'transferId', 'fileId', 'pairId', 'meetingId', 'rootOrgId', 'sha256', 'mime', 'orgIds']);
/** Keys said as they are when there was no before (a reason, a date of the decision). */
const SAID = new Set(['reason', 'note', 'date', 'decidedBy', 'warnings', 'vote', 'month', 'paidDate']);
/** Keys whose codes are one shipped code list wherever they appear. */
const CODE_KEYS: Record<string, CodeListName> = {
  gender: 'gender', ethnicity: 'ethnicity', education: 'education', degree: 'degree', category: 'memberCategory', occupation: 'occupation',
  exitReason: 'exitReason', lostReason: 'lostReason', type: 'orgType', sector: 'orgSector', unitSituation: 'unitSituation', formation: 'formation', docType: 'documentType',
};
/** The list a `kind` is of, by the action's area. */
const KIND_BY_AREA: Record<string, string> = { orglife: 'meetingKind', pairing: 'pairKind', care: 'aidKind', post: 'postKind', posts: 'postKind', disposal: 'disposal' };
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const toCamel = (key: string) => key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

interface Context {
  t: TFunction;
  language: string;
  area: string;
  entity: string;
  names: Record<string, string>;
}

function enumLabel(c: Context, list: string, v: string): string {
  return c.t(`words.enums.${list}.${v}`, { defaultValue: v });
}

function valueText(key: string, v: unknown, c: Context): string {
  const { t } = c;
  if (v === null || v === undefined || v === '') return t('words.empty');
  if (typeof v === 'boolean') return v ? t('words.yes') : t('words.no');
  if (typeof v === 'string') {
    if (ID.test(v)) return c.names[v] ?? t('words.deletedRecord');
    if (v.startsWith('[') && v.endsWith(']')) {
      try {
        return valueText(key, JSON.parse(v) as unknown, c);
      } catch {
        return clip(v);
      }
    }
    if (CODE_KEYS[key]) return labelOf(CODE_KEYS[key], v, c.language);
    if (key === 'status') return labelOf(c.entity === 'transfers' ? 'transferStatus' : 'orgStatus', v, c.language);
    if (key === 'basis' || key === 'grade' || key === 'placeKind' || key === 'role') return enumLabel(c, key, v);
    if (key === 'stage' || key === 'stoppedAt') return enumLabel(c, c.area === 'affairs' || key === 'stoppedAt' ? 'matterStage' : 'stage', v);
    if (key === 'result' || key === 'reviewResult') return enumLabel(c, 'reviewResult', v);
    if (key === 'kind' && KIND_BY_AREA[c.area]) return enumLabel(c, KIND_BY_AREA[c.area], v);
    return clip(v);
  }
  if (typeof v === 'number') {
    if (key.endsWith('Fen')) return t('words.yuan', { n: (v / 100).toFixed(2) });
    if (key === 'hoursTenths') return t('words.hours', { n: v / 10 });
    if (key === 'attendees' || key === 'present' || key === 'leave' || key === 'absent') return t('words.people', { n: v });
    return String(v);
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return t('words.none');
    if (v.every((x) => typeof x === 'string' && ID.test(x))) return clip((v as string[]).map((id) => c.names[id] ?? t('words.deletedRecord')).join(t('words.listSeparator')));
    if (v.every((x) => typeof x === 'string')) return clip(v.map((x) => valueText(key, x, c)).join(t('words.listSeparator')));
    if (v.every((x) => isObj(x) && typeof x.name === 'string')) return clip(v.map((x) => String((x as { name: string }).name)).join(t('words.listSeparator')));
    return t('words.items', { n: v.length });
  }
  if (isObj(v)) {
    if (key === 'vote') return t('words.vote', v as Record<string, number>);
    return clip(Object.entries(v).filter(([k]) => !HIDDEN.has(toCamel(k))).map(([k, x]) => `${fieldName(t, toCamel(k))} ${valueText(toCamel(k), x, c)}`).join(', '));
  }
  return String(v);
}

const parse = (json: unknown): unknown => {
  if (typeof json !== 'string') return json ?? null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
};
const normalized = (v: unknown): unknown => (isObj(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [toCamel(k), x])) : v);

/**
 * before → after in the words of the UI language: the fields that changed, or what was written when there
 * was no before. `before`/`after` are the stored JSON texts (or already parsed).
 */
export function changesIn(t: TFunction, language: string, before: unknown, after: unknown, what: { action?: string; entity?: string; names?: Record<string, string> } = {}): string {
  const c: Context = { t, language, area: (what.action ?? '').split('.')[0], entity: what.entity ?? '', names: what.names ?? {} };
  const b = normalized(parse(before));
  const a = normalized(parse(after));
  const sep = isEnglish(language) ? '; ' : ';';
  const colon = isEnglish(language) ? ': ' : ':';
  const shown = (k: string, v: unknown) => !HIDDEN.has(k) && !(k === 'warnings' && Array.isArray(v) && v.length === 0);
  const listed = (o: Record<string, unknown>) =>
    Object.entries(o).filter(([k, v]) => v !== null && v !== '' && shown(k, v)).map(([k, v]) => `${fieldName(t, k)}${colon}${valueText(k, v, c)}`).join(sep);
  if (a === null && b === null) return '';
  if (isObj(a) && isObj(b)) {
    const blank = (v: unknown) => v === null || v === undefined || v === '';
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => shown(k, a[k] ?? b[k]) && !(blank(a[k]) && blank(b[k])) && JSON.stringify(b[k]) !== JSON.stringify(a[k]));
    return keys.map((k) => (!(k in b) || (SAID.has(k) && blank(b[k])) ? `${fieldName(t, k)}${colon}${valueText(k, a[k], c)}` : `${fieldName(t, k)}${colon}${valueText(k, b[k], c)} → ${valueText(k, a[k], c)}`)).join(sep);
  }
  if (isObj(a) && b === null) return listed(a);
  if (a === null && isObj(b)) return `${t('words.deleted')}${colon}${listed(b)}`;
  return `${valueText('', b, c)} → ${valueText('', a, c)}`;
}

/** An audit action in the UI language: its own name, or its kind and last word. */
export function actionName(t: TFunction, row: { action: string; actionLabel: string; kind: string; kindLabel: string }, language: string): string {
  if (!isEnglish(language)) return row.actionLabel;
  const own = t(`words.actions.${row.action}`, { defaultValue: '' });
  if (own) return own;
  const verb = row.action.split('.').slice(1).join('.');
  return `${kindName(t, row, language)}: ${t(`words.verbs.${verb}`, { defaultValue: verb.replace(/[._]/g, ' ') })}`;
}

export function kindName(t: TFunction, row: { kind: string; kindLabel: string }, language: string): string {
  return isEnglish(language) ? t(`words.kinds.${row.kind}`, { defaultValue: row.kind }) : row.kindLabel;
}
