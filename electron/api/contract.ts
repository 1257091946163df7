// The contract between the window and the services: one entry per call (calls/*.ts, one file per
// domain), each with its input and output zod schemas and the service that answers it. The dispatcher
// parses every input and every output against these, whichever transport brought the call.
// A new call: add a defineCall entry to a calls/ file (and list that file here if it is new); its name and
// access class are derived from the entry.
import type { z } from 'zod';
import type { CallDefinition } from './defineCall';
import { setupCalls } from './calls/setup';
import { organizationCalls } from './calls/organizations';
import { memberCalls } from './calls/members';
import { memberLifeCalls } from './calls/memberLife';
import { statisticsCalls } from './calls/statistics';
import { annualReportCalls } from './calls/annualReport';
import { importExportCalls } from './calls/importExport';
import { nationalCompareCalls } from './calls/nationalCompare';
import { developmentCalls } from './calls/development';
import { printingCalls } from './calls/printing';
import { backupCalls } from './calls/backup';
import { practicesCalls } from './calls/practices';
import { practicesCareCalls } from './calls/practicesCare';
import { accountCalls } from './calls/accounts';
import { auditCalls } from './calls/audit';
import { countyExchangeCalls } from './calls/countyExchange';
import { exchangeDriveCalls } from './calls/exchangeDrives';
import { countyDeskCalls } from './calls/countyDesk';

export const contract = {
  ...setupCalls,
  ...organizationCalls,
  ...memberCalls,
  ...memberLifeCalls,
  ...statisticsCalls,
  ...annualReportCalls,
  ...importExportCalls,
  ...nationalCompareCalls,
  ...developmentCalls,
  ...printingCalls,
  ...backupCalls,
  ...practicesCalls,
  ...practicesCareCalls,
  ...accountCalls,
  ...auditCalls,
  ...countyExchangeCalls,
  ...exchangeDriveCalls,
  ...countyDeskCalls,
} satisfies Record<string, CallDefinition>;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Contract[K]['output']>;

export * from './schemas';
