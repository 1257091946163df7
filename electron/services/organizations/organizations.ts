// Party organizations (党组织): the tree from the township 党委 to branches. Organizations are never
// deleted: they are merged into another (members move with an event each) or dissolved once empty.
import { newId } from '../core/ids';
import { eq } from 'drizzle-orm';
import { organizations, orgUnits } from '../../../db/schema';
import type { Organization } from '../../../db/schema';
import type { Archive } from '../../../db/connection';
import { nowIso, todayOf, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { DomainError, ValidationError, notFound } from '../core/errors';
import { isCode, labelOf } from '../core/codes';
import { recordMemberEvents } from '../members/memberEvents';
import type { FieldProblem } from '../core/errors';

/** Organization types that hold members directly (党支部, 联合党支部). */
export const MEMBER_HOLDING_TYPES = new Set(['branch', 'joint_branch']);
export const JOINT_TYPES = new Set(['joint_branch', 'joint_general_branch']);

export interface OrgUnitInput {
  name: string;
  kind: string;
}

export interface OrgInput {
  parentId: string;
  name: string;
  shortName?: string | null;
  type: string;
  sector: string;
  unitSituation: string;
  formation?: string | null;
  adminCode?: string | null;
  secretaryId?: string | null;
  contact?: string | null;
  phone?: string | null;
  foundedDate?: string | null;
  rating?: string | null;
  weakTeam?: boolean;
  weakEconomy?: boolean;
  weakBase?: boolean;
  firstSecretary?: string | null;
  units?: OrgUnitInput[];
}

export interface OrgNode {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  type: string;
  sector: string;
  unitSituation: string;
  formation: string | null;
  status: string;
  isJoint: boolean;
  units: OrgUnitInput[];
  memberCount: number; // members on the roll directly in this organization
  totalCount: number; // … in it and everything below it
  sortOrder: number;
}

export type OrgRecord = Organization & { units: OrgUnitInput[] };

export async function getOrgRow(archive: Archive, id: string): Promise<Organization> {
  const row = await archive.db.select().from(organizations).where(eq(organizations.id, id)).get();
  if (!row) throw notFound('党组织', id);
  return row;
}

export async function getOrg(ctx: ServiceContext, id: string): Promise<OrgRecord> {
  const row = await getOrgRow(ctx.archive, id);
  const units = await ctx.archive.db.select({ name: orgUnits.name, kind: orgUnits.kind }).from(orgUnits).where(eq(orgUnits.orgId, id)).all();
  return { ...row, units };
}

export async function orgTree(ctx: ServiceContext): Promise<OrgNode[]> {
  const rows = await ctx.archive.db.select().from(organizations).orderBy(organizations.sortOrder, organizations.name).all();
  const units = await ctx.archive.db.select().from(orgUnits).all();
  const counts = await ctx.archive.query<{ org_id: string; n: number }>(
    'SELECT org_id, count(*) AS n FROM members WHERE exit_reason IS NULL GROUP BY org_id',
  );
  const direct = new Map(counts.map((c) => [c.org_id, c.n]));
  const unitsByOrg = new Map<string, OrgUnitInput[]>();
  for (const u of units) {
    const list = unitsByOrg.get(u.orgId) ?? [];
    list.push({ name: u.name, kind: u.kind });
    unitsByOrg.set(u.orgId, list);
  }
  const nodes: OrgNode[] = rows.map((r) => ({
    id: r.id,
    parentId: r.parentId,
    name: r.name,
    shortName: r.shortName,
    type: r.type,
    sector: r.sector,
    unitSituation: r.unitSituation,
    formation: r.formation,
    status: r.status,
    isJoint: JOINT_TYPES.has(r.type) || r.unitSituation === 'joint',
    units: unitsByOrg.get(r.id) ?? [],
    memberCount: direct.get(r.id) ?? 0,
    totalCount: 0,
    sortOrder: r.sortOrder,
  }));
  const children = childrenIndex(nodes);
  const total = (id: string): number => {
    const node = byId.get(id)!;
    node.totalCount = node.memberCount + (children.get(id) ?? []).reduce((sum, c) => sum + total(c.id), 0);
    return node.totalCount;
  };
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) if (!n.parentId || !byId.has(n.parentId)) total(n.id);
  return nodes;
}

