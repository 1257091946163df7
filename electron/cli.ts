// The archive without a window: `npm run cli -- [--data DIR] <command> …`. It opens the same SQLite
// file as the app and goes through the same dispatcher, so every rule and the audit log apply.
import os from 'node:os';
import { openArchive, type Archive } from '../db/connection';
import { createDispatcher } from './api/dispatcher';
import type { CallName } from './api/callNames';
import type { CallOutput, CallInput } from './api/contract';
import type { Dispatcher } from './api/result';
import { archiveFile, defaultDataDir } from './services/dataDir';
import { labelOf } from './services/codes';

const USAGE = `用法 / usage: npm run cli -- [--data DIR] <command>

  init --code CODE --name NAME [--role township|county]   设置乡镇(首次使用)
  demo [--members N] [--seed S]                            载入演示乡镇
  members list [--org ID] [--search TEXT] [--status roll|exited|all|probationary|mobile|lost] [--json]
  orgs tree [--json]
  check                                                    检查数据库完整性和审计日志哈希链

--data DIR  数据文件夹(默认:${defaultDataDir()}),档案为其中的 archive.db`;

export class CliError extends Error {}

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [key, inline] = a.slice(2).split('=', 2);
      if (inline !== undefined) flags.set(key, inline);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags.set(key, argv[++i]);
      else flags.set(key, true);
    } else positional.push(a);
  }
  return { positional, flags };
}

function flag(p: Parsed, name: string): string | undefined {
  const v = p.flags.get(name);
  if (v === true) throw new CliError(`--${name} 需要一个值`);
  return v;
}

