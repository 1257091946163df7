// Backups from the command line: `backup` (into the backups folder, or to a file, optionally encrypted),
// `restore FILE` (shows what the backup holds, asks, keeps the current archive, swaps, verifies) and
// `backups list`. Progress goes to stderr, one line per step.
import fs from 'node:fs';
import readline from 'node:readline';
import { CliError, flag } from './args';
import type { CliCommand, CliEnv } from './command';
import type { Parsed } from './args';
import { backupToFile } from '../services/backup/exportFile';
import { backupToFolder, listBackups } from '../services/backup/store';
import { applyRestore, discardPendingRestore, prepareRestore, type RestorePreview } from '../services/backup/restore';
import { describeCounts } from '../services/backup/manifest';

function passphraseFrom(p: Parsed): string | undefined {
  const file = flag(p, 'passphrase-file');
  if (file === undefined) return undefined;
  if (!fs.existsSync(file)) throw new CliError(`找不到密码文件“${file}”`);
  // The file holds the passphrase on its first line; a trailing newline is not part of it.
  return fs.readFileSync(file, 'utf8').split(/\r?\n/)[0];
}

function describePreview(env: CliEnv, preview: RestorePreview): void {
  const m = preview.manifest;
  env.out(`备份文件:${preview.source}${preview.encrypted ? '(已加密)' : ''}`);
  env.out(`备份时间:${new Date(m.createdAt).toLocaleString('zh-CN', { hour12: false })}`);
  env.out(`乡镇:${m.township ? `${m.township.name}(${m.township.code})` : '未设置'}`);
  env.out(`内容:${describeCounts(m.counts)}`);
  env.out(preview.digest === 'verified' ? '校验码:已核对,内容与备份时完全一致' : '校验码:无(旧版本程序制作或手工复制的档案),只核对了数据库结构和审计日志');
  env.out(`数据库版本:${m.schemaVersion ?? '无'}${preview.upgradedFrom ? '(较旧,恢复时升级到本程序的版本)' : ''};程序版本 ${m.appVersion}`);
}

function askYes(question: string): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    let answered = false;
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(/^(y|yes|是|确定)$/i.test(answer.trim()));
    });
    rl.on('close', () => {
      if (!answered) resolve(false);
    });
  });
}

export const backupCommands: CliCommand[] = [
  {
    name: 'backup',
    usage: 'backup [--out FILE] [--passphrase-file F] [--json]            备份档案(默认到数据文件夹的 backups/;--passphrase-file 加密)',
    async run(env, p) {
      const out = flag(p, 'out');
      const passphrase = passphraseFrom(p);
      if (passphrase !== undefined && !out) throw new CliError('加密备份需要 --out FILE(例如 U 盘上的 档案备份.prbak)');
      if (out) {
        const r = await backupToFile(env.archive, out, { passphrase, onStep: (s) => env.err(s) });
        if (p.flags.has('json')) env.out(JSON.stringify(r, null, 1));
        else env.out(`已备份并校验:${r.file}(${r.encrypted ? '已加密,' : ''}${(r.size / 1024 / 1024).toFixed(1)} MB;${describeCounts(r.manifest.counts)})`);
        return 0;
      }
      const entry = await backupToFolder(env.archive, env.dataDir, 'manual', new Date(), (s) => env.err(s));
      if (p.flags.has('json')) env.out(JSON.stringify(entry, null, 1));
      else env.out(`已备份并校验:${entry.file}(${(entry.size / 1024 / 1024).toFixed(1)} MB;${entry.manifest ? describeCounts(entry.manifest.counts) : ''})`);
      return 0;
    },
  },
  {
    name: 'restore',
    usage: 'restore FILE [--passphrase-file F] [--yes] [--json]          从备份恢复(先显示备份内容并确认;当前档案先另存为备份)',
    // A restore is most needed when the archive no longer opens: it works on the files alone.
    withoutArchive: true,
    async run(env, p) {
      const source = p.positional[1];
      if (!source) throw new CliError('restore 需要备份文件:restore FILE');
      const json = p.flags.has('json');
      const preview = await prepareRestore(env.dataDir, source, { passphrase: passphraseFrom(p), onStep: (s) => env.err(s) });
      if (json && !p.flags.has('yes')) {
        env.out(JSON.stringify({ preview, restored: false }, null, 1));
        discardPendingRestore(env.dataDir);
        return 0;
      }
      if (!json) describePreview(env, preview);
      if (!p.flags.has('yes') && !(await askYes('用这个备份替换当前档案?当前档案会先另存为备份。(y/N) '))) {
        discardPendingRestore(env.dataDir);
        env.out('未恢复,档案未作任何改动');
        return 1;
      }
      const result = await applyRestore(env.dataDir, { onStep: (s) => env.err(s) });
      if (json) env.out(JSON.stringify({ preview, restored: true, previous: result.previous, counts: result.restored.counts }, null, 1));
      else env.out(`已恢复并校验:${describeCounts(result.restored.counts)};恢复前的档案保存在 ${result.previous ?? '(原来没有档案)'}`);
      return 0;
    },
  },
  {
    name: 'backups',
    sub: 'list',
    usage: 'backups list [--json]                                       列出数据文件夹中的备份',
    withoutArchive: true,
    async run(env, p) {
      const entries = listBackups(env.dataDir);
      if (p.flags.has('json')) {
        env.out(JSON.stringify(entries, null, 1));
        return 0;
      }
      for (const e of entries) env.out([e.takenAt.replace('T', ' '), e.kind, `${(e.size / 1024 / 1024).toFixed(1)} MB`, e.manifest ? describeCounts(e.manifest.counts) : '', e.file].join('\t'));
      env.out(`共 ${entries.length} 个备份`);
      return 0;
    },
  },
];
