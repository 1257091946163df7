// 导入花名册 and Excel export from the command line:
//   import FILE [--sheet NAME] [--map field=header …] [--duplicates skip|fillEmpty|overwrite] [--org ID] [--dry-run] [--json]
//   export members --out FILE.xlsx [--org ID] [--status …] [--columns a,b,…] [--roster] [--per-branch]
// The CLI reads the file from disk itself (streamed) and calls the same services as the window; the
// import is one transaction, progress goes to stderr.
import { writeFileAtomic } from '../services/core/atomicFile';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliError, flag } from './args';
import type { CliCommand, CliEnv } from './command';
import type { Parsed } from './args';
import type { ServiceContext } from '../services/core/context';
import { analyseRoster, importRoster, type DuplicateMode, type ImportOptions } from '../services/roster/rosterImport';
import { ROSTER_FIELDS, type RosterField } from '../services/roster/rosterFields';
import type { MemberView } from '../services/members/memberQuery';

const VIEWS = ['roll', 'exited', 'all', 'probationary', 'mobile', 'lost', 'lostReview', 'hardship', 'transferPending'] as const;

function serviceContext(env: CliEnv): ServiceContext {
  return { archive: env.archive, actor: `cli:${os.userInfo().username}`, today: process.env.PARTY_RECORDS_TODAY || undefined };
}