function childrenIndex<T extends { id: string; parentId: string | null }>(nodes: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const n of nodes) {
    if (!n.parentId) continue;
    const list = map.get(n.parentId) ?? [];
    list.push(n);
    map.set(n.parentId, list);
  }
  return map;
}

const subtreeCache = new WeakMap<Archive, { version: number; children: Map<string, { id: string }[]>; count: number }>();

/** The organization and every organization below it (the tree is read once per archive version). */
export async function subtreeIds(archive: Archive, rootId: string): Promise<string[]> {
  let cache = subtreeCache.get(archive);
  if (!cache || cache.version !== archive.version || archive.inTransaction()) {
    const rows = await archive.query<{ id: string; parent_id: string | null }>('SELECT id, parent_id FROM organizations');
    cache = { version: archive.version, children: childrenIndex(rows.map((r) => ({ id: r.id, parentId: r.parent_id }))), count: rows.length };
    if (!archive.inTransaction()) subtreeCache.set(archive, cache);
  }
  const out: string[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    out.push(id);
    for (const c of cache.children.get(id) ?? []) stack.push(c.id);
  }
  return out;
}

/** How many organizations the archive holds (every status). */
export async function organizationCount(archive: Archive): Promise<number> {
  const cache = subtreeCache.get(archive);
  if (cache && cache.version === archive.version && !archive.inTransaction()) return cache.count;
  return (await archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM organizations'))?.n ?? 0;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validateOrgFields(input: Partial<OrgInput>, partial: boolean): FieldProblem[] {
  const issues: FieldProblem[] = [];
  const need = (field: keyof OrgInput, ok: boolean, message: string) => {
    if ((!partial || input[field] !== undefined) && !ok) issues.push({ field, message });
  };
  need('name', !!input.name?.trim(), '请填写组织名称(印章名称,或“中共+单位+类型”)');
  need('type', isCode('orgType', input.type), '组织类型不正确');
  need('sector', isCode('orgSector', input.sector), '组织类别不正确');
  need('unitSituation', isCode('unitSituation', input.unitSituation), '所在单位情况不正确');
  if (input.formation != null && !isCode('formation', input.formation)) issues.push({ field: 'formation', message: '组建方式不正确' });
  if (input.adminCode != null && input.adminCode !== '' && !/^\d{12}$/.test(input.adminCode))
    issues.push({ field: 'adminCode', message: '统计用区划代码应为12位数字' });
  if (input.foundedDate != null && input.foundedDate !== '' && !DATE.test(input.foundedDate))
    issues.push({ field: 'foundedDate', message: '成立日期格式应为 YYYY-MM-DD' });
  for (const [i, u] of (input.units ?? []).entries()) {
    if (!u.name?.trim()) issues.push({ field: `units.${i}.name`, message: `第${i + 1}个成员单位缺少名称` });
    if (!isCode('unitKind', u.kind)) issues.push({ field: `units.${i}.kind`, message: `第${i + 1}个成员单位类型不正确` });
  }
  return issues;
}

function jointIssues(type: string, unitSituation: string, units: OrgUnitInput[]): FieldProblem[] {
  if ((JOINT_TYPES.has(type) || unitSituation === 'joint') && units.length < 2)
    return [{ field: 'units', message: '联合党组织至少要列出两个成员单位' }];
  return [];
}

async function requireActiveParent(archive: Archive, parentId: string): Promise<Organization> {
  const parent = await archive.db.select().from(organizations).where(eq(organizations.id, parentId)).get();
  if (!parent) throw new ValidationError([{ field: 'parentId', message: '上级党组织不存在' }]);
  if (parent.status !== 'active') throw new ValidationError([{ field: 'parentId', message: `上级党组织“${parent.name}”${labelOf('orgStatus', parent.status)},不能在其下新建或移入组织` }]);
  if (parent.type === 'group') throw new ValidationError([{ field: 'parentId', message: '党小组下不能再设组织' }]);
  return parent;
}

async function writeUnits(archive: Archive, orgId: string, units: OrgUnitInput[], seq: number): Promise<void> {
  await archive.run('DELETE FROM org_units WHERE org_id = ?', [orgId]);
  for (const u of units) {
    await archive.run('INSERT INTO org_units(id, org_id, name, kind, seq) VALUES (?,?,?,?,?)', [newId(), orgId, u.name.trim(), u.kind, seq]);
  }
}

/**
 * `unitsLater`: a joint organization created by an import, which knows its name but not its member units;
 * they are listed when the organization is next edited (updateOrg asks for them).
 */
export async function createOrg(ctx: ServiceContext, input: OrgInput, options: { unitsLater?: boolean } = {}): Promise<OrgRecord> {
  const issues = [...validateOrgFields(input, false), ...(options.unitsLater ? [] : jointIssues(input.type, input.unitSituation, input.units ?? []))];
  if (issues.length) throw new ValidationError(issues);
  const id = newId();
  await ctx.archive.transaction(async () => {
    await requireActiveParent(ctx.archive, input.parentId);
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const row = {
      id,
      parentId: input.parentId,
      name: input.name.trim(),
      shortName: input.shortName?.trim() || null,
      type: input.type,
      sector: input.sector,
      unitSituation: input.unitSituation,
      formation: input.formation ?? null,
      adminCode: input.adminCode || null,
      secretaryId: input.secretaryId ?? null,
      contact: input.contact ?? null,
      phone: input.phone ?? null,
      foundedDate: input.foundedDate || null,
      status: 'active',
      rating: input.rating ?? null,
      weakTeam: input.weakTeam ?? false,
      weakEconomy: input.weakEconomy ?? false,
      weakBase: input.weakBase ?? false,
      firstSecretary: input.firstSecretary ?? null,
      sortOrder: 0,
      seq,
      createdAt: now,
      updatedAt: now,
    };
    await ctx.archive.db.insert(organizations).values(row);
    await writeUnits(ctx.archive, id, input.units ?? [], seq);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'org.create', entity: 'organizations', entityId: id, before: null, after: { ...row, units: input.units ?? [] } }]);
  });
  return getOrg(ctx, id);
}

