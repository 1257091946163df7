// The yearly work of one branch, chosen in the organization tree: 民主评议 (one grade per member in one grid;
// 预备党员 take part without a grade), 不合格党员处置, 半年一分析, 三年一登记 and 党费 (月标准 for the whole branch,
// then one row per member, one cell per month, amounts in 元), each saved in one call and each list printed.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, call, messageOf, type CallOutput } from '../api';
import { PrintPreview, type PrintDocument } from '../components/PrintPreview';
import { formatYuan, parseYuan } from '../lib/money';
import { useCall } from '../lib/useCall';
import { BranchPicker, isBranch } from '../components/BranchPicker';
import { AnalysisTab } from './yearly/AnalysisTab';
import { RegistrationTab } from './yearly/RegistrationTab';
import { DisposalTab } from './yearly/DisposalTab';
import { DuesStandardsPanel } from './yearly/DuesStandardsPanel';

type AppraisalRow = CallOutput<'appraisalGrid'>[number];
type DuesRow = CallOutput<'duesGrid'>[number];
const GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
const NO_APPRAISALS: AppraisalRow[] = [];
const NO_DUES: DuesRow[] = [];

export function YearlyPage({ today }: { today: string }) {
  const { t } = useTranslation();
  const [chosenOrgId, setOrgId] = useState('');
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const [tab, setTab] = useState<(typeof TABS)[number]>('appraisal');
  const { value: nodes } = useCall('orgTree', {});
  const branches = useMemo(() => (nodes ?? []).filter((n) => isBranch(n) && n.memberCount > 0), [nodes]);
  // Until the clerk picks one: the first branch with members.
  const orgId = chosenOrgId || (branches[0]?.id ?? '');
  const key = `${orgId}-${year}`;
  return (
    <div className="yearly" data-testid="yearly-page">
      <div className="toolbar">
        <div className="chips" role="tablist">
          {TABS.map((x) => (
            <button key={x} type="button" role="tab" aria-selected={tab === x} className={`chip${tab === x ? ' active' : ''}`} data-testid={`tab-${x}`} onClick={() => setTab(x)}>{t(`yearly.tabs.${x}`)}</button>
          ))}
        </div>
        <BranchPicker nodes={nodes ?? []} value={orgId} onChange={setOrgId} testId="yearly-branch" />
        <label className="field-inline">{t(tab === 'registration' ? 'yearly.registrationYear' : tab === 'disposal' ? 'yearly.appraisalYear' : 'yearly.year')}
          <input type="number" value={year} min={2000} max={2100} onChange={(e) => setYear(Number(e.target.value))} data-testid="yearly-year" style={{ width: 90 }} />
        </label>
      </div>
      {orgId && tab === 'appraisal' && <AppraisalGrid key={key} orgId={orgId} year={year} />}
      {orgId && tab === 'disposal' && <DisposalTab key={key} orgId={orgId} year={year} today={today} />}
      {orgId && tab === 'analysis' && <AnalysisTab key={key} orgId={orgId} year={year} today={today} />}
      {orgId && tab === 'registration' && <RegistrationTab key={key} orgId={orgId} year={year} today={today} />}
      {orgId && tab === 'dues' && <DuesGrid key={key} orgId={orgId} year={year} today={today} />}
    </div>
  );
}

const TABS = ['appraisal', 'disposal', 'analysis', 'registration', 'dues'] as const;

