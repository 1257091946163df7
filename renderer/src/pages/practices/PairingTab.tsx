// 结对共建: the township's pairing figures of the year, the pairs with their totals, one pair's log of help
// of the year (printable as its yearly record), and the forms for a new pair and a help entry.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { call, messageOf, type CallOutput } from '../../api';
import { PrintPreview, type PrintDocument } from '../../components/PrintPreview';
import { formatYuan, parseYuan } from '../../lib/money';
import { useErrorToast, useToast } from '../../lib/toasts';
import { useCall } from '../../lib/useCall';
import { useSession } from '../../lib/session';
import type { PracticeTabProps } from './practiceTabs';
import { PracticeGrid } from './PracticeGrid';
import { useBranches } from './useBranches';

type Pair = CallOutput<'listPairs'>[number];
const KINDS = ['dept_village', 'community_village', 'enterprise_village', 'strong_weak', 'industry'] as const;
const NO_PAIRS: Pair[] = [];
// The pairing figures drop zero decimals (5,000 元 of help, not 5,000.00).
const yuan = (fen: number) => formatYuan(fen, { trimZeros: true });

export function PairingTab({ year, today }: PracticeTabProps) {
  const { t } = useTranslation();
  const onToast = useToast();
  const toastError = useErrorToast();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [logging, setLogging] = useState(false);
  const [editingEntry, setEditingEntry] = useState<HelpEntry | null>(null);
  const [removing, setRemoving] = useState<{ id: string; reason: string } | null>(null);
  const canWrite = useSession().can('write');
  const [printing, setPrinting] = useState<(() => Promise<PrintDocument>) | null>(null);
  const [refresh, setRefresh] = useState(0);
  const { value: pairs } = useCall('listPairs', { year }, { initial: NO_PAIRS, refresh, onError: toastError });
  const { value: record } = useCall('pairYear', selected ? { id: selected, year } : null, { refresh, onError: toastError });

  const totals = useMemo(() => {
    const sum = (f: keyof Pair['year']) => pairs.reduce((s, p) => s + p.year[f], 0);
    return { measures: sum('measures'), problemsSolved: sum('problemsSolved'), moneyFen: sum('moneyFen'), goodsFen: sum('goodsFen'), cadresExchanged: sum('cadresExchanged'), trainings: sum('trainings'), trainees: sum('trainees') };
  }, [pairs]);
  const columns = useMemo<ColDef<Pair>[]>(() => [
    { field: 'name', headerName: t('practices.pairing.name'), flex: 1, minWidth: 220 },
    { colId: 'kind', headerName: t('practices.pairing.kind'), width: 160, valueGetter: (p) => (p.data ? t(`practices.pairing.kinds.${p.data.kind as 'industry'}`, { defaultValue: p.data.kindLabel }) : '') },
    { field: 'startDate', headerName: t('practices.pairing.startDate'), width: 115 },
    { headerName: t('practices.pairing.measures'), width: 115, type: 'numericColumn', valueGetter: (p) => p.data?.year.measures },
    { headerName: t('practices.pairing.problemsSolved'), width: 140, type: 'numericColumn', valueGetter: (p) => p.data?.year.problemsSolved },
    { headerName: t('practices.pairing.money'), width: 120, type: 'numericColumn', valueGetter: (p) => (p.data ? p.data.year.moneyFen / 100 : null), valueFormatter: (p) => (p.value == null ? '' : yuan(p.value * 100)) },
    { headerName: t('practices.pairing.cadres'), width: 150, type: 'numericColumn', valueGetter: (p) => p.data?.year.cadresExchanged },
    { headerName: t('practices.pairing.trainees'), width: 130, type: 'numericColumn', valueGetter: (p) => p.data?.year.trainees },
  ], [t]);

  return (
    <div className="practices-tab" data-testid="pairing-tab">
      <div className="toolbar practices-toolbar">
        <button type="button" className="btn primary" data-testid="pairing-create" onClick={() => setCreating(true)}>{t('practices.pairing.create')}</button>
      </div>
      <div className="practices-cards" data-testid="pairing-totals">
        <h3>{t('practices.pairing.yearTotals', { year })}</h3>
        {([
          ['pairs', pairs.filter((p) => p.startDate <= `${year}-12-31` && (!p.endDate || p.endDate >= `${year}-01-01`)).length],
          ['measures', totals.measures], ['problemsSolved', totals.problemsSolved], ['money', yuan(totals.moneyFen)], ['goodsValue', yuan(totals.goodsFen)],
          ['cadres', totals.cadresExchanged], ['trainings', totals.trainings], ['trainees', totals.trainees],
        ] as const).map(([k, v]) => (
          <div key={k} className="practices-card"><span>{t(`practices.pairing.${k}`)}</span><strong>{v}</strong></div>
        ))}
      </div>
      {creating && <PairForm today={today} onCancel={() => setCreating(false)} onSaved={(p) => { setCreating(false); setSelected(p.id); setRefresh((r) => r + 1); onToast('info', t('practices.common.saved')); }} />}
      <div className="practices-columns">
        <div className="practices-main">
          <PracticeGrid testId="pairing-grid" rows={pairs} columns={columns} rowId={(r) => r.id} selectedId={selected} onSelect={(r) => setSelected(r.id)} height={360} />
        </div>
        {record && selected === record.pair.id && (
          <aside className="practices-side" data-testid="pair-panel">
            <h3>{record.pair.name}</h3>
            <p className="small">{t(`practices.pairing.kinds.${record.pair.kind as 'industry'}`, { defaultValue: record.pair.kindLabel })} · {t('practices.pairing.startDate')} {record.pair.startDate}</p>
            <p className="small">{t('practices.pairing.helper')}:{record.pair.units.filter((u) => u.role === 'helper').map((u) => u.name).join('、')}</p>
            <p className="small">{t('practices.pairing.helped')}:{record.pair.units.filter((u) => u.role === 'helped').map((u) => u.name).join('、')}</p>
            <p className="small">{t('practices.pairing.jointOrg')}:{record.pair.jointOrgName ?? t('practices.pairing.noJointOrg')}</p>
            <div className="dev-actions">
              <button type="button" className="btn" data-testid="pairing-add-help" onClick={() => setLogging(true)}>{t('practices.pairing.addHelp')}</button>
              <button type="button" className="btn" data-testid="pairing-print" onClick={() => setPrinting(() => () => call('printPairYear', { id: record.pair.id, year }))}>{t('practices.pairing.printYear')}</button>
            </div>
            {logging && <HelpForm pairId={record.pair.id} today={today} onCancel={() => setLogging(false)} onSaved={() => { setLogging(false); setRefresh((r) => r + 1); onToast('info', t('practices.common.saved')); }} />}
            <h4>{t('practices.pairing.entries')}({year})</h4>
            {record.entries.length === 0 && <p className="muted">{t('practices.common.none')}</p>}
            <ul className="practices-log" data-testid="pair-entries">
              {record.entries.map((e) => (
                <li key={e.id} data-testid="pair-entry">
                  <span className="muted">{e.date}</span>{' '}
                  {[e.measures ? `${t('practices.pairing.measures')} ${e.measures}${e.measuresText ? `(${e.measuresText})` : ''}` : e.measuresText, e.problemsSolved ? `${t('practices.pairing.problemsSolved')} ${e.problemsSolved}` : '',
                    e.moneyFen ? `${t('practices.pairing.money')} ${yuan(e.moneyFen)}` : '', e.goods ? `${t('practices.pairing.goods')} ${e.goods}` : '', e.cadresExchanged ? `${t('practices.pairing.cadres')} ${e.cadresExchanged}` : '',
                    e.trainings ? `${t('practices.pairing.trainings')} ${e.trainings} / ${t('practices.pairing.trainees')} ${e.trainees}` : ''].filter(Boolean).join(';')}
                  {canWrite && (
                    <span className="dev-step-actions">
                      <button type="button" className="link" data-testid="pair-entry-correct" onClick={() => { setEditingEntry(e); setRemoving(null); }}>{t('practices.pairing.correct')}</button>
                      <button type="button" className="link" data-testid="pair-entry-delete" onClick={() => { setRemoving({ id: e.id, reason: '' }); setEditingEntry(null); }}>{t('practices.pairing.delete')}</button>
                    </span>
                  )}
                  {removing?.id === e.id && (
                    <div className="alert warn" data-testid="pair-entry-delete-box">
                      <input value={removing.reason} placeholder={t('practices.pairing.deleteReason')} onChange={(x) => setRemoving({ id: e.id, reason: x.target.value })} data-testid="pair-entry-delete-reason" maxLength={500} />{' '}
                      <button type="button" className="btn" onClick={() => setRemoving(null)}>{t('practices.common.cancel')}</button>{' '}
                      <button type="button" className="btn danger" data-testid="pair-entry-delete-submit" onClick={() => call('deleteHelpEntry', { id: e.id, reason: removing.reason }).then(() => { setRemoving(null); setRefresh((r) => r + 1); onToast('info', t('practices.pairing.deleted')); }, (err: unknown) => onToast('error', messageOf(err)))}>
                        {t('practices.pairing.delete')}
                      </button>
                    </div>
                  )}
                  {editingEntry?.id === e.id && <HelpForm pairId={record.pair.id} today={today} editing={e} onCancel={() => setEditingEntry(null)} onSaved={() => { setEditingEntry(null); setRefresh((r) => r + 1); onToast('info', t('practices.common.saved')); }} />}
                </li>
              ))}
            </ul>
            <p className="small muted">{t('practices.pairing.sinceStart')}:{t('practices.pairing.measures')} {record.pair.all.measures},{t('practices.pairing.problemsSolved')} {record.pair.all.problemsSolved},{t('practices.pairing.money')} {yuan(record.pair.all.moneyFen)}</p>
          </aside>
        )}
      </div>
      {printing && <PrintPreview load={printing} onClose={() => setPrinting(null)} />}
    </div>
  );
}

