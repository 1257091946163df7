// The member drawer: add a member or edit one. The archive checks the record (validateMember) when
// the clerk leaves a field and again before saving; each problem appears, in Chinese, under its field.
// Nothing the clerk typed is ever dropped on an error. Tabs: 基本信息, 子记录, 党籍与转接, 档案材料 and
// 历史记录; 出党 opens the exit dialog, and an exited member's banner offers 撤销出党.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../lib/session';
import { useTranslation } from 'react-i18next';
import { api, ApiCallError, messageOf, type FieldProblem, type MemberRecordDto, type OrgNodeDto } from '../api';
import { labelOf } from '../lib/codes';
import { normalizeDateText } from '../lib/dates';
import { factsFromIdNumber } from '../lib/idNumber';
import { educationGroupOf, occupationClassOf } from '../lib/nationalCard';
import { ExitDialog } from './ExitDialog';
import { UndoExitDialog } from './UndoExitDialog';
import { MemberFields } from './MemberFields';
import { MemberHistory } from './MemberHistory';
import { SubRecordsPanel } from './life/SubRecordsPanel';
import { MemberStatusPanel } from './life/MemberStatusPanel';
import { MemberFilesPanel } from './life/MemberFilesPanel';
import { PrintPreview, type PrintDocument } from './PrintPreview';
import {
  DATE_FIELDS,
  emptyMemberValues,
  inputFromValues,
  sameValues,
  valuesFromRecord,
  type MemberField,
  type MemberFormValues,
} from './memberFormValues';

interface Props {
  /** null: a new member. */
  memberId: string | null;
  /** The branch a new member starts in (the one selected in the tree, when it is a branch). */
  defaultOrgId: string;
  orgs: OrgNodeDto[];
  onClose: () => void;
  /** After a write (create, update, exit): the grid, tree and counts refresh. */
  onChanged: (record: MemberRecordDto, what: 'created' | 'updated' | 'exited') => void;
}

type Tab = 'basic' | 'records' | 'status' | 'files' | 'history';

function problemsByField(problems: FieldProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const field = p.field.split('.').pop() ?? p.field;
    if (!out[field]) out[field] = p.message;
  }
  return out;
}

