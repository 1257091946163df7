// 子记录: 职务, 奖惩, 困难情况, 家庭成员, 出国出境, 培训 — each a small table with add, edit and delete.
// The archive checks every entry (its rules name the field); a deletion is kept in the history.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf, type CallOutput } from '../../api';
import { codeItems, labelOf, type CodeListName } from '../../lib/codes';
import { useLoad } from '../../lib/useCall';
import { ActionDialog, type ActionField } from './ActionDialog';

type SubRecordKind = 'posts' | 'rewards' | 'hardships' | 'family' | 'abroad' | 'trainings';
type SubRecord = CallOutput<'listSubRecords'>[number];
interface FieldSpec {
  key: string;
  type: 'text' | 'date' | 'code' | 'int';
  list?: CodeListName;
  required?: boolean;
  label?: string; // Chinese label override (the archive's own name for the field)
}

/** Mirrors the archive's SUB_RECORD_SPECS (electron/services/members/subRecords.ts): what each table shows. */
const SPECS: Record<SubRecordKind, FieldSpec[]> = {
  posts: [{ key: 'title', type: 'text', required: true }, { key: 'unit', type: 'text' }, { key: 'fromDate', type: 'date', required: true }, { key: 'toDate', type: 'date' }, { key: 'note', type: 'text' }],
  rewards: [{ key: 'kind', type: 'code', list: 'rewardKind', required: true }, { key: 'name', type: 'text', required: true }, { key: 'date', type: 'date', required: true }, { key: 'authority', type: 'text' }, { key: 'note', type: 'text' }],
  hardships: [{ key: 'kind', type: 'code', list: 'hardshipKind', required: true }, { key: 'level', type: 'code', list: 'hardshipLevel', required: true }, { key: 'since', type: 'date', required: true }, { key: 'endDate', type: 'date' }, { key: 'note', type: 'text' }],
  family: [{ key: 'relation', type: 'code', list: 'familyRelation', required: true }, { key: 'name', type: 'text', required: true }, { key: 'birthDate', type: 'date' }, { key: 'politicalStatus', type: 'code', list: 'politicalStatus' }, { key: 'workUnit', type: 'text' }, { key: 'phone', type: 'text' }],
  abroad: [{ key: 'destination', type: 'text', required: true }, { key: 'purpose', type: 'code', list: 'abroadPurpose', required: true }, { key: 'fromDate', type: 'date', required: true }, { key: 'toDate', type: 'date' }, { key: 'note', type: 'text' }],
  trainings: [{ key: 'title', type: 'text', required: true }, { key: 'organizer', type: 'text' }, { key: 'fromDate', type: 'date', required: true }, { key: 'toDate', type: 'date' }, { key: 'hours', type: 'int' }, { key: 'note', type: 'text' }],
};
const KINDS = Object.keys(SPECS) as SubRecordKind[];
const NO_RECORDS: Partial<Record<SubRecordKind, SubRecord[]>> = {};

interface Props {
  memberId: string;
  onChanged: () => void;
}

export function SubRecordsPanel({ memberId, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ kind: SubRecordKind; record: SubRecord | null } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);

  // Every kind's records, in one answer.
  const { value: rows, reload: load } = useLoad(
    async () => {
      const all = await Promise.all(KINDS.map((kind) => api.call('listSubRecords', { memberId, kind })));
      return Object.fromEntries(KINDS.map((k, i) => [k, all[i]])) as Partial<Record<SubRecordKind, SubRecord[]>>;
    },
    `subRecords ${memberId}`,
    { initial: NO_RECORDS, onError: setFailure },
  );

  const label = (key: string) => t(`life.fields.${key}`, { defaultValue: key });
  const show = (f: FieldSpec, v: unknown) => (v == null || v === '' ? '' : f.type === 'code' ? labelOf(f.list!, String(v), i18n.language) : String(v));

  async function remove(kind: SubRecordKind, id: string) {
    try {
      await api.call('deleteSubRecord', { kind, id });
      setConfirmDelete(null);
      await load();
      onChanged();
    } catch (err) {
      setFailure(messageOf(err));
    }
  }

  const dialogFields = (kind: SubRecordKind, record: SubRecord | null): ActionField[] =>
    SPECS[kind].map((f) => ({
      key: f.key,
      label: label(f.key),
      type: f.type === 'code' ? 'select' : f.type === 'int' ? 'number' : f.type === 'date' ? 'date' : 'text',
      options: f.list ? codeItems(f.list).map((c) => ({ value: c.code, label: i18n.language.startsWith('en') ? c.en : c.zh })) : undefined,
      required: f.required,
      initial: record?.values[f.key] == null ? '' : String(record.values[f.key]),
    }));

  return (
    <div className="life-panel" data-testid="subrecords-panel">
      {failure && (
        <div className="alert error" role="alert">
          {failure}
        </div>
      )}
      {KINDS.map((kind) => (
        <section key={kind} className="life-section" data-testid={`subrecords-${kind}`}>
          <div className="life-section-head">
            <h3>{t(`life.kinds.${kind}`)}</h3>
            <button type="button" className="btn small-btn" data-testid={`add-${kind}`} onClick={() => setEditing({ kind, record: null })}>
              + {t('life.add')}
            </button>
          </div>
          {(rows[kind]?.length ?? 0) === 0 ? (
            <div className="muted small life-empty">{t('life.none')}</div>
          ) : (
            <table className="life-table">
              <thead>
                <tr>
                  {SPECS[kind].map((f) => (
                    <th key={f.key}>{label(f.key)}</th>
                  ))}
                  <th className="life-actions-col">{t('life.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {rows[kind]!.map((r) => (
                  <tr key={r.id} data-testid={`row-${kind}`}>
                    {SPECS[kind].map((f) => (
                      <td key={f.key}>{show(f, r.values[f.key])}</td>
                    ))}
                    <td className="life-actions-col">
                      {confirmDelete === r.id ? (
                        <>
                          <button type="button" className="link-btn danger-text" data-testid={`confirm-delete-${kind}`} onClick={() => void remove(kind, r.id)}>
                            {t('life.remove')}?
                          </button>
                          <button type="button" className="link-btn" onClick={() => setConfirmDelete(null)}>
                            {t('common.cancel')}
                          </button>
                        </>
                      ) : (
                        <>
                          <button type="button" className="link-btn" data-testid={`edit-${kind}`} onClick={() => setEditing({ kind, record: r })}>
                            {t('life.edit')}
                          </button>
                          <button type="button" className="link-btn" data-testid={`delete-${kind}`} title={t('life.removeConfirm')} onClick={() => setConfirmDelete(r.id)}>
                            {t('life.remove')}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      {editing && (
        <ActionDialog
          title={`${editing.record ? t('life.edit') : t('life.add')} · ${t(`life.kinds.${editing.kind}`)}`}
          testId="subrecord-dialog"
          fields={dialogFields(editing.kind, editing.record)}
          submitLabel={t('life.save')}
          onClose={() => setEditing(null)}
          onSubmit={async (values) => {
            const typed = Object.fromEntries(
              SPECS[editing.kind].map((f) => {
                const v = values[f.key]?.trim() ?? '';
                return [f.key, v === '' ? null : f.type === 'int' && /^\d+$/.test(v) ? Number(v) : v];
              }),
            );
            await api.call('saveSubRecord', { memberId, kind: editing.kind, id: editing.record?.id ?? null, values: typed });
            setEditing(null);
            await load();
            onChanged();
          }}
        />
      )}
    </div>
  );
}