function AppraisalGrid({ orgId, year }: { orgId: string; year: number }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<{ kind: 'error' | 'warn' | 'info'; text: string } | null>(null);
  const [printing, setPrinting] = useState<(() => Promise<PrintDocument>) | null>(null);
  // The grades as chosen here until saved.
  const { value: rows, setValue: setRows, reload: load } = useCall('appraisalGrid', { year, orgId }, { initial: NO_APPRAISALS, onError: (text) => setMessage({ kind: 'error', text }) });
  // Grades recorded already that this save would change, as the archive names them, waiting for the reason.
  const [corrections, setCorrections] = useState<string[] | null>(null);
  const save = async (reason: string | null = null) => {
    try {
      const r = await call('saveAppraisals', { year, orgId, rows: rows.map((x) => ({ memberId: x.memberId, grade: x.category === 'probationary' ? null : x.grade, note: x.note })), reason });
      setCorrections(null);
      setMessage(r.warnings.length ? { kind: 'warn', text: r.warnings.join(';') } : { kind: 'info', text: t('yearly.saved', { n: r.saved }) + (r.needsDisposal.length ? ` ${t('yearly.needsDisposal', { n: r.needsDisposal.length })}` : '') });
      void load();
    } catch (e) {
      if (e instanceof ApiCallError && e.issues.length && e.issues.every((i) => i.field.endsWith('.correction'))) {
        setMessage(null);
        setCorrections(e.issues.map((i) => i.message));
      } else setMessage({ kind: 'error', text: messageOf(e) });
    }
  };
  const graded = rows.filter((r) => r.grade);
  return (
    <div>
      <p className="muted small">{t('yearly.appraisalHint', { graded: graded.length, excellent: graded.filter((r) => r.grade === 'excellent').length })}</p>
      {message && <div className={`alert ${message.kind}`} data-testid="yearly-message">{message.text}</div>}
      {corrections && <CorrectionPrompt title={t('yearly.gradeCorrectionTitle')} lines={corrections} testId="appraisal-correction" onBack={() => setCorrections(null)} onConfirm={(reason) => void save(reason)} />}
      <table className="plain-table" data-testid="appraisal-grid">
        <thead>
          <tr><th>{t('reminders.name')}</th><th>{t('yearly.category')}</th><th>{t('yearly.grade')}</th><th>{t('yearly.disposal')}</th></tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.memberId}>
              <td>{r.name}</td>
              <td>{r.category === 'probationary' ? t('yearly.probationary') : t('yearly.formal')}</td>
              <td>
                {r.category === 'probationary' ? <span className="muted">{t('yearly.notGraded')}</span> : (
                  <select value={r.grade ?? ''} data-testid="grade-select" onChange={(e) => { setCorrections(null); setRows(rows.map((x, j) => (j === i ? { ...x, grade: e.target.value || null } : x))); }}>
                    <option value="">—</option>
                    {GRADES.map((g) => <option key={g} value={g}>{t(`yearly.grades.${g}`)}</option>)}
                  </select>
                )}
              </td>
              <td>{r.disposal ? t(`yearly.disposals.${r.disposal}` as 'yearly.disposals.correct') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="btn primary" onClick={() => void save()} data-testid="appraisal-save">{t('form.save')}</button>{' '}
      <button type="button" className="btn" data-testid="print-reviews" onClick={() => setPrinting(() => () => call('printReviewResults', { orgId, year }))}>{t('print.reviews')}</button>
      {printing && <PrintPreview load={printing} onClose={() => setPrinting(null)} />}
    </div>
  );
}

