// The same commands at the county: on a county archive `members list`, `members count`, `members show`, `orgs tree`,
// `checks`, `export members` and `print roster` answer over every township's records from the packages
// (the county holds no members of its own), through the same calls as the county's pages, so the CLI's
// figures are the window's. `--township CODE` narrows to one township where the township's CLI has --org.
import { writeFileAtomic } from '../services/core/atomicFile';
import { labelOf } from '../services/core/codes';
import { CliError, flag, type Parsed } from './args';
import type { CliCommand, CliEnv } from './command';
import type { CallOutput } from '../api/contract';

const STATUSES = ['roll', 'exited', 'all', 'probationary', 'mobile', 'lost', 'transferPending', 'duplicate'] as const;
type Status = (typeof STATUSES)[number];
const STATUS_WORDS: Record<Status, string> = {
  roll: '全部在册', exited: '已出党', all: '全部', probationary: '预备党员', mobile: '流动党员', lost: '失联党员', transferPending: '转出待回执', duplicate: '重复登记',
};

function statusOf(p: Parsed): Status {
  const s = flag(p, 'status') ?? 'roll';
  if (!(STATUSES as readonly string[]).includes(s)) throw new CliError(`县级档案中 --status 应为 ${STATUSES.join('|')} 之一,收到“${s}”`);
  return s as Status;
}

function townshipOf(p: Parsed): string | null {
  if (p.flags.has('org') && flag(p, 'org')) throw new CliError('县级档案按乡镇查看:请用 --township 乡镇代码(乡镇代码见 orgs tree 或 members list)');
  return flag(p, 'township') ?? null;
}

/** The status words of one record, as the grid's status columns show them. */
function statusWords(r: { isMobile: boolean; isLost: boolean; transferPending: boolean; duplicate: boolean; exitReason: string | null }): string {
  if (r.exitReason) return '';
  return [r.isMobile && '流动', r.isLost && '失联', r.transferPending && '转出待回执', r.duplicate && '重复登记'].filter(Boolean).join('、');
}

type Variant = (env: CliEnv, p: Parsed) => Promise<number>;

