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
import { archiveFile } from '../../electron/services/dataDir';

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
  const api = {};
  for (const name of names) {
    api[name] = async (input) => {
      const res = await fetch('/__api/' + name, { method: 'POST', headers: { 'content-type': 'application/json', 'x-harness-token': token }, body: JSON.stringify(input === undefined ? null : input) });
      return res.json();
    };
  }
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false });
})();`;
}

export async function startHarness(options: { dataDir?: string; today?: string; rendererDir?: string } = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-'));
  const rendererDir = options.rendererDir ?? RENDERER_DIR;
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error(`没有找到界面构建结果 ${rendererDir}:请先运行 npm run build`);
  const archive = await openArchive(archiveFile(dataDir));
  const dispatcher = createDispatcher(archive, { today: options.today, onInternalError: (n, e) => console.error(`[harness] ${n}`, e) });
  const token = crypto.randomBytes(24).toString('hex');
  const context = { actor: 'harness' };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/__api/')) {
      if (req.method !== 'POST' || req.headers['x-harness-token'] !== token) {
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
          .dispatch(name, input === null ? undefined : input, context)
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
