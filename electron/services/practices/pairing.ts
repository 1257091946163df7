// 结对共建: pairs (or groups) of units — a county department, community or enterprise with a weak village,
// a strong village with a weak one, units along an industry chain — with their start date, the joint
// organization they formed (if any) and a log of help: 措施, 难题, 资金/物资, 干部交流 (人次), 培训.
// Totals per pair and per township by year (the seed's 220 measures, 2,130 problems, 350 person-times).
import { newId } from '../core/ids';
import { nowIso, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { ValidationError, notFound } from '../core/errors';
import { cleanText } from '../members/life/lifeCommon';
import { yearRange } from './practiceCommon';
import { Problems, yuanOf } from '../core/validation';

export const PAIR_KINDS = ['dept_village', 'community_village', 'enterprise_village', 'strong_weak', 'industry'] as const;
export type PairKind = (typeof PAIR_KINDS)[number];
export const PAIR_KIND_LABELS: Record<PairKind, string> = {
  dept_village: '部门+村', community_village: '社区+村', enterprise_village: '企业+村(村企联建)', strong_weak: '强村+弱村', industry: '产业联建',
};
export const PAIR_ROLE_LABELS = { helper: '帮扶方', helped: '受帮扶方' } as const;

export interface PairUnitInput {
  role: 'helper' | 'helped';
  name: string;
  orgId?: string | null;
}
export interface PairInput {
  name: string;
  kind: string;
  startDate: string;
  jointOrgId?: string | null;
  units: PairUnitInput[];
  note?: string | null;
}
export interface HelpEntryInput {
  pairId: string;
  date: string;
  measures?: number;
  measuresText?: string | null;
  problemsSolved?: number;
  moneyFen?: number;
  goods?: string | null;
  goodsFen?: number;
  cadresExchanged?: number;
  trainings?: number;
  trainees?: number;
  note?: string | null;
}

/** The figures every total is made of (a help entry, a pair's year, the township's year). */
export interface HelpTotals {
  entries: number;
  measures: number;
  problemsSolved: number;
  moneyFen: number;
  goodsFen: number;
  cadresExchanged: number;
  trainings: number;
  trainees: number;
}

export interface PairView {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  startDate: string;
  endDate: string | null;
  jointOrgId: string | null;
  jointOrgName: string | null;
  note: string | null;
  units: { id: string; role: string; name: string; orgId: string | null }[];
  /** The year asked for. */
  year: HelpTotals;
  /** Since the pairing began. */
  all: HelpTotals;
}

export interface HelpEntryView extends Omit<HelpTotals, 'entries'> {
  id: string;
  pairId: string;
  date: string;
  measuresText: string | null;
  goods: string | null;
  note: string | null;
}

/** The sums of help entries (`e.` names the entries' table alias, if any). */
const totalsSql = (e = '') => `count(*) AS entries, coalesce(sum(${e}measures),0) AS measures, coalesce(sum(${e}problems_solved),0) AS problemsSolved,
  coalesce(sum(${e}money_fen),0) AS moneyFen, coalesce(sum(${e}goods_fen),0) AS goodsFen, coalesce(sum(${e}cadres_exchanged),0) AS cadresExchanged,
  coalesce(sum(${e}trainings),0) AS trainings, coalesce(sum(${e}trainees),0) AS trainees`;
const ZERO: HelpTotals = { entries: 0, measures: 0, problemsSolved: 0, moneyFen: 0, goodsFen: 0, cadresExchanged: 0, trainings: 0, trainees: 0 };

const kindLabel = (k: string) => PAIR_KIND_LABELS[k as PairKind] ?? k;

export async function createPair(ctx: ServiceContext, input: PairInput): Promise<PairView> {
  const p = new Problems();
  const name = p.text('name', '结对名称', input.name, 100);
  if (!PAIR_KINDS.includes(input.kind as PairKind)) p.add('kind', `请选择结对形式(${PAIR_KINDS.map((k) => PAIR_KIND_LABELS[k]).join('、')})`);
  p.date('startDate', '结对日期', input.startDate, ctx);
  const units = (input.units ?? []).map((u) => ({ role: u.role, name: (u.name ?? '').trim(), orgId: u.orgId || null }));
  units.forEach((u, i) => {
    if (!u.name) p.add(`units.${i}.name`, `第${i + 1}个结对单位缺少名称`);
    if (u.role !== 'helper' && u.role !== 'helped') p.add(`units.${i}.role`, `第${i + 1}个结对单位“${u.name}”应为帮扶方或受帮扶方`);
  });
  if (!units.some((u) => u.role === 'helper')) p.add('units', '至少要有一个帮扶方单位');
  if (!units.some((u) => u.role === 'helped')) p.add('units', '至少要有一个受帮扶方(薄弱村)');
  const names = units.map((u) => u.name);
  const dup = names.find((n, i) => n && names.indexOf(n) !== i);
  if (dup) p.add('units', `结对单位“${dup}”重复`);
  p.throwIf('不能登记结对');
  const id = newId();
  await ctx.archive.transaction(async () => {
    const q = new Problems();
    for (const [field, orgId] of [['jointOrgId', input.jointOrgId], ...units.map((u, i) => [`units.${i}.orgId`, u.orgId])] as [string, string | null | undefined][]) {
      if (!orgId) continue;
      const org = await ctx.archive.queryOne<{ name: string }>('SELECT name FROM organizations WHERE id = ?', [orgId]);
      if (!org) q.add(field, `党组织不在档案中(${orgId})`);
    }
    q.throwIf('不能登记结对');
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    await ctx.archive.run('INSERT INTO practice_pairs(id, name, kind, start_date, joint_org_id, note, seq, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)', [
      id, name, input.kind, input.startDate, input.jointOrgId || null, cleanText(input.note), seq, now, now,
    ]);
    for (const u of units) await ctx.archive.run('INSERT INTO practice_pair_units(id, pair_id, role, name, org_id, seq) VALUES (?,?,?,?,?,?)', [newId(), id, u.role, u.name, u.orgId, seq]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'pairing.create', entity: 'practice_pairs', entityId: id, before: null, after: { name, kind: input.kind, startDate: input.startDate, jointOrgId: input.jointOrgId || null, units } }]);
  });
  return getPair(ctx, id, Number(input.startDate.slice(0, 4)));
}

