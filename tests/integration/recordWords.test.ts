// What the audit log and the members' histories say, read as a clerk reads them: every write call of
// the contract is sent once with a valid input (real ids of the demo township), and then every line the
// archive holds — the demo's own and these — is checked for words a program wrote for itself: an
// identifier (amountFen, exit_reason, member.exit), an internal id, or true/false/null.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../electron/api/callNames';
import { CALL_ACCESS } from '../../electron/api/callAccess';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { listAuditLog } from '../../electron/services/audit/auditViewer';
import { openTestArchive, type TestArchive } from '../support/tempArchive';
import { baseInput, callBases } from '../support/callBases';

/** Writes not sent here, and why. */
const NOT_SENT: Record<string, string> = {
  confirmRestore: 'replaces the archive at the next start',
  loadDemo: 'the archive holds the demo already',
  initTownship: 'the archive is set up already',
  startImport: 'a background job over a whole roster', startPrintBatch: 'a background job', startCountyExport: 'a background job writing into a folder', startCountyImport: 'a background job',
};

/** The ways a program's own words show: identifiers, ids, JSON values. File names (scan.pdf) are the clerk's. */
const LEAKS: [string, RegExp][] = [
  ['a camelCase identifier', /\b[a-z]+[A-Z][A-Za-z]*\b/],
  ['a snake_case identifier', /\b[a-z]+_[a-z_]+\b/],
  ['a dotted action name', /\b[a-z]+\.[a-z][A-Za-z]*\b/],
  ['an internal id', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b0{26}\b/],
  ['a JSON value', /\b(true|false|null|undefined)\b|[{}[\]]/],
  // A key or a code (contact, editor, reward).
  ['a key or code in lower case', /(^|[^A-Za-z0-9.@_-])[a-z]{3,}(?![A-Za-z0-9.@_-])/],
];

let t: TestArchive;
const refusedBases: string[] = [];

beforeAll(async () => {
  t = await openTestArchive();
  await loadDemoTownship(t.ctx, { members: 300, seed: 5 });
  const bases = await callBases(t);
  // Writes that take records away or change their state for good go last, so the others find their records.
  const last = /^(delete|remove|exit|undo|merge|dissolve|cancel|withdraw|suspend|stop|end|approve)/;
  const writes = CALL_NAMES.filter((n) => !(n in NOT_SENT) && ['write', 'rules', 'users', 'system', 'admin'].includes(CALL_ACCESS[n])).sort((a, b) => Number(last.test(a)) - Number(last.test(b)));
  for (const name of writes) {
    const r = await t.dispatch(name, baseInput(bases, name));
    if (!r.ok) refusedBases.push(`${name}: ${r.error.message}`);
  }
  // A correction of what was written: a member goes 流动 and the clerk then corrects the contact.
  const mobile = baseInput(bases, 'startMobile') as Record<string, unknown>;
  const mover = (await t.archive.queryOne<{ id: string }>('SELECT id FROM members WHERE exit_reason IS NULL AND is_mobile = 0 ORDER BY id LIMIT 1'))!.id;
  for (const [name, input] of [['startMobile', { ...mobile, id: mover }], ['updateMobile', { ...mobile, id: mover, contact: '13805367788' }]] as const) {
    const r = await t.dispatch(name, input);
    if (!r.ok) refusedBases.push(`${name} (correction): ${r.error.message}`);
  }
}, 300_000);
afterAll(async () => t?.close());

/** File names are the clerk's (scan.pdf) or the install's own files (township-signing.pub.pem). */
const FILE_NAME = /[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.(pdf|png|jpe?g|xlsx|key|pem|age|txt)\b/g;

function leaksIn(text: string): string[] {
  const words = text.replace(FILE_NAME, '');
  return LEAKS.filter(([, re]) => re.test(words)).map(([what]) => what);
}

describe('the words of the record', () => {
  it('most writes were accepted, so their lines are in the log', async () => {
    expect(refusedBases.filter((r) => r.includes('(correction)'))).toEqual([]);
    const written = (await t.archive.queryOne<{ n: number }>('SELECT count(DISTINCT action) AS n FROM audit_log'))!.n;
    if (process.env.PRINT_REFUSED) console.log(refusedBases.join('\n'));
    expect(written, `refused:\n${refusedBases.join('\n')}`).toBeGreaterThan(60);
  });

  it('every audit line names its action, kind and changes in words', async () => {
    const bad = new Map<string, string>();
    for (let offset = 0; ; offset += 1000) {
      const { rows } = await listAuditLog(t.ctx, { offset, limit: 1000 });
      if (!rows.length) break;
      for (const r of rows) {
        for (const [part, text] of [['action', r.actionLabel], ['kind', r.kindLabel], ['changes', r.changes], ['subject', r.subject]] as const) {
          const leaks = leaksIn(text);
          const key = `${r.action} ${part}`;
          if (leaks.length && !bad.has(key)) bad.set(key, `${key}: ${leaks.join(', ')} in “${text.slice(0, 160)}”`);
        }
      }
    }
    expect([...bad.values()]).toEqual([]);
  });

  it('every history line of every member reads as a sentence', async () => {
    const rows = await t.archive.query<{ kind: string; summary: string }>('SELECT kind, summary FROM member_events');
    const bad = new Map<string, string>();
    for (const r of rows) {
      const leaks = leaksIn(r.summary);
      if (leaks.length && !bad.has(r.kind)) bad.set(r.kind, `${r.kind}: ${leaks.join(', ')} in “${r.summary.slice(0, 160)}”`);
    }
    expect([...bad.values()]).toEqual([]);
  });
});
