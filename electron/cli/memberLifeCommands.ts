// A member's whole life from the command line: one member's record with sub-records and history, 出党
// and its undoing, and the outgoing transfer letters still waiting for their 回执.
import { CODE_LISTS, labelOf } from '../services/core/codes';
import { SUB_RECORD_SPECS, SUB_RECORD_KINDS } from '../services/members/subRecords';
import { educationShown, jobPostShown, mobileDestination } from '../services/members/nationalCard';
import { CliError, flag } from './args';
import type { CliCommand } from './command';

export const memberLifeCommands: CliCommand[] = [
  {
    name: 'members',
    sub: 'show',
    usage: 'members show ID [--json]                                 一名党员的档案:子记录、预备期、转接、材料和历史记录',
    async run(env, p) {
      const id = p.positional[2];
      if (!id) throw new CliError('members show 需要党员的 ID(可用 members list --json 查到)');
      const d = await env.call('memberDossier', { id });
      if (p.flags.has('json')) {
        env.out(JSON.stringify(d, null, 1));
        return 0;
      }
      const m = d.member;
      env.out(`${m.name}  ${labelOf('gender', m.gender)}  ${m.idNumber}  ${m.orgName}`);
      env.out(`${labelOf('memberCategory', m.category)},入党 ${m.joinDate}${m.fullDate ? `,转正 ${m.fullDate}` : `,预备期至 ${d.probation.probationEnd}`}`);
      if (m.exitReason) env.out(`已出党:${labelOf('exitReason', m.exitReason)} ${m.exitDate}`);
      // The national card's other items, each only when known (党龄 as the national system counts it).
      const card: [string, string | number | null][] = [
        ['学历', educationShown(m) || null], ['工作岗位', jobPostShown(m) || null], ['学位', m.degree ? labelOf('degree', m.degree) : null],
        ['党龄', d.partyAge === null ? null : `${d.partyAge}年`], ['党龄校正值', m.partyAgeAdjustMonths ? `${m.partyAgeAdjustMonths}个月` : null],
        ['新社会阶层类型', m.newSocialStratum], ['从事专业技术职务', m.professionalTitle], ['是否农民工', m.isMigrantWorker ? '是' : '否'],
        ['现居住地', m.currentResidence], ['户籍所在地', m.householdPlace], ['入党类型', m.joinType], ['转正情况', m.fullStatus],
        ['入党时所在支部', m.joinBranch], ['延长预备期时间', m.probationExtensionMonths ? `${m.probationExtensionMonths}个月` : null],
        ['外出流向', m.isMobile ? mobileDestination(m) || null : null], ['失去联系日期', m.isLost ? (m.lostMonth ?? m.lostDate?.slice(0, 7) ?? null) : null],
      ];
      env.out(card.filter(([, v]) => v !== null && v !== '').map(([k, v]) => `${k}:${v}`).join(';'));
      if (m.transferPending) env.out('组织关系转出,待回执');
      for (const kind of SUB_RECORD_KINDS) {
        const rows = d.subRecords[kind] ?? [];
        if (!rows.length) continue;
        env.out(`\n${SUB_RECORD_SPECS[kind].label}(${rows.length})`);
        for (const r of rows) env.out('  ' + Object.values(r.values).filter((v) => v !== null && v !== '').join('  '));
      }
      if (d.transfers.length) {
        env.out('\n组织关系转接');
        for (const t of d.transfers) env.out(`  ${t.transferDate}  ${labelOf('transferDirection', t.direction)}  ${t.letterNumber ?? ''}  ${t.destination ?? t.origin ?? t.toOrgName ?? ''}  ${labelOf('transferStatus', t.status)}`);
      }
      env.out(`\n档案材料:${d.files.files.length} 份${d.files.missing.length ? `,缺 ${d.files.missing.map((c) => labelOf('documentType', c)).join('、')}` : ',齐全'}`);
      env.out('\n历史记录');
      for (const e of d.history) env.out(`  ${e.eventDate}  ${e.summary}  (${e.actor})`);
      return 0;
    },
  },
  {
    name: 'members',
    sub: 'exit',
    usage: 'members exit ID --reason 死亡 --date YYYY-MM-DD [--note 说明] [--json]  办理出党(出党方式写中文名称)',
    async run(env, p) {
      const id = p.positional[2];
      if (!id) throw new CliError('members exit 需要党员的 ID(可用 members list --json 查到)');
      const given = flag(p, 'reason');
      const date = flag(p, 'date');
      if (!given || !date) throw new CliError('members exit 需要 --reason(出党方式)和 --date(出党日期)');
      const entry = CODE_LISTS.exitReason.find((e) => e.zh === given || e.code === given);
      if (!entry) throw new CliError(`出党方式“${given}”不可识别,应为:${CODE_LISTS.exitReason.map((e) => e.zh).join('、')}`);
      const m = await env.call('exitMember', { id, reason: entry.code, date, note: flag(p, 'note') ?? null });
      if (p.flags.has('json')) env.out(JSON.stringify(m, null, 1));
      else env.out(`${m.name} 已于 ${m.exitDate} 出党(${labelOf('exitReason', m.exitReason)})`);
      return 0;
    },
  },
  {
    name: 'members',
    sub: 'undo-exit',
    usage: 'members undo-exit ID --reason 原因 [--json]               撤销误登记的出党:回到在册名单,历史记录保留原因',
    async run(env, p) {
      const id = p.positional[2];
      if (!id) throw new CliError('members undo-exit 需要党员的 ID(可用 members list --status exited --json 查到)');
      const m = await env.call('undoExit', { id, reason: flag(p, 'reason') ?? '' });
      if (p.flags.has('json')) env.out(JSON.stringify(m, null, 1));
      else env.out(`已撤销 ${m.name} 的出党,该党员已回到在册名单(${m.orgName})${m.transferPending ? ',介绍信恢复为待回执' : ''}`);
      return 0;
    },
  },
  {
    name: 'transfers',
    sub: 'list',
    usage: 'transfers list [--pending] [--json]                       组织关系转接记录(--pending:转出待回执的介绍信)',
    async run(env, p) {
      const rows = await env.call('listTransfers', { pending: p.flags.has('pending') });
      if (p.flags.has('json')) {
        env.out(JSON.stringify(rows, null, 1));
        return 0;
      }
      for (const t of rows) {
        env.out([t.transferDate, labelOf('transferDirection', t.direction), t.letterNumber ?? '', t.memberName, t.idNumber, t.destination ?? t.origin ?? t.toOrgName ?? '', t.validUntil ? `有效期至 ${t.validUntil}` : '', labelOf('transferStatus', t.status)].join('\t'));
      }
      env.out(`共 ${rows.length} 条`);
      return 0;
    },
  },
];
