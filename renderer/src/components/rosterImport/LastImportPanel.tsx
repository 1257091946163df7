// 撤销上一次导入, offered where imports are made: the last import with its file and count, and either the
// undo (asked once more, then one recorded action) or why it can no longer be undone.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf } from '../../api';
import { useCall } from '../../lib/useCall';

export function LastImportPanel({ onUndone }: { onUndone: () => void }) {
  const { t } = useTranslation();
  const { value: last, reload } = useCall('lastImport', {});
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  if (!last && !message) return null;
  const undo = async () => {
    try {
      const r = await api.call('undoLastImport', {});
      setMessage({ kind: 'info', text: t('rosterImport.undone', { file: r.fileName, members: r.members, orgs: r.organizations }) });
      setAsking(false);
      void reload();
      onUndone();
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  };
  return (
    <div className="rimport-last" data-testid="last-import">
      {last && (
        <span className="muted small">{t('rosterImport.lastImport', { file: last.fileName, at: last.at.slice(0, 16).replace('T', ' '), count: last.inserted })}</span>
      )}
      {last && !last.refusal && !asking && <button type="button" className="btn small" data-testid="undo-import" onClick={() => setAsking(true)}>{t('rosterImport.undo')}</button>}
      {last && asking && (
        <span className="warn-text small">
          {t('rosterImport.undoAsk', { count: last.inserted })}{' '}
          <button type="button" className="btn small" onClick={() => setAsking(false)}>{t('common.cancel')}</button>{' '}
          <button type="button" className="btn small primary" data-testid="undo-import-confirm" onClick={() => void undo()}>{t('rosterImport.undoConfirm')}</button>
        </span>
      )}
      {last?.refusal && <span className="muted small" data-testid="undo-import-refusal">{t('rosterImport.undoRefused', { reason: last.refusal })}</span>}
      {message && <span className={message.kind === 'error' ? 'warn-text small' : 'small'} data-testid="undo-import-message">{message.text}</span>}
    </div>
  );
}
