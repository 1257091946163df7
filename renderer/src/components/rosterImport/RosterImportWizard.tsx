// 导入花名册: the wizard over the archive's roster analysis. The clerk picks a file (its bytes go to the
// archive once, which keeps them under an analysis id), checks the column mapping, the preview and the
// problems, chooses what happens to unknown branches and to people already in the archive, and only
// then confirms. The import is a job: one transaction with a progress bar and 取消 (a cancel before
// the commit writes nothing). Nothing here decides how a cell is read: that is the service's work.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf, type OrgNodeDto } from '../../api';
import { fileToBase64, saveFile } from '../../lib/saveFile';
import { useCall } from '../../lib/useCall';
import { useJob } from '../../lib/useJob';
import { ImportChoicesStep } from './ImportChoicesStep';
import { ImportMappingStep } from './ImportMappingStep';
import { ImportPreviewStep, ImportProblemsStep } from './ImportPreviewStep';
import { LastImportPanel } from './LastImportPanel';
import type { BranchChoice, DuplicateMode, ImportDefaults, ImportOptions, ImportOutcome, RosterAnalysis, RosterField } from './types';

const STEPS = ['mapping', 'preview', 'problems', 'choices', 'confirm'] as const;
type Step = (typeof STEPS)[number];
const NO_ORGS: OrgNodeDto[] = [];

/** What the clerk set that changes how the file is read. */
interface Settings {
  mapping: Record<string, RosterField | null>;
  duplicateMode: DuplicateMode;
  defaults: ImportDefaults;
}
const FRESH: Settings = { mapping: {}, duplicateMode: 'skip', defaults: {} };

interface Props {
  rootOrgId: string | null;
  onClose: () => void;
  /** The archive changed (an import was committed): the window refreshes its grid, tree and counts. */
  onImported: (outcome: ImportOutcome) => void;
  /** After 撤销上一次导入: the grid and the tree show the archive as it is now. */
  onUndone?: () => void;
}

