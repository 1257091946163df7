// The renderer's only door to the archive: window.api.<call>(input) → ApiResult, unwrapped here.
// A failed call throws ApiCallError with the Chinese message and the per-field problems, so forms can
// show each problem under its field. Types come from the contract (type imports only: no zod, no
// services, nothing of the main process is bundled into the window).
import i18n from './i18n';
import { announceSessionRefusal } from './lib/session';
import type { CallName } from '../../electron/api/callNames';
import type { CallInput, CallOutput } from '../../electron/api/contract';
import type { ApiResult, FieldProblem } from '../../electron/api/result';

export type { CallInput, CallName, CallOutput, FieldProblem };
export type {
  MemberInputDto,
  MemberRecordDto,
  MemberListRowDto,
  MemberListQueryDto,
  OrgNodeDto,
  SetupStatusDto,
  MemberEventDto,
  MemberCountsDto,
} from '../../electron/api/contract';

export class ApiCallError extends Error {
  readonly code: string;
  readonly issues: FieldProblem[];
  readonly callName: string;

  constructor(callName: string, code: string, message: string, issues: FieldProblem[] = []) {
    super(message);
    this.name = 'ApiCallError';
    this.callName = callName;
    this.code = code;
    this.issues = issues;
  }

  /** Problems by form field. Input-shape problems come as "member.idNumber" / "patch.idNumber". */
  byField(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const issue of this.issues) {
      const field = issue.field.split('.').pop() ?? issue.field;
      if (!out[field]) out[field] = issue.message;
    }
    return out;
  }
}

type InputArgs<K extends CallName> = undefined extends CallInput<K> ? [input?: CallInput<K>] : [input: CallInput<K>];

/** Call the archive; resolves to the value or throws ApiCallError (never a raw transport error). */
export async function call<K extends CallName>(name: K, ...args: InputArgs<K>): Promise<CallOutput<K>> {
  const bridge = window.api;
  if (!bridge || typeof bridge[name] !== 'function') {
    throw new ApiCallError(name, 'no_api', i18n.t('errors.noApi'));
  }
  let result: ApiResult;
  try {
    result = await bridge[name](args[0]);
  } catch (err) {
    throw new ApiCallError(name, 'transport', i18n.t('errors.transport', { message: (err as Error)?.message ?? String(err) }));
  }
  if (!result || typeof result !== 'object') throw new ApiCallError(name, 'transport', i18n.t('errors.noResult'));
  if (result.ok) return result.value as CallOutput<K>;
  const { code, message, issues } = result.error;
  announceSessionRefusal(code); // the window shows the lock or login screen
  throw new ApiCallError(name, code, message, issues ?? []);
}

/** Per-call helpers, so call sites read like the domain. */
export const api = {
  call,
  getSetup: () => call('getSetup', {}),
  initTownship: (input: CallInput<'initTownship'>) => call('initTownship', input),
  loadDemo: (input?: CallInput<'loadDemo'>) => call('loadDemo', input),
  orgTree: () => call('orgTree', {}),
  listMembers: (input: CallInput<'listMembers'>) => call('listMembers', input),
  memberCounts: (orgId: string | null, search?: string) => call('memberCounts', { orgId, search: search || null }),
  getMember: (id: string) => call('getMember', { id }),
  validateMember: (input: CallInput<'validateMember'>) => call('validateMember', input),
  createMember: (input: CallInput<'createMember'>) => call('createMember', input),
  updateMember: (input: CallInput<'updateMember'>) => call('updateMember', input),
  exitMember: (input: CallInput<'exitMember'>) => call('exitMember', input),
  undoExit: (input: CallInput<'undoExit'>) => call('undoExit', input),
  memberHistory: (id: string) => call('memberHistory', { id }),
  getPreference: (key: string) => call('getPreference', { key }),
  setPreference: (key: string, value: unknown) => call('setPreference', { key, value }),
};

/** A message for the clerk from any error. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiCallError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
