// The workspace: header, organization tree and status views on the left, toolbar and the members grid
// on the right, the member drawer over it. After every write the grid refreshes its loaded blocks in
// place and the tree and status counts are read again (never the whole member list).
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type MemberCountsDto, type MemberRecordDto, type OrgNodeDto, type SetupStatusDto } from '../api';
import type { Language } from '../i18n';
import { labelOf } from '../lib/codes';
import { ColumnChooser } from '../components/ColumnChooser';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { MemberForm } from '../components/MemberForm';
import {
  COLUMNS_PREF,
  MembersGrid,
  type ColumnInfo,
  type MembersGridHandle,
  type MembersQuery,
  type MemberView,
  type SavedColumns,
} from '../components/MembersGrid';
import { OrgTree } from '../components/OrgTree';
import { SearchBox } from '../components/SearchBox';
import { SearchElsewhere, type SearchTarget } from '../components/SearchElsewhere';
import { StatusViews } from '../components/StatusViews';
import { TransferInDialog } from '../components/life/TransferInDialog';
import { loadPrintJob, PrintPreview, type PrintDocument, type PrintLoading } from '../components/PrintPreview';
import { Toasts } from '../components/Toasts';
import { RosterImportWizard } from '../components/rosterImport/RosterImportWizard';
import { ExportMenu } from '../components/rosterImport/ExportMenu';
import { useSession } from '../lib/session';
import { useInstallTitle } from '../lib/identity';
import { ToastContext, useToastList } from '../lib/toasts';
import { useCall, useLoad } from '../lib/useCall';

const BRANCH_TYPES = new Set(['branch', 'joint_branch']);
const HINT_PREF = 'membersGrid.hintDismissed';
type RosterLayout = 'perBranch' | 'flat';
const NO_NODES: OrgNodeDto[] = [];

/** Where the grid opens when another page sends the clerk here (a dashboard bar, a check). */
export interface MembersFocus {
  orgId?: string | null;
  /** AG Grid filter model (text and date filters the archive understands). */
  filters?: Record<string, unknown>;
}

interface Props {
  setup: SetupStatusDto;
  onLanguage: (language: Language) => void;
  /** The top navigation between the workspace's pages. */
  nav?: ReactNode;
  focus?: MembersFocus;
}

/** Status counts for the selected organization, and the township's whole roll for the header. */
async function readCounts(scope: string | null): Promise<{ forScope: MemberCountsDto; roll: number }> {
  const [forScope, forAll] = await Promise.all([api.memberCounts(scope), scope ? api.memberCounts(null) : null]);
  return { forScope, roll: (forAll ?? forScope).roll };
}

type FormSession = { key: number; memberId: string | null } | null;

