// electron-vite 6 (Vite 8, Rolldown): main → out/main, preload → out/preload, renderer → out/renderer.
// package.json is "type": "commonjs", so main and preload are emitted as CommonJS index.js.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: resolve(__dirname, 'out/main'),
      // sqlite3 (native .node), drizzle-orm and the other dependencies stay in node_modules.
      externalizeDeps: true,
      sourcemap: true,
      // The roster import reads large .xlsx sheets in a worker thread (electron/services/roster/xlsx/xlsxSheetWorker.ts):
      // its script is built beside index.js, where the bundled service looks for it.
      lib: {
        entry: { index: resolve(__dirname, 'electron/main/index.ts'), xlsxSheetWorker: resolve(__dirname, 'electron/services/roster/xlsx/xlsxSheetWorker.ts') },
        formats: ['cjs'],
      },
      rolldownOptions: { output: { entryFileNames: '[name].js' } },
    },
  },
  preload: {
    build: {
      outDir: resolve(__dirname, 'out/preload'),
      // A sandboxed preload can require only 'electron': bundle everything else into one CJS file.
      externalizeDeps: false,
      sourcemap: true,
      lib: { entry: resolve(__dirname, 'electron/preload/index.ts'), formats: ['cjs'] },
      rolldownOptions: { output: { entryFileNames: 'index.js', codeSplitting: false } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified by default; the window loads several megabytes less.
      minify: true,
      rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
