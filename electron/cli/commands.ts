// Every CLI command. A new group of commands: a file beside this one, listed here.
import type { CliCommand } from './command';
import { archiveCommands } from './archiveCommands';
import { statisticsCommands } from './statisticsCommands';
import { reportCommands } from './reportCommands';
import { memberLifeCommands } from './memberLifeCommands';
import { importExportCommands } from './importExportCommands';
import { printCommands } from './printCommands';
import { developmentCommands } from './developmentCommands';
import { accountCommands } from './accountCommands';
import { practicesCommands } from './practicesCommands';
import { careCommands } from './careCommands';
import { backupCommands } from './backupCommands';
import { auditCommands } from './auditCommands';
import { exchangeCommands } from './exchangeCommands';
import { correctionCommands } from './correctionCommands';

export const COMMANDS: CliCommand[] = [...archiveCommands, ...statisticsCommands, ...reportCommands, ...memberLifeCommands, ...printCommands, ...developmentCommands, ...practicesCommands, ...careCommands, ...importExportCommands, ...backupCommands, ...accountCommands, ...auditCommands, ...exchangeCommands, ...correctionCommands];
