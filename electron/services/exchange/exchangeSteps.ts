// The steps of 导出到县 and 导入乡镇数据 as the window and the CLI take them: writing a package is a job
// that reads the package back from the stick and verifies it; importing packages is a job at the county;
// verifying is one answer whichever side asks; a 回执 is a text to save.
import type { ServiceContext } from '../core/context';
import { DomainError } from '../core/errors';
import { jobsOf, type JobStatus } from '../core/jobs';
import { getSetup } from '../core/settings';
import { importPackages, verifyAtCounty, type ImportOutcome } from './countyImport';
import { verifySentPackage } from './exchangeLog';
import { PackageError, type PackageInfo, type PackageProblem } from './packageReader';
import { NothingToSend, writePackage, type ExportResult } from './packageWriter';
import { writeReceipt } from './receipts';

/**
 * What a finished export job holds: the package written and whether it read back intact from the
 * stick; or, when nothing changed since the acknowledged package, no package and the words saying so.
 */
export type CountyExportJobResult =
  | { package: ExportResult; verification: { ok: boolean; message: string }; nothingToSend: null }
  | { package: null; verification: null; nothingToSend: { message: string; baseSequence: number } };

/** 导出到县: write the package into the picked folder (the stick), then read it back from there and verify it. */
export function startCountyExport(ctx: ServiceContext, input: { outDir: string; full?: boolean }): JobStatus {
  return jobsOf(ctx.archive).start('countyExport', async (control): Promise<CountyExportJobResult> => {
    let bytes = 0;
    let written: ExportResult;
    try {
      written = await writePackage(ctx, {
        outDir: input.outDir,
        full: input.full,
        signal: control.signal,
        progress(done, total, message) {
          bytes = total;
          control.progress(done, total, message);
        },
      });
    } catch (e) {
      if (e instanceof NothingToSend) return { package: null, verification: null, nothingToSend: { message: e.message, baseSequence: e.baseSequence } };
      throw e;
    }
    // Reading back has no byte count of its own: it shows the bytes written, the bar full.
    control.progress(bytes || 1, bytes || 1, '正在从 U 盘读回并校验');
    const verification = await verifySentPackage(ctx, written.file);
    return { package: written, verification: { ok: verification.logged, message: verification.message }, nothingToSend: null };
  });
}

/** 导入乡镇数据: one or many packages, any order; the job's result is one outcome per file. */
export async function startCountyImport(ctx: ServiceContext, files: string[]): Promise<JobStatus> {
  if ((await getSetup(ctx)).role !== 'county') throw new DomainError('conflict', '这是乡镇的安装:导入乡镇数据是县委组织部安装的功能');
  return jobsOf(ctx.archive).start('countyImport', (control): Promise<ImportOutcome[]> => importPackages(ctx, files, control.progress, control.signal));
}

export interface PackageCheck {
  ok: boolean;
  problem: PackageProblem | null;
  message: string;
  info: PackageInfo | null;
  continuity: 'next' | 'replay' | null;
}

/**
 * Verify a package without applying it: at a township one of its own (its log row is marked verified), at
 * the county any registered township's. A package that fails is an answer, not an error.
 */
export async function verifyPackage(ctx: ServiceContext, file: string): Promise<PackageCheck> {
  const county = (await getSetup(ctx)).role === 'county';
  try {
    if (county) {
      const r = await verifyAtCounty(ctx, file);
      return { ok: true, problem: null, message: r.message, info: r.info, continuity: r.continuity };
    }
    const r = await verifySentPackage(ctx, file);
    return { ok: true, problem: null, message: r.message, info: r.info, continuity: null };
  } catch (e) {
    if (e instanceof PackageError) return { ok: false, problem: e.problem, message: e.message, info: null, continuity: null };
    throw e;
  }
}

/** The signed 回执 for a township's last applied package: its text, a file name to save it as, and what it confirms. */
export async function receiptToSave(ctx: ServiceContext, townshipCode: string): Promise<{ fileName: string; text: string; packageSequence: number; townshipName: string; fingerprint: string }> {
  const r = await writeReceipt(ctx, townshipCode);
  return { fileName: r.fileName, text: r.text, packageSequence: r.payload.packageSequence, townshipName: r.payload.townshipName, fingerprint: r.fingerprint };
}
