import type { WindowSession } from '../services/accounts/session';
import type { FieldProblem } from '../services/core/errors';

// What crosses a transport (IPC or the test harness's HTTP): either a value or an error the UI can show.
// Errors carry a stable code, a Chinese message for the clerk, and per-field problems for forms.

export type { FieldProblem };

export interface ApiError {
  code: string; // e.g. 'validation', 'not_found', 'conflict', 'bad_input', 'internal', 'unknown_call'
  message: string; // Chinese, names the record, field or file
  issues?: FieldProblem[];
}

export type ApiResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiError };

/**
 * Who is calling. A window brings its session (the logged-in user, whose name becomes the actor in
 * history and audit); the CLI and a test's own hand are the machine's own user (`trusted`). A context
 * with neither may make only the public calls (login, setup state).
 */
export interface CallContext {
  /** Recorded as the actor when no user is logged in (CLI: cli:<OS user>). */
  actor: string;
  session?: WindowSession;
  trusted?: boolean;
}

/** The one dispatcher that both transports (IPC adapter, test harness) sit in front of. */
export interface Dispatcher {
  readonly callNames: readonly string[];
  dispatch(callName: string, input: unknown, context: CallContext): Promise<ApiResult>;
}
