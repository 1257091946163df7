// What each call needs of the caller's role (access classes: services/accounts/roles.ts). The dispatcher
// checks it before every call, whichever transport brought it, so hiding a button is never the only guard.
// A call missing here needs 'admin', the strictest class: a new call is never open by mistake
// (tests/integration/callAccess.test.ts also insists that every call is listed).
import type { Access } from '../services/accounts/roles';
import type { CallName } from './callNames';

export const CALL_ACCESS: Partial<Record<CallName, Access>> = {
  // before login: the setup state, the UI language, login and the very first administrator
  getSetup: 'public',
  getPreference: 'public',
  sessionInfo: 'public',
  login: 'public',
  createFirstAdmin: 'public', // refused by the service as soon as any user exists
  // a logged-in window, even while locked
  logout: 'locked',
  lockSession: 'locked',
  unlockSession: 'locked',
  // the user's own account
  touchSession: 'self',
  changePassword: 'self',

  // reading (查询员 and every other role)
  orgTree: 'read',
  getOrg: 'read',
  listMembers: 'read',
  memberCounts: 'read',
  getMember: 'read',
  validateMember: 'read', // checks a form, writes nothing
  memberHistory: 'read',
  setPreference: 'read', // the user's grid columns and language: not archive data
  checkArchive: 'read',
  statistics: 'read',
  dashboard: 'read',
  dataChecks: 'read',
  exportStatistics: 'read',
  printStatistics: 'read',
  listSubRecords: 'read',
  memberDossier: 'read',
  probationStatus: 'read',
  listTransfers: 'read',
  findMemberByIdNumber: 'read',
  mobileRecords: 'read',
  mobileRoster: 'read',
  lostReview: 'read',
  listMemberFiles: 'read',
  getMemberFile: 'read',
  getLifeRules: 'read',
  printMemberFile: 'read',
  printMemberFiles: 'read',
  startPrintBatch: 'read',
  printRoster: 'read',
  printTransferLetter: 'read',
  printActivistRecord: 'read',
  printPublicityNotice: 'read',
  printFullMembershipVote: 'read',
  printReviewResults: 'read',
  listDevPeople: 'read',
  devStageCounts: 'read',
  getDevRecord: 'read',
  listDevRules: 'read',
  reminders: 'read',
  appraisalGrid: 'read',
  reviewsSummary: 'read',
  listAnalyses: 'read',
  registrationOutcomes: 'read',
  duesRateTable: 'read',
  duesGrid: 'read',
  duesSummary: 'read',
  jobStatus: 'read',
  cancelJob: 'read', // cancelling rolls a job back; it never writes
  exportImportErrors: 'read',
  exportMembers: 'read',
  exportRoster: 'read',

  // changing records (录入员, 管理员)
  createOrg: 'write',
  updateOrg: 'write',
  moveOrg: 'write',
  mergeOrg: 'write',
  dissolveOrg: 'write',
  createMember: 'write',
  updateMember: 'write',
  exitMember: 'write',
  saveSubRecord: 'write',
  deleteSubRecord: 'write',
  confirmFullMembership: 'write',
  extendProbation: 'write',
  cancelProbation: 'write',
  transferWithinTownship: 'write',
  transferOut: 'write',
  recordTransferReceipt: 'write',
  cancelTransferOut: 'write',
  transferIn: 'write',
  startMobile: 'write',
  updateMobile: 'write',
  endMobile: 'write',
  markLost: 'write',
  markFound: 'write',
  suspendMembership: 'write',
  restoreMembership: 'write',
  addMemberFile: 'write',
  removeMemberFile: 'write',
  createApplicant: 'write',
  recordTalk: 'write',
  makeActivist: 'write',
  recordActivistReview: 'write',
  makeCandidate: 'write',
  recordPoliticalReview: 'write',
  recordTraining: 'write',
  recordPublicity: 'write',
  admitProbationary: 'write',
  approveAdmission: 'write',
  withdrawDevelopment: 'write',
  addDevDocument: 'write',
  saveAppraisals: 'write',
  recordDisposal: 'write',
  saveAnalysis: 'write',
  saveRegistration: 'write',
  setDuesStandard: 'write', // one member's 党费 basis
  saveDuesPayments: 'write',
  analyseImport: 'write', // writes nothing yet, but is only the first step of an import
  startImport: 'write',

  // 党建实务 (practices): reading and printing
  trainingSessions: 'read',
  getTrainingSession: 'read',
  trainingHours: 'read',
  trainingTarget: 'read',
  trainingSummary: 'read',
  careFunds: 'read',
  careAids: 'read',
  careLedger: 'read',
  careDueVisits: 'read',
  careSummary: 'read',
  pioneerPosts: 'read',
  commitments: 'read',
  liaisonPoints: 'read',
  postsSummary: 'read',
  printTrainingSignIn: 'read',
  printCareLedger: 'read',
  printPostsRoster: 'read',
  listPairs: 'read',
  pairYear: 'read',
  printPairYear: 'read',
  listMatters: 'read',
  getMatter: 'read',
  affairsSummary: 'read',
  printAffairsFunnel: 'read',
  listMeetings: 'read',
  getMeeting: 'read',
  branchRoster: 'read',
  getMeetingFile: 'read',
  branchYear: 'read',
  orgLifeAbsentees: 'read',
  printMeetingMinutes: 'read',
  practicesSummary: 'read',

  // 党建实务 (practices): records
  saveTrainingSession: 'write',
  deleteTrainingSession: 'write',
  createCareFund: 'write',
  addCareFundIncome: 'write',
  deleteCareFundIncome: 'write',
  recordCareAid: 'write',
  deleteCareAid: 'write',
  savePioneerPost: 'write',
  deletePioneerPost: 'write',
  saveCommitment: 'write',
  reviewCommitment: 'write',
  saveLiaisonPoint: 'write',
  createPair: 'write',
  endPair: 'write',
  addHelpEntry: 'write',
  proposeMatter: 'write',
  discussMatter: 'write',
  voteMatter: 'write',
  carryOutMatter: 'write',
  superviseMatter: 'write',
  stopMatter: 'write',
  recordMeeting: 'write',
  addMeetingFile: 'write',

  // county exchange: status, previews, logs
  exchangeKeys: 'read', // fingerprints and state only
  previewCountyExport: 'read',
  listSentPackages: 'read',
  countyStatus: 'read',
  countyImportLog: 'read',
  listCountyMembers: 'read',
  countyMemberHistory: 'read',

  // county exchange: packages and receipts (a clerk's routine work)
  startCountyExport: 'write',
  verifyPackage: 'write', // marks the log row verified
  importReceipt: 'write',
  startCountyImport: 'write',
  writeReceipt: 'write',
  listRemovableDrives: 'write', // where the stick is: only for writing or importing packages
  listExchangeFiles: 'write',
  publicKeyFingerprint: 'read', // computes from the text sent, reads nothing

  // county exchange: the keys (管理员)
  initExchangeKeys: 'admin',
  exportPublicKey: 'admin', // creates the key pair when missing
  importCountyKey: 'admin',
  registerTownship: 'admin',

  // the audit log (管理员, 审计管理员)
  listAuditLog: 'audit',
  auditFilterOptions: 'audit',
  verifyAuditChain: 'audit',
  exportAuditLog: 'audit',

  // the office's rules (管理员)
  setTrainingTarget: 'rules', // the yearly 学时 target every member is measured against
  setLifeRules: 'rules',
  setDevRule: 'rules',
  setRegistrationOutcomes: 'rules',

  // accounts (管理员, 安全管理员)
  listUsers: 'users',
  createUser: 'users',
  resetPassword: 'users',
  unlockUser: 'users',
  setUserDisabled: 'users',
  setUserRole: 'users',

  // settings of the install (管理员, 系统管理员)
  setIdleLock: 'system',

  // 备份与恢复 (管理员, 系统管理员): a backup holds every record, a restore replaces them all
  listBackups: 'system',
  createBackup: 'system',
  exportEncryptedBackup: 'system',
  inspectRestore: 'system',
  confirmRestore: 'system',
  cancelRestore: 'system',

  // setting the install up (管理员)
  initTownship: 'admin',
  loadDemo: 'admin',
};

export const DEFAULT_ACCESS: Access = 'admin';

export function accessOf(callName: string): Access {
  return (CALL_ACCESS as Record<string, Access | undefined>)[callName] ?? DEFAULT_ACCESS;
}
