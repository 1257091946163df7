// The national items travel to the county with the rest of the member record: a township whose members
// came from the national export (leaves, 党龄校正值, 入党类型, 外出流向 …) exports its package, the county
// imports it and holds every one of those columns as the township has them; an edit of a leaf follows in
// the next package.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRoster } from '../../electron/services/roster/rosterImport';
import { updateMember } from '../../electron/services/members/members';
import { nationalRows, writeNationalXlsx } from '../support/nationalExport';
import { connect, differencesFromCounty, exportTo, importAtCounty, openInstall, removeDir, stickDir, type Install } from '../support/exchangeScenario';

const NATIONAL_COLUMNS = [
  'education_level', 'job_post', 'new_social_stratum', 'professional_title', 'is_migrant_worker', 'current_residence', 'party_age_adjust_months',
  'join_type', 'full_status', 'join_branch', 'probation_extension_months', 'mobile_province', 'mobile_city', 'mobile_county', 'lost_month',
];

describe('national items at the county', () => {
  let county: Install;
  let town: Install;
  let stick: string;

  beforeAll(async () => {
    county = await openInstall('county', '370783000', '寿光市');
    town = await openInstall('township', '370783101', '东城镇');
    await connect(county, [town]);
    stick = stickDir();
    const file = path.join(town.dir, 'national.xlsx');
    await writeNationalXlsx(file, nationalRows(80).filter((r) => r.valid));
    await importRoster(town.ctx, { fileName: 'national.xlsx', path: file });
    // The columns the export has no cell for, set as the form would.
    const lost = await town.archive.queryOne<{ id: string }>('SELECT id FROM members WHERE is_lost = 1 LIMIT 1');
    const mobile = await town.archive.queryOne<{ id: string }>('SELECT id FROM members WHERE is_mobile = 1 LIMIT 1');
    await updateMember(town.ctx, lost!.id, { lostMonth: '2024-05', lostReason: 'moved' });
    await updateMember(town.ctx, mobile!.id, { mobileProvince: '广东省', mobileCity: '深圳市', mobileCounty: '宝安区' });
  }, 180_000);

  afterAll(async () => {
    for (const i of [county, town]) {
      await i.close();
      removeDir(i.dir);
    }
    removeDir(stick);
  });

  it('a package carries every national column; the county holds them as the township has them', async () => {
    const filled = await town.archive.queryOne<Record<string, number>>(`SELECT ${NATIONAL_COLUMNS.map((c) => `count(${c}) AS ${c}`).join(', ')} FROM members WHERE ${NATIONAL_COLUMNS.map((c) => `${c} IS NOT NULL`).join(' OR ')}`);
    for (const c of NATIONAL_COLUMNS) expect(filled![c], `${c} has values to carry`).toBeGreaterThan(0);
    const [outcome] = await importAtCounty(county, [(await exportTo(town, stick)).file]);
    expect(outcome.status, outcome.message).toBe('applied');
    expect(await differencesFromCounty(county, town)).toEqual([]);
    const held = await county.archive.query<{ data: string }>("SELECT data FROM county_rows WHERE township_code = ? AND table_name = 'members'", [town.code]);
    const rows = held.map((h) => JSON.parse(h.data) as Record<string, unknown>);
    for (const c of NATIONAL_COLUMNS) expect(rows.some((r) => r[c] != null), c).toBe(true);
    expect(rows.find((r) => r.mobile_province === '广东省')).toMatchObject({ mobile_city: '深圳市', mobile_county: '宝安区' });
  }, 120_000);

  it('an edit of a leaf follows in the next package', async () => {
    const m = (await town.archive.queryOne<{ id: string }>("SELECT id FROM members WHERE job_post <> '乡村医生' LIMIT 1"))!;
    await updateMember(town.ctx, m.id, { jobPost: '乡村医生' });
    const [outcome] = await importAtCounty(county, [(await exportTo(town, stick)).file]);
    expect(outcome.status, outcome.message).toBe('applied');
    const row = await county.archive.queryOne<{ data: string }>("SELECT data FROM county_rows WHERE township_code = ? AND table_name = 'members' AND row_key = ?", [town.code, m.id]);
    expect(JSON.parse(row!.data)).toMatchObject({ job_post: '乡村医生', occupation: '2' });
    expect(await differencesFromCounty(county, town)).toEqual([]);
  }, 120_000);
});
