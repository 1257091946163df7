// 档案材料 (一人一盒): the scanned documents of a member's paper file, each filed under its document type
// (the index of the box). Content is stored once, addressed by its SHA-256, under files/ beside the
// archive (path.dirname(archive.file)/files/<sha256>): written to a temporary name, fsynced, renamed,
// so a crash never leaves a half-written file under a real name. The row is written only after the
// content is safely on disk; removing a document removes the row (history and audit keep it), never
// the content, which other rows or older exports may still reference.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { newId } from '../core/ids';
import { writeFileAtomic } from '../core/atomicFile';
import { nowIso, todayOf, type ServiceContext } from '../core/context';
import { DomainError, ValidationError, notFound } from '../core/errors';
import { isCode, labelOf } from '../core/codes';
import { getMemberRow } from './members';
import { cleanText, recordLifeChange } from './life/lifeCommon';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** What the viewer can show; the content must match its declared type. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
};

export interface MemberFileMeta {
  id: string;
  memberId: string;
  docType: string;
  title: string | null;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export function filesDir(ctx: ServiceContext): string {
  return path.join(path.dirname(ctx.archive.file), 'files');
}

/** Store content under its hash (idempotent): temp name → fsync → rename → fsync the folder. */
export function storeContent(dir: string, content: Buffer): string {
  const sha = crypto.createHash('sha256').update(content).digest('hex');
  const final = path.join(dir, sha);
  if (fs.existsSync(final) && fs.statSync(final).size === content.length) return sha;
  writeFileAtomic(final, content);
  return sha;
}

const META = 'id, member_id AS memberId, doc_type AS docType, title, file_name AS fileName, mime, size, sha256, created_at AS createdAt';

export interface AddFileInput {
  memberId: string;
  docType: string;
  title?: string | null;
  fileName: string;
  mime: string;
  contentBase64: string;
}

export async function addMemberFile(ctx: ServiceContext, input: AddFileInput): Promise<MemberFileMeta> {
  const problems = [];
  if (!isCode('documentType', input.docType)) problems.push({ field: 'docType', message: '请选择材料类别' });
  const fileName = cleanText(input.fileName)?.replace(/[\\/]/g, '_') ?? '';
  if (!fileName) problems.push({ field: 'file', message: '请选择要上传的文件' });
  const check = SIGNATURES[input.mime];
  if (!check) problems.push({ field: 'file', message: '只能上传 PDF、JPG 或 PNG 格式的扫描件' });
  const content = Buffer.from(input.contentBase64 ?? '', 'base64');
  if (content.length === 0) problems.push({ field: 'file', message: '文件是空的' });
  else if (content.length > MAX_FILE_BYTES) problems.push({ field: 'file', message: `文件太大(${(content.length / 1048576).toFixed(1)} MB),单个文件最大 20 MB` });
  else if (check && !check(content)) problems.push({ field: 'file', message: `文件内容不是 ${input.mime === 'application/pdf' ? 'PDF' : input.mime === 'image/png' ? 'PNG' : 'JPG'} 格式,可能已损坏或扩展名不对` });
  if (problems.length) throw new ValidationError(problems, '不能上传');
  const member = await getMemberRow(ctx, input.memberId);
  const sha = storeContent(filesDir(ctx), content);
  const id = newId();
  await ctx.archive.transaction(async () => {
    await getMemberRow(ctx, member.id);
    const seq = await ctx.archive.changeSeq();
    const title = cleanText(input.title);
    await ctx.archive.run('INSERT INTO member_files(id, member_id, doc_type, title, file_name, mime, size, sha256, seq, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)', [
      id, member.id, input.docType, title, fileName, input.mime, content.length, sha, seq, nowIso(),
    ]);
    await recordLifeChange(ctx, {
      memberId: member.id, kind: 'file', eventDate: todayOf(ctx), summary: `归档材料:${labelOf('documentType', input.docType)}(${fileName})`,
      before: null, after: { fileId: id, docType: input.docType, title, fileName, mime: input.mime, size: content.length, sha256: sha }, action: 'file.add', entity: 'member_files', entityId: id,
    });
  });
  return getMemberFileMeta(ctx, id);
}

export async function getMemberFileMeta(ctx: ServiceContext, id: string): Promise<MemberFileMeta> {
  const row = await ctx.archive.queryOne<MemberFileMeta>(`SELECT ${META} FROM member_files WHERE id = ?`, [id]);
  if (!row) throw notFound('档案材料', id);
  return row;
}

/** The content for the viewer, checked against its hash (a damaged file is reported, not shown). */
export async function getMemberFileContent(ctx: ServiceContext, id: string): Promise<MemberFileMeta & { contentBase64: string }> {
  const meta = await getMemberFileMeta(ctx, id);
  const file = path.join(filesDir(ctx), meta.sha256);
  if (!fs.existsSync(file)) throw new DomainError('not_found', `档案材料“${meta.fileName}”的文件不在 files 文件夹中(${meta.sha256.slice(0, 12)}…),请从备份恢复`);
  const content = fs.readFileSync(file);
  if (crypto.createHash('sha256').update(content).digest('hex') !== meta.sha256) {
    throw new DomainError('conflict', `档案材料“${meta.fileName}”的文件已损坏(内容与登记的校验值不符),请从备份恢复`);
  }
  return { ...meta, contentBase64: content.toString('base64') };
}

export async function removeMemberFile(ctx: ServiceContext, id: string, reason?: string | null): Promise<void> {
  await ctx.archive.transaction(async () => {
    const meta = await getMemberFileMeta(ctx, id);
    await ctx.archive.changeSeq();
    await ctx.archive.run('DELETE FROM member_files WHERE id = ?', [id]);
    const why = cleanText(reason);
    await recordLifeChange(ctx, {
      memberId: meta.memberId, kind: 'file', eventDate: todayOf(ctx), summary: `移除材料:${labelOf('documentType', meta.docType)}(${meta.fileName})${why ? `,原因:${why}` : ''}`,
      before: { ...meta }, after: why ? { deleted: true, reason: why } : { deleted: true }, action: 'file.remove', entity: 'member_files', entityId: id,
    });
  });
}

/** What every member's box should hold; a formal member's also holds the 转正申请书. */
export function requiredDocuments(category: string): string[] {
  const base = ['application', 'activist_record', 'political_review', 'volunteer_form'];
  return category === 'formal' ? [...base, 'full_application'] : base;
}

export interface MemberFilesView {
  files: MemberFileMeta[];
  checklist: { docType: string; present: boolean }[];
  missing: string[];
}

export async function listMemberFiles(ctx: ServiceContext, memberId: string): Promise<MemberFilesView> {
  const member = await getMemberRow(ctx, memberId);
  const files = await ctx.archive.query<MemberFileMeta>(`SELECT ${META} FROM member_files WHERE member_id = ? ORDER BY doc_type, created_at`, [memberId]);
  const have = new Set(files.map((f) => f.docType));
  const checklist = requiredDocuments(member.category).map((docType) => ({ docType, present: have.has(docType) }));
  return { files, checklist, missing: checklist.filter((c) => !c.present).map((c) => c.docType) };
}