export async function updateOrg(ctx: ServiceContext, id: string, patch: Partial<Omit<OrgInput, 'parentId'>>): Promise<OrgRecord> {
  const issues = validateOrgFields(patch, true);
  if (issues.length) throw new ValidationError(issues);
  await ctx.archive.transaction(async () => {
    const before = await getOrg(ctx, id);
    const type = patch.type ?? before.type;
    const unitSituation = patch.unitSituation ?? before.unitSituation;
    const units = patch.units ?? before.units;
    const more = jointIssues(type, unitSituation, units);
    if (more.length) throw new ValidationError(more);
    if (patch.type && !MEMBER_HOLDING_TYPES.has(patch.type)) {
      const held = await ctx.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members WHERE org_id = ? AND exit_reason IS NULL', [id]);
      if (held && held.n > 0) throw new ValidationError([{ field: 'type', message: `该组织有 ${held.n} 名在册党员,只有党支部或联合党支部可以直接管理党员` }]);
    }
    const seq = await ctx.archive.changeSeq();
    const { units: _units, ...fields } = patch;
    void _units;
    const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    await ctx.archive.db.update(organizations).set({ ...set, seq, updatedAt: nowIso() }).where(eq(organizations.id, id));
    if (patch.units) await writeUnits(ctx.archive, id, patch.units, seq);
    const after = await getOrg(ctx, id);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'org.update', entity: 'organizations', entityId: id, before, after }]);
  });
  return getOrg(ctx, id);
}

export async function moveOrg(ctx: ServiceContext, id: string, newParentId: string): Promise<OrgRecord> {
  await ctx.archive.transaction(async () => {
    const org = await getOrgRow(ctx.archive, id);
    if (!org.parentId) throw new DomainError('bad_input', '乡镇党委是组织树的根,不能移动');
    if ((await subtreeIds(ctx.archive, id)).includes(newParentId)) throw new ValidationError([{ field: 'parentId', message: '不能把组织移到它自己或它的下级组织之下' }]);
    await requireActiveParent(ctx.archive, newParentId);
    const seq = await ctx.archive.changeSeq();
    await ctx.archive.db.update(organizations).set({ parentId: newParentId, seq, updatedAt: nowIso() }).where(eq(organizations.id, id));
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'org.move', entity: 'organizations', entityId: id, before: { parentId: org.parentId }, after: { parentId: newParentId } }]);
  });
  return getOrg(ctx, id);
}

