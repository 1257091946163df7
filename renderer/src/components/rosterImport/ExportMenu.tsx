// 导出Excel on the members toolbar: the grid's current view (its organization, status view, search,
// column filters, sort and the columns the clerk shows) as an xlsx; or the 花名册 in the offices' layout
// (title row, 序号), one sheet per branch on request; or the member library in the national system's layout. The archive writes the workbook; the window only
// offers it as a download.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf, type CallInput } from '../../api';
import { saveFile } from '../../lib/saveFile';
import { useToast } from '../../lib/toasts';
import { usePopupDismiss } from '../../lib/usePopupDismiss';

type MemberQuery = CallInput<'exportMembers'>['query'];

interface Props {
  /** The view as the grid shows it, read when the clerk clicks (filters and sort change without React knowing). */
  currentView: () => { query: MemberQuery; columns: string[] };
  /** For the 花名册: the organization and status view of the grid. */
  rosterScope: () => CallInput<'exportRoster'>;
}

export function ExportMenu({ currentView, rosterScope }: Props) {
  const { t } = useTranslation();
  const onDone = useToast();
  const [open, setOpen] = useState(false);
  const [perBranch, setPerBranch] = useState(true);
  const [busy, setBusy] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  usePopupDismiss(open, () => setOpen(false), anchor, { returnFocus: button });

  async function run(make: () => Promise<{ fileName: string; mimeType: string; base64: string; rows: number }>) {
    setBusy(true);
    try {
      const file = await make();
      saveFile(file);
      onDone('info', t('rosterExport.done', { name: file.fileName, count: file.rows }));
      setOpen(false);
    } catch (e) {
      onDone('error', t('rosterExport.failed', { message: messageOf(e) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="popover-anchor" ref={anchor}>
      <button ref={button} type="button" className="btn" data-testid="export-menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('rosterExport.button')}
      </button>
      {open && (
        <div className="popover rexport-panel" role="dialog" aria-label={t('rosterExport.button')} data-testid="export-panel">
          <div className="popover-title">{t('rosterExport.viewTitle')}</div>
          <p className="muted small">{t('rosterExport.viewHint')}</p>
          <button
            type="button"
            className="btn primary"
            data-testid="export-view"
            disabled={busy}
            onClick={() =>
              void run(() => {
                const v = currentView();
                return api.call('exportMembers', { query: v.query, columns: v.columns });
              })
            }
          >
            {busy ? t('rosterExport.busy') : t('rosterExport.view')}
          </button>
          <hr className="rexport-sep" />
          <div className="popover-title">{t('rosterExport.rosterTitle')}</div>
          <p className="muted small">{t('rosterExport.rosterHint')}</p>
          <label className="check-inline">
            <input type="checkbox" data-testid="export-per-branch" checked={perBranch} onChange={(e) => setPerBranch(e.target.checked)} /> {t('rosterExport.perBranch')}
          </label>
          <div className="popover-actions">
            <button type="button" className="btn" data-testid="export-roster" disabled={busy} onClick={() => void run(() => api.call('exportRoster', { ...rosterScope(), perBranch }))}>
              {t('rosterExport.roster')}
            </button>
          </div>
          <hr className="rexport-sep" />
          <div className="popover-title">{t('rosterExport.nationalTitle')}</div>
          <p className="muted small">{t('rosterExport.nationalHint')}</p>
          <div className="popover-actions">
            <button type="button" className="btn" data-testid="export-national" disabled={busy} onClick={() => void run(() => api.call('exportMembersNational', rosterScope()))}>
              {t('rosterExport.national')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
