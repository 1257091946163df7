// The sheet of a large .xlsx read in a worker thread: inflating and scanning the XML (measured: 2.6 s
// of main-thread CPU for a 150,000-row roster) runs beside the checking of the rows already read, on
// the machine's other core. The rows cross as they are (structured clone), a few thousand per message, and
// the worker reads only a few messages ahead of the rows taken, so memory stays flat.
// Both sides live here: the worker's loop (this module run as a worker) and the reader the import calls.
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { readXlsxRowBatches, XlsxReadError, type XlsxRow } from './xlsxSheetReader';

type Source = { path: string } | { bytes: Buffer };
interface Job {
  src: Source;
  sheet?: string;
}
type Message = { rows: XlsxRow[] } | { done: true } | { error: string };

/** Rows per message: enough that messaging costs little, few enough that the first rows come soon. */
const ROWS_PER_MESSAGE = 2000;
/** Messages the worker may send before the reader has taken them. */
const AHEAD = 3;

/** The worker's side: read the sheet, send rows while the reader has room for them. */
function runWorker(job: Job): void {
  const port = parentPort!;
  let credit = 0;
  let wake: (() => void) | null = null;
  port.on('message', (more: number) => {
    credit += more;
    wake?.();
    wake = null;
  });
  const send = async (rows: XlsxRow[]) => {
    while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    port.postMessage({ rows } satisfies Message);
  };
  void (async () => {
    try {
      let pending: XlsxRow[] = [];
      // Bytes cross as a plain Uint8Array: a Buffer again over the same memory.
      const src: Source = 'bytes' in job.src ? { bytes: Buffer.from(job.src.bytes.buffer, job.src.bytes.byteOffset, job.src.bytes.byteLength) } : job.src;
      for await (const batch of readXlsxRowBatches(src, { sheet: job.sheet })) {
        for (const row of batch) pending.push(row);
        if (pending.length >= ROWS_PER_MESSAGE) {
          await send(pending);
          pending = [];
        }
      }
      if (pending.length) await send(pending);
      port.postMessage({ done: true } satisfies Message);
    } catch (err) {
      port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies Message);
    }
    port.close();
  })();
}

if (!isMainThread && (workerData as { xlsxSheetJob?: Job } | undefined)?.xlsxSheetJob) runWorker((workerData as { xlsxSheetJob: Job }).xlsxSheetJob);

/**
 * Started from the TypeScript sources (CLI through tsx, tests), the worker loads them through tsx's
 * require hook (and without the parent's flags: `--import tsx` would start a second module-loader
 * thread in it for nothing); in the built app this module is bundled, and the worker is the entry
 * built beside it.
 */
function startWorker(job: Job): Worker {
  const options = { workerData: { xlsxSheetJob: job } };
  if (__filename.endsWith('.ts')) {
    const tsx = require.resolve('tsx/cjs');
    return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(__filename)});`, { ...options, eval: true, execArgv: [] });
  }
  return new Worker(path.join(__dirname, 'xlsxSheetWorker.js'), options);
}

/**
 * The same batches as readXlsxRowBatches, read in a worker thread. A worker that cannot start (its
 * script missing from a build) is no reason to refuse the file: the rows are then read here.
 */
export async function* readXlsxRowBatchesInWorker(
  src: Source,
  options: { sheet?: string; /** Told where the rows are read, once it is known. */ onReader?: (where: 'worker' | 'here') => void } = {},
): AsyncGenerator<XlsxRow[]> {
  let worker: Worker;
  try {
    worker = startWorker({ src, sheet: options.sheet });
  } catch {
    options.onReader?.('here');
    yield* readXlsxRowBatches(src, { sheet: options.sheet });
    return;
  }
  const queue: (Message | { failed: Error })[] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  const push = (m: Message | { failed: Error }) => {
    queue.push(m);
    wake?.();
    wake = null;
  };
  worker.on('message', (m: Message) => push(m));
  worker.on('error', (err: Error) => push({ failed: err }));
  worker.on('exit', () => {
    if (!finished) push({ failed: new Error('读取线程意外退出') });
  });
  let received = false;
  try {
    worker.postMessage(AHEAD);
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift()!;
      if (!received && !('failed' in m)) options.onReader?.('worker');
      if ('rows' in m) {
        received = true;
        worker.postMessage(1);
        yield m.rows;
      } else if ('done' in m) {
        finished = true;
        return;
      } else if ('error' in m) {
        finished = true;
        throw new XlsxReadError(m.error);
      } else if (!received) {
        // The worker did not start (no rows, no answer): read here instead.
        finished = true;
        await worker.terminate();
        options.onReader?.('here');
        yield* readXlsxRowBatches(src, { sheet: options.sheet });
        return;
      } else throw m.failed;
    }
  } finally {
    finished = true;
    await worker.terminate();
  }
}