function DuesGrid({ orgId, year, today }: { orgId: string; year: number; today: string }) {
  const { t } = useTranslation();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  // Amounts far from a member's standard, as the archive names them, waiting for the clerk's confirmation.
  const [unusual, setUnusual] = useState<string[] | null>(null);
  const [standards, setStandards] = useState(false);
  // Payments recorded already that this save would change or remove, waiting for the reason.
  const [corrections, setCorrections] = useState<string[] | null>(null);
  const [confirmedUnusual, setConfirmedUnusual] = useState(false);
  const { value: rows, reload: load } = useCall('duesGrid', { year, orgId }, { initial: NO_DUES, onError: (text) => setMessage({ kind: 'error', text }) });
  const withoutStandard = rows.filter((r) => r.monthlyFen === null).length;
  // Without separators: the amounts are typed over and read back as numbers.
  const yuan = (fen: number | null | undefined) => formatYuan(fen, { grouping: false });
  // A cell emptied removes the month's payment; anything else must read as an amount.
  const amountOf = (text: string): number | null | undefined => (text.trim() === '' ? null : (parseYuan(text) ?? undefined));
  const invalid = new Set(Object.entries(edits).filter(([, v]) => amountOf(v) === undefined).map(([key]) => key));
  const save = async (confirmUnusual = confirmedUnusual, reason: string | null = null) => {
    if (invalid.size) {
      setMessage({ kind: 'error', text: t('yearly.notMoneyHint', { n: invalid.size }) });
      return;
    }
    const entries = Object.entries(edits).map(([key, v]) => {
      const [memberId, month] = key.split('|');
      return { memberId, month, amountFen: amountOf(v) ?? null };
    });
    try {
      const r = await call('saveDuesPayments', { orgId, year, paidDate: today, entries, confirmUnusual, reason });
      setEdits({});
      setUnusual(null);
      setCorrections(null);
      setConfirmedUnusual(false);
      setMessage({ kind: 'info', text: r.saved ? t('yearly.saved', { n: r.saved }) : t('yearly.nothingChanged') });
      void load();
    } catch (e) {
      if (e instanceof ApiCallError && e.issues.length && e.issues.every((i) => i.field.endsWith('.unusual'))) {
        setMessage(null);
        setUnusual(e.issues.map((i) => i.message));
      } else if (e instanceof ApiCallError && e.issues.length && e.issues.every((i) => i.field.endsWith('.correction'))) {
        setMessage(null);
        setUnusual(null);
        // The amounts were looked at already: the reason is all that is missing.
        setConfirmedUnusual(confirmUnusual);
        setCorrections(e.issues.map((i) => i.message));
      } else setMessage({ kind: 'error', text: messageOf(e) });
    }
  };
  return (
    <div>
      <div className="toolbar">
        <button type="button" className="btn" data-testid="dues-standards-open" onClick={() => setStandards(!standards)}>{t('yearly.setStandards')}</button>
        {withoutStandard > 0 && <span className="warn-text small" data-testid="dues-no-standard">{t('yearly.withoutStandard', { n: withoutStandard })}</span>}
      </div>
      {standards && <DuesStandardsPanel orgId={orgId} today={today} onSaved={() => void load()} onClose={() => setStandards(false)} />}
      {message && <div className={`alert ${message.kind}`} data-testid="dues-message">{message.text}</div>}
      {unusual && (
        <div className="alert warn" role="alert" data-testid="dues-unusual">
          <p>{t('yearly.unusualTitle')}</p>
          <ul>{unusual.map((text) => <li key={text}>{text}</li>)}</ul>
          <button type="button" className="btn" data-testid="dues-unusual-back" onClick={() => setUnusual(null)}>{t('yearly.unusualBack')}</button>{' '}
          <button type="button" className="btn primary" data-testid="dues-unusual-confirm" onClick={() => void save(true)}>{t('yearly.unusualConfirm')}</button>
        </div>
      )}
      {corrections && <CorrectionPrompt title={t('yearly.duesCorrectionTitle')} lines={corrections} testId="dues-correction" onBack={() => { setCorrections(null); setConfirmedUnusual(false); }} onConfirm={(reason) => void save(confirmedUnusual, reason)} />}
      <div className="table-scroll">
        <table className="plain-table dues-table" data-testid="dues-grid">
          <thead>
            <tr>
              <th>{t('reminders.name')}</th><th>{t('yearly.monthly')}</th>
              {MONTHS.map((m) => <th key={m}>{t('yearly.month', { m: Number(m) })}</th>)}
              <th>{t('yearly.paid')}</th><th>{t('yearly.arrears')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.memberId} className={r.unpaidMonths >= 6 ? 'overdue' : ''}>
                <td>{r.name}</td>
                <td>{r.monthlyFen === null ? <span className="warn-text">{t('yearly.noStandardShort')}</span> : yuan(r.monthlyFen)}</td>
                {MONTHS.map((m) => {
                  const key = `${r.memberId}|${year}-${m}`;
                  const value = edits[key] ?? yuan(r.paid[`${year}-${m}`]);
                  return (
                    <td key={m}>
                      <input
                        className="cell-input"
                        value={value}
                        aria-invalid={invalid.has(key)}
                        data-testid={`dues-cell-${r.memberId}-${m}`}
                        onChange={(e) => {
                          setEdits({ ...edits, [key]: e.target.value });
                          setUnusual(null);
                          setCorrections(null);
                          setConfirmedUnusual(false);
                        }}
                      />
                      {invalid.has(key) && <div className="cell-error" role="alert">{t('yearly.notMoney')}</div>}
                    </td>
                  );
                })}
                <td>{yuan(r.paidFen)}</td>
                <td>{r.arrearsFen ? yuan(r.arrearsFen) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" className="btn primary" data-testid="dues-save" onClick={() => void save(false)} disabled={!Object.keys(edits).length}>{t('form.save')}</button>
    </div>
  );
}

/** Values recorded already that a save would change, as the archive names them, with the reason to give. */
function CorrectionPrompt({ title, lines, testId, onBack, onConfirm }: { title: string; lines: string[]; testId: string; onBack: () => void; onConfirm: (reason: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <div className="alert warn" role="alert" data-testid={testId}>
      <p>{title}</p>
      <ul>{lines.map((text) => <li key={text}>{text}</li>)}</ul>
      <label>{t('yearly.correctionReason')} *<input value={reason} onChange={(e) => setReason(e.target.value)} data-testid={`${testId}-reason`} maxLength={500} /></label>{' '}
      <button type="button" className="btn" data-testid={`${testId}-back`} onClick={onBack}>{t('yearly.unusualBack')}</button>{' '}
      <button type="button" className="btn primary" data-testid={`${testId}-confirm`} disabled={!reason.trim()} onClick={() => onConfirm(reason)}>{t('yearly.correctionConfirm')}</button>
    </div>
  );
}
