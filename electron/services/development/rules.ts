// The time rules of 发展党员 and the yearly work as data (domain.md): each rule has a value (and a second
// bound where it has one), a default, and whether it is advisory. A broken rule refuses the transition
// with the rule's text and the dates involved; an advisory one lets it through with a warning. The
// administrator edits them (dev_rules holds the values that differ from the defaults; every change is
// audited). Read with getDevRules(); check with the helpers in pipeline.ts.
import type { ServiceContext } from '../core/context';
import { nowIso } from '../core/context';
import { appendAudit } from '../audit/audit';
import { DomainError, ValidationError } from '../core/errors';

export interface RuleSpec {
  key: string;
  label: string; // 规则名称
  labelEn: string;
  unit: 'years' | 'months' | 'days' | 'hours' | 'people' | 'workdays';
  value: number;
  maxValue: number | null;
  advisory: boolean;
  min: number; // what the administrator may set
  max: number;
  /** The rule in plain Chinese with the numbers filled in. */
  text: (r: { value: number; maxValue: number | null }) => string;
}

export const RULE_SPECS: RuleSpec[] = [
  { key: 'applicantAge', label: '申请入党年龄', labelEn: 'Minimum age on the application date', unit: 'years', value: 18, maxValue: null, advisory: false, min: 16, max: 30, text: (r) => `递交入党申请书时须年满${r.value}周岁` },
  { key: 'talkWithinMonths', label: '与申请人谈话时限', labelEn: 'Talk with the applicant within', unit: 'months', value: 1, maxValue: null, advisory: true, min: 1, max: 6, text: (r) => `党组织应在收到入党申请书后${r.value}个月内派人同申请人谈话` },
  { key: 'applicationMonths', label: '申请后确定积极分子', labelEn: 'Application age before becoming an activist', unit: 'months', value: 6, maxValue: null, advisory: false, min: 0, max: 24, text: (r) => `递交入党申请书满${r.value}个月后方可确定为入党积极分子` },
  { key: 'contacts', label: '培养联系人', labelEn: 'Contact persons (full members)', unit: 'people', value: 1, maxValue: 2, advisory: false, min: 1, max: 3, text: (r) => `应为入党积极分子指定${r.value}至${r.maxValue}名正式党员作培养联系人` },
  { key: 'reviewMonths', label: '积极分子考察周期', labelEn: 'Activist review every', unit: 'months', value: 6, maxValue: null, advisory: true, min: 1, max: 12, text: (r) => `党支部每${r.value}个月对入党积极分子进行一次考察` },
  { key: 'cultivationMonths', label: '培养教育期', labelEn: 'Cultivation before becoming a candidate', unit: 'months', value: 12, maxValue: null, advisory: false, min: 6, max: 36, text: (r) => `入党积极分子经过${r.value % 12 === 0 ? `${r.value / 12}年` : `${r.value}个月`}以上培养教育和考察方可列为发展对象` },
  { key: 'introducers', label: '入党介绍人', labelEn: 'Sponsors (full members)', unit: 'people', value: 2, maxValue: null, advisory: false, min: 1, max: 3, text: (r) => `发展对象应有${r.value}名正式党员作入党介绍人` },
  { key: 'politicalReviewMonths', label: '政审有效期', labelEn: 'Political review valid for', unit: 'months', value: 12, maxValue: null, advisory: false, min: 1, max: 36, text: (r) => `政治审查结论有效期为${r.value}个月,支部大会讨论接收预备党员须在有效期内` },
  { key: 'trainingHours', label: '集中培训学时', labelEn: 'Training hours', unit: 'hours', value: 24, maxValue: null, advisory: false, min: 1, max: 100, text: (r) => `发展对象须经过集中培训,时间不少于${r.value}学时(3天)` },
  { key: 'publicityWorkdays', label: '公示期', labelEn: 'Public notice for', unit: 'workdays', value: 5, maxValue: null, advisory: false, min: 1, max: 30, text: (r) => `接收预备党员前须公示,公示期不少于${r.value}个工作日,公示结束后方可召开支部大会` },
  { key: 'approvalMonths', label: '党委审批时限', labelEn: 'Approval by the party committee within', unit: 'months', value: 3, maxValue: 6, advisory: false, min: 1, max: 12, text: (r) => `支部大会通过后,上级党委应在${r.value}个月内审批,因特殊情况可延长审批时间,但最长不得超过${r.maxValue}个月` },
  { key: 'probationMonths', label: '预备期', labelEn: 'Probation', unit: 'months', value: 12, maxValue: null, advisory: false, min: 12, max: 12, text: (r) => `预备期为${r.value / 12}年,自支部大会通过之日算起` },
  { key: 'extensionMonths', label: '延长预备期', labelEn: 'Extension of probation', unit: 'months', value: 6, maxValue: 12, advisory: false, min: 1, max: 24, text: (r) => `预备期只能延长一次,时间不少于${r.value}个月、不超过${r.maxValue}个月` },
  { key: 'probationReminderDays', label: '预备期满提醒', labelEn: 'Remind before probation ends', unit: 'days', value: 30, maxValue: null, advisory: true, min: 1, max: 120, text: (r) => `预备期满前${r.value}天列入待办` },
  { key: 'duesArrearsMonths', label: '欠缴党费提醒', labelEn: 'Unpaid dues reminder after', unit: 'months', value: 6, maxValue: null, advisory: true, min: 1, max: 24, text: (r) => `连续${r.value}个月未交纳党费的党员列入待办(自行脱党审查)` },
  { key: 'lostMonths', label: '失联提醒', labelEn: 'Lost contact reminder after', unit: 'months', value: 6, maxValue: null, advisory: true, min: 1, max: 36, text: (r) => `失去联系满${r.value}个月的党员列入待办(停止党籍审查)` },
];