/** Merge `sourceId` into `targetId`: its members and sub-organizations move, it stays as 已合并. */
export async function mergeOrg(ctx: ServiceContext, sourceId: string, targetId: string, date?: string): Promise<OrgRecord> {
  const day = date ?? todayOf(ctx);
  if (sourceId === targetId) throw new ValidationError([{ field: 'targetId', message: '不能把组织合并到它自己' }]);
  await ctx.archive.transaction(async () => {
    const source = await getOrgRow(ctx.archive, sourceId);
    const target = await getOrgRow(ctx.archive, targetId);
    if (source.status !== 'active') throw new DomainError('conflict', `“${source.name}”${labelOf('orgStatus', source.status)},不能再合并`);
    if (target.status !== 'active') throw new ValidationError([{ field: 'targetId', message: `“${target.name}”${labelOf('orgStatus', target.status)},不能并入` }]);
    if ((await subtreeIds(ctx.archive, sourceId)).includes(targetId)) throw new ValidationError([{ field: 'targetId', message: '不能并入自己的下级组织' }]);
    const moving = await ctx.archive.query<{ id: string }>('SELECT id FROM members WHERE org_id = ? AND exit_reason IS NULL', [sourceId]);
    if (moving.length > 0 && !MEMBER_HOLDING_TYPES.has(target.type)) {
      throw new ValidationError([{ field: 'targetId', message: `“${target.name}”不是党支部,不能接收 ${moving.length} 名党员` }]);
    }
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    await ctx.archive.run('UPDATE members SET org_id = ?, seq = ?, updated_at = ? WHERE org_id = ? AND exit_reason IS NULL', [targetId, seq, now, sourceId]);
    await recordMemberEvents(
      ctx.archive,
      moving.map((m) => ({
        memberId: m.id,
        kind: 'moved' as const,
        eventDate: day,
        actor: ctx.actor,
        summary: `所在组织“${source.name}”并入“${target.name}”`,
        before: { orgId: sourceId },
        after: { orgId: targetId },
      })),
    );
    await ctx.archive.run('UPDATE organizations SET parent_id = ?, seq = ?, updated_at = ? WHERE parent_id = ? AND status = ?', [targetId, seq, now, sourceId, 'active']);
    await ctx.archive.db.update(organizations).set({ status: 'merged', mergedIntoId: targetId, endedDate: day, seq, updatedAt: now }).where(eq(organizations.id, sourceId));
    await appendAudit(ctx.archive, [
      { actor: ctx.actor, action: 'org.merge', entity: 'organizations', entityId: sourceId, before: { status: source.status }, after: { status: 'merged', mergedIntoId: targetId, movedMembers: moving.length } },
    ]);
  });
  return getOrg(ctx, sourceId);
}

/** Dissolve an organization that no longer has members on the roll or active sub-organizations. */
export async function dissolveOrg(ctx: ServiceContext, id: string, date?: string): Promise<OrgRecord> {
  const day = date ?? todayOf(ctx);
  await ctx.archive.transaction(async () => {
    const org = await getOrgRow(ctx.archive, id);
    if (!org.parentId) throw new DomainError('bad_input', '乡镇党委不能撤销');
    if (org.status !== 'active') throw new DomainError('conflict', `“${org.name}”${labelOf('orgStatus', org.status)}`);
    const held = await ctx.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members WHERE org_id = ? AND exit_reason IS NULL', [id]);
    if (held && held.n > 0) throw new DomainError('conflict', `“${org.name}”还有 ${held.n} 名在册党员,请先把他们转到其他支部或合并组织`);
    const kids = await ctx.archive.queryOne<{ n: number }>("SELECT count(*) AS n FROM organizations WHERE parent_id = ? AND status = 'active'", [id]);
    if (kids && kids.n > 0) throw new DomainError('conflict', `“${org.name}”下还有 ${kids.n} 个下级组织,请先处理`);
    const seq = await ctx.archive.changeSeq();
    await ctx.archive.db.update(organizations).set({ status: 'dissolved', endedDate: day, seq, updatedAt: nowIso() }).where(eq(organizations.id, id));
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'org.dissolve', entity: 'organizations', entityId: id, before: { status: org.status }, after: { status: 'dissolved', endedDate: day } }]);
  });
  return getOrg(ctx, id);
}
