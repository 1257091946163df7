// 党内关爱: the year's figures, the aid given (grid and the form to record one), the funds' ledger of the year
// (with income entries, a new fund, and the A4 台账), and the members due a visit this month (a click records
// the visit for that member).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { call, messageOf, type CallOutput } from '../../api';
import { PrintPreview, type PrintDocument } from '../../components/PrintPreview';
import { formatYuan, parseYuan } from '../../lib/money';
import { useErrorToast, useToast } from '../../lib/toasts';
import { useCall } from '../../lib/useCall';
import type { PracticeTabProps } from './practiceTabs';
import { PracticeGrid } from './PracticeGrid';
import { CareMemberPicker, type PickedMember } from './CareMemberPicker';

type Aid = CallOutput<'careAids'>[number];
type Due = CallOutput<'careDueVisits'>;
type Fund = CallOutput<'careFunds'>[number];
const KINDS = ['condolence', 'medical', 'housing', 'festival'] as const;
const NO_AIDS: Aid[] = [];
const NO_FUNDS: Fund[] = [];
/** 元 typed by the clerk → 分, a minus sign kept so that the archive refuses it by name. */
const fenOf = (v: string) => parseYuan(v, { allowMinus: true });

export function CareTab({ year, today }: PracticeTabProps) {
  const { t } = useTranslation();
  const onToast = useToast();
  const toastError = useErrorToast();
  const [view, setView] = useState<'aids' | 'ledger' | 'due'>('aids');
  const [form, setForm] = useState<null | { kind: 'aid'; member?: PickedMember; reason?: string; correcting?: Aid } | { kind: 'income' } | { kind: 'fund' }>(null);
  // The aid chosen in the grid, and the reason typed for deleting it (null: no deletion asked for).
  const [chosen, setChosen] = useState<Aid | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [printing, setPrinting] = useState<(() => Promise<PrintDocument>) | null>(null);
  const [refresh, setRefresh] = useState(0);
  const { value: aids } = useCall('careAids', { year }, { initial: NO_AIDS, refresh, onError: toastError });
  const { value: summary } = useCall('careSummary', { year }, { refresh, onError: toastError });
  const { value: ledger } = useCall('careLedger', { year }, { refresh, onError: toastError });
  const { value: due } = useCall('careDueVisits', {}, { refresh, onError: toastError });
  const { value: funds } = useCall('careFunds', {}, { initial: NO_FUNDS, refresh, onError: toastError });
  const saved = () => {
    setForm(null);
    setChosen(null);
    setRefresh((r) => r + 1);
    onToast('info', t('practices.common.saved'));
  };
  const aidColumns = useMemo<ColDef<Aid>[]>(() => [
    { field: 'date', headerName: t('practicesCare.care.date'), width: 125, sort: 'desc' },
    { field: 'name', headerName: t('practicesCare.care.member'), width: 100 },
    { field: 'orgName', headerName: t('practicesCare.training.branch'), flex: 1, minWidth: 180 },
    { colId: 'kind', headerName: t('practicesCare.care.kind'), width: 110, valueGetter: (p) => (p.data ? t(`practicesCare.care.kinds.${p.data.kind as (typeof KINDS)[number]}`, { defaultValue: p.data.kindLabel }) : '') },
    { field: 'amountFen', headerName: t('practicesCare.care.amount'), width: 110, type: 'numericColumn', valueFormatter: (p) => (p.value ? formatYuan(p.value as number) : '') },
    { field: 'fundName', headerName: t('practicesCare.care.fund'), width: 160 },
    { field: 'reason', headerName: t('practicesCare.care.reason'), width: 150 },
    { field: 'givenBy', headerName: t('practicesCare.care.givenBy'), width: 150 },
  ], [t]);
  const dueColumns = useMemo<ColDef<Due['rows'][number]>[]>(() => [
    { field: 'name', headerName: t('practicesCare.care.member'), width: 100 },
    { field: 'orgName', headerName: t('practicesCare.training.branch'), flex: 1, minWidth: 180 },
    { field: 'joinDate', headerName: t('fields.joinDate'), width: 115 },
    { headerName: t('practicesCare.care.reasons'), width: 260, valueGetter: (p) => p.data?.reasons.join('、') },
    { field: 'lastAidDate', headerName: t('practicesCare.care.lastAid'), width: 115 },
    { headerName: t('practicesCare.care.visited'), width: 130, valueGetter: (p) => (p.data?.visitedThisMonth ? '✓' : '') },
  ], [t]);

  return (
    <div className="practices-tab" data-testid="care-tab">
      {summary && (
        <div className="practices-cards" data-testid="care-totals">
          <div className="practices-card"><span>{t('practicesCare.care.aids')}</span><strong>{summary.aids}</strong></div>
          <div className="practices-card"><span>{t('practicesCare.care.helped')}</span><strong>{summary.membersHelped}</strong></div>
          <div className="practices-card"><span>{t('practicesCare.care.amountTotal')}</span><strong>{formatYuan(summary.amountFen)}</strong></div>
          {KINDS.map((k) => <div key={k} className="practices-card"><span>{t(`practicesCare.care.kinds.${k}`)}</span><strong>{summary.byKind[k].count}</strong></div>)}
          <div className="practices-card"><span>{t('practicesCare.care.closing')}</span><strong>{formatYuan(summary.balanceFen)}</strong></div>
        </div>
      )}
      <div className="toolbar practices-toolbar">
        <div className="chips">
          {(['aids', 'ledger', 'due'] as const).map((v) => (
            <button key={v} type="button" className={`chip${view === v ? ' active' : ''}`} onClick={() => setView(v)} data-testid={`care-view-${v}`}>
              {t(`practicesCare.care.view.${v}`)}{v === 'due' && due ? ` ${due.rows.filter((r) => !r.visitedThisMonth).length}` : ''}
            </button>
          ))}
        </div>
        <button type="button" className="btn primary" onClick={() => setForm({ kind: 'aid' })} data-testid="care-record">{t('practicesCare.care.recordAid')}</button>
        {view === 'ledger' && (
          <>
            <button type="button" className="btn" onClick={() => setForm({ kind: 'income' })} data-testid="care-income">{t('practicesCare.care.addIncome')}</button>
            <button type="button" className="btn" onClick={() => setForm({ kind: 'fund' })} data-testid="care-fund">{t('practicesCare.care.createFund')}</button>
            <button type="button" className="btn" onClick={() => setPrinting(() => () => call('printCareLedger', { year }))} data-testid="care-print">{t('practicesCare.care.printLedger')}</button>
          </>
        )}
      </div>
      {form?.kind === 'aid' && <AidForm key={form.correcting?.id ?? form.member?.id ?? 'new'} today={today} funds={funds} member={form.member} reason={form.reason} correcting={form.correcting} onCancel={() => setForm(null)} onSaved={saved} />}
      {form?.kind === 'income' && <IncomeForm today={today} funds={funds} onCancel={() => setForm(null)} onSaved={saved} />}
      {form?.kind === 'fund' && <FundForm onCancel={() => setForm(null)} onSaved={saved} />}
      {view === 'aids' && chosen && (
        <div className="practices-detail-actions care-chosen" data-testid="aid-chosen">
          <strong>{chosen.date} · {chosen.name} · {t(`practicesCare.care.kinds.${chosen.kind as (typeof KINDS)[number]}`)}{chosen.amountFen ? ` · ${formatYuan(chosen.amountFen)}` : ''}</strong>{' '}
          <button type="button" className="btn" data-testid="aid-correct" onClick={() => { setDeleting(null); setForm({ kind: 'aid', member: { id: chosen.memberId, name: chosen.name, orgName: chosen.orgName }, correcting: chosen }); }}>{t('practicesCare.care.correct')}</button>{' '}
          <button type="button" className="btn danger-outline" data-testid="aid-delete" onClick={() => setDeleting('')}>{t('practicesCare.care.delete')}</button>
          {deleting !== null && (
            <div className="alert warn" data-testid="aid-delete-confirm">
              <p>{t('practicesCare.care.deleteWarn')}</p>
              <input value={deleting} placeholder={t('practicesCare.care.deleteReason')} onChange={(e) => setDeleting(e.target.value)} data-testid="aid-delete-reason" maxLength={500} />{' '}
              <button type="button" className="btn" onClick={() => setDeleting(null)}>{t('practices.common.cancel')}</button>{' '}
              <button
                type="button" className="btn danger" data-testid="aid-delete-submit"
                onClick={() => call('deleteCareAid', { id: chosen.id, reason: deleting }).then(() => { setDeleting(null); setChosen(null); setRefresh((r) => r + 1); onToast('info', t('practicesCare.care.deleted')); }, (e: unknown) => onToast('error', messageOf(e)))}
              >
                {t('practicesCare.care.delete')}
              </button>
            </div>
          )}
        </div>
      )}
      {view === 'aids' && <PracticeGrid testId="care-grid" rows={aids} columns={aidColumns} rowId={(r) => r.id} selectedId={chosen?.id} onSelect={(r) => { setDeleting(null); setChosen(r); }} height={440} />}
      {view === 'ledger' && ledger && (
        <div className="care-ledger" data-testid="care-ledger">
          {ledger.funds.length === 0 && <p className="muted">{t('practices.common.none')}</p>}
          {ledger.funds.map((f) => (
            <section key={f.fundId}>
              <h4>{f.fundName}</h4>
              <table className="plain-table">
                <thead><tr><th>{t('practicesCare.care.date')}</th><th>{t('practicesCare.care.reason')}</th><th className="num">{t('practicesCare.care.income')}</th><th className="num">{t('practicesCare.care.out')}</th><th className="num">{t('practicesCare.care.balance')}</th></tr></thead>
                <tbody>
                  <tr><td>{year}-01-01</td><td>{t('practicesCare.care.opening')}</td><td /><td /><td className="num">{formatYuan(f.openingFen)}</td></tr>
                  {f.entries.map((e) => (
                    <tr key={e.id}><td>{e.date}</td><td>{e.summary}</td><td className="num">{e.inFen ? formatYuan(e.inFen) : ''}</td><td className="num">{e.outFen ? formatYuan(e.outFen) : ''}</td><td className="num">{formatYuan(e.balanceFen)}</td></tr>
                  ))}
                  <tr className="care-total"><td /><td>{t('practices.common.total')}</td><td className="num">{formatYuan(f.inFen)}</td><td className="num">{formatYuan(f.outFen)}</td><td className="num">{formatYuan(f.closingFen)}</td></tr>
                </tbody>
              </table>
            </section>
          ))}
        </div>
      )}
      {view === 'due' && due && (
        <div data-testid="care-due">
          <p><strong>{t('practicesCare.care.dueHeading', { month: due.month, n: due.rows.length })}</strong></p>
          <PracticeGrid
            testId="care-due-grid" rows={due.rows} columns={dueColumns} rowId={(r) => r.memberId} height={420}
            rowClass={(r) => (r.visitedThisMonth ? 'care-row-done' : undefined)}
            onSelect={(r) => setForm({ kind: 'aid', member: { id: r.memberId, name: r.name, orgName: r.orgName }, reason: r.reasons.join('、') })}
          />
        </div>
      )}
      {printing && <PrintPreview load={printing} onClose={() => setPrinting(null)} />}
    </div>
  );
}

