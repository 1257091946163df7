// The audit log's before → after in the clerk's words. The services record what they changed as they
// store it (field keys, codes, ids, 分, tenths of an hour); this is the one place that turns those into
// what a person reads: field names, code labels, members and organizations by name, money in 元.
import { labelOf, type CodeListName } from '../core/codes';
import { FIELD_LABELS } from '../members/memberRules';
import { BASIS_LABELS, type DuesBasis } from '../development/dues';
import { STAGE_LABELS, type DevStage } from '../development/pipeline';
import { DISPOSAL_LABELS, GRADE_LABELS } from '../development/reviews';
import { MEETING_KIND_LABELS, type MeetingKind } from '../practices/orgLife';
import { PAIR_KIND_LABELS, PAIR_ROLE_LABELS, type PairKind } from '../practices/pairing';
import { MATTER_STAGE_LABELS, type MatterStage } from '../practices/villageAffairs';
import { AID_KIND_LABELS, type AidKind } from '../practices/care';
import { POST_KIND_LABELS, REVIEW_LABELS, type PostKind, type ReviewResult } from '../practices/posts';
import { PLACE_KIND_LABELS, type PlaceKind } from '../practices/training';
import { ROLE_LABELS } from '../accounts/roles';
import { SUB_RECORD_SPECS } from '../members/subRecords';

/** What a line of the log is about, for keys whose meaning depends on it (kind, name, status). */
export interface ChangeContext {
  action: string;
  entity: string;
  /** The name of a member, organization or development person by id; undefined when unknown. */
  nameOf(id: string): string | undefined;
}

