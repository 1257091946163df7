// Every CLI command. A new group of commands: a file beside this one, listed here.
import type { CliCommand } from './command';
import { archiveCommands } from './archiveCommands';
import { statisticsCommands } from './statisticsCommands';
import { reportCommands } from './reportCommands';
import { memberLifeCommands } from './memberLifeCommands';
import { importExportCommands } from './importExportCommands';
import { compareCommands } from './compareCommands';
import { printCommands } from './printCommands';
import { developmentCommands } from './developmentCommands';
import { yearlyCommands } from './yearlyCommands';
import { accountCommands } from './accountCommands';
import { practicesCommands } from './practicesCommands';
import { careCommands } from './careCommands';
import { backupCommands } from './backupCommands';
import { auditCommands } from './auditCommands';
import { exchangeCommands } from './exchangeCommands';
import { correctionCommands, recordCorrectionCommands } from './correctionCommands';
import { withCountyVariants } from './countyCommands';

// At a county archive some commands answer over every township's records (countyCommands).
export const COMMANDS: CliCommand[] = withCountyVariants([...archiveCommands, ...statisticsCommands, ...memberLifeCommands, ...printCommands, ...developmentCommands, ...practicesCommands, ...careCommands, ...importExportCommands, ...backupCommands, ...accountCommands, ...auditCommands, ...exchangeCommands, ...correctionCommands, ...yearlyCommands, ...compareCommands, ...recordCorrectionCommands, ...reportCommands]);
