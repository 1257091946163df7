// One member's whole record in one answer: the record, its sub-records, 预备期, transfers, mobile
// periods, the file's documents and checklist, and the history. For the member page and `members show`.
import { todayOf, type ServiceContext } from '../core/context';
import { partyAgeYears } from './nationalCard';
import { getMember, type MemberRecord } from './members';
import { memberHistory, type MemberEventView } from './memberEvents';
import { allSubRecords, type SubRecord, type SubRecordKind } from './subRecords';
import { probationStatus, type ProbationStatus } from './life/probation';
import { listTransfers, type TransferRecord } from './life/transfers';
import { mobileRecords, type MobileRecord } from './life/mobileMembers';
import { listMemberFiles, type MemberFilesView } from './memberFiles';

export interface MemberDossier {
  member: MemberRecord;
  subRecords: Record<SubRecordKind, SubRecord[]>;
  probation: ProbationStatus;
  transfers: TransferRecord[];
  mobile: MobileRecord[];
  files: MemberFilesView;
  history: MemberEventView[];
  /** 党龄 in whole years as of today (null for a 预备党员). */
  partyAge: number | null;
}

export async function memberDossier(ctx: ServiceContext, id: string): Promise<MemberDossier> {
  const member = await getMember(ctx, id);
  return {
    member,
    subRecords: await allSubRecords(ctx, id),
    probation: await probationStatus(ctx, id),
    transfers: await listTransfers(ctx, { memberId: id }),
    mobile: await mobileRecords(ctx, id),
    files: await listMemberFiles(ctx, id),
    history: await memberHistory(ctx.archive, id),
    partyAge: partyAgeYears(member, todayOf(ctx)),
  };
}
