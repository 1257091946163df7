// 档案材料 (一人一盒): the checklist of the member's paper file, the scanned documents by type, upload
// (the file is read here and sent as base64 — the window never handles paths) and a viewer for images
// and PDFs through blob: URLs.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError, messageOf } from '../../api';
import { codeItems, labelOf } from '../../lib/codes';
import { bytesOf, fileToBase64 } from '../../lib/saveFile';
import { useCall } from '../../lib/useCall';
import { FieldError } from '../FieldError';

function mimeOf(file: File): string {
  if (file.type) return file.type;
  const ext = file.name.toLowerCase().split('.').pop();
  return ext === 'pdf' ? 'application/pdf' : ext === 'png' ? 'image/png' : ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : 'application/octet-stream';
}

export function MemberFilesPanel({ memberId, onChanged }: { memberId: string; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [docType, setDocType] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [viewer, setViewer] = useState<{ url: string; mime: string; name: string } | null>(null);

  const { value: view, reload: load } = useCall('listMemberFiles', { memberId }, { onError: setFailure });
  useEffect(() => () => {
    if (viewer) URL.revokeObjectURL(viewer.url);
  }, [viewer]);

  async function upload() {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      if (!file) throw new ApiCallError('addMemberFile', 'validation', t('life.files.choose'), [{ field: 'file', message: t('life.files.choose') }]);
      const contentBase64 = await fileToBase64(file);
      await api.call('addMemberFile', { memberId, docType, fileName: file.name, mime: mimeOf(file), contentBase64 });
      setFile(null);
      setDocType('');
      setInputKey((k) => k + 1);
      await load();
      onChanged();
    } catch (err) {
      if (err instanceof ApiCallError && err.issues.length) setErrors(err.byField());
      else setFailure(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function open(id: string) {
    try {
      const f = await api.call('getMemberFile', { id });
      const bytes = bytesOf(f.contentBase64);
      setViewer({ url: URL.createObjectURL(new Blob([bytes], { type: f.mime })), mime: f.mime, name: f.fileName });
    } catch (err) {
      setFailure(messageOf(err));
    }
  }

  async function remove(id: string) {
    try {
      await api.call('removeMemberFile', { id });
      await load();
      onChanged();
    } catch (err) {
      setFailure(messageOf(err));
    }
  }

  if (!view) return <div className="muted pad">{t('common.loading')}</div>;
  const en = i18n.language.startsWith('en');
  return (
    <div className="life-panel" data-testid="files-panel">
      <section className="life-section">
        <h3>{t('life.files.checklist')}</h3>
        <ul className="checklist" data-testid="file-checklist">
          {view.checklist.map((c) => (
            <li key={c.docType} className={c.present ? 'present' : 'missing'} data-testid={`check-${c.docType}`}>
              <span aria-hidden="true">{c.present ? '✓' : '✗'}</span> {labelOf('documentType', c.docType, i18n.language)} · {c.present ? t('life.files.present') : t('life.files.missing')}
            </li>
          ))}
        </ul>
      </section>
      <section className="life-section">
        <div className="upload-row">
          <div className="field">
            <label className="field-label" htmlFor="file-doctype">
              {t('life.files.docType')}
              <span className="req">*</span>
            </label>
            <select id="file-doctype" data-testid="file-doctype" value={docType} onChange={(e) => setDocType(e.target.value)} disabled={busy}>
              <option value="">{t('common.select')}</option>
              {codeItems('documentType').map((c) => (
                <option key={c.code} value={c.code}>
                  {en ? c.en : c.zh}
                </option>
              ))}
            </select>
            <FieldError field="docType" message={errors.docType} prefix="file-error" />
          </div>
          <div className="field">
            <label className="field-label" htmlFor="file-input">
              {t('life.files.choose')}
            </label>
            <input key={inputKey} id="file-input" data-testid="file-input" type="file" accept="application/pdf,image/png,image/jpeg" disabled={busy} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            <FieldError field="file" message={errors.file} prefix="file-error" />
          </div>
          <button type="button" className="btn primary" data-testid="file-upload" disabled={busy} onClick={() => void upload()}>
            {busy ? t('life.files.uploading') : t('life.files.upload')}
          </button>
        </div>
        {failure && (
          <div className="alert error" role="alert" data-testid="file-failure">
            {failure}
          </div>
        )}
        {view.files.length === 0 ? (
          <div className="muted small life-empty">{t('life.files.none')}</div>
        ) : (
          <table className="life-table" data-testid="file-list">
            <tbody>
              {view.files.map((f) => (
                <tr key={f.id} data-testid="file-row">
                  <td>{labelOf('documentType', f.docType, i18n.language)}</td>
                  <td>{f.fileName}</td>
                  <td>{t('life.files.size', { kb: Math.max(1, Math.round(f.size / 1024)) })}</td>
                  <td>{f.createdAt.slice(0, 10)}</td>
                  <td className="life-actions-col">
                    <button type="button" className="link-btn" data-testid="file-view" onClick={() => void open(f.id)}>
                      {t('life.files.view')}
                    </button>
                    <button type="button" className="link-btn" onClick={() => void remove(f.id)}>
                      {t('life.files.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {viewer && (
        <div className="modal-backdrop" onClick={() => setViewer(null)}>
          <div className="modal file-viewer" role="dialog" aria-modal="true" aria-label={t('life.files.viewer')} data-testid="file-viewer" onClick={(e) => e.stopPropagation()}>
            <div className="life-section-head">
              <h2>{viewer.name}</h2>
              <button type="button" className="icon-btn" aria-label={t('common.close')} data-testid="file-viewer-close" onClick={() => setViewer(null)}>
                ×
              </button>
            </div>
            {viewer.mime === 'application/pdf' ? <iframe title={viewer.name} src={viewer.url} className="file-frame" /> : <img src={viewer.url} alt={viewer.name} className="file-image" />}
          </div>
        </div>
      )}
    </div>
  );
}
