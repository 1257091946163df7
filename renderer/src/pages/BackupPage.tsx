// 备份与恢复: the backups the program keeps (date, size, what each holds), 立即备份, an encrypted backup
// for a USB stick (passphrase twice), and restoring — from a listed backup or a picked file — which shows
// what the backup holds and asks before anything is replaced. The app restarts to do the swap.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, messageOf, type CallOutput } from '../api';
import { fileToBase64, saveFile } from '../lib/saveFile';
import { useToast } from '../lib/toasts';
import { useCall } from '../lib/useCall';

type Preview = CallOutput<'inspectRestore'>;

const COUNTED = ['members', 'organizations', 'member_events', 'audit_log'] as const;

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function Counts({ counts }: { counts: Record<string, number> | undefined }) {
  const { t } = useTranslation();
  if (!counts) return null;
  return <>{COUNTED.filter((k) => counts[k] !== undefined).map((k) => `${t(`backup.counts.${k}`)} ${counts[k]}`).join(' · ')}</>;
}

export function BackupPage() {
  const { t } = useTranslation();
  const onToast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pass1, setPass1] = useState('');
  const [pass2, setPass2] = useState('');
  const [picked, setPicked] = useState<File | null>(null);
  const [restorePass, setRestorePass] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [restarting, setRestarting] = useState(false);

  const { value: listing, reload: refresh } = useCall('listBackups', {}, { onError: setError });

  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  const backupNow = () =>
    run('backup', async () => {
      const entry = await call('createBackup', {});
      onToast('info', t('backup.done', { name: entry.name }));
      void refresh();
    });

  const passProblem = pass1.length > 0 && [...pass1].length < 8 ? t('backup.tooShort') : pass2.length > 0 && pass1 !== pass2 ? t('backup.mismatch') : null;
  const usbBackup = () =>
    run('usb', async () => {
      const file = await call('exportEncryptedBackup', { passphrase: pass1 });
      saveFile(file);
      setPass1('');
      setPass2('');
      onToast('info', t('backup.usbDone', { name: file.fileName, size: sizeText(file.size) }));
    });

  const inspectListed = (name: string) =>
    run('inspect', async () => {
      setPreview(await call('inspectRestore', { name }));
      setConfirming(false);
    });
  const inspectPicked = () =>
    run('inspect', async () => {
      if (!picked) return;
      const contentBase64 = await fileToBase64(picked);
      setPreview(await call('inspectRestore', { fileName: picked.name, contentBase64, passphrase: restorePass || undefined }));
      setConfirming(false);
    });
  const cancelRestore = () =>
    run('cancel', async () => {
      await call('cancelRestore', {});
      setPreview(null);
      setConfirming(false);
    });
  const confirmRestore = () =>
    run('confirm', async () => {
      await call('confirmRestore', {});
      setRestarting(true);
    });

  return (
    <div className="backup-page" data-testid="backup-page">
      <h2>{t('backup.heading')}</h2>
      <p className="muted small">{t('backup.hint')}</p>
      {error && (
        <div className="alert error" data-testid="backup-error">
          {error}
        </div>
      )}
      {restarting && (
        <div className="alert info" data-testid="backup-restarting">
          {t('backup.restarting')}
        </div>
      )}

      <section className="backup-section">
        <div className="backup-row">
          <button type="button" className="btn primary" data-testid="backup-now" disabled={busy !== null} onClick={() => void backupNow()}>
            {busy === 'backup' ? t('backup.backingUp') : t('backup.backupNow')}
          </button>
          {listing && <span className="muted small backup-folder">{t('backup.folder', { folder: listing.folder })}</span>}
        </div>
        <table className="plain-table backup-table" data-testid="backup-list">
          <thead>
            <tr>
              <th>{t('backup.takenAt')}</th>
              <th>{t('backup.kind')}</th>
              <th>{t('backup.size')}</th>
              <th>{t('backup.contents')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {listing?.backups.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {t('backup.none')}
                </td>
              </tr>
            )}
            {listing?.backups.map((b) => (
              <tr key={b.name} data-testid="backup-item">
                <td>{b.takenAt.replace('T', ' ')}</td>
                <td>{t(`backup.kinds.${b.kind}`)}</td>
                <td>{sizeText(b.size)}</td>
                <td className="small">
                  <Counts counts={b.manifest?.counts} />
                </td>
                <td>
                  <button type="button" className="btn" disabled={busy !== null || restarting} onClick={() => void inspectListed(b.name)}>
                    {t('backup.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <div className="backup-columns">
        <section className="backup-section backup-card">
          <h3>{t('backup.usbHeading')}</h3>
          <p className="muted small">{t('backup.usbHint')}</p>
          <label className="backup-field">
            {t('backup.passphrase')}
            <input type="password" autoComplete="new-password" data-testid="usb-pass1" value={pass1} onChange={(e) => setPass1(e.target.value)} />
          </label>
          <label className="backup-field">
            {t('backup.passphraseAgain')}
            <input type="password" autoComplete="new-password" data-testid="usb-pass2" value={pass2} onChange={(e) => setPass2(e.target.value)} />
          </label>
          {passProblem && <div className="field-error small" data-testid="usb-pass-problem">{passProblem}</div>}
          <button type="button" className="btn" data-testid="usb-backup" disabled={busy !== null || passProblem !== null || pass1.length < 8 || pass1 !== pass2} onClick={() => void usbBackup()}>
            {t('backup.usbButton')}
          </button>
        </section>

        <section className="backup-section backup-card">
          <h3>{t('backup.restoreHeading')}</h3>
          <p className="muted small">{t('backup.restoreHint')}</p>
          <label className="backup-field">
            {t('backup.pickFile')}
            <input type="file" accept=".db,.prbak" data-testid="restore-file" onChange={(e) => setPicked(e.target.files?.[0] ?? null)} />
          </label>
          <label className="backup-field">
            {t('backup.restorePassphrase')}
            <input type="password" autoComplete="off" data-testid="restore-pass" value={restorePass} onChange={(e) => setRestorePass(e.target.value)} />
          </label>
          <button type="button" className="btn" data-testid="restore-inspect" disabled={busy !== null || picked === null || restarting} onClick={() => void inspectPicked()}>
            {t('backup.inspect')}
          </button>
        </section>
      </div>

      {preview && !restarting && (
        <section className="backup-section backup-preview" data-testid="restore-preview">
          <h3>{t('backup.previewHeading')}</h3>
          <dl>
            <dt>{t('backup.takenAt')}</dt>
            <dd data-testid="preview-date">{new Date(preview.manifest.createdAt).toLocaleString('zh-CN', { hour12: false })}</dd>
            <dt>{t('backup.township')}</dt>
            <dd data-testid="preview-township">{preview.manifest.township ? `${preview.manifest.township.name}(${preview.manifest.township.code})` : '—'}</dd>
            <dt>{t('backup.contents')}</dt>
            <dd data-testid="preview-counts">
              <Counts counts={preview.manifest.counts} />
            </dd>
            <dt>{t('backup.digest')}</dt>
            <dd data-testid="preview-digest">{preview.digest === 'verified' ? t('backup.digestVerified') : t('backup.digestNone')}</dd>
            <dt>{t('backup.schema')}</dt>
            <dd>
              {preview.manifest.schemaVersion}
              {preview.upgradedFrom ? t('backup.upgraded') : ''}
            </dd>
          </dl>
          {!confirming ? (
            <div className="backup-row">
              <button type="button" className="btn danger" data-testid="restore-confirm" onClick={() => setConfirming(true)}>
                {t('backup.confirm')}
              </button>
              <button type="button" className="btn" onClick={() => void cancelRestore()}>
                {t('backup.cancel')}
              </button>
            </div>
          ) : (
            <div className="alert error backup-confirm" data-testid="restore-question">
              <p>{t('backup.confirmQuestion')}</p>
              <div className="backup-row">
                <button type="button" className="btn danger" data-testid="restore-yes" disabled={busy !== null} onClick={() => void confirmRestore()}>
                  {t('backup.confirm')}
                </button>
                <button type="button" className="btn" onClick={() => setConfirming(false)}>
                  {t('backup.cancel')}
                </button>
              </div>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
