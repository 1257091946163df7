// 导出到县 (township): the keys (this install's fingerprint, the county's public key), the U 盘, what will
// be sent (counts by table, the sequence range, full or incremental, 完整导出 on request), writing the
// package as a job with progress that ends by reading it back from the stick, the log of packages sent
// with the county's acknowledgement, and importing the county's 回执.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, messageOf, type CallOutput } from '../api';
import { useSession } from '../lib/session';
import { useToast } from '../lib/toasts';
import { useCall } from '../lib/useCall';
import { useJob } from '../lib/useJob';
import { OwnKeyRows } from './countyExchange/OwnKeyRows';
import { DrivePicker, JobProgress, sizeText } from './countyExchange/DrivePicker';

type Sent = CallOutput<'listSentPackages'>[number];
type ExportResult =
  | { package: { file: string; fileName: string; size: number; sequence: number; kind: string }; verification: { ok: boolean; message: string }; nothingToSend: null }
  | { package: null; verification: null; nothingToSend: { message: string; baseSequence: number } };

const when = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 19) : '');
const NO_PACKAGES: Sent[] = [];

export function CountyExportPage() {
  const { t } = useTranslation();
  const onToast = useToast();
  const isAdmin = useSession().can('admin');
  const [full, setFull] = useState(false);
  const [dir, setDir] = useState('');
  const { job, running, run: runJob, cancel: cancelJob } = useJob();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const keysLoad = useCall('exchangeKeys', {}, { onError: setError });
  const keys = keysLoad.value ?? null;
  const { reload: loadKeys, setValue: setKeys } = keysLoad;
  const { value: sent, reload: loadLog } = useCall('listSentPackages', {}, { initial: NO_PACKAGES, onError: setError });
  const { value: plan, reload: reloadPlan } = useCall('previewCountyExport', { full }, { onError: setError });
  const loadPlan = () => void reloadPlan();

  const act = useCallback(async (fn: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    try {
      await fn();
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);

  const importCounty = (file: File | undefined) =>
    act(async () => {
      if (!file) return;
      const r = await call('importCountyKey', { text: await file.text() });
      setNotice(t('countyExchange.keys.countyImported', { fingerprint: r.fingerprint }));
      await loadKeys();
      loadPlan();
    });
  const importReceipt = (file: File | undefined) =>
    act(async () => {
      if (!file) return;
      const r = await call('importReceipt', { text: await file.text() });
      setNotice(r.message);
      onToast('info', r.message);
      await loadLog();
      loadPlan();
    });
  const verify = (p: Sent) =>
    act(async () => {
      const r = await call('verifyPackage', { file: p.filePath });
      if (r.ok) setNotice(t('countyExchange.export.verifyOk', { message: r.message }));
      else setError(r.message);
      await loadLog();
    });

  const write = () =>
    act(async () => {
      const end = await runJob(() => call('startCountyExport', { outDir: dir.trim(), full }));
      if (!end) return;
      if (end.state === 'done') {
        const r = end.result as ExportResult;
        if (r.nothingToSend) onToast('info', t('countyExchange.export.nothingToSend', { base: r.nothingToSend.baseSequence }));
        else {
          onToast('info', t('countyExchange.export.done', { file: r.package.fileName, size: sizeText(r.package.size) }));
          setFull(false);
        }
      }
      await loadLog();
      loadPlan();
    });
  const cancel = () => act(cancelJob);

  const result = job?.state === 'done' ? (job.result as ExportResult) : null;
  const ready = keys?.own && keys.county;
  // Nothing changed since the acknowledged package: an incremental package would be empty.
  const nothing = plan?.nothingToSend === true && !full;

  return (
    <div className="cx-page" data-testid="county-export-page">
      <h2>{t('countyExchange.export.heading')}</h2>
      <p className="muted small">{t('countyExchange.export.hint')}</p>
      {error && (
        <div className="alert error" role="alert" data-testid="cx-error">
          {error}
        </div>
      )}
      {notice && (
        <div className="alert info" data-testid="cx-notice">
          {notice}
        </div>
      )}

      <section className="cx-section" data-testid="cx-keys">
        <h3>{t('countyExchange.keys.heading')}</h3>
        <OwnKeyRows keys={keys} noKeyText={t('countyExchange.keys.noOwnTownship')} run={act} onKeys={setKeys} reload={loadKeys} />
        <div className="cx-row">
          {keys?.county ? (
            <span>
              {t('countyExchange.keys.county')}
              {keys.county.name ? `(${keys.county.name})` : ''}:<code className="cx-fingerprint" data-testid="cx-county-fingerprint">{keys.county.fingerprint}</code>
            </span>
          ) : (
            <span className="cx-warn">{t('countyExchange.keys.noCounty')}</span>
          )}
          {isAdmin && (
            <label className="btn">
              {t('countyExchange.keys.importCounty')}
              <input type="file" accept=".pub,.txt" hidden data-testid="cx-import-county" onChange={(e) => void importCounty(e.target.files?.[0])} />
            </label>
          )}
        </div>
        {keys && <p className="muted small">{t('countyExchange.keys.keysDir', { dir: keys.dir })}</p>}
      </section>

      <div className="cx-columns">
        <section className="cx-section">
          <DrivePicker value={dir} onChange={setDir} disabled={running} />
        </section>

        <section className="cx-section" data-testid="cx-plan">
          <div className="cx-row">
            <h3>{t('countyExchange.export.planHeading')}</h3>
            <label className="cx-check">
              <input type="checkbox" data-testid="cx-full" checked={full} disabled={running} onChange={(e) => setFull(e.target.checked)} />
              {t('countyExchange.export.fullChoice')}
            </label>
          </div>
          {plan && (
            <>
              <dl className="cx-facts">
                <dt>{t('countyExchange.export.sequence')}</dt>
                <dd data-testid="cx-plan-sequence">
                  {plan.township.code}-{String(plan.sequence).padStart(6, '0')}
                </dd>
                <dt>{t('countyExchange.export.kind')}</dt>
                <dd data-testid="cx-plan-kind">
                  {t(`countyExchange.common.${plan.kind}`)} ·{' '}
                  {plan.kind === 'full' ? t('countyExchange.export.baseNone') : t('countyExchange.export.base', { base: plan.baseSequence })}
                </dd>
                <dt>{t('countyExchange.export.range')}</dt>
                <dd>{t('countyExchange.export.rangeText', { from: plan.changeFrom, to: plan.changeTo })}</dd>
                <dt>{t('countyExchange.export.attachments')}</dt>
                <dd>{t('countyExchange.export.attachmentsText', { count: plan.attachments, size: sizeText(plan.attachmentBytes) })}</dd>
              </dl>
              {nothing && (
                <p className="alert info" data-testid="cx-nothing-to-send">
                  {t('countyExchange.export.nothingToSend', { base: plan.baseSequence })}
                </p>
              )}
              {plan.missingAttachments.length > 0 && <p className="cx-warn small">{t('countyExchange.export.missing', { names: plan.missingAttachments.join('、') })}</p>}
              <table className="plain-table cx-table" data-testid="cx-plan-tables">
                <thead>
                  <tr>
                    <th>{t('countyExchange.export.table')}</th>
                    <th className="num">{t('countyExchange.export.rows')}</th>
                    <th className="num">{t('countyExchange.export.total')}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.tables
                    .filter((x) => x.rows > 0 || x.total > 0)
                    .map((x) => (
                      <tr key={x.name} data-testid={`cx-plan-${x.name}`}>
                        <td title={x.name}>{t(`countyExchange.tables.${x.name}`, { defaultValue: x.name })}</td>
                        <td className="num">{x.rows}</td>
                        <td className="num">{x.total}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </>
          )}
          <div className="cx-row">
            <button type="button" className="btn primary" data-testid="cx-write" disabled={!ready || running || nothing || dir.trim() === ''} onClick={() => void write()}>
              {t('countyExchange.export.write')}
            </button>
            {dir.trim() === '' && <span className="muted small">{t('countyExchange.export.noTarget')}</span>}
            {running && (
              <button type="button" className="btn" data-testid="cx-cancel" onClick={() => void cancel()}>
                {t('countyExchange.common.cancel')}
              </button>
            )}
          </div>
          {job && running && <JobProgress job={job} label={t('countyExchange.export.writing')} />}
          {job?.state === 'cancelled' && <p className="muted">{t('countyExchange.common.cancelled')}</p>}
          {job?.state === 'failed' && (
            <p className="alert error" role="alert" data-testid="cx-export-failed">
              {t('countyExchange.common.failed', { message: job.error?.message ?? '' })}
            </p>
          )}
          {result?.nothingToSend && (
            <div className="alert info" data-testid="cx-export-result">
              {t('countyExchange.export.nothingToSend', { base: result.nothingToSend.baseSequence })}
            </div>
          )}
          {result?.package && (
            <div className={`alert ${result.verification.ok ? 'info' : 'error'}`} data-testid="cx-export-result">
              <div>{t('countyExchange.export.done', { file: result.package.fileName, size: sizeText(result.package.size) })}</div>
              <div>{t(result.verification.ok ? 'countyExchange.export.verified' : 'countyExchange.export.notVerified', { message: result.verification.message })}</div>
            </div>
          )}
        </section>
      </div>

      <section className="cx-section">
        <h3>{t('countyExchange.export.logHeading')}</h3>
        <table className="plain-table cx-table" data-testid="cx-sent">
          <thead>
            <tr>
              <th>{t('countyExchange.export.sequence')}</th>
              <th>{t('countyExchange.export.kind')}</th>
              <th>{t('countyExchange.common.file')}</th>
              <th className="num">{t('countyExchange.common.size')}</th>
              <th>{t('countyExchange.export.createdAt')}</th>
              <th>{t('countyExchange.export.actor')}</th>
              <th>{t('countyExchange.export.verifiedAt')}</th>
              <th>{t('countyExchange.export.acknowledgedAt')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sent.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  {t('countyExchange.export.logEmpty')}
                </td>
              </tr>
            )}
            {sent.map((p) => (
              <tr key={p.sequence} data-testid="cx-sent-row">
                <td>{p.sequence}</td>
                <td>{t(`countyExchange.common.${p.kind === 'full' ? 'full' : 'incremental'}`)}</td>
                <td title={p.filePath}>{p.fileName}</td>
                <td className="num">{sizeText(p.size)}</td>
                <td>{when(p.createdAt)}</td>
                <td>{p.actor}</td>
                <td>{when(p.verifiedAt)}</td>
                <td data-testid="cx-sent-ack">{p.acknowledgedAt ? when(p.acknowledgedAt) : <span className="muted">{t('countyExchange.export.notYet')}</span>}</td>
                <td>
                  <button type="button" className="btn small" onClick={() => void verify(p)}>
                    {t('countyExchange.export.verify')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="cx-section" data-testid="cx-receipt">
        <h3>{t('countyExchange.export.receiptHeading')}</h3>
        <p className="muted small">{t('countyExchange.export.receiptHint')}</p>
        <label className="btn">
          {t('countyExchange.export.receiptPick')}
          <input type="file" accept=".prreceipt" hidden data-testid="cx-receipt-file" onChange={(e) => void importReceipt(e.target.files?.[0])} />
        </label>
      </section>
    </div>
  );
}
