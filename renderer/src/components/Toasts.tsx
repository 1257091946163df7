// Short notes after an action (已保存, 已办理出党) and errors that belong to no field. Notes fade; errors
// stay until the clerk dismisses them.
import { useTranslation } from 'react-i18next';

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast ${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast">
          <span>{toast.text}</span>
          <button type="button" className="link" onClick={() => onDismiss(toast.id)}>
            {t('common.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
