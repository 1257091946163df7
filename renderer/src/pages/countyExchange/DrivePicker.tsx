// Where the package goes (or comes from): the USB drives the app found, one click each, and a typed
// folder as the fallback (a drive the system did not report, a network folder, the tests' temp folder),
// typed or, in the app, chosen in the system's folder dialog.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobStatus } from '../../lib/useJob';
import { useCall } from '../../lib/useCall';

export function sizeText(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return bytes === 0 ? '0 KB' : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function DrivePicker({ value, onChange, disabled }: { value: string; onChange: (dir: string) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const { value: drives, reload: load } = useCall('listRemovableDrives', {}, { onError: setError });
  const refresh = () => {
    setError(null);
    void load();
  };
  const pickFolder = async () => {
    setError(null);
    const r = await window.folders!.pick({ title: t('countyExchange.common.pickFolderTitle') });
    if (r.ok) onChange(r.path);
    else if (!r.cancelled) setError(r.message);
  };
  return (
    <div className="cx-drives" data-testid="cx-drives">
      <div className="cx-row">
        <strong>{t('countyExchange.common.drives')}</strong>
        <button type="button" className="btn" data-testid="cx-drives-refresh" disabled={disabled} onClick={refresh}>
          {t('countyExchange.common.refresh')}
        </button>
      </div>
      {error && <div className="alert error">{error}</div>}
      {drives?.length === 0 && <p className="muted small" data-testid="cx-no-drives">{t('countyExchange.common.noDrives')}</p>}
      <div className="cx-drive-list">
        {drives?.map((d) => (
          <label key={d.path} className={`cx-drive${value === d.path ? ' selected' : ''}`} data-testid="cx-drive">
            <input type="radio" name="cx-drive" checked={value === d.path} disabled={disabled} onChange={() => onChange(d.path)} />
            <span className="cx-drive-label">{d.label}</span>
            <span className="muted small">
              {d.path}
              {d.freeBytes !== null ? ` · ${t('countyExchange.common.free', { size: sizeText(d.freeBytes) })}` : ''}
            </span>
          </label>
        ))}
      </div>
      <label className="cx-field">
        {t('countyExchange.common.folder')}
        <input type="text" data-testid="cx-folder" value={value} disabled={disabled} placeholder={t('countyExchange.common.folderPlaceholder')} onChange={(e) => onChange(e.target.value)} />
      </label>
      {/* In the app: the system's folder dialog, for a stick the list does not show. */}
      {window.folders && (
        <button type="button" className="btn" data-testid="cx-folder-pick" disabled={disabled} onClick={() => void pickFolder()}>
          {t('countyExchange.common.pickFolder')}
        </button>
      )}
    </div>
  );
}

export function JobProgress({ job, label }: { job: JobStatus; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="cx-job" data-testid="cx-job" role="status">
      <div>
        {label} · {job.message ?? t('countyExchange.common.running')}
      </div>
      <progress data-testid="cx-progress" max={Math.max(job.total, 1)} value={job.done} />
    </div>
  );
}
