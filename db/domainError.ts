// The base of every refusal a clerk can act on. It lives in the lowest layer so that the archive's own
// refusals (a damaged or newer archive file) are refusals too: the dispatcher shows a DomainError's
// message as it is and treats anything else as a bug (程序内部错误). Services take it from
// electron/services/core/errors.ts, which adds the form's ValidationError.

/** One field's problem, shown next to that field in a form. */
export interface FieldProblem {
  field: string;
  message: string; // Chinese, shown next to the field
}

export type DomainErrorCode = 'validation' | 'not_found' | 'conflict' | 'bad_input' | 'forbidden' | 'login_failed' | 'account_locked';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly issues: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