function AidForm({ today, funds, member, reason, correcting, onCancel, onSaved }: { today: string; funds: Fund[]; member?: PickedMember; reason?: string; correcting?: Aid; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [who, setWho] = useState<PickedMember[]>(member ? [member] : []);
  const [v, setV] = useState(correcting
    ? { date: correcting.date, kind: correcting.kind, amount: formatYuan(correcting.amountFen, { grouping: false }), fundId: correcting.fundId ?? '', givenBy: correcting.givenBy, reason: correcting.reason ?? '' }
    : { date: today, kind: member ? 'festival' : 'condolence', amount: '', fundId: funds[0]?.id ?? '', givenBy: '', reason: reason ?? '' });
  const [correctionReason, setCorrectionReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = async () => {
    const amountFen = fenOf(v.amount);
    if (amountFen === null) return setError(t('practicesCare.care.amountInvalid'));
    try {
      await call('recordCareAid', {
        id: correcting?.id ?? null, memberId: who[0]?.id ?? '', date: v.date, kind: v.kind, amountFen, fundId: v.fundId || null, givenBy: v.givenBy, reason: v.reason || null, note: correcting?.note ?? null,
        correctionReason: correcting ? correctionReason : null,
      });
      onSaved();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <form className="practices-form" data-testid="aid-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label>{t('practicesCare.care.member')}</label>
      <CareMemberPicker value={who} onChange={setWho} single testId="aid-picker" />
      <div className="practices-form-row">
        <label>{t('practicesCare.care.date')}<input type="date" value={v.date} onChange={set('date')} data-testid="aid-date" /></label>
        <label>{t('practicesCare.care.kind')}
          <select value={v.kind} onChange={set('kind')} data-testid="aid-kind">{KINDS.map((k) => <option key={k} value={k}>{t(`practicesCare.care.kinds.${k}`)}</option>)}</select>
        </label>
        <label>{t('practicesCare.care.amount')}<input inputMode="decimal" value={v.amount} onChange={set('amount')} data-testid="aid-amount" /></label>
        <label>{t('practicesCare.care.fund')}
          <select value={v.fundId} onChange={set('fundId')} data-testid="aid-fund">
            <option value="">{t('practicesCare.care.noFund')}</option>
            {funds.map((f) => <option key={f.id} value={f.id}>{f.name}({t('practicesCare.care.balance')} {formatYuan(f.balanceFen)})</option>)}
          </select>
        </label>
      </div>
      <div className="practices-form-row">
        <label>{t('practicesCare.care.givenBy')}<input value={v.givenBy} onChange={set('givenBy')} data-testid="aid-given-by" /></label>
        <label className="care-wide">{t('practicesCare.care.reason')}<input value={v.reason} onChange={set('reason')} data-testid="aid-reason" /></label>
      </div>
      {correcting && <label>{t('practicesCare.care.correctReason')} *<input value={correctionReason} onChange={(e) => setCorrectionReason(e.target.value)} data-testid="aid-correction-reason" maxLength={500} /></label>}
      {error && <div className="alert error" role="alert" data-testid="aid-error">{error}</div>}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>{t('practices.common.cancel')}</button>
        <button type="submit" className="btn primary" data-testid="aid-save">{t('practices.common.save')}</button>
      </div>
    </form>
  );
}

function IncomeForm({ today, funds, onCancel, onSaved }: { today: string; funds: Fund[]; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ fundId: funds[0]?.id ?? '', date: today, amount: '', source: '' });
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = async () => {
    const amountFen = fenOf(v.amount);
    if (amountFen === null) return setError(t('practicesCare.care.amountInvalid'));
    try {
      await call('addCareFundIncome', { fundId: v.fundId, date: v.date, amountFen, source: v.source });
      onSaved();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <form className="practices-form" data-testid="income-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <div className="practices-form-row">
        <label>{t('practicesCare.care.fundName')}
          <select value={v.fundId} onChange={set('fundId')} data-testid="income-fund">{funds.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}</select>
        </label>
        <label>{t('practicesCare.care.date')}<input type="date" value={v.date} onChange={set('date')} data-testid="income-date" /></label>
        <label>{t('practicesCare.care.amount')}<input inputMode="decimal" value={v.amount} onChange={set('amount')} data-testid="income-amount" /></label>
        <label>{t('practicesCare.care.source')}<input value={v.source} onChange={set('source')} data-testid="income-source" /></label>
      </div>
      {error && <div className="alert error" role="alert" data-testid="income-error">{error}</div>}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>{t('practices.common.cancel')}</button>
        <button type="submit" className="btn primary" data-testid="income-save">{t('practices.common.save')}</button>
      </div>
    </form>
  );
}

function FundForm({ onCancel, onSaved }: { onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      await call('createCareFund', { name });
      onSaved();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <form className="practices-form" data-testid="fund-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label>{t('practicesCare.care.fundName')}<input value={name} onChange={(e) => setName(e.target.value)} data-testid="fund-name" /></label>
      {error && <div className="alert error" role="alert">{error}</div>}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>{t('practices.common.cancel')}</button>
        <button type="submit" className="btn primary" data-testid="fund-save">{t('practices.common.save')}</button>
      </div>
    </form>
  );
}
