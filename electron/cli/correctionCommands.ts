// Putting mistakes right from the command line, as the window does: each correction with its reason
// (--reason), through the same calls. The ids come from the listings' --json output.
import { flag, CliError, type Parsed } from './args';
import type { CliCommand } from './command';
import type { CallName } from '../api/callNames';
import type { CallInput, CallOutput } from '../api/contract';
import { parseYuan } from '../services/core/validation';

const idOf = (p: Parsed, what: string, usage: string) => {
  const id = p.positional[2];
  if (!id) throw new CliError(`${usage} 需要${what}的 ID(可用 --json 的列表查到)`);
  return id;
};
const reasonOf = (p: Parsed) => flag(p, 'reason') ?? '';

/**
 * The common shape of a correction: one record's id, `--reason`, one call, one line said (or the result as
 * `--json`). `what` names the record in the message when the id is missing.
 */
function reasoned<K extends CallName>(spec: {
  command: `${string} ${string}`;
  args: string;
  does: string;
  what: string;
  call: K;
  input: (id: string, reason: string) => CallInput<K>;
  said: (result: CallOutput<K>) => string;
  json?: boolean;
}): CliCommand {
  const [name, sub] = spec.command.split(' ');
  const head = `${spec.command} ${spec.args}${spec.json ? ' [--json]' : ''}`;
  return {
    name,
    sub,
    usage: `${head.padEnd(59)}${spec.does}`,
    async run(env, p) {
      const result = await env.call(spec.call, spec.input(idOf(p, spec.what, spec.command), reasonOf(p)));
      env.out(spec.json && p.flags.has('json') ? JSON.stringify(result, null, 1) : spec.said(result));
      return 0;
    },
  };
}

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
  reasoned({
    command: 'development void-step', args: 'STEP --reason 原因', json: true, does: '作废误登记的最近一步,培养阶段回到此步之前', what: '步骤',
    call: 'voidDevStep', input: (stepId, reason) => ({ stepId, reason }),
    said: (r) => `已作废;${r.person.name}现在的培养阶段:${r.steps.filter((s) => !s.voidedAt).at(-1)?.label ?? ''}`,
  }),
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
  reasoned({
    command: 'meetings delete', args: 'ID --reason 原因', does: '删除误登记(或重复登记)的会议记录', what: '会议',
    call: 'deleteMeeting', input: (id, reason) => ({ id, reason }), said: () => '已删除会议记录',
  }),
  reasoned({
    command: 'affairs undo', args: 'ID --reason 原因', json: true, does: '撤回五事工作法事项最近登记的一步', what: '事项',
    call: 'undoMatterStep', input: (id, reason) => ({ id, reason }), said: (m) => `已撤回:“${m.title}”现在${m.stageLabel}`,
  }),
  reasoned({
    command: 'pairing delete-help', args: 'ID --reason 原因', does: '删除误登记(或重复登记)的帮扶记录', what: '帮扶记录',
    call: 'deleteHelpEntry', input: (id, reason) => ({ id, reason }), said: () => '已删除帮扶记录',
  }),
];

/** 元 as typed on the command line (49, 49.5, 49.00) → 分. */
function fenFlag(p: Parsed, name: string, label: string): number | undefined {
  const text = flag(p, name);
  if (text === undefined) return undefined;
  const { fen, problems } = parseYuan(name, label, text, { allowZero: true });
  if (problems.length || fen === null) throw new CliError(`--${name} ${problems[0]?.message ?? `应为金额(元),收到“${text}”`}`);
  return fen;
}
const GRADE_CODES: Record<string, string | null> = { 优秀: 'excellent', 合格: 'qualified', 基本合格: 'basic', 不合格: 'unqualified', excellent: 'excellent', qualified: 'qualified', basic: 'basic', unqualified: 'unqualified' };

