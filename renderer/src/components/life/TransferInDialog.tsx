// 组织关系转入: first the ID number — a returning member (left by 组织关系转出) is matched to the old
// record, which is restored with its whole history; otherwise a new record is made from the letter.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type MemberRecordDto, type OrgNodeDto } from '../../api';
import { codeItems, labelOf } from '../../lib/codes';
import { factsFromIdNumber } from '../../lib/idNumber';
import { todayLocal } from '../../lib/dates';
import { ActionDialog, textOrNull, type ActionField } from './ActionDialog';

const BRANCH_TYPES = new Set(['branch', 'joint_branch']);

interface Props {
  orgs: OrgNodeDto[];
  onClose: () => void;
  onDone: (record: MemberRecordDto) => void;
}

export function TransferInDialog({ orgs, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const [idNumber, setIdNumber] = useState<string | null>(null);
  const [found, setFound] = useState<MemberRecordDto | null>(null);
  const en = i18n.language.startsWith('en');
  const options = (list: Parameters<typeof codeItems>[0]) => codeItems(list).map((c) => ({ value: c.code, label: en ? c.en : c.zh }));

  if (idNumber === null) {
    return (
      <ActionDialog
        key="lookup"
        title={t('life.transfer.inTitle')}
        testId="transfer-in-lookup"
        fields={[{ key: 'idNumber', label: t('life.transfer.idNumber'), type: 'text', required: true }]}
        submitLabel={t('life.transfer.lookup')}
        onClose={onClose}
        onSubmit={async (v) => {
          const id = v.idNumber.trim().toUpperCase();
          const member = await api.call('findMemberByIdNumber', { idNumber: id });
          setFound(member);
          setIdNumber(id);
        }}
      />
    );
  }

  const branches = orgs.filter((o) => BRANCH_TYPES.has(o.type) && o.status === 'active').map((o) => ({ value: o.id, label: o.name }));
  const facts = factsFromIdNumber(idNumber);
  const letterFields: ActionField[] = [
    { key: 'orgId', label: t('life.transfer.toOrg'), type: 'select', options: branches, required: true },
    { key: 'date', label: t('life.transfer.date'), type: 'date', required: true, initial: todayLocal() },
    { key: 'letterNumber', label: t('life.transfer.letterNumber'), type: 'text', required: true },
    { key: 'origin', label: t('life.transfer.origin'), type: 'text', required: true },
    { key: 'duesPaidTo', label: t('life.transfer.duesPaidTo'), type: 'text' },
  ];
  const returning = found?.exitReason === 'transfer_out';
  const memberFields: ActionField[] = returning || found
    ? []
    : [
        { key: 'name', label: t('columns.name'), type: 'text', required: true },
        { key: 'gender', label: t('columns.gender'), type: 'select', options: options('gender'), required: true, initial: facts?.gender ?? '' },
        { key: 'birthDate', label: t('columns.birthDate'), type: 'date', required: true, initial: facts?.birthDate ?? '' },
        { key: 'ethnicity', label: t('columns.ethnicity'), type: 'select', options: options('ethnicity'), required: true, initial: '01' },
        { key: 'education', label: t('columns.education'), type: 'select', options: options('education'), required: true },
        { key: 'occupation', label: t('columns.occupation'), type: 'select', options: options('occupation'), required: true },
        { key: 'category', label: t('columns.category'), type: 'select', options: options('memberCategory'), required: true, initial: 'formal' },
        { key: 'joinDate', label: t('columns.joinDate'), type: 'date', required: true },
        { key: 'fullDate', label: t('columns.fullDate'), type: 'date' },
      ];
  const intro = found ? (
    <p className={returning ? 'alert warn' : 'alert error'} data-testid="transfer-in-match">
      {returning
        ? t('life.transfer.returning', { name: found.name, reason: labelOf('exitReason', found.exitReason, i18n.language), date: found.exitDate })
        : found.exitReason
          ? `${found.name}:${labelOf('exitReason', found.exitReason, i18n.language)} ${found.exitDate}`
          : t('life.transfer.onRoll', { name: found.name })}
    </p>
  ) : (
    <p className="muted small" data-testid="transfer-in-match">
      {idNumber} · {t('life.transfer.newcomer')}
    </p>
  );

  return (
    <ActionDialog
      key="letter"
      title={t('life.transfer.inTitle')}
      testId="transfer-in"
      intro={intro}
      fields={[...letterFields, ...memberFields]}
      submitLabel={t('life.transfer.submitIn')}
      onClose={onClose}
      onSubmit={async (v) => {
        const member = memberFields.length
          ? { idNumber, name: v.name, gender: v.gender, birthDate: v.birthDate, ethnicity: v.ethnicity, education: v.education, occupation: v.occupation, category: v.category, joinDate: v.joinDate, fullDate: textOrNull(v.fullDate) }
          : { idNumber };
        const r = await api.call('transferIn', { date: v.date, letterNumber: v.letterNumber, origin: v.origin, orgId: v.orgId, duesPaidTo: textOrNull(v.duesPaidTo), member });
        onDone(r.member);
      }}
    />
  );
}
