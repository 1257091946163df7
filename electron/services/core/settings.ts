// Settings of this install: which township it is (or that it is the county), and UI preferences that
// should survive a reinstall together with the archive (grid columns, …).
import { newId } from './ids';
import { eq } from 'drizzle-orm';
import { settings } from '../../../db/schema';
import type { Archive } from '../../../db/connection';
import type { ServiceContext } from './context';
import { appendAudit } from '../audit/audit';
import { DomainError, ValidationError } from './errors';
import { nowIso, todayOf } from './context';
import { isCountyLevelCode, normalizeCountyCode, normalizeTownshipCode } from './regionCodes';

export type InstallRole = 'township' | 'county';

export interface SetupStatus {
  initialized: boolean;
  township: { code: string; name: string } | null;
  role: InstallRole;
  rootOrgId: string | null;
  memberCount: number;
  /** The archive's calendar day: the window takes its "today" from here, so there is one clock. */
  today: string;
}

/**
 * The one way to keep a value in the settings table: JSON text under a key, stamped with the change
 * sequence so the county package and backups see it change.
 */
export async function readSetting<T>(archive: Archive, key: string): Promise<T | undefined> {
  const row = await archive.db.select().from(settings).where(eq(settings.key, key)).get();
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export async function writeSetting(archive: Archive, key: string, value: unknown): Promise<void> {
  const seq = await archive.changeSeq();
  // A value left out (undefined) has no JSON text: it is stored as null, "nothing set".
  const text = JSON.stringify(value ?? null);
  await archive.db.insert(settings).values({ key, value: text, seq }).onConflictDoUpdate({ target: settings.key, set: { value: text, seq } });
}

/**
 * A rule the office changes: the old and the new value go to the audit log with the write, in one
 * transaction, so the log can say who changed a rule, when, and from what.
 */
export async function changeSetting<T>(ctx: ServiceContext, key: string, action: string, before: T, after: T): Promise<T> {
  await ctx.archive.transaction(async () => {
    await writeSetting(ctx.archive, key, after);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action, entity: 'settings', entityId: key, before, after }]);
  });
  return after;
}

export async function getSetup(ctx: ServiceContext): Promise<SetupStatus> {
  const township = (await readSetting<{ code: string; name: string }>(ctx.archive, 'township')) ?? null;
  const role = (await readSetting<InstallRole>(ctx.archive, 'role')) ?? 'township';
  const rootOrgId = (await readSetting<string>(ctx.archive, 'rootOrgId')) ?? null;
  const count = await ctx.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members WHERE exit_reason IS NULL');
  return { initialized: township !== null, township, role, rootOrgId, memberCount: count?.n ?? 0, today: todayOf(ctx) };
}

export { normalizeCountyCode, normalizeTownshipCode } from './regionCodes';

export async function initTownship(ctx: ServiceContext, input: { code: string; name: string; role: InstallRole }): Promise<SetupStatus> {
  const issues = [];
  const isCounty = input.role === 'county';
  const code = isCounty ? normalizeCountyCode(input.code) : normalizeTownshipCode(input.code);
  if (!code) {
    issues.push({
      field: 'code',
      message: isCounty
        ? `县级代码“${input.code.trim()}”不正确:应为6位统计用区划代码(省2位、市2位、县2位),如 370783;也可填12位代码(后6位为0),如 370783000000`
        : isCountyLevelCode(input.code)
          ? `“${input.code.trim()}”是县级代码,不是乡镇代码:乡镇应填9位统计用区划代码,如 370783101;县委组织部的安装请选“县级”(命令行 --role county)`
          : `乡镇代码“${input.code.trim()}”不正确:应为9位统计用区划代码(省2位、市2位、县2位、乡镇3位),如 370783101`,
    });
  }
  const name = input.name.trim();
  if (!name) issues.push({ field: 'name', message: isCounty ? '请填写县(市、区)名称' : '请填写乡镇名称' });
  if (!code || issues.length) throw new ValidationError(issues);
  await ctx.archive.transaction(async () => {
    if (await readSetting(ctx.archive, 'township')) throw new DomainError('conflict', '本档案已经设置过(乡镇或县委组织部),不能重复设置');
    await writeSetting(ctx.archive, 'township', { code, name });
    await writeSetting(ctx.archive, 'role', input.role);
    const seq = await ctx.archive.changeSeq();
    const rootId = newId();
    const now = nowIso();
    // The township 党委 (the county's 组织部) is the root of the organization tree.
    await ctx.archive.run(
      `INSERT INTO organizations(id, parent_id, name, short_name, type, sector, unit_situation, admin_code, status, sort_order, seq, created_at, updated_at)
       VALUES (?, NULL, ?, ?, 'committee', 'agency', 'legal_entity', ?, 'active', 0, ?, ?, ?)`,
      [rootId, isCounty ? `中共${name}委员会组织部` : `中共${name}委员会`, isCounty ? `${name}委组织部` : `${name}党委`, code.padEnd(12, '0'), seq, now, now],
    );
    await writeSetting(ctx.archive, 'rootOrgId', rootId);
    await appendAudit(ctx.archive, [
      { actor: ctx.actor, action: 'setup.init', entity: 'settings', entityId: 'township', before: null, after: { code, name, role: input.role, rootOrgId: rootId } },
    ]);
  });
  // A county archive grows by whole packages (a township's 150,000 rows of about 250 bytes each, in
  // one transaction): 16 KiB pages write them measurably faster than the default 4 KiB (about 12% of
  // the import of 20 packages here). Set now, while the archive is still empty.
  if (input.role === 'county') await ctx.archive.usePageSize(COUNTY_PAGE_SIZE);
  return getSetup(ctx);
}

