// Data for the print templates, read from the archive: a member's 党员基本信息表 and a 花名册 of a
// branch or a status view. The templates themselves (print/*.ts) are pure functions of this data.
import { todayOf, type ServiceContext } from '../core/context';
import { labelOf } from '../core/codes';
import { getMember } from '../members/members';
import { memberHistory } from '../members/memberEvents';
import { listMembers, type MemberListQuery, type MemberListRow } from '../members/memberQuery';
import { getSetup } from '../core/settings';
import { getOrg } from '../organizations/organizations';
import type { MemberFileData } from './memberFileHtml';
import type { CollectionFormData } from './collectionFormHtml';
import { educationShown, jobPostShown, mobileDestination, partyAgeYears, partyStanding } from '../members/nationalCard';
import type { RosterColumn, RosterData } from './rosterHtml';
import type { TransferLetterData } from './transferLetterHtml';
import { listTransfers } from '../members/life/transfers';
import { DomainError } from '../core/errors';
import { getLifeRules } from '../core/settings';

export async function memberFileData(ctx: ServiceContext, id: string): Promise<MemberFileData> {
  const m = await getMember(ctx, id);
  const setup = await getSetup(ctx);
  const history = await memberHistory(ctx.archive, id);
  const status = m.exitReason ? `已出党(${labelOf('exitReason', m.exitReason)} ${m.exitDate ?? ''})` : '在册';
  return {
    township: setup.township ? `${setup.township.name}党委` : '',
    printedOn: todayOf(ctx),
    fields: {
      name: m.name,
      gender: labelOf('gender', m.gender),
      idNumber: m.idNumber,
      ethnicity: labelOf('ethnicity', m.ethnicity),
      birthDate: m.birthDate,
      education: educationShown(m),
      degree: labelOf('degree', m.degree),
      category: labelOf('memberCategory', m.category),
      orgName: m.orgName,
      joinDate: m.joinDate,
      fullDate: m.fullDate ?? '',
      jobPost: jobPostShown(m),
      jobTitle: m.jobTitle ?? '',
      phone: m.phone ?? '',
      address: m.address ?? '',
      nativePlace: m.nativePlace ?? '',
      workStartDate: m.workStartDate ?? '',
      workUnit: m.workUnit ?? '',
      householdPlace: m.householdPlace ?? '',
      status,
      flags: [m.isMobile ? '流动党员' : '', m.isLost ? `失联党员(${labelOf('lostReason', m.lostReason)})` : ''].filter(Boolean).join('、'),
      remarks: m.remarks ?? '',
      newSocialStratum: m.newSocialStratum ?? '',
      professionalTitle: m.professionalTitle ?? '',
      isMigrantWorker: m.isMigrantWorker ? '是' : '否',
      currentResidence: m.currentResidence ?? '',
      partyAge: partyAgeText(m, todayOf(ctx)),
      joinType: m.joinType ?? '',
      fullStatus: m.fullStatus ?? '',
      joinBranch: m.joinBranch ?? '',
      probationExtension: m.probationExtensionMonths ? `${m.probationExtensionMonths} 个月` : '',
      mobileDestination: m.isMobile ? mobileDestination(m) : '',
      lostMonth: m.isLost ? monthText(lostMonthOf(m)) : '',
    },
    photoDataUrl: null,
    sections: [{ title: '档案记录', lines: history.map((h) => `${h.eventDate} ${h.summary}`) }],
  };
}

function monthText(month: string | null): string {
  return month ? `${month.slice(0, 4)}年${month.slice(5, 7)}月` : '';
}

/** 失去联系日期 to the month: the month the national form was given, or the month of the known day. */
function lostMonthOf(m: { lostMonth: string | null; lostDate: string | null }): string | null {
  return m.lostMonth ?? m.lostDate?.slice(0, 7) ?? null;
}

function partyAgeText(m: Parameters<typeof partyAgeYears>[0] & { partyAgeAdjustMonths: number | null }, today: string): string {
  const years = partyAgeYears(m, today);
  if (years === null) return '';
  return m.partyAgeAdjustMonths ? `${years}年(校正${m.partyAgeAdjustMonths}个月)` : `${years}年`;
}

