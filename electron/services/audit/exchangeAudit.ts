// The audit log's words for setting the install up and for the exchange with the county: each action
// by its Chinese name, the township (or its package) as the row's 对象, and the values the exchange
// records (sequence numbers, digests, fingerprints, row counts) under Chinese labels, never their keys.
import type { ServiceContext } from '../core/context';
import { readSetting } from '../core/settings';

export const EXCHANGE_ACTION_LABELS: Record<string, string> = {
  'setup.init': '初始设置本档案',
  'exchange.keys.init': '生成本机密钥',
  'exchange.county-key.import': '导入县委组织部公钥',
  'exchange.township.register': '登记乡镇公钥',
  'exchange.export': '导出到县(写出数据包)',
  'exchange.county.import': '导入乡镇数据包',
  'exchange.receipt.write': '出具回执',
  'exchange.receipt.import': '导入县里的回执',
};

/** Whether an action's values are worded here rather than as a member's fields. */
export const isExchangeAction = (action: string) => action === 'setup.init' || action.startsWith('exchange.');

const KEY_LABELS: Record<string, string> = {
  code: '代码', name: '名称', role: '安装类型', lastSequence: '最后序号', sequence: '数据包序号', packageSequence: '数据包序号', kind: '类型', packageKind: '类型',
  baseSequence: '接续的数据包', changeFrom: '变动序号起', changeTo: '变动序号止', bagDigest: '包摘要', rowCounts: '记录数', removed: '移除的记录',
  fingerprint: '密钥指纹', recipient: 'age 公钥', created: '生成的密钥文件', fileName: '文件', townshipCode: '乡镇代码', townshipName: '乡镇名称',
  county: '县委组织部', appliedAt: '导入时间', issuedAt: '出具时间',
};

/** Internal references and format tags that say nothing to a reader. */
export const EXCHANGE_HIDDEN_KEYS = new Set(['rootOrgId', 'format']);

export const exchangeLabel = (key: string): string => KEY_LABELS[key] ?? key;

const WORDS: Record<string, string> = { full: '全量', incremental: '增量', county: '县委组织部', township: '乡镇' };

/** A recorded value in words: kinds and roles named, digests shortened, row counts summed, a county named. */
export function exchangeValue(key: string, v: unknown): unknown {
  if (typeof v === 'string' && (key === 'kind' || key === 'packageKind' || key === 'role')) return WORDS[v] ?? v;
  if (key === 'bagDigest' && typeof v === 'string') return `${v.slice(0, 16)}…`;
  if (key === 'rowCounts' && v && typeof v === 'object') return `${Object.values(v as Record<string, number>).reduce((s, n) => s + (Number(n) || 0), 0)} 条`;
  if (key === 'removed' && typeof v === 'number') return `${v} 条`;
  if (key === 'baseSequence' && v === 0) return '无(全量数据包)';
  if ((key === 'appliedAt' || key === 'issuedAt') && typeof v === 'string') return localInstant(v);
  if (key === 'created' && Array.isArray(v)) return v.join('、');
  if (key === 'county' && v && typeof v === 'object') {
    const c = v as { code?: string; name?: string };
    return `${c.name ?? ''}(${c.code ?? ''})`;
  }
  return v;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A recorded instant in the office's local time, as the log's own time column shows it. */
function localInstant(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

interface Row {
  action: string;
  entityId: string | null;
  after: string | null;
}

const parsed = (json: string | null): Record<string, unknown> => {
  try {
    const v = json ? (JSON.parse(json) as unknown) : null;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/** The 对象 of each exchange row: the township by name and code, with the package's number where there is one. */
export async function exchangeSubjects(ctx: ServiceContext, rows: Row[]): Promise<Map<Row, string>> {
  const out = new Map<Row, string>();
  const ours = rows.filter((r) => isExchangeAction(r.action));
  if (!ours.length) return out;
  const install = await readSetting<{ code: string; name: string }>(ctx.archive, 'township');
  const registered = new Map(
    (await ctx.archive.query<{ code: string; name: string }>('SELECT code, name FROM county_townships')).map((t) => [t.code, t.name]),
  );
  const township = (code: string) => `${registered.get(code) ?? ''}(${code})`;
  for (const r of ours) {
    const after = parsed(r.after);
    let subject = '';
    if (r.action === 'setup.init') subject = install ? `${install.name}(${install.code})` : '';
    else if (r.action === 'exchange.keys.init') subject = '本机密钥';
    else if (r.action === 'exchange.county-key.import') subject = '县委组织部公钥';
    else if (r.action === 'exchange.township.register' && r.entityId) subject = `${typeof after.name === 'string' ? after.name : (registered.get(r.entityId) ?? '')}(${r.entityId})`;
    else if (r.action === 'exchange.county.import' && r.entityId) {
      const m = /^(\d{9})-(\d+)$/.exec(r.entityId);
      subject = m ? `${township(m[1])}第 ${m[2]} 号数据包` : r.entityId;
    } else if (r.action === 'exchange.receipt.write' && r.entityId) subject = `${township(r.entityId)}第 ${String(after.packageSequence ?? '')} 号数据包的回执`;
    else if ((r.action === 'exchange.export' || r.action === 'exchange.receipt.import') && r.entityId) subject = `${install?.name ?? ''}第 ${r.entityId} 号数据包`;
    out.set(r, subject);
  }
  return out;
}

const parse = (json: string | null): unknown => {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
};
const show = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '(空)';
  if (typeof v === 'boolean') return v ? '是' : '否';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
};
const HIDDEN = new Set(['id', 'seq', ...EXCHANGE_HIDDEN_KEYS]);

/** before → after of a set-up or exchange line, in the exchange's words. */
export function describeExchangeChanges(before: string | null, after: string | null): string {
  const b = parse(before);
  const a = parse(after);
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const listed = (o: Record<string, unknown>) => Object.entries(o).filter(([k, v]) => v !== null && v !== '' && !HIDDEN.has(k)).map(([k, v]) => `${exchangeLabel(k)}:${show(exchangeValue(k, v))}`).join(';');
  if (a === null && b === null) return '';
  // An exchange step records what held before and what it did under different names (最后序号 → the
  // package applied): both said, not a field changed from nothing.
  if (isObj(a) && isObj(b) && !Object.keys(b).some((k) => k in a)) return [listed(a), listed(b) && `此前:${listed(b)}`].filter(Boolean).join(';');
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !HIDDEN.has(k) && JSON.stringify(b[k]) !== JSON.stringify(a[k]));
    return keys.map((k) => `${exchangeLabel(k)}:${show(exchangeValue(k, b[k]))} → ${show(exchangeValue(k, a[k]))}`).join(';');
  }
  if (isObj(a) && b === null) return listed(a);
  if (a === null && isObj(b)) return `删除:${listed(b)}`;
  return `${show(b)} → ${show(a)}`;
}
