// 设岗定责, 公开承诺 and 党建联系点: the year's figures, the posts of members without office, each member's
// commitment of the year with its review, the leaders' contact points; a form for each and the A4 roster.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { call, messageOf, type CallOutput } from '../../api';
import { PrintPreview, type PrintDocument } from '../../components/PrintPreview';
import { useErrorToast, useToast } from '../../lib/toasts';
import { useCall } from '../../lib/useCall';
import type { PracticeTabProps } from './practiceTabs';
import { PracticeGrid } from './PracticeGrid';
import { CareMemberPicker, type PickedMember } from './CareMemberPicker';
import { useBranches } from './useBranches';

type Post = CallOutput<'pioneerPosts'>[number];
type Commitment = CallOutput<'commitments'>[number];
type Liaison = CallOutput<'liaisonPoints'>[number];
type View = 'posts' | 'commitments' | 'liaisons';
const KINDS = ['pioneer', 'area', 'volunteer'] as const;
const NO_POSTS: Post[] = [];
const NO_COMMITMENTS: Commitment[] = [];
const NO_LIAISONS: Liaison[] = [];
const RESULTS = ['fulfilled', 'partly', 'unfulfilled'] as const;

export function PostsTab({ year, today }: PracticeTabProps) {
  const { t } = useTranslation();
  const onToast = useToast();
  const toastError = useErrorToast();
  const [view, setView] = useState<View>('posts');
  const [form, setForm] = useState<null | 'post' | 'commitment' | 'liaison' | { review: Commitment } | { edit: Post }>(null);
  const [printing, setPrinting] = useState<(() => Promise<PrintDocument>) | null>(null);
  const [refresh, setRefresh] = useState(0);
  const { value: posts } = useCall('pioneerPosts', { year }, { initial: NO_POSTS, refresh, onError: toastError });
  const { value: commitments } = useCall('commitments', { year }, { initial: NO_COMMITMENTS, refresh, onError: toastError });
  const { value: liaisons } = useCall('liaisonPoints', { year }, { initial: NO_LIAISONS, refresh, onError: toastError });
  const { value: summary } = useCall('postsSummary', { year }, { refresh, onError: toastError });
  const saved = () => {
    setForm(null);
    setRefresh((r) => r + 1);
    onToast('info', t('practices.common.saved'));
  };
  const postColumns = useMemo<ColDef<Post>[]>(() => [
    { field: 'name', headerName: t('practicesCare.posts.member'), width: 100 },
    { field: 'orgName', headerName: t('practicesCare.training.branch'), flex: 1, minWidth: 200 },
    { colId: 'kind', headerName: t('practicesCare.posts.kind'), width: 120, valueGetter: (p) => (p.data ? t(`practicesCare.posts.kinds.${p.data.kind as 'pioneer'}`, { defaultValue: p.data.kindLabel }) : '') },
    { field: 'post', headerName: t('practicesCare.posts.post'), width: 170 },
    { field: 'area', headerName: t('practicesCare.posts.area'), width: 150 },
    { field: 'fromDate', headerName: t('practicesCare.posts.from'), width: 115 },
    { field: 'toDate', headerName: t('practicesCare.posts.to'), width: 115 },
  ], [t]);
  const commitmentColumns = useMemo<ColDef<Commitment>[]>(() => [
    { field: 'name', headerName: t('practicesCare.posts.member'), width: 100 },
    { field: 'orgName', headerName: t('practicesCare.training.branch'), width: 230 },
    { field: 'commitment', headerName: t('practicesCare.posts.commitment'), flex: 1, minWidth: 240, tooltipField: 'commitment' },
    { field: 'madeDate', headerName: t('practicesCare.posts.madeDate'), width: 115 },
    { headerName: t('practicesCare.posts.result'), width: 110, valueGetter: (p) => (p.data?.reviewResult ? t(`practicesCare.posts.results.${p.data.reviewResult as 'fulfilled'}`, { defaultValue: p.data.reviewLabel ?? '' }) : t('practicesCare.posts.notReviewed')) },
    { field: 'reviewDate', headerName: t('practicesCare.posts.reviewDate'), width: 115 },
  ], [t]);
  const liaisonColumns = useMemo<ColDef<Liaison>[]>(() => [
    { field: 'leaderName', headerName: t('practicesCare.posts.leader'), width: 110 },
    { field: 'leaderPost', headerName: t('practicesCare.posts.leaderPost'), width: 220 },
    { field: 'unit', headerName: t('practicesCare.posts.org'), flex: 1, minWidth: 220 },
    { field: 'fromDate', headerName: t('practicesCare.posts.since'), width: 115 },
    { field: 'toDate', headerName: t('practicesCare.posts.to'), width: 115 },
  ], [t]);
  const addLabel: Record<View, string> = { posts: t('practicesCare.posts.addPost'), commitments: t('practicesCare.posts.addCommitment'), liaisons: t('practicesCare.posts.addLiaison') };
  const formOf: Record<View, 'post' | 'commitment' | 'liaison'> = { posts: 'post', commitments: 'commitment', liaisons: 'liaison' };

  return (
    <div className="practices-tab" data-testid="posts-tab">
      {summary && (
        <div className="practices-cards" data-testid="posts-totals">
          {KINDS.map((k) => <div key={k} className="practices-card"><span>{t(`practicesCare.posts.kinds.${k}`)}</span><strong>{summary.byKind[k]}</strong></div>)}
          <div className="practices-card"><span>{t('practicesCare.posts.commitmentsCount')}</span><strong>{summary.commitments}</strong></div>
          <div className="practices-card"><span>{t('practicesCare.posts.reviewed')}</span><strong>{summary.reviewed}</strong></div>
          <div className="practices-card"><span>{t('practicesCare.posts.results.fulfilled')}</span><strong>{summary.byResult.fulfilled}</strong></div>
          <div className="practices-card"><span>{t('practicesCare.posts.liaisonsCount')}</span><strong>{summary.liaisonPoints}</strong></div>
        </div>
      )}
      <div className="toolbar practices-toolbar">
        <div className="chips">
          {(['posts', 'commitments', 'liaisons'] as const).map((v) => (
            <button key={v} type="button" className={`chip${view === v ? ' active' : ''}`} onClick={() => setView(v)} data-testid={`posts-view-${v}`}>{t(`practicesCare.posts.view.${v}`)}</button>
          ))}
        </div>
        <button type="button" className="btn primary" onClick={() => setForm(formOf[view])} data-testid="posts-add">{addLabel[view]}</button>
        <button type="button" className="btn" onClick={() => setPrinting(() => () => call('printPostsRoster', { year }))} data-testid="posts-print">{t('practicesCare.posts.printRoster')}</button>
      </div>
      {form === 'post' && <PostForm today={today} onCancel={() => setForm(null)} onSaved={saved} />}
      {form && typeof form === 'object' && 'edit' in form && <PostForm key={form.edit.id} post={form.edit} today={today} onCancel={() => setForm(null)} onSaved={saved} />}
      {form === 'commitment' && <CommitmentForm year={year} today={today} onCancel={() => setForm(null)} onSaved={saved} />}
      {form === 'liaison' && <LiaisonForm today={today} onCancel={() => setForm(null)} onSaved={saved} />}
      {form && typeof form === 'object' && 'review' in form && <ReviewForm key={form.review.id} commitment={form.review} today={today} onCancel={() => setForm(null)} onSaved={saved} />}
      {view === 'posts' && <PracticeGrid testId="posts-grid" rows={posts} columns={postColumns} rowId={(r) => r.id} height={440} onSelect={(r) => setForm({ edit: r })} />}
      {view === 'commitments' && <PracticeGrid testId="commitments-grid" rows={commitments} columns={commitmentColumns} rowId={(r) => r.id} height={440} onSelect={(r) => setForm({ review: r })} />}
      {view === 'liaisons' && <PracticeGrid testId="liaisons-grid" rows={liaisons} columns={liaisonColumns} rowId={(r) => r.id} height={440} />}
      {printing && <PrintPreview load={printing} onClose={() => setPrinting(null)} />}
    </div>
  );
}

