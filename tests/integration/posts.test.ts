// 设岗定责, 公开承诺 and 党建联系点 against a real archive file: posts only for members without office and on the
// roll, one commitment per member and year with its review, leaders' contact points, each refusal in Chinese
// leaving nothing written, and the summary figures recomputed from the raw rows with plain SQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveSubRecord } from '../../electron/services/members/subRecords';
import {
  deletePost, listCommitments, listLiaisons, listPosts, postsSummary, reviewCommitment, saveCommitment, saveLiaison, savePost, type PostInput,
} from '../../electron/services/practices/posts';
import { careTownship, refusal, snapshot, type CareTownship } from '../support/careFixture';

let c: CareTownship;
const TABLES = ['pioneer_posts', 'member_commitments', 'liaison_points'];
const post = (over: Partial<PostInput> = {}): PostInput => ({ memberId: c.zhang, kind: 'pioneer', post: '环境卫生监督岗', area: '村东片区', fromDate: '2026-03-01', ...over });

beforeEach(async () => {
  c = await careTownship();
});
afterEach(async () => {
  await c.t.close();
});

describe('设岗定责', () => {
  it('records posts and lists those held during the year', async () => {
    const p = await savePost(c.t.ctx, post());
    expect(p).toMatchObject({ name: '张建国', kindLabel: '党员先锋岗', post: '环境卫生监督岗', area: '村东片区', toDate: null });
    await savePost(c.t.ctx, post({ memberId: c.li, kind: 'volunteer', post: '政策宣传志愿服务', fromDate: '2024-05-01', toDate: '2025-12-31' }));
    await savePost(c.t.ctx, post({ memberId: c.wang, kind: 'area', post: '党员责任区', fromDate: '2025-01-01', toDate: '2026-01-10' }));
    expect((await listPosts(c.t.ctx, 2026)).map((x) => x.name).sort()).toEqual(['张建国', '王志强']);
    expect((await listPosts(c.t.ctx, 2025)).map((x) => x.name).sort()).toEqual(['李秀英', '王志强']);
    const moved = await savePost(c.t.ctx, post({ id: p.id, toDate: '2026-10-31' }));
    expect(moved.toDate).toBe('2026-10-31');
    await deletePost(c.t.ctx, p.id);
    expect((await listPosts(c.t.ctx, 2026)).map((x) => x.name)).toEqual(['王志强']);
    const actions = (await c.t.archive.query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'pioneer_posts' ORDER BY id")).map((r) => r.action);
    expect(actions).toEqual(['post.create', 'post.create', 'post.create', 'post.update', 'post.delete']);
  });

  it('refuses a member holding an office, one who left or had not joined, and bad dates, writing nothing', async () => {
    await saveSubRecord(c.t.ctx, { kind: 'posts', memberId: c.li, values: { title: '村党支部书记', fromDate: '2021-01-05' } });
    const before = await snapshot(c.t, TABLES);
    expect(await refusal(savePost(c.t.ctx, post({ memberId: c.li })))).toContain('李秀英自 2021-01-05 起任村党支部书记,设岗定责面向无职党员');
    expect(await refusal(savePost(c.t.ctx, post({ memberId: c.gone })))).toContain('钱已故已于 2026-03-01 死亡,不能设岗定责');
    expect(await refusal(savePost(c.t.ctx, post({ memberId: c.late })))).toContain('孙新党于 2026-07-01 入党');
    expect(await refusal(savePost(c.t.ctx, post({ memberId: 'nobody' })))).toContain('档案中没有这名党员(nobody)');
    expect(await refusal(savePost(c.t.ctx, post({ fromDate: '2026-02-29' })))).toContain('上岗日期“2026-02-29”不是有效日期');
    expect(await refusal(savePost(c.t.ctx, post({ toDate: '2026-02-01' })))).toContain('离岗日期 2026-02-01 早于上岗日期 2026-03-01');
    expect(await refusal(savePost(c.t.ctx, post({ kind: 'boss', post: '' })))).toMatch(/请选择岗位类别.*请填写岗位名称/);
    expect(await snapshot(c.t, TABLES)).toEqual(before);
  });
});

describe('公开承诺', () => {
  it('one commitment per member and year, reviewed later', async () => {
    const cm = await saveCommitment(c.t.ctx, { memberId: c.zhang, year: 2026, commitment: '带头清理村内河道,帮扶一户困难群众', madeDate: '2026-02-15' });
    const again = await saveCommitment(c.t.ctx, { memberId: c.zhang, year: 2026, commitment: '带头清理村内河道,帮扶两户困难群众', madeDate: '2026-02-16' });
    expect(again.id).toBe(cm.id);
    const reviewed = await reviewCommitment(c.t.ctx, { id: cm.id, result: 'fulfilled', date: '2026-11-20', note: '支部党员大会评议' });
    expect(reviewed).toMatchObject({ reviewLabel: '已兑现', reviewDate: '2026-11-20', commitment: '带头清理村内河道,帮扶两户困难群众' });
    expect((await listCommitments(c.t.ctx, 2026)).length).toBe(1);
    expect(await listCommitments(c.t.ctx, 2025)).toEqual([]);
  });

  it('refuses a commitment dated outside its year, a review before the commitment, an exited member', async () => {
    const cm = await saveCommitment(c.t.ctx, { memberId: c.zhang, year: 2026, commitment: '承诺', madeDate: '2026-02-15' });
    const before = await snapshot(c.t, TABLES);
    expect(await refusal(saveCommitment(c.t.ctx, { memberId: c.li, year: 2026, commitment: '承诺', madeDate: '2025-12-30' }))).toContain('承诺日期 2025-12-30 不在 2026 年内');
    expect(await refusal(saveCommitment(c.t.ctx, { memberId: c.gone, year: 2026, commitment: '承诺', madeDate: '2026-04-01' }))).toContain('钱已故已于 2026-03-01 死亡');
    expect(await refusal(saveCommitment(c.t.ctx, { memberId: c.li, year: 2026, commitment: ' ', madeDate: '2026-04-01' }))).toContain('请填写承诺内容');
    expect(await refusal(reviewCommitment(c.t.ctx, { id: cm.id, result: 'fulfilled', date: '2026-02-01' }))).toContain('评议日期 2026-02-01 早于承诺日期 2026-02-15');
    expect(await refusal(reviewCommitment(c.t.ctx, { id: cm.id, result: 'great', date: '2026-11-01' }))).toContain('请选择评议结果');
    expect(await snapshot(c.t, TABLES)).toEqual(before);
  });
});

describe('党建联系点', () => {
  it('links a leader to an organization of the archive (its name as the unit) or to a unit outside it', async () => {
    const a = await saveLiaison(c.t.ctx, { leaderName: '刘书记', leaderPost: '镇党委书记', orgId: c.branchId, fromDate: '2025-03-01' });
    expect(a.unit).toBe('中共后李村支部委员会');
    await saveLiaison(c.t.ctx, { leaderName: '陈镇长', leaderPost: '镇党委副书记、镇长', unit: '寿光市蔬菜产业协会', fromDate: '2026-01-10', toDate: '2026-12-31' });
    await saveLiaison(c.t.ctx, { leaderName: '周委员', leaderPost: '组织委员', unit: '东城社区', fromDate: '2023-01-01', toDate: '2024-12-31' });
    expect((await listLiaisons(c.t.ctx, 2026)).map((l) => l.leaderName)).toEqual(['刘书记', '陈镇长']);
    const before = await snapshot(c.t, TABLES);
    expect(await refusal(saveLiaison(c.t.ctx, { leaderName: '刘书记', leaderPost: '镇党委书记', fromDate: '2026-01-01' }))).toContain('请选择联系的党组织或填写联系单位');
    expect(await refusal(saveLiaison(c.t.ctx, { leaderName: '刘书记', leaderPost: '镇党委书记', orgId: 'x-org', fromDate: '2026-01-01' }))).toContain('档案中没有这个党组织(x-org)');
    expect(await refusal(saveLiaison(c.t.ctx, { leaderName: '', leaderPost: '镇党委书记', unit: '某村', fromDate: '2026-01-01', toDate: '2025-01-01' }))).toMatch(/请填写领导姓名.*结束日期 2025-01-01 早于建立日期 2026-01-01/);
    expect(await snapshot(c.t, TABLES)).toEqual(before);
  });
});

describe('the summary', () => {
  it('agrees with plain SQL over the raw rows', async () => {
    await savePost(c.t.ctx, post());
    await savePost(c.t.ctx, post({ kind: 'volunteer', post: '志愿服务队', fromDate: '2026-05-01' }));
    await savePost(c.t.ctx, post({ memberId: c.wang, kind: 'area', post: '责任区', fromDate: '2025-01-01', toDate: '2025-12-31' }));
    await savePost(c.t.ctx, post({ memberId: c.old, kind: 'area', post: '责任区', fromDate: '2025-01-01' }));
    await saveCommitment(c.t.ctx, { memberId: c.zhang, year: 2026, commitment: '一', madeDate: '2026-02-01' });
    const cm = await saveCommitment(c.t.ctx, { memberId: c.li, year: 2026, commitment: '二', madeDate: '2026-02-01' });
    await reviewCommitment(c.t.ctx, { id: cm.id, result: 'partly', date: '2026-11-01' });
    await saveCommitment(c.t.ctx, { memberId: c.li, year: 2025, commitment: '旧', madeDate: '2025-02-01' });
    await saveLiaison(c.t.ctx, { leaderName: '刘书记', leaderPost: '镇党委书记', orgId: c.branchId, fromDate: '2025-03-01' });
    await saveLiaison(c.t.ctx, { leaderName: '刘书记', leaderPost: '镇党委书记', unit: '东城社区', fromDate: '2026-03-01' });
    const s = await postsSummary(c.t.ctx, 2026);
    const raw = await c.t.archive.queryOne<{ posts: number; members: number; area: number; commitments: number; reviewed: number; partly: number; liaisons: number; leaders: number }>(
      `SELECT (SELECT count(*) FROM pioneer_posts WHERE from_date <= '2026-12-31' AND (to_date IS NULL OR to_date >= '2026-01-01')) AS posts,
              (SELECT count(DISTINCT member_id) FROM pioneer_posts WHERE from_date <= '2026-12-31' AND (to_date IS NULL OR to_date >= '2026-01-01')) AS members,
              (SELECT count(*) FROM pioneer_posts WHERE kind = 'area' AND from_date <= '2026-12-31' AND (to_date IS NULL OR to_date >= '2026-01-01')) AS area,
              (SELECT count(*) FROM member_commitments WHERE year = 2026) AS commitments,
              (SELECT count(*) FROM member_commitments WHERE year = 2026 AND review_result IS NOT NULL) AS reviewed,
              (SELECT count(*) FROM member_commitments WHERE year = 2026 AND review_result = 'partly') AS partly,
              (SELECT count(*) FROM liaison_points WHERE from_date <= '2026-12-31' AND (to_date IS NULL OR to_date >= '2026-01-01')) AS liaisons,
              (SELECT count(DISTINCT leader_name) FROM liaison_points WHERE from_date <= '2026-12-31' AND (to_date IS NULL OR to_date >= '2026-01-01')) AS leaders`,
    );
    expect([s.posts, s.membersWithPost, s.byKind.area, s.commitments, s.reviewed, s.byResult.partly, s.liaisonPoints, s.liaisonLeaders]).toEqual([
      raw!.posts, raw!.members, raw!.area, raw!.commitments, raw!.reviewed, raw!.partly, raw!.liaisons, raw!.leaders,
    ]);
    expect([s.posts, s.membersWithPost, s.commitments, s.liaisonPoints, s.liaisonLeaders]).toEqual([3, 2, 2, 2, 1]);
  });
});
