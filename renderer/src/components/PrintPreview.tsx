// The print preview: a template's A4 HTML in a frame without scripts, with 打印 and 保存为 PDF. In Electron
// both go through window.printer (a hidden sandboxed window in the main process); in a plain browser
// (the test harness) 打印 uses the frame's own print dialog and PDF is not offered.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../api';
import { followJob, type JobStatus } from '../lib/useJob';

export interface PrintDocument {
  html: string;
  title: string;
}

/** Progress of long preparation (a whole branch's forms) and the clerk's cancel. */
export interface PrintLoading {
  progress: (done: number, total: number) => void;
  signal: AbortSignal;
}

interface Props {
  /** Loads the document to show; called once when the preview opens. */
  load: (loading: PrintLoading) => Promise<PrintDocument>;
  onClose: () => void;
  /** Choices of the document itself (the 花名册's layout), beside the buttons; changing one gives a new `load`. */
  controls?: ReactNode;
}

/** A batch job of the archive (startPrintBatch): poll its progress; cancel it when the clerk does. */
export async function loadPrintJob(start: () => Promise<JobStatus>, { progress, signal }: PrintLoading): Promise<PrintDocument> {
  const s = await followJob(await start(), { onStatus: (status) => progress(status.done, status.total), signal });
  if (signal.aborted || s.state === 'cancelled') throw new DOMException('cancelled', 'AbortError');
  if (s.state === 'failed') throw new Error(s.error?.message ?? '');
  return s.result as PrintDocument;
}

export function PrintPreview({ load, onClose, controls }: Props) {
  const { t } = useTranslation();
  const frame = useRef<HTMLIFrameElement>(null);
  const [doc, setDoc] = useState<PrintDocument | null>(null);
  const [status, setStatus] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(true);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [controller] = useState(() => new AbortController());

  useEffect(() => {
    let live = true;
    load({ progress: (done, total) => live && setProgress({ done, total }), signal: controller.signal })
      .then((d) => live && setDoc(d))
      .catch((e: unknown) => {
        if (!live) return;
        if ((e as Error)?.name === 'AbortError') setStatus({ kind: 'info', text: t('print.cancelled') });
        else setStatus({ kind: 'error', text: messageOf(e) });
      })
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [load, controller, t]);

  async function printNow() {
    if (!doc) return;
    if (!window.printer) {
      frame.current?.contentWindow?.print();
      return;
    }
    setBusy(true);
    const r = await window.printer.print({ html: doc.html });
    setBusy(false);
    setStatus(r.ok ? { kind: 'info', text: t('print.sent') } : { kind: r.cancelled ? 'info' : 'error', text: r.message });
  }

  async function savePdf() {
    if (!doc || !window.printer) return;
    setBusy(true);
    const r = await window.printer.savePdf({ html: doc.html, suggestedName: doc.title.replace(/[/\\:*?"<>|]/g, ' ') });
    setBusy(false);
    if (r.ok) setStatus({ kind: 'info', text: t('print.saved', { path: r.path }) });
    else if (!r.cancelled) setStatus({ kind: 'error', text: r.message });
  }

  return (
    <div className="drawer-backdrop" data-testid="print-preview">
      <div className="print-preview" role="dialog" aria-label={doc?.title ?? t('print.preview')}>
        <header className="drawer-header">
          <h2 data-testid="print-title">{doc?.title ?? t('print.preview')}</h2>
          <div className="toolbar-actions">
            {controls}
            {status && (
              <span className={`print-status ${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'} data-testid="print-status">
                {status.text}
              </span>
            )}
            <button type="button" className="btn primary" data-testid="print-now" disabled={!doc || busy} onClick={() => void printNow()}>
              {t('print.printNow')}
            </button>
            {window.printer && (
              <button type="button" className="btn" data-testid="print-pdf" disabled={!doc || busy} onClick={() => void savePdf()}>
                {t('print.savePdf')}
              </button>
            )}
            <button type="button" className="btn" data-testid="print-close" onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
        </header>
        {busy && !doc && (
          <div className="print-loading" data-testid="print-loading">
            <span>{t('print.loading')}</span>
            {progress && progress.total > 0 && (
              <>
                <progress max={progress.total} value={progress.done} data-testid="print-progress" />
                <span>
                  {progress.done} / {progress.total}
                </span>
                <button type="button" className="btn" data-testid="print-cancel" onClick={() => controller.abort()}>
                  {t('print.cancel')}
                </button>
              </>
            )}
          </div>
        )}
        {doc && <iframe ref={frame} title={doc.title} srcDoc={doc.html} sandbox="allow-modals allow-same-origin" className="print-frame" data-testid="print-frame" />}
      </div>
    </div>
  );
}