function intFlag(p: Parsed, name: string): number | undefined {
  const v = flag(p, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new CliError(`--${name} 应为整数,收到“${v}”`);
  return Number(v);
}

async function call<K extends CallName>(d: Dispatcher, name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const result = await d.dispatch(name, input, { actor: `cli:${os.userInfo().username}` });
  if (!result.ok) {
    const detail = result.error.issues?.length ? '\n' + result.error.issues.map((i) => `  - ${i.field}: ${i.message}`).join('\n') : '';
    throw new CliError(result.error.message + detail);
  }
  return result.value as CallOutput<K>;
}

type Out = (line: string) => void;

async function membersList(d: Dispatcher, p: Parsed, out: Out): Promise<void> {
  const status = flag(p, 'status') ?? 'roll';
  const views = ['roll', 'exited', 'all', 'probationary', 'mobile', 'lost'] as const;
  if (!(views as readonly string[]).includes(status)) throw new CliError(`--status 应为 ${views.join('|')} 之一,收到“${status}”`);
  const query = { orgId: flag(p, 'org') ?? null, search: flag(p, 'search') ?? null, view: status as (typeof views)[number], sort: [{ colId: 'orgName', sort: 'asc' as const }] };
  const rows: CallOutput<'listMembers'>['rows'] = [];
  for (let start = 0; ; start += 1000) {
    const page = await call(d, 'listMembers', { ...query, startRow: start, endRow: start + 1000 });
    rows.push(...page.rows);
    if (page.rows.length < 1000) break;
  }
  const shaped = rows.map((r) => ({
    id: r.id,
    name: r.name,
    idNumber: r.idNumber,
    gender: r.gender,
    birthDate: r.birthDate,
    orgId: r.orgId,
    orgName: r.orgName,
    status: r.exitReason ? 'exited' : r.category,
    category: r.category,
    joinDate: r.joinDate,
    fullDate: r.fullDate,
    exitReason: r.exitReason,
    exitDate: r.exitDate,
    isMobile: r.isMobile,
    isLost: r.isLost,
  }));
  if (p.flags.has('json')) return out(JSON.stringify(shaped, null, 1));
  for (const r of shaped) {
    out([r.name, labelOf('gender', r.gender), r.idNumber, r.orgName, labelOf('memberCategory', r.category), r.joinDate, r.exitReason ? labelOf('exitReason', r.exitReason) : ''].join('\t'));
  }
  out(`共 ${shaped.length} 人`);
}

async function orgsTree(d: Dispatcher, p: Parsed, out: Out): Promise<void> {
  const nodes = await call(d, 'orgTree', {});
  type Tree = (typeof nodes)[number] & { children: Tree[] };
  const byId = new Map<string, Tree>(nodes.map((n) => [n.id, { ...n, children: [] }]));
  const roots: Tree[] = [];
  for (const n of byId.values()) (n.parentId && byId.has(n.parentId) ? byId.get(n.parentId)!.children : roots).push(n);
  if (p.flags.has('json')) return out(JSON.stringify(roots, null, 1));
  const walk = (n: Tree, depth: number) => {
    const tags = [labelOf('orgType', n.type), n.isJoint ? '联合' : '', n.status !== 'active' ? labelOf('orgStatus', n.status) : ''].filter(Boolean).join('·');
    out(`${'  '.repeat(depth)}${n.shortName ?? n.name}  [${tags}]  ${n.totalCount}人`);
    for (const c of n.children) walk(c, depth + 1);
  };
  roots.forEach((r) => walk(r, 0));
}

/** Runs one command; returns the process exit code. */
export async function runCli(argv: string[], out: Out = (l) => process.stdout.write(l + '\n'), err: Out = (l) => process.stderr.write(l + '\n')): Promise<number> {
  let archive: Archive | undefined;
  try {
    const p = parseArgs(argv);
    const [command, sub] = p.positional;
    if (!command || p.flags.has('help')) {
      out(USAGE);
      return command ? 0 : 2;
    }
    const dataDir = flag(p, 'data') ?? defaultDataDir();
    archive = await openArchive(archiveFile(dataDir));
    const d = createDispatcher(archive, { onInternalError: (name, e) => err(`[${name}] ${(e as Error)?.stack ?? String(e)}`) });
    switch (command) {
      case 'init': {
        const code = flag(p, 'code');
        const name = flag(p, 'name');
        if (!code || !name) throw new CliError('init 需要 --code 和 --name');
        const role = (flag(p, 'role') ?? 'township') as 'township' | 'county';
        if (role !== 'township' && role !== 'county') throw new CliError(`--role 应为 township 或 county,收到“${role}”`);
        const s = await call(d, 'initTownship', { code, name, role });
        out(`已设置:${s.township?.name}(${s.township?.code}),${role === 'county' ? '县级' : '乡镇'}档案,文件 ${archive.file}`);
        return 0;
      }
      case 'demo': {
        const r = await call(d, 'loadDemo', { members: intFlag(p, 'members'), seed: intFlag(p, 'seed') });
        out(`已载入演示乡镇:${r.organizations} 个党组织,${r.members} 名党员`);
        return 0;
      }
      case 'members':
        if (sub !== 'list') throw new CliError(`未知的子命令 members ${sub ?? ''}(可用:members list)`);
        await membersList(d, p, out);
        return 0;
      case 'orgs':
        if (sub !== 'tree') throw new CliError(`未知的子命令 orgs ${sub ?? ''}(可用:orgs tree)`);
        await orgsTree(d, p, out);
        return 0;
      case 'check': {
        const r = await call(d, 'checkArchive', {});
        if (p.flags.has('json')) out(JSON.stringify(r, null, 1));
        else {
          out(`数据库完整性:${r.database.ok ? '正常' : '损坏 ' + r.database.messages.join('; ')}`);
          out(`外键:${r.foreignKeys.ok ? '正常' : `${r.foreignKeys.violations} 处不一致`}`);
          out(`审计日志哈希链:${r.audit.intact ? `完整(${r.audit.rows} 条)` : `已被破坏 — ${r.audit.problem}`}`);
        }
        return r.ok ? 0 : 1;
      }
      default:
        throw new CliError(`未知的命令“${command}”\n${USAGE}`);
    }
  } catch (e) {
    err(`错误:${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await archive?.close().catch(() => undefined);
  }
}

if (require.main === module) {
  // `… | head` closes the pipe early; that is not an error of ours.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  // exitCode, not exit(): exit() would cut off output still queued for a pipe.
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
