// The words a refused input is explained in: zod's own messages are English ("Invalid input: expected
// string") and its Chinese locale still names programming types, so the clerk would read "期望 string".
// This map says it in plain Chinese; the dispatcher prefixes the field's label.
import { z } from 'zod';

const TYPE_WORDS: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是或否',
  object: '一组内容',
  array: '一个列表',
  date: '日期',
  null: '空',
  undefined: '空',
};

function size(origin: string | undefined, n: number | bigint): string {
  if (origin === 'string') return `${n} 个字`;
  if (origin === 'array' || origin === 'set') return `${n} 项`;
  return String(n);
}

export function chineseInputMessage(issue: { code?: string; [k: string]: unknown }): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '不能为空';
      return `应为${TYPE_WORDS[String(issue.expected)] ?? '正确的内容'}`;
    }
    case 'too_big': {
      const origin = String(issue.origin ?? '');
      const max = issue.maximum as number | bigint;
      return origin === 'string' || origin === 'array' || origin === 'set' ? `最多 ${size(origin, max)}` : `不能大于 ${max}`;
    }
    case 'too_small': {
      const origin = String(issue.origin ?? '');
      const min = issue.minimum as number | bigint;
      if (origin === 'string' && Number(min) === 1) return '不能为空';
      return origin === 'string' || origin === 'array' || origin === 'set' ? `至少 ${size(origin, min)}` : `不能小于 ${min}`;
    }
    case 'invalid_format':
      return '格式不正确';
    case 'not_multiple_of':
      return '应为整数';
    case 'invalid_value':
      return '不是可选的值';
    case 'unrecognized_keys':
      return `有本程序不认识的项:${((issue.keys as string[]) ?? []).join('、')}`;
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return '内容不正确';
    default:
      return undefined;
  }
}

let installed = false;

/** Install the Chinese messages once for the process (the dispatcher does, wherever it runs). */
export function installChineseInputMessages(): void {
  if (installed) return;
  installed = true;
  z.config({ customError: (issue) => chineseInputMessage(issue as never) ?? '内容不正确' });
}
