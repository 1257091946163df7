// 导入花名册 and Excel export from the command line:
//   import FILE [--sheet NAME] [--map field=header …] [--duplicates skip|fillEmpty|overwrite] [--org ID] [--dry-run] [--json]
//   export members --out FILE.xlsx [--org ID] [--status …] [--columns a,b,…] [--roster] [--per-branch] [--layout national]
// The CLI reads the file and sends its bytes through the same calls as the window (the window sends the
// bytes of the file the clerk picked): a dry run is the window's analysis; an import keeps the file and
// runs the window's import job on it at once, in one pass. The import is one transaction; progress goes
// to stderr. An export comes back as the window's download and is written to the file named.
import fs from 'node:fs';
import path from 'node:path';
import { CliError, flag } from './args';
import type { CliCommand, CliEnv } from './command';
import type { Parsed } from './args';
import { followJob } from './jobs';
import type { CallInput, CallOutput } from '../api/contract';
import { writeFileAtomic } from '../services/core/atomicFile';
import { ROSTER_FIELDS, type RosterField } from '../services/roster/rosterFields';
import type { ImportResult } from '../services/roster/rosterImport';
import { MAX_UPLOAD_BYTES } from '../services/roster/uploads';

const VIEWS = ['roll', 'exited', 'all', 'probationary', 'mobile', 'lost', 'lostReview', 'hardship', 'transferPending'] as const;
type ImportOptions = NonNullable<CallInput<'startImport'>['options']>;
type DuplicateMode = NonNullable<ImportOptions['duplicateMode']>;
type MemberView = (typeof VIEWS)[number];

/** The file's bytes as the calls take them, refused here when too big to send. */
function readRoster(file: string): { fileName: string; base64: string } {
  const size = fs.statSync(file).size;
  if (size > MAX_UPLOAD_BYTES) throw new CliError(`文件“${file}”太大(${(size / 1048576).toFixed(0)} MB,最大 ${MAX_UPLOAD_BYTES / 1048576} MB)`);
  return { fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64') };
}

function writeXlsx(env: CliEnv, out: string, file: CallOutput<'exportMembers'>): number {
  writeFileAtomic(out, Buffer.from(file.base64, 'base64'), { mode: 0o644 });
  env.out(`已导出 ${file.rows} 名党员到 ${out}`);
  return 0;
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
    name: 'undo-import',
    usage: 'undo-import [--check]                                     撤销上一次导入(--check 只说明能否撤销);导入的党员有过修改后不能撤销',
    async run(env, p) {
      const last = await env.call('lastImport', {});
      if (!last) {
        env.err('没有可以撤销的导入');
        return 1;
      }
      if (p.flags.has('check') || last.refusal) {
        env.out(`上一次导入:${last.fileName}(${last.at.slice(0, 16).replace('T', ' ')},新建 ${last.inserted} 名党员)`);
        if (last.refusal) env.err(last.refusal);
        else env.out('可以撤销');
        return last.refusal ? 1 : 0;
      }
      const r = await env.call('undoLastImport', {});
      env.out(`已撤销导入 ${r.fileName}:删除导入的 ${r.members} 名党员${r.organizations ? `和导入时新建的 ${r.organizations} 个党组织` : ''}`);
      return 0;
    },
  },
  {
    name: 'import',
    usage: 'import FILE [--sheet NAME] [--map field=header …] [--duplicates skip|fillEmpty|overwrite] [--org ID] [--dry-run] [--json]   导入花名册(.xlsx/.xls/.csv)',
    async run(env, p) {
      const file = p.positional[1];
      if (!file) throw new CliError('import 需要文件名:import 花名册.xlsx');
      if (!fs.existsSync(file)) throw new CliError(`找不到文件“${file}”`);
      const options = importOptions(p);
      const json = p.flags.has('json');
      // A dry run analyses; a real run imports in one pass and reports the same problems (the file is
      // read once: a 150,000-row roster takes seconds to read).
      let result: ImportResult | null = null;
      let a;
      if (p.flags.has('dry-run')) a = await env.call('analyseImport', { file: readRoster(file), options });
      else {
        const { analysisId } = await env.call('uploadImportFile', { file: readRoster(file) });
        let last = 0;
        const started = await env.call('startImport', { analysisId, options });
        result = (await followJob(env, started, (s) => {
          const now = Date.now();
          if (now - last > 200 || s.done === s.total) {
            last = now;
            env.err(`进度 ${s.done}/${s.total} ${s.message ?? ''}`);
          }
        })) as ImportResult;
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
    usage: `export members --out FILE.xlsx [--org ID] [--status ${VIEWS.join('|')}] [--columns a,b,… | --columns all] [--roster [--per-branch] | --layout national]   导出 Excel / 花名册 / 全国党员管理信息系统格式`,
    async run(env, p) {
      const out = flag(p, 'out');
      if (!out) throw new CliError('export members 需要 --out 文件名.xlsx');
      const status = flag(p, 'status') ?? 'roll';
      if (!(VIEWS as readonly string[]).includes(status)) throw new CliError(`--status 应为 ${VIEWS.join('|')} 之一,收到“${status}”`);
      const layout = flag(p, 'layout');
      if (layout !== undefined && layout !== 'national') throw new CliError(`--layout 只能是 national(全国党员管理信息系统的党员信息库格式),收到“${layout}”`);
      const orgId = flag(p, 'org') ?? null;
      const view = status as MemberView;
      if (layout === 'national') {
        if (p.flags.has('roster') || flag(p, 'columns')) throw new CliError('--layout national 的列和顺序是全国系统规定的,不能与 --roster 或 --columns 同用');
        return writeXlsx(env, out, await env.call('exportMembersNational', { orgId, view }));
      }
      const colFlag = flag(p, 'columns');
      // Loaded here, not with the command list: the export's module brings exceljs, which most commands never need.
      const columns = colFlag === 'all' ? (await import('../services/roster/rosterExport')).ALL_EXPORT_COLUMNS : colFlag?.split(',').map((c) => c.trim()).filter(Boolean);
      return writeXlsx(
        env,
        out,
        p.flags.has('roster')
          ? await env.call('exportRoster', { orgId, view, columns, perBranch: p.flags.has('per-branch') })
          : await env.call('exportMembers', { query: { orgId, view, sort: [{ colId: 'orgName', sort: 'asc' }] }, columns }),
      );
    },
  },
];
