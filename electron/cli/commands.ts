// Every CLI command. A new group of commands: a file beside this one, listed here.
import type { CliCommand } from './command';
import { archiveCommands } from './archiveCommands';

export const COMMANDS: CliCommand[] = [...archiveCommands];