/** One member's 党员基本信息采集表: the 16 items as the national form has them. */
export async function collectionFormData(ctx: ServiceContext, id: string): Promise<CollectionFormData> {
  const m = await getMember(ctx, id);
  const setup = await getSetup(ctx);
  return {
    committee: setup.township ? `中共${setup.township.name}委员会` : '',
    printedOn: todayOf(ctx),
    items: {
      name: m.name,
      gender: labelOf('gender', m.gender),
      ethnicity: labelOf('ethnicity', m.ethnicity),
      idNumber: m.idNumber,
      birthDate: m.birthDate,
      education: educationShown(m),
      category: labelOf('memberCategory', m.category),
      orgName: m.orgName,
      joinDate: m.joinDate,
      fullDate: m.fullDate ?? '',
      jobPost: jobPostShown(m),
      phone: m.phone ?? '',
      address: m.address ?? '',
      standing: partyStanding(m),
      isLost: m.isLost,
      lostMonth: m.isLost ? monthText(lostMonthOf(m)) : '',
      isMobile: m.isMobile,
      mobileProvince: m.isMobile ? (m.mobileProvince ?? '') : '',
      mobileCity: m.isMobile ? (m.mobileCity ?? '') : '',
      mobileCounty: m.isMobile ? (m.mobileCounty ?? '') : '',
    },
  };
}

export const ROSTER_COLUMNS: Record<string, RosterColumn & { value: (r: MemberListRow) => string }> = {
  name: { key: 'name', label: '姓名', weight: 1.1, value: (r) => r.name },
  gender: { key: 'gender', label: '性别', weight: 0.6, value: (r) => labelOf('gender', r.gender) },
  ethnicity: { key: 'ethnicity', label: '民族', weight: 0.8, value: (r) => labelOf('ethnicity', r.ethnicity) },
  birthDate: { key: 'birthDate', label: '出生日期', weight: 1.2, value: (r) => r.birthDate },
  idNumber: { key: 'idNumber', label: '公民身份号码', weight: 2.6, value: (r) => r.idNumber },
  education: { key: 'education', label: '学历', weight: 1.2, value: (r) => educationShown(r) },
  category: { key: 'category', label: '人员类别', weight: 1, value: (r) => labelOf('memberCategory', r.category) },
  joinDate: { key: 'joinDate', label: '入党日期', weight: 1.2, value: (r) => r.joinDate },
  fullDate: { key: 'fullDate', label: '转正日期', weight: 1.2, value: (r) => r.fullDate ?? '' },
  occupation: { key: 'occupation', label: '工作岗位', weight: 1.8, value: (r) => jobPostShown(r) },
  orgName: { key: 'orgName', label: '所在党支部', weight: 2, value: (r) => r.orgShortName ?? r.orgName },
  phone: { key: 'phone', label: '联系电话', weight: 1.4, value: (r) => r.phone ?? '' },
  address: { key: 'address', label: '家庭住址', weight: 2.4, value: (r) => r.address ?? '' },
  exitReason: { key: 'exitReason', label: '出党方式', weight: 1.2, value: (r) => (r.exitReason ? labelOf('exitReason', r.exitReason) : '') },
  exitDate: { key: 'exitDate', label: '出党日期', weight: 1.2, value: (r) => r.exitDate ?? '' },
  remarks: { key: 'remarks', label: '备注', weight: 1.6, value: (r) => r.remarks ?? '' },
};

