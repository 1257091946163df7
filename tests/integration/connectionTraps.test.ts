// Regression tests for the two measured traps of sqlite3 + drizzle sqlite-proxy (architecture.md).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sqlite3 from 'sqlite3';
import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { members, organizations } from '../../db/schema';
import { createOrg } from '../../electron/services/organizations/organizations';
import { createMember } from '../../electron/services/members/members';
import { listMembers } from '../../electron/services/members/memberQuery';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { openTestArchive, type TestArchive } from '../support/tempArchive';

let t: TestArchive;
beforeEach(async () => {
  t = await openTestArchive();
});
afterEach(async () => {
  await t.close();
});

async function branchWithMember() {
  const general = await createOrg(t.ctx, { parentId: t.rootOrgId, name: '中共东王村总支部委员会', shortName: '东王村党总支', type: 'general_branch', sector: 'rural', unitSituation: 'legal_entity' });
  const branch = await createOrg(t.ctx, { parentId: general.id, name: '中共东王村第一支部委员会', shortName: '东王村第一支部', type: 'branch', sector: 'rural', unitSituation: 'same_as_parent' });
  const member = await createMember(t.ctx, {
    name: '张三', gender: '1', idNumber: makeIdNumber('370783', '1970-05-01', 11), ethnicity: '01', birthDate: '1970-05-01', education: '50',
    category: 'formal', orgId: branch.id, joinDate: '1995-07-01', fullDate: '1996-07-01', occupation: '2', phone: '13800000000', address: '东王村1组1号',
  });
  return { general, branch, member };
}

describe('duplicate column names', () => {
  it('the trap is real: sqlite3 returns one key for two columns named the same', async () => {
    await branchWithMember();
    const raw = new sqlite3.Database(t.archive.file);
    const rows = await new Promise<Record<string, unknown>[]>((res, rej) =>
      raw.all('SELECT m.name, o.name FROM members m JOIN organizations o ON o.id = m.org_id', (e, r: Record<string, unknown>[]) => (e ? rej(e) : res(r))),
    );
    raw.close();
    expect(Object.keys(rows[0])).toEqual(['name']); // one of the two values is gone
  });

  it('a member list joined with its branch and the branch parent returns the right names', async () => {
    const { general, branch, member } = await branchWithMember();
    const page = await listMembers(t.ctx, { startRow: 0, endRow: 10 });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({ id: member.id, name: '张三', orgId: branch.id, orgName: '中共东王村第一支部委员会', parentOrgId: general.id, parentOrgName: '中共东王村总支部委员会' });
  });

  it('a self-join (organization → parent organization) keeps both ids and names apart', async () => {
    const { general, branch } = await branchWithMember();
    const parent = alias(organizations, 'parent');
    const rows = await t.archive.db
      .select({ id: organizations.id, name: organizations.name, parentId: parent.id, parentName: parent.name, parentType: parent.type, type: organizations.type })
      .from(organizations)
      .innerJoin(parent, eq(parent.id, organizations.parentId))
      .where(eq(organizations.id, branch.id));
    expect(rows).toEqual([{ id: branch.id, name: branch.name, parentId: general.id, parentName: general.name, parentType: 'general_branch', type: 'branch' }]);
  });

  it('two identical expressions both come back, in order', async () => {
    await branchWithMember();
    const rows = await t.archive.db
      .select({ a: sql<number>`count(*)`, b: sql<number>`count(*)`, c: sql<string>`upper('x')`, d: members.name })
      .from(members);
    expect(rows).toEqual([{ a: 1, b: 1, c: 'X', d: '张三' }]);
    const get = await t.archive.db.select({ first: members.name, second: members.name, org: members.orgId }).from(members).get();
    expect(get?.first).toBe('张三');
    expect(get?.second).toBe('张三');
  });

  it('refuses a result column named like an integer rather than reordering it silently', async () => {
    await branchWithMember();
    await expect(t.archive.db.select({ one: sql<number>`1`, name: sql<string>`'a'` }).from(members)).rejects.toSatisfy((e: Error) => /别名/.test(String((e.cause as Error | undefined)?.message ?? e.message)));
  });
});

describe('interleaved transactions', () => {
  it('a write issued during another call’s transaction is not swallowed by its rollback', async () => {
    const { member } = await branchWithMember();
    let outsideWrite: Promise<unknown> | undefined;
    const tx = t.archive.transaction(async () => {
      await t.archive.db.update(members).set({ remarks: 'inside, rolled back' }).where(eq(members.id, member.id));
      // Another call arrives while the transaction is open …
      outsideWrite = t.archive.db.update(members).set({ phone: '13900000000' }).where(eq(members.id, member.id));
      await new Promise((r) => setTimeout(r, 30));
      throw new Error('roll back');
    });
    await expect(tx).rejects.toThrow('roll back');
    await outsideWrite;
    const row = await t.archive.db.select({ remarks: members.remarks, phone: members.phone }).from(members).where(eq(members.id, member.id)).get();
    expect(row).toEqual({ remarks: null, phone: '13900000000' });
  });

  it('reads outside a transaction wait for it and see only committed data', async () => {
    const { member } = await branchWithMember();
    const seen: string[] = [];
    const tx = t.archive.transaction(async () => {
      await t.archive.db.update(members).set({ remarks: 'pending' }).where(eq(members.id, member.id));
      await new Promise((r) => setTimeout(r, 20));
      seen.push('tx-end');
    });
    const read = t.archive.db.select({ remarks: members.remarks }).from(members).where(eq(members.id, member.id)).get().then((r) => {
      seen.push('read');
      return r;
    });
    await tx;
    expect((await read)?.remarks).toBe('pending');
    expect(seen).toEqual(['tx-end', 'read']);
  });

  it('a nested transaction is a savepoint: its failure rolls back only its own writes', async () => {
    const { member } = await branchWithMember();
    await t.archive.transaction(async () => {
      await t.archive.db.update(members).set({ remarks: 'outer' }).where(eq(members.id, member.id));
      await t.archive.transaction(async () => {
        await t.archive.db.update(members).set({ phone: '13911111111' }).where(eq(members.id, member.id));
        throw new Error('inner fails');
      }).catch(() => undefined);
    });
    const row = await t.archive.db.select({ remarks: members.remarks, phone: members.phone }).from(members).where(eq(members.id, member.id)).get();
    expect(row).toEqual({ remarks: 'outer', phone: '13800000000' });
  });
});

describe('connection settings', () => {
  it('uses WAL, foreign keys and synchronous=FULL', async () => {
    expect((await t.archive.query<{ journal_mode: string }>('PRAGMA journal_mode'))[0].journal_mode).toBe('wal');
    expect((await t.archive.query<{ foreign_keys: number }>('PRAGMA foreign_keys'))[0].foreign_keys).toBe(1);
    expect((await t.archive.query<{ synchronous: number }>('PRAGMA synchronous'))[0].synchronous).toBe(2);
  });

  it('stamps one change sequence number per write transaction', async () => {
    const { member } = await branchWithMember();
    const before = await t.archive.db.select({ seq: members.seq }).from(members).where(eq(members.id, member.id)).get();
    await t.archive.transaction(async () => {
      const a = await t.archive.changeSeq();
      const b = await t.archive.changeSeq();
      expect(a).toBe(b);
      expect(a).toBeGreaterThan(before!.seq);
    });
  });
});