/** Field names of everything but the member record (whose names come from the member form). */
const LABELS: Record<string, string> = {
  reason: '原因', note: '说明', amountFen: '金额', monthlyFen: '月标准', month: '月份', paidDate: '交纳日期', fromMonth: '起始月份', basis: '缴纳依据', incomeFen: '月收入',
  exitNote: '出党说明', transferPending: '转出待回执',
  parentId: '上级党组织', shortName: '简称', type: '组织类别', sector: '所在领域', unitSituation: '单位建立党组织情况', secretaryId: '书记', adminCode: '区划代码',
  foundedDate: '成立日期', formation: '组建方式', units: '所在单位', status: '状态', mergedIntoId: '并入', movedMembers: '转入的党员', targetId: '并入', code: '代码', role: '类别',
  stage: '阶段', date: '日期', decidedBy: '决定机构', warnings: '提示', talkDate: '谈话日期', activistDate: '确定为入党积极分子日期', contacts: '培养联系人',
  candidateDate: '确定为发展对象日期', lastReviewDate: '考察日期', politicalReviewDate: '政治审查日期', trainingHours: '集中培训学时', trainingEndDate: '培训结束日期',
  publicityStart: '公示开始日期', publicityEnd: '公示结束日期', meetingDate: '支部大会日期', approvalDate: '党委审批日期', applicationDate: '递交申请书日期', introducers: '入党介绍人',
  vote: '表决', probationEnd: '预备期满日期', extendMonths: '延长月数', endDate: '结束日期', months: '月数',
  destination: '外出流向', contact: '联系方式', certificateNo: '流动党员活动证号', destinationBranch: '流入地党组织', since: '外出日期',
  letterNumber: '介绍信编号', duesPaidTo: '党费交至', validUntil: '有效期至', receiptDate: '回执日期', origin: '转出单位', toOrgId: '转入党支部', fromOrgId: '转出党支部',
  docType: '材料类别', title: '标题', fileName: '文件名', size: '大小',
  topic: '主题', placeKind: '培训地点', place: '地点', hoursTenths: '学时', hours: '学时', organizer: '主办单位', attendees: '参加人员', added: '增加参加人', removed: '去掉参加人',
  presidedBy: '主持人', present: '出席', leave: '请假', absent: '缺席', files: '附件',
  proposedBy: '提议人', discussedDate: '联席议事日期', amended: '议事后修改', discussionOutcome: '议事结果', handler: '承办人', deadline: '期限', doneDate: '办结日期',
  supervisedDate: '监督日期', madePublic: '已公开', satisfaction: '满意度', supervisionNote: '监督说明', stoppedAt: '终止时所处步骤', stopDate: '终止日期', stopReason: '终止原因',
  votersPresent: '到会人数', votesFor: '赞成', votesAgainst: '反对', votesAbstain: '弃权',
  measures: '帮扶措施', problemsSolved: '解决问题', moneyFen: '帮扶资金', goodsFen: '物资折款', cadresExchanged: '交流干部', trainings: '培训', trainees: '培训人数', startDate: '开始日期',
  year: '年度', commitment: '承诺内容', madeDate: '承诺日期', result: '评议结果', reviewResult: '评议结果', reviewDate: '评议日期', reviewNote: '评议说明',
  post: '岗位', area: '责任区', leaderName: '负责人', leaderPost: '负责人职务', unit: '单位', fundId: '关爱资金', givenBy: '发放单位', aidReason: '关爱事由', source: '来源', aidDate: '关爱日期',
  decidedDate: '决定日期', grade: '评议等次', outcome: '登记结果', period: '期间', value: '数值', maxValue: '上限', advisory: '仅提醒',
  letterValidityMonths: '介绍信有效期(月)', arrivalDays: '转出后几天未接收', overdueDays: '几天未报送算逾期', lostMonthsBeforeSuspension: '失联几个月提请停止党籍', minutes: '自动锁定(分钟)',
  created: '生成的文件', fingerprint: '密钥指纹', members: '党员', standards: '党费标准', payments: '党费记录', stoppedPaying: '停交党费的党员',
  posts: '岗位', commitments: '承诺', liaisonPoints: '联系点', sessions: '培训班次', aids: '关爱记录', funds: '关爱资金', meetings: '会议', matters: '事项', pairs: '结对',
  step: '步骤', passed: '通过', voteDate: '票决日期',
  rows: '行', inserted: '新增', updated: '更新', skipped: '跳过', errors: '有误',
  fromDate: '起始日期', toDate: '截止日期', measuresText: '帮扶措施内容', goods: '帮扶物资', endedDate: '撤销日期', rating: '定级', weakTeam: '班子软弱涣散', weakEconomy: '集体经济薄弱',
  weakBase: '基础薄弱', firstSecretary: '第一书记', sortOrder: '排列顺序', attendance: '出勤', kinds: '类别', township: '乡镇', receipt: '回执', letter: '介绍信',
  disabled: '已停用', incomes: '资金收入', hardships: '困难党员', appraisals: '民主评议', disposals: '处置', organizations: '党组织', file: '文件', authority: '批准机关',
};

/** The sub-records' own field names (奖惩's 批准机关, 家庭成员's 称谓 …), as their forms say them. */
const SUB_RECORD_LABELS: Record<string, string> = Object.fromEntries(Object.values(SUB_RECORD_SPECS).flatMap((spec) => spec.fields.map((f) => [f.key, f.label])));
/** Code lists of the sub-records' code fields, and of 类别 by the sub-record's table. */
const SUB_RECORD_CODES: Record<string, CodeListName> = Object.fromEntries(
  Object.values(SUB_RECORD_SPECS).flatMap((spec) => spec.fields.filter((f) => f.list && f.key !== 'kind').map((f) => [f.key, f.list!])),
);
const SUB_RECORD_KIND_CODES: Record<string, CodeListName> = Object.fromEntries(
  Object.values(SUB_RECORD_SPECS).flatMap((spec) => spec.fields.filter((f) => f.key === 'kind' && f.list).map((f) => [spec.table, f.list!])),
);

