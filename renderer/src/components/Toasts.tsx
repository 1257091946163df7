// The toasts of a shell (see lib/toasts.tsx), each with its 关闭.
import { useTranslation } from 'react-i18next';
import type { Toast } from '../lib/toasts';

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
