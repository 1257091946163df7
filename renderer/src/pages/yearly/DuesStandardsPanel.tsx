// 月标准 of a whole branch in one grid (an imported branch has none until set here): per member the basis and,
// for pay or a pension, the declared monthly amount after tax (the 2008 table gives the rate), for 农民党员 the
// fixed amount (0.2 至 1 元); from a month on. Lines left alone keep their standard. Saved in one call.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, messageOf } from '../../api';
import { formatYuan, parseYuan } from '../../lib/money';
import { useCall } from '../../lib/useCall';

const BASES = ['salary', 'retiree', 'farmer', 'student', 'unemployed', 'low_income'] as const;
type Basis = (typeof BASES)[number];
const hasIncome = (b: Basis) => b === 'salary' || b === 'retiree';

interface Edit {
  basis: Basis;
  amount: string;
}

export function DuesStandardsPanel({ orgId, today, onSaved, onClose }: { orgId: string; today: string; onSaved: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [fromMonth, setFromMonth] = useState(today.slice(0, 7));
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const { value: lines, reload } = useCall('duesStandardsGrid', { orgId }, { onError: (text) => setMessage({ kind: 'error', text }) });
  const setAll = (basis: Basis) => setEdits(Object.fromEntries((lines ?? []).filter((l) => !l.basis).map((l) => [l.memberId, { basis, amount: basis === 'farmer' ? '0.50' : '' }])));
  const invalid = Object.entries(edits).filter(([, e]) => (hasIncome(e.basis) || e.basis === 'farmer') && parseYuan(e.amount) === null).map(([id]) => id);
  const save = async () => {
    if (invalid.length) {
      setMessage({ kind: 'error', text: t('yearly.notMoneyHint', { n: invalid.length }) });
      return;
    }
    try {
      const rows = Object.entries(edits).map(([memberId, e]) => {
        const fen = parseYuan(e.amount);
        return { memberId, basis: e.basis, incomeFen: hasIncome(e.basis) ? fen : null, fixedFen: e.basis === 'farmer' ? fen : null };
      });
      const r = await call('setDuesStandards', { orgId, fromMonth, rows });
      setEdits({});
      setMessage({ kind: 'info', text: t('yearly.standardsSaved', { n: r.saved, month: fromMonth }) });
      void reload();
      onSaved();
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  };
  return (
    <div className="dev-form standards-panel" data-testid="dues-standards">
      <div className="toolbar">
        <strong>{t('yearly.standardsTitle')}</strong>
        <label className="field-inline">{t('yearly.fromMonth')}<input type="month" value={fromMonth} data-testid="standards-from" onChange={(e) => setFromMonth(e.target.value)} /></label>
        <span className="muted small">{t('yearly.setAllPending')}</span>
        {(['farmer', 'salary', 'retiree'] as const).map((b) => <button key={b} type="button" className="btn small" data-testid={`standards-all-${b}`} onClick={() => setAll(b)}>{t(`yearly.bases.${b}`)}</button>)}
      </div>
      <p className="muted small">{t('yearly.standardsHint')}</p>
      {message && <div className={`alert ${message.kind}`} data-testid="standards-message">{message.text}</div>}
      <div className="table-scroll short">
        <table className="plain-table" data-testid="standards-grid">
          <thead><tr><th>{t('reminders.name')}</th><th>{t('yearly.currentStandard')}</th><th>{t('yearly.basis')}</th><th>{t('yearly.amount')}</th></tr></thead>
          <tbody>
            {(lines ?? []).map((l) => {
              const e = edits[l.memberId];
              const basis = (e?.basis ?? l.basis ?? '') as Basis | '';
              const amount = e?.amount ?? (l.basis && hasIncome(l.basis as Basis) ? formatYuan(l.incomeFen, { grouping: false }) : l.basis === 'farmer' ? formatYuan(l.monthlyFen, { grouping: false }) : '');
              const change = (next: Partial<Edit>) => setEdits({ ...edits, [l.memberId]: { basis: (basis || 'farmer') as Basis, amount, ...next } });
              return (
                <tr key={l.memberId}>
                  <td>{l.name}</td>
                  <td className={l.basis ? '' : 'warn-text'}>{l.basis ? t('yearly.standardOf', { basis: l.basisLabel, yuan: formatYuan(l.monthlyFen, { grouping: false }), month: l.fromMonth }) : t('yearly.noStandard')}</td>
                  <td>
                    <select value={basis} data-testid={`standards-basis-${l.memberId}`} onChange={(ev) => change({ basis: ev.target.value as Basis, amount: ev.target.value === 'farmer' ? '0.50' : '' })}>
                      <option value="" disabled>—</option>
                      {BASES.map((b) => <option key={b} value={b}>{t(`yearly.bases.${b}`)}</option>)}
                    </select>
                  </td>
                  <td>
                    {basis && (hasIncome(basis) || basis === 'farmer') ? (
                      <input className="cell-input wide" value={amount} aria-invalid={invalid.includes(l.memberId)} data-testid={`standards-amount-${l.memberId}`} placeholder={hasIncome(basis) ? t('yearly.incomePlaceholder') : '0.50'} onChange={(ev) => change({ amount: ev.target.value })} />
                    ) : basis ? <span className="muted">{t('yearly.fixedTwenty')}</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onClose}>{t('yearly.close')}</button>
        <button type="button" className="btn primary" data-testid="standards-save" disabled={!Object.keys(edits).length} onClick={() => void save()}>{t('form.save')}</button>
      </div>
    </div>
  );
}
