// What crosses a transport (IPC or the test harness's HTTP): either a value or an error the UI can show.
// Errors carry a stable code, a Chinese message for the clerk, and per-field problems for forms.

export interface FieldProblem {
  field: string;
  message: string; // Chinese, shown next to the field
}

export interface ApiError {
  code: string; // e.g. 'validation', 'not_found', 'conflict', 'bad_input', 'internal', 'unknown_call'
  message: string; // Chinese, names the record, field or file
  issues?: FieldProblem[];
}

export type ApiResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Who is calling. Accounts and roles come later; today the actor is the OS user of the install. */
export interface CallContext {
  actor: string;
}

/** The one dispatcher that both transports (IPC adapter, test harness) sit in front of. */
export interface Dispatcher {
  readonly callNames: readonly string[];
  dispatch(callName: string, input: unknown, context: CallContext): Promise<ApiResult>;
}
