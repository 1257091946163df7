// What a CLI command is: a name (and sub-command), a usage line, and a run function that goes through
// the dispatcher like the window does.
import type { Archive } from '../../db/connection';
import type { CallName } from '../api/callNames';
import type { CallInput, CallOutput } from '../api/contract';
import type { Parsed } from './args';

export interface CliEnv {
  archive: Archive;
  dataDir: string;
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  out(line: string): void;
  err(line: string): void;
}

export interface CliCommand {
  name: string;
  sub?: string;
  usage: string; // one line: arguments and what it does
  /** Works on the data folder's files without opening the archive (restore: the archive may be damaged). */
  withoutArchive?: boolean;
  /** Returns the exit code. */
  run(env: CliEnv, p: Parsed): Promise<number>;
}
