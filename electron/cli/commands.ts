// Every CLI command. A new group of commands: a file beside this one, listed here.
import type { CliCommand } from './command';
import { archiveCommands } from './archiveCommands';
import { statisticsCommands } from './statisticsCommands';
import { memberLifeCommands } from './memberLifeCommands';
import { importExportCommands } from './importExportCommands';
import { printCommands } from './printCommands';
import { developmentCommands } from './developmentCommands';

export const COMMANDS: CliCommand[] = [...archiveCommands, ...statisticsCommands, ...memberLifeCommands, ...printCommands, ...developmentCommands, ...importExportCommands];
