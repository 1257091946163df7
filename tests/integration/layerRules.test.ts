// The layer rules of docs/architecture.md are lint rules: each leak in tests/fixtures/layers is reported
// by the project's own ESLint config, and a clean file there is not.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'layers');

async function layerMessages(rel: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT, ignore: false });
  const [result] = await eslint.lintFiles([path.join(FIXTURES, rel)]);
  return result.messages.filter((m) => m.ruleId === 'layers/boundaries').map((m) => m.message);
}

describe('layer rules (npm run lint)', () => {
  it('refuses db importing a service', async () => {
    expect(await layerMessages('db/leak.ts')).toEqual([expect.stringContaining('db/ must not import electron/services')]);
  }, 60_000);

  it('refuses a service importing the API or the Electron shell', async () => {
    const messages = await layerMessages('electron/services/core/leak.ts');
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('electron/services must not import electron/api');
    expect(messages[1]).toContain('electron/services must not import electron/main');
  }, 60_000);

  it('refuses the API importing the CLI, in a dynamic import too', async () => {
    expect(await layerMessages('electron/api/leak.ts')).toEqual([expect.stringContaining('electron/api must not import electron/cli')]);
  }, 60_000);

  it('lets the renderer take only types from the API, and nothing from the services', async () => {
    const messages = await layerMessages('renderer/src/leak.ts');
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('only types from electron/api');
    expect(messages[1]).toContain('renderer/ must not import electron/services');
  }, 60_000);

  it('lets a service import db and another service', async () => {
    expect(await layerMessages('electron/services/core/clean.ts')).toEqual([]);
  }, 60_000);

  it('npm run lint exits non-zero on the fixtures', async () => {
    const eslint = new ESLint({ cwd: ROOT, ignore: false });
    const results = await eslint.lintFiles([FIXTURES]);
    expect(results.reduce((n, r) => n + r.errorCount, 0)).toBeGreaterThanOrEqual(6);
  }, 60_000);
});