/** Keys that say nothing to a reader: row ids and references the 对象 column already names, digests, storage details. */
const HIDDEN = new Set(['id', 'seq', 'createdAt', 'updatedAt', 'recordedAt', 'memberId', 'stepId', 'decisionId', 'personId', 'mobileRecordId', 'transferId', 'fileId', 'pairId', 'meetingId', 'rootOrgId', 'sha256', 'mime', 'orgIds']);

/** Code lists by key, for keys whose codes are one list wherever they appear. */
const CODE_KEYS: Record<string, CodeListName> = {
  gender: 'gender', ethnicity: 'ethnicity', education: 'education', degree: 'degree', category: 'memberCategory', occupation: 'occupation',
  exitReason: 'exitReason', lostReason: 'lostReason', type: 'orgType', sector: 'orgSector', unitSituation: 'unitSituation', formation: 'formation', docType: 'documentType',
};

const KIND_BY_AREA: Record<string, Record<string, string>> = {
  orglife: MEETING_KIND_LABELS as Record<MeetingKind, string>, pairing: PAIR_KIND_LABELS as Record<PairKind, string>, care: AID_KIND_LABELS as Record<AidKind, string>,
  post: POST_KIND_LABELS as Record<PostKind, string>, posts: POST_KIND_LABELS as Record<PostKind, string>, disposal: DISPOSAL_LABELS,
};
const ROLE_WORDS: Record<string, string> = { township: '乡镇', county: '县委组织部', ...PAIR_ROLE_LABELS, ...ROLE_LABELS };

const toCamel = (key: string) => key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const looksLikeId = (v: unknown): boolean => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v);
const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

function labelOfKey(key: string, c: ChangeContext): string {
  if (key === 'name') return c.entity === 'members' || c.entity === 'dev_people' ? '姓名' : '名称';
  if (key === 'kind') return '类别';
  return FIELD_LABELS[key] ?? LABELS[key] ?? SUB_RECORD_LABELS[key] ?? key;
}

/** One value in words; '' when there is nothing to say. */
function valueText(key: string, v: unknown, c: ChangeContext): string {
  if (v === null || v === undefined || v === '') return '(空)';
  if (typeof v === 'boolean') return v ? '是' : '否';
  const area = c.action.split('.')[0];
  if (typeof v === 'string') {
    if (looksLikeId(v)) return c.nameOf(v) ?? '(已删除的记录)';
    // A list kept as JSON text in its column (培养联系人, 入党介绍人).
    if (v.startsWith('[') && v.endsWith(']')) {
      try {
        return valueText(key, JSON.parse(v) as unknown, c);
      } catch {
        return clip(v);
      }
    }
    if (key === 'orgId' || key.endsWith('OrgId') || key === 'parentId' || key === 'secretaryId' || key === 'mergedIntoId' || key === 'targetId') return c.nameOf(v) ?? v;
    if (CODE_KEYS[key]) return labelOf(CODE_KEYS[key], v);
    if (SUB_RECORD_CODES[key]) return labelOf(SUB_RECORD_CODES[key], v);
    if (key === 'kind' && SUB_RECORD_KIND_CODES[c.entity]) return labelOf(SUB_RECORD_KIND_CODES[c.entity], v);
    if (key === 'basis') return BASIS_LABELS[v as DuesBasis] ?? v;
    if (key === 'stage') return area === 'affairs' ? (MATTER_STAGE_LABELS[v as MatterStage] ?? v) : (STAGE_LABELS[v as DevStage] ?? v);
    if (key === 'stoppedAt') return MATTER_STAGE_LABELS[v as MatterStage] ?? v;
    if (key === 'status') return labelOf(c.entity === 'transfers' ? 'transferStatus' : 'orgStatus', v);
    if (key === 'placeKind') return PLACE_KIND_LABELS[v as PlaceKind] ?? v;
    if (key === 'result' || key === 'reviewResult') return REVIEW_LABELS[v as ReviewResult] ?? v;
    if (key === 'grade') return GRADE_LABELS[v] ?? v;
    if (key === 'role') return ROLE_WORDS[v] ?? v;
    if (key === 'kind') return KIND_BY_AREA[area === 'care' ? 'care' : area]?.[v] ?? v;
    return clip(v);
  }
  if (typeof v === 'number') {
    if (key.endsWith('Fen')) return `${(v / 100).toFixed(2)} 元`;
    if (key === 'hoursTenths') return `${v / 10} 学时`;
    if (key === 'attendees' || key === 'present' || key === 'leave' || key === 'absent') return `${v} 人`;
    if (key === 'size') return v < 1024 ? `${v} 字节` : `${Math.round(v / 1024)} KB`;
    return String(v);
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '(无)';
    if (key === 'members') return `${v.length} 名`;
    if (key === 'created' || key === 'files' || v.some((x) => Array.isArray(x))) return `${v.length} 个`;
    if (v.every(looksLikeId)) return clip((v as string[]).map((id) => c.nameOf(id) ?? '(已删除的记录)').join('、'));
    if (v.every((x) => typeof x === 'string')) return clip(v.map((x) => valueText(key, x, c)).join(key === 'warnings' ? ';' : '、'));
    if (v.every((x) => isObj(x) && typeof x.name === 'string')) return clip(v.map((x) => String((x as { name: string }).name)).join('、'));
    return `${v.length} 项`;
  }
  if (isObj(v)) {
    if (key === 'vote') {
      const n = v as Record<string, number>;
      return `应到 ${n.entitled} 人,实到 ${n.present} 人,赞成 ${n.yes},反对 ${n.no},弃权 ${n.abstain}`;
    }
    return clip(Object.entries(v).filter(([k]) => !HIDDEN.has(toCamel(k))).map(([k, x]) => `${labelOfKey(toCamel(k), c)} ${valueText(toCamel(k), x, c)}`).join(','));
  }
  return String(v);
}

