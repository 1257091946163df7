// 不合格党员处置 of an appraisal year: the members the branch graded 不合格, each with what was decided so far,
// and a form to record the next decision — 限期改正 with its deadline (it goes into 待办 until then), 劝其退党,
// 除名 (he leaves the roll). The list prints on A4; 全乡镇 shows every branch's.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, messageOf } from '../../api';
import { PrintPreview, type PrintDocument } from '../../components/PrintPreview';
import { useCall } from '../../lib/useCall';

const KINDS = ['correct', 'persuade', 'remove'] as const;

/** A date twelve months on (the usual 改正期限). */
const yearAfter = (date: string) => `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;

export function DisposalTab({ orgId, year, today }: { orgId: string; year: number; today: string }) {
  const { t } = useTranslation();
  const [township, setTownship] = useState(false);
  const [form, setForm] = useState<{ memberId: string; kind: (typeof KINDS)[number]; decidedDate: string; deadline: string; note: string } | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [printing, setPrinting] = useState<(() => Promise<PrintDocument>) | null>(null);
  const scope = { year, orgId: township ? null : orgId };
  const { value: list, reload } = useCall('disposalList', scope, { onError: (text) => setMessage({ kind: 'error', text }) });
  const save = async () => {
    if (!form) return;
    try {
      const d = await call('recordDisposal', { memberId: form.memberId, year, kind: form.kind, decidedDate: form.decidedDate, deadline: form.kind === 'correct' ? form.deadline || null : null, note: form.note || null });
      const name = list?.lines.find((l) => l.memberId === form.memberId)?.name ?? '';
      setMessage({ kind: 'info', text: d.deadline ? t('yearly.disposalSavedDeadline', { name, deadline: d.deadline }) : t('yearly.disposalSaved', { name, kind: t(`yearly.disposals.${form.kind}`) }) });
      setForm(null);
      void reload();
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  };
  return (
    <div data-testid="disposal-tab">
      <div className="toolbar">
        <label className="field-inline"><input type="checkbox" checked={township} data-testid="disposal-township" onChange={(e) => setTownship(e.target.checked)} />{t('yearly.wholeTownship')}</label>
        {list && (
          <span className="muted small" data-testid="disposal-figures">
            {t('yearly.disposalFigures', { year, total: list.lines.length, pending: list.pending })} {list.counts.map((c) => `${t(`yearly.disposals.${c.kind}` as 'yearly.disposals.correct')} ${c.count}`).join(' · ')}
          </span>
        )}
        <div className="toolbar-actions">
          <button type="button" className="btn" data-testid="disposal-print" onClick={() => setPrinting(() => () => call('printDisposals', scope))}>{t('yearly.printList')}</button>
        </div>
      </div>
      <p className="muted small">{t('yearly.disposalHint')}</p>
      {message && <div className={`alert ${message.kind}`} data-testid="disposal-message">{message.text}</div>}
      {list && list.lines.length === 0 && <p className="muted pad" data-testid="disposal-none">{t('yearly.noUnqualified', { year })}</p>}
      {list && list.lines.length > 0 && (
        <table className="plain-table" data-testid="disposal-list">
          <thead><tr><th>{t('reminders.name')}</th>{township && <th>{t('reminders.org')}</th>}<th>{t('yearly.disposalSteps')}</th><th /></tr></thead>
          <tbody>
            {list.lines.map((l) => (
              <tr key={l.memberId} data-testid={`disposal-line-${l.memberId}`}>
                <td>{l.name}{!l.onRoll && <span className="muted small"> · {t('yearly.offRoll')}</span>}</td>
                {township && <td>{l.orgName}</td>}
                <td>
                  {l.disposals.length === 0 ? <span className="warn-text">{t('yearly.notDisposed')}</span> : l.disposals.map((d) => (
                    <div key={d.id}>{d.decidedDate} {t(`yearly.disposals.${d.kind}` as 'yearly.disposals.correct')}{d.deadline ? ` · ${t('yearly.deadlineUntil', { date: d.deadline })}` : ''}{d.note ? ` · ${d.note}` : ''}</div>
                  ))}
                </td>
                <td>
                  {l.onRoll && (
                    <button type="button" className="btn small" data-testid="disposal-record" onClick={() => setForm({ memberId: l.memberId, kind: 'correct', decidedDate: today, deadline: yearAfter(today), note: '' })}>{t('yearly.recordDisposal')}</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {form && (
        <div className="dev-form narrow-form" data-testid="disposal-form">
          <strong>{t('yearly.recordDisposalFor', { name: list?.lines.find((l) => l.memberId === form.memberId)?.name ?? '' })}</strong>
          <label>{t('yearly.disposal')}
            <select value={form.kind} data-testid="disposal-kind" onChange={(e) => setForm({ ...form, kind: e.target.value as (typeof KINDS)[number] })}>
              {KINDS.map((k) => <option key={k} value={k}>{t(`yearly.disposals.${k}`)}</option>)}
            </select>
          </label>
          <label>{t('yearly.decidedDate')}<input type="date" value={form.decidedDate} data-testid="disposal-date" onChange={(e) => setForm({ ...form, decidedDate: e.target.value })} /></label>
          {form.kind === 'correct' && <label>{t('yearly.deadline')}<input type="date" value={form.deadline} data-testid="disposal-deadline" onChange={(e) => setForm({ ...form, deadline: e.target.value })} /></label>}
          {form.kind === 'remove' && <p className="warn-text small">{t('yearly.removeWarning')}</p>}
          <label>{t('yearly.note')}<input value={form.note} data-testid="disposal-note" onChange={(e) => setForm({ ...form, note: e.target.value })} /></label>
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => setForm(null)}>{t('print.cancel')}</button>
            <button type="button" className="btn primary" data-testid="disposal-save" onClick={() => void save()}>{t('form.save')}</button>
          </div>
        </div>
      )}
      {printing && <PrintPreview load={printing} onClose={() => setPrinting(null)} />}
    </div>
  );
}
