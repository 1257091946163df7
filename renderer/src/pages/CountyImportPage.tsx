// 导入乡镇数据 (county): the county's keys, the packages found on a U 盘 (or typed paths), imported as a
// job — each verified and applied, refusals shown with their Chinese reason — every township with its
// last package, date and members, the 回执 for a township, and registering a township's public key after
// its fingerprint was read back over the phone.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, messageOf, type CallOutput } from '../api';
import { saveText } from '../lib/saveFile';
import { useSession } from '../lib/session';
import { useToast } from '../lib/toasts';
import { useCall } from '../lib/useCall';
import { useJob } from '../lib/useJob';
import { OwnKeyRows } from './countyExchange/OwnKeyRows';
import { DrivePicker, JobProgress, sizeText } from './countyExchange/DrivePicker';

type FileEntry = CallOutput<'listExchangeFiles'>[number];
interface Outcome {
  file: string;
  status: 'applied' | 'replay' | 'refused';
  message: string;
  townshipName: string | null;
  sequence: number | null;
  kind: 'full' | 'incremental' | null;
}

const when = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 19) : '');
const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

export function CountyImportPage({ onOpenMembers }: { onOpenMembers: () => void }) {
  const { t } = useTranslation();
  const onToast = useToast();
  const isAdmin = useSession().can('admin');
  const [dir, setDir] = useState('');
  const [found, setFound] = useState<FileEntry[] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [typed, setTyped] = useState('');
  const { job, setJob, running, run: runJob, cancel: cancelJob } = useJob();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reg, setReg] = useState<{ code: string; name: string; pem: string; fileName: string; fingerprint: string | null }>({ code: '', name: '', pem: '', fileName: '', fingerprint: null });
  const [regKey, setRegKey] = useState(0); // a new file input after each registration (the old one keeps its file)

  const keysLoad = useCall('exchangeKeys', {}, { onError: setError });
  const keys = keysLoad.value ?? null;
  const { reload: loadKeys, setValue: setKeys } = keysLoad;
  const { value: status, reload: loadStatus } = useCall('countyStatus', {}, { onError: setError });

  const act = useCallback(async (fn: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    try {
      await fn();
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);

  const findPackages = () =>
    act(async () => {
      const files = await call('listExchangeFiles', { dir: dir.trim(), kind: 'package' });
      setFound(files);
      setChosen(new Set(files.map((f) => f.file)));
    });
  const toggle = (file: string) =>
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(file)) next.delete(file);
      else next.add(file);
      return next;
    });
  const typedPaths = typed
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const files = [...(found ?? []).map((f) => f.file).filter((f) => chosen.has(f)), ...typedPaths.filter((p) => !chosen.has(p))];

  const startImport = () =>
    act(async () => {
      setJob(null); // the last import's results go as this one starts
      const end = await runJob(() => call('startCountyImport', { files }));
      if (!end) return;
      if (end.state === 'done') {
        const outcomes = end.result as Outcome[];
        const n = (s: Outcome['status']) => outcomes.filter((o) => o.status === s).length;
        onToast(n('refused') > 0 ? 'error' : 'info', t('countyExchange.import.summary', { applied: n('applied'), replay: n('replay'), refused: n('refused') }));
      }
      await loadStatus();
    });

  const cancel = () => act(cancelJob);

  const writeReceipt = (code: string) =>
    act(async () => {
      const r = await call('writeReceipt', { townshipCode: code });
      saveText(r.fileName, r.text);
      setNotice(t('countyExchange.import.receiptDone', { file: r.fileName, seq: r.packageSequence, fingerprint: r.fingerprint }));
    });
  const pickKey = (file: File | undefined) =>
    act(async () => {
      if (!file) return;
      const pem = await file.text();
      setReg((r) => ({ ...r, pem, fileName: file.name, fingerprint: null }));
      const { fingerprint } = await call('publicKeyFingerprint', { publicKeyPem: pem });
      setReg((r) => ({ ...r, pem, fingerprint }));
    });
  const register = () =>
    act(async () => {
      const r = await call('registerTownship', { code: reg.code.trim(), name: reg.name.trim() || null, publicKeyPem: reg.pem });
      setNotice(
        t('countyExchange.import.registered', { name: r.name, code: r.code, fingerprint: r.fingerprint }) +
          (r.replacedFingerprint ? t('countyExchange.import.replaced', { old: r.replacedFingerprint }) : ''),
      );
      setReg({ code: '', name: '', pem: '', fileName: '', fingerprint: null });
      setRegKey((k) => k + 1);
      await loadStatus();
    });

  const outcomes = job?.state === 'done' ? (job.result as Outcome[]) : null;

  return (
    <div className="cx-page" data-testid="county-import-page">
      <h2>{t('countyExchange.import.heading')}</h2>
      <p className="muted small">{t('countyExchange.import.hint')}</p>
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

      <section className="cx-section" data-testid="cx-townships">
        <div className="cx-row">
          <h3>{t('countyExchange.import.townshipsHeading')}</h3>
          {status && (
            <span className="muted small" data-testid="cx-totals">
              {t('countyExchange.import.totals', status.totals)}
            </span>
          )}
          <button type="button" className="btn" data-testid="cx-open-members" onClick={onOpenMembers}>
            {t('nav.members')}
          </button>
        </div>
        <table className="plain-table cx-table">
          <thead>
            <tr>
              <th>{t('countyExchange.import.code')}</th>
              <th>{t('countyExchange.import.name')}</th>
              <th>{t('countyExchange.common.fingerprint')}</th>
              <th>{t('countyExchange.import.lastPackage')}</th>
              <th>{t('countyExchange.import.lastDate')}</th>
              <th>{t('countyExchange.import.appliedAt')}</th>
              <th className="num">{t('countyExchange.import.members')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {status?.townships.length === 0 && (
              <tr>
                <td colSpan={8} className="muted">
                  {t('countyExchange.import.noTownships')}
                </td>
              </tr>
            )}
            {status?.townships.map((x) => (
              <tr key={x.code} data-testid="cx-township-row" data-code={x.code}>
                <td>{x.code}</td>
                <td>{x.name}</td>
                <td>
                  <code className="cx-fingerprint">{x.fingerprint}</code>
                </td>
                <td data-testid="cx-township-last">
                  {x.lastSequence > 0 ? `${x.lastSequence}(${t(`countyExchange.common.${x.lastKind === 'full' ? 'full' : 'incremental'}`)})` : t('countyExchange.common.none')}
                </td>
                <td>{x.lastBaggingDate ?? ''}</td>
                <td>{when(x.lastAppliedAt)}</td>
                <td className="num" data-testid="cx-township-members">
                  {x.memberCount}
                </td>
                <td>
                  <button type="button" className="btn small" data-testid="cx-write-receipt" disabled={x.lastSequence === 0} onClick={() => void writeReceipt(x.code)}>
                    {t('countyExchange.import.receipt')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <div className="cx-columns">
        <section className="cx-section">
          <DrivePicker value={dir} onChange={setDir} disabled={running} />
          <button type="button" className="btn" data-testid="cx-find" disabled={running || dir.trim() === ''} onClick={() => void findPackages()}>
            {t('countyExchange.import.findPackages')}
          </button>
        </section>

        <section className="cx-section" data-testid="cx-packages">
          <h3>{t('countyExchange.import.packagesHeading')}</h3>
          {found?.length === 0 && <p className="muted">{t('countyExchange.import.noPackages')}</p>}
          {found && found.length > 0 && (
            <ul className="cx-files">
              {found.map((f) => (
                <li key={f.file}>
                  <label className="cx-check" data-testid="cx-package">
                    <input type="checkbox" checked={chosen.has(f.file)} disabled={running} onChange={() => toggle(f.file)} />
                    {f.fileName} <span className="muted small">{sizeText(f.size)}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          <label className="cx-field">
            {t('countyExchange.import.paths')}
            <textarea rows={3} data-testid="cx-paths" value={typed} disabled={running} onChange={(e) => setTyped(e.target.value)} />
          </label>
          <div className="cx-row">
            <button type="button" className="btn primary" data-testid="cx-import" disabled={running || files.length === 0 || !keys?.own} onClick={() => void startImport()}>
              {t('countyExchange.import.start')}
            </button>
            <span className="muted small">{t('countyExchange.import.selected', { count: files.length })}</span>
            {running && (
              <button type="button" className="btn" data-testid="cx-cancel" onClick={() => void cancel()}>
                {t('countyExchange.common.cancel')}
              </button>
            )}
          </div>
          {job && running && <JobProgress job={job} label={t('countyExchange.import.importing')} />}
          {job?.state === 'cancelled' && (
            <p className="muted" data-testid="cx-cancelled">
              {t('countyExchange.import.cancelled')}
            </p>
          )}
          {job?.state === 'failed' && (
            <p className="alert error" role="alert">
              {t('countyExchange.common.failed', { message: job.error?.message ?? '' })}
            </p>
          )}
        </section>
      </div>

      {outcomes && (
        <section className="cx-section" data-testid="cx-outcomes">
          <h3>{t('countyExchange.import.outcomes')}</h3>
          <table className="plain-table cx-table">
            <thead>
              <tr>
                <th>{t('countyExchange.common.file')}</th>
                <th>{t('countyExchange.import.township')}</th>
                <th>{t('countyExchange.import.sequence')}</th>
                <th>{t('countyExchange.import.result')}</th>
                <th>{t('countyExchange.import.message')}</th>
              </tr>
            </thead>
            <tbody>
              {outcomes.map((o) => (
                <tr key={o.file} data-testid="cx-outcome" data-status={o.status} className={`cx-outcome-${o.status}`}>
                  <td>{baseName(o.file)}</td>
                  <td>{o.townshipName ?? ''}</td>
                  <td>{o.sequence ?? ''}</td>
                  <td>{t(`countyExchange.import.status.${o.status}`)}</td>
                  <td className="small">{o.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <div className="cx-columns">
        <section className="cx-section" data-testid="cx-keys">
          <h3>{t('countyExchange.keys.heading')}</h3>
          <OwnKeyRows keys={keys} noKeyText={t('countyExchange.keys.noOwnCounty')} run={act} onKeys={setKeys} reload={loadKeys} />
          {keys && <p className="muted small">{t('countyExchange.keys.keysDir', { dir: keys.dir })}</p>}
        </section>

        {isAdmin && (
          <section className="cx-section" data-testid="cx-register">
            <h3>{t('countyExchange.import.registerHeading')}</h3>
            <p className="muted small">{t('countyExchange.import.registerHint')}</p>
            <div className="cx-row">
              <label className="cx-field">
                {t('countyExchange.import.registerCode')}
                <input type="text" inputMode="numeric" maxLength={12} data-testid="cx-reg-code" value={reg.code} onChange={(e) => setReg({ ...reg, code: e.target.value })} />
              </label>
              <label className="cx-field">
                {t('countyExchange.import.registerName')}
                <input type="text" maxLength={50} data-testid="cx-reg-name" value={reg.name} onChange={(e) => setReg({ ...reg, name: e.target.value })} />
              </label>
              <div className="cx-field">
                {t('countyExchange.import.registerFile')}
                <span className="cx-row">
                  <label className="btn">
                    {t('countyExchange.import.registerPick')}
                    <input key={regKey} type="file" accept=".pem,.pub,.txt" hidden data-testid="cx-reg-file" onChange={(e) => void pickKey(e.target.files?.[0])} />
                  </label>
                  <span className="muted small">{reg.fileName}</span>
                </span>
              </div>
            </div>
            {reg.fingerprint && (
              <div className="cx-confirm">
                {t('countyExchange.import.checkFingerprint')}
                <code className="cx-fingerprint big" data-testid="cx-reg-fingerprint">
                  {reg.fingerprint}
                </code>
                <button type="button" className="btn primary" data-testid="cx-register-confirm" disabled={reg.code.trim() === ''} onClick={() => void register()}>
                  {t('countyExchange.import.register')}
                </button>
              </div>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
