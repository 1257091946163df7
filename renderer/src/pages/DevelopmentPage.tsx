// 发展党员: a board with one column per stage (入党申请人, 积极分子, 发展对象, 已接收), the person's record with the
// stage timeline and documents, and the dialog of the next transition. A refusal shows the rule's text and
// the dates in Chinese; an advisory rule's warning is shown after the step was recorded.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, messageOf, type CallOutput } from '../api';
import { PrintPreview, type PrintDocument } from '../components/PrintPreview';
import { useCall } from '../lib/useCall';
import { useSession } from '../lib/session';
import { MemberPicker, type PickedMember } from '../components/MemberPicker';
import { ApplicantDialog } from '../components/development/ApplicantDialog';
import { StepCorrectionDialog } from '../components/development/StepCorrectionDialog';

type Person = CallOutput<'listDevPeople'>[number];
type DevRecord = CallOutput<'getDevRecord'>;
type Action = 'talk' | 'activist' | 'review' | 'candidate' | 'politicalReview' | 'training' | 'publicity' | 'admit' | 'approve';

const NO_PEOPLE: Person[] = [];
const STAGES = ['applicant', 'activist', 'candidate', 'admitted'] as const;
const ACTIONS: Record<string, Action[]> = {
  applicant: ['talk', 'activist'],
  activist: ['review', 'politicalReview', 'training', 'candidate'],
  candidate: ['politicalReview', 'training', 'publicity', 'admit'],
  admitted: ['approve'],
};

