// Putting mistakes right from the command line, as the window does: each correction with its reason
// (--reason), through the same calls. The ids come from the listings' --json output.
import { flag, CliError, type Parsed } from './args';
import type { CliCommand } from './command';

const idOf = (p: Parsed, what: string, usage: string) => {
  const id = p.positional[2];
  if (!id) throw new CliError(`${usage} 需要${what}的 ID(可用 --json 的列表查到)`);
  return id;
};
const reasonOf = (p: Parsed) => flag(p, 'reason') ?? '';

export const correctionCommands: CliCommand[] = [
  {
    name: 'development',
    sub: 'steps',
    usage: 'development steps PERSON [--json]                       一名发展对象的发展过程(含已作废的步骤及原因)',
    async run(env, p) {
      const r = await env.call('getDevRecord', { id: idOf(p, '发展对象', 'development steps') });
      if (p.flags.has('json')) {
        env.out(JSON.stringify(r.steps, null, 1));
        return 0;
      }
      env.out(`${r.person.name}  ${r.person.orgName}`);
      for (const s of r.steps) env.out(`  ${s.stepDate}  ${s.label}${s.decidedBy ? `  ${s.decidedBy}` : ''}${s.voidedAt ? `  (已于 ${s.voidedAt} 作废:${s.voidReason})` : ''}`);
      return 0;
    },
  },
  {
    name: 'development',
    sub: 'void-step',
    usage: 'development void-step STEP --reason 原因 [--json]          作废误登记的最近一步,培养阶段回到此步之前',
    async run(env, p) {
      const r = await env.call('voidDevStep', { stepId: idOf(p, '步骤', 'development void-step'), reason: reasonOf(p) });
      if (p.flags.has('json')) env.out(JSON.stringify(r, null, 1));
      else env.out(`已作废;${r.person.name}现在的培养阶段:${r.steps.filter((s) => !s.voidedAt).at(-1)?.label ?? ''}`);
      return 0;
    },
  },
  {
    name: 'development',
    sub: 'correct-step',
    usage: 'development correct-step STEP [--date D] [--decided-by 决定机关] [--note 说明] --reason 原因   更正一步(日期只能更正最近一步,按规则重新检查)',
    async run(env, p) {
      const r = await env.call('correctDevStep', { stepId: idOf(p, '步骤', 'development correct-step'), date: flag(p, 'date') ?? null, decidedBy: flag(p, 'decided-by'), note: flag(p, 'note'), reason: reasonOf(p) });
      if (p.flags.has('json')) env.out(JSON.stringify(r, null, 1));
      else {
        env.out(`已更正:${r.record.person.name}`);
        for (const w of r.warnings) env.err(`提示:${w}`);
      }
      return 0;
    },
  },
  {
    name: 'meetings',
    sub: 'delete',
    usage: 'meetings delete ID --reason 原因                            删除误登记(或重复登记)的会议记录',
    async run(env, p) {
      await env.call('deleteMeeting', { id: idOf(p, '会议', 'meetings delete'), reason: reasonOf(p) });
      env.out('已删除会议记录');
      return 0;
    },
  },
  {
    name: 'affairs',
    sub: 'undo',
    usage: 'affairs undo ID --reason 原因 [--json]                     撤回五事工作法事项最近登记的一步',
    async run(env, p) {
      const m = await env.call('undoMatterStep', { id: idOf(p, '事项', 'affairs undo'), reason: reasonOf(p) });
      if (p.flags.has('json')) env.out(JSON.stringify(m, null, 1));
      else env.out(`已撤回:“${m.title}”现在${m.stageLabel}`);
      return 0;
    },
  },
  {
    name: 'pairing',
    sub: 'delete-help',
    usage: 'pairing delete-help ID --reason 原因                        删除误登记(或重复登记)的帮扶记录',
    async run(env, p) {
      await env.call('deleteHelpEntry', { id: idOf(p, '帮扶记录', 'pairing delete-help'), reason: reasonOf(p) });
      env.out('已删除帮扶记录');
      return 0;
    },
  },
];
