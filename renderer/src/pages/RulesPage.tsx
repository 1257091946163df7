// 规则设置 (administrator): the time rules of 发展党员 and the yearly work, each with its value, its second
// bound where it has one, and whether it only warns. Every change is audited.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, messageOf, type CallOutput } from '../api';
import { useCall } from '../lib/useCall';

type Rule = CallOutput<'listDevRules'>[number];

export function RulesPage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  // In English the rule's sentence from its key and values; in Chinese the archive's own.
  const textOf = (r: Rule) => (english ? t(`words.rules.${r.key}`, { value: r.value, maxValue: r.maxValue, defaultValue: r.text }) : r.text);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  // The rules as edited here; each row is saved on its own.
  const { value: rules, setValue: setRules } = useCall('listDevRules', {}, { initial: [], onError: (text) => setMessage({ kind: 'error', text }) });
  const save = async (r: Rule) => {
    try {
      const saved = await call('setDevRule', { key: r.key, value: r.value, maxValue: r.maxValue, advisory: r.advisory });
      setRules((list) => list.map((x) => (x.key === saved.key ? saved : x)));
      setMessage({ kind: 'info', text: t('rules.saved', { text: textOf(saved) }) });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  };
  const edit = (key: string, patch: Partial<Rule>) => setRules((list) => list.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  return (
    <div className="rules" data-testid="rules-page">
      <h2>{t('rules.heading')}</h2>
      <p className="muted small">{t('rules.hint')}</p>
      {message && <div className={`alert ${message.kind}`} data-testid="rules-message">{message.text}</div>}
      <table className="plain-table">
        <thead>
          <tr><th>{t('rules.rule')}</th><th>{t('rules.value')}</th><th>{t('rules.max')}</th><th>{t('rules.advisory')}</th><th>{t('rules.text')}</th><th /></tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.key} data-testid={`rule-${r.key}`}>
              <td>{english ? r.labelEn : r.label}</td>
              <td><input type="number" className="cell-input" value={r.value} min={r.min} max={r.max} onChange={(e) => edit(r.key, { value: Number(e.target.value) })} /></td>
              <td>{r.maxValue !== null && <input type="number" className="cell-input" value={r.maxValue} onChange={(e) => edit(r.key, { maxValue: Number(e.target.value) })} />}</td>
              <td><input type="checkbox" checked={r.advisory} onChange={(e) => edit(r.key, { advisory: e.target.checked })} /></td>
              <td className="small">{textOf(r)}</td>
              <td><button type="button" className="btn" onClick={() => void save(r)}>{t('form.save')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