/** Every value of a repeatable flag (`--map a=b --map c=d`), read from argv since the parser keeps the last. */
function repeated(name: string): string[] {
  const argv = process.argv;
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}` && i + 1 < argv.length) out.push(argv[i + 1]);
    else if (argv[i].startsWith(`--${name}=`)) out.push(argv[i].slice(name.length + 3));
  }
  return out;
}

function importOptions(p: Parsed): ImportOptions {
  const mapping: Record<string, RosterField | null> = {};
  const maps = repeated('map');
  const single = flag(p, 'map');
  if (single && !maps.includes(single)) maps.push(single);
  for (const m of maps) {
    const eq = m.indexOf('=');
    if (eq < 1) throw new CliError(`--map 应写作 字段=表头,例如 --map idNumber=证件号,收到“${m}”`);
    const field = m.slice(0, eq).trim();
    const header = m.slice(eq + 1).trim();
    if (field !== 'ignore' && !(ROSTER_FIELDS as readonly string[]).includes(field)) throw new CliError(`--map 的字段“${field}”不存在(可用:${ROSTER_FIELDS.join(', ')}, ignore)`);
    mapping[header] = field === 'ignore' ? null : (field as RosterField);
  }
  const dup = flag(p, 'duplicates') ?? 'skip';
  if (!['skip', 'fillEmpty', 'overwrite'].includes(dup)) throw new CliError(`--duplicates 应为 skip、fillEmpty 或 overwrite,收到“${dup}”`);
  return { sheet: flag(p, 'sheet') ?? null, mapping, duplicateMode: dup as DuplicateMode, defaultOrgId: flag(p, 'org') ?? null };
}

export const importExportCommands: CliCommand[] = [
  {
    name: 'import',
    usage: 'import FILE [--sheet NAME] [--map field=header …] [--duplicates skip|fillEmpty|overwrite] [--org ID] [--dry-run] [--json]   导入花名册(.xlsx/.xls/.csv)',
    async run(env, p) {
      const file = p.positional[1];
      if (!file) throw new CliError('import 需要文件名:import 花名册.xlsx');
      if (!fs.existsSync(file)) throw new CliError(`找不到文件“${file}”`);
      const src = { fileName: path.basename(file), path: file };
      const options = importOptions(p);
      const ctx = serviceContext(env);
      const json = p.flags.has('json');
      // A dry run analyses; a real run imports in one pass and reports the same problems (the file is
      // read once: a 150,000-row roster takes seconds to read).
      let result = null;
      let a;
      if (p.flags.has('dry-run')) a = await analyseRoster(ctx, src, options);
      else {
        let last = 0;
        result = await importRoster(ctx, src, options, {
          progress(done, total, message) {
            const now = Date.now();
            if (now - last > 200 || done === total) {
              last = now;
              env.err(`进度 ${done}/${total} ${message ?? ''}`);
            }
          },
        });
      }
      if (!a) {
        const r = result!;
        const state = { sheets: r.sheets, notices: r.notices };
        a = { ...state, counts: { rows: r.rows, new: r.inserted, existing: r.updated + r.skipped, errors: r.errors, toUpdate: r.updated }, problems: r.problems, problemTotal: r.problemTotal, branches: [] as { name: string }[] };
      }
      if (json) {
        env.out(JSON.stringify({ counts: a.counts, problems: a.problems, problemTotal: a.problemTotal, branches: a.branches, notices: a.notices, sheets: a.sheets.map((s) => ({ name: s.name, headerRow: s.headerRow, rows: s.rows, columns: s.columns })), result }, null, 1));
      } else {
        for (const s of a.sheets) {
          env.out(`工作表“${s.name}”:${s.headerRow ? `表头在第 ${s.headerRow} 行,${s.rows} 行数据` : '没有找到表头'}`);
          if (s.headerRow) env.out(`  对应:${s.columns.map((c) => `${c.header}→${c.field ?? '(不导入)'}`).join(',')}`);
        }
        for (const n of a.notices) env.out(`注意:${n}`);
        env.out(`共 ${a.counts.rows} 行:新党员 ${a.counts.new},档案中已有 ${a.counts.existing},有错误 ${a.counts.errors}`);
        for (const pr of a.problems) env.out(`  ${pr.sheet} 第${pr.rowNumber}行 ${pr.name || '(无姓名)'}\t${pr.label}\t${pr.value}\t${pr.message}`);
        if (a.problemTotal > a.problems.length) env.out(`  ……另有 ${a.problemTotal - a.problems.length} 处问题未列出`);
        if (result) {
          env.out(`已导入:新增 ${result.inserted} 人,更新 ${result.updated} 人,未改动 ${result.skipped} 人,未导入(有错误)${result.errors} 行`);
          if (result.createdBranches.length) env.out(`新建党支部:${result.createdBranches.join('、')}`);
        } else env.out('试运行(--dry-run):未写入任何内容');
      }
      return 0;
    },
  },
  {
    name: 'export',
    sub: 'members',
    usage: `export members --out FILE.xlsx [--org ID] [--status ${VIEWS.join('|')}] [--columns a,b,… | --columns all] [--roster [--per-branch]]   导出 Excel / 花名册`,
    async run(env, p) {
      const out = flag(p, 'out');
      if (!out) throw new CliError('export members 需要 --out 文件名.xlsx');
      const status = flag(p, 'status') ?? 'roll';
      if (!(VIEWS as readonly string[]).includes(status)) throw new CliError(`--status 应为 ${VIEWS.join('|')} 之一,收到“${status}”`);
      // Loaded here, not with the command list: the export brings exceljs (≈0.4 s), which an import never needs.
      const { exportMembersXlsx, exportRosterXlsx, ALL_EXPORT_COLUMNS } = await import('../services/roster/rosterExport');
      const colFlag = flag(p, 'columns');
      const columns = colFlag === 'all' ? ALL_EXPORT_COLUMNS : colFlag?.split(',').map((c) => c.trim()).filter(Boolean);
      const ctx = serviceContext(env);
      const orgId = flag(p, 'org') ?? null;
      const r = p.flags.has('roster')
        ? await exportRosterXlsx(ctx, { orgId, view: status as MemberView, columns, perBranch: p.flags.has('per-branch') })
        : await exportMembersXlsx(ctx, { query: { orgId, view: status as MemberView, sort: [{ colId: 'orgName', sort: 'asc' }] }, columns });
      writeFileAtomic(out, r.bytes, { mode: 0o644 });
      env.out(`已导出 ${r.rows} 名党员到 ${out}`);
      return 0;
    },
  },
];
