// Inputs made from a call's zod input schema (zod v4): a base value the schema accepts, then that value
// with one field at a time set to a boundary or a wrong type, and all fields wrong at once. The base uses
// the archive's real ids (and dates, months, years shaped as the field's name says) so that a mutant gets
// past the checks of its other fields to the service code behind them.
import type { z } from 'zod';

/** What the base value of a field named so should be; fields not listed get a short Chinese text. */
export interface Pools {
  /** The id to use for a field (`id`, `memberId`, `orgId` …) of a call, or undefined for none known. */
  idFor(callName: string, field: string): string | undefined;
  idNumber: string;
  today: string;
}

type Def = { type: string; [k: string]: unknown };
type Schema = z.ZodType & { _zod: { def: Def } };
const defOf = (s: unknown) => (s as Schema)._zod.def;

/** One path into an input object, e.g. ['vote', 'present'] or ['documents', 0, 'date']. */
export type FieldPath = (string | number)[];

/** The values every field is set to in turn: boundaries of each kind, and every wrong type. */
export const BOUNDARY_VALUES: unknown[] = [
  '', '   ', 'x'.repeat(5_000), '0000-00-00', '9999-12-31', '1921-06-30', '2026-02-29', ' 2026-01-01 ', '2026-13', '１２３', "'; DROP TABLE members; --",
  'a\u0000b', '\ud800', '𠀀👨‍👩‍👧', -1, 0, 0.5, 1e308, -1e308, 2 ** 53, true, null, {}, [], ['x'], { x: 1 },
];

const ID_FIELD = /^(id|[a-zA-Z]+Id)$/;
const DATE_FIELD = /(^|[a-z])(date|Date)$|^(since|deadline|asOf|from|to|fromDate|toDate|endDate|startDate|madeDate|paidDate|decidedDate|meetingDate|doneDate)$/;

function stringBase(s: Schema, field: string, call: string, pools: Pools): string {
  const c = s as unknown as z.ZodString;
  const min = c.minLength ?? 0;
  const max = c.maxLength ?? Infinity;
  const checks = (defOf(s).checks as { _zod: { def: { format?: string; pattern?: RegExp } } }[] | undefined) ?? [];
  const pattern = checks.map((k) => k._zod.def.pattern).find(Boolean);
  let v: string | undefined;
  if (pattern?.source.includes('\\d{4}-\\d{2}-\\d{2}') || DATE_FIELD.test(field)) v = pools.today;
  else if (/month$/i.test(field) || field === 'month') v = pools.today.slice(0, 7);
  else if (field === 'period') v = '2026H1';
  else if (field === 'idNumber') v = pools.idNumber;
  else if (ID_FIELD.test(field)) v = pools.idFor(call, field);
  else if (field === 'phone') v = '13800000000';
  else if (field === 'code' || field === 'townshipCode') v = '370783101';
  else if (/password|passphrase/i.test(field)) v = 'Fuzz-pass-2026';
  else if (/base64/i.test(field)) v = Buffer.from('%PDF-1.4 fuzz').toString('base64');
  else if (field === 'mime') v = 'application/pdf';
  else if (field === 'fileName') v = 'scan.pdf';
  v ??= '测试';
  if (v.length < min) v = v.padEnd(min, '0');
  if (v.length > max) v = v.slice(0, max);
  if (pattern && !pattern.test(v)) v = undefined;
  return v ?? '';
}

function numberBase(s: Schema, field: string): number {
  const c = s as unknown as z.ZodNumber;
  const min = c.minValue ?? -Infinity;
  const max = c.maxValue ?? Infinity;
  let v = /year/i.test(field) ? 2026 : /hours/i.test(field) ? 2 : /months/i.test(field) ? 6 : 1;
  if (v < min) v = min;
  if (v > max) v = max;
  return Number.isFinite(v) ? v : 0;
}

/** A value the schema accepts, shaped by the field's name (`field` is the last path segment). */
export function baseValue(schema: unknown, call: string, pools: Pools, field = ''): unknown {
  const s = schema as Schema;
  const def = defOf(s);
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) out[k] = baseValue(v, call, pools, k);
      return out;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return baseValue(def.innerType, call, pools, field);
    case 'pipe':
      return baseValue(def.in, call, pools, field);
    case 'array':
      // One element, so that the element's own fields are checked too.
      return [baseValue(def.element, call, pools, field)];
    case 'string':
      return stringBase(s, field, call, pools);
    case 'number':
      return numberBase(s, field);
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(def.entries as Record<string, string>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'union':
      return baseValue((def.options as unknown[])[0], call, pools, field);
    case 'record':
      return {};
    case 'null':
      return null;
    default:
      return null; // unknown, any
  }
}

/** The object schema under optional/nullable/default wrappers, or null when there is none. */
export function objectShape(schema: unknown): Record<string, unknown> | null {
  let def = defOf(schema);
  while (['optional', 'nullable', 'default', 'readonly', 'nonoptional', 'catch'].includes(def.type)) def = defOf(def.innerType);
  if (def.type === 'union') def = defOf((def.options as unknown[])[0]);
  return def.type === 'object' ? (def.shape as Record<string, unknown>) : null;
}

/** The paths of the fields of an object schema, into nested objects and the first element of arrays, `depth` levels deep. */
export function fieldPaths(schema: unknown, depth = 3, prefix: FieldPath = []): FieldPath[] {
  const shape = objectShape(schema);
  if (!shape || depth === 0) return [];
  const out: FieldPath[] = [];
  for (const [k, v] of Object.entries(shape)) {
    out.push([...prefix, k]);
    let def = defOf(v);
    while (['optional', 'nullable', 'default'].includes(def.type)) def = defOf(def.innerType);
    if (def.type === 'object') out.push(...fieldPaths(v, depth - 1, [...prefix, k]));
    if (def.type === 'array') {
      out.push(...fieldPaths(def.element, depth - 1, [...prefix, k, 0]));
    }
  }
  return out;
}

/** `value` with the field at `path` set to `v` (a deep copy; the base is never changed). */
export function withField(value: unknown, path: FieldPath, v: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    if (at[key] == null || typeof at[key] !== 'object') at[key] = typeof path[i + 1] === 'number' ? [] : {};
    at = at[key] as Record<string | number, unknown>;
  }
  at[path[path.length - 1]] = v;
  return copy;
}

/** A value of another type than the base value: what a caller with the wrong idea of the call sends. */
export function wrongType(v: unknown): unknown {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return 'true';
  if (Array.isArray(v)) return { 0: v[0] };
  if (v && typeof v === 'object') return 'x';
  return ['x'];
}