function FormShell({ testId, error, onCancel, children }: { testId: string; error: string | null; onCancel: () => void; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {children}
      {error && <div className="alert error" role="alert" data-testid={`${testId}-error`}>{error}</div>}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>{t('practices.common.cancel')}</button>
        <button type="submit" className="btn primary" data-testid={`${testId}-save`}>{t('practices.common.save')}</button>
      </div>
    </>
  );
}

function useSubmit(run: () => Promise<unknown>, onSaved: () => void): [string | null, () => Promise<void>] {
  const [error, setError] = useState<string | null>(null);
  return [error, async () => {
    try {
      await run();
      onSaved();
    } catch (e) {
      setError(messageOf(e));
    }
  }];
}

/** A new post, or one clicked in the grid to correct it or to record the day its holder left it (离岗). */
function PostForm({ post, today, onCancel, onSaved }: { post?: Post; today: string; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [who, setWho] = useState<PickedMember[]>(post ? [{ id: post.memberId, name: post.name, orgName: post.orgName }] : []);
  const [v, setV] = useState({ kind: post?.kind ?? 'pioneer', post: post?.post ?? '', area: post?.area ?? '', fromDate: post?.fromDate ?? today, toDate: post?.toDate ?? '' });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const [error, submit] = useSubmit(() => call('savePioneerPost', { id: post?.id ?? null, memberId: who[0]?.id ?? '', ...v, toDate: v.toDate || null }), onSaved);
  return (
    <form className="practices-form" data-testid="post-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <FormShell testId="post" error={error} onCancel={onCancel}>
        <label>{t('practicesCare.posts.member')}</label>
        <CareMemberPicker value={who} onChange={setWho} single testId="post-picker" />
        <div className="practices-form-row">
          <label>{t('practicesCare.posts.kind')}<select value={v.kind} onChange={set('kind')} data-testid="post-kind">{KINDS.map((k) => <option key={k} value={k}>{t(`practicesCare.posts.kinds.${k}`)}</option>)}</select></label>
          <label>{t('practicesCare.posts.post')}<input value={v.post} onChange={set('post')} data-testid="post-post" /></label>
          <label>{t('practicesCare.posts.area')}<input value={v.area} onChange={set('area')} data-testid="post-area" /></label>
        </div>
        <div className="practices-form-row">
          <label>{t('practicesCare.posts.from')}<input type="date" value={v.fromDate} onChange={set('fromDate')} data-testid="post-from" /></label>
          <label>{t('practicesCare.posts.to')}<input type="date" value={v.toDate} onChange={set('toDate')} data-testid="post-to" /></label>
        </div>
      </FormShell>
    </form>
  );
}

function CommitmentForm({ year, today, onCancel, onSaved }: { year: number; today: string; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [who, setWho] = useState<PickedMember[]>([]);
  const [text, setText] = useState('');
  const [madeDate, setMadeDate] = useState(today.startsWith(String(year)) ? today : `${year}-02-01`);
  const [error, submit] = useSubmit(() => call('saveCommitment', { memberId: who[0]?.id ?? '', year, commitment: text, madeDate }), onSaved);
  return (
    <form className="practices-form" data-testid="commitment-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <FormShell testId="commitment" error={error} onCancel={onCancel}>
        <label>{t('practicesCare.posts.member')}</label>
        <CareMemberPicker value={who} onChange={setWho} single testId="commitment-picker" />
        <label>{t('practicesCare.posts.commitment')}<textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} data-testid="commitment-text" /></label>
        <label>{t('practicesCare.posts.madeDate')}<input type="date" value={madeDate} onChange={(e) => setMadeDate(e.target.value)} data-testid="commitment-date" /></label>
      </FormShell>
    </form>
  );
}

function ReviewForm({ commitment, today, onCancel, onSaved }: { commitment: Commitment; today: string; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [result, setResult] = useState(commitment.reviewResult ?? 'fulfilled');
  const [date, setDate] = useState(commitment.reviewDate ?? today);
  const [error, submit] = useSubmit(() => call('reviewCommitment', { id: commitment.id, result, date }), onSaved);
  return (
    <form className="practices-form" data-testid="review-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <FormShell testId="review" error={error} onCancel={onCancel}>
        <p><strong>{commitment.name}</strong> · {commitment.orgName}</p>
        <p className="small">{commitment.commitment}({commitment.madeDate})</p>
        <div className="practices-form-row">
          <label>{t('practicesCare.posts.result')}<select value={result} onChange={(e) => setResult(e.target.value)} data-testid="review-result">{RESULTS.map((r) => <option key={r} value={r}>{t(`practicesCare.posts.results.${r}`)}</option>)}</select></label>
          <label>{t('practicesCare.posts.reviewDate')}<input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="review-date" /></label>
        </div>
      </FormShell>
    </form>
  );
}

function LiaisonForm({ today, onCancel, onSaved }: { today: string; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const branches = useBranches();
  const [v, setV] = useState({ leaderName: '', leaderPost: '', orgId: '', unit: '', fromDate: today });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const [error, submit] = useSubmit(() => call('saveLiaisonPoint', { ...v, orgId: v.orgId || null, unit: v.unit || null }), onSaved);
  return (
    <form className="practices-form" data-testid="liaison-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <FormShell testId="liaison" error={error} onCancel={onCancel}>
        <div className="practices-form-row">
          <label>{t('practicesCare.posts.leader')}<input value={v.leaderName} onChange={set('leaderName')} data-testid="liaison-leader" /></label>
          <label>{t('practicesCare.posts.leaderPost')}<input value={v.leaderPost} onChange={set('leaderPost')} data-testid="liaison-post" /></label>
          <label>{t('practicesCare.posts.since')}<input type="date" value={v.fromDate} onChange={set('fromDate')} data-testid="liaison-from" /></label>
        </div>
        <div className="practices-form-row">
          <label>{t('practicesCare.posts.org')}
            <select value={v.orgId} onChange={set('orgId')} data-testid="liaison-org"><option value="">—</option>{branches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}</select>
          </label>
          <label>{t('practicesCare.posts.unit')}<input value={v.unit} onChange={set('unit')} data-testid="liaison-unit" /></label>
        </div>
      </FormShell>
    </form>
  );
}