const COUNTY_PAGE_SIZE = 16384;

export async function requireTownship(ctx: ServiceContext): Promise<{ code: string; name: string; rootOrgId: string }> {
  const s = await getSetup(ctx);
  if (!s.township || !s.rootOrgId) throw new DomainError('conflict', '请先设置乡镇名称和代码');
  return { ...s.township, rootOrgId: s.rootOrgId };
}

const PREF_KEY = /^[a-zA-Z0-9_.-]{1,64}$/;

export async function getPreference(ctx: ServiceContext, key: string): Promise<unknown> {
  if (!PREF_KEY.test(key)) throw new DomainError('bad_input', `偏好设置名称不合法:${key}`);
  return (await readSetting(ctx.archive, `pref:${key}`)) ?? null;
}

/** Preferences are not archive data: not audited, but written in a transaction like everything else. */
export async function setPreference(ctx: ServiceContext, key: string, value: unknown): Promise<void> {
  if (!PREF_KEY.test(key)) throw new DomainError('bad_input', `偏好设置名称不合法:${key}`);
  await ctx.archive.transaction(() => writeSetting(ctx.archive, `pref:${key}`, value));
}

/**
 * Rules the office may change (domain.md marks them *configurable*), kept in the settings table with
 * their defaults here: 介绍信 validity and the months without contact before 停止党籍 review.
 */
export const LIFE_RULE_DEFAULTS = {
  letterValidityMonths: 3, // 组织关系介绍信有效期(月)
  lostMonthsBeforeSuspension: 6, // 失联满几个月提请停止党籍
} as const;
export type LifeRules = { [K in keyof typeof LIFE_RULE_DEFAULTS]: number };

export async function getLifeRules(ctx: ServiceContext): Promise<LifeRules> {
  const stored = (await readSetting<Partial<LifeRules>>(ctx.archive, 'rules:life')) ?? {};
  return { ...LIFE_RULE_DEFAULTS, ...stored };
}

export async function setLifeRules(ctx: ServiceContext, patch: Partial<LifeRules>): Promise<LifeRules> {
  const issues = [];
  if (patch.letterValidityMonths !== undefined && !(Number.isInteger(patch.letterValidityMonths) && patch.letterValidityMonths >= 1 && patch.letterValidityMonths <= 12)) {
    issues.push({ field: 'letterValidityMonths', message: '介绍信有效期应为1至12个月的整数' });
  }
  if (patch.lostMonthsBeforeSuspension !== undefined && !(Number.isInteger(patch.lostMonthsBeforeSuspension) && patch.lostMonthsBeforeSuspension >= 1 && patch.lostMonthsBeforeSuspension <= 36)) {
    issues.push({ field: 'lostMonthsBeforeSuspension', message: '失联停止党籍的月数应为1至36的整数' });
  }
  if (issues.length) throw new ValidationError(issues);
  return ctx.archive.transaction(async () => {
    const before = await getLifeRules(ctx);
    // A rule given as undefined (a window's form sends the key without a value) is a rule left as it is.
    const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const after = { ...before, ...given };
    await writeSetting(ctx.archive, 'rules:life', after);
    await appendAudit(ctx.archive, [{ actor: ctx.actor, action: 'settings.rules', entity: 'settings', entityId: 'rules:life', before, after }]);
    return after;
  });
}