export interface DevRule {
  key: string;
  label: string;
  labelEn: string;
  unit: string;
  value: number;
  maxValue: number | null;
  advisory: boolean;
  defaultValue: number;
  defaultMaxValue: number | null;
  defaultAdvisory: boolean;
  min: number;
  max: number;
  text: string;
}

export type DevRules = Record<string, DevRule>;

const specOf = (key: string) => RULE_SPECS.find((s) => s.key === key);

export async function listDevRules(ctx: ServiceContext): Promise<DevRule[]> {
  const stored = await ctx.archive.query<{ key: string; value: number; max_value: number | null; advisory: number }>('SELECT key, value, max_value, advisory FROM dev_rules');
  const byKey = new Map(stored.map((r) => [r.key, r]));
  return RULE_SPECS.map((s) => {
    const row = byKey.get(s.key);
    const value = row?.value ?? s.value;
    const maxValue = row ? row.max_value : s.maxValue;
    return {
      key: s.key, label: s.label, labelEn: s.labelEn, unit: s.unit, value, maxValue, advisory: row ? Boolean(row.advisory) : s.advisory,
      defaultValue: s.value, defaultMaxValue: s.maxValue, defaultAdvisory: s.advisory, min: s.min, max: s.max, text: s.text({ value, maxValue }),
    };
  });
}

export async function getDevRules(ctx: ServiceContext): Promise<DevRules> {
  return Object.fromEntries((await listDevRules(ctx)).map((r) => [r.key, r]));
}

export interface RuleChange {
  key: string;
  value: number;
  maxValue?: number | null;
  advisory: boolean;
}

/** The administrator changes a rule: checked against its bounds, written and audited in one transaction. */
export async function setDevRule(ctx: ServiceContext, change: RuleChange): Promise<DevRule> {
  const spec = specOf(change.key);
  if (!spec) throw new DomainError('not_found', `没有名为 ${change.key} 的规则`);
  const problems = [];
  if (!Number.isInteger(change.value) || change.value < spec.min || change.value > spec.max) problems.push({ field: 'value', message: `${spec.label}应为 ${spec.min} 至 ${spec.max} 之间的整数` });
  const maxValue = spec.maxValue === null ? null : (change.maxValue ?? spec.maxValue);
  if (maxValue !== null && (!Number.isInteger(maxValue) || maxValue < change.value || maxValue > spec.max * 2)) problems.push({ field: 'maxValue', message: `${spec.label}的上限应为不小于 ${change.value} 的整数` });
  if (problems.length) throw new ValidationError(problems, '不能修改规则');
  return ctx.archive.transaction(async () => {
    const before = (await getDevRules(ctx))[spec.key];
    const seq = await ctx.archive.changeSeq();
    await ctx.archive.run(
      `INSERT INTO dev_rules(key, value, max_value, advisory, seq, updated_at) VALUES (?,?,?,?,?,?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, max_value = excluded.max_value, advisory = excluded.advisory, seq = excluded.seq, updated_at = excluded.updated_at`,
      [spec.key, change.value, maxValue, change.advisory ? 1 : 0, seq, nowIso()],
    );
    const after = (await getDevRules(ctx))[spec.key];
    await appendAudit(ctx.archive, [
      { actor: ctx.actor, action: 'rules.update', entity: 'dev_rules', entityId: spec.key, before: { value: before.value, maxValue: before.maxValue, advisory: before.advisory, text: before.text }, after: { value: after.value, maxValue: after.maxValue, advisory: after.advisory, text: after.text } },
    ]);
    return after;
  });
}

/**
 * Collects the outcome of rule checks for one transition: a broken hard rule is a field problem (refused),
 * a broken advisory rule a warning. Messages: 【rule label】 rule text + the dates involved.
 */
export class RuleCheck {
  readonly problems: { field: string; message: string }[] = [];
  readonly warnings: string[] = [];
  constructor(private readonly rules: DevRules) {}

  rule(key: string): DevRule {
    return this.rules[key];
  }

  /** Record a broken rule: refused unless the rule is advisory. */
  broken(key: string, field: string, facts: string): void {
    const r = this.rules[key];
    const message = `不符合“${r.label}”规则:${r.text}。${facts}`;
    if (r.advisory) this.warnings.push(message);
    else this.problems.push({ field, message });
  }

  /** A plain problem (missing data, wrong order), not a configurable rule. */
  problem(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  throwIfRefused(what: string): void {
    if (this.problems.length) throw new ValidationError(this.problems, what);
  }
}
