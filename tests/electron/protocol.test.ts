// app://party-records serves the built renderer with a strict CSP and nothing outside its folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import {
  CONTENT_SECURITY_POLICY,
  createRendererHandler,
  registerAppScheme,
  resolveRendererFile,
  serveRenderer,
} from '../../electron/main/protocol';
import { FakeProtocol } from './fakeElectron';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'party-records-protocol-'));
const rendererDir = path.join(base, 'renderer');
let handle: (request: Request) => Promise<Response>;
const SECRET = 'SECRET-ARCHIVE-CONTENT';

beforeAll(() => {
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>乡镇党员档案</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'main-1a2b.js'), 'console.log("ok")');
  fs.writeFileSync(path.join(rendererDir, 'assets', '图标.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(base, 'archive.db'), SECRET);
  fs.writeFileSync(path.join(base, 'renderer-secret.txt'), SECRET); // a sibling whose name starts like the folder
  handle = createRendererHandler(rendererDir);
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('the app:// protocol', () => {
  it('registers app as a standard, secure, fetch-capable scheme', () => {
    const protocol = new FakeProtocol();
    registerAppScheme(protocol as never);
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('installs its handler for the app scheme', () => {
    const protocol = new FakeProtocol();
    serveRenderer(protocol as never, rendererDir);
    expect([...protocol.handlers.keys()]).toEqual(['app']);
  });

  it('serves index.html with the Content-Security-Policy header', async () => {
    const response = await get('app://party-records/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('乡镇党员档案');
    const csp = response.headers.get('content-security-policy');
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp!.split('; ')).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves / as index.html and assets with their types', async () => {
    expect(await (await get('app://party-records/')).text()).toContain('乡镇党员档案');
    const script = await get('app://party-records/assets/main-1a2b.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const icon = await get(`app://party-records/assets/${encodeURIComponent('图标.svg')}`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('answers 404 for a missing file or a folder', async () => {
    expect((await get('app://party-records/nothing.js')).status).toBe(404);
    expect((await get('app://party-records/assets')).status).toBe(404);
  });

  it('refuses another host and methods other than GET/HEAD', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://party-records/index.html', 'POST')).status).toBe(405);
    const head = await get('app://party-records/index.html', 'HEAD');
    expect(head.status).toBe(200);
  });

  describe('refuses path traversal', () => {
    const attempts = [
      'app://party-records/..%2farchive.db',
      'app://party-records/%2e%2e%2farchive.db',
      'app://party-records/assets/..%2f..%2farchive.db',
      'app://party-records/..%5carchive.db',
      'app://party-records/%2e%2e%5c%2e%2e%5carchive.db',
      'app://party-records/..%2frenderer-secret.txt',
      `app://party-records/${encodeURIComponent(path.join(base, 'archive.db'))}`,
      'app://party-records/%2fetc%2fpasswd',
      'app://party-records/index.html%00.js',
      'app://party-records/%E0%A4%A', // malformed escape
      'app://party-records/../archive.db', // normalized by the URL parser: stays inside, not found
      'app://party-records/assets/../../archive.db',
    ];
    for (const url of attempts) {
      it(url, async () => {
        const response = await get(url);
        expect([403, 404]).toContain(response.status);
        expect(await response.text()).not.toContain(SECRET);
      });
    }
  });

  it('resolveRendererFile keeps every resolved path inside the folder', () => {
    expect(resolveRendererFile(rendererDir, '/assets/main-1a2b.js')).toBe(path.join(rendererDir, 'assets', 'main-1a2b.js'));
    expect(resolveRendererFile(rendererDir, '/')).toBe(path.join(rendererDir, 'index.html'));
    expect(resolveRendererFile(rendererDir, '/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveRendererFile(rendererDir, '/C:%5cWindows%5cwin.ini')).toBeNull();
    expect(resolveRendererFile(rendererDir, '/.')).toBeNull();
  });
});
