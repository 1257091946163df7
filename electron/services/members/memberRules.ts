// The rules a member record must satisfy before it is stored, each problem named by field in Chinese.
// Pure checks first (one record on its own), then the ones that need the archive (branch, duplicates).
import type { FieldProblem } from '../core/errors';
import type { Archive } from '../../../db/connection';
import { isCode, labelOf } from '../core/codes';
import { ID_PROBLEM_ZH, parseIdNumber } from './idNumber';
import { MEMBER_HOLDING_TYPES } from '../organizations/organizations';
import { isIsoDate } from '../core/validation';

// The calendar rule lives with the other form rules (core/validation); callers of the member rules still find it here.
export { isIsoDate };

/** What a clerk enters for a member (system fields — id, search keys, seq, timestamps — are not here). */
export interface MemberInput {
  name: string;
  gender: string;
  idNumber: string;
  ethnicity: string;
  birthDate: string;
  education: string;
  category: string;
  orgId: string;
  joinDate: string;
  fullDate?: string | null;
  occupation: string;
  jobTitle?: string | null;
  phone?: string | null;
  address?: string | null;
  isMobile?: boolean;
  isLost?: boolean;
  lostReason?: string | null;
  lostDate?: string | null;
  nativePlace?: string | null;
  degree?: string | null;
  workStartDate?: string | null;
  workUnit?: string | null;
  householdPlace?: string | null;
  remarks?: string | null;
  // The national system's items; see db/schema.ts.
  educationLevel?: string | null;
  jobPost?: string | null;
  newSocialStratum?: string | null;
  professionalTitle?: string | null;
  isMigrantWorker?: boolean;
  currentResidence?: string | null;
  partyAgeAdjustMonths?: number | null;
  joinType?: string | null;
  fullStatus?: string | null;
  joinBranch?: string | null;
  probationExtensionMonths?: number | null;
  mobileProvince?: string | null;
  mobileCity?: string | null;
  mobileCounty?: string | null;
  lostMonth?: string | null;
}

export const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  idNumber: '公民身份号码',
  ethnicity: '民族',
  birthDate: '出生日期',
  education: '学历',
  category: '人员类别',
  orgId: '所在党支部',
  joinDate: '入党日期',
  fullDate: '转正日期',
  occupation: '职业',
  jobTitle: '职务',
  phone: '联系电话',
  address: '家庭住址',
  isMobile: '流动党员',
  isLost: '失联党员',
  lostReason: '失联原因',
  lostDate: '失联日期',
  nativePlace: '籍贯',
  degree: '学位',
  workStartDate: '参加工作日期',
  workUnit: '工作单位及职务',
  householdPlace: '户籍所在地',
  remarks: '备注',
  educationLevel: '学历',
  jobPost: '工作岗位',
  newSocialStratum: '新社会阶层类型',
  professionalTitle: '从事专业技术职务',
  isMigrantWorker: '是否农民工',
  currentResidence: '现居住地',
  partyAgeAdjustMonths: '党龄校正值(月)',
  joinType: '入党类型',
  fullStatus: '转正情况',
  joinBranch: '入党时所在支部',
  probationExtensionMonths: '延长预备期时间(月)',
  mobileProvince: '外出流向(省)',
  mobileCity: '外出流向(市)',
  mobileCounty: '外出流向(县)',
  lostMonth: '失去联系日期(年月)',
  exitReason: '出党方式',
  exitDate: '出党日期',
  exitNote: '出党说明',
  transferPending: '转出待回执',
};

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February + 1 year is 28 February, not 1 March.
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** Trim, collapse inner spaces of names ("张 三" is how rosters pad two-character names). */
export function cleanName(name: string): string {
  return name.replace(/[\s\u3000]+/g, '').trim();
}

// Module-level rather than a closure made on each call: the checks run for every row of an import.
function add(issues: FieldProblem[], field: string, message: string): void {
  issues.push({ field, message });
}
const DATE_FIELDS = ['birthDate', 'joinDate', 'fullDate', 'lostDate', 'workStartDate'] as const;

/**
 * Rules that need only the record itself. `today` bounds dates that cannot be in the future.
 * `parsedIdNumber`: parseIdNumber of input.idNumber when the caller has it already (the roster import,
 * for every row), so the number is not read twice.
 */
