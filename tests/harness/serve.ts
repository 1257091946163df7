// `npm run harness [-- DATA_DIR]`: serve the renderer build against a real archive for a look in a browser.
import { HARNESS_ADMIN, startHarness } from './server';

startHarness({ dataDir: process.argv[2] }).then((h) => {
  console.log(`乡镇党员档案 (harness): ${h.url}  data: ${h.dataDir}`);
  // A harness archive is seeded with this administrator (only when it had no user); it is a test account, not a secret.
  console.log(`登录 / log in: ${HARNESS_ADMIN.name}`);
});
