// An import creates the organizations it does not find with the type their names say: 联合党支部 (its member
// units to be listed later), 党总支 / 联合党总支 / 党委 (members kept by a 直属党支部 under it, as only a 党支部
// keeps members), and 党支部 for the rest — with the clerk told of each in the import's notices.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { people, STANDARD_HEADER, standardRow, writeXlsx } from '../fixtures/rosters';
import { importRoster } from '../../electron/services/roster/rosterImport';
import { orgTypeOfName } from '../../electron/services/roster/branchTypes';

let t: TestArchive;
beforeAll(async () => {
  t = await openTestArchive();
});
afterAll(async () => t?.close());

describe('the type a name says', () => {
  it('reads 党委, 党总支, 党支部 and their 联合 forms as offices write them', () => {
    expect(orgTypeOfName('蔬菜产业联合党总支')).toBe('joint_general_branch');
    expect(orgTypeOfName('中共北洼村总支部委员会')).toBe('general_branch');
    expect(orgTypeOfName('东城镇机关党总支')).toBe('general_branch');
    expect(orgTypeOfName('中共东村党支部委员会')).toBe('branch');
    expect(orgTypeOfName('中共东村支部委员会')).toBe('branch');
    expect(orgTypeOfName('西村党支部')).toBe('branch');
    expect(orgTypeOfName('果蔬合作社联合党支部')).toBe('joint_branch');
    expect(orgTypeOfName('中共山东宏达蔬菜科技有限公司委员会')).toBe('committee');
    expect(orgTypeOfName('宏达公司党委')).toBe('committee');
  });

  it('an import creates each with its type, and members land in a 党支部', async () => {
    const names = ['蔬菜产业联合党总支', '果蔬合作社联合党支部', '宏达公司党委', '西村党支部'];
    const rows = people(8, 300).map((p, i) => standardRow(p, i, names[i % names.length]));
    const file = path.join(t.dir, 'types.xlsx');
    await writeXlsx(file, [{ name: 'Sheet1', rows: [STANDARD_HEADER, ...rows] }]);
    const r = await importRoster(t.ctx, { fileName: 'types.xlsx', path: file });
    expect(r.inserted).toBe(8);
    const orgs = new Map((await t.archive.query<{ id: string; name: string; type: string; parent_id: string; unit_situation: string }>('SELECT id, name, type, parent_id, unit_situation FROM organizations')).map((o) => [o.name, o]));
    expect(orgs.get('蔬菜产业联合党总支')!.type).toBe('joint_general_branch');
    expect(orgs.get('果蔬合作社联合党支部')).toMatchObject({ type: 'joint_branch', unit_situation: 'joint' });
    expect(orgs.get('宏达公司党委')!.type).toBe('committee');
    expect(orgs.get('西村党支部')!.type).toBe('branch');
    const direct = orgs.get('蔬菜产业联合党总支直属党支部')!;
    expect(direct).toMatchObject({ type: 'joint_branch', parent_id: orgs.get('蔬菜产业联合党总支')!.id });
    expect(orgs.get('宏达公司党委直属党支部')).toMatchObject({ type: 'branch', parent_id: orgs.get('宏达公司党委')!.id });
    // Every member is in a 党支部; those of the 联合党总支 in its 直属党支部.
    const held = await t.archive.query<{ type: string; name: string; n: number }>('SELECT o.type, o.name, count(*) AS n FROM members m JOIN organizations o ON o.id = m.org_id GROUP BY o.id');
    for (const h of held) expect(['branch', 'joint_branch']).toContain(h.type);
    expect(held.find((h) => h.name === '蔬菜产业联合党总支直属党支部')!.n).toBe(2);
    expect(r.notices.join('\n')).toContain('“果蔬合作社联合党支部”按名称建为联合党支部,请在组织设置中补充其成员单位');
    expect(r.notices.join('\n')).toContain('“宏达公司党委”按名称建为党委;党员由党支部管理,其名下的党员放在新建的“宏达公司党委直属党支部”');
  });
});