const VARIANTS: Record<string, Variant> = {
  async 'members list'(env, p) {
    const query = { townshipCode: townshipOf(p), search: flag(p, 'search') ?? null, status: statusOf(p), sort: 'township' as const };
    const rows: CallOutput<'listCountyMembers'>['rows'] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await env.call('listCountyMembers', { ...query, offset, limit: 1000 });
      rows.push(...page.rows);
      if (page.rows.length < 1000) break;
    }
    if (p.flags.has('json')) {
      env.out(JSON.stringify(rows.map((r) => ({ ...r, status: r.exitReason ? 'exited' : r.category })), null, 1));
      return 0;
    }
    for (const r of rows) {
      env.out([r.townshipName, r.name, labelOf('gender', r.gender), r.idNumber, r.orgName ?? '', labelOf('memberCategory', r.category), r.joinDate, r.exitReason ? labelOf('exitReason', r.exitReason) : '', statusWords(r)].join('\t'));
    }
    env.out(`共 ${rows.length} 人`);
    return 0;
  },

  async 'members count'(env, p) {
    const townshipCode = townshipOf(p);
    const search = flag(p, 'search') ?? null;
    const counts: Record<string, number> = {};
    for (const status of STATUSES) counts[status] = (await env.call('listCountyMembers', { townshipCode, search, status, limit: 1 })).total;
    if (p.flags.has('json')) {
      env.out(JSON.stringify(counts, null, 1));
      return 0;
    }
    if (search) env.out(`查找“${search}”:`);
    for (const status of STATUSES) env.out(`${STATUS_WORDS[status]}\t${counts[status]} 人`);
    return 0;
  },

  async 'members show'(env, p) {
    const id = p.positional[2];
    if (!id) throw new CliError('members show 需要党员的 ID 或公民身份号码(可用 members list --json 查到),一人在几个乡镇都有档案时加 --township 乡镇代码');
    const r = await env.call('countyMemberRecord', { id, townshipCode: flag(p, 'township') ?? null });
    if (p.flags.has('json')) {
      env.out(JSON.stringify(r, null, 1));
      return 0;
    }
    env.out(`${r.name}  ${r.idNumber}  ${r.townshipName}  ${r.statuses.join('、')}`);
    env.out(`(县级档案只读:以${r.townshipName}第 ${r.lastPackage.sequence} 号数据包${r.lastPackage.baggingDate ? `,${r.lastPackage.baggingDate} 打包` : ''}为准)`);
    for (const f of r.fields) if (f.value) env.out(`  ${f.label}:${f.value}`);
    for (const s of r.sections) {
      if (!s.rows.length) continue;
      env.out(`\n${s.title}(${s.rows.length})`);
      env.out('  ' + s.columns.join('\t'));
      for (const row of s.rows) env.out('  ' + row.join('\t'));
    }
    if (r.otherRecords.length) {
      env.out('\n在其他乡镇的档案');
      for (const o of r.otherRecords) env.out(`  ${o.townshipName}  ${o.orgName}  ${o.state}${o.link ? `  ${o.link}` : ''}`);
    }
    if (r.history.length) {
      env.out('\n历史记录');
      for (const h of r.history) env.out(`  ${h.date}  ${h.summary}  (${h.actor})`);
    }
    return 0;
  },

  async 'orgs tree'(env, p) {
    const nodes = await env.call('countyOrgTree', {});
    type Tree = (typeof nodes)[number] & { children: Tree[] };
    const byId = new Map<string, Tree>(nodes.map((n) => [n.id, { ...n, children: [] }]));
    const roots: Tree[] = [];
    for (const n of byId.values()) (n.parentId && byId.has(n.parentId) ? byId.get(n.parentId)!.children : roots).push(n);
    if (p.flags.has('json')) {
      env.out(JSON.stringify(roots, null, 1));
      return 0;
    }
    const walk = (n: Tree, depth: number) => {
      const tag = n.type === 'county' ? '县' : n.type === 'township' ? `乡镇 ${n.townshipCode}` : [labelOf('orgType', n.type), n.status !== 'active' ? labelOf('orgStatus', n.status) : ''].filter(Boolean).join('·');
      env.out(`${'  '.repeat(depth)}${n.name}  [${tag}]  ${n.totalCount}人`);
      for (const c of n.children) walk(c, depth + 1);
    };
    roots.forEach((r) => walk(r, 0));
    return 0;
  },

  async checks(env, p) {
    const r = await env.call('countyChecks', { since: flag(p, 'since') ?? null });
    if (p.flags.has('json')) {
      env.out(JSON.stringify(r, null, 1));
      return r.total === 0 ? 0 : 1;
    }
    env.out(`县级数据校验(截至 ${r.today};转出 ${r.rules.arrivalDays} 天未接收、${r.rules.since ? `${r.rules.since} 以来未报送` : `${r.rules.overdueDays} 天未报送`}算逾期)`);
    for (const c of r.checks) {
      env.out(`${c.title}:${c.problems.length} 条`);
      for (const pr of c.problems) env.out(`  ${pr.townshipName}\t${pr.entity === 'township' ? '乡镇' : pr.name}\t${pr.orgName}\t${pr.detail}`);
    }
    env.out(`共 ${r.total} 条问题`);
    env.out('\n各乡镇数据校验(按各乡镇最近一次数据包)');
    env.out(['乡镇', ...r.townshipRules.map((x) => x.title), '合计'].join('\t'));
    for (const t of r.townships) {
      env.out(t.available ? [t.name, ...r.townshipRules.map((x) => String(t.counts[x.id] ?? 0)), String(t.total)].join('\t') : `${t.name}\t${t.note ?? ''}`);
    }
    env.out(`各乡镇合计 ${r.townshipTotal} 条`);
    return r.total === 0 ? 0 : 1;
  },

  async 'export members'(env, p) {
    const out = flag(p, 'out');
    if (!out) throw new CliError('export members 需要 --out 文件名.xlsx');
    const colFlag = flag(p, 'columns');
    const columns = colFlag === 'all' ? (await import('../services/exchange/countyRoster')).COUNTY_EXPORT_COLUMNS : colFlag?.split(',').map((c) => c.trim()).filter(Boolean);
    const input = { townshipCode: townshipOf(p), status: statusOf(p), columns };
    const file = p.flags.has('roster') ? await env.call('exportCountyRoster', input) : await env.call('exportCountyMembers', input);
    writeFileAtomic(out, Buffer.from(file.base64, 'base64'), { mode: 0o644 });
    env.out(`已导出 ${file.rows} 名党员到 ${out}`);
    return 0;
  },

  async 'print roster'(env, p) {
    const file = flag(p, 'html');
    if (!file) throw new CliError('需要 --html FILE:把打印内容写到哪个文件');
    const columns = flag(p, 'columns')?.split(',').map((c) => c.trim()).filter(Boolean);
    const out = await env.call('printCountyRoster', { townshipCode: townshipOf(p), status: statusOf(p), columns });
    writeFileAtomic(file, out.html, { mode: 0o644 });
    env.out(`已写出:${out.title} → ${file}`);
    return 0;
  },
};

const USAGE: Record<string, string> = {
  'members list': '县级:[--township CODE] [--status …|duplicate] 全县各乡镇的党员',
  'members show': '县级:ID 或公民身份号码 [--township CODE],只读',
  'members count': '县级:[--township CODE] 各名单人数(含重复登记)',
  'orgs tree': '县级:县、各乡镇及其党组织',
  checks: '县级:[--since DATE] 重复登记、转出未接收、介绍信过期、逾期未报送、各乡镇数据校验',
  'export members': '县级:[--township CODE] [--roster](按乡镇分表)',
  'print roster': '县级:[--township CODE] 按乡镇分节',
};

async function atCounty(env: CliEnv): Promise<boolean> {
  return (await env.call('getSetup', {})).role === 'county';
}

/** The commands, each with its county variant (where it has one) chosen by the archive's role. */
export function withCountyVariants(commands: CliCommand[]): CliCommand[] {
  return commands.map((c) => {
    const key = c.sub ? `${c.name} ${c.sub}` : c.name;
    const variant = VARIANTS[key];
    if (!variant) return c;
    return { ...c, usage: `${c.usage}\n      ${USAGE[key]}`, run: async (env, p) => ((await atCounty(env)) ? variant(env, p) : c.run(env, p)) };
  });
}
