// The English UI says everything in English but the data: in Chromium against the demo township (through
// the harness, today 2026-11-28), with the language switched to English, the members grid, 待办, 数据校验,
// a member's history, the audit log, the rules and the meetings are read, and every Chinese character left in their
// cells, headings and labels fails the test — unless it belongs to data: names of people, places and
// organizations, and what a clerk typed (a topic, a reason). Data is known two ways: a small list of
// columns that hold only data, and the archive's own stored values (names, and the values recorded in
// the history and audit log), which are taken out of every text before it is looked at.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/server';
import { openWatchedPage, type WatchedPage } from '../support/browserPage';
import { openApp } from '../support/appSession';
import { screenshotDir } from '../support/screenshots';
import { openPage } from '../support/nav';

const SCREENSHOTS = screenshotDir();
const LONG = 240_000;
const HAN = /\p{Script=Han}/u;

/** AG Grid columns (col-id) that hold only data. */
const DATA_COLUMNS = ['name', 'orgName', 'branchName', 'parentName', 'subject', 'actor', 'topic', 'presidedBy', 'place', 'address', 'nativePlace', 'workUnit', 'birthPlace', 'phone', 'idNumber'];
/** Plain-table columns (by their English heading) that hold only data. */
const DATA_HEADINGS = ['Name', 'Organization'];

