// The one dispatcher: (callName, input, context) → output. It parses the input with the contract,
// runs the service, parses the output, and turns every failure into an ApiResult the UI can show.
// Both transports (IPC in electron/main, HTTP in the test harness) only forward to it.
import { z } from 'zod';
import type { Archive } from '../../db/connection';
import { CALL_NAMES, isCallName } from './callNames';
import { contract } from './contract';
import type { ApiError, ApiResult, CallContext, Dispatcher } from './result';
import { DomainError } from '../services/core/errors';
import type { ServiceContext } from '../services/core/context';
import { FIELD_LABELS } from '../services/members/memberRules';
import type { CallDefinition } from './defineCall';
import { accessOf } from './callAccess';
import { sessionRefusal } from '../services/accounts/session';
import { installChineseInputMessages } from './zodMessages';

installChineseInputMessages();

function inputProblem(error: z.ZodError): ApiError {
  const issues = error.issues.map((issue) => {
    const field = issue.path.join('.');
    const label = FIELD_LABELS[String(issue.path[issue.path.length - 1])] ?? field;
    return { field, message: `${label || '输入'}:${issue.message}` };
  });
  // No call name in the message: the clerk reads it.
  return { code: 'bad_input', message: `提交的参数不正确:${issues.map((i) => i.message).join(';')}`, issues };
}

export interface DispatcherOptions {
  /** Called for unexpected errors (bugs), so that they reach a log and not only the UI. */
  onInternalError?: (callName: string, error: unknown) => void;
  /** Fixed "today" for tests of date rules. */
  today?: string;
  /** The clock for lockouts and idle lock (tests pass a fake one). */
  clock?: () => Date;
}

export function createDispatcher(archive: Archive, options: DispatcherOptions = {}): Dispatcher {
  return {
    callNames: CALL_NAMES,
    async dispatch(callName: string, input: unknown, context: CallContext): Promise<ApiResult> {
      if (!isCallName(callName)) {
        return { ok: false, error: { code: 'unknown_call', message: `没有名为“${String(callName).slice(0, 40)}”的功能` } };
      }
      // The role is checked before anything else, the input included.
      const access = accessOf(callName);
      const session = context.session;
      if (session) {
        const refusal = await sessionRefusal(archive, session, access, callName, (options.clock?.() ?? new Date()).getTime());
        if (refusal) return { ok: false, error: refusal };
      } else if (!context.trusted && access !== 'public') {
        return { ok: false, error: { code: 'not_logged_in', message: '请先登录。' } };
      }
      const entry = contract[callName] as CallDefinition;
      const parsed = entry.input.safeParse(input);
      if (!parsed.success) return { ok: false, error: inputProblem(parsed.error) };
      const actor = session?.user?.name ?? context.actor;
      const ctx: ServiceContext = { archive, actor, today: options.today, session, clock: options.clock };
      try {
        const value = await entry.run(ctx, parsed.data);
        const out = entry.output.safeParse(value);
        if (!out.success) {
          options.onInternalError?.(callName, out.error);
          return { ok: false, error: { code: 'internal', message: `程序内部错误:${callName} 的返回值不符合约定` } };
        }
        return { ok: true, value: out.data };
      } catch (err) {
        if (err instanceof DomainError) {
          return { ok: false, error: { code: err.code, message: err.message, issues: err.issues.length ? err.issues : undefined } };
        }
        options.onInternalError?.(callName, err);
        return { ok: false, error: { code: 'internal', message: `程序内部错误:${(err as Error)?.message ?? String(err)}` } };
      }
    },
  };
}
