// 导出到县 and 导入乡镇数据 in Chromium, three real archives: two demo townships (东城镇, 西城镇) and their
// county (寿光市), each behind its own harness and browser tab. The county registers 东城镇's key in the
// window after reading its fingerprint; each township writes a full package to the "stick" through its
// 导出到县 page (written, read back and verified), the county imports them through 导入乡镇数据 and writes
// 回执 that the townships import; then edits (a new member, a transfer between the two townships, an
// exit) go out as incremental packages, and the county imports the whole stick again (old packages are
// reported as already imported, a damaged copy is refused with its reason). After each round the county
// holds the union of the two township archives field by field; the transferred member is on the roll
// once, in 西城镇, with the history of both.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';
import { launchBrowser } from '../harness/browser';
import { openWatchedPage } from '../support/browserPage';
import { openApp } from '../support/appSession';
import { screenshotDir } from '../support/screenshots';
import { differencesFromCounty, type Install } from '../support/exchangeScenario';
import type { ServiceContext } from '../../electron/services/core/context';
import { createMember, exitMember } from '../../electron/services/members/members';
import { recordTransferReceipt, transferIn, transferOut } from '../../electron/services/members/life/transfers';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { openPage } from '../support/nav';

const LONG = 240_000;
const TODAY = '2026-11-28';

interface Side {
  code: string;
  name: string;
  dir: string;
  harness: Harness;
  page: Page;
}

