// `npm run harness [-- DATA_DIR]`: serve the renderer build against a real archive for a look in a browser.
import { startHarness } from './server';

startHarness({ dataDir: process.argv[2] }).then((h) => {
  console.log(`乡镇党员档案 (harness): ${h.url}  data: ${h.dataDir}`);
});
