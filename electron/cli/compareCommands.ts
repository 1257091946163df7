// 信息比对 from the command line:
//   compare FILE [--date YYYY-MM-DD] [--json] [--out REPORT.xlsx] [--accept KEY …] [--accept-kind KIND …]
// FILE is an export of the national system's member library. Without --accept nothing is written: the
// differences are listed (each with the key --accept takes). The file's date (its modification day
// unless --date says) is named in the history of every accepted change.
import fs from 'node:fs';
import path from 'node:path';
import { CliError, flag } from './args';
import type { CliCommand } from './command';
import { writeFileAtomic } from '../services/core/atomicFile';
import { MAX_UPLOAD_BYTES } from '../services/roster/uploads';

/** Every value of a repeatable flag, read from argv since the parser keeps the last. */
function repeated(name: string): string[] {
  const argv = process.argv;
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}` && i + 1 < argv.length) out.push(argv[i + 1]);
    else if (argv[i].startsWith(`--${name}=`)) out.push(argv[i].slice(name.length + 3));
  }
  return out;
}

const localDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export const compareCommands: CliCommand[] = [
  {
    name: 'compare',
    usage: 'compare FILE [--date YYYY-MM-DD] [--json] [--out 报告.xlsx] [--accept KEY …] [--accept-kind 字段|onlyExport …]   信息比对:与全国党员管理信息系统的导出文件比对',
    async run(env, p) {
      const file = p.positional[1];
      if (!file) throw new CliError('compare 需要文件名:compare 党员信息.xlsx');
      if (!fs.existsSync(file)) throw new CliError(`找不到文件“${file}”`);
      const size = fs.statSync(file).size;
      if (size > MAX_UPLOAD_BYTES) throw new CliError(`文件“${file}”太大(${(size / 1048576).toFixed(0)} MB,最大 ${MAX_UPLOAD_BYTES / 1048576} MB)`);
      const fileDate = flag(p, 'date') ?? localDay(fs.statSync(file).mtime);
      const c = await env.call('compareNational', { file: { fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64') }, fileDate });
      const keys = [...new Set([...repeated('accept'), ...(flag(p, 'accept') ? [flag(p, 'accept')!] : [])])];
      const kinds = [...new Set([...repeated('accept-kind'), ...(flag(p, 'accept-kind') ? [flag(p, 'accept-kind')!] : [])])];
      const accepted = keys.length || kinds.length ? await env.call('acceptNationalDifferences', { analysisId: c.analysisId, fileDate, keys, kinds }) : null;
      const out = flag(p, 'out');
      if (out) {
        const report = await env.call('nationalCompareReport', { analysisId: c.analysisId, fileDate });
        writeFileAtomic(out, Buffer.from(report.base64, 'base64'), { mode: 0o644 });
      }
      if (p.flags.has('json')) {
        const { analysisId: _kept, ...comparison } = c;
        env.out(JSON.stringify({ ...comparison, accepted }, null, 1));
        return 0;
      }
      env.out(`信息比对:${c.fileName}(文件日期 ${c.fileDate})`);
      env.out(`两边都有 ${c.matched} 人;只在档案中 ${c.onlyArchive.length} 人,只在导出文件中 ${c.onlyExport.length} 人,字段不同 ${c.fields.length} 处`);
      if (c.onlyArchive.length) env.out('只在档案中(不会删除;是否出党或转出请在档案中办理):');
      for (const m of c.onlyArchive) env.out(`  ${m.name}\t${m.idNumber}\t${m.orgName}`);
      if (c.onlyExport.length) env.out('只在导出文件中(采纳即新增党员):');
      for (const m of c.onlyExport) env.out(`  ${m.name}\t${m.idNumber}\t${m.orgName}\t${m.sheet} 第${m.rowNumber}行\t${m.key}`);
      if (c.fields.length) env.out('字段不同(档案中 → 导出文件中):');
      for (const f of c.fields) env.out(`  ${f.name}\t${f.idNumber}\t${f.label}:${f.archive} → ${f.exported}\t${f.key}`);
      if (c.unreadable.length) env.out(`导出文件中有 ${c.unreadable.length} 处未能读取(未参与比对):`);
      for (const pr of c.unreadable.slice(0, 200)) env.out(`  ${pr.sheet} 第${pr.rowNumber}行 ${pr.name || '(无姓名)'}\t${pr.label}\t${pr.message}`);
      if (accepted) env.out(`已采纳:更新 ${accepted.updated} 处,新增党员 ${accepted.added} 人(来源:${accepted.source})`);
      else env.out('未写入任何内容;采纳请加 --accept KEY 或 --accept-kind 字段名');
      if (out) env.out(`比对报告已写入 ${out}`);
      return 0;
    },
  },
];