describe('导出到县 and 导入乡镇数据 (browser, three archives)', () => {
  let browser: Browser;
  let a: Side;
  let b: Side;
  let county: Side;
  let stick: string;
  let elsewhere: string;
  const pageErrors: string[] = [];

  async function call<T>(side: Side, callName: string, input?: unknown): Promise<T> {
    const r = await side.harness.dispatch(callName, input);
    if (!r.ok) throw new Error(`${side.name} ${callName}: ${r.error.message}`);
    return r.value as T;
  }
  const ctxOf = (side: Side): ServiceContext => ({ archive: side.harness.archive, actor: `tester@${side.code}`, today: TODAY });
  const installOf = (side: Side) => ({ code: side.code, name: side.name, dir: side.dir, archive: side.harness.archive, ctx: ctxOf(side) }) as unknown as Install;

  async function open(code: string, name: string, role: 'township' | 'county', demo?: { members: number; seed: number }): Promise<Side> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `party-records-e2e-cx-${role}-`));
    const harness = await startHarness({ dataDir: dir, today: TODAY });
    const side = { code, name, dir, harness } as Side;
    await call(side, 'initTownship', { code, name, role });
    if (demo) await call(side, 'loadDemo', demo);
    side.page = (await openWatchedPage({ browser, viewport: { width: 1440, height: 1000 }, acceptDownloads: true, pageErrors, label: name })).page;
    await openApp(side.page, harness);
    return side;
  }

  /** 导出到县 in the township's window: the stick typed as the folder, the plan checked, written and verified. */
  async function exportThroughWindow(side: Side, expected: { kind: '全量' | '增量'; sequence: number; members: number }): Promise<void> {
    const page = side.page;
    await openPage(page, 'countyExport');
    await page.getByTestId('county-export-page').waitFor();
    await page.getByTestId('cx-folder').fill(stick);
    await expect.poll(() => page.getByTestId('cx-plan-kind').innerText()).toContain(expected.kind);
    expect(await page.getByTestId('cx-plan-sequence').innerText()).toBe(`${side.code}-${String(expected.sequence).padStart(6, '0')}`);
    expect(await page.getByTestId('cx-plan-members').locator('td').nth(1).innerText()).toBe(String(expected.members));
    await page.getByTestId('cx-write').click();
    const result = page.getByTestId('cx-export-result');
    await result.waitFor({ timeout: 120_000 });
    const text = await result.innerText();
    expect(text).toContain(`已写入 ${side.code}-${String(expected.sequence).padStart(6, '0')}.prpkg`);
    expect(text).toContain('已从 U 盘读回校验');
    expect(text).toContain('签名和全部');
    expect(fs.existsSync(path.join(stick, `${side.code}-${String(expected.sequence).padStart(6, '0')}.prpkg`))).toBe(true);
    // The log shows it, verified, not yet acknowledged.
    await expect.poll(() => page.getByTestId('cx-sent-row').count()).toBe(expected.sequence);
    expect(await page.getByTestId('cx-sent-row').first().getByTestId('cx-sent-ack').innerText()).toBe('未确认');
  }

  /** 导入乡镇数据 in the county's window: the stick's packages found and imported, plus any typed paths. */
  async function importThroughWindow(typed: string[] = []): Promise<{ status: string; text: string }[]> {
    const page = county.page;
    await openPage(page, 'countyImport');
    await page.getByTestId('county-import-page').waitFor();
    await page.getByTestId('cx-folder').fill(stick);
    await page.getByTestId('cx-find').click();
    await expect.poll(() => page.getByTestId('cx-package').count()).toBe(fs.readdirSync(stick).filter((n) => n.endsWith('.prpkg')).length);
    await page.getByTestId('cx-paths').fill(typed.join('\n'));
    const count = (await page.getByTestId('cx-package').count()) + typed.length;
    await page.getByTestId('cx-import').click();
    // The page drops the last import's results as this one starts; this one lists every file.
    const rows = page.getByTestId('cx-outcome');
    await expect.poll(() => rows.count(), { timeout: 120_000 }).toBe(count);
    const out: { status: string; text: string }[] = [];
    for (let i = 0; i < (await rows.count()); i++) out.push({ status: (await rows.nth(i).getAttribute('data-status')) ?? '', text: await rows.nth(i).innerText() });
    return out;
  }

  /** The county's 回执 for a township, downloaded in the county's window and imported in the township's. */
  async function acknowledgeThroughWindows(side: Side, sequence: number): Promise<void> {
    const row = county.page.locator(`[data-testid="cx-township-row"][data-code="${side.code}"]`);
    const [download] = await Promise.all([county.page.waitForEvent('download'), row.getByTestId('cx-write-receipt').click()]);
    expect(download.suggestedFilename()).toBe(`回执-${side.code}-${String(sequence).padStart(6, '0')}.prreceipt`);
    const file = path.join(elsewhere, download.suggestedFilename());
    await download.saveAs(file);
    await side.page.getByTestId('cx-receipt-file').setInputFiles(file);
    await expect.poll(() => side.page.getByTestId('cx-sent-row').first().getByTestId('cx-sent-ack').innerText()).not.toBe('未确认');
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    stick = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-cx-stick-'));
    elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-cx-files-'));
    county = await open('370783', '寿光市', 'county');
    a = await open('370783101', '东城镇', 'township', { members: 80, seed: 11 });
    b = await open('370783102', '西城镇', 'township', { members: 60, seed: 12 });
    // Keys: the county's public key goes to both townships; 西城镇 is registered through the call,
    // 东城镇 in the county's window below.
    await call(county, 'initExchangeKeys', {});
    const countyPublic = await call<{ text: string }>(county, 'exportPublicKey', {});
    for (const t of [a, b]) {
      await call(t, 'initExchangeKeys', {});
      await call(t, 'importCountyKey', { text: countyPublic.text });
    }
    const pemB = await call<{ text: string }>(b, 'exportPublicKey', {});
    await call(county, 'registerTownship', { code: b.code, name: b.name, publicKeyPem: pemB.text });
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    for (const s of [a, b, county]) {
      await s?.harness.close();
      if (s) fs.rmSync(s.dir, { recursive: true, force: true });
    }
    for (const d of [stick, elsewhere]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it('the county registers a township key after its fingerprint is shown', async () => {
    const page = county.page;
    // The county's window opens on every township's members and shows only the county's pages.
    await page.getByTestId('nav-countyImport').waitFor();
    // It says it is the county's, in its title bar and header; a township's says it is the township's.
    expect(await page.title()).toBe('县级党员档案汇总 · 寿光市');
    expect(await page.getByTestId('app-title').innerText()).toBe('县级党员档案汇总 · 寿光市');
    await page.getByTestId('app-title').screenshot({ path: path.join(screenshotDir(), 'county-title.png') });
    expect(await a.page.title()).toBe('乡镇党员档案 · 东城镇');
    const testIds = (selector: string) => page.locator(selector).evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-testid')));
    expect(await testIds('.top-nav > button, .top-nav > .nav-group > button')).toEqual(['nav-members', 'nav-group-reports', 'nav-countyImport', 'nav-group-system']);
    expect(await testIds('.top-nav [data-testid^="nav-"]:not([data-testid^="nav-group-"])')).toEqual(['nav-members', 'nav-annual', 'nav-checks', 'nav-countyImport', 'nav-users', 'nav-audit', 'nav-backup']);
    await openPage(page, 'countyImport');
    await page.getByTestId('county-import-page').waitFor();
    const pem = await call<{ text: string; fingerprint: string; fileName: string }>(a, 'exportPublicKey', {});
    await page.getByTestId('cx-reg-code').fill(a.code);
    await page.getByTestId('cx-reg-name').fill(a.name);
    // A file that is not a key is refused with the reason, before anything is registered.
    await page.getByTestId('cx-reg-file').setInputFiles({ name: 'x.pem', mimeType: 'text/plain', buffer: Buffer.from('不是公钥') });
    await expect.poll(() => page.getByTestId('cx-error').innerText()).toContain('不是 PEM 格式的公钥');
    await page.getByTestId('cx-reg-file').setInputFiles({ name: pem.fileName, mimeType: 'text/plain', buffer: Buffer.from(pem.text) });
    await expect.poll(() => page.getByTestId('cx-reg-fingerprint').innerText()).toBe(pem.fingerprint);
    // A code outside the county's range is refused, naming both codes, and nothing is registered.
    await page.getByTestId('cx-reg-code').fill('370725101');
    await page.getByTestId('cx-register-confirm').click();
    await expect.poll(() => page.getByTestId('cx-error').innerText()).toContain('乡镇代码 370725101 不属于本县(寿光市,县级代码 370783)');
    expect(await page.getByTestId('cx-township-row').count()).toBe(1);
    await page.getByTestId('cx-reg-code').fill(a.code);
    await page.getByTestId('cx-register').screenshot({ path: path.join(screenshotDir(), 'county-register.png') });
    await page.getByTestId('cx-register-confirm').click();
    await expect.poll(() => page.getByTestId('cx-notice').innerText()).toContain(`已登记东城镇(${a.code}),指纹 ${pem.fingerprint}`);
    await expect.poll(() => page.getByTestId('cx-township-row').count()).toBe(2);
  }, LONG);

  it('full packages: written and verified in each township, imported at the county, the union exact', async () => {
    const membersOf = async (s: Side) => (await s.harness.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members'))!.n;
    await exportThroughWindow(a, { kind: '全量', sequence: 1, members: await membersOf(a) });
    // The page scrolls inside the window: a tall window shows all of it at once.
    await a.page.setViewportSize({ width: 1440, height: 2100 });
    await a.page.screenshot({ path: path.join(screenshotDir(), 'county-export.png') });
    await a.page.setViewportSize({ width: 1440, height: 1000 });
    await exportThroughWindow(b, { kind: '全量', sequence: 1, members: await membersOf(b) });

    const outcomes = await importThroughWindow();
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    expect(outcomes[0].text).toContain('已导入东城镇第 1 号全量数据包');
    expect(await differencesFromCounty(installOf(county), installOf(a))).toEqual([]);
    expect(await differencesFromCounty(installOf(county), installOf(b))).toEqual([]);
    const row = county.page.locator(`[data-testid="cx-township-row"][data-code="${a.code}"]`);
    await expect.poll(() => row.getByTestId('cx-township-last').innerText()).toBe('1(全量)');
    const onRoll = (await a.harness.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members WHERE exit_reason IS NULL'))!.n;
    expect(await row.getByTestId('cx-township-members').innerText()).toBe(String(onRoll));

    await acknowledgeThroughWindows(a, 1);
    await acknowledgeThroughWindows(b, 1);

    // Acknowledged and unchanged since: nothing to send, so nothing can be written.
    const before = fs.readdirSync(stick).sort();
    await expect.poll(() => a.page.getByTestId('cx-nothing-to-send').innerText()).toContain('自第 1 号数据包(县里已确认)以来档案没有任何变动,没有需要发送的内容');
    expect(await a.page.getByTestId('cx-write').isDisabled()).toBe(true);
    await a.page.getByTestId('cx-plan').screenshot({ path: path.join(screenshotDir(), 'county-export-nothing.png') });
    expect(fs.readdirSync(stick).sort()).toEqual(before);
  }, LONG);

  it('incremental packages after a new member, a transfer between the townships and an exit; replays and a damaged copy reported', async () => {
    const ca = ctxOf(a);
    const cb = ctxOf(b);
    const branchOf = async (s: Side) => (await s.harness.archive.queryOne<{ id: string }>("SELECT id FROM organizations WHERE type = 'branch' ORDER BY name LIMIT 1"))!.id;
    const branchA = await branchOf(a);
    const branchB = await branchOf(b);
    const base = { gender: '1', ethnicity: '01', education: '50', category: 'formal', joinDate: '2001-07-01', fullDate: '2002-07-01', occupation: '2' };
    await createMember(ca, { ...base, orgId: branchA, name: '新党员', idNumber: makeIdNumber('370783', '1980-03-04', 71), birthDate: '1980-03-04' });
    const mover = (await a.harness.archive.queryOne<Record<string, unknown>>(
      "SELECT * FROM members WHERE exit_reason IS NULL AND category = 'formal' AND is_mobile = 0 AND transfer_pending = 0 ORDER BY id LIMIT 1",
    ))!;
    const letter = await transferOut(ca, String(mover.id), { date: '2026-11-20', destination: '中共西城镇委员会', duesPaidTo: '2026-10' });
    const record = {
      name: String(mover.name), gender: String(mover.gender), idNumber: String(mover.id_number), ethnicity: String(mover.ethnicity), birthDate: String(mover.birth_date),
      education: String(mover.education), category: String(mover.category), joinDate: String(mover.join_date), fullDate: (mover.full_date as string | null) ?? null,
      occupation: String(mover.occupation), orgId: branchB,
    };
    const moved = await transferIn(cb, { date: '2026-11-22', letterNumber: letter.letterNumber ?? '〔2026〕第001号', origin: '中共东城镇委员会', orgId: branchB, member: record });
    await recordTransferReceipt(ca, letter.id, { date: '2026-11-25' });
    const leaver = (await b.harness.archive.queryOne<{ id: string }>('SELECT id FROM members WHERE exit_reason IS NULL AND id <> ? ORDER BY id DESC LIMIT 1', [moved.member.id]))!;
    await exitMember(cb, leaver.id, { reason: 'death', date: '2026-11-21' });

    // The windows open anew (the 导出到县 page reads its plan when it opens).
    await openApp(a.page, a.harness);
    await openApp(b.page, b.harness);
    await exportThroughWindow(a, { kind: '增量', sequence: 2, members: 2 }); // the newcomer and the one who left
    await exportThroughWindow(b, { kind: '增量', sequence: 2, members: 2 }); // the newcomer and the one who died

    // A damaged copy of 东城镇's package, as a stick might carry it: one byte changed.
    const damaged = path.join(elsewhere, `${a.code}-000002.prpkg`);
    const bytes = fs.readFileSync(path.join(stick, `${a.code}-000002.prpkg`));
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    fs.writeFileSync(damaged, bytes);
    const outcomes = await importThroughWindow([damaged]);
    const statuses = outcomes.map((o) => `${o.text.split('\t')[0]} ${o.status}`);
    expect(statuses).toEqual([
      `${a.code}-000001.prpkg replay`,
      `${a.code}-000002.prpkg applied`,
      `${b.code}-000001.prpkg replay`,
      `${b.code}-000002.prpkg applied`,
      `${a.code}-000002.prpkg refused`,
    ]);
    expect(outcomes[0].text).toContain('已导入过');
    expect(outcomes[4].text).toMatch(/[\u4e00-\u9fa5]/);
    expect(outcomes[4].text).toContain(`${a.code}-000002.prpkg`);
    expect(await differencesFromCounty(installOf(county), installOf(a))).toEqual([]);
    expect(await differencesFromCounty(installOf(county), installOf(b))).toEqual([]);
    await expect.poll(() => county.page.getByTestId('toast').last().innerText()).toContain('已导入 2 个数据包,已导入过 2 个,拒绝 1 个');
    await county.page.setViewportSize({ width: 1440, height: 1500 });
    await county.page.screenshot({ path: path.join(screenshotDir(), 'county-import.png') });
    await county.page.setViewportSize({ width: 1440, height: 1000 });

    // The transferred member: on the roll of the county's grid once, in 西城镇 (东城镇's record is exited
    // by the transfer, never merged away), with the history of both townships.
    const found = await call<{ total: number; rows: { townshipName: string; name: string }[] }>(county, 'listCountyMembers', { search: String(mover.id_number), status: 'roll' });
    expect(found.total).toBe(1);
    expect(found.rows[0]).toMatchObject({ townshipName: '西城镇', name: String(mover.name) });
    const both = await call<{ total: number }>(county, 'listCountyMembers', { search: String(mover.id_number), status: 'all' });
    expect(both.total).toBe(2);
    const history = await call<{ records: { townshipCode: string; current: boolean }[]; events: { townshipCode: string }[] }>(county, 'countyMemberHistory', {
      idNumber: String(mover.id_number),
    });
    expect(history.records.map((r) => [r.townshipCode, r.current])).toEqual([
      [b.code, true],
      [a.code, false],
    ]);
    expect(new Set(history.events.map((e) => e.townshipCode))).toEqual(new Set([a.code, b.code]));

    // The county's members page: both townships, township as a column and a filter.
    const page = county.page;
    await openPage(page, 'members');
    await page.getByTestId('county-members-grid').waitFor();
    const roll = async (s: Side) => (await s.harness.archive.queryOne<{ n: number }>('SELECT count(*) AS n FROM members WHERE exit_reason IS NULL'))!.n;
    await expect.poll(() => page.getByTestId('grid-total').innerText()).toBe(`共 ${(await roll(a)) + (await roll(b))} 名`);
    const headers = await page.locator('.ag-header-cell-text').allInnerTexts();
    expect(headers.slice(0, 2)).toEqual(['乡镇', '姓名']);
    await expect.poll(async () => new Set(await page.locator('.ag-row [col-id="townshipName"]').allInnerTexts())).toEqual(new Set(['东城镇', '西城镇']));
    await page.screenshot({ path: path.join(screenshotDir(), 'county-members.png') });
    await page.getByTestId('cx-township-filter').selectOption(b.code);
    await expect.poll(() => page.getByTestId('grid-total').innerText()).toBe(`共 ${await roll(b)} 名`);
    await expect.poll(async () => new Set(await page.locator('.ag-row [col-id="townshipName"]').allInnerTexts())).toEqual(new Set(['西城镇']));
    await page.getByTestId('search').fill(String(mover.id_number));
    await expect.poll(() => page.getByTestId('grid-total').innerText()).toBe('共 1 名');
    expect(await page.locator('.ag-row [col-id="name"]').first().innerText()).toBe(String(mover.name));

    expect(pageErrors).toEqual([]);
  }, LONG);
});
