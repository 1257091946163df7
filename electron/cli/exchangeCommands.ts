// 导出到县 and the county side from the command line:
//   keys init | keys show [--json] | keys export-public --out FILE | keys import-county FILE | keys register-township --code CODE --pubkey FILE [--name NAME]
//   export --out DIR [--full] [--json]        write the package (prints its path), then read it back and verify it
//   verify PACKAGE [--json]                   check a package without applying it
//   county import PACKAGE… [--json]           apply packages (any order); exit 1 when any was refused
//   county status [--json]
//   receipt write --township CODE --out FILE | receipt import FILE
// Every step is a call of the contract, as the window makes it: key and receipt files are read and written
// here and cross as text; packages and folders are paths, as the window's picked folders are.
import fs from 'node:fs';
import path from 'node:path';
import { CliError, flag } from './args';
import type { CliCommand } from './command';
import { followJob } from './jobs';
import { writeFileAtomic } from '../services/core/atomicFile';
import type { CountyExportJobResult } from '../services/exchange/exchangeSteps';
import type { ImportOutcome } from '../services/exchange/countyImport';

function readInput(file: string | undefined, what: string): string {
  if (!file) throw new CliError(`请给出${what}文件`);
  if (!fs.existsSync(file)) throw new CliError(`找不到${what}文件“${file}”`);
  return fs.readFileSync(file, 'utf8');
}

/** `export`'s exit code when nothing changed since the acknowledged package and no file was written. */
export const NOTHING_TO_SEND = 3;

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

