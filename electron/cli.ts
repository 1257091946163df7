// The archive without a window: `npm run cli -- [--data DIR] <command> …`. It opens the same SQLite
// file as the app and goes through the same dispatcher, so every rule and the audit log apply.
// The commands themselves are in cli/ (one file per group, listed in cli/commands.ts).
import os from 'node:os';
import type { Archive } from '../db/connection';
import { openArchiveForUse } from './services/backup/openWithBackup';
import type { Dispatcher } from './api/result';
import { defaultDataDir } from './services/core/dataDir';
import { CliError, flag, parseArgs } from './cli/args';
import { COMMANDS } from './cli/commands';
import type { CliEnv } from './cli/command';

function usage(): string {
  return `用法 / usage: npm run cli -- [--data DIR] <command>

${COMMANDS.map((c) => '  ' + c.usage).join('\n')}

--data DIR  数据文件夹(默认:${defaultDataDir()}),档案为其中的 archive.db`;
}

type Out = (line: string) => void;

/** Runs one command; returns the process exit code. */
export async function runCli(argv: string[], out: Out = (l) => process.stdout.write(l + '\n'), err: Out = (l) => process.stderr.write(l + '\n')): Promise<number> {
  let archive: Archive | undefined;
  try {
    const p = parseArgs(argv);
    const [name, sub] = p.positional;
    if (!name || p.flags.has('help')) {
      out(usage());
      return name ? 0 : 2;
    }
    const candidates = COMMANDS.filter((c) => c.name === name);
    if (candidates.length === 0) throw new CliError(`未知的命令“${name}”\n${usage()}`);
    const command = candidates.find((c) => (c.sub ?? undefined) === (candidates.some((x) => x.sub) ? sub : undefined));
    if (!command) throw new CliError(`未知的子命令 ${name} ${sub ?? ''}(可用:${candidates.map((c) => `${c.name} ${c.sub}`).join('、')})`);
    const dataDir = flag(p, 'data') ?? defaultDataDir();
    if (command.withoutArchive) {
      const closedArchive = () => {
        throw new CliError(`命令 ${name} 不打开档案`);
      };
      return await command.run({ get archive() { return closedArchive(); }, dataDir, out, err, call: closedArchive }, p);
    }
    // Pending migrations of an archive holding data run only after a verified backup; each is announced.
    archive = await openArchiveForUse(dataDir, {
      onMigration: (tag, i, n) => err(`正在升级数据库:${tag}(${i}/${n})`),
      onBackup: (file) => err(`升级前已备份档案:${file}`),
    });
    // PARTY_RECORDS_TODAY (YYYY-MM-DD) fixes “today” for tests of date rules through the CLI.
    const fixedToday = /^\d{4}-\d{2}-\d{2}$/.test(process.env.PARTY_RECORDS_TODAY ?? '') ? process.env.PARTY_RECORDS_TODAY : undefined;
    // The dispatcher brings in every call's schemas and services (≈1 s of loading): made on the first
    // call, so that a command that makes none (backup, or arguments refused) does not wait for it.
    const opened = archive;
    let dispatcher: Dispatcher | undefined;
    const dispatcherFor = async () =>
      (dispatcher ??= (await import('./api/dispatcher')).createDispatcher(opened, { today: fixedToday, onInternalError: (n, e) => err(`[${n}] ${(e as Error)?.stack ?? String(e)}`) }));
    const actor = `cli:${os.userInfo().username}`;
    const env: CliEnv = {
      archive,
      dataDir,
      out,
      err,
      async call(callName, input) {
        // The CLI is the office machine's own user acting on its data folder: trusted, like the OS account itself.
        const result = await (await dispatcherFor()).dispatch(callName, input, { actor, trusted: true });
        if (!result.ok) {
          // A refusal's message already words its problems (ValidationError joins them): only problems it
          // leaves out are listed under it, each in words (the issue's field is an internal name).
          const extra = (result.error.issues ?? []).filter((i) => !result.error.message.includes(i.message));
          const detail = extra.length ? '\n' + extra.map((i) => `  - ${i.message}`).join('\n') : '';
          throw new CliError(result.error.message + detail);
        }
        return result.value as never;
      },
    };
    return await command.run(env, p);
  } catch (e) {
    err(`错误:${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await archive?.close().catch(() => undefined);
  }
}

if (require.main === module) {
  // `… | head` closes the pipe early; that is not an error of ours.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  // exitCode, not exit(): exit() would cut off output still queued for a pipe.
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