export function MemberForm({ memberId: initialId, defaultOrgId, orgs, onClose, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const canWrite = useSession().can('write'); // 查询员 reads the record; saving and 出党 stay disabled
  const [printing, setPrinting] = useState<(() => Promise<PrintDocument>) | null>(null);
  const [memberId, setMemberId] = useState(initialId);
  const [record, setRecord] = useState<MemberRecordDto | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [values, setValues] = useState<MemberFormValues>(() => emptyMemberValues(defaultOrgId));
  const [initial, setInitial] = useState<MemberFormValues>(() => emptyMemberValues(defaultOrgId));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [tab, setTab] = useState<Tab>('basic');
  const [exitOpen, setExitOpen] = useState(false);
  const [undoExitOpen, setUndoExitOpen] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);
  const validateSeq = useRef(0);
  const body = useRef<HTMLDivElement>(null);
  const [focusErrorTick, setFocusErrorTick] = useState(0);

  const loading = memberId !== null && record === null && loadError === null;

  /** After a sub-record, 预备期, transfer, mobile/lost or file change: the record and history are read again. */
  const lifeChanged = useCallback(
    (changed?: MemberRecordDto) => {
      setHistoryVersion((n) => n + 1);
      const apply = (r: MemberRecordDto) => {
        const v = valuesFromRecord(r);
        setRecord(r);
        setValues(v);
        setInitial(v);
        onChanged(r, r.exitReason ? 'exited' : 'updated');
      };
      if (changed) apply(changed);
      else if (memberId) void api.getMember(memberId).then(apply, () => undefined);
    },
    [memberId, onChanged],
  );
  const dirty = !sameValues(values, initial);

  useEffect(() => {
    if (initialId === null) return;
    let live = true;
    api
      .getMember(initialId)
      .then((r) => {
        if (!live) return;
        const v = valuesFromRecord(r);
        setRecord(r);
        setValues(v);
        setInitial(v);
      })
      .catch((err: unknown) => live && setLoadError(messageOf(err)));
    return () => {
      live = false;
    };
  }, [initialId]);

  // A new member starts at 姓名.
  useEffect(() => {
    if (initialId === null) body.current?.querySelector<HTMLElement>('[data-testid="field-name"]')?.focus();
  }, [initialId]);

  // After a failed save, put the cursor on the first field that needs attention.
  useEffect(() => {
    if (focusErrorTick === 0) return;
    const first = body.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
    first?.scrollIntoView({ block: 'center' });
  }, [focusErrorTick]);

  const validate = useCallback(
    (v: MemberFormValues) => {
      const seq = ++validateSeq.current;
      api
        .validateMember({ id: memberId, member: inputFromValues(v) })
        .then((found) => seq === validateSeq.current && setProblems(problemsByField(found)))
        .catch((err: unknown) => {
          if (seq !== validateSeq.current) return;
          if (err instanceof ApiCallError && err.issues.length) setProblems(err.byField());
        });
    },
    [memberId],
  );

  function change<K extends MemberField>(field: K, value: MemberFormValues[K]) {
    const next = { ...values, [field]: value };
    if (field === 'idNumber') {
      // A valid ID number tells the birth date and gender: fill them when still empty.
      const facts = factsFromIdNumber(String(value));
      if (facts) {
        if (!next.birthDate) next.birthDate = facts.birthDate;
        if (!next.gender) next.gender = facts.gender;
      }
    }
    // A leaf decides its group and class (as the archive does); back to no leaf, an older record's coarse
    // value comes back (待细化), never a guess.
    if (field === 'educationLevel') next.education = value ? educationGroupOf(String(value)) : initial.educationLevel ? '' : initial.education;
    if (field === 'jobPost') next.occupation = value ? occupationClassOf(String(value)) : initial.jobPost ? '' : initial.occupation;
    setValues(next);
    setMessage(null);
    // The old message no longer describes what is in the field; leaving the field checks it again.
    setProblems(({ [field]: _gone, ...rest }) => rest);
    if (field === 'isMobile' || field === 'isLost' || field === 'isMigrantWorker') {
      setTouched((s) => new Set(s).add(field));
      validate(next);
    }
  }

  function blur(field: MemberField) {
    let v = values;
    if (DATE_FIELDS.includes(field)) {
      const normalized = normalizeDateText(String(values[field]));
      if (normalized !== values[field]) {
        v = { ...values, [field]: normalized };
        setValues(v);
      }
    }
    // 学历 and 工作岗位 answer for the group and class they decide.
    const alsoTouched = field === 'educationLevel' ? 'education' : field === 'jobPost' ? 'occupation' : null;
    setTouched((s) => {
      const n = new Set(s).add(field);
      if (alsoTouched) n.add(alsoTouched);
      return n;
    });
    validate(v);
  }

  async function save() {
    if (saving) return;
    setSaving(true);
    setMessage(null);
    validateSeq.current++; // answers to earlier blur checks are now stale
    const v = values;
    const input = inputFromValues(v);
    try {
      const found = await api.validateMember({ id: memberId, member: input });
      if (found.length) {
        setProblems(problemsByField(found));
        setShowAll(true);
        setMessage({ kind: 'error', text: t('form.problems', { count: Object.keys(problemsByField(found)).length }) });
        setFocusErrorTick((n) => n + 1);
        return;
      }
      const saved = memberId ? await api.updateMember({ id: memberId, patch: input }) : await api.createMember(input);
      const sv = valuesFromRecord(saved);
      setRecord(saved);
      setMemberId(saved.id);
      setValues(sv);
      setInitial(sv);
      setProblems({});
      setTouched(new Set());
      setShowAll(false);
      setHistoryVersion((n) => n + 1);
      setMessage({ kind: 'info', text: memberId ? t('form.saved') : t('form.created', { name: saved.name }) });
      onChanged(saved, memberId ? 'updated' : 'created');
    } catch (err) {
      if (err instanceof ApiCallError && err.issues.length) {
        const byField = err.byField();
        setProblems(byField);
        setShowAll(true);
        setMessage({ kind: 'error', text: t('form.problems', { count: Object.keys(byField).length }) });
        setFocusErrorTick((n) => n + 1);
      } else {
        setMessage({ kind: 'error', text: messageOf(err) });
      }
    } finally {
      setSaving(false);
    }
  }

  function requestClose() {
    if (dirty && !confirmClose) setConfirmClose(true);
    else onClose();
  }

  const shown: Record<string, string> = showAll ? problems : Object.fromEntries(Object.entries(problems).filter(([f]) => touched.has(f)));
  const knownFields = new Set(Object.keys(values));
  const otherProblems = showAll ? Object.entries(problems).filter(([f]) => !knownFields.has(f)) : [];
  const title = memberId ? t('form.titleEdit', { name: record?.name ?? '' }) : t('form.titleNew');
  const exited = record?.exitReason ? record : null;

  return (
    <div className="drawer-backdrop">
      <aside
        className="drawer"
        role="dialog"
        aria-modal="true"
        aria-labelledby="member-form-title"
        data-testid="member-form"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !exitOpen && !undoExitOpen) {
            e.stopPropagation();
            requestClose();
          }
          if (e.key === 's' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      >
        <header className="drawer-header">
          <h2 id="member-form-title" data-testid="member-form-title">
            {title}
          </h2>
          <button type="button" className="icon-btn" aria-label={t('form.close')} data-testid="form-close" onClick={requestClose}>
            ×
          </button>
        </header>

        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'basic'} className={tab === 'basic' ? 'active' : ''} data-testid="tab-basic" onClick={() => setTab('basic')}>
            {t('form.tabBasic')}
          </button>
          {(['records', 'status', 'files'] as const).map((key) => (
            <button
              key={key}
              type="button"
              role="tab"
              aria-selected={tab === key}
              className={tab === key ? 'active' : ''}
              data-testid={`tab-${key}`}
              disabled={!memberId || dirty}
              onClick={() => setTab(key)}
            >
              {t(`life.tab${key === 'records' ? 'Records' : key === 'status' ? 'Status' : 'Files'}`)}
            </button>
          ))}
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'history'}
            className={tab === 'history' ? 'active' : ''}
            data-testid="tab-history"
            disabled={!memberId}
            onClick={() => setTab('history')}
          >
            {t('form.tabHistory')}
          </button>
        </div>

        <div className="drawer-body" ref={body}>
          {exited && (
            <div className="alert warn" data-testid="exited-banner">
              {t('form.exitedBanner', { date: exited.exitDate, reason: labelOf('exitReason', exited.exitReason, i18n.language) })}
              {exited.exitNote ? `(${exited.exitNote})` : ''}
              {canWrite && (
                <button type="button" className="btn inline-action" data-testid="undo-exit-button" onClick={() => setUndoExitOpen(true)} disabled={saving || dirty}>
                  {t('exit.undo')}
                </button>
              )}
            </div>
          )}
          {loadError && (
            <div className="alert error" role="alert">
              {t('form.loadFailed', { message: loadError })}
            </div>
          )}
          {loading && <div className="muted pad">{t('common.loading')}</div>}
          {!loading && !loadError && tab === 'basic' && (
            <>
              <MemberFields values={values} errors={shown} orgs={orgs} disabled={saving} exitReason={record?.exitReason ?? null} onChange={change} onBlur={blur} />
              {otherProblems.map(([field, text]) => (
                <div key={field} className="alert error" role="alert" data-testid={`error-${field}`}>
                  {text}
                </div>
              ))}
            </>
          )}
          {tab === 'records' && memberId && <SubRecordsPanel memberId={memberId} onChanged={() => lifeChanged()} />}
          {tab === 'status' && memberId && <MemberStatusPanel memberId={memberId} orgs={orgs} version={historyVersion} onChanged={lifeChanged} />}
          {tab === 'files' && memberId && <MemberFilesPanel memberId={memberId} onChanged={() => lifeChanged()} />}
          {tab === 'history' && memberId && <MemberHistory memberId={memberId} version={historyVersion} />}
        </div>

        <footer className="drawer-footer">
          {confirmClose ? (
            <div className="confirm-bar" role="alertdialog" data-testid="confirm-discard">
              <span>{t('form.confirmDiscard')}</span>
              <button type="button" className="btn" onClick={() => setConfirmClose(false)} data-testid="confirm-keep">
                {t('form.keepEditing')}
              </button>
              <button type="button" className="btn danger" onClick={onClose} data-testid="confirm-discard-yes">
                {t('form.discard')}
              </button>
            </div>
          ) : (
            <>
              <div className={`form-message ${message?.kind ?? ''}`} role={message?.kind === 'error' ? 'alert' : 'status'} data-testid="form-message">
                {message?.text}
              </div>
              {record && (
                <button type="button" className="btn" data-testid="print-member" onClick={() => setPrinting(() => () => api.call('printMemberFile', { id: record.id }))}>
                  {t('print.memberFile')}
                </button>
              )}
              {record && (
                <button type="button" className="btn" data-testid="print-collection-form" onClick={() => setPrinting(() => () => api.call('printCollectionForms', { id: record.id }))}>
                  {t('print.collectionForm')}
                </button>
              )}
              {record && !record.exitReason && (
                <button type="button" className="btn danger-outline" data-testid="exit-button" onClick={() => setExitOpen(true)} disabled={saving || dirty || !canWrite}>
                  {t('form.exit')}
                </button>
              )}
              <button type="button" className="btn" onClick={requestClose} data-testid="cancel-button">
                {t('form.close')}
              </button>
              <button type="button" className="btn primary" onClick={() => void save()} disabled={saving || loading || !!loadError || !canWrite} title={canWrite ? undefined : t('accounts.readOnly')} data-testid="save-button">
                {saving ? t('form.saving') : t('form.save')}
              </button>
            </>
          )}
        </footer>
      </aside>
      {printing && <PrintPreview load={printing} onClose={() => setPrinting(null)} />}

      {exitOpen && record && (
        <ExitDialog
          member={{ id: record.id, name: record.name }}
          onClose={() => setExitOpen(false)}
          onDone={(r) => {
            setExitOpen(false);
            setRecord(r);
            setHistoryVersion((n) => n + 1);
            setMessage({ kind: 'info', text: t('exit.done', { name: r.name, reason: labelOf('exitReason', r.exitReason, i18n.language) }) });
            onChanged(r, 'exited');
          }}
        />
      )}
      {undoExitOpen && record && (
        <UndoExitDialog
          member={record}
          onClose={() => setUndoExitOpen(false)}
          onDone={(r) => {
            setUndoExitOpen(false);
            setRecord(r);
            setHistoryVersion((n) => n + 1);
            setMessage({ kind: 'info', text: t('exit.undone', { name: r.name }) });
            onChanged(r, 'updated');
          }}
        />
      )}
    </div>
  );
}
