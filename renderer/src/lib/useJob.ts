// The archive's long work (a roster import, a county package, a batch of printed forms) runs as a job:
// the call that starts it answers with its first status, and the window asks jobStatus until it ends,
// showing the progress, and asks cancelJob when the clerk cancels.
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, type CallOutput } from '../api';

export type JobStatus = CallOutput<'jobStatus'>;

const POLL_MS = 250;

export interface FollowOptions {
  /** Sees every status, the first one included (for the progress bar). */
  onStatus?: (status: JobStatus) => void;
  /** Stop asking once this says false (the page went away); the job itself goes on. */
  alive?: () => boolean;
  /** Aborted: the job is cancelled, and its status after the cancel is the result. */
  signal?: AbortSignal;
}

/** Asks for a job's status until it is no longer running; resolves to the last status seen. */
export async function followJob(first: JobStatus, { onStatus, alive = () => true, signal }: FollowOptions = {}): Promise<JobStatus> {
  let s = first;
  onStatus?.(s);
  while (s.state === 'running' && alive()) {
    await new Promise((r) => window.setTimeout(r, POLL_MS));
    if (signal?.aborted) return call('cancelJob', { jobId: s.id });
    s = await call('jobStatus', { jobId: s.id });
    if (alive()) onStatus?.(s);
  }
  return s;
}

export interface Job {
  /** The job's last status (null before the first job, or after `setJob(null)`). */
  job: JobStatus | null;
  running: boolean;
  setJob: (job: JobStatus | null) => void;
  /**
   * Starts a job and follows it, `job` showing each status. Resolves to its last status, or to null
   * when the component went away first (the page then has nothing left to update).
   */
  run: (start: () => Promise<JobStatus>) => Promise<JobStatus | null>;
  /** Asks the archive to cancel the current job (its answer, usually "cancelled", becomes `job`). */
  cancel: () => Promise<void>;
}

export function useJob(): Job {
  const [job, setJob] = useState<JobStatus | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (start: () => Promise<JobStatus>) => {
    const alive = () => mounted.current;
    const end = await followJob(await start(), { onStatus: (s) => alive() && setJob(s), alive });
    return alive() ? end : null;
  }, []);
  const cancel = useCallback(async () => {
    if (!job) return;
    const s = await call('cancelJob', { jobId: job.id });
    if (mounted.current) setJob(s);
  }, [job]);

  return { job, running: job?.state === 'running', setJob, run, cancel };
}