export const recordCorrectionCommands: CliCommand[] = [
  {
    name: 'training',
    sub: 'correct',
    usage: 'training correct ID [--date D] [--topic 主题] [--hours 学时] [--place 地点] [--organizer 主办单位] --reason 原因   更正一期培训(其余照旧)',
    async run(env, p) {
      const s = await env.call('getTrainingSession', { id: idOf(p, '培训', 'training correct') });
      const hours = flag(p, 'hours');
      const r = await env.call('saveTrainingSession', {
        id: s.id, date: flag(p, 'date') ?? s.date, topic: flag(p, 'topic') ?? s.topic, placeKind: s.placeKind, place: flag(p, 'place') ?? s.place,
        hours: hours === undefined ? s.hours : Number(hours), organizer: flag(p, 'organizer') ?? s.organizer, note: s.note, attendeeIds: s.attendeeList.map((a) => a.memberId), reason: reasonOf(p),
      });
      if (p.flags.has('json')) env.out(JSON.stringify(r, null, 1));
      else env.out(`已更正培训:${r.date} ${r.topic} ${r.hours} 学时,${r.attendees} 人参加`);
      return 0;
    },
  },
  reasoned({
    command: 'training delete', args: 'ID --reason 原因', does: '删除误登记(或重复登记)的一期培训及其参加人员', what: '培训',
    call: 'deleteTrainingSession', input: (id, reason) => ({ id, reason }), said: () => '已删除培训',
  }),
  {
    name: 'care',
    sub: 'correct-aid',
    usage: 'care correct-aid ID [--date D] [--amount 元] [--given-by 经办人] --reason 原因   更正一次关爱(金额从原基金支出)',
    async run(env, p) {
      const a = await env.call('getCareAid', { id: idOf(p, '关爱记录', 'care correct-aid') });
      const amountFen = fenFlag(p, 'amount', '金额') ?? a.amountFen;
      const r = await env.call('recordCareAid', {
        id: a.id, memberId: a.memberId, date: flag(p, 'date') ?? a.date, kind: a.kind, amountFen, fundId: a.fundId, givenBy: flag(p, 'given-by') ?? a.givenBy, reason: a.reason, note: a.note, correctionReason: reasonOf(p),
      });
      if (p.flags.has('json')) env.out(JSON.stringify(r, null, 1));
      else env.out(`已更正:${r.name} ${r.date} ${r.kindLabel} ${(r.amountFen / 100).toFixed(2)} 元`);
      return 0;
    },
  },
  reasoned({
    command: 'care delete-aid', args: 'ID --reason 原因', does: '删除误登记(或重复登记)的关爱记录,金额退回基金', what: '关爱记录',
    call: 'deleteCareAid', input: (id, reason) => ({ id, reason }), said: () => '已删除关爱记录',
  }),
  {
    name: 'dues',
    sub: 'correct',
    usage: 'dues correct MEMBER YYYY-MM (--amount 元 | --remove) --reason 原因 [--confirm-unusual]   更正(或删除)一名党员一个月已登记的党费',
    async run(env, p) {
      const memberId = idOf(p, '党员', 'dues correct');
      const month = p.positional[3];
      if (!month) throw new CliError('dues correct 需要月份(YYYY-MM)');
      const amountFen = p.flags.has('remove') ? null : fenFlag(p, 'amount', '党费');
      if (amountFen === undefined) throw new CliError('dues correct 需要 --amount 元,或 --remove 删除这个月的党费');
      const r = await env.call('correctDuesPayment', { memberId, month, amountFen, reason: reasonOf(p), confirmUnusual: p.flags.has('confirm-unusual') });
      env.out(r.saved ? (amountFen === null ? `已删除 ${month} 的党费` : `已更正 ${month} 的党费为 ${(amountFen / 100).toFixed(2)} 元`) : '没有改动');
      return 0;
    },
  },
  {
    name: 'reviews',
    sub: 'correct',
    usage: 'reviews correct MEMBER --year YYYY --grade 优秀|合格|基本合格|不合格 --reason 原因   更正一名党员已登记的民主评议等次',
    async run(env, p) {
      const memberId = idOf(p, '党员', 'reviews correct');
      const year = Number(flag(p, 'year'));
      if (!Number.isInteger(year)) throw new CliError('reviews correct 需要 --year 年度');
      const text = flag(p, 'grade') ?? '';
      const grade = GRADE_CODES[text];
      if (grade === undefined) throw new CliError(`--grade 应为 优秀、合格、基本合格 或 不合格,收到“${text}”`);
      const r = await env.call('correctAppraisal', { memberId, year, grade, reason: reasonOf(p) });
      env.out(r.saved ? `已更正 ${year} 年度评议等次为 ${text}` : '没有改动');
      for (const w of r.warnings) env.err(`提示:${w}`);
      return 0;
    },
  },
];