const parse = (json: string | null): unknown => {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
};

/** A stored before/after with its keys as the services name them (snake_case columns read as camelCase). */
function normalized(v: unknown): unknown {
  if (!isObj(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [toCamel(k), x]));
}

/** Keys whose value is a correction's or decision's own words: said as they are, not as a change from nothing. */
const SAID = new Set(['reason', 'note', 'date', 'decidedBy', 'warnings', 'vote', 'month', 'paidDate']);

/** before → after in words: the fields that changed, or what was written when there was no before. */
export function describeChanges(before: string | null, after: string | null, c: ChangeContext): string {
  const b = normalized(parse(before));
  const a = normalized(parse(after));
  const shown = (k: string, v: unknown) => !HIDDEN.has(k) && !(k === 'warnings' && Array.isArray(v) && v.length === 0);
  const listed = (o: Record<string, unknown>) =>
    Object.entries(o).filter(([k, v]) => v !== null && v !== '' && shown(k, v)).map(([k, v]) => `${labelOfKey(k, c)}:${valueText(k, v, c)}`).join(';');
  if (a === null && b === null) return '';
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => shown(k, a[k] ?? b[k]) && JSON.stringify(b[k]) !== JSON.stringify(a[k]));
    return keys
      .map((k) => (!(k in b) && (SAID.has(k) || LABELS[k]) ? `${labelOfKey(k, c)}:${valueText(k, a[k], c)}` : `${labelOfKey(k, c)}:${valueText(k, b[k], c)} → ${valueText(k, a[k], c)}`))
      .join(';');
  }
  if (isObj(a) && b === null) return listed(a);
  if (a === null && isObj(b)) return `删除:${listed(b)}`;
  return `${valueText('', b, c)} → ${valueText('', a, c)}`;
}

/** Every id a stored before/after mentions, to look their names up in one go. */
export function idsIn(json: string | null, out: Set<string>): void {
  if (!json || !json.includes('-')) return;
  for (const m of json.matchAll(/"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/g)) out.add(m[1]);
}
