// The test harness: the second transport in front of the real dispatcher. It serves the renderer build
// (out/renderer) on 127.0.0.1 at a random port and gives the page a `window.api` that posts each call
// over HTTP with a random token. No logic here: every call goes to the same dispatcher as the app's IPC.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { openArchive, type Archive } from '../../db/connection';
import { createDispatcher } from '../../electron/api/dispatcher';
import { CALL_NAMES } from '../../electron/api/callNames';
import type { ApiResult } from '../../electron/api/result';
import { archiveFile } from '../../electron/services/core/dataDir';
import { WindowSession } from '../../electron/services/accounts/session';
import { countUsers, createUser } from '../../electron/services/accounts/users';

/** The administrator every harness archive is seeded with (see tests/support/appSession.ts). */
export const HARNESS_ADMIN = { name: 'admin', password: 'harness-管理员-口令' } as const;

export const RENDERER_DIR = path.resolve(__dirname, '..', '..', 'out', 'renderer');

export interface Harness {
  url: string;
  token: string;
  dataDir: string;
  archive: Archive;
  dispatch(callName: string, input?: unknown): Promise<ApiResult>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function apiShim(token: string): string {
  return `(() => {
  const token = ${JSON.stringify(token)};
  const names = ${JSON.stringify(CALL_NAMES)};
  // One session per browser tab, like one per window in the app: sessionStorage survives a reload, as a window does.
  let windowId = sessionStorage.getItem('__harnessWindow');
  if (!windowId) {
    windowId = Math.random().toString(36).slice(2) + Date.now().toString(36);
    sessionStorage.setItem('__harnessWindow', windowId);
  }
  const api = {};
  for (const name of names) {
    api[name] = async (input) => {
      const res = await fetch('/__api/' + name, { method: 'POST', headers: { 'content-type': 'application/json', 'x-harness-token': token, 'x-harness-window': windowId }, body: JSON.stringify(input === undefined ? null : input) });
      return res.json();
    };
  }
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false });
})();`;
}

/** The archive's day in every harness that names none: a page test never reads the machine's calendar. */
export const HARNESS_TODAY = '2026-11-28';

export interface HarnessOptions {
  dataDir?: string;
  /** The archive's "today" (default HARNESS_TODAY); the page takes its date from the archive, so it follows. */
  today?: string;
  rendererDir?: string;
  /** Seed HARNESS_ADMIN when the archive has no user (default true); false to see the first-run administrator form. */
  seedAdmin?: boolean;
  /** The dispatcher's clock (lockout, idle lock). */
  clock?: () => Date;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-'));
  // HARNESS_RENDERER_DIR: an engineer's own renderer build, so parallel work does not share out/renderer.
  const rendererDir = options.rendererDir ?? process.env.HARNESS_RENDERER_DIR ?? RENDERER_DIR;
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error(`没有找到界面构建结果 ${rendererDir}:请先运行 npm run build`);
  const archive = await openArchive(archiveFile(dataDir));
  const dispatcher = createDispatcher(archive, { today: options.today ?? HARNESS_TODAY, clock: options.clock, onInternalError: (n, e) => console.error(`[harness] ${n}`, e) });
  const token = crypto.randomBytes(24).toString('hex');
  if (options.seedAdmin !== false && (await countUsers({ archive, actor: 'harness' })) === 0) {
    await createUser({ archive, actor: 'harness' }, { name: HARNESS_ADMIN.name, role: 'admin', password: HARNESS_ADMIN.password });
  }
  // The test's own hand acts with the administrator's rights (and name, in the audit log) and never idles into a lock.
  const context = { actor: HARNESS_ADMIN.name, trusted: true };
  // The pages' sessions, by tab.
  const sessions = new Map<string, WindowSession>();
  const sessionOf = (windowId: string): WindowSession => {
    let session = sessions.get(windowId);
    if (!session) sessions.set(windowId, (session = new WindowSession()));
    return session;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/__api/')) {
      const windowId = req.headers['x-harness-window'];
      if (req.method !== 'POST' || req.headers['x-harness-token'] !== token || typeof windowId !== 'string' || windowId.length > 64) {
        res.writeHead(403).end();
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let input: unknown;
        try {
          input = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
        } catch {
          res.writeHead(400).end();
          return;
        }
        const name = decodeURIComponent(url.pathname.slice('/__api/'.length));
        dispatcher
          .dispatch(name, input === null ? undefined : input, { actor: 'harness-page', session: sessionOf(windowId) })
          .then((result) => {
            res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
            res.end(JSON.stringify(result));
          })
          .catch((e) => res.writeHead(500).end(String(e)));
      });
      return;
    }
    if (url.pathname === '/__harness/api.js') {
      res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' });
      res.end(apiShim(token));
      return;
    }
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(rendererDir, rel);
    if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    let body: Buffer | string = fs.readFileSync(file);
    if (rel === 'index.html') {
      // The shim must define window.api before the app's module script runs.
      body = body.toString('utf8').replace('<head>', '<head><script src="/__harness/api.js"></script>');
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    dataDir,
    archive,
    dispatch: (name, input) => dispatcher.dispatch(name, input, context),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await archive.close();
    },
  };
}