export function DevelopmentPage({ focusId, onOpenMember }: { focusId?: string | null; onOpenMember: (memberId: string) => void }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<string | null>(focusId ?? null);
  const [error, setError] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);
  const { value: people } = useCall('listDevPeople', {}, { initial: NO_PEOPLE, refresh, onError: setError });
  const { value: record } = useCall('getDevRecord', selected ? { id: selected } : null, { refresh, onError: setError });
  const [adding, setAdding] = useState(false);
  const canWrite = useSession().can('write');

  return (
    <div className="development" data-testid="development-page">
      <div className="dev-heading">
        <h2>{t('development.heading')}</h2>
        {canWrite && (
          <button type="button" className="btn primary" data-testid="new-applicant" onClick={() => setAdding(true)}>
            {t('development.newApplicant')}
          </button>
        )}
      </div>
      {adding && (
        <ApplicantDialog
          onClose={() => setAdding(false)}
          onCreated={(id) => {
            setAdding(false);
            setSelected(id);
            setRefresh((r) => r + 1);
          }}
        />
      )}
      {error && <div className="alert error" role="alert">{error}</div>}
      <div className="dev-layout">
        <div className="dev-board">
          {STAGES.map((stage) => {
            const list = people.filter((p) => p.stage === stage);
            return (
              <section key={stage} className="dev-column" data-testid={`stage-${stage}`}>
                <h3>
                  {t(`development.stages.${stage}`)} <span className="badge">{list.length}</span>
                </h3>
                <ul>
                  {list.map((p) => (
                    <li key={p.id}>
                      <button type="button" className={`dev-card${p.id === selected ? ' active' : ''}`} data-testid="dev-card" onClick={() => setSelected(p.id)}>
                        <strong>{p.name}</strong>
                        <span className="muted small">{p.orgName}</span>
                        <span className="muted small">{t('development.appliedOn', { date: p.applicationDate })}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
        {/* Keyed by the person: another person opens with no warning or form left over from the last one. */}
        {record && <DevRecordPanel key={record.person.id} record={record} onChanged={() => setRefresh((r) => r + 1)} onOpenMember={onOpenMember} />}
      </div>
    </div>
  );
}

function DevRecordPanel({ record, onChanged, onOpenMember }: { record: DevRecord; onChanged: () => void; onOpenMember: (id: string) => void }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [printing, setPrinting] = useState<(() => Promise<PrintDocument>) | null>(null);
  const [fixing, setFixing] = useState<{ step: DevRecord['steps'][number]; mode: 'correct' | 'void' } | null>(null);
  const canWrite = useSession().can('write');
  const lastStanding = record.steps.filter((s) => !s.voidedAt).at(-1);
  const p = record.person;
  return (
    <aside className="dev-record" data-testid="dev-record">
      <h3>
        {p.name} <span className="badge">{t(`development.stages.${p.stage}` as 'development.stages.applicant')}</span>
      </h3>
      <p className="muted small">
        {p.orgName} · {p.idNumber}
      </p>
      {p.memberId && (
        <button type="button" className="btn" data-testid="open-member" onClick={() => onOpenMember(p.memberId!)}>
          {t('development.openMember')}
        </button>
      )}
      <div className="dev-actions dev-print-actions">
        {p.activistDate && (
          <button type="button" className="btn" data-testid="print-activist" onClick={() => setPrinting(() => () => call('printActivistRecord', { id: p.id }))}>
            {t('print.activistRecord')}
          </button>
        )}
        {p.stage === 'candidate' && (
          <button type="button" className="btn" data-testid="print-publicity" onClick={() => setPrinting(() => () => call('printPublicityNotice', { orgId: p.orgId }))}>
            {t('print.publicity')}
          </button>
        )}
      </div>
      {printing && <PrintPreview load={printing} onClose={() => setPrinting(null)} />}
      <div className="dev-actions">
        {(ACTIONS[p.stage] ?? []).filter((a) => !(a === 'approve' && p.approvalDate)).map((a) => (
          <button key={a} type="button" className="btn" data-testid={`action-${a}`} onClick={() => { setWarnings([]); setAction(a); }}>
            {t(`development.actions.${a}`)}
          </button>
        ))}
      </div>
      {warnings.length > 0 && (
        <div className="alert warn" data-testid="dev-warnings">
          {warnings.map((w) => <div key={w}>{w}</div>)}
        </div>
      )}
      {action && (
        <TransitionForm
          person={p}
          action={action}
          onCancel={() => setAction(null)}
          onDone={(w) => {
            setAction(null);
            setWarnings(w);
            onChanged();
          }}
        />
      )}
      <h4>{t('development.timeline')}</h4>
      <ol className="dev-timeline" data-testid="dev-timeline">
        {record.steps.map((s) => (
          <li key={s.id} className={s.voidedAt ? 'voided' : ''} data-testid="dev-step">
            <span className="date">{s.stepDate}</span> <strong>{s.label}</strong>
            {s.decidedBy && <span className="muted"> · {s.decidedBy}</span>}
            {s.voidedAt ? (
              <div className="small muted" data-testid="dev-step-voided">{t('development.fix.voided', { date: s.voidedAt.slice(0, 10), reason: s.voidReason ?? '' })}</div>
            ) : canWrite && (
              <span className="dev-step-actions">
                <button type="button" className="link" data-testid="dev-step-correct" onClick={() => setFixing({ step: s, mode: 'correct' })}>{t('development.fix.correct')}</button>
                {s.id === lastStanding?.id && !['apply', 'admit', 'approve'].includes(s.kind) && (
                  <button type="button" className="link" data-testid="dev-step-void" onClick={() => setFixing({ step: s, mode: 'void' })}>{t('development.fix.void')}</button>
                )}
              </span>
            )}
            {s.documents.map((d) => (
              <div key={d.id} className="small muted">{t('development.document')}:{d.name} · {d.docDate}{d.fileName ? ` · ${d.fileName}` : ''}</div>
            ))}
            {!s.voidedAt && s.warnings.map((w) => <div key={w} className="small warn-text">⚠ {w}</div>)}
          </li>
        ))}
      </ol>
      {fixing && (
        <StepCorrectionDialog
          step={fixing.step}
          mode={fixing.mode}
          latest={fixing.step.id === lastStanding?.id}
          onClose={() => setFixing(null)}
          onDone={(w) => {
            setFixing(null);
            setWarnings(w);
            onChanged();
          }}
        />
      )}
    </aside>
  );
}

function TransitionForm({ person, action, onCancel, onDone }: { person: Person; action: Action; onCancel: () => void; onDone: (warnings: string[]) => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState('');
  const [decidedBy, setDecidedBy] = useState('');
  const [docName, setDocName] = useState('');
  const [hours, setHours] = useState('24');
  const [endDate, setEndDate] = useState('');
  const [chosen, setChosen] = useState<PickedMember[]>([]);
  const [vote, setVote] = useState({ entitled: '', present: '', yes: '', no: '0', abstain: '0' });
  const [error, setError] = useState<string | null>(null);
  const needsMembers = action === 'activist' || action === 'admit';

  const submit = useCallback(async () => {
    setError(null);
    const base = { id: person.id, date, decidedBy: decidedBy || null, documents: docName ? [{ name: docName, date }] : [] };
    try {
      const n = (v: string) => Number(v || 0);
      const r =
        action === 'talk' ? await call('recordTalk', base)
        : action === 'activist' ? await call('makeActivist', { ...base, contacts: chosen.map((m) => m.id) })
        : action === 'review' ? await call('recordActivistReview', base)
        : action === 'candidate' ? await call('makeCandidate', base)
        : action === 'politicalReview' ? await call('recordPoliticalReview', base)
        : action === 'training' ? await call('recordTraining', { ...base, hours: n(hours) })
        : action === 'publicity' ? await call('recordPublicity', { ...base, endDate })
        : action === 'admit' ? await call('admitProbationary', { ...base, introducers: chosen.map((m) => m.id), vote: { entitled: n(vote.entitled), present: n(vote.present), yes: n(vote.yes), no: n(vote.no), abstain: n(vote.abstain) } })
        : await call('approveAdmission', base);
      onDone(r.warnings);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [action, chosen, date, decidedBy, docName, endDate, hours, onDone, person.id, vote]);

  return (
    <form className="dev-form" data-testid="transition-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h4>{t(`development.actions.${action}`)}</h4>
      <label>
        {action === 'admit' ? t('development.meetingDate') : action === 'publicity' ? t('development.startDate') : t('development.date')}
        <input type="date" data-testid="transition-date" value={date} onChange={(e) => setDate(e.target.value)} required />
      </label>
      {action === 'publicity' && (
        <label>
          {t('development.endDate')}
          <input type="date" data-testid="transition-end" value={endDate} onChange={(e) => setEndDate(e.target.value)} required />
        </label>
      )}
      {action === 'training' && (
        <label>
          {t('development.hours')}
          <input type="number" min={1} data-testid="transition-hours" value={hours} onChange={(e) => setHours(e.target.value)} />
        </label>
      )}
      {needsMembers && (
        <MemberPicker
          orgId={person.orgId}
          chosen={chosen}
          onChange={setChosen}
          max={action === 'admit' ? 3 : 5}
          testId="transition-members"
          label={action === 'admit' ? t('development.introducers') : t('development.contacts')}
        />
      )}
      {action === 'admit' && (
        <div className="vote-row">
          {(['entitled', 'present', 'yes', 'no', 'abstain'] as const).map((k) => (
            <label key={k}>
              {t(`development.vote.${k}`)}
              <input type="number" min={0} data-testid={`vote-${k}`} value={vote[k]} onChange={(e) => setVote({ ...vote, [k]: e.target.value })} />
            </label>
          ))}
        </div>
      )}
      <label>
        {t('development.decidedBy')}
        <input data-testid="transition-decided" value={decidedBy} onChange={(e) => setDecidedBy(e.target.value)} />
      </label>
      <label>
        {t('development.document')}
        <input data-testid="transition-doc" value={docName} onChange={(e) => setDocName(e.target.value)} placeholder={t('development.documentHint')} />
      </label>
      {error && <div className="alert error" role="alert" data-testid="transition-error">{error}</div>}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>{t('common.cancel')}</button>
        <button type="submit" className="btn primary" data-testid="transition-submit">{t('form.save')}</button>
      </div>
    </form>
  );
}
