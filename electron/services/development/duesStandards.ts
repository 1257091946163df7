// 月标准 for a whole branch in one grid (an imported branch starts without any): per member the basis — pay
// declared after tax by the 2008 table, a pension, or the fixed amounts of 农民党员, students, the unemployed
// and 低保 — from a month on, saved in one transaction through setDuesStandard, so each line keeps its history
// event and audit entry and a bad line leaves nothing written.
import type { ServiceContext } from '../core/context';
import { DomainError, ValidationError, type FieldProblem } from '../core/errors';
import { BASIS_LABELS, DUES_BASES, setDuesStandard, type DuesBasis } from './dues';

export interface StandardLine {
  memberId: string;
  name: string;
  category: string;
  /** The latest standard, if any. */
  fromMonth: string | null;
  basis: DuesBasis | null;
  basisLabel: string | null;
  incomeFen: number | null;
  monthlyFen: number | null;
}

export async function duesStandardsGrid(ctx: ServiceContext, orgId: string): Promise<StandardLine[]> {
  const rows = await ctx.archive.query<{ memberId: string; name: string; category: string; fromMonth: string | null; basis: DuesBasis | null; incomeFen: number | null; monthlyFen: number | null }>(
    `SELECT m.id AS memberId, m.name AS name, m.category AS category, s.from_month AS fromMonth, s.basis AS basis, s.income AS incomeFen, s.monthly_amount AS monthlyFen
     FROM members m LEFT JOIN dues_standards s ON s.member_id = m.id AND s.from_month = (SELECT max(from_month) FROM dues_standards x WHERE x.member_id = m.id)
     WHERE m.org_id = ? AND m.exit_reason IS NULL ORDER BY m.pinyin_full`,
    [orgId],
  );
  return rows.map((r) => ({ ...r, basisLabel: r.basis ? (BASIS_LABELS[r.basis] ?? r.basis) : null }));
}

export interface StandardsSave {
  orgId: string;
  fromMonth: string;
  rows: { memberId: string; basis: string; incomeFen?: number | null; fixedFen?: number | null }[];
}

export async function setDuesStandards(ctx: ServiceContext, input: StandardsSave): Promise<{ saved: number }> {
  const members = new Map((await duesStandardsGrid(ctx, input.orgId)).map((m) => [m.memberId, m]));
  return ctx.archive.transaction(async () => {
    let saved = 0;
    for (const [i, r] of input.rows.entries()) {
      const m = members.get(r.memberId);
      if (!m) throw new DomainError('bad_input', `第 ${i + 1} 行的党员不在本党支部的在册党员中`);
      if (!(DUES_BASES as readonly string[]).includes(r.basis)) throw new ValidationError([{ field: `rows.${i}.basis`, message: `${m.name}:请选择党费计算依据` }]);
      try {
        await setDuesStandard(ctx, { memberId: r.memberId, fromMonth: input.fromMonth, basis: r.basis, incomeFen: r.incomeFen ?? null, fixedFen: r.fixedFen ?? null });
      } catch (e) {
        if (e instanceof ValidationError) throw new ValidationError(e.issues.map((p): FieldProblem => ({ field: `rows.${i}.${p.field}`, message: p.message })), `第 ${i + 1} 行(${m.name})`);
        throw e;
      }
      saved++;
    }
    return { saved };
  });
}
