// 列设置: which columns the grid shows. The choice (with order and widths) is remembered as the
// preference "membersGrid.columns" and restored at start.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnInfo } from './MembersGrid';

interface Props {
  columns: ColumnInfo[];
  onToggle: (colId: string, visible: boolean) => void;
  onReset: () => void;
  onClose: () => void;
}

export function ColumnChooser({ columns, onToggle, onReset, onClose }: Props) {
  const { t } = useTranslation();
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      const target = e.target as HTMLElement | null;
      if (panel.current && target && !panel.current.contains(target) && !target.closest('[data-testid="column-chooser"]')) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  return (
    <div className="popover column-chooser" ref={panel} role="dialog" aria-label={t('columnChooser.title')} data-testid="column-chooser-panel">
      <div className="popover-title">{t('columnChooser.title')}</div>
      <p className="muted small">{t('columnChooser.hint')}</p>
      <div className="column-list">
        {columns.map((c) => (
          <label key={c.colId} className={`check${c.locked ? ' disabled' : ''}`}>
            <input
              type="checkbox"
              data-testid={`col-${c.colId}`}
              checked={c.visible}
              disabled={c.locked}
              onChange={(e) => onToggle(c.colId, e.target.checked)}
            />
            <span>{c.label}</span>
          </label>
        ))}
      </div>
      <p className="muted small">{t('columnChooser.exitNote')}</p>
      <div className="popover-actions">
        <button type="button" className="btn" data-testid="column-chooser-reset" onClick={onReset}>
          {t('columnChooser.reset')}
        </button>
        <button type="button" className="btn primary" data-testid="column-chooser-done" onClick={onClose}>
          {t('columnChooser.done')}
        </button>
      </div>
    </div>
  );
}
