// The layer rules, checked on every import by path (as VS Code's own lint does): a layer may reach only
// the layers below it, so the services run the same under the window, the CLI and the tests.
//   db            — the schema and the adapter: nothing of electron/
//   services      — the domain: db only (no api, cli, main, preload, renderer)
//   api           — the contract and dispatcher: services and db (no cli, main, preload, renderer)
//   cli           — api, services, db (no main, preload, renderer)
//   main, preload — the Electron shell: anything but the renderer
//   renderer      — the page: only types from electron/api, nothing else outside renderer/
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
// The lint test's fixtures copy the tree's folder names under this folder, so that they fall into layers too.
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'layers');

/** Layers by folder, most specific first. */
const LAYERS = [
  ['db', 'db'],
  ['electron/services', 'services'],
  ['electron/api', 'api'],
  ['electron/cli', 'cli'],
  ['electron/cli.ts', 'cli'],
  ['electron/main', 'main'],
  ['electron/preload', 'preload'],
  ['renderer', 'renderer'],
];

const FORBIDDEN = {
  db: ['services', 'api', 'cli', 'main', 'preload', 'renderer'],
  services: ['api', 'cli', 'main', 'preload', 'renderer'],
  api: ['cli', 'main', 'preload', 'renderer'],
  cli: ['main', 'preload', 'renderer'],
  main: ['renderer', 'cli'],
  preload: ['renderer', 'cli', 'services', 'db'],
  renderer: ['db', 'services', 'cli', 'main', 'preload'],
};

const NAMES = { db: 'db/', services: 'electron/services', api: 'electron/api', cli: 'electron/cli', main: 'electron/main', preload: 'electron/preload', renderer: 'renderer/' };

function layerOf(file) {
  const base = file.startsWith(FIXTURES + path.sep) ? FIXTURES : ROOT;
  const rel = path.relative(base, file).split(path.sep).join('/');
  for (const [prefix, layer] of LAYERS) if (rel === prefix || rel.startsWith(prefix + '/')) return layer;
  return null;
}

/** A type-only import or export (erased at build time: no code of the other layer runs). */
function typeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specs = node.specifiers ?? [];
  return specs.length > 0 && specs.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

export const layersPlugin = {
  rules: {
    boundaries: {
      meta: { type: 'problem', schema: [], messages: { forbidden: '{{from}} must not import {{to}} ({{spec}}): see docs/architecture.md, "Layer rules".', valueFromApi: 'The renderer imports only types from electron/api ({{spec}}): use `import type`.' } },
      create(context) {
        const file = context.filename;
        const from = layerOf(file);
        if (!from) return {};
        function check(node, source) {
          if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
          const to = layerOf(path.resolve(path.dirname(file), source.value));
          if (!to || to === from) return;
          if (FORBIDDEN[from].includes(to)) {
            context.report({ node: source, messageId: 'forbidden', data: { from: NAMES[from], to: NAMES[to], spec: source.value } });
          } else if (from === 'renderer' && to === 'api' && !typeOnly(node)) {
            context.report({ node: source, messageId: 'valueFromApi', data: { spec: source.value } });
          }
        }
        return {
          ImportDeclaration: (node) => check(node, node.source),
          ExportNamedDeclaration: (node) => check(node, node.source),
          ExportAllDeclaration: (node) => check(node, node.source),
          ImportExpression: (node) => check(node, node.source),
          CallExpression: (node) => {
            if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
          },
        };
      },
    },
  },
};
