// The one dispatcher: (callName, input, context) → output. It parses the input with the contract,
// runs the service, parses the output, and turns every failure into an ApiResult the UI can show.
// Both transports (IPC in electron/main, HTTP in the test harness) only forward to it.
import { z } from 'zod';
import type { Archive } from '../../db/connection';
import { CALL_NAMES, isCallName, type CallName } from './callNames';
import { contract, type CallOutput } from './contract';
import type { ApiError, ApiResult, CallContext, Dispatcher } from './result';
import { DomainError } from '../services/errors';
import type { ServiceContext } from '../services/context';
import * as settings from '../services/settings';
import * as orgs from '../services/organizations';
import * as members from '../services/members';
import { listMembers, memberCounts } from '../services/memberQuery';
import { memberHistory } from '../services/memberEvents';
import { loadDemoTownship } from '../services/demoTownship';
import { checkArchive } from '../services/integrity';
import { FIELD_LABELS } from '../services/memberRules';

type Handlers = { [K in CallName]: (ctx: ServiceContext, input: z.output<(typeof contract)[K]['input']>) => Promise<CallOutput<K>> };

const handlers: Handlers = {
  getSetup: (ctx) => settings.getSetup(ctx),
  initTownship: (ctx, i) => settings.initTownship(ctx, i),
  loadDemo: (ctx, i) => loadDemoTownship(ctx, i ?? {}),
  orgTree: (ctx) => orgs.orgTree(ctx),
  getOrg: (ctx, i) => orgs.getOrg(ctx, i.id),
  createOrg: (ctx, i) => orgs.createOrg(ctx, i),
  updateOrg: (ctx, i) => orgs.updateOrg(ctx, i.id, i.patch),
  moveOrg: (ctx, i) => orgs.moveOrg(ctx, i.id, i.parentId),
  mergeOrg: (ctx, i) => orgs.mergeOrg(ctx, i.id, i.targetId, i.date),
  dissolveOrg: (ctx, i) => orgs.dissolveOrg(ctx, i.id, i.date),
  listMembers: (ctx, i) => listMembers(ctx, i),
  memberCounts: (ctx, i) => memberCounts(ctx, i?.orgId),
  getMember: (ctx, i) => members.getMember(ctx, i.id),
  validateMember: (ctx, i) => members.validateMember(ctx, i.member, i.id ?? null),
  createMember: (ctx, i) => members.createMember(ctx, i),
  updateMember: (ctx, i) => members.updateMember(ctx, i.id, i.patch),
  exitMember: (ctx, i) => members.exitMember(ctx, i.id, i),
  memberHistory: (ctx, i) => memberHistory(ctx.archive, i.id),
  getPreference: (ctx, i) => settings.getPreference(ctx, i.key),
  setPreference: async (ctx, i) => {
    await settings.setPreference(ctx, i.key, i.value);
    return null;
  },
  checkArchive: (ctx) => checkArchive(ctx),
};

function inputProblem(callName: string, error: z.ZodError): ApiError {
  const issues = error.issues.map((issue) => {
    const field = issue.path.join('.');
    const label = FIELD_LABELS[String(issue.path[issue.path.length - 1])] ?? field;
    return { field, message: `${label || '输入'}:${issue.message}` };
  });
  return { code: 'bad_input', message: `调用 ${callName} 的参数不正确:${issues.map((i) => i.message).join(';')}`, issues };
}

export interface DispatcherOptions {
  /** Called for unexpected errors (bugs), so that they reach a log and not only the UI. */
  onInternalError?: (callName: string, error: unknown) => void;
  /** Fixed "today" for tests of date rules. */
  today?: string;
}

export function createDispatcher(archive: Archive, options: DispatcherOptions = {}): Dispatcher {
  return {
    callNames: CALL_NAMES,
    async dispatch(callName: string, input: unknown, context: CallContext): Promise<ApiResult> {
      if (!isCallName(callName)) {
        return { ok: false, error: { code: 'unknown_call', message: `没有名为“${String(callName).slice(0, 40)}”的功能` } };
      }
      const entry = contract[callName];
      const parsed = entry.input.safeParse(input);
      if (!parsed.success) return { ok: false, error: inputProblem(callName, parsed.error) };
      const ctx: ServiceContext = { archive, actor: context.actor, today: options.today };
      try {
        const handler = handlers[callName] as (ctx: ServiceContext, input: unknown) => Promise<unknown>;
        const value = await handler(ctx, parsed.data);
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
