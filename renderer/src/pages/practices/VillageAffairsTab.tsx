// 五事工作法: the township's funnel of the year (提事 → 议事 → 修改完善 → 票决 → 通过 → 办结 → 监事, printable),
// the matters (by village), one matter's five steps and the form of its next step.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { call, messageOf, type CallOutput } from '../../api';
import { PrintPreview, type PrintDocument } from '../../components/PrintPreview';
import { useErrorToast, useToast } from '../../lib/toasts';
import { useCall } from '../../lib/useCall';
import type { PracticeTabProps } from './practiceTabs';
import { PracticeGrid } from './PracticeGrid';
import { useBranches } from './useBranches';

type Matter = CallOutput<'getMatter'>;
const NO_MATTERS: Matter[] = [];
type Step = 'discuss' | 'vote' | 'carry' | 'supervise' | 'stop';
const FUNNEL = ['proposed', 'discussed', 'amended', 'voted', 'passed', 'done', 'supervised', 'stopped', 'overdue'] as const;
const NEXT: Record<string, Step[]> = { proposed: ['discuss', 'stop'], discussed: ['vote', 'stop'], voted: ['carry', 'stop'], done: ['supervise'] };

export function VillageAffairsTab({ year, today }: PracticeTabProps) {
  const { t } = useTranslation();
  const onToast = useToast();
  const toastError = useErrorToast();
  const branches = useBranches();
  const villages = branches.filter((b) => b.sector === 'rural');
  const [orgId, setOrgId] = useState('');
  const [selected, setSelected] = useState<Matter | null>(null);
  const [proposing, setProposing] = useState(false);
  const [printing, setPrinting] = useState<(() => Promise<PrintDocument>) | null>(null);
  const [refresh, setRefresh] = useState(0);
  const { value: rows } = useCall('listMatters', { year, orgId: orgId || null }, { initial: NO_MATTERS, refresh, onError: toastError });
  const { value: summary } = useCall('affairsSummary', { year }, { refresh, onError: toastError });
  const changed = (m: Matter) => {
    setSelected(m);
    setRefresh((r) => r + 1);
  };

  const columns = useMemo<ColDef<Matter>[]>(() => [
    { field: 'proposedDate', headerName: t('practices.affairs.proposedDate'), width: 135, sort: 'desc' },
    { field: 'title', headerName: t('practices.affairs.title'), flex: 1, minWidth: 160 },
    { field: 'orgName', headerName: t('practices.affairs.village'), width: 230 },
    { colId: 'stage', headerName: t('practices.affairs.stage'), width: 175, valueGetter: (p) => (p.data ? t(`words.enums.matterStage.${p.data.stage}`, { defaultValue: p.data.stageLabel }) : '') },
    { field: 'deadline', headerName: t('practices.affairs.deadline'), width: 150, valueFormatter: (p) => (p.value ? `${p.value}${p.data?.overdue ? ` ${t('practices.affairs.overdue')}` : ''}` : '') },
  ], [t]);
  const funnelFor = orgId ? summary?.villages.find((v) => v.orgId === orgId) : summary?.township;
  const top = Math.max(1, funnelFor?.proposed ?? 0);

  return (
    <div className="practices-tab" data-testid="affairs-tab">
      <div className="toolbar practices-toolbar">
        <select value={orgId} onChange={(e) => { setOrgId(e.target.value); setSelected(null); }} data-testid="affairs-village" aria-label={t('practices.affairs.village')}>
          <option value="">{t('practices.common.allBranches')}</option>
          {villages.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
        </select>
        <button type="button" className="btn primary" data-testid="affairs-propose" onClick={() => setProposing(true)}>{t('practices.affairs.propose')}</button>
        <button type="button" className="btn" data-testid="affairs-print" onClick={() => setPrinting(() => () => call('printAffairsFunnel', { year }))}>{t('practices.affairs.printFunnel')}</button>
      </div>
      {funnelFor && (
        <div className="practices-funnel" data-testid="affairs-funnel">
          {FUNNEL.map((k) => (
            <div key={k} className={`practices-funnel-step practices-funnel-${k}`} data-testid={`funnel-${k}`}>
              <span className="practices-funnel-label">{t(`practices.affairs.funnel.${k}`)}</span>
              <span className="practices-funnel-bar"><span style={{ width: `${Math.round((funnelFor[k] / top) * 100)}%` }} /></span>
              <strong className="practices-funnel-n">{funnelFor[k]}</strong>
            </div>
          ))}
        </div>
      )}
      {proposing && <ProposeForm villages={villages} defaultOrgId={orgId} today={today} onCancel={() => setProposing(false)} onSaved={(m) => { setProposing(false); changed(m); onToast('info', t('practices.common.saved')); }} />}
      <div className="practices-columns">
        <div className="practices-main">
          <PracticeGrid testId="affairs-grid" rows={rows} columns={columns} rowId={(r) => r.id} selectedId={selected?.id} onSelect={setSelected} height={380} rowClass={(r) => (r.overdue ? 'practices-row-overdue' : undefined)} />
        </div>
        {selected && <MatterPanel key={selected.id + selected.stage} matter={selected} today={today} onChanged={changed} />}
      </div>
      {printing && <PrintPreview load={printing} onClose={() => setPrinting(null)} />}
    </div>
  );
}

function ProposeForm({ villages, defaultOrgId, today, onCancel, onSaved }: { villages: { id: string; name: string }[]; defaultOrgId: string; today: string; onCancel: () => void; onSaved: (m: Matter) => void }) {
  const { t } = useTranslation();
  const [orgId, setOrgId] = useState(defaultOrgId || villages[0]?.id || '');
  const [title, setTitle] = useState('');
  const [proposedBy, setProposedBy] = useState('');
  const [date, setDate] = useState(today);
  const [proposal, setProposal] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      onSaved(await call('proposeMatter', { orgId, title, proposedBy, date, proposal: proposal || null }));
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <form className="practices-form" data-testid="propose-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <div className="practices-form-row">
        <label>{t('practices.affairs.village')}
          <select value={orgId} onChange={(e) => setOrgId(e.target.value)} data-testid="propose-village">
            {villages.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        </label>
        <label>{t('practices.affairs.title')}<input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="propose-title" required /></label>
        <label>{t('practices.affairs.proposedBy')}<input value={proposedBy} onChange={(e) => setProposedBy(e.target.value)} data-testid="propose-by" required /></label>
        <label>{t('practices.affairs.proposedDate')}<input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="propose-date" required /></label>
      </div>
      <label>{t('practices.affairs.proposal')}<textarea rows={2} value={proposal} onChange={(e) => setProposal(e.target.value)} /></label>
      {error && <div className="alert error" role="alert" data-testid="propose-error">{error}</div>}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>{t('practices.common.cancel')}</button>
        <button type="submit" className="btn primary" data-testid="propose-save">{t('practices.common.save')}</button>
      </div>
    </form>
  );
}

function MatterPanel({ matter: m, today, onChanged }: { matter: Matter; today: string; onChanged: (m: Matter) => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step | null>(null);
  // The reason being typed for taking the latest step back; null while the box is closed.
  const [undoing, setUndoing] = useState<string | null>(null);
  const [undoError, setUndoError] = useState<string | null>(null);
  const canUndo = m.stage !== 'proposed' || !!m.handler;
  const done: [string, string | null, string][] = [
    [t('practices.affairs.propose'), m.proposedDate, `${m.proposedBy}${m.proposal ? `:${m.proposal}` : ''}`],
    [t('practices.affairs.steps.discuss'), m.discussedDate, `${m.amended ? t('practices.affairs.amended') : ''}${m.discussionOutcome ? ` ${m.discussionOutcome}` : ''}`],
    [t('practices.affairs.steps.vote'), m.voteDate, m.voteDate ? `${t('practices.affairs.votersPresent')} ${m.votersPresent},${t('practices.affairs.votesFor')} ${m.votesFor},${t('practices.affairs.votesAgainst')} ${m.votesAgainst},${t('practices.affairs.votesAbstain')} ${m.votesAbstain} — ${m.passed ? t('practices.affairs.passed') : t('practices.affairs.notPassed')}` : ''],
    [t('practices.affairs.steps.carry'), m.doneDate ?? (m.handler ? '' : null), m.handler ? `${t('practices.affairs.handler')} ${m.handler},${t('practices.affairs.deadline')} ${m.deadline}${m.overdue ? `(${t('practices.affairs.overdue')})` : ''}` : ''],
    [t('practices.affairs.steps.supervise'), m.supervisedDate, m.supervisedDate ? `${m.madePublic ? t('practices.affairs.madePublic') : ''}${m.satisfaction !== null ? `,${t('practices.affairs.satisfaction')} ${m.satisfaction}` : ''}` : ''],
  ];
  return (
    <aside className="practices-side" data-testid="matter-panel">
      <h3>{m.title} <span className="badge">{t(`words.enums.matterStage.${m.stage}`, { defaultValue: m.stageLabel })}</span></h3>
      <p className="muted small">{m.orgName}</p>
      <ol className="practices-steps" data-testid="matter-steps">
        {done.map(([label, date, text]) => (
          <li key={label} className={date !== null ? 'done' : ''}>
            <strong>{label}</strong> {date && <span className="muted">{date}</span>}
            {text && <div className="small">{text}</div>}
          </li>
        ))}
        {m.stage === 'stopped' && <li className="stopped"><strong>{t('practices.affairs.steps.stop')}</strong> <span className="muted">{m.stopDate}</span><div className="small">{m.stopReason}</div></li>}
      </ol>
      <div className="dev-actions">
        {(NEXT[m.stage] ?? []).map((s) => <button key={s} type="button" className="btn" data-testid={`step-${s}`} onClick={() => setStep(s)}>{t(`practices.affairs.steps.${s}`)}</button>)}
        {canUndo && <button type="button" className="btn danger-outline" data-testid="matter-undo" onClick={() => { setUndoing(''); setUndoError(null); }}>{t('practices.affairs.undo')}</button>}
      </div>
      {undoing !== null && (
        <div className="alert warn" data-testid="matter-undo-box">
          <div>{t('practices.affairs.undoHint')}</div>
          <input value={undoing} placeholder={t('practices.affairs.undoReason')} onChange={(e) => setUndoing(e.target.value)} data-testid="matter-undo-reason" maxLength={500} />{' '}
          <button type="button" className="btn" onClick={() => setUndoing(null)}>{t('practices.common.cancel')}</button>{' '}
          <button type="button" className="btn danger" data-testid="matter-undo-submit" onClick={() => call('undoMatterStep', { id: m.id, reason: undoing }).then((x) => { setUndoing(null); onChanged(x); }, (e: unknown) => setUndoError(messageOf(e)))}>
            {t('practices.affairs.undo')}
          </button>
          {undoError && <div className="field-error" role="alert" data-testid="matter-undo-error">{undoError}</div>}
        </div>
      )}
      {step && <StepForm matter={m} step={step} today={today} onCancel={() => setStep(null)} onDone={(x) => { setStep(null); onChanged(x); }} />}
    </aside>
  );
}

function StepForm({ matter, step, today, onCancel, onDone }: { matter: Matter; step: Step; today: string; onCancel: () => void; onDone: (m: Matter) => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(today);
  const [amended, setAmended] = useState(false);
  const [text, setText] = useState('');
  const [votes, setVotes] = useState({ votersPresent: '', votesFor: '', votesAgainst: '0', votesAbstain: '0' });
  const [handler, setHandler] = useState(matter.handler ?? '');
  const [deadline, setDeadline] = useState(matter.deadline ?? '');
  const [doneDate, setDoneDate] = useState('');
  const [madePublic, setMadePublic] = useState(true);
  const [satisfaction, setSatisfaction] = useState('');
  const [error, setError] = useState<string | null>(null);
  const n = (v: string) => Number(v || 0);
  const submit = async () => {
    setError(null);
    try {
      const id = matter.id;
      const r =
        step === 'discuss' ? await call('discussMatter', { id, date, amended, outcome: text || null })
        : step === 'vote' ? await call('voteMatter', { id, date, votersPresent: n(votes.votersPresent), votesFor: n(votes.votesFor), votesAgainst: n(votes.votesAgainst), votesAbstain: n(votes.votesAbstain) })
        : step === 'carry' ? await call('carryOutMatter', { id, handler, deadline, doneDate: doneDate || null })
        : step === 'supervise' ? await call('superviseMatter', { id, date, madePublic, satisfaction: satisfaction === '' ? null : n(satisfaction), note: text || null })
        : await call('stopMatter', { id, date, reason: text });
      onDone(r);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <form className="practices-form" data-testid="step-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h4>{t(`practices.affairs.steps.${step}`)}</h4>
      {step !== 'carry' && <label>{t('practices.common.date')}<input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="step-date" required /></label>}
      {step === 'discuss' && (
        <>
          <label className="inline"><input type="checkbox" checked={amended} onChange={(e) => setAmended(e.target.checked)} data-testid="step-amended" />{t('practices.affairs.amended')}</label>
          <label>{t('practices.affairs.outcome')}<input value={text} onChange={(e) => setText(e.target.value)} data-testid="step-text" /></label>
        </>
      )}
      {step === 'vote' && (
        <div className="vote-row">
          {(['votersPresent', 'votesFor', 'votesAgainst', 'votesAbstain'] as const).map((k) => (
            <label key={k}>{t(`practices.affairs.${k}`)}<input type="number" min={0} value={votes[k]} onChange={(e) => setVotes({ ...votes, [k]: e.target.value })} data-testid={`step-${k}`} /></label>
          ))}
        </div>
      )}
      {step === 'carry' && (
        <>
          <label>{t('practices.affairs.handler')}<input value={handler} onChange={(e) => setHandler(e.target.value)} data-testid="step-handler" required /></label>
          <label>{t('practices.affairs.deadline')}<input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} data-testid="step-deadline" required /></label>
          <label>{t('practices.affairs.doneDate')}<input type="date" value={doneDate} onChange={(e) => setDoneDate(e.target.value)} data-testid="step-done" /></label>
        </>
      )}
      {step === 'supervise' && (
        <>
          <label className="inline"><input type="checkbox" checked={madePublic} onChange={(e) => setMadePublic(e.target.checked)} data-testid="step-public" />{t('practices.affairs.madePublic')}</label>
          <label>{t('practices.affairs.satisfaction')}<input type="number" min={0} max={100} value={satisfaction} onChange={(e) => setSatisfaction(e.target.value)} data-testid="step-satisfaction" /></label>
        </>
      )}
      {step === 'stop' && <label>{t('practices.affairs.reason')}<input value={text} onChange={(e) => setText(e.target.value)} data-testid="step-text" required /></label>}
      {error && <div className="alert error" role="alert" data-testid="step-error">{error}</div>}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>{t('practices.common.cancel')}</button>
        <button type="submit" className="btn primary" data-testid="step-save">{t('practices.common.save')}</button>
      </div>
    </form>
  );
}
