// Preloaded (node --require) into a CLI process by the kill-safety tests: counts the archive's write
// statements and, at the KILL_AT_WRITE-th one, tells the test on stderr ("KILL-POINT") and stops the
// process right there — inside the write's transaction, before its COMMIT — so that the test's SIGKILL
// lands mid-work for certain, however short the work. KILL_COUNT_WRITES=1 prints how many writes a
// whole run made ("WRITES n"), so a test can try every one of them.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload, loaded by node --require before any module */
const fs = require('node:fs');
const sqlite3 = require('sqlite3');

const at = Number(process.env.KILL_AT_WRITE || 0);
let writes = 0;
const run = sqlite3.Database.prototype.run;
sqlite3.Database.prototype.run = function (sql, ...rest) {
  if (/^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(String(sql))) {
    writes += 1;
    if (writes === at && typeof rest[rest.length - 1] === 'function') {
      rest[rest.length - 1] = function () {
        fs.writeSync(2, 'KILL-POINT\n');
        // Block the whole process: no further statement, no COMMIT, until the SIGKILL.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      };
    }
  }
  return run.call(this, sql, ...rest);
};
process.on('exit', () => {
  if (process.env.KILL_COUNT_WRITES) fs.writeSync(2, `WRITES ${writes}\n`);
});
