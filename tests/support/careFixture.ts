// A small township for the 培训 / 党内关爱 / 设岗定责 tests: one village branch with members of known join
// dates (one who left, one who joined late, one in the party for more than fifty years), in a real archive.
import { createOrg } from '../../electron/services/organizations/organizations';
import { createMember, exitMember } from '../../electron/services/members/members';
import type { MemberInput } from '../../electron/services/members/memberRules';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { ValidationError, DomainError } from '../../electron/services/core/errors';
import { openTestArchive, type TestArchive } from './tempArchive';

export const TODAY = '2026-11-28';

export interface CareTownship {
  t: TestArchive;
  branchId: string;
  /** on the roll since 2000 */
  zhang: string;
  li: string;
  wang: string;
  /** joined 1970-11-03: more than fifty years in the party, 政治生日 in November */
  old: string;
  /** joined 2026-07-01 */
  late: string;
  /** left (died) on 2026-03-01 */
  gone: string;
}

let serial = 100;

export async function careTownship(): Promise<CareTownship> {
  const t = await openTestArchive({ today: TODAY });
  const branchId = (await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共后李村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' })).id;
  const member = async (name: string, birth: string, joinDate: string, over: Partial<MemberInput> = {}) =>
    (await createMember(t.ctx, {
      name, gender: '1', idNumber: makeIdNumber('370783', birth, (serial += 2) + 1), ethnicity: '01', birthDate: birth, education: '50', category: 'formal', orgId: branchId,
      joinDate, fullDate: joinDate.slice(0, 4) === '2026' ? null : `${Number(joinDate.slice(0, 4)) + 1}${joinDate.slice(4)}`, occupation: '2', ...over,
    })).id;
  const zhang = await member('张建国', '1970-03-04', '2000-07-01');
  const li = await member('李秀英', '1975-05-06', '2003-05-20');
  const wang = await member('王志强', '1980-09-10', '2010-10-08');
  const old = await member('赵老党', '1945-02-01', '1970-11-03');
  const late = await member('孙新党', '1998-01-01', '2026-07-01', { category: 'probationary' });
  const gone = await member('钱已故', '1950-01-01', '1980-06-01');
  await exitMember(t.ctx, gone, { reason: 'death', date: '2026-03-01' });
  return { t, branchId, zhang, li, wang, old, late, gone };
}

/** The Chinese message of a refused call (validation or conflict); fails the test when it was not refused. */
export async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ValidationError || e instanceof DomainError) return e.message;
    throw e;
  }
  throw new Error('expected the call to be refused');
}

/** Row counts of the given tables and the audit log: a refused write must leave all of them unchanged. */
export async function snapshot(t: TestArchive, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of [...tables, 'audit_log']) out[name] = (await t.archive.queryOne<{ n: number }>(`SELECT count(*) AS n FROM ${name}`))!.n;
  return out;
}
