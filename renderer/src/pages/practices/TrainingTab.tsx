// 培训: the year's figures, the sessions (grid, the chosen one's attendees, its 签到表 print, the form to record
// or correct a session with its attendees) and the hours per member against the yearly target.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { call, messageOf, type CallOutput } from '../../api';
import { PrintPreview, type PrintDocument } from '../../components/PrintPreview';
import { useErrorToast, useToast } from '../../lib/toasts';
import { useCall, useLoad } from '../../lib/useCall';
import type { PracticeTabProps } from './practiceTabs';
import { PracticeGrid } from './PracticeGrid';
import { CareMemberPicker, type PickedMember } from './CareMemberPicker';

type Session = CallOutput<'trainingSessions'>[number];
const NO_SESSIONS: Session[] = [];
type SessionDetail = CallOutput<'getTrainingSession'>;
type Hours = CallOutput<'trainingHours'>;
const PLACE_KINDS = ['party_school', 'remote_site', 'outside_base'] as const;

export function TrainingTab({ year, today }: PracticeTabProps) {
  const { t } = useTranslation();
  const onToast = useToast();
  const toastError = useErrorToast();
  const [view, setView] = useState<'sessions' | 'members'>('sessions');
  const [selected, setSelected] = useState<SessionDetail | null>(null);
  const [editing, setEditing] = useState<SessionDetail | 'new' | null>(null);
  const [printing, setPrinting] = useState<(() => Promise<PrintDocument>) | null>(null);
  const [refresh, setRefresh] = useState(0);
  const { value: sessions } = useCall('trainingSessions', { year }, { initial: NO_SESSIONS, refresh, onError: toastError });
  const { value: summary } = useCall('trainingSummary', { year }, { refresh, onError: toastError });

  const open = (id: string) => call('getTrainingSession', { id }).then(setSelected, (e: unknown) => onToast('error', messageOf(e)));
  // The reason typed for deleting the chosen session; null while no deletion is asked for.
  const [deleting, setDeleting] = useState<string | null>(null);
  const remove = async (id: string, reason: string) => {
    try {
      await call('deleteTrainingSession', { id, reason });
      setDeleting(null);
      setSelected(null);
      setRefresh((r) => r + 1);
      onToast('info', t('practicesCare.training.deleted'));
    } catch (e) {
      onToast('error', messageOf(e));
    }
  };
  const columns = useMemo<ColDef<Session>[]>(() => [
    { field: 'date', headerName: t('practicesCare.training.date'), width: 135, sort: 'desc' },
    { field: 'topic', headerName: t('practicesCare.training.topic'), flex: 1, minWidth: 200 },
    { colId: 'placeKind', headerName: t('practicesCare.training.placeKind'), width: 130, valueGetter: (p) => (p.data ? t(`practicesCare.training.placeKinds.${p.data.placeKind as (typeof PLACE_KINDS)[number]}`, { defaultValue: p.data.placeKindLabel }) : '') },
    { field: 'place', headerName: t('practicesCare.training.place'), width: 200 },
    { field: 'hours', headerName: t('practicesCare.training.hours'), width: 80, type: 'numericColumn' },
    { field: 'attendees', headerName: t('practicesCare.training.attendees'), width: 100, type: 'numericColumn' },
    { field: 'organizer', headerName: t('practicesCare.training.organizer'), width: 170 },
  ], [t]);

  return (
    <div className="practices-tab" data-testid="training-tab">
      {summary && (
        <div className="practices-cards" data-testid="training-totals">
          {([
            ['sessions', summary.sessions], ['personTimes', summary.personTimes], ['personHours', summary.personHours], ['membersTrained', summary.membersTrained],
            ['target', summary.target], ['belowTarget', summary.belowTarget],
          ] as const).map(([k, v]) => (
            <div key={k} className="practices-card"><span>{t(`practicesCare.training.${k}`)}</span><strong>{v}</strong></div>
          ))}
        </div>
      )}
      <div className="toolbar practices-toolbar">
        <div className="chips">
          {(['sessions', 'members'] as const).map((v) => (
            <button key={v} type="button" className={`chip${view === v ? ' active' : ''}`} onClick={() => setView(v)} data-testid={`training-view-${v}`}>{t(`practicesCare.training.view.${v}`)}</button>
          ))}
        </div>
        {view === 'sessions' && <button type="button" className="btn primary" onClick={() => setEditing('new')} data-testid="training-record">{t('practicesCare.training.record')}</button>}
      </div>
      {editing && (
        <SessionForm
          session={editing === 'new' ? null : editing}
          today={today}
          onCancel={() => setEditing(null)}
          onSaved={(s) => {
            setEditing(null);
            setSelected(s);
            setRefresh((r) => r + 1);
            onToast('info', t('practices.common.saved'));
          }}
        />
      )}
      {view === 'sessions' && (
        <div className="practices-columns">
          <div className="practices-main">
            <PracticeGrid testId="training-grid" rows={sessions} columns={columns} rowId={(r) => r.id} selectedId={selected?.id} onSelect={(r) => { setDeleting(null); void open(r.id); }} height={440} />
          </div>
          {selected && (
            <aside className="practices-side" data-testid="training-panel">
              <h3>{selected.topic}</h3>
              <p className="small">{selected.date} · {t(`practicesCare.training.placeKinds.${selected.placeKind as (typeof PLACE_KINDS)[number]}`, { defaultValue: selected.placeKindLabel })} · {selected.place} · {selected.hours} {t('practicesCare.training.hours')} · {selected.organizer}</p>
              <div className="dev-actions">
                <button type="button" className="btn" onClick={() => setPrinting(() => () => call('printTrainingSignIn', { id: selected.id }))} data-testid="training-print">{t('practicesCare.training.printSheet')}</button>
                <button type="button" className="btn" onClick={() => setEditing(selected)} data-testid="training-edit">{t('practicesCare.training.correct')}</button>
                <button type="button" className="btn danger-outline" onClick={() => setDeleting('')} data-testid="training-delete">{t('practicesCare.training.delete')}</button>
              </div>
              {deleting !== null && (
                <div className="alert warn" data-testid="training-delete-confirm">
                  <p>{t('practicesCare.training.deleteWarn')}</p>
                  <input value={deleting} placeholder={t('practicesCare.training.deleteReason')} onChange={(e) => setDeleting(e.target.value)} data-testid="training-delete-reason" maxLength={500} />{' '}
                  <button type="button" className="btn" onClick={() => setDeleting(null)}>{t('practices.common.cancel')}</button>{' '}
                  <button type="button" className="btn danger" data-testid="training-delete-submit" onClick={() => void remove(selected.id, deleting)}>{t('practicesCare.training.delete')}</button>
                </div>
              )}
              <h4>{t('practicesCare.training.attendeeList')}({selected.attendeeList.length})</h4>
              <ul className="care-names" data-testid="training-attendees">
                {selected.attendeeList.map((a) => <li key={a.memberId} title={a.orgName}>{a.name}</li>)}
              </ul>
            </aside>
          )}
        </div>
      )}
      {view === 'members' && <MemberHours year={year} onTargetChanged={() => setRefresh((r) => r + 1)} />}
      {printing && <PrintPreview load={printing} onClose={() => setPrinting(null)} />}
    </div>
  );
}

