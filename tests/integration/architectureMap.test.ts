// docs/architecture.md's map names every folder of the tree it covers, and no folder that is gone; the
// services hold only domain folders; SQL stays in the services and db/ (its "Queries" rule).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');

function foldersUnder(rel: string, depth: number): string[] {
  const out: string[] = [];
  const walk = (dir: string, left: number) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const child = `${dir}/${entry.name}`;
      out.push(child);
      if (left > 1) walk(child, left - 1);
    }
  };
  walk(rel, depth);
  return out;
}

function mappedFolders(): string[] {
  const text = fs.readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf8');
  const section = text.split(/^## The map$/m)[1]?.split(/^## /m)[0] ?? '';
  return [...section.matchAll(/^- `([^`]+)\/`/gm)].map((m) => m[1]);
}

function sourceFiles(rel: string): string[] {
  const abs = path.join(ROOT, rel);
  if (fs.statSync(abs).isFile()) return [rel];
  return fs.readdirSync(abs, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f)).map((f) => `${rel}/${f}`);
}

describe('docs/architecture.md matches the tree', () => {
  it('lists every folder of electron/ and db/, and the first level of renderer/src and tests', () => {
    const tree = [
      'electron',
      'db',
      ...foldersUnder('electron', 9),
      ...foldersUnder('db', 9).filter((f) => f !== 'db/migrations/meta'),
      ...foldersUnder('renderer/src', 1),
      ...foldersUnder('tests', 1),
    ].sort();
    expect(mappedFolders().sort()).toEqual(tree);
  });

  it('keeps electron/services to domain folders only', () => {
    const loose = fs.readdirSync(path.join(ROOT, 'electron', 'services'), { withFileTypes: true }).filter((e) => !e.isDirectory());
    expect(loose.map((e) => e.name)).toEqual([]);
  });

  it('keeps SQL out of the api, cli and main layers', () => {
    const holders = ['electron/api', 'electron/cli', 'electron/cli.ts', 'electron/main']
      .flatMap(sourceFiles)
      .filter((f) => /archive\.(query|queryOne|run|exec)\(|archive\.db\.|\bsql`/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(holders).toEqual([]);
  });
});
