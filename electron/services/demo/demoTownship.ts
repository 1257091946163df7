// Loads the demo township (db/demo) into an empty archive through the same services and rules as real
// data: organizations under the township 党委, then all members in one bulk transaction.
import { newId } from '../core/ids';
import { generateTownship, type DemoMember, type DemoOrg } from './township/generateTownship';
import { todayOf, nowIso, type ServiceContext } from '../core/context';
import { appendAudit } from '../audit/audit';
import { DomainError } from '../core/errors';
import { insertMembersBulk } from '../members/memberBulk';
import { requireTownship } from '../core/settings';
import { insertDemoDevelopment } from './developmentDemo';
import { insertDemoPractices } from './practicesDemo';
import { insertDemoCare } from './careDemo';

export interface DemoOptions {
  members?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export async function loadDemoTownship(ctx: ServiceContext, options: DemoOptions = {}): Promise<{ organizations: number; members: number }> {
  const township = await requireTownship(ctx);
  const existing = await ctx.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members');
  if (existing && existing.n > 0) throw new DomainError('conflict', `档案中已有 ${existing.n} 名党员,演示数据只能载入空档案`);
  const demo = generateTownship({ seed: options.seed ?? 1, members: options.members ?? 4200, townshipName: township.name, townshipCode: township.code, asOf: todayOf(ctx) });
  const result = await ctx.archive.transaction(async () => {
    const idOf = await insertDemoOrganizations(ctx, demo.orgs, township.rootOrgId);
    const inserted = await insertMembersBulk(
      ctx,
      demo.members.map(({ orgKey, ...m }) => ({ ...m, orgId: idOf.get(orgKey)! })),
      { source: '演示数据', onProgress: options.onProgress, signal: options.signal },
    );
    await insertDemoMobileRecords(ctx, demo.members, inserted.ids);
    await insertDemoDevelopment(ctx, options.seed ?? 1);
    await insertDemoPractices(ctx, options.seed ?? 1);
    await insertDemoCare(ctx, options.seed ?? 1);
    return { organizations: demo.orgs.length, members: inserted.inserted };
  });
  // The planner's statistics change with a bulk load: refresh them, or grouped counts pick bad indexes.
  await ctx.archive.optimize({ force: true });
  return result;
}

/** The demo's organizations under the township 党委 setup created; returns demo key → organization id. */
export async function insertDemoOrganizations(ctx: ServiceContext, orgs: DemoOrg[], rootOrgId: string): Promise<Map<string, string>> {
  return ctx.archive.transaction(async () => {
    const seq = await ctx.archive.changeSeq();
    const now = nowIso();
    const idOf = new Map<string, string>();
    for (const [i, o] of orgs.entries()) {
      // The demo's root is the township 党委 that setup already created.
      if (o.parentKey === null) {
        idOf.set(o.key, rootOrgId);
        continue;
      }
      const id = newId();
      idOf.set(o.key, id);
      await ctx.archive.run(
        `INSERT INTO organizations(id, parent_id, name, short_name, type, sector, unit_situation, formation, admin_code, contact, phone,
           founded_date, status, rating, weak_team, weak_economy, weak_base, first_secretary, sort_order, seq, created_at, updated_at)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'active',?,?,?,?,?,?,?,?,?)`,
        [id, idOf.get(o.parentKey), o.name, o.shortName, o.type, o.sector, o.unitSituation, o.formation, o.adminCode, o.contact, o.phone,
          o.foundedDate, o.rating, o.weakTeam ? 1 : 0, o.weakEconomy ? 1 : 0, o.weakBase ? 1 : 0, o.firstSecretary, i, seq, now, now],
      );
      for (const u of o.units) {
        await ctx.archive.run('INSERT INTO org_units(id, org_id, name, kind, seq) VALUES (?,?,?,?,?)', [newId(), id, u.name, u.kind, seq]);
      }
    }
    await appendAudit(ctx.archive, [
      { actor: ctx.actor, action: 'org.bulk_create', entity: 'organizations', entityId: null, before: null, after: { source: '演示数据', organizations: orgs.length - 1 } },
    ]);
    return idOf;
  });
}

/**
 * 流动党员 of the demo get their outgoing registration (where to, since when, contact), read from the
 * remark the generator writes ("外出务工,现在烟台"). One in twenty-five is left unregistered, so that the
 * data checks have something real to show.
 */
async function insertDemoMobileRecords(ctx: ServiceContext, members: DemoMember[], ids: string[]): Promise<void> {
  const seq = await ctx.archive.changeSeq();
  const now = nowIso();
  const today = todayOf(ctx);
  const rows: unknown[][] = [];
  members.forEach((m, i) => {
    if (!m.isMobile || m.exitReason) return;
    const serial = Number(m.idNumber.slice(14, 17));
    if (serial % 25 === 0) return;
    const city = /现在(.+?)$/.exec(m.remarks ?? '')?.[1] ?? '外地';
    const back = 30 + (serial % 700);
    const since = new Date(Date.parse(today) - back * 86_400_000).toISOString().slice(0, 10);
    rows.push([newId(), ids[i], `${city}市`, since > m.joinDate ? since : today, m.phone ?? '本人未留电话', null, null, null, '演示数据', seq, now, now]);
  });
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    await ctx.archive.run(
      `INSERT INTO mobile_records(id, member_id, destination, since, contact, certificate_no, destination_branch, end_date, note, seq, created_at, updated_at)
       VALUES ${chunk.map(() => '(?,?,?,?,?,?,?,?,?,?,?,?)').join(',')}`,
      chunk.flat(),
    );
  }
}
