// 待办: the work due, 已超期 and 即将到期 apart, by kind, each row opening its record (a member in the member
// drawer, a person of the development pipeline on the 发展党员 page). One count everywhere: the heading, 全部待办
// and the navigation badge are the same number; this month's 政治生日 are greetings, listed and counted apart.
// The list as chosen prints on A4 and saves as xlsx.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf, type CallOutput } from '../api';
import { PrintPreview, type PrintDocument } from '../components/PrintPreview';
import { saveFile } from '../lib/saveFile';
import { useToast } from '../lib/toasts';
import { useCall } from '../lib/useCall';
import { reminderText } from '../lib/words';

type Reminders = CallOutput<'reminders'>;
type Item = Reminders['items'][number];
type Scope = 'due' | 'overdue' | 'dueSoon' | 'greeting';
type Kind = Item['kind'];

const SHOWN = 500;
const phaseOf = (i: Item): Exclude<Scope, 'due'> => (i.kind === 'politicalBirthday' ? 'greeting' : i.overdue ? 'overdue' : 'dueSoon');
const inScope = (i: Item, scope: Scope) => (scope === 'due' ? phaseOf(i) !== 'greeting' : phaseOf(i) === scope);

export function RemindersPage({ onOpen }: { onOpen: (item: Item) => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const { value: data, error } = useCall('reminders', {});
  const [scope, setScope] = useState<Scope>('due');
  const [kind, setKind] = useState<Kind | null>(null);
  const [preview, setPreview] = useState<(() => Promise<PrintDocument>) | null>(null);
  const [busy, setBusy] = useState(false);
  const scoped = useMemo(() => (data ? data.items.filter((i) => inScope(i, scope)) : []), [data, scope]);
  const kinds = useMemo(() => {
    const counts = new Map<Kind, number>();
    for (const i of scoped) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
    return [...counts];
  }, [scoped]);
  if (error) return <div className="alert error pad" role="alert">{error}</div>;
  if (!data) return <div className="muted pad">{t('common.loading')}</div>;
  const activeKind = kind && kinds.some(([k]) => k === kind) ? kind : null;
  const items = scoped.filter((i) => !activeKind || i.kind === activeKind);
  const filter = { scope, kind: activeKind };
  const chooseScope = (s: Scope) => {
    setScope(s);
    setKind(null);
  };
  const exportXlsx = async () => {
    setBusy(true);
    try {
      const file = await api.call('exportReminders', filter);
      saveFile(file);
      toast('info', t('reminders.exported', { name: file.fileName, count: file.rows }));
    } catch (e) {
      toast('error', messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const scopes: [Scope, number][] = [['due', data.dueCount], ['overdue', data.overdueCount], ['dueSoon', data.dueSoonCount]];
  return (
    <div className="reminders" data-testid="reminders-page">
      <div className="reminders-head">
        <h2 data-testid="reminders-heading">{t('reminders.heading', { date: data.asOf, count: data.dueCount, overdue: data.overdueCount, soon: data.dueSoonCount })}</h2>
        <div className="toolbar-actions">
          <button type="button" className="btn" data-testid="reminders-print" onClick={() => setPreview(() => () => api.call('printReminders', filter))}>{t('reminders.print')}</button>
          <button type="button" className="btn" data-testid="reminders-export" disabled={busy} onClick={() => void exportXlsx()}>{t('reminders.export')}</button>
        </div>
      </div>
      <div className="chips" role="tablist">
        {scopes.map(([s, n]) => (
          <button key={s} type="button" role="tab" aria-selected={scope === s} className={`chip${scope === s ? ' active' : ''}${s === 'overdue' && n ? ' chip-overdue' : ''}`} data-testid={`reminder-scope-${s}`} onClick={() => chooseScope(s)}>
            {t(`reminders.scopes.${s}`)} <span className="badge">{n}</span>
          </button>
        ))}
        <span className="chip-divider" aria-hidden="true" />
        <button type="button" role="tab" aria-selected={scope === 'greeting'} className={`chip${scope === 'greeting' ? ' active' : ''}`} data-testid="reminder-scope-greeting" onClick={() => chooseScope('greeting')}>
          {t('reminders.scopes.greeting')} <span className="badge">{data.greetingCount}</span>
        </button>
      </div>
      {kinds.length > 1 && (
        <div className="chips kinds">
          <button type="button" className={`chip small${activeKind === null ? ' active' : ''}`} onClick={() => setKind(null)}>
            {t('reminders.allKinds')} <span className="badge">{scoped.length}</span>
          </button>
          {kinds.map(([k, n]) => (
            <button key={k} type="button" className={`chip small${activeKind === k ? ' active' : ''}`} data-testid={`reminder-kind-${k}`} onClick={() => setKind(k)}>
              {t(`reminders.kinds.${k}`)} <span className="badge">{n}</span>
            </button>
          ))}
        </div>
      )}
      {scope === 'greeting' && <p className="muted small">{t('reminders.greetingHint')}</p>}
      {items.length === 0 ? (
        <p className="muted pad" data-testid="reminders-empty">{t('reminders.none')}</p>
      ) : (
        <table className="plain-table" data-testid="reminders-table">
          <thead>
            <tr>
              <th>{t('reminders.kind')}</th>
              <th>{t('reminders.name')}</th>
              <th>{t('reminders.org')}</th>
              <th>{t('reminders.due')}</th>
              <th>{t('reminders.what')}</th>
            </tr>
          </thead>
          <tbody>
            {items.slice(0, SHOWN).map((i) => (
              <tr key={`${i.kind}-${i.targetId}`} className={i.overdue ? 'overdue' : ''} data-testid={`reminder-${i.kind}`}>
                <td>{t(`reminders.kinds.${i.kind}`)}</td>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(i)}>{i.name}</button>
                </td>
                <td>{i.orgName}</td>
                <td className="nowrap">{i.dueDate}{i.overdue ? ` · ${t('reminders.overdue')}` : ''}</td>
                <td>{reminderText(t, i)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items.length > SHOWN && <p className="muted small">{t('reminders.more', { count: items.length - SHOWN })}</p>}
      {preview && <PrintPreview load={preview} onClose={() => setPreview(null)} />}
    </div>
  );
}
