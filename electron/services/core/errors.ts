// Errors a clerk can act on. Messages are Chinese (the UI's working language) and name the record,
// field or file; `code` is stable for the UI and tests.

// The base class sits in db/ so that the archive's own refusals can be DomainErrors too.
import { DomainError, type FieldProblem } from '../../../db/domainError';

export { DomainError, type DomainErrorCode, type FieldProblem } from '../../../db/domainError';

export class ValidationError extends DomainError {
  constructor(issues: FieldProblem[], what = '') {
    super('validation', `${what ? what + ':' : ''}${issues.map((i) => i.message).join(';')}`, issues);
    this.name = 'ValidationError';
  }
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError('not_found', `找不到${what}(${id})`);
}
