// The IPC path with the real dispatcher and a real archive (electron mocked): each window has its own
// login session kept in the main process; the logged-in user reaches the dispatcher (and the audit log),
// and a call from a window nobody logged in to is refused.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const fakes = await import('./fakeElectron');
  return { BrowserWindow: fakes.FakeBrowserWindow, ipcMain: new fakes.FakeIpcMain() };
});

import { openArchive, type Archive } from '../../db/connection';
import { createDispatcher } from '../../electron/api/dispatcher';
import type { ApiResult } from '../../electron/api/result';
import { API_CHANNEL } from '../../electron/api/windowApi';
import { registerApi, WindowSessions } from '../../electron/main/ipc';
import { createMainWindow, isOwnWindowContents } from '../../electron/main/window';
import { createUser } from '../../electron/services/accounts/users';
import { initTownship } from '../../electron/services/core/settings';
import { archiveFile } from '../../electron/services/core/dataDir';
import { tempDir } from '../support/tempArchive';
import { FakeIpcMain, type FakeBrowserWindow } from './fakeElectron';

const APP_PAGE = 'app://party-records/index.html';
const PASSWORD = 'Window-pass-2026';

describe('IPC sessions, one per window', () => {
  let dir: string;
  let archive: Archive;
  let ipcMain: FakeIpcMain;
  let first: FakeBrowserWindow;
  let second: FakeBrowserWindow;
  let rootOrgId: string;

  beforeEach(async () => {
    dir = tempDir('pr-ipc-session-');
    archive = await openArchive(archiveFile(dir));
    rootOrgId = (await initTownship({ archive, actor: 'setup' }, { code: '370783101', name: '东城镇', role: 'township' })).rootOrgId!;
    await createUser({ archive, actor: 'setup' }, { name: '录入员老孙', role: 'editor', password: PASSWORD });
    ipcMain = new FakeIpcMain();
    // The OS user is only the fallback actor: a window acts as its logged-in user or not at all.
    registerApi(ipcMain as never, createDispatcher(archive), { context: { actor: 'os-user', trusted: true }, sessions: new WindowSessions(), isOwnWindow: isOwnWindowContents });
    first = createMainWindow({ preloadPath: '/app/out/preload/index.js' }) as unknown as FakeBrowserWindow;
    second = createMainWindow({ preloadPath: '/app/out/preload/index.js' }) as unknown as FakeBrowserWindow;
  });
  afterEach(async () => {
    await archive.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function call(window: FakeBrowserWindow, name: string, input?: unknown): Promise<ApiResult> {
    const handler = ipcMain.handlers.get(API_CHANNEL)!;
    return handler({ sender: window.webContents, senderFrame: { url: APP_PAGE, parent: null, detached: false } }, name, input) as Promise<ApiResult>;
  }

  it('refuses a window not logged in, even when the transport was given a trusted context', async () => {
    expect(await call(first, 'orgTree', {})).toMatchObject({ ok: false, error: { code: 'not_logged_in', message: '请先登录。' } });
    expect(await call(first, 'createOrg', { parentId: rootOrgId, name: '甲支部', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' })).toMatchObject({
      ok: false,
      error: { code: 'not_logged_in' },
    });
    expect(await call(first, 'getSetup', {})).toMatchObject({ ok: true, value: { initialized: true } });
  });

  it('passes the logged-in user of that window to the dispatcher: it is the actor in the audit log', async () => {
    expect(await call(first, 'login', { name: '录入员老孙', password: PASSWORD })).toMatchObject({ ok: true, value: { user: { name: '录入员老孙', role: 'editor' } } });
    const created = await call(first, 'createOrg', { parentId: rootOrgId, name: '中共前李村支部委员会', type: 'branch', sector: 'rural', unitSituation: 'legal_entity' });
    expect(created.ok).toBe(true);
    const last = await archive.queryOne<{ actor: string; action: string }>('SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 1');
    expect(last).toEqual({ actor: '录入员老孙', action: expect.stringMatching(/^org\./) });
    expect(await call(first, 'sessionInfo', {})).toMatchObject({ ok: true, value: { user: { name: '录入员老孙' } } });
    // The other window has its own session: still logged out.
    expect(await call(second, 'sessionInfo', {})).toMatchObject({ ok: true, value: { user: null } });
    expect(await call(second, 'orgTree', {})).toMatchObject({ ok: false, error: { code: 'not_logged_in' } });
    // Logging out ends that window's session only.
    await call(second, 'login', { name: '录入员老孙', password: PASSWORD });
    await call(first, 'logout', {});
    expect(await call(first, 'orgTree', {})).toMatchObject({ ok: false, error: { code: 'not_logged_in' } });
    expect(await call(second, 'orgTree', {})).toMatchObject({ ok: true });
  });
});
