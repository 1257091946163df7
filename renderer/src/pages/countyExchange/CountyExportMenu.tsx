// 导出Excel on the county's members page: the list of the grid's township and status with the columns the
// clerk ticks (所在乡镇 always first), or the 花名册 with a sheet per township. The archive writes the
// workbook; the window offers it as a download.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf, type CallInput } from '../../api';
import { saveFile } from '../../lib/saveFile';
import { useToast } from '../../lib/toasts';
import { usePopupDismiss } from '../../lib/usePopupDismiss';

type Status = NonNullable<CallInput<'exportCountyMembers'>['status']>;

const COLUMNS = ['name', 'gender', 'idNumber', 'ethnicity', 'birthDate', 'education', 'category', 'orgName', 'joinDate', 'fullDate', 'occupation', 'workUnit', 'phone', 'address', 'isMobile', 'isLost', 'exitReason', 'exitDate', 'remarks'] as const;
const DEFAULT = new Set<string>(['name', 'gender', 'idNumber', 'birthDate', 'education', 'category', 'orgName', 'joinDate', 'phone']);

export function CountyExportMenu({ townshipCode, status, townshipName }: { townshipCode: string | null; status: Status; townshipName: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(DEFAULT);
  const anchor = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  usePopupDismiss(open, () => setOpen(false), anchor, { returnFocus: button });

  async function run(make: () => Promise<{ fileName: string; mimeType: string; base64: string; rows: number }>) {
    setBusy(true);
    try {
      const file = await make();
      saveFile(file);
      toast('info', t('countyDesk.export.done', { name: file.fileName, count: file.rows }));
      setOpen(false);
    } catch (e) {
      toast('error', t('countyDesk.export.failed', { message: messageOf(e) }));
    } finally {
      setBusy(false);
    }
  }

  const columns = ['townshipName', ...COLUMNS.filter((c) => chosen.has(c))];
  return (
    <div className="popover-anchor" ref={anchor}>
      <button ref={button} type="button" className="btn" data-testid="county-export-menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('countyDesk.export.button')}
      </button>
      {open && (
        <div className="popover rexport-panel county-export-panel" role="dialog" aria-label={t('countyDesk.export.button')} data-testid="county-export-panel">
          <p className="muted small">{t('countyDesk.export.scope', { township: townshipName, list: t(`countyDesk.lists.${status}`) })}</p>
          <div className="popover-title">{t('countyDesk.export.listTitle')}</div>
          <div className="county-export-columns">
            {COLUMNS.map((c) => (
              <label key={c} className="check-inline">
                <input
                  type="checkbox"
                  data-testid={`county-export-col-${c}`}
                  checked={chosen.has(c)}
                  onChange={(e) =>
                    setChosen((s) => {
                      const next = new Set(s);
                      if (e.target.checked) next.add(c);
                      else next.delete(c);
                      return next;
                    })
                  }
                />{' '}
                {t(`countyDesk.columns.${c}`)}
              </label>
            ))}
          </div>
          <button type="button" className="btn primary" data-testid="county-export-list" disabled={busy} onClick={() => void run(() => api.call('exportCountyMembers', { townshipCode, status, columns }))}>
            {busy ? t('countyDesk.export.busy') : t('countyDesk.export.list')}
          </button>
          <hr className="rexport-sep" />
          <div className="popover-title">{t('countyDesk.export.rosterTitle')}</div>
          <div className="popover-actions">
            <button type="button" className="btn" data-testid="county-export-roster" disabled={busy} onClick={() => void run(() => api.call('exportCountyRoster', { townshipCode, status, columns }))}>
              {t('countyDesk.export.roster')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
