// Long work (loading a demo, importing a roster, printing a whole branch, writing an export) runs as a
// job: the call that starts it returns at once with an id, the window asks for progress, and the clerk
// can cancel. A job's own work decides what cancelling means; the archive's writes stay all-or-nothing
// because each job writes inside one transaction and stops before its commit when cancelled.
import { newId } from './ids';
import { DomainError } from './errors';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobStatus {
  id: string;
  kind: string;
  state: JobState;
  done: number;
  total: number;
  message: string | null; // Chinese, e.g. 正在写入第 3000 条
  result: unknown;
  error: { code: string; message: string } | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface JobControl {
  signal: AbortSignal;
  progress(done: number, total: number, message?: string): void;
}

export class JobCancelled extends Error {
  constructor() {
    super('已取消');
    this.name = 'JobCancelled';
  }
}

/** Throw at a safe point when the clerk has cancelled. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new JobCancelled();
}

interface Job {
  status: JobStatus;
  controller: AbortController;
  promise: Promise<void>;
}

const KEEP_FINISHED_MS = 10 * 60_000;

export class JobRunner {
  private readonly jobs = new Map<string, Job>();

  start(kind: string, work: (control: JobControl) => Promise<unknown>): JobStatus {
    this.sweep();
    const controller = new AbortController();
    const status: JobStatus = {
      id: newId(), kind, state: 'running', done: 0, total: 0, message: null, result: null, error: null, startedAt: new Date().toISOString(), finishedAt: null,
    };
    const control: JobControl = {
      signal: controller.signal,
      progress(done, total, message) {
        status.done = done;
        status.total = total;
        if (message !== undefined) status.message = message;
      },
    };
    const promise = Promise.resolve()
      .then(() => work(control))
      .then(
        (result) => {
          // Work that returned has finished, even when the cancel came too late to stop it (an import's
          // commit already written): saying 已取消 then would hide a write from the clerk.
          status.state = 'done';
          status.result = result ?? null;
        },
        (err: unknown) => {
          if (err instanceof JobCancelled || controller.signal.aborted) {
            status.state = 'cancelled';
            status.message = '已取消,未写入任何内容';
          } else {
            status.state = 'failed';
            const e = err as { code?: string; message?: string };
            status.error = { code: typeof e?.code === 'string' ? e.code : 'internal', message: e?.message ?? String(err) };
          }
        },
      )
      .finally(() => {
        status.finishedAt = new Date().toISOString();
      });
    this.jobs.set(status.id, { status, controller, promise });
    return { ...status };
  }

  status(id: string): JobStatus | null {
    const job = this.jobs.get(id);
    return job ? { ...job.status } : null;
  }

  cancel(id: string): JobStatus | null {
    const job = this.jobs.get(id);
    if (!job) return null;
    if (job.status.state === 'running') job.controller.abort();
    return { ...job.status };
  }

  /** For tests and shutdown: wait until the job has finished. */
  async settle(id: string): Promise<JobStatus | null> {
    await this.jobs.get(id)?.promise;
    return this.status(id);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) {
      if (job.status.finishedAt && now - Date.parse(job.status.finishedAt) > KEEP_FINISHED_MS) this.jobs.delete(id);
    }
  }
}

const runners = new WeakMap<object, JobRunner>();

/** The jobs of one archive (one runner per open archive, shared by every kind of long work). */
export function jobsOf(archive: object): JobRunner {
  let r = runners.get(archive);
  if (!r) runners.set(archive, (r = new JobRunner()));
  return r;
}

/** A job's status, as the window and the CLI poll it; an id this archive's runner does not hold is not found. */
export function jobStatus(archive: object, jobId: string): JobStatus {
  const s = jobsOf(archive).status(jobId);
  if (!s) throw new DomainError('not_found', '找不到该任务');
  return s;
}

/** Ask a running job to stop at its next safe point; a finished job is returned as it is. */
export function cancelJob(archive: object, jobId: string): JobStatus {
  const s = jobsOf(archive).cancel(jobId);
  if (!s) throw new DomainError('not_found', '找不到该任务');
  return s;
}
