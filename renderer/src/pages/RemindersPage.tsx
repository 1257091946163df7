// 待办: everything due or overdue, by kind, each row opening its record (a member in the member drawer,
// a person of the development pipeline on the 发展党员 page).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../api';
import { useCall } from '../lib/useCall';
import { reminderText } from '../lib/words';

type Reminders = CallOutput<'reminders'>;
type Item = Reminders['items'][number];

export function RemindersPage({ onOpen }: { onOpen: (item: Item) => void }) {
  const { t } = useTranslation();
  const { value: data, error } = useCall('reminders', {});
  const [kind, setKind] = useState<string | null>(null);
  const kinds = useMemo(() => (data ? Object.keys(data.counts) : []), [data]);
  if (error) return <div className="alert error pad" role="alert">{error}</div>;
  if (!data) return <div className="muted pad">{t('common.loading')}</div>;
  const items = data.items.filter((i) => !kind || i.kind === kind).slice(0, 500);
  return (
    <div className="reminders" data-testid="reminders-page">
      <h2>{t('reminders.heading', { date: data.asOf, count: data.dueCount })}</h2>
      <div className="chips">
        <button type="button" className={`chip${kind === null ? ' active' : ''}`} onClick={() => setKind(null)}>
          {t('reminders.all')} <span className="badge">{data.items.length}</span>
        </button>
        {kinds.map((k) => (
          <button key={k} type="button" className={`chip${kind === k ? ' active' : ''}`} data-testid={`reminder-kind-${k}`} onClick={() => setKind(k)}>
            {t(`reminders.kinds.${k}` as 'reminders.kinds.talk')} <span className="badge">{data.counts[k]}</span>
          </button>
        ))}
      </div>
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
          {items.map((i) => (
            <tr key={`${i.kind}-${i.targetId}`} className={i.overdue ? 'overdue' : ''} data-testid={`reminder-${i.kind}`}>
              <td>{t(`reminders.kinds.${i.kind}`)}</td>
              <td>
                <button type="button" className="link" onClick={() => onOpen(i)}>{i.name}</button>
              </td>
              <td>{i.orgName}</td>
              <td>{i.dueDate}{i.overdue ? ` · ${t('reminders.overdue')}` : ''}</td>
              <td>{reminderText(t, i)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
