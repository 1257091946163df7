// Flat config. The rule that matters most here is the import boundary: `electron` may be imported only
// in electron/main and electron/preload (tests mock it). Services, the contract, db/, the CLI and the
// renderer run in plain Node or the browser (and must not reach into the Electron shell either), so the
// CLI, the tests and the harness use the very same code as the app.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './eslint/layers.mjs';

const ELECTRON_ONLY_IN_SHELL =
  'Electron is imported only in electron/main and electron/preload; use the API (window.api) or a service.';
const SHELL_NOT_FROM_CORE =
  'Services, the API contract, db/, the CLI and the renderer must not depend on the Electron shell (electron/main, electron/preload).';

/** no-restricted-imports options: `electron` itself, plus the shell's folders as reached from `shellPaths`. */
function electronBoundary(shellPaths = []) {
  const patterns = [{ group: ['electron/*'], message: ELECTRON_ONLY_IN_SHELL }];
  if (shellPaths.length > 0) patterns.push({ group: shellPaths, message: SHELL_NOT_FROM_CORE });
  return ['error', { paths: [{ name: 'electron', message: ELECTRON_ONLY_IN_SHELL }], patterns }];
}

const SHELL_ANYWHERE = ['**/electron/main', '**/electron/main/**', '**/electron/preload', '**/electron/preload/**'];

export default defineConfig(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'db/migrations/**', 'release/**', 'coverage/**', 'test-results/**', 'tests/fixtures/layers/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': electronBoundary(),
      // the require and dynamic-import forms of the electron module too
      'no-restricted-syntax': [
        'error',
        { selector: "ImportExpression[source.value='electron']", message: ELECTRON_ONLY_IN_SHELL },
        { selector: "CallExpression[callee.name='require'][arguments.0.value='electron']", message: ELECTRON_ONLY_IN_SHELL },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['db/**', 'renderer/**'],
    rules: { 'no-restricted-imports': electronBoundary(SHELL_ANYWHERE) },
  },
  {
    files: ['electron/services/**', 'electron/api/**'],
    rules: { 'no-restricted-imports': electronBoundary([...SHELL_ANYWHERE, '../main', '../main/**', '../preload', '../preload/**']) },
  },
  {
    files: ['electron/*.ts'],
    rules: { 'no-restricted-imports': electronBoundary([...SHELL_ANYWHERE, './main', './main/**', './preload', './preload/**']) },
  },
  {
    files: ['electron/main/**', 'electron/preload/**', 'tests/**'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    files: ['db/**', 'electron/**', 'renderer/**', 'tests/fixtures/layers/**'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/boundaries': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: { ...globals.browser } },
  },
);
