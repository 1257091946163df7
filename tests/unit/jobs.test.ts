import { describe, expect, it } from 'vitest';
import { JobRunner, throwIfCancelled } from '../../electron/services/core/jobs';

describe('jobs (long work with progress and cancel)', () => {
  it('reports progress and the result', async () => {
    const jobs = new JobRunner();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const started = jobs.start('demo', async ({ progress }) => {
      progress(1, 4, '第一步');
      await gate;
      progress(4, 4);
      return { members: 4 };
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(jobs.status(started.id)).toMatchObject({ state: 'running', done: 1, total: 4, message: '第一步' });
    release();
    expect(await jobs.settle(started.id)).toMatchObject({ state: 'done', done: 4, result: { members: 4 } });
  });

  it('cancels at the next safe point', async () => {
    const jobs = new JobRunner();
    const started = jobs.start('print', async ({ signal, progress }) => {
      for (let i = 0; i < 1000; i++) {
        throwIfCancelled(signal);
        progress(i, 1000);
        await new Promise((r) => setTimeout(r, 1));
      }
      return 'finished';
    });
    await new Promise((r) => setTimeout(r, 10));
    jobs.cancel(started.id);
    const end = await jobs.settle(started.id);
    expect(end?.state).toBe('cancelled');
    expect(end?.result).toBeNull();
    expect(end?.done).toBeLessThan(999);
  });

  it('reports work that finished despite a late cancel as done (its writes happened)', async () => {
    const jobs = new JobRunner();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const started = jobs.start('import', async () => {
      await gate; // past the last safe point: the commit is written
      return { inserted: 3 };
    });
    jobs.cancel(started.id);
    release();
    expect(await jobs.settle(started.id)).toMatchObject({ state: 'done', result: { inserted: 3 } });
  });

  it('keeps a failure with its message', async () => {
    const jobs = new JobRunner();
    const started = jobs.start('import', async () => {
      throw Object.assign(new Error('第3行:公民身份号码校验位不正确'), { code: 'validation' });
    });
    expect(await jobs.settle(started.id)).toMatchObject({ state: 'failed', error: { code: 'validation', message: '第3行:公民身份号码校验位不正确' } });
    expect(jobs.status('nope')).toBeNull();
  });
});
