// A real archive file in a fresh temp folder, set up as a township, for integration tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openArchive, type Archive } from '../../db/connection';
import { createDispatcher } from '../../electron/api/dispatcher';
import type { ServiceContext } from '../../electron/services/core/context';
import { initTownship } from '../../electron/services/core/settings';
import { archiveFile } from '../../electron/services/core/dataDir';
import type { ApiResult } from '../../electron/api/result';

export interface TestArchive {
  dir: string;
  archive: Archive;
  ctx: ServiceContext;
  rootOrgId: string;
  call<T = unknown>(name: string, input?: unknown): Promise<T>;
  dispatch(name: string, input?: unknown): Promise<ApiResult>;
  close(): Promise<void>;
}

export function tempDir(prefix = 'pr-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function openTestArchive(options: { today?: string; init?: boolean } = {}): Promise<TestArchive> {
  const dir = tempDir();
  const archive = await openArchive(archiveFile(dir));
  const ctx: ServiceContext = { archive, actor: 'tester', today: options.today ?? '2026-11-28' };
  let rootOrgId = '';
  if (options.init !== false) {
    const s = await initTownship(ctx, { code: '370783101', name: '东城镇', role: 'township' });
    rootOrgId = s.rootOrgId!;
  }
  const dispatcher = createDispatcher(archive, { today: ctx.today });
  const dispatch = (name: string, input?: unknown) => dispatcher.dispatch(name, input, { actor: 'tester', trusted: true });
  return {
    dir,
    archive,
    ctx,
    rootOrgId,
    dispatch,
    async call<T>(name: string, input?: unknown): Promise<T> {
      const r = await dispatch(name, input);
      if (!r.ok) throw Object.assign(new Error(r.error.message), { error: r.error });
      return r.value as T;
    },
    async close() {
      await archive.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
