// 组织生活: a branch's 三会一课 and 主题党日 of the year — the figures (held against expected, each member's
// attendance rate), the meetings, one meeting's attendance and minutes (printable), and the form that
// records a meeting with attendance taken from the branch's list on the meeting's date.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { call, messageOf, type CallOutput } from '../../api';
import { PrintPreview, type PrintDocument } from '../../components/PrintPreview';
import { useErrorToast, useToast } from '../../lib/toasts';
import { useCall } from '../../lib/useCall';
import { useSession } from '../../lib/session';
import type { PracticeTabProps } from './practiceTabs';
import { PracticeGrid } from './PracticeGrid';
import { fileToInput, useBranches } from './useBranches';

type MeetingRow = CallOutput<'listMeetings'>[number];
type Meeting = CallOutput<'getMeeting'>;
const KINDS = ['congress', 'committee', 'group', 'lecture', 'theme_day'] as const;
const NO_MEETINGS: MeetingRow[] = [];
const NO_ABSENTEES: CallOutput<'orgLifeAbsentees'> = [];
const NO_ROSTER: CallOutput<'branchRoster'> = [];
const PRESENT = { status: 'present', reason: '' };
const NOT_THERE = { status: 'none', reason: '' };

export function OrgLifeTab({ year, today }: PracticeTabProps) {
  const { t } = useTranslation();
  const onToast = useToast();
  const toastError = useErrorToast();
  const branches = useBranches();
  const [chosenOrgId, setOrgId] = useState('');
  // Until the clerk picks one: the first branch with members.
  const orgId = chosenOrgId || (branches.find((b) => b.memberCount > 0) ?? branches[0])?.id || '';
  const [kind, setKind] = useState('');
  const [selected, setSelected] = useState<Meeting | null>(null);
  const [recording, setRecording] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const canWrite = useSession().can('write');
  const [printing, setPrinting] = useState<(() => Promise<PrintDocument>) | null>(null);
  const [refresh, setRefresh] = useState(0);

  const { value: rows } = useCall('listMeetings', orgId ? { year, orgId, kind: kind || null } : null, { initial: NO_MEETINGS, refresh, onError: toastError });
  const { value: figures } = useCall('branchYear', orgId ? { orgId, year } : null, { refresh, onError: toastError });
  const absenteesLoad = useCall('orgLifeAbsentees', {}, { initial: NO_ABSENTEES, refresh });
  const absentees = absenteesLoad.error ? NO_ABSENTEES : absenteesLoad.value;

  const open = useCallback((id: string) => call('getMeeting', { id }).then(setSelected, (e: unknown) => onToast('error', messageOf(e))), [onToast]);
  const columns = useMemo<ColDef<MeetingRow>[]>(() => [
    { field: 'date', headerName: t('practices.orgLife.date'), width: 130, sort: 'desc' },
    { colId: 'kind', headerName: t('practices.orgLife.kind'), width: 130, valueGetter: (p) => (p.data ? t(`practices.orgLife.kinds.${p.data.kind as 'congress'}`, { defaultValue: p.data.kindLabel }) : '') },
    { field: 'topic', headerName: t('practices.orgLife.topic'), flex: 1, minWidth: 180 },
    { field: 'presidedBy', headerName: t('practices.orgLife.presidedBy'), width: 110 },
    { headerName: t('practices.orgLife.attendance'), width: 230, valueGetter: (p) => (p.data ? t('practices.orgLife.counts', { present: p.data.present, leave: p.data.leave, absent: p.data.absent }) : '') },
  ], [t]);

  const absentHere = absentees.filter((a) => a.orgId === orgId);
  return (
    <div className="practices-tab" data-testid="orglife-tab">
      <div className="toolbar practices-toolbar">
        <select value={orgId} onChange={(e) => { setOrgId(e.target.value); setSelected(null); }} data-testid="orglife-branch" aria-label={t('practices.common.branch')}>
          {branches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
        </select>
        <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="orglife-kind" aria-label={t('practices.orgLife.kind')}>
          <option value="">{t('practices.orgLife.allKinds')}</option>
          {KINDS.map((k) => <option key={k} value={k}>{t(`practices.orgLife.kinds.${k}`)}</option>)}
        </select>
        <button type="button" className="btn primary" data-testid="orglife-record" onClick={() => setRecording(true)} disabled={!orgId}>{t('practices.orgLife.record')}</button>
      </div>
      {recording && orgId && (
        <MeetingForm orgId={orgId} today={today} onCancel={() => setRecording(false)} onSaved={(m) => { setRecording(false); setSelected(m); setRefresh((r) => r + 1); onToast('info', t('practices.common.saved')); }} />
      )}
      <div className="practices-columns">
        <div className="practices-main">
          <h3>{t('practices.orgLife.list')}</h3>
          <PracticeGrid testId="orglife-grid" rows={rows} columns={columns} rowId={(r) => r.id} selectedId={selected?.id} onSelect={(r) => void open(r.id)} height={320} />
          {selected && (
            <section className="practices-detail" data-testid="meeting-detail">
              <div className="practices-detail-head">
                <h3>{t(`practices.orgLife.kinds.${selected.kind as 'congress'}`, { defaultValue: selected.kindLabel })} · {selected.date} · {selected.topic}</h3>
                <span className="practices-detail-actions">
                  <button type="button" className="btn" data-testid="print-minutes" onClick={() => setPrinting(() => () => call('printMeetingMinutes', { id: selected.id }))}>{t('practices.orgLife.printMinutes')}</button>
                  {canWrite && <button type="button" className="btn" data-testid="meeting-correct" onClick={() => setCorrecting(true)}>{t('practices.orgLife.correct')}</button>}
                  {canWrite && <button type="button" className="btn danger-outline" data-testid="meeting-delete" onClick={() => setDeleting('')}>{t('practices.orgLife.delete')}</button>}
                </span>
              </div>
              {deleting !== null && (
                <div className="alert warn" data-testid="meeting-delete-confirm">
                  {t('practices.orgLife.deleteWarn')}
                  <input value={deleting} placeholder={t('practices.orgLife.deleteReason')} onChange={(e) => setDeleting(e.target.value)} data-testid="meeting-delete-reason" maxLength={500} />{' '}
                  <button type="button" className="btn" onClick={() => setDeleting(null)}>{t('practices.common.cancel')}</button>{' '}
                  <button
                    type="button"
                    className="btn danger"
                    data-testid="meeting-delete-submit"
                    onClick={() => call('deleteMeeting', { id: selected.id, reason: deleting }).then(() => { setDeleting(null); setSelected(null); setRefresh((r) => r + 1); onToast('info', t('practices.orgLife.deleted')); }, (e: unknown) => onToast('error', messageOf(e)))}
                  >
                    {t('practices.orgLife.delete')}
                  </button>
                </div>
              )}
              {correcting && (
                <MeetingForm orgId={selected.orgId} today={today} editing={selected} onCancel={() => setCorrecting(false)} onSaved={(m) => { setCorrecting(false); setSelected(m); setRefresh((r) => r + 1); onToast('info', t('practices.common.saved')); }} />
              )}
              <p className="muted small">{t('practices.orgLife.presidedBy')}:{selected.presidedBy}{selected.place ? ` · ${selected.place}` : ''} · {t('practices.orgLife.counts', { present: selected.present, leave: selected.leave, absent: selected.absent })}</p>
              <div className="practices-attendance">
                {(['present', 'leave', 'absent'] as const).map((s) => (
                  <div key={s}><strong>{t(`practices.orgLife.status.${s}`)}:</strong>{selected.attendance.filter((a) => a.status === s).map((a) => a.name + (a.reason ? `(${a.reason})` : '')).join('、') || '—'}</div>
                ))}
              </div>
              {selected.minutes && <pre className="practices-minutes">{selected.minutes}</pre>}
              {selected.files.length > 0 && <p className="small">{t('practices.orgLife.files')}:{selected.files.map((f) => f.fileName).join('、')}</p>}
            </section>
          )}
        </div>
        <aside className="practices-side">
          {figures && (
            <>
              <h3>{t('practices.orgLife.yearFigures', { year })}</h3>
              <table className="plain-table practices-figures" data-testid="orglife-figures">
                <thead><tr><th>{t('practices.orgLife.kind')}</th><th>{t('practices.orgLife.held')}</th><th>{t('practices.orgLife.expectedToDate')}</th><th>{t('practices.orgLife.expected')}</th></tr></thead>
                <tbody>
                  {figures.kinds.map((k) => (
                    <tr key={k.kind} data-testid={`figure-${k.kind}`} className={k.expectedToDate !== null && k.held < k.expectedToDate ? 'practices-short' : ''}>
                      <td>{t(`practices.orgLife.kinds.${k.kind as 'congress'}`, { defaultValue: k.label })}</td><td className="num">{k.held}</td><td className="num">{k.expectedToDate ?? '—'}</td><td className="num">{k.expected ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h3>{t('practices.orgLife.members')}</h3>
              <div className="practices-scroll">
                <table className="plain-table" data-testid="orglife-member-rates">
                  <thead><tr><th>{t('practices.orgLife.member')}</th><th>{t('practices.orgLife.meetings')}</th><th>{t('practices.orgLife.status.present')}</th><th>{t('practices.orgLife.status.leave')}</th><th>{t('practices.orgLife.status.absent')}</th><th>{t('practices.orgLife.rate')}</th></tr></thead>
                  <tbody>
                    {figures.members.map((m) => (
                      <tr key={m.memberId}><td>{m.name}</td><td className="num">{m.meetings}</td><td className="num">{m.present}</td><td className="num">{m.leave}</td><td className="num">{m.absent}</td><td className="num">{m.rate === null ? '—' : `${m.rate}%`}</td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {absentHere.length > 0 && (
            <div className="alert warn" data-testid="orglife-absentees">
              <strong>{t('practices.orgLife.absentees')}</strong>
              {absentHere.map((a) => <div key={a.memberId}>{t('practices.orgLife.absenteeLine', { name: a.name, org: a.orgName, from: a.firstAbsent, n: a.absences })}</div>)}
            </div>
          )}
        </aside>
      </div>
      {printing && <PrintPreview load={printing} onClose={() => setPrinting(null)} />}
    </div>
  );
}

function MeetingForm({ orgId, today, editing, onCancel, onSaved }: { orgId: string; today: string; editing?: Meeting; onCancel: () => void; onSaved: (m: Meeting) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string>(editing?.kind ?? 'congress');
  const [date, setDate] = useState(editing?.date ?? today);
  const [topic, setTopic] = useState(editing?.topic ?? '');
  const [presidedBy, setPresidedBy] = useState(editing?.presidedBy ?? '');
  const [place, setPlace] = useState(editing?.place ?? '');
  const [minutes, setMinutes] = useState(editing?.minutes ?? '');
  const [reason, setReason] = useState('');
  // Each member's attendance as marked here; present until marked otherwise (a correction starts from what was recorded).
  const [marks, setMarks] = useState<Record<string, { status: string; reason: string }>>(
    () => Object.fromEntries((editing?.attendance ?? []).map((a) => [a.memberId, { status: a.status, reason: a.reason ?? '' }])),
  );
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The branch's members on the meeting's date (a half-typed date asks nothing).
  const { value: roster } = useCall('branchRoster', /^\d{4}-\d{2}-\d{2}$/.test(date) ? { orgId, date } : null, { initial: NO_ROSTER, onError: setError });
  // A 支委会 is the committee's meeting: its members are listed, present until marked otherwise; without a
  // recorded committee the clerk picks the attendees from the branch.
  const committee = roster.filter((m) => m.committee);
  const shown = kind === 'committee' && committee.length ? committee : roster;
  const unmarked = editing || (kind === 'committee' && !committee.length) ? NOT_THERE : PRESENT;
  const markOf = (id: string) => marks[id] ?? unmarked;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const attendance = shown.filter((m) => markOf(m.id).status !== 'none').map((m) => ({ memberId: m.id, status: markOf(m.id).status, reason: markOf(m.id).reason || null }));
      const saved = editing
        ? await call('correctMeeting', { id: editing.id, kind, date, topic, presidedBy, place: place || null, minutes: minutes || null, attendance, reason })
        : await call('recordMeeting', { orgId, kind, date, topic, presidedBy, place: place || null, minutes: minutes || null, attendance, files: await Promise.all(files.map(fileToInput)) });
      onSaved(saved);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const wholeBranch = kind === 'congress' || kind === 'lecture' || kind === 'theme_day';
  return (
    <form className="practices-form" data-testid="meeting-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <div className="practices-form-row">
        <label>{t('practices.orgLife.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="meeting-kind">
            {KINDS.map((k) => <option key={k} value={k}>{t(`practices.orgLife.kinds.${k}`)}</option>)}
          </select>
        </label>
        <label>{t('practices.orgLife.date')}<input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="meeting-date" required /></label>
        <label>{t('practices.orgLife.presidedBy')}<input value={presidedBy} onChange={(e) => setPresidedBy(e.target.value)} data-testid="meeting-presided" required /></label>
        <label>{t('practices.orgLife.place')}<input value={place} onChange={(e) => setPlace(e.target.value)} data-testid="meeting-place" /></label>
      </div>
      <label>{t('practices.orgLife.topic')}<input value={topic} onChange={(e) => setTopic(e.target.value)} data-testid="meeting-topic" required /></label>
      <fieldset className="practices-roster" data-testid="meeting-roster">
        <legend>{t('practices.orgLife.attendance')}</legend>
        <p className="muted small" data-testid="roster-hint">
          {kind !== 'committee' ? t('practices.orgLife.rosterHint') : committee.length ? t('practices.orgLife.committeeHint', { n: committee.length }) : t('practices.orgLife.noCommitteeHint')}
        </p>
        {roster.length === 0 && <p className="muted">{t('practices.orgLife.rosterEmpty')}</p>}
        {shown.map((m) => (
          <div key={m.id} className="practices-roster-row" data-testid="roster-row">
            <span className="practices-roster-name">{m.name}</span>
            {(['present', 'leave', 'absent'] as const).map((s) => (
              <label key={s} className="inline">
                <input type="radio" name={`att-${m.id}`} value={s} checked={markOf(m.id).status === s} data-testid={`att-${s}`} onChange={() => setMarks({ ...marks, [m.id]: { ...markOf(m.id), status: s } })} />
                {t(`practices.orgLife.status.${s}`)}
              </label>
            ))}
            {!wholeBranch && (
              <label className="inline"><input type="radio" name={`att-${m.id}`} value="none" checked={markOf(m.id).status === 'none'} onChange={() => setMarks({ ...marks, [m.id]: { ...markOf(m.id), status: 'none' } })} />—</label>
            )}
            {markOf(m.id).status === 'leave' && <input className="practices-reason" placeholder={t('practices.orgLife.reason')} value={markOf(m.id).reason} data-testid="att-reason" onChange={(e) => setMarks({ ...marks, [m.id]: { ...markOf(m.id), reason: e.target.value } })} />}
          </div>
        ))}
      </fieldset>
      <label>{t('practices.orgLife.minutes')}<textarea rows={4} value={minutes} onChange={(e) => setMinutes(e.target.value)} data-testid="meeting-minutes" /></label>
      {editing ? (
        <label>{t('practices.orgLife.correctReason')} *<input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="meeting-reason" maxLength={500} /></label>
      ) : (
        <label>{t('practices.orgLife.files')}<input type="file" multiple accept=".pdf,.jpg,.jpeg,.png" data-testid="meeting-files" onChange={(e) => setFiles([...(e.target.files ?? [])])} /></label>
      )}
      {error && <div className="alert error" role="alert" data-testid="meeting-error">{error}</div>}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>{t('practices.common.cancel')}</button>
        <button type="submit" className="btn primary" disabled={busy} data-testid="meeting-save">{t('practices.common.save')}</button>
      </div>
    </form>
  );
}