export const exchangeCommands: CliCommand[] = [
  {
    name: 'keys',
    sub: 'init',
    usage: 'keys init [--json]   生成本机密钥(县:age 私钥和回执签名密钥;乡镇:签名密钥和 age 私钥);已有的密钥不会被替换',
    async run(env, p) {
      const r = await env.call('initExchangeKeys', {});
      if (p.flags.has('json')) env.out(JSON.stringify(r, null, 2));
      else {
        env.out(r.created.length ? `已生成:${r.created.join('、')}` : '密钥已存在,未作改动');
        env.out(`密钥文件夹:${r.dir}`);
        env.out(`指纹:${r.own?.fingerprint}`);
        env.out(
          r.role === 'county'
            ? '请备份整个 keys 文件夹(见 README):县委组织部丢失 age 私钥后将无法打开任何数据包'
            : '请备份整个 keys 文件夹(见 README):乡镇丢失签名私钥后,须把新公钥交县委组织部重新登记',
        );
      }
      return 0;
    },
  },
  {
    name: 'keys',
    sub: 'show',
    usage: 'keys show [--json]   显示本机公钥和指纹(以及乡镇已导入的县公钥)',
    async run(env, p) {
      const s = await env.call('exchangeKeys', {});
      if (p.flags.has('json')) env.out(JSON.stringify(s, null, 2));
      else {
        env.out(`本机角色:${s.role === 'county' ? '县委组织部' : '乡镇'}  密钥文件夹:${s.dir}`);
        env.out(s.own ? `本机指纹:${s.own.fingerprint}\nage 公钥:${s.own.ageRecipient}` : '尚未生成密钥(keys init)');
        if (s.role === 'township') env.out(s.county ? `县委组织部公钥指纹:${s.county.fingerprint}` : '尚未导入县委组织部公钥(keys import-county FILE)');
      }
      return 0;
    },
  },
  {
    name: 'keys',
    sub: 'export-public',
    usage: 'keys export-public --out FILE   写出对方需要的公钥文件(县:age 公钥和回执公钥;乡镇:Ed25519 签名公钥 PEM)',
    async run(env, p) {
      const out = flag(p, 'out');
      if (!out) throw new CliError('keys export-public 需要 --out FILE');
      const r = await env.call('exportPublicKey', {});
      writeFileAtomic(out, r.text, { mode: 0o644 });
      env.out(`已写出公钥:${path.resolve(out)}\n指纹(请电话核对):${r.fingerprint}`);
      return 0;
    },
  },
  {
    name: 'keys',
    sub: 'import-county',
    usage: 'keys import-county FILE   乡镇:导入县委组织部的公钥文件',
    async run(env, p) {
      const r = await env.call('importCountyKey', { text: readInput(p.positional[2], '县委组织部公钥') });
      env.out(`已导入县委组织部公钥${r.name ? `(${r.name})` : ''},指纹:${r.fingerprint}${r.replaced ? `(替换了指纹为 ${r.replaced} 的旧公钥)` : ''}`);
      return 0;
    },
  },
  {
    name: 'keys',
    sub: 'register-township',
    usage: 'keys register-township --code CODE --pubkey FILE [--name NAME]   县:登记乡镇的签名公钥(先电话核对指纹)',
    async run(env, p) {
      const code = flag(p, 'code');
      if (!code) throw new CliError('keys register-township 需要 --code 乡镇代码');
      const r = await env.call('registerTownship', { code, name: flag(p, 'name') ?? null, publicKeyPem: readInput(flag(p, 'pubkey'), '乡镇公钥') });
      env.out(`已登记乡镇 ${r.name}(${r.code}),公钥指纹:${r.fingerprint}${r.replacedFingerprint ? `(替换了指纹为 ${r.replacedFingerprint} 的旧公钥)` : ''}`);
      return 0;
    },
  },
  {
    name: 'export',
    usage: 'export --out DIR [--full] [--json]   导出到县:写出加密签名的数据包(默认增量),读回校验,输出其路径;没有变动时不写文件,退出码为 3',
    async run(env, p) {
      const out = flag(p, 'out');
      if (!out) throw new CliError('export 需要 --out 文件夹(例如 U 盘)');
      let last = 0;
      let step = '';
      const started = await env.call('startCountyExport', { outDir: out, full: p.flags.has('full') });
      const done = (await followJob(env, started, (s) => {
        const now = Date.now();
        // Twice a second while writing; the step after the last byte (reading back from the stick) at once.
        if (now - last > 500 || (s.done === s.total && s.message !== step)) {
          last = now;
          step = s.message ?? '';
          env.err(`进度 ${mb(s.done)}/${mb(s.total)} ${step}`);
        }
      })) as CountyExportJobResult;
      if (done.nothingToSend) {
        if (p.flags.has('json')) env.out(JSON.stringify({ nothingToSend: true, baseSequence: done.nothingToSend.baseSequence, message: done.nothingToSend.message }, null, 2));
        else env.err(done.nothingToSend.message);
        return NOTHING_TO_SEND;
      }
      const r = done.package;
      const v = done.verification;
      if (p.flags.has('json')) env.out(JSON.stringify({ ...r, verified: v.ok, verification: v.message }, null, 2));
      else {
        env.out(r.file);
        env.err(
          `${r.kind === 'full' ? '全量' : '增量'}数据包第 ${r.sequence} 号,变动序号 ${r.changeFrom + 1}–${r.changeTo},${Object.values(Object.fromEntries(r.tables.map((t) => [t.name, t.rows]))).reduce((s, n) => s + n, 0)} 条记录,${r.attachments} 个档案材料(${mb(r.attachmentBytes)}),${mb(r.size)},用时 ${r.seconds.toFixed(1)} 秒`,
        );
        env.err(v.message);
        if (r.missingAttachments.length) env.err(`注意:${r.missingAttachments.length} 个档案材料文件在本机找不到,已在 bag-info.txt 中列出(Missing-Attachment)`);
      }
      return 0;
    },
  },
  {
    name: 'verify',
    usage: 'verify PACKAGE [--json]   校验数据包(解密、签名、全部校验值、序号),不导入',
    async run(env, p) {
      const file = p.positional[1];
      if (!file) throw new CliError('verify 需要数据包文件名');
      const r = await env.call('verifyPackage', { file });
      if (p.flags.has('json')) env.out(JSON.stringify(r, null, 2));
      else if (r.ok) env.out(r.message);
      else env.err(`错误:${r.message}`);
      return r.ok ? 0 : 1;
    },
  },
  {
    name: 'county',
    sub: 'import',
    usage: 'county import PACKAGE… [--json]   县:导入乡镇数据包(可多个,任意顺序);有被拒绝的包时退出码为 1',
    async run(env, p) {
      const files = p.positional.slice(2);
      if (!files.length) throw new CliError('county import 需要至少一个数据包文件');
      const started = await env.call('startCountyImport', { files });
      const outcomes = (await followJob(env, started, (s) => env.err(`进度 ${s.done}/${s.total} ${s.message ?? ''}`))) as ImportOutcome[];
      if (p.flags.has('json')) env.out(JSON.stringify(outcomes, null, 2));
      else for (const o of outcomes) env.out(`${o.status === 'applied' ? '已导入' : o.status === 'replay' ? '已忽略' : '已拒绝'}  ${o.message}`);
      return outcomes.some((o) => o.status === 'refused') ? 1 : 0;
    },
  },
  {
    name: 'county',
    sub: 'status',
    usage: 'county status [--json]   县:各乡镇最后导入的数据包、日期和人数',
    async run(env, p) {
      const s = await env.call('countyStatus', {});
      if (p.flags.has('json')) env.out(JSON.stringify(s, null, 2));
      else {
        for (const t of s.townships) {
          env.out(`${t.code} ${t.name}  第 ${t.lastSequence} 号${t.lastKind ? (t.lastKind === 'full' ? '(全量)' : '(增量)') : ''}  ${t.lastBaggingDate ?? '尚未导入'}  在册 ${t.memberCount} 人  指纹 ${t.fingerprint}`);
        }
        env.out(`共 ${s.totals.townships} 个乡镇,在册党员 ${s.totals.members} 人`);
      }
      return 0;
    },
  },
  {
    name: 'receipt',
    sub: 'write',
    usage: 'receipt write --township CODE --out FILE   县:为乡镇最后导入的数据包出具签名回执',
    async run(env, p) {
      const code = flag(p, 'township');
      const out = flag(p, 'out');
      if (!code || !out) throw new CliError('receipt write 需要 --township 乡镇代码 和 --out 文件');
      const r = await env.call('writeReceipt', { townshipCode: code });
      writeFileAtomic(out, r.text, { mode: 0o644 });
      env.out(`已写出回执:${path.resolve(out)}(${r.townshipName}第 ${r.packageSequence} 号数据包),县委组织部公钥指纹:${r.fingerprint}`);
      return 0;
    },
  },
  {
    name: 'receipt',
    sub: 'import',
    usage: 'receipt import FILE   乡镇:导入县里的签名回执(此后只发送之后的变动)',
    async run(env, p) {
      const r = await env.call('importReceipt', { text: readInput(p.positional[2], '回执') });
      env.out(r.message);
      return 0;
    },
  },
];
