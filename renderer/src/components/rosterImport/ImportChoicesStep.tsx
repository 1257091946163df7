// Step 4 of 导入花名册: the clerk's choices. Branches the archive does not know are created under a chosen
// parent or mapped to an existing organization; people already in the archive (same ID number) are
// skipped, get only their empty fields filled, or are overwritten, each shown as a diff.
import { useTranslation } from 'react-i18next';
import type { OrgNodeDto } from '../../api';
import type { BranchChoice, DuplicateMode, RosterAnalysis } from './types';

const CONTAINERS = new Set(['committee', 'general_branch', 'joint_general_branch']);
const DUPLICATE_MODES: DuplicateMode[] = ['skip', 'fillEmpty', 'overwrite'];

interface Props {
  analysis: RosterAnalysis;
  orgs: OrgNodeDto[];
  rootOrgId: string | null;
  choices: Record<string, BranchChoice>;
  onChoice: (branch: string, choice: BranchChoice | null) => void;
  duplicateMode: DuplicateMode;
  onDuplicateMode: (mode: DuplicateMode) => void;
  disabled: boolean;
}

export function ImportChoicesStep({ analysis, orgs, rootOrgId, choices, onChoice, duplicateMode, onDuplicateMode, disabled }: Props) {
  const { t } = useTranslation();
  const active = orgs.filter((o) => o.status === 'active');
  const parents = active.filter((o) => CONTAINERS.has(o.type));
  const targets = active.filter((o) => o.type !== 'group');
  const fallbackParent = rootOrgId ?? parents[0]?.id ?? '';
  const unknown = analysis.branches.filter((b) => !b.matchOrgId);
  const known = analysis.branches.filter((b) => b.matchOrgId);

  return (
    <div className="rimport-step" data-testid="import-choices">
      <section className="rimport-section">
        <h3>{t('rosterImport.branchesHeading')}</h3>
        {analysis.branches.length === 0 && <p className="muted">{t('rosterImport.noBranches')}</p>}
        {unknown.length > 0 && <p className="muted small">{t('rosterImport.unknownHint', { count: unknown.length })}</p>}
        <table className="plain-table rimport-branches">
          <tbody>
            {[...unknown, ...known].map((b) => {
              const i = analysis.branches.indexOf(b);
              const choice = choices[b.name] ?? (b.matchOrgId ? { action: 'map' as const, orgId: b.matchOrgId } : { action: 'create' as const, parentId: fallbackParent });
              return (
                <tr key={b.name} data-testid={`import-branch-${i}`}>
                  <td>
                    <strong>{b.name}</strong>
                    <div className="muted small">
                      {t('rosterImport.branchRows', { count: b.rows })}
                      {b.matchOrgId ? ` · ${t('rosterImport.matched', { name: b.matchOrgName })}` : ` · ${t('rosterImport.notInArchive')}`}
                    </div>
                  </td>
                  <td>
                    <select
                      data-testid={`import-branch-action-${i}`}
                      value={choice.action}
                      disabled={disabled}
                      aria-label={t('rosterImport.branchAction', { name: b.name })}
                      onChange={(e) =>
                        onChoice(b.name, e.target.value === 'create' ? { action: 'create', parentId: fallbackParent } : { action: 'map', orgId: b.matchOrgId ?? targets[0]?.id ?? '' })
                      }
                    >
                      <option value="create">{t('rosterImport.create')}</option>
                      <option value="map">{t('rosterImport.map')}</option>
                    </select>
                  </td>
                  <td>
                    {choice.action === 'create' ? (
                      <select
                        data-testid={`import-branch-parent-${i}`}
                        value={choice.parentId}
                        disabled={disabled}
                        aria-label={t('rosterImport.parent')}
                        onChange={(e) => onChoice(b.name, { action: 'create', parentId: e.target.value })}
                      >
                        {parents.map((o) => (
                          <option key={o.id} value={o.id}>
                            {t('rosterImport.under', { name: o.name })}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <select
                        data-testid={`import-branch-target-${i}`}
                        value={choice.orgId}
                        disabled={disabled}
                        aria-label={t('rosterImport.target')}
                        onChange={(e) => onChoice(b.name, { action: 'map', orgId: e.target.value })}
                      >
                        {targets.map((o) => (
                          <option key={o.id} value={o.id}>
                            {o.name}
                          </option>
                        ))}
                      </select>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section className="rimport-section">
        <h3>{t('rosterImport.duplicatesHeading', { count: analysis.duplicateTotal })}</h3>
        {analysis.duplicateTotal === 0 ? (
          <p className="muted">{t('rosterImport.noDuplicates')}</p>
        ) : (
          <>
            <div className="rimport-modes" role="radiogroup" aria-label={t('rosterImport.duplicatesHeading', { count: analysis.duplicateTotal })}>
              {DUPLICATE_MODES.map((m) => (
                <label key={m} className="rimport-mode">
                  <input type="radio" name="rimport-mode" value={m} data-testid={`import-mode-${m}`} checked={duplicateMode === m} disabled={disabled} onChange={() => onDuplicateMode(m)} />
                  <span>
                    <strong>{t(`rosterImport.mode.${m}`)}</strong>
                    <span className="muted small"> {t(`rosterImport.modeHint.${m}`)}</span>
                  </span>
                </label>
              ))}
            </div>
            <p className="muted small">{t('rosterImport.toUpdate', { count: analysis.counts.toUpdate })}</p>
            <div className="rimport-scroll">
              {analysis.duplicates.map((d) => (
                <div key={`${d.sheet}:${d.rowNumber}`} className="rimport-duplicate" data-testid="import-duplicate">
                  <div>
                    <strong>{d.name}</strong> <span className="rimport-mono">{d.idNumber}</span>{' '}
                    <span className="muted small">{t('rosterImport.duplicateRow', { row: d.rowNumber, name: d.storedName })}</span>
                  </div>
                  {d.diffs.length === 0 ? (
                    <p className="muted small">{t('rosterImport.sameAsArchive')}</p>
                  ) : (
                    <table className="plain-table rimport-diff">
                      <thead>
                        <tr>
                          <th>{t('rosterImport.field')}</th>
                          <th>{t('rosterImport.before')}</th>
                          <th>{t('rosterImport.after')}</th>
                          <th>{t('rosterImport.result')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {d.diffs.map((f) => {
                          const changes = duplicateMode === 'overwrite' || (duplicateMode === 'fillEmpty' && f.fillsEmpty);
                          return (
                            <tr key={f.field} className={changes ? 'rimport-changes' : undefined}>
                              <td>{f.label}</td>
                              <td>{f.before || <span className="muted">{t('rosterImport.empty')}</span>}</td>
                              <td>{f.after}</td>
                              <td>{changes ? t('rosterImport.willChange') : t('rosterImport.kept')}</td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  )}
                </div>
              ))}
              {analysis.duplicateTotal > analysis.duplicates.length && <p className="muted small">{t('rosterImport.duplicatesCut', { count: analysis.duplicates.length })}</p>}
            </div>
          </>
        )}
      </section>
    </div>
  );
}