export function RosterImportWizard({ rootOrgId, onClose, onImported, onUndone }: Props) {
  const { t } = useTranslation();
  const [analysis, setAnalysis] = useState<RosterAnalysis | null>(null);
  const [settings, setSettings] = useState<Settings>(FRESH);
  const { mapping, duplicateMode } = settings;
  const [choices, setChoices] = useState<Record<string, BranchChoice>>({});
  const [step, setStep] = useState<Step>('mapping');
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { job, setJob, running, run: runJob, cancel: cancelJob } = useJob();
  const [exporting, setExporting] = useState(false);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const { value: orgs } = useCall('orgTree', {}, { initial: NO_ORGS, onError: setFailure });

  const optionsFor = useCallback(
    (s: Settings, c: Record<string, BranchChoice> = {}): ImportOptions => ({ mapping: s.mapping, duplicateMode: s.duplicateMode, defaults: s.defaults, branchChoices: c }),
    [],
  );

  async function pick(file: File | undefined) {
    if (!file) return;
    setFailure(null);
    setBusy(t('rosterImport.reading', { name: file.name }));
    try {
      const base64 = await fileToBase64(file);
      const a = await api.call('analyseImport', { file: { fileName: file.name, base64 } });
      if (!live.current) return;
      setAnalysis(a);
      setSettings(FRESH);
      setChoices({});
      setStep('mapping');
    } catch (e) {
      if (live.current) setFailure(messageOf(e));
    } finally {
      if (live.current) setBusy(null);
    }
  }

  /** The clerk changed the mapping, a default or the duplicate mode: the file is read again with it. */
  async function reanalyse(change: Partial<Settings>) {
    if (!analysis) return;
    const next = { ...settings, ...change };
    setSettings(next);
    setFailure(null);
    setBusy(t('rosterImport.reanalysing'));
    try {
      const a = await api.call('analyseImport', { analysisId: analysis.analysisId, options: optionsFor(next) });
      if (live.current) setAnalysis(a);
    } catch (e) {
      if (live.current) setFailure(messageOf(e));
    } finally {
      if (live.current) setBusy(null);
    }
  }

  async function exportErrors() {
    if (!analysis) return;
    setExporting(true);
    try {
      saveFile(await api.call('exportImportErrors', { analysisId: analysis.analysisId, options: optionsFor(settings) }));
    } catch (e) {
      setFailure(messageOf(e));
    } finally {
      setExporting(false);
    }
  }

  async function confirmImport() {
    if (!analysis) return;
    setFailure(null);
    try {
      const s = await runJob(() => api.call('startImport', { analysisId: analysis.analysisId, options: optionsFor(settings, choices), expectedRows: analysis.counts.rows }));
      if (s?.state === 'done') onImported(s.result as ImportOutcome);
    } catch (e) {
      if (live.current) setFailure(messageOf(e));
    }
  }

  async function cancelImport() {
    try {
      await cancelJob();
    } catch (e) {
      setFailure(messageOf(e));
    }
  }

  const finished = job !== null && !running;
  const stepIndex = STEPS.indexOf(step);
  const outcome = job?.state === 'done' ? (job.result as ImportOutcome) : null;

  return (
    <div className="drawer-backdrop" data-testid="import-wizard">
      <div className="rimport-dialog" role="dialog" aria-label={t('rosterImport.heading')}>
        <header className="drawer-header">
          <h2>
            {t('rosterImport.heading')}
            {analysis && <span className="rimport-file"> · {analysis.fileName}</span>}
          </h2>
          <button type="button" className="btn" data-testid="import-close" disabled={running} onClick={onClose}>
            {finished ? t('common.close') : t('common.cancel')}
          </button>
        </header>

        {!job && (
          <div className="rimport-pick">
            <label className="btn" htmlFor="rimport-file">
              {analysis ? t('rosterImport.pickAnother') : t('rosterImport.pick')}
            </label>
            <input id="rimport-file" type="file" accept=".xlsx,.xls,.csv" data-testid="import-file" disabled={busy !== null} onChange={(e) => void pick(e.target.files?.[0])} />
            <span className="muted small">{t('rosterImport.pickHint')}</span>
            {!analysis && <LastImportPanel onUndone={() => onUndone?.()} />}
          </div>
        )}

        {analysis && !job && (
          <>
            <div className="rimport-counts" data-testid="import-counts">
              {t('rosterImport.counts', { rows: analysis.counts.rows, new: analysis.counts.new, existing: analysis.counts.existing, errors: analysis.counts.errors })}
            </div>
            {analysis.notices.map((n) => (
              <div key={n} className="alert info rimport-notice">
                {n}
              </div>
            ))}
            <nav className="tabs" aria-label={t('rosterImport.heading')}>
              {STEPS.map((s, i) => (
                <button key={s} type="button" className={s === step ? 'active' : ''} data-testid={`import-step-${s}`} onClick={() => setStep(s)}>
                  {i + 1}. {t(`rosterImport.step.${s}`)}
                  {s === 'problems' && analysis.problemTotal > 0 && <span className="nav-badge">{analysis.counts.errors}</span>}
                </button>
              ))}
            </nav>
          </>
        )}

        {busy && (
          <div className="rimport-busy" role="status" data-testid="import-busy">
            {busy}
          </div>
        )}
        {failure && (
          <div className="alert error rimport-failure" role="alert" data-testid="import-failure">
            {failure}
          </div>
        )}

        <div className="rimport-body">
          {analysis && !job && step === 'mapping' && (
            <ImportMappingStep
              analysis={analysis}
              disabled={busy !== null}
              defaults={settings.defaults}
              onMap={(header, field) => void reanalyse({ mapping: { ...mapping, [header]: field } })}
              onDefault={(field, code) => void reanalyse({ defaults: { ...settings.defaults, [field]: code || undefined } })}
            />
          )}
          {analysis && !job && step === 'preview' && <ImportPreviewStep analysis={analysis} />}
          {analysis && !job && step === 'problems' && <ImportProblemsStep analysis={analysis} exporting={exporting} onExportErrors={() => void exportErrors()} />}
          {analysis && !job && step === 'choices' && (
            <ImportChoicesStep
              analysis={analysis}
              orgs={orgs}
              rootOrgId={rootOrgId}
              choices={choices}
              onChoice={(name, c) =>
                setChoices((all) => {
                  const next = { ...all };
                  if (c) next[name] = c;
                  else delete next[name];
                  return next;
                })
              }
              duplicateMode={duplicateMode}
              onDuplicateMode={(mode) => void reanalyse({ duplicateMode: mode })}
              disabled={busy !== null}
            />
          )}
          {analysis && !job && step === 'confirm' && (
            <div className="rimport-step" data-testid="import-confirm-step">
              <h3>{t('rosterImport.confirmHeading')}</h3>
              <ul className="rimport-summary">
                <li>{t('rosterImport.willInsert', { count: analysis.counts.new })}</li>
                <li>{t(`rosterImport.willDuplicates.${duplicateMode}`, { count: analysis.counts.existing, update: analysis.counts.toUpdate })}</li>
                <li className={analysis.counts.errors ? 'rimport-warn' : undefined}>{t('rosterImport.willSkipErrors', { count: analysis.counts.errors })}</li>
                <li>{t('rosterImport.willBranches', { count: analysis.branches.filter((b) => !b.matchOrgId && (choices[b.name]?.action ?? 'create') === 'create').length })}</li>
              </ul>
              <p className="muted">{t('rosterImport.confirmHint')}</p>
            </div>
          )}

          {job && (
            <div className="rimport-step rimport-run" data-testid="import-run">
              {running && (
                <>
                  <h3>{t('rosterImport.running')}</h3>
                  <p>{job.message ?? t('rosterImport.starting')}</p>
                  <progress data-testid="import-progress" max={Math.max(job.total, analysis?.counts.rows ?? 1, 1)} value={job.done} />
                  <p className="muted small">{t('rosterImport.progress', { done: job.done, total: Math.max(job.total, analysis?.counts.rows ?? 0) })}</p>
                  <button type="button" className="btn" data-testid="import-cancel" onClick={() => void cancelImport()}>
                    {t('rosterImport.cancelImport')}
                  </button>
                  <p className="muted small">{t('rosterImport.cancelHint')}</p>
                </>
              )}
              {job.state === 'cancelled' && (
                <p className="rimport-ok" data-testid="import-cancelled">
                  {t('rosterImport.cancelled')}
                </p>
              )}
              {job.state === 'failed' && (
                <p className="alert error" role="alert" data-testid="import-failed">
                  {t('rosterImport.failed', { message: job.error?.message ?? '' })}
                </p>
              )}
              {outcome && (
                <div data-testid="import-result">
                  <p className="rimport-ok">{t('rosterImport.done', { inserted: outcome.inserted, updated: outcome.updated, skipped: outcome.skipped, errors: outcome.errors })}</p>
                  {outcome.createdBranches.length > 0 && <p className="muted">{t('rosterImport.createdBranches', { names: outcome.createdBranches.join('、') })}</p>}
                  {(outcome.notices ?? []).map((n) => <p key={n} className="muted small">{n}</p>)}
                  {/* The rows left out stay downloadable: fixed in Excel, they are imported again. */}
                  {outcome.errors > 0 && (
                    <button type="button" className="btn" data-testid="import-result-errors" disabled={exporting} onClick={() => void exportErrors()}>
                      {t('rosterImport.exportErrors')}
                    </button>
                  )}
                </div>
              )}
            </div>
          )}
        </div>

        {analysis && !job && (
          <footer className="rimport-footer">
            <button type="button" className="btn" data-testid="import-back" disabled={stepIndex === 0} onClick={() => setStep(STEPS[stepIndex - 1])}>
              {t('rosterImport.back')}
            </button>
            {step !== 'confirm' ? (
              <button type="button" className="btn primary" data-testid="import-next" onClick={() => setStep(STEPS[stepIndex + 1])}>
                {t('rosterImport.next')}
              </button>
            ) : (
              <button
                type="button"
                className="btn primary"
                data-testid="import-confirm"
                disabled={busy !== null || analysis.counts.new + analysis.counts.toUpdate === 0}
                onClick={() => void confirmImport()}
              >
                {t('rosterImport.confirm')}
              </button>
            )}
          </footer>
        )}
        {job && (job.state === 'cancelled' || job.state === 'failed') && (
          <footer className="rimport-footer">
            <button type="button" className="btn" data-testid="import-again" onClick={() => setJob(null)}>
              {t('rosterImport.backToWizard')}
            </button>
          </footer>
        )}
      </div>
    </div>
  );
}
