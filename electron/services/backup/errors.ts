// Why a backup or a restore was refused, in words a clerk can act on. `code` lets the window react
// (ask for the passphrase, say the file is damaged).
import { DomainError } from '../core/errors';

export type BackupProblem = 'passphrase_required' | 'bad_passphrase_or_damaged' | 'not_a_backup' | 'damaged' | 'newer_schema' | 'verify_failed' | 'no_pending_restore';

export class BackupError extends DomainError {
  constructor(
    readonly problem: BackupProblem,
    message: string,
  ) {
    super(problem === 'passphrase_required' || problem === 'bad_passphrase_or_damaged' ? 'bad_input' : 'conflict', message);
    this.name = 'BackupError';
  }
}
