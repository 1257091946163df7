// Checks shared by the practices' services: dates (valid, not in the future, not before an earlier step),
// whole counts, the branch a record belongs to. Problems name the field and say what is wrong in Chinese.
import type { FieldProblem } from '../core/errors';
import { todayOf, type ServiceContext } from '../core/context';
import { isIsoDate } from '../members/memberRules';
import { MEMBER_HOLDING_TYPES } from '../organizations/organizations';
import { ValidationError } from '../core/errors';

export class Problems {
  readonly list: FieldProblem[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  /**
   * A date that must be filled, real and not after today; `after` names earlier dates it may not precede.
   * Returns true when the date is usable.
   */
  date(field: string, label: string, value: string | null | undefined, ctx: ServiceContext, after: [string | null | undefined, string][] = [], options: { future?: boolean } = {}): value is string {
    if (!value) {
      this.add(field, `请填写${label}`);
      return false;
    }
    if (!isIsoDate(value)) {
      this.add(field, `${label}“${value}”不是有效日期(格式 YYYY-MM-DD)`);
      return false;
    }
    const today = todayOf(ctx);
    if (!options.future && value > today) {
      this.add(field, `${label}(${value})不能晚于今天(${today})`);
      return false;
    }
    for (const [earlier, earlierLabel] of after) {
      if (earlier && value < earlier) {
        this.add(field, `${label}(${value})不能早于${earlierLabel}(${earlier})`);
        return false;
      }
    }
    return true;
  }
  count(field: string, label: string, value: number | null | undefined, max = 1_000_000): number {
    const v = value ?? 0;
    if (!Number.isInteger(v) || v < 0 || v > max) {
      this.add(field, `${label}应为0至${max}之间的整数(填写的是 ${value})`);
      return 0;
    }
    return v;
  }
  text(field: string, label: string, value: string | null | undefined, max = 200): string {
    const v = (value ?? '').trim();
    if (!v) this.add(field, `请填写${label}`);
    else if (v.length > max) this.add(field, `${label}不能超过${max}个字`);
    return v;
  }
  throwIf(what: string): void {
    if (this.list.length) throw new ValidationError(this.list, what);
  }
}

/** An organization that holds members (党支部, 联合党支部) and is in use; refuses otherwise, naming it. */
export async function requireBranch(ctx: ServiceContext, orgId: string, field = 'orgId', purpose = ''): Promise<{ id: string; name: string; foundedDate: string | null }> {
  const org = await ctx.archive.queryOne<{ id: string; name: string; type: string; status: string; founded_date: string | null }>('SELECT id, name, type, status, founded_date FROM organizations WHERE id = ?', [orgId]);
  if (!org) throw new ValidationError([{ field, message: '请选择党支部' }]);
  if (!MEMBER_HOLDING_TYPES.has(org.type) || org.status !== 'active') throw new ValidationError([{ field, message: `“${org.name}”不是在用的党支部${purpose}` }]);
  return { id: org.id, name: org.name, foundedDate: org.founded_date };
}

export const yearRange = (year: number): [string, string] => [`${year}-01-01`, `${year}-12-31`];

export const yuanOf = (fen: number): string => (fen / 100).toFixed(2);