/** 结对结束: the pair stays in the archive with its log; no help can be logged after the end. */
export async function endPair(ctx: ServiceContext, input: { id: string; endDate: string }): Promise<PairView> {
  return ctx.archive.transaction(async () => {
    const pair = await getPair(ctx, input.id, Number(input.endDate?.slice(0, 4)) || 2000);
    const last = await ctx.archive.queryOne<{ d: string | null }>('SELECT max(entry_date) AS d FROM practice_help_entries WHERE pair_id = ?', [input.id]);
    const p = new Problems();
    if (pair.endDate) p.add('endDate', `“${pair.name}”已于 ${pair.endDate} 结束`);
    p.date('endDate', '结束日期', input.endDate, ctx, { notBefore: [[pair.startDate, '结对日期'], [last?.d, '最后一次帮扶记录日期']] });
    p.throwIf(`不能结束“${pair.name}”`);
    await ctx.archive.run('UPDATE practice_pairs SET end_date = ?, seq = ?, updated_at = ? WHERE id = ?', [input.endDate, await ctx.archive.changeSeq(), nowIso(), input.id]);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'pairing.end', entity: 'practice_pairs', entityId: input.id, before: { endDate: null }, after: { endDate: input.endDate } }]);
    return { ...pair, endDate: input.endDate };
  });
}

