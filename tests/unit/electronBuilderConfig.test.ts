// electron-builder.yml as the architecture guide requires it: Windows NSIS (x64), Linux deb
// and AppImage (x64, arm64), npmRebuild false, the sqlite3 .node unpacked from asar, every security fuse
// set, the app id and the Chinese product name; the files list ships out/ and the migrations and no
// sources. The configuration is also checked against electron-builder's own schema. The build itself
// needs the Electron binary (downloaded from outside the package registry), so it is not run here.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const config = parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

type Target = { target: string; arch: string[] };
const targets = (platform: 'win' | 'linux'): Target[] => config[platform].target as Target[];

/** The files electron-builder would take from the project folder, by its rule: the last matching pattern wins. */
function shipped(files: string[], patterns: string[]): string[] {
  return files.filter((f) => {
    let included = false;
    for (const p of patterns) {
      const negated = p.startsWith('!');
      if (minimatch(f, negated ? p.slice(1) : p, { dot: true })) included = !negated;
    }
    return included;
  });
}

describe('electron-builder.yml', () => {
  it('names the app: app id and the Chinese product name', () => {
    expect(config.appId).toMatch(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('乡镇党员档案');
    expect(config.executableName).toMatch(/^[a-z0-9-]+$/); // an ASCII executable name for Linux paths
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; productName: string };
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('builds Windows NSIS for x64 and Linux deb and AppImage for x64 and arm64', () => {
    expect(targets('win')).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    const linux = targets('linux');
    expect(linux.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
    for (const t of linux) expect([...t.arch].sort()).toEqual(['arm64', 'x64']);
    // The archive lives in the user's data folder: an uninstall must not delete it.
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('does not rebuild sqlite3 (N-API) and keeps its .node file unpacked from asar', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    const unpack = ([] as string[]).concat(config.asarUnpack);
    const nodeFile = 'node_modules/sqlite3/build/Release/node_sqlite3.node';
    expect(unpack.some((p) => minimatch(nodeFile, p, { dot: true }))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, nodeFile))).toBe(true);
  });

  it('sets every fuse the security checklist asks for', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false, // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships the built app, the migrations and package.json, and no sources or tests', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    // out/ is a build result (not in git): take what is on disk, or the names a build writes.
    const out = fs.existsSync(path.join(ROOT, 'out', 'main', 'index.js'))
      ? execFileSync('find', ['out', '-type', 'f'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean)
      : ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html'];
    const taken = shipped([...files, ...out], config.files as string[]);
    for (const needed of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html', 'db/migrations/meta/_journal.json', 'db/migrations/0000_init.sql', 'package.json']) {
      expect(taken, needed).toContain(needed);
    }
    const sources = taken.filter((f) => /\.(ts|tsx|mts|map)$/.test(f) || /^(electron|renderer|tests|docs)\//.test(f) || /^db\/(?!migrations\/)/.test(f));
    expect(sources).toEqual([]);
  });

  it('passes electron-builder’s own configuration schema', async () => {
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config')) as {
      validateConfiguration: (c: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = (await import('builder-util')) as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it.skip('builds the installers — needs the Electron binary, which cannot be downloaded on this machine (run `npx electron-builder --linux --win` where it can)', () => undefined);
});
