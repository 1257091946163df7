// Long work (writing a package, importing packages or a roster) is a job, for the CLI as for the window:
// the command starts it, asks jobStatus until it ends and shows the progress on stderr. The job runs in
// this process, so asking costs no more than a function call.
import { CliError } from './args';
import type { CliEnv } from './command';
import type { CallOutput } from '../api/contract';

export type JobStatus = CallOutput<'jobStatus'>;

const POLL_MS = 50;

/**
 * Follow a job to its end; `onProgress` sees each new count or step while it runs. Returns the job's
 * result; a job that failed or was cancelled ends the command with its message.
 */
export async function followJob(env: CliEnv, started: JobStatus, onProgress: (status: JobStatus) => void): Promise<unknown> {
  const stepOf = (s: JobStatus) => `${s.done}/${s.total}/${s.message ?? ''}`;
  let s = started;
  let shown = stepOf(s);
  while (s.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    s = await env.call('jobStatus', { jobId: s.id });
    if (s.state === 'running' && stepOf(s) !== shown) {
      shown = stepOf(s);
      onProgress(s);
    }
  }
  if (s.state === 'failed') throw new CliError(s.error?.message ?? '任务失败');
  if (s.state === 'cancelled') throw new CliError(s.message ?? '已取消');
  return s.result;
}