describe('the English UI (browser, demo township)', () => {
  let harness: Harness;
  let app: WatchedPage;
  let page: Page;
  let dataDir: string;
  let data: RegExp;
  let member = { id: '', name: '' };

  async function call<T>(callName: string, input?: unknown): Promise<T> {
    const r = await harness.dispatch(callName, input);
    if (!r.ok) throw new Error(`${callName}: ${r.error.message}`);
    return r.value as T;
  }

  /** Every string value inside a stored JSON text (the history's and audit log's before/after). */
  function stringsIn(json: string | null, out: Set<string>) {
    if (!json) return;
    const walk = (v: unknown) => {
      if (typeof v === 'string') out.add(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    try {
      walk(JSON.parse(json));
    } catch {
      out.add(json);
    }
  }

  async function dataPattern(): Promise<RegExp> {
    const out = new Set<string>();
    const a = harness.archive;
    for (const sql of [
      'SELECT name AS v FROM members', 'SELECT name AS v FROM organizations', 'SELECT short_name AS v FROM organizations', 'SELECT name AS v FROM dev_people',
      'SELECT topic AS v FROM org_meetings', 'SELECT presided_by AS v FROM org_meetings', 'SELECT place AS v FROM org_meetings', 'SELECT DISTINCT actor AS v FROM audit_log',
      'SELECT title AS v FROM village_matters', 'SELECT handler AS v FROM village_matters', 'SELECT minutes AS v FROM org_meetings', 'SELECT reason AS v FROM org_meeting_attendance', 'SELECT name AS v FROM care_funds', 'SELECT name AS v FROM practice_pairs', 'SELECT DISTINCT actor AS v FROM member_events',
    ]) for (const r of await a.query<{ v: string | null }>(sql)) if (r.v) out.add(r.v);
    for (const r of await a.query<{ b: string | null; f: string | null }>('SELECT before AS b, after AS f FROM audit_log UNION ALL SELECT before, after FROM member_events')) {
      stringsIn(r.b, out);
      stringsIn(r.f, out);
    }
    const words = [...out].filter((s) => HAN.test(s) && s.length >= 2).sort((x, y) => y.length - x.length);
    return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gu');
  }

  /** The texts a reader sees inside `root`, without the data columns; each with where it is. */
  async function textsOf(root: string): Promise<string[]> {
    return page.evaluate(({ root, columns, headings }) => {
      const out: string[] = [];
      const base = document.querySelector(root);
      if (!base) return out;
      const skip = (el: Element | null): boolean => {
        for (let e = el; e && e !== base; e = e.parentElement) {
          const col = e.getAttribute('col-id');
          if (col && columns.includes(col) && e.classList.contains('ag-cell')) return true;
          if (e.tagName === 'TD') {
            const table = e.closest('table');
            const index = Array.from(e.parentElement!.children).indexOf(e);
            const th = table?.querySelectorAll('thead th')[index];
            if (th && headings.includes((th.textContent ?? '').trim())) return true;
          }
        }
        return false;
      };
      const walker = document.createTreeWalker(base, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.textContent ?? '').trim();
        if (!text || skip(n.parentElement)) continue;
        const where = n.parentElement?.closest('[data-testid], [col-id]');
        out.push(`${where?.getAttribute('data-testid') ?? where?.getAttribute('col-id') ?? ''}: ${text}`);
      }
      for (const el of Array.from(base.querySelectorAll('[placeholder], [title], option'))) {
        const text = (el.getAttribute('placeholder') ?? el.getAttribute('title') ?? '').trim();
        if (text && !skip(el)) out.push(`attribute: ${text}`);
      }
      return out;
    }, { root, columns: DATA_COLUMNS, headings: DATA_HEADINGS });
  }

  async function chineseLeft(root: string): Promise<string[]> {
    const texts = await textsOf(root);
    return [...new Set(texts.filter((t) => HAN.test(t.replace(data, ''))))];
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-e2e-en-'));
    harness = await startHarness({ dataDir, today: '2026-11-28' });
    await call('initTownship', { code: '370783101', name: '纪台镇', role: 'township' });
    await call('loadDemo', { members: 1500, seed: 3 });
    const list = await call<{ rows: { id: string; name: string }[] }>('listMembers', { startRow: 0, endRow: 1, view: 'roll', sort: [{ colId: 'joinDate', sort: 'asc' }] });
    member = list.rows[0];
    // A history with an edit, a 流动 corrected, a 党费 corrected and a grade corrected.
    await call('updateMember', { id: member.id, patch: { phone: '13805360000' } });
    await call('startMobile', { id: member.id, since: '2026-10-01', destination: '江苏省苏州市', contact: 'abc' });
    await call('updateMobile', { id: member.id, since: '2026-10-01', destination: '江苏省苏州市', contact: '13805367788' });
    data = await dataPattern();
    app = await openWatchedPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, consoleErrors: true });
    page = app.page;
    await openApp(page, harness);
    await page.getByTestId('dashboard').waitFor({ timeout: LONG });
    await page.getByTestId('lang-en').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the members grid', async () => {
    await openPage(page, 'members');
    await page.locator('[data-testid="members-grid"] .ag-row .ag-cell[col-id="name"]').first().waitFor({ timeout: LONG });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'english-members.png') });
    expect(await chineseLeft('[data-testid="page-members"]')).toEqual([]);
  }, LONG);

  it('a member’s history', async () => {
    await page.getByTestId('search').fill(member.name);
    const cell = page.locator('[data-testid="members-grid"] .ag-row .ag-cell[col-id="name"]').filter({ hasText: member.name }).first();
    await cell.dblclick();
    await page.getByTestId('member-form').waitFor();
    await page.getByTestId('tab-history').click();
    await page.getByTestId('member-history').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'english-history.png') });
    const left = await chineseLeft('[data-testid="member-history"]');
    await page.getByTestId('form-close').click();
    await page.getByTestId('member-form').waitFor({ state: 'detached' });
    expect(left).toEqual([]);
  }, LONG);

  it('待办', async () => {
    await openPage(page, 'reminders');
    await page.getByTestId('reminders-table').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'english-reminders.png') });
    expect(await chineseLeft('[data-testid="reminders-page"]')).toEqual([]);
  }, LONG);

  it('数据校验', async () => {
    await openPage(page, 'checks');
    await page.getByTestId('checks-total').waitFor({ timeout: LONG });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'english-checks.png') });
    expect(await chineseLeft('[data-testid="checks-page"]')).toEqual([]);
  }, LONG);

  it('the audit log', async () => {
    await openPage(page, 'audit');
    await page.getByTestId('audit-page').waitFor();
    await page.locator('[data-testid="audit-page"] .ag-row').first().waitFor({ timeout: LONG });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'english-audit.png') });
    expect(await chineseLeft('[data-testid="audit-page"]')).toEqual([]);
  }, LONG);

  it('the rules', async () => {
    await openPage(page, 'rules');
    await page.getByTestId('rules-page').waitFor();
    await page.getByTestId('rule-applicantAge').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'english-rules.png') });
    expect(await chineseLeft('[data-testid="rules-page"]')).toEqual([]);
  }, LONG);

  it('the meetings', async () => {
    await openPage(page, 'practices');
    await page.getByTestId('practices-page').waitFor();
    await page.getByTestId('practices-tab-orgLife').click();
    await page.locator('[data-testid="practices-panel-orgLife"] .ag-row').first().waitFor({ timeout: LONG });
    await page.locator('[data-testid="practices-panel-orgLife"] .ag-row').first().click();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'english-meetings.png') });
    expect(await chineseLeft('[data-testid="practices-page"]')).toEqual([]);
  }, LONG);
});
