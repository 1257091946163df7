// Errors a clerk can act on. Messages are Chinese (the UI's working language) and name the record,
// field or file; `code` is stable for the UI and tests.

/** One field's problem, shown next to that field in a form. */
export interface FieldProblem {
  field: string;
  message: string; // Chinese, shown next to the field
}

export class DomainError extends Error {
  constructor(
    readonly code: 'validation' | 'not_found' | 'conflict' | 'bad_input' | 'forbidden' | 'login_failed' | 'account_locked',
    message: string,
    readonly issues: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationError extends DomainError {
  constructor(issues: FieldProblem[], what = '') {
    super('validation', `${what ? what + ':' : ''}${issues.map((i) => i.message).join(';')}`, issues);
    this.name = 'ValidationError';
  }
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError('not_found', `找不到${what}(${id})`);
}