/** A help entry's values checked against its pair (within the pair's dates, not empty, 培训 with its 期数). */
async function checkedEntry(ctx: ServiceContext, input: HelpEntryInput, reason?: string | null) {
  const pair = await ctx.archive.queryOne<{ name: string; start_date: string; end_date: string | null }>('SELECT name, start_date, end_date FROM practice_pairs WHERE id = ?', [input.pairId]);
  if (!pair) throw notFound('结对', input.pairId);
  const p = new Problems();
  if (p.date('date', '帮扶日期', input.date, ctx, { notBefore: [[pair.start_date, '结对日期']] }) && pair.end_date && input.date > pair.end_date) p.add('date', `帮扶日期(${input.date})晚于结对结束日期(${pair.end_date})`);
  const v = {
    measures: p.count('measures', '措施办法(项)', input.measures),
    problemsSolved: p.count('problemsSolved', '解决难题(个)', input.problemsSolved),
    moneyFen: p.fen('moneyFen', '资金', input.moneyFen, { allowZero: true }),
    goodsFen: p.fen('goodsFen', '物资折价', input.goodsFen, { allowZero: true }),
    cadresExchanged: p.count('cadresExchanged', '干部交流(人次)', input.cadresExchanged),
    trainings: p.count('trainings', '培训班(期)', input.trainings),
    trainees: p.count('trainees', '培训(人次)', input.trainees),
  };
  const texts = { measuresText: cleanText(input.measuresText), goods: cleanText(input.goods), note: cleanText(input.note) };
  if (v.trainees > 0 && v.trainings === 0) p.add('trainings', `培训了 ${v.trainees} 人次,请填写举办培训班的期数`);
  if (Object.values(v).every((x) => x === 0) && !texts.measuresText && !texts.goods && !texts.note) p.add('measures', '这条帮扶记录是空的:请至少填写一项措施、难题、资金物资、干部交流或培训');
  if (reason !== undefined && !cleanText(reason)) p.add('reason', '请填写更正的原因');
  p.throwIf(`不能登记“${pair.name}”的帮扶记录`);
  return { v, texts };
}

