import { describe, expect, it } from 'vitest';
import codes from '../../resources/codes/codes.json';
import { isCode } from '../../electron/services/core/codes';
import { annualRowOf, annualRowSql, educationGroupOf, occupationClassOf } from '../../electron/services/members/nationalCodes';
import { generateTownship } from '../../electron/services/demo/township/generateTownship';

describe('national code lists', () => {
  it('every 学历 leaf has one statistics group, every 工作岗位 leaf one 年报 row and one bulletin class', () => {
    expect(codes.educationLevel).toHaveLength(20);
    for (const e of codes.educationLevel) expect(isCode('education', educationGroupOf(e.code)), e.zh).toBe(true);
    expect(codes.jobPost.length).toBeGreaterThanOrEqual(49);
    for (const p of codes.jobPost) {
      expect(isCode('annualOccupationRow', annualRowOf(p.code)), p.zh).toBe(true);
      const cls = occupationClassOf(p.code);
      expect(isCode('occupation', cls) && cls !== '0', p.zh).toBe(true);
    }
    expect(new Set(codes.jobPost.map((p) => p.code)).size).toBe(codes.jobPost.length);
  });

  it('the SQL mapping and the function agree on every leaf', async () => {
    const { default: sqlite3 } = await import('sqlite3');
    const db = new sqlite3.Database(':memory:');
    const all = (sql: string) => new Promise<{ row: string | null }[]>((res, rej) => db.all(sql, (e, r) => (e ? rej(e) : res(r as { row: string | null }[]))));
    for (const p of codes.jobPost) {
      const [r] = await all(`SELECT ${annualRowSql(`'${p.code}'`, "'7'")} AS row`);
      expect(r.row).toBe(annualRowOf(p.code));
    }
    const [coarse] = await all(`SELECT ${annualRowSql('NULL', "'2'")} AS row`);
    expect(coarse.row).toBe('farmer');
    const [unknown] = await all(`SELECT ${annualRowSql('NULL', "'4'")} AS row`);
    expect(unknown.row).toBeNull();
    db.close();
  });

  it('the demo draws each leaf inside the member’s own group and class', () => {
    const demo = generateTownship({ seed: 3, members: 3000, townshipName: '演示镇', townshipCode: '370783104', asOf: '2026-06-30' });
    for (const m of demo.members) {
      expect(educationGroupOf(m.educationLevel!), m.name).toBe(m.education);
      expect(occupationClassOf(m.jobPost!), m.name).toBe(m.occupation);
    }
  });
});