function MemberHours({ year, onTargetChanged }: { year: number; onTargetChanged: () => void }) {
  const { t } = useTranslation();
  const onToast = useToast();
  const [onlyBelow, setOnlyBelow] = useState(true);
  const [refresh, setRefresh] = useState(0);
  // The report, and the target as typed (each new report shows the archive's target again).
  const { value: hours, setValue } = useLoad(
    () => call('trainingHours', { year, onlyBelow }).then((r) => ({ report: r, target: String(r.target) })),
    `hours ${year} ${onlyBelow} ${refresh}`,
    { onError: (message) => onToast('error', message) },
  );
  const report: Hours | null = hours?.report ?? null;
  const target = hours?.target ?? '';
  const setTarget = (text: string) => setValue((h) => h && { ...h, target: text });
  const saveTarget = async () => {
    try {
      await call('setTrainingTarget', { hours: Number(target) });
      setRefresh((r) => r + 1);
      onTargetChanged();
    } catch (e) {
      onToast('error', messageOf(e));
    }
  };
  const columns = useMemo<ColDef<Hours['rows'][number]>[]>(() => [
    { field: 'name', headerName: t('practicesCare.training.memberName'), width: 120 },
    { field: 'orgName', headerName: t('practicesCare.training.branch'), flex: 1, minWidth: 220 },
    { field: 'sessions', headerName: t('practicesCare.training.memberSessions'), width: 110, type: 'numericColumn' },
    { field: 'hours', headerName: t('practicesCare.training.memberHours'), width: 120, type: 'numericColumn', sort: 'asc' },
  ], [t]);
  if (!report) return null;
  return (
    <div data-testid="training-members">
      <div className="toolbar practices-toolbar">
        <strong data-testid="training-below-heading">{t('practicesCare.training.belowHeading', { year, target: report.target, n: report.belowTarget })}</strong>
        <label className="care-inline"><input type="checkbox" checked={onlyBelow} onChange={(e) => setOnlyBelow(e.target.checked)} data-testid="training-only-below" />{t('practicesCare.training.onlyBelow')}</label>
        <label className="care-inline">{t('practicesCare.training.target')}<input type="number" min={1} max={200} value={target} onChange={(e) => setTarget(e.target.value)} style={{ width: 70 }} data-testid="training-target" /></label>
        <button type="button" className="btn" onClick={() => void saveTarget()} disabled={target === String(report.target)} data-testid="training-target-save">{t('practicesCare.training.setTarget')}</button>
      </div>
      <PracticeGrid testId="training-hours-grid" rows={report.rows} columns={columns} rowId={(r) => r.memberId} height={440} rowClass={(r) => (r.belowTarget ? 'care-row-below' : undefined)} />
    </div>
  );
}