function PairForm({ today, onCancel, onSaved }: { today: string; onCancel: () => void; onSaved: (p: Pair) => void }) {
  const { t } = useTranslation();
  const branches = useBranches();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string>('dept_village');
  const [startDate, setStartDate] = useState(today);
  const [helpers, setHelpers] = useState('');
  const [helpedOrg, setHelpedOrg] = useState('');
  const [jointOrgId, setJointOrgId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { value: nodes } = useCall('orgTree', {});
  // The joint organizations (联合党组织) a pair may be built on.
  const joints = useMemo(() => (nodes ?? []).filter((n) => n.formation && n.status === 'active').map((n) => ({ id: n.id, name: n.name })), [nodes]);
  const submit = async () => {
    const helped = branches.find((b) => b.id === helpedOrg);
    try {
      onSaved(await call('createPair', {
        name, kind, startDate, jointOrgId: jointOrgId || null,
        units: [...helpers.split(/\n/).map((s) => s.trim()).filter(Boolean).map((n) => ({ role: 'helper' as const, name: n })), ...(helped ? [{ role: 'helped' as const, name: helped.name, orgId: helped.id }] : [])],
      }));
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <form className="practices-form" data-testid="pair-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <div className="practices-form-row">
        <label>{t('practices.pairing.name')}<input value={name} onChange={(e) => setName(e.target.value)} data-testid="pair-name" required /></label>
        <label>{t('practices.pairing.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="pair-kind">{KINDS.map((k) => <option key={k} value={k}>{t(`practices.pairing.kinds.${k}`)}</option>)}</select>
        </label>
        <label>{t('practices.pairing.startDate')}<input type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} data-testid="pair-start" required /></label>
      </div>
      <div className="practices-form-row">
        <label>{t('practices.pairing.helpers')}<textarea rows={2} value={helpers} onChange={(e) => setHelpers(e.target.value)} data-testid="pair-helpers" /></label>
        <label>{t('practices.pairing.helpedOrg')}
          <select value={helpedOrg} onChange={(e) => setHelpedOrg(e.target.value)} data-testid="pair-helped">
            <option value="">—</option>
            {branches.filter((b) => b.sector === 'rural').map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        </label>
        <label>{t('practices.pairing.jointOrg')}
          <select value={jointOrgId} onChange={(e) => setJointOrgId(e.target.value)} data-testid="pair-joint">
            <option value="">{t('practices.pairing.noJointOrg')}</option>
            {joints.map((j) => <option key={j.id} value={j.id}>{j.name}</option>)}
          </select>
        </label>
      </div>
      {error && <div className="alert error" role="alert" data-testid="pair-error">{error}</div>}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>{t('practices.common.cancel')}</button>
        <button type="submit" className="btn primary" data-testid="pair-save">{t('practices.common.save')}</button>
      </div>
    </form>
  );
}

type HelpEntry = CallOutput<'pairYear'>['entries'][number];

function HelpForm({ pairId, today, editing, onCancel, onSaved }: { pairId: string; today: string; editing?: HelpEntry; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const n = (x: number | undefined) => (x ? String(x) : '');
  const [v, setV] = useState(editing
    ? { date: editing.date, measures: n(editing.measures), measuresText: editing.measuresText ?? '', problemsSolved: n(editing.problemsSolved), money: editing.moneyFen ? formatYuan(editing.moneyFen, { grouping: false }) : '', goods: editing.goods ?? '', goodsValue: editing.goodsFen ? formatYuan(editing.goodsFen, { grouping: false }) : '', cadres: n(editing.cadresExchanged), trainings: n(editing.trainings), trainees: n(editing.trainees) }
    : { date: today, measures: '', measuresText: '', problemsSolved: '', money: '', goods: '', goodsValue: '', cadres: '', trainings: '', trainees: '' });
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const int = (s: string) => (s.trim() === '' ? 0 : Number(s));
  const submit = async () => {
    const moneyFen = parseYuan(v.money);
    const goodsFen = parseYuan(v.goodsValue);
    if (moneyFen === null || goodsFen === null) {
      setError(t('practices.pairing.moneyInvalid'));
      return;
    }
    try {
      const values = {
        date: v.date, measures: int(v.measures), measuresText: v.measuresText || null, problemsSolved: int(v.problemsSolved), moneyFen, goods: v.goods || null, goodsFen,
        cadresExchanged: int(v.cadres), trainings: int(v.trainings), trainees: int(v.trainees), note: editing?.note ?? null,
      };
      if (editing) await call('correctHelpEntry', { id: editing.id, ...values, reason });
      else await call('addHelpEntry', { pairId, ...values });
      onSaved();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <form className="practices-form" data-testid="help-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label>{t('practices.common.date')}<input type="date" value={v.date} onChange={set('date')} data-testid="help-date" required /></label>
      <div className="practices-form-row">
        <label>{t('practices.pairing.measures')}<input type="number" min={0} value={v.measures} onChange={set('measures')} data-testid="help-measures" /></label>
        <label>{t('practices.pairing.problemsSolved')}<input type="number" min={0} value={v.problemsSolved} onChange={set('problemsSolved')} data-testid="help-problems" /></label>
        <label>{t('practices.pairing.cadres')}<input type="number" min={0} value={v.cadres} onChange={set('cadres')} data-testid="help-cadres" /></label>
      </div>
      <label>{t('practices.pairing.measuresText')}<input value={v.measuresText} onChange={set('measuresText')} data-testid="help-measures-text" /></label>
      <div className="practices-form-row">
        <label>{t('practices.pairing.money')}<input inputMode="decimal" value={v.money} onChange={set('money')} data-testid="help-money" /></label>
        <label>{t('practices.pairing.goods')}<input value={v.goods} onChange={set('goods')} /></label>
        <label>{t('practices.pairing.goodsValue')}<input inputMode="decimal" value={v.goodsValue} onChange={set('goodsValue')} /></label>
      </div>
      <div className="practices-form-row">
        <label>{t('practices.pairing.trainings')}<input type="number" min={0} value={v.trainings} onChange={set('trainings')} data-testid="help-trainings" /></label>
        <label>{t('practices.pairing.trainees')}<input type="number" min={0} value={v.trainees} onChange={set('trainees')} data-testid="help-trainees" /></label>
      </div>
      {editing && <label>{t('practices.pairing.correctReason')} *<input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="help-reason" maxLength={500} /></label>}
      {error && <div className="alert error" role="alert" data-testid="help-error">{error}</div>}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>{t('practices.common.cancel')}</button>
        <button type="submit" className="btn primary" data-testid="help-save">{t('practices.common.save')}</button>
      </div>
    </form>
  );
}
