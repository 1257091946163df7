// Accounts from the command line: the office machine's own user managing who may open the archive
// (adding users, listing them, setting a password, lifting a lockout). Passwords come from a file
// (--password-file) or from standard input, never from the command line, where `ps` and the shell
// history would keep them.
import fs from 'node:fs';
import { CliError, flag } from './args';
import type { CliCommand, CliEnv } from './command';
import { ROLES, ROLE_LABELS, parseRole } from '../services/accounts/roles';
import type { Parsed } from './args';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliError('请用 --password-file 指定密码文件,或从标准输入送入密码(例如 … < 密码文件)');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The first line of the password file or of standard input, without its line ending. */
async function passwordFrom(p: Parsed): Promise<string> {
  const file = flag(p, 'password-file');
  let text: string;
  if (file !== undefined) {
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new CliError(`无法读取密码文件 ${file}:${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  } else text = await readStdin();
  const password = text.split(/\r?\n/)[0] ?? '';
  if (!password) throw new CliError(file ? `密码文件 ${file} 的第一行是空的` : '标准输入没有送来密码');
  return password;
}

function requiredName(p: Parsed): string {
  const name = flag(p, 'name');
  if (!name) throw new CliError('需要 --name 用户名');
  return name;
}

async function userIdByName(env: CliEnv, name: string): Promise<string> {
  const users = await env.call('listUsers', {});
  const user = users.find((u) => u.name === name);
  if (!user) throw new CliError(`没有名为“${name}”的用户(现有:${users.map((u) => u.name).join('、') || '无'})`);
  return user.id;
}

export const accountCommands: CliCommand[] = [
  {
    name: 'users',
    sub: 'add',
    usage: `users add --name N --role ${ROLES.join('|')} [--password-file F]   添加用户(密码取自文件或标准输入)`,
    async run(env, p) {
      const name = requiredName(p);
      const roleText = flag(p, 'role');
      if (!roleText) throw new CliError(`需要 --role(${ROLES.map((r) => `${r}=${ROLE_LABELS[r]}`).join('、')})`);
      const role = parseRole(roleText);
      if (!role) throw new CliError(`--role 应为 ${ROLES.map((r) => `${r}(${ROLE_LABELS[r]})`).join('、')} 之一,收到“${roleText}”`);
      const user = await env.call('createUser', { name, role, password: await passwordFrom(p) });
      env.out(`已添加用户“${user.name}”(${user.roleLabel})`);
      return 0;
    },
  },
  {
    name: 'users',
    sub: 'list',
    usage: 'users list [--json]                                      列出用户(角色、停用、锁定)',
    async run(env, p) {
      const users = await env.call('listUsers', {});
      if (p.flags.has('json')) {
        env.out(JSON.stringify(users, null, 2));
        return 0;
      }
      if (users.length === 0) env.out('档案中还没有用户');
      for (const u of users) {
        const state = [u.disabled ? '已停用' : '', u.lockedUntil ? `锁定至 ${u.lockedUntil}` : ''].filter(Boolean).join(',');
        env.out(`${u.name}\t${u.roleLabel}\t${state || '正常'}\t上次登录 ${u.lastLoginAt ?? '—'}`);
      }
      return 0;
    },
  },
  {
    name: 'users',
    sub: 'passwd',
    usage: 'users passwd --name N [--password-file F]                设置用户的新密码(取自文件或标准输入)',
    async run(env, p) {
      const name = requiredName(p);
      const userId = await userIdByName(env, name);
      await env.call('resetPassword', { userId, password: await passwordFrom(p) });
      env.out(`已为“${name}”设置新密码`);
      return 0;
    },
  },
  {
    name: 'users',
    sub: 'unlock',
    usage: 'users unlock --name N                                    解除用户因密码错误的锁定',
    async run(env, p) {
      const name = requiredName(p);
      await env.call('unlockUser', { userId: await userIdByName(env, name) });
      env.out(`已解除“${name}”的锁定`);
      return 0;
    },
  },
];