function SessionForm({ session, today, onCancel, onSaved }: { session: SessionDetail | null; today: string; onCancel: () => void; onSaved: (s: SessionDetail) => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    date: session?.date ?? today, topic: session?.topic ?? '', placeKind: session?.placeKind ?? 'party_school', place: session?.place ?? '', hours: session ? String(session.hours) : '', organizer: session?.organizer ?? '',
  });
  const [attendees, setAttendees] = useState<PickedMember[]>(session?.attendeeList.map((a) => ({ id: a.memberId, name: a.name, orgName: a.orgName })) ?? []);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = async () => {
    try {
      onSaved(await call('saveTrainingSession', {
        id: session?.id ?? null, ...v, hours: v.hours.trim() === '' || Number.isNaN(Number(v.hours)) ? null : Number(v.hours), attendeeIds: attendees.map((a) => a.id), reason: session ? reason : null,
      }));
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <form className="practices-form" data-testid="training-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <div className="practices-form-row">
        <label>{t('practicesCare.training.date')}<input type="date" value={v.date} onChange={set('date')} data-testid="training-date" /></label>
        <label className="care-wide">{t('practicesCare.training.topic')}<input value={v.topic} onChange={set('topic')} data-testid="training-topic" /></label>
        <label>{t('practicesCare.training.hours')}<input inputMode="decimal" value={v.hours} onChange={set('hours')} data-testid="training-hours" /></label>
      </div>
      <div className="practices-form-row">
        <label>{t('practicesCare.training.placeKind')}
          <select value={v.placeKind} onChange={set('placeKind')} data-testid="training-place-kind">
            {PLACE_KINDS.map((k) => <option key={k} value={k}>{t(`practicesCare.training.placeKinds.${k}`)}</option>)}
          </select>
        </label>
        <label>{t('practicesCare.training.place')}<input value={v.place} onChange={set('place')} data-testid="training-place" /></label>
        <label>{t('practicesCare.training.organizer')}<input value={v.organizer} onChange={set('organizer')} data-testid="training-organizer" /></label>
      </div>
      <label>{t('practicesCare.training.attendeeList')}</label>
      <CareMemberPicker value={attendees} onChange={setAttendees} testId="training-picker" />
      {session && <label>{t('practicesCare.training.correctReason')} *<input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="training-reason" maxLength={500} /></label>}
      {error && <div className="alert error" role="alert" data-testid="training-error">{error}</div>}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>{t('practices.common.cancel')}</button>
        <button type="submit" className="btn primary" data-testid="training-save">{t('practices.common.save')}</button>
      </div>
    </form>
  );
}
