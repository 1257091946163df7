// 党员基本信息采集表 as real A4 PDFs (Chromium → pdftotext/pdfinfo): one page per member with all 16 items and
// the signature and stamp lines, for one member or a whole branch; and the 党员基本信息表 with the card's
// other items, never a coarse default printed as if it were the member's 工作岗位.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../harness/browser';
import { htmlToPdf, pdfPages, pdfText } from '../support/pdf';
import { openTestArchive, tempDir, type TestArchive } from '../support/tempArchive';
import { runCli } from '../support/cli';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { memberFileData } from '../../electron/services/print/memberPrinting';
import { memberFileHtml } from '../../electron/services/print/memberFileHtml';

const ITEMS = [
  '1姓名', '2性别', '3民族', '4公民身份证号', '5出生日期', '6学历', '7人员类别', '8所在党支部', '9加入党组织日期', '10转为正式党员日期', '11工作岗位',
  '12联系电话', '13家庭住址', '14党籍状态', '15是否为失联党员', '16是否为流动党员',
];
const SIGNS = ['党员本人签字', '信息采集员签字', '党支部书记签字', '基层党委(盖章)'];
const squash = (s: string) => s.replace(/\s+/g, '');

let t: TestArchive;
let browser: Browser;
beforeAll(async () => {
  t = await openTestArchive();
  await loadDemoTownship(t.ctx, { members: 400, seed: 8 });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

type Html = { html: string; title: string; pages: number };

describe('党员基本信息采集表', () => {
  it('a whole branch: one A4 page per member, each with its member, all 16 items, the signature and stamp lines', async () => {
    const branch = (await t.archive.queryOne<{ org_id: string; n: number }>(
      'SELECT org_id, count(*) AS n FROM members WHERE exit_reason IS NULL GROUP BY org_id HAVING n BETWEEN 8 AND 40 ORDER BY n LIMIT 1',
    ))!;
    const out = await t.call<Html>('printCollectionForms', { orgId: branch.org_id });
    expect(out.pages).toBe(branch.n);
    const file = await htmlToPdf(browser, out.html);
    expect(pdfPages(file)).toBe(branch.n);
    const people = await t.archive.query<{ name: string; id_number: string }>(
      'SELECT name, id_number FROM members WHERE org_id = ? AND exit_reason IS NULL',
      [branch.org_id],
    );
    const seen = new Set<string>();
    for (let page = 1; page <= branch.n; page++) {
      const text = squash(pdfText(file, page));
      expect(text).toContain('党员基本信息采集表');
      for (const item of ITEMS) expect(text).toContain(item);
      for (const s of SIGNS) expect(text).toContain(s);
      const who = people.filter((p) => text.includes(p.id_number));
      expect(who.length).toBe(1);
      expect(text).toContain(squash(who[0].name));
      seen.add(who[0].id_number);
    }
    expect(seen.size).toBe(branch.n);
  }, 120_000);

  it('one member: the record\'s values, 失联 to the month, 外出流向 省/市/县, 待细化 for a coarse 工作岗位', async () => {
    const [lost, mobile] = await t.archive.query<{ id: string; id_number: string }>(
      "SELECT id, id_number FROM members WHERE exit_reason IS NULL AND category = 'formal' ORDER BY id_number LIMIT 2",
    );
    await t.archive.transaction(async () => {
      await t.archive.run("UPDATE members SET is_lost = 1, lost_reason = 'migrant_work', lost_date = NULL, lost_month = '2024-03', job_post = NULL, occupation = '2' WHERE id = ?", [lost.id]);
      await t.archive.run("UPDATE members SET is_mobile = 1, mobile_province = '广东省', mobile_city = '深圳市', mobile_county = '宝安区' WHERE id = ?", [mobile.id]);
    });
    const a = squash(pdfText(await htmlToPdf(browser, (await t.call<Html>('printCollectionForms', { id: lost.id })).html)));
    expect(a).toContain('15是否为失联党员是失去联系日期2024年03月');
    expect(a).toContain('待细化(农牧渔民)');
    expect(a).toContain(lost.id_number);
    const b = squash(pdfText(await htmlToPdf(browser, (await t.call<Html>('printCollectionForms', { id: mobile.id })).html)));
    expect(b).toContain('16是否为流动党员是外出流向广东省省深圳市市宝安区县');
    expect(b).toContain('15是否为失联党员否');
  }, 60_000);

  it('CLI: print collection-form ID | --org ID writes the forms; without either it says what it needs', () => {
    const dir = tempDir('pr-collect-cli-');
    try {
      expect(runCli(dir, ['init', '--code', '370783101', '--name', '东城镇']).code).toBe(0);
      expect(runCli(dir, ['demo', '--members', '60', '--seed', '2']).code).toBe(0);
      const list = JSON.parse(runCli(dir, ['members', 'list', '--json']).out) as { id: string; name: string; orgId: string }[];
      const file = path.join(dir, 'form.html');
      const one = runCli(dir, ['print', 'collection-form', list[0].id, '--html', file]);
      expect(one.code).toBe(0);
      expect(one.out).toContain(`党员基本信息采集表 ${list[0].name}`);
      expect(fs.readFileSync(file, 'utf8')).toContain('16</span>是否为流动党员');
      const branch = runCli(dir, ['print', 'collection-form', '--org', list[0].orgId, '--html', file]);
      expect(branch.code).toBe(0);
      const n = list.filter((m) => m.orgId === list[0].orgId).length;
      expect(branch.out).toContain(n === 1 ? `党员基本信息采集表 ${list[0].name}` : `党员基本信息采集表(${n} 人)`);
      const none = runCli(dir, ['print', 'collection-form', '--html', file]);
      expect(none.code).not.toBe(0);
      expect(none.err).toContain('需要党员 ID,或 --org 党支部ID');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('党员基本信息表 with the national items', () => {
  it('shows the leaf, 待细化 for a coarse value, blank for 未填写 — never 农牧渔民 beside 离退休人员; still one page', async () => {
    const rows = await t.archive.query<{ id: string; job_post: string; education_level: string }>(
      "SELECT id, job_post, education_level FROM members WHERE exit_reason IS NULL AND category = 'formal' AND job_post IS NOT NULL AND join_date < '2000-01-01' ORDER BY id_number DESC LIMIT 3",
    );
    const [leaf, coarse, unfilled] = rows;
    await t.archive.transaction(async () => {
      await t.archive.run(
        `UPDATE members SET full_date = '2001-07-01', party_age_adjust_months = 6, join_type = '重新入党', new_social_stratum = '自由职业人员',
           current_residence = '寿光市东城街道幸福路8号', join_branch = '东村党支部' WHERE id = ?`,
        [leaf.id],
      );
      await t.archive.run("UPDATE members SET job_post = NULL, occupation = '8', education_level = NULL, education = '50' WHERE id = ?", [coarse.id]);
      await t.archive.run("UPDATE members SET job_post = NULL, occupation = '0', work_unit = '离退休人员' WHERE id = ?", [unfilled.id]);
    });
    const text = async (id: string) => {
      const file = await htmlToPdf(browser, memberFileHtml(await memberFileData(t.ctx, id)));
      expect(pdfPages(file)).toBe(1);
      return squash(pdfText(file));
    };
    const a = await text(leaf.id);
    expect(a).toContain(`工作岗位${squash(leaf.job_post)}`);
    expect(a).toContain(squash(leaf.education_level));
    // 2001-07-01 → 2026-11-28: 304 months, + 6 = 310 months = 25 years.
    expect(a).toContain('党龄25年(校正6个月)');
    for (const v of ['重新入党', '自由职业人员', '寿光市东城街道幸福路8号', '入党时所在支部东村党支部', '新社会阶层类型', '专业技术职务', '是否农民工', '现居住地']) expect(a).toContain(v);
    const b = await text(coarse.id);
    expect(b).toContain('待细化(离退休人员)');
    expect(b).toContain('待细化(高中)');
    const c = await text(unfilled.id);
    expect(c).not.toContain('农牧渔民');
    expect(c).not.toContain('未填写');
    expect(c).toContain('工作岗位职务');
  }, 60_000);
});