export function checkMemberRecord(input: MemberInput, today: string, parsedIdNumber?: ReturnType<typeof parseIdNumber>): FieldProblem[] {
  const issues: FieldProblem[] = [];
  const name = cleanName(input.name ?? '');
  if (!name) add(issues, 'name', '请填写姓名');
  else if (name.length > 30) add(issues, 'name', '姓名太长(最多30个字)');

  const parsed = input.idNumber?.trim() ? (parsedIdNumber ?? parseIdNumber(input.idNumber)) : null;
  if (!parsed) add(issues, 'idNumber', '请填写公民身份号码');
  else if (!parsed.ok) add(issues, 'idNumber', ID_PROBLEM_ZH[parsed.problem]);

  if (!isCode('gender', input.gender)) add(issues, 'gender', '请选择性别');
  if (!isCode('ethnicity', input.ethnicity)) add(issues, 'ethnicity', '请选择民族');
  if (!isCode('education', input.education)) add(issues, 'education', '请选择学历');
  if (!isCode('occupation', input.occupation)) add(issues, 'occupation', '请选择工作岗位(职业)');
  if (!isCode('memberCategory', input.category)) add(issues, 'category', '请选择人员类别(正式党员或预备党员)');
  if (!input.orgId) add(issues, 'orgId', '请选择所在党支部');

  for (const field of DATE_FIELDS) {
    const v = input[field];
    if (v != null && v !== '' && !isIsoDate(v)) add(issues, field, `${FIELD_LABELS[field]}不是有效日期(格式 YYYY-MM-DD)`);
  }
  if (!input.birthDate) add(issues, 'birthDate', '请填写出生日期');
  if (!input.joinDate) add(issues, 'joinDate', '请填写入党日期');

  const { birthDate, joinDate, fullDate } = input;
  if (parsed?.ok && isIsoDate(birthDate) && parsed.info.birthDate !== birthDate) {
    add(issues, 'birthDate', `出生日期与公民身份号码不一致(身份证上是 ${parsed.info.birthDate})`);
  }
  if (parsed?.ok && isCode('gender', input.gender) && parsed.info.gender !== input.gender) {
    add(issues, 'gender', `性别与公民身份号码不一致(身份证第17位表示${labelOf('gender', parsed.info.gender)}性)`);
  }
  if (isIsoDate(birthDate) && birthDate > today) add(issues, 'birthDate', '出生日期不能晚于今天');
  if (isIsoDate(birthDate) && isIsoDate(joinDate) && joinDate <= birthDate) add(issues, 'joinDate', '入党日期必须晚于出生日期');
  if (isIsoDate(joinDate) && joinDate > today) add(issues, 'joinDate', '入党日期不能晚于今天');
  if (isIsoDate(joinDate) && joinDate < '1921-07-01') add(issues, 'joinDate', '入党日期早于1921年7月,请核对');
  if (input.category === 'probationary') {
    if (fullDate) add(issues, 'fullDate', '预备党员还没有转正日期;转正请使用“转正”功能');
  }
  if (isIsoDate(fullDate)) {
    if (isIsoDate(joinDate) && fullDate <= joinDate) add(issues, 'fullDate', '转正日期必须晚于入党日期');
    if (fullDate > today) add(issues, 'fullDate', '转正日期不能晚于今天');
  }
  if (input.phone != null && input.phone !== '' && !PHONE.test(input.phone.replace(/\s/g, ''))) {
    add(issues, 'phone', '联系电话应为11位手机号码或带区号的固定电话');
  }
  if (input.degree != null && input.degree !== '' && !isCode('degree', input.degree)) add(issues, 'degree', '学位不正确');
  const listed: [keyof MemberInput & string, Parameters<typeof isCode>[0]][] = [
    ['educationLevel', 'educationLevel'], ['jobPost', 'jobPost'], ['newSocialStratum', 'newSocialStratum'], ['joinType', 'joinType'], ['fullStatus', 'fullStatus'],
  ];
  for (const [field, list] of listed) {
    const v = input[field];
    if (typeof v === 'string' && v !== '' && !isCode(list, v)) add(issues, field, `${FIELD_LABELS[field]}“${v}”不在全国党员管理信息系统的代码表中`);
  }
  if (input.lostMonth != null && input.lostMonth !== '' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(input.lostMonth)) add(issues, 'lostMonth', '失去联系日期应为年月(格式 YYYY-MM)');
  // A 失联 member whose date or reason nobody knows (the national export gives only 是/否) is still a member:
  // accepted, and listed by 数据校验 until the gap is filled. What is given must be right.
  if (input.isLost) {
    if (input.lostReason != null && input.lostReason !== '' && !isCode('lostReason', input.lostReason)) add(issues, 'lostReason', '失联原因不正确');
    if (isIsoDate(input.lostDate) && isIsoDate(joinDate) && input.lostDate < joinDate) add(issues, 'lostDate', '失联日期不能早于入党日期');
    if (input.lostMonth && isIsoDate(joinDate) && /^\d{4}-\d{2}$/.test(input.lostMonth) && input.lostMonth < joinDate.slice(0, 7)) add(issues, 'lostMonth', '失去联系日期不能早于入党日期');
  }
  return issues;
}

/** Rules that need the archive: the branch exists, holds members, is active; the ID number is unique. */
export async function checkMemberAgainstArchive(archive: Archive, input: MemberInput, selfId: string | null): Promise<FieldProblem[]> {
  const issues: FieldProblem[] = [];
  if (input.orgId) {
    const org = await archive.queryOne<{ name: string; type: string; status: string }>('SELECT name, type, status FROM organizations WHERE id = ?', [input.orgId]);
    if (!org) issues.push({ field: 'orgId', message: '所选党支部不存在' });
    else if (!MEMBER_HOLDING_TYPES.has(org.type)) issues.push({ field: 'orgId', message: `“${org.name}”是${labelOf('orgType', org.type)},党员只能编入党支部或联合党支部` });
    else if (org.status !== 'active') issues.push({ field: 'orgId', message: `“${org.name}”${labelOf('orgStatus', org.status)},不能编入党员` });
  }
  const parsed = input.idNumber ? parseIdNumber(input.idNumber) : null;
  if (parsed?.ok) {
    const dup = await archive.queryOne<{ id: string; name: string; org: string | null }>(
      'SELECT m.id AS id, m.name AS name, o.name AS org FROM members m LEFT JOIN organizations o ON o.id = m.org_id WHERE m.id_number = ? AND m.id <> ?',
      [parsed.info.idNumber, selfId ?? ''],
    );
    if (dup) issues.push({ field: 'idNumber', message: `公民身份号码与档案中已有的“${dup.name}”(${dup.org ?? ''})重复` });
  }
  return issues;
}