export const DEFAULT_ROSTER_COLUMNS = ['name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'education', 'category', 'joinDate', 'occupation', 'phone', 'address'];

const VIEW_LABELS: Record<string, string> = {
  roll: '全部在册', exited: '已出党', all: '全部党员', probationary: '预备党员', mobile: '流动党员', lost: '失联党员',
  lostReview: '失联满6个月待处置', hardship: '困难党员', transferPending: '转出待回执',
};

/** perBranch: a heading and a subtotal per branch, each branch on pages of its own; flat: one table. */
export type RosterLayout = 'perBranch' | 'flat';

const BRANCH_TYPES = new Set(['branch', 'joint_branch']);

/** The township's 花名册 is filed branch by branch; a branch's own or a smaller organization's is one table. */
export function defaultRosterLayout(orgId: string | null | undefined, rootOrgId: string | null): RosterLayout {
  return !orgId || orgId === rootOrgId ? 'perBranch' : 'flat';
}

function totalsOf(rows: MemberListRow[], label: string): { label: string; value: string }[] {
  return [
    { label, value: `${rows.length} 人` },
    { label: '其中女党员', value: `${rows.filter((r) => r.gender === '2').length} 人` },
    { label: '预备党员', value: `${rows.filter((r) => r.category === 'probationary').length} 人` },
  ];
}

export async function rosterData(
  ctx: ServiceContext,
  q: { orgId?: string | null; view?: MemberListQuery['view']; columns?: string[]; layout?: RosterLayout },
): Promise<RosterData> {
  const setup = await getSetup(ctx);
  const orgId = q.orgId ?? setup.rootOrgId;
  const org = orgId ? await getOrg(ctx, orgId) : null;
  const layout = q.layout ?? defaultRosterLayout(q.orgId, setup.rootOrgId);
  const chosen = (q.columns?.length ? q.columns : DEFAULT_ROSTER_COLUMNS).filter((c) => ROSTER_COLUMNS[c]);
  // The branch is the heading of its section; one table of several branches needs it in every row.
  const spansBranches = !org || !BRANCH_TYPES.has(org.type);
  const keys =
    layout === 'perBranch'
      ? chosen.filter((c) => c !== 'orgName')
      : spansBranches && !chosen.includes('orgName')
        ? [...chosen.slice(0, chosen.indexOf('category') + 1 || chosen.length), 'orgName', ...chosen.slice(chosen.indexOf('category') + 1 || chosen.length)]
        : chosen;
  const columns = keys.map((c) => ROSTER_COLUMNS[c]);
  const rows: MemberListRow[] = [];
  for (let start = 0; ; start += 1000) {
    const page = await listMembers(ctx, { startRow: start, endRow: start + 1000, orgId, view: q.view ?? 'roll', sort: [{ colId: 'orgName', sort: 'asc' }] });
    rows.push(...page.rows);
    if (page.rows.length < 1000) break;
  }
  const cells = (r: MemberListRow) => Object.fromEntries(columns.map((c) => [c.key, c.value(r)]));
  let sections: RosterData['sections'];
  if (layout === 'perBranch') {
    // Rows come sorted by branch name, so each branch's members are already together.
    const byBranch = new Map<string, MemberListRow[]>();
    for (const r of rows) {
      const list = byBranch.get(r.orgId);
      if (list) list.push(r);
      else byBranch.set(r.orgId, [r]);
    }
    sections = [...byBranch.values()].map((list) => ({
      // A branch under a 党总支 is named with it, unless the 花名册 is of that 党总支 (or of the branch) already.
      heading: list[0].orgId !== orgId && list[0].parentOrgId !== orgId && list[0].parentOrgName ? `${list[0].parentOrgName} · ${list[0].orgName}` : list[0].orgName,
      rows: list.map(cells),
      subtotal: totalsOf(list, '小计'),
    }));
  }
  return {
    title: `${org?.name ?? ''} 党员花名册`,
    subtitle: `${VIEW_LABELS[q.view ?? 'roll'] ?? ''} · 截至 ${todayOf(ctx)}`,
    columns: columns.map(({ key, label, weight }) => ({ key, label, weight })),
    rows: sections ? [] : rows.map(cells),
    sections,
    totals: sections ? [...totalsOf(rows, '总计'), { label: '党组织', value: `${sections.length} 个` }] : totalsOf(rows, '合计'),
    printedOn: todayOf(ctx),
  };
}

function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The outgoing 介绍信 by its number (〔2026〕第001号, or just 2026-001). */
export async function transferLetterData(ctx: ServiceContext, letter: string): Promise<TransferLetterData> {
  const short = /^(\d{4})-(\d{1,3})$/.exec(letter.trim());
  const number = short ? `〔${short[1]}〕第${short[2].padStart(3, '0')}号` : letter.trim();
  const t = (await listTransfers(ctx, { direction: 'out' })).find((x) => x.letterNumber === number);
  if (!t) throw new DomainError('not_found', `找不到介绍信 ${number}`);
  const m = await getMember(ctx, t.memberId);
  const setup = await getSetup(ctx);
  const rules = await getLifeRules(ctx);
  const months = t.validUntil ? Math.round((Date.parse(t.validUntil) - Date.parse(t.transferDate)) / (30.44 * 86_400_000)) : rules.letterValidityMonths;
  return {
    letterNumber: number,
    memberName: m.name,
    gender: labelOf('gender', m.gender),
    age: ageOn(m.birthDate, t.transferDate),
    ethnicity: labelOf('ethnicity', m.ethnicity),
    idNumber: m.idNumber,
    category: labelOf('memberCategory', m.category),
    fromOrgName: t.fromOrgName ?? m.orgName,
    issuingOrgName: setup.township ? `中共${setup.township.name}委员会` : '',
    destination: t.destination ?? t.toOrgName ?? '',
    duesPaidTo: t.duesPaidTo ?? t.transferDate.slice(0, 7),
    transferDate: t.transferDate,
    validUntil: t.validUntil ?? t.transferDate,
    validityMonths: months,
    memberPhone: m.phone ?? '',
  };
}
