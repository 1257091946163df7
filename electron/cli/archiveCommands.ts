// The archive core from the command line: set up, demo, members, organizations, integrity check.
import { labelOf } from '../services/core/codes';
import { educationShown, jobPostShown } from '../services/members/nationalCard';
import { CliError, flag, intFlag } from './args';
import type { CliCommand } from './command';
import type { CallOutput } from '../api/contract';

const VIEWS = ['roll', 'exited', 'all', 'probationary', 'mobile', 'lost', 'lostReview', 'hardship', 'transferPending'] as const;

/** The views as the window's side panel names them, in its order. */
const COUNT_LINES = [
  ['全部在册', 'roll'],
  ['预备党员', 'probationary'],
  ['流动党员', 'mobile'],
  ['失联党员', 'lost'],
  ['失联满6个月待处置', 'lostReview'],
  ['困难党员', 'hardship'],
  ['转出待回执', 'transferPending'],
  ['已出党', 'exited'],
] as const;

export const archiveCommands: CliCommand[] = [
  {
    name: 'init',
    usage: 'init --code CODE --name NAME [--role township|county]   设置本档案(首次使用):乡镇用9位代码;县委组织部用 --role county 和6位县级代码',
    async run(env, p) {
      const code = flag(p, 'code');
      const name = flag(p, 'name');
      if (!code || !name) throw new CliError('init 需要 --code 和 --name');
      const role = flag(p, 'role') ?? 'township';
      if (role !== 'township' && role !== 'county') throw new CliError(`--role 应为 township 或 county,收到“${role}”`);
      const s = await env.call('initTownship', { code, name, role });
      env.out(
        role === 'county'
          ? `已设置县级党员档案汇总:${s.township?.name}(县级代码 ${s.township?.code}),登记的乡镇代码应以 ${s.township?.code} 开头;文件 ${env.archive.file}`
          : `已设置乡镇党员档案:${s.township?.name}(乡镇代码 ${s.township?.code}),文件 ${env.archive.file}`,
      );
      return 0;
    },
  },
  {
    name: 'demo',
    usage: 'demo [--members N] [--seed S]                            载入演示乡镇',
    async run(env, p) {
      const r = await env.call('loadDemo', { members: intFlag(p, 'members'), seed: intFlag(p, 'seed') });
      env.out(`已载入演示乡镇:${r.organizations} 个党组织,${r.members} 名党员`);
      return 0;
    },
  },
  {
    name: 'members',
    sub: 'list',
    usage: `members list [--org ID] [--search TEXT] [--status ${VIEWS.join('|')}] [--json]`,
    async run(env, p) {
      const status = flag(p, 'status') ?? 'roll';
      if (!(VIEWS as readonly string[]).includes(status)) throw new CliError(`--status 应为 ${VIEWS.join('|')} 之一,收到“${status}”`);
      const query = { orgId: flag(p, 'org') ?? null, search: flag(p, 'search') ?? null, view: status as (typeof VIEWS)[number], sort: [{ colId: 'orgName', sort: 'asc' as const }] };
      const rows: CallOutput<'listMembers'>['rows'] = [];
      for (let start = 0; ; start += 1000) {
        const page = await env.call('listMembers', { ...query, startRow: start, endRow: start + 1000 });
        rows.push(...page.rows);
        if (page.rows.length < 1000) break;
      }
      const shaped = rows.map((r) => ({
        id: r.id, name: r.name, idNumber: r.idNumber, gender: r.gender, birthDate: r.birthDate, orgId: r.orgId, orgName: r.orgName,
        status: r.exitReason ? 'exited' : r.category, category: r.category, joinDate: r.joinDate, fullDate: r.fullDate,
        exitReason: r.exitReason, exitDate: r.exitDate, isMobile: r.isMobile, isLost: r.isLost,
        // The national card's items (学历 and 工作岗位 leaves; null leaf + coarse value = 待细化).
        education: r.education, educationLevel: r.educationLevel, occupation: r.occupation, jobPost: r.jobPost, degree: r.degree,
        newSocialStratum: r.newSocialStratum, professionalTitle: r.professionalTitle, isMigrantWorker: r.isMigrantWorker, currentResidence: r.currentResidence,
        householdPlace: r.householdPlace, partyAgeAdjustMonths: r.partyAgeAdjustMonths, joinType: r.joinType, fullStatus: r.fullStatus, joinBranch: r.joinBranch,
        probationExtensionMonths: r.probationExtensionMonths, mobileProvince: r.mobileProvince, mobileCity: r.mobileCity, mobileCounty: r.mobileCounty, lostMonth: r.lostMonth,
      }));
      if (p.flags.has('json')) {
        env.out(JSON.stringify(shaped, null, 1));
        return 0;
      }
      for (const r of shaped) {
        env.out([r.name, labelOf('gender', r.gender), r.idNumber, r.orgName, labelOf('memberCategory', r.category), r.joinDate, r.exitReason ? labelOf('exitReason', r.exitReason) : '', educationShown(r), jobPostShown(r)].join('\t'));
      }
      env.out(`共 ${shaped.length} 人`);
      return 0;
    },
  },
  {
    name: 'members',
    sub: 'count',
    usage: 'members count [--org ID] [--search TEXT] [--json]             各名单的人数(有 --search 时为查到的人在各名单中的人数)',
    async run(env, p) {
      const search = flag(p, 'search') ?? null;
      const c = await env.call('memberCounts', { orgId: flag(p, 'org') ?? null, search });
      if (p.flags.has('json')) {
        env.out(JSON.stringify(c, null, 1));
        return 0;
      }
      if (search) env.out(`查找“${search}”:`);
      for (const [label, n] of COUNT_LINES.map(([label, key]) => [label, c[key]] as const)) env.out(`${label}\t${n} 人`);
      for (const [reason, n] of Object.entries(c.exitedByReason)) env.out(`  其中${labelOf('exitReason', reason)}\t${n} 人`);
      return 0;
    },
  },
  {
    name: 'orgs',
    sub: 'tree',
    usage: 'orgs tree [--json]',
    async run(env, p) {
      const nodes = await env.call('orgTree', {});
      type Tree = (typeof nodes)[number] & { children: Tree[] };
      const byId = new Map<string, Tree>(nodes.map((n) => [n.id, { ...n, children: [] }]));
      const roots: Tree[] = [];
      for (const n of byId.values()) (n.parentId && byId.has(n.parentId) ? byId.get(n.parentId)!.children : roots).push(n);
      if (p.flags.has('json')) {
        env.out(JSON.stringify(roots, null, 1));
        return 0;
      }
      const walk = (n: Tree, depth: number) => {
        const tags = [labelOf('orgType', n.type), n.isJoint ? '联合' : '', n.status !== 'active' ? labelOf('orgStatus', n.status) : ''].filter(Boolean).join('·');
        env.out(`${'  '.repeat(depth)}${n.shortName ?? n.name}  [${tags}]  ${n.totalCount}人`);
        for (const c of n.children) walk(c, depth + 1);
      };
      roots.forEach((r) => walk(r, 0));
      return 0;
    },
  },
  {
    name: 'check',
    usage: 'check [--json]                                           检查数据库完整性和审计日志哈希链',
    async run(env, p) {
      const r = await env.call('checkArchive', {});
      if (p.flags.has('json')) env.out(JSON.stringify(r, null, 1));
      else {
        env.out(`数据库完整性:${r.database.ok ? '正常' : '损坏 ' + r.database.messages.join('; ')}`);
        env.out(`外键:${r.foreignKeys.ok ? '正常' : `${r.foreignKeys.violations} 处不一致`}`);
        env.out(`审计日志哈希链:${r.audit.intact ? `完整(${r.audit.rows} 条)` : `已被破坏 — ${r.audit.problem}`}`);
      }
      return r.ok ? 0 : 1;
    },
  },
];
