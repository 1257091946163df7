// `npm run cli -- print activist|publicity|full-vote|reviews`: the development and yearly-work forms
// written without a window, as a real process.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../db/connection';
import { archiveFile } from '../../electron/services/core/dataDir';
import { initTownship } from '../../electron/services/core/settings';
import { loadDemoTownship } from '../../electron/services/demo/demoTownship';
import { listDevPeople } from '../../electron/services/development/pipeline';
import { createMember } from '../../electron/services/members/members';
import { confirmFullMembership } from '../../electron/services/members/life/probation';
import { makeIdNumber } from '../../electron/services/members/idNumber';
import { tempDir } from '../support/tempArchive';
import { runCli } from '../support/cli';

const cli = (dataDir: string, ...args: string[]) => runCli(dataDir, args);

let dir: string;
let activist: { id: string; name: string; idNumber: string };
let applicant: { id: string; name: string };
let candidate: { name: string; orgId: string; idNumber: string };
let member: { id: string; name: string };
let reviewed: { orgId: string; name: string };

beforeAll(async () => {
  dir = tempDir('pr-devprint-');
  const archive = await openArchive(archiveFile(dir));
  const ctx = { archive, actor: 'test', today: '2026-11-28' };
  await initTownship(ctx, { code: '370783101', name: '东城镇', role: 'township' });
  await loadDemoTownship(ctx, { members: 500, seed: 9 });
  activist = (await listDevPeople(ctx, { stage: 'activist' }))[0];
  applicant = (await listDevPeople(ctx, { stage: 'applicant' }))[0];
  candidate = (await listDevPeople(ctx, { stage: 'candidate' }))[0];
  member = await createMember(ctx, {
    name: '吴转正', gender: '1', idNumber: makeIdNumber('370783', '1992-02-03', 51), ethnicity: '01', birthDate: '1992-02-03', education: '50', category: 'probationary',
    orgId: candidate.orgId, joinDate: '2025-11-01', fullDate: null, occupation: '2',
  });
  await confirmFullMembership(ctx, member.id, { meetingDate: '2026-11-05', vote: { entitled: 12, present: 10, yes: 9, no: 0, abstain: 1 } });
  reviewed = (await archive.queryOne<{ orgId: string; name: string }>(
    "SELECT a.org_id AS orgId, m.name AS name FROM appraisals a JOIN members m ON m.id = a.member_id WHERE a.year = 2026 AND a.grade = 'excellent' LIMIT 1"))!;
  await archive.close();
}, 180_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run cli -- print (development forms)', () => {
  it('print activist ID --html FILE writes the 培养考察登记表, and names a person who is not an activist', () => {
    const file = path.join(dir, 'activist.html');
    const r = cli(dir, 'print', 'activist', activist.id, '--html', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const html = fs.readFileSync(file, 'utf8');
    for (const s of ['入党积极分子培养考察登记表', activist.name, activist.idNumber]) expect(html).toContain(s);
    const bad = cli(dir, 'print', 'activist', applicant.id, '--html', file);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`${applicant.name}目前是入党申请人`);
  }, 60_000);

  it('print publicity --org ID --html FILE writes the branch’s 公示 without ID numbers', () => {
    const file = path.join(dir, 'publicity.html');
    expect(cli(dir, 'print', 'publicity', '--org', candidate.orgId, '--html', file).code).toBe(0);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('发展对象公示');
    expect(html).toContain(candidate.name);
    expect(html).not.toContain(candidate.idNumber);
    expect(cli(dir, 'print', 'publicity', '--html', file).err).toContain('--org');
  }, 60_000);

  it('print full-vote ID --html FILE writes the 转正表决结果', () => {
    const file = path.join(dir, 'vote.html');
    expect(cli(dir, 'print', 'full-vote', member.id, '--html', file).code).toBe(0);
    const html = fs.readFileSync(file, 'utf8');
    for (const s of ['预备党员转正表决结果', member.name, '2026-11-05', '12 人', '9 票', '通过']) expect(html).toContain(s);
  }, 60_000);

  it('print reviews --org ID --year N --html FILE writes the 民主评议 results', () => {
    const file = path.join(dir, 'reviews.html');
    expect(cli(dir, 'print', 'reviews', '--org', reviewed.orgId, '--year', '2026', '--html', file).code).toBe(0);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('2026年度民主评议党员结果');
    expect(html).toContain(reviewed.name);
    expect(cli(dir, 'print', 'reviews', '--org', reviewed.orgId, '--html', file).err).toContain('--year');
  }, 60_000);
});