export async function addHelpEntry(ctx: ServiceContext, input: HelpEntryInput): Promise<HelpEntryView> {
  const id = newId();
  await ctx.archive.transaction(async () => {
    const { v, texts } = await checkedEntry(ctx, input);
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    await ctx.archive.run(
      `INSERT INTO practice_help_entries(id, pair_id, entry_date, measures, measures_text, problems_solved, money_fen, goods, goods_fen, cadres_exchanged, trainings, trainees, note, seq, created_at, updated_at)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      [id, input.pairId, input.date, v.measures, texts.measuresText, v.problemsSolved, v.moneyFen, texts.goods, v.goodsFen, v.cadresExchanged, v.trainings, v.trainees, texts.note, seq, now, now],
    );
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'pairing.help', entity: 'practice_help_entries', entityId: id, before: null, after: { pairId: input.pairId, date: input.date, ...v, ...texts } }]);
  });
  const [entry] = await helpEntries(ctx, input.pairId, id);
  return entry;
}

async function storedEntry(ctx: ServiceContext, id: string): Promise<HelpEntryView> {
  const row = await ctx.archive.queryOne<{ pair_id: string }>('SELECT pair_id FROM practice_help_entries WHERE id = ?', [id]);
  if (!row) throw notFound('帮扶记录', id);
  const [entry] = await helpEntries(ctx, row.pair_id, id);
  return entry;
}

/** 更正 a help entry typed wrongly: checked as a new one is, the old values and the reason in the audit log. */
export async function correctHelpEntry(ctx: ServiceContext, id: string, input: Omit<HelpEntryInput, 'pairId'> & { reason: string }): Promise<HelpEntryView> {
  await ctx.archive.transaction(async () => {
    const old = await storedEntry(ctx, id);
    const { v, texts } = await checkedEntry(ctx, { ...input, pairId: old.pairId }, input.reason);
    await ctx.archive.run(
      `UPDATE practice_help_entries SET entry_date = ?, measures = ?, measures_text = ?, problems_solved = ?, money_fen = ?, goods = ?, goods_fen = ?, cadres_exchanged = ?, trainings = ?, trainees = ?, note = ?, seq = ?, updated_at = ? WHERE id = ?`,
      [input.date, v.measures, texts.measuresText, v.problemsSolved, v.moneyFen, texts.goods, v.goodsFen, v.cadresExchanged, v.trainings, v.trainees, texts.note, await ctx.archive.changeSeq(), nowIso(), id],
    );
    const { id: _id, pairId: _pair, ...before } = old;
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'pairing.help.correct', entity: 'practice_help_entries', entityId: id, before, after: { date: input.date, ...v, ...texts, reason: cleanText(input.reason) } }]);
  });
  return storedEntry(ctx, id);
}

/** 删除 a help entry recorded twice or for the wrong pair; the audit log keeps it and why. */
export async function deleteHelpEntry(ctx: ServiceContext, id: string, input: { reason: string }): Promise<{ deleted: true }> {
  const reason = cleanText(input.reason);
  if (!reason) throw new ValidationError([{ field: 'reason', message: '请填写删除的原因(例如:重复登记)' }], '不能删除帮扶记录');
  await ctx.archive.transaction(async () => {
    const old = await storedEntry(ctx, id);
    await ctx.archive.run('DELETE FROM practice_help_entries WHERE id = ?', [id]);
    const { id: _id, ...before } = old;
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'pairing.help.delete', entity: 'practice_help_entries', entityId: id, before, after: { reason } }]);
  });
  return { deleted: true };
}

async function helpEntries(ctx: ServiceContext, pairId: string, entryId?: string, year?: number): Promise<HelpEntryView[]> {
  const where = ['pair_id = ?'];
  const params: unknown[] = [pairId];
  if (entryId) {
    where.push('id = ?');
    params.push(entryId);
  }
  if (year) {
    where.push('entry_date BETWEEN ? AND ?');
    params.push(...yearRange(year));
  }
  return ctx.archive.query<HelpEntryView>(
    `SELECT id, pair_id AS pairId, entry_date AS date, measures, measures_text AS measuresText, problems_solved AS problemsSolved, money_fen AS moneyFen, goods, goods_fen AS goodsFen,
       cadres_exchanged AS cadresExchanged, trainings, trainees, note FROM practice_help_entries WHERE ${where.join(' AND ')} ORDER BY entry_date, created_at`,
    params,
  );
}

export async function listPairs(ctx: ServiceContext, year: number): Promise<PairView[]> {
  const [from, to] = yearRange(year);
  const pairs = await ctx.archive.query<{ id: string; name: string; kind: string; startDate: string; endDate: string | null; jointOrgId: string | null; jointOrgName: string | null; note: string | null }>(
    `SELECT p.id, p.name, p.kind, p.start_date AS startDate, p.end_date AS endDate, p.joint_org_id AS jointOrgId, o.name AS jointOrgName, p.note
     FROM practice_pairs p LEFT JOIN organizations o ON o.id = p.joint_org_id ORDER BY p.start_date, p.name`,
  );
  const units = await ctx.archive.query<{ id: string; pairId: string; role: string; name: string; orgId: string | null }>('SELECT id, pair_id AS pairId, role, name, org_id AS orgId FROM practice_pair_units ORDER BY role, name');
  const yearTotals = await ctx.archive.query<HelpTotals & { pairId: string }>(`SELECT pair_id AS pairId, ${totalsSql()} FROM practice_help_entries WHERE entry_date BETWEEN ? AND ? GROUP BY pair_id`, [from, to]);
  const allTotals = await ctx.archive.query<HelpTotals & { pairId: string }>(`SELECT pair_id AS pairId, ${totalsSql()} FROM practice_help_entries GROUP BY pair_id`);
  const strip = (t?: HelpTotals & { pairId: string }): HelpTotals => (t ? { entries: t.entries, measures: t.measures, problemsSolved: t.problemsSolved, moneyFen: t.moneyFen, goodsFen: t.goodsFen, cadresExchanged: t.cadresExchanged, trainings: t.trainings, trainees: t.trainees } : { ...ZERO });
  return pairs.map((p) => ({
    ...p,
    kindLabel: kindLabel(p.kind),
    units: units.filter((u) => u.pairId === p.id).map(({ pairId: _pairId, ...u }) => u),
    year: strip(yearTotals.find((t) => t.pairId === p.id)),
    all: strip(allTotals.find((t) => t.pairId === p.id)),
  }));
}

export async function getPair(ctx: ServiceContext, id: string, year: number): Promise<PairView> {
  const pair = (await listPairs(ctx, year)).find((p) => p.id === id);
  if (!pair) throw notFound('结对', id);
  return pair;
}

export interface PairYearRecord {
  pair: PairView;
  yearNumber: number;
  entries: HelpEntryView[];
}

/** A pair's yearly record: the pair, its log of the year and the year's totals (also what is printed). */
export async function pairYearRecord(ctx: ServiceContext, id: string, year: number): Promise<PairYearRecord> {
  return { pair: await getPair(ctx, id, year), yearNumber: year, entries: await helpEntries(ctx, id, undefined, year) };
}

export interface PairingSummary {
  /** Pairs in force at some point of the year. */
  pairs: number;
  /** Pairs that formed a joint organization. */
  jointOrgs: number;
  totals: HelpTotals;
  byKind: ({ kind: string; label: string; pairs: number } & HelpTotals)[];
}

export async function pairingSummary(ctx: ServiceContext, year: number): Promise<PairingSummary> {
  const [from, to] = yearRange(year);
  const inForce = `start_date <= ? AND (end_date IS NULL OR end_date >= ?)`;
  const pairs = await ctx.archive.query<{ kind: string; n: number; joint: number }>(`SELECT kind, count(*) AS n, count(joint_org_id) AS joint FROM practice_pairs WHERE ${inForce} GROUP BY kind`, [to, from]);
  const totals = await ctx.archive.query<HelpTotals & { kind: string }>(
    `SELECT p.kind, ${totalsSql('e.')}
     FROM practice_help_entries e JOIN practice_pairs p ON p.id = e.pair_id WHERE e.entry_date BETWEEN ? AND ? GROUP BY p.kind`,
    [from, to],
  );
  const byKind = PAIR_KINDS.map((k) => {
    const t = totals.find((x) => x.kind === k);
    return {
      kind: k, label: PAIR_KIND_LABELS[k], pairs: pairs.find((x) => x.kind === k)?.n ?? 0,
      entries: t?.entries ?? 0, measures: t?.measures ?? 0, problemsSolved: t?.problemsSolved ?? 0, moneyFen: t?.moneyFen ?? 0, goodsFen: t?.goodsFen ?? 0,
      cadresExchanged: t?.cadresExchanged ?? 0, trainings: t?.trainings ?? 0, trainees: t?.trainees ?? 0,
    };
  });
  const sum = (f: keyof HelpTotals) => byKind.reduce((s, k) => s + k[f], 0);
  return {
    pairs: pairs.reduce((s, r) => s + r.n, 0),
    jointOrgs: pairs.reduce((s, r) => s + r.joint, 0),
    totals: { entries: sum('entries'), measures: sum('measures'), problemsSolved: sum('problemsSolved'), moneyFen: sum('moneyFen'), goodsFen: sum('goodsFen'), cadresExchanged: sum('cadresExchanged'), trainings: sum('trainings'), trainees: sum('trainees') },
    byKind,
  };
}

export function pairingSummaryLines(s: PairingSummary): string[] {
  const head = '结对形式\t结对数\t措施(项)\t解决难题(个)\t资金(元)\t物资折价(元)\t干部交流(人次)\t培训(期)\t培训(人次)';
  const row = (label: string, n: number, t: HelpTotals) => [label, n, t.measures, t.problemsSolved, yuanOf(t.moneyFen), yuanOf(t.goodsFen), t.cadresExchanged, t.trainings, t.trainees].join('\t');
  return [head, ...s.byKind.map((k) => row(k.label, k.pairs, k)), row('合计', s.pairs, s.totals), `其中建立联合党组织的结对 ${s.jointOrgs} 个`];
}