export function MainPage({ setup, onLanguage, nav, focus }: Props) {
  const { t, i18n } = useTranslation();
  const installTitle = useInstallTitle();
  const canWrite = useSession().can('write'); // 查询员: no buttons that would be refused
  const [orgId, setOrgId] = useState<string | null>(focus?.orgId ?? null);
  const [view, setView] = useState<MemberView>('roll');
  const [exitReason, setExitReason] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [gridTotal, setGridTotal] = useState<number | null>(null);
  const [filteredEmpty, setFilteredEmpty] = useState(false);
  const [rosterLayout, setRosterLayout] = useState<RosterLayout | null>(null);
  const [chooser, setChooser] = useState<ColumnInfo[] | null>(null);
  const [form, setForm] = useState<FormSession>(null);
  const [transferIn, setTransferIn] = useState(false);
  const [importing, setImporting] = useState(false);
  const [printing, setPrinting] = useState<((loading: PrintLoading) => Promise<PrintDocument>) | null>(null);
  const grid = useRef<MembersGridHandle>(null);
  const { toasts, toast, dismiss } = useToastList();
  const toastError = useCallback((message: string) => toast('error', message), [toast]);

  // The side panel: the tree, and the status counts of the selected organization.
  const tree = useCall('orgTree', {}, { initial: NO_NODES, onError: toastError });
  const nodes = tree.value;
  const countsLoad = useLoad(() => readCounts(orgId), `counts ${orgId}`, { onError: toastError });
  const counts = countsLoad.value?.forScope ?? null;
  const rollTotal = countsLoad.value?.roll ?? setup.memberCount;
  // The remembered columns (none when the preference cannot be read); the grid waits for them.
  const columnsPref = useLoad(
    () => api.getPreference(COLUMNS_PREF).then((value) => (value as SavedColumns | null) ?? null, () => null),
    COLUMNS_PREF,
  );
  const savedColumns = columnsPref.value;
  // Until the preference is read the hint stays away (it would flash for a clerk who dismissed it).
  const hintPref = useLoad(() => api.getPreference(HINT_PREF).then((v) => v === true, () => false), HINT_PREF);
  const dismissHint = () => {
    hintPref.setValue(true);
    api.setPreference(HINT_PREF, true).catch(() => undefined);
  };
  const { reload: loadTree } = tree;
  const { reload: loadCounts } = countsLoad;

  const rootId = setup.rootOrgId;
  const scopeOrgId = orgId === rootId ? null : orgId;
  const query = useMemo<MembersQuery>(() => ({ orgId: scopeOrgId, view, exitReason, search }), [scopeOrgId, view, exitReason, search]);

  // The drawer tells the clerk what happened; here the rest of the window catches up.
  const afterWrite = useCallback(
    (_record: MemberRecordDto, _what: 'created' | 'updated' | 'exited') => {
      grid.current?.refresh();
      void loadTree();
      void loadCounts();
    },
    [loadTree, loadCounts],
  );

  const openMember = useCallback((id: string) => setForm((f) => ({ key: (f?.key ?? 0) + 1, memberId: id })), []);
  const onGridError = useCallback((message: string) => toast('error', t('grid.loadFailed', { message })), [toast, t]);
  const onGridTotal = useCallback((total: number | null) => {
    setGridTotal(total);
    setFilteredEmpty(total === 0 && !!grid.current?.hasFilters());
  }, []);
  const goTo = useCallback((target: SearchTarget) => {
    if (target.township) setOrgId(null);
    setView(target.view);
    setExitReason(target.exitReason);
  }, []);

  const selectedNode = nodes.find((n) => n.id === orgId) ?? null;
  const defaultOrgId = selectedNode && BRANCH_TYPES.has(selectedNode.type) && selectedNode.status === 'active' ? selectedNode.id : '';
  const viewLabel =
    view === 'exited'
      ? exitReason
        ? `${t('views.exited')} · ${labelOf('exitReason', exitReason, i18n.language)}`
        : t('views.exited')
      : view === 'all'
        ? t('views.roll')
        : t(`views.${view}`);
  const scopeName = selectedNode ? selectedNode.shortName || selectedNode.name : (nodes.find((n) => n.id === rootId)?.name ?? setup.township?.name ?? '');
  const emptyNotice = filteredEmpty ? (
    t('grid.noRowsFiltered')
  ) : search ? (
    <SearchElsewhere search={search} orgId={scopeOrgId} view={view} exitReason={exitReason} where={`${scopeName} · ${viewLabel}`} onGo={goTo} />
  ) : undefined;

  // The township's 花名册 is filed branch by branch; a branch's own is one table. The clerk may switch in the preview.
  const openRoster = (layout: RosterLayout) => {
    setRosterLayout(layout);
    const input = { orgId: scopeOrgId, view: view === 'exited' ? ('exited' as const) : view, layout };
    setPrinting(() => () => api.call('printRoster', input));
  };

  return (
    <ToastContext.Provider value={toast}>
      <div className="app-shell" data-testid="main-page">
        <header className="app-header">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              档
            </span>
            <h1 data-testid="app-title">
              {installTitle} · <span className="township">{setup.township?.name}</span>
            </h1>
          </div>
          {nav}
          <div className="header-right">
            <span className="header-count" data-testid="header-count">
              {t('header.memberCount', { count: rollTotal })}
            </span>
            <LanguageSwitch onChange={onLanguage} />
          </div>
        </header>

        <div className="app-body">
          <aside className="side-panel">
            <div className="panel-heading">{t('tree.heading')}</div>
            <div className="tree-scroll">
              <OrgTree nodes={nodes} selectedId={orgId ?? rootId} onSelect={(id) => setOrgId(id)} />
            </div>
            <StatusViews
              counts={counts}
              view={view}
              exitReason={exitReason}
              onSelect={(v, reason) => {
                setView(v);
                setExitReason(reason);
              }}
            />
          </aside>

          <main className="work-area">
            <div className="toolbar">
              <SearchBox onSearch={setSearch} />
              <div className="scope" data-testid="grid-scope" title={scopeName}>
                <span className="scope-org">{scopeName}</span>
                <span className="scope-sep">·</span>
                <span>{viewLabel}</span>
                <span className="scope-total" data-testid="grid-total">
                  {gridTotal === null ? '' : t('toolbar.total', { count: gridTotal })}
                </span>
              </div>
              <div className="toolbar-actions">
                <div className="popover-anchor">
                  <button
                    type="button"
                    className="btn"
                    data-testid="column-chooser"
                    aria-expanded={chooser !== null}
                    onClick={() => setChooser(chooser ? null : (grid.current?.columns() ?? []))}
                  >
                    {t('toolbar.columns')}
                  </button>
                  {chooser && (
                    <ColumnChooser
                      columns={chooser}
                      onToggle={(colId, visible) => {
                        grid.current?.setColumnVisible(colId, visible);
                        setChooser(grid.current?.columns() ?? []);
                      }}
                      onReset={() => {
                        grid.current?.resetColumns();
                        setChooser(grid.current?.columns() ?? []);
                      }}
                      onClose={() => setChooser(null)}
                    />
                  )}
                </div>
                <button
                  type="button"
                  className="btn"
                  data-testid="print-roster"
                  onClick={() => openRoster(scopeOrgId === null ? 'perBranch' : 'flat')}
                >
                  {t('print.roster')}
                </button>
                <button
                  type="button"
                  className="btn"
                  data-testid="print-batch"
                  onClick={() => setPrinting(() => (loading: PrintLoading) => loadPrintJob(() => api.call('startPrintBatch', { orgId: scopeOrgId, view }), loading))}
                >
                  {t('print.batch')}
                </button>
                {selectedNode && (selectedNode.type === 'branch' || selectedNode.type === 'joint_branch') && (
                  <button
                    type="button"
                    className="btn"
                    data-testid="print-collection-forms"
                    onClick={() => setPrinting(() => () => api.call('printCollectionForms', { orgId: selectedNode.id, view: 'roll' }))}
                  >
                    {t('print.collectionForms')}
                  </button>
                )}
                <ExportMenu
                  currentView={() => {
                    const v = grid.current?.exportView() ?? { sort: [], filters: {}, columns: [] };
                    return { query: { orgId: scopeOrgId, view, exitReason, search: search || null, sort: v.sort, filters: v.filters }, columns: v.columns };
                  }}
                  rosterScope={() => ({ orgId: scopeOrgId, view })}
                />
                {canWrite && (
                  <>
                    <button type="button" className="btn" data-testid="import-roster" onClick={() => setImporting(true)}>
                      {t('rosterImport.button')}
                    </button>
                    <button type="button" className="btn" data-testid="transfer-in" onClick={() => setTransferIn(true)}>
                      {t('life.transfer.inButton')}
                    </button>
                    <button type="button" className="btn primary" data-testid="new-member" onClick={() => setForm((f) => ({ key: (f?.key ?? 0) + 1, memberId: null }))}>
                      + {t('toolbar.newMember')}
                    </button>
                  </>
                )}
              </div>
            </div>
            {savedColumns !== undefined && (
              <MembersGrid
                key={i18n.language}
                ref={grid}
                query={query}
                savedColumns={savedColumns}
                onColumnsSaved={columnsPref.setValue}
                initialFilters={focus?.filters}
                onOpen={openMember}
                onTotal={onGridTotal}
                onError={onGridError}
                emptyNotice={emptyNotice}
              />
            )}
            {hintPref.value === false && (
              <div className="grid-hint" data-testid="grid-hint">
                <span>{t('grid.hint')}</span>
                <button type="button" className="link-button" data-testid="grid-hint-dismiss" onClick={dismissHint}>
                  {t('grid.hintDismiss')}
                </button>
              </div>
            )}
          </main>
        </div>

        {form && (
          <MemberForm
            key={form.key}
            memberId={form.memberId}
            defaultOrgId={defaultOrgId}
            orgs={nodes}
            onClose={() => setForm(null)}
            onChanged={afterWrite}
          />
        )}

        {printing && (
          <PrintPreview
            load={printing}
            onClose={() => {
              setPrinting(null);
              setRosterLayout(null);
            }}
            controls={
              rosterLayout && (
                <label className="print-layout">
                  {t('print.layout')}
                  <select value={rosterLayout} data-testid="print-layout" onChange={(e) => openRoster(e.target.value as RosterLayout)}>
                    <option value="perBranch">{t('print.layoutPerBranch')}</option>
                    <option value="flat">{t('print.layoutFlat')}</option>
                  </select>
                </label>
              )
            }
          />
        )}
        {importing && (
          <RosterImportWizard
            rootOrgId={rootId}
            onClose={() => setImporting(false)}
            onImported={(outcome) => {
              grid.current?.refresh();
              void loadTree();
              void loadCounts();
              toast('info', t('rosterImport.done', { ...outcome }));
            }}
            onUndone={() => {
              grid.current?.refresh();
              void loadTree();
              void loadCounts();
            }}
          />
        )}
        {transferIn && (
          <TransferInDialog
            orgs={nodes}
            onClose={() => setTransferIn(false)}
            onDone={(record) => {
              setTransferIn(false);
              afterWrite(record, 'created');
              toast('info', t('life.transfer.doneIn', { name: record.name }));
              openMember(record.id);
            }}
          />
        )}

        <Toasts toasts={toasts} onDismiss={dismiss} />
      </div>
    </ToastContext.Provider>
  );
}
