// 党籍与转接: the member's 预备期 (转正 / 延长预备期 / 取消预备党员资格 with the 支部大会 vote),
// 组织关系转接 (镇内转接, 转出 with a numbered 介绍信, 回执, 撤销), 流动党员 and 失联 / 停止党籍 / 恢复党籍.
// Each action is a small dialog; the archive checks the rules and names the field of any problem.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CallOutput, type MemberRecordDto, type OrgNodeDto } from '../../api';
import { codeItems, labelOf } from '../../lib/codes';
import { todayLocal } from '../../lib/dates';
import { useLoad } from '../../lib/useCall';
import { ActionDialog, num, textOrNull, type ActionField } from './ActionDialog';
import { PrintPreview, type PrintDocument } from '../PrintPreview';

type Dossier = CallOutput<'memberDossier'>;
type Action =
  | 'full' | 'extend' | 'cancel'
  | 'within' | 'out' | 'receipt' | 'cancelLetter'
  | 'mobileStart' | 'mobileUpdate' | 'mobileEnd'
  | 'lost' | 'found' | 'suspend' | 'restore';

interface Props {
  memberId: string;
  orgs: OrgNodeDto[];
  version: number;
  onChanged: (record: MemberRecordDto) => void;
}

const BRANCH_TYPES = new Set(['branch', 'joint_branch']);

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export function MemberStatusPanel({ memberId, orgs, version, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const [printing, setPrinting] = useState<(() => Promise<PrintDocument>) | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  // The member's life record and the rules its forms follow, read again after every change (`version`).
  const { value: loaded, reload: load } = useLoad(() => Promise.all([api.call('memberDossier', { id: memberId }), api.call('getLifeRules', {})]), `life ${memberId} ${version}`, {
    onError: setFailure,
  });
  const [dossier, rules] = loaded ?? [null, null];

  if (failure) {
    return (
      <div className="alert error" role="alert">
        {failure}
      </div>
    );
  }
  if (!dossier || !rules) return <div className="muted pad">{t('common.loading')}</div>;

  const m = dossier.member;
  const en = i18n.language.startsWith('en');
  const codeOptions = (list: Parameters<typeof codeItems>[0]) => codeItems(list).map((c) => ({ value: c.code, label: en ? c.en : c.zh }));
  const onRoll = !m.exitReason;
  const pending = dossier.transfers.find((x) => x.direction === 'out' && x.status === 'pending');
  const openMobile = dossier.mobile.find((x) => !x.endDate);
  const lostDue = m.lostDate ? addMonths(m.lostDate, rules.lostMonthsBeforeSuspension) : null;
  const today = todayLocal();

  async function done(record: MemberRecordDto) {
    setAction(null);
    await load();
    onChanged(record);
  }

  const voteFields: ActionField[] = (['entitled', 'present', 'yes', 'no', 'abstain'] as const).map((k) => ({ key: k, label: t(`life.probation.${k}`), type: 'number', required: true, row: 'vote' }));
  const vote = (v: Record<string, string>) => ({ entitled: num(v.entitled), present: num(v.present), yes: num(v.yes), no: num(v.no), abstain: num(v.abstain) });
  const dateField = (key: string, label: string, initial = today): ActionField => ({ key, label, type: 'date', required: true, initial });
  const branches = orgs.filter((o) => BRANCH_TYPES.has(o.type) && o.status === 'active' && o.id !== m.orgId).map((o) => ({ value: o.id, label: o.name }));
  const mobileFields = (initial?: Dossier['mobile'][number]): ActionField[] => [
    { key: 'destination', label: t('life.mobile.destination'), type: 'text', required: true, initial: initial?.destination },
    dateField('since', t('life.mobile.since'), initial?.since ?? today),
    { key: 'contact', label: t('life.mobile.contact'), type: 'text', required: true, initial: initial?.contact },
    { key: 'certificateNo', label: t('life.mobile.certificateNo'), type: 'text', initial: initial?.certificateNo ?? '' },
    { key: 'destinationBranch', label: t('life.mobile.destinationBranch'), type: 'text', initial: initial?.destinationBranch ?? '' },
  ];
  const mobileInput = (v: Record<string, string>) => ({ id: memberId, destination: v.destination, since: v.since, contact: v.contact, certificateNo: textOrNull(v.certificateNo), destinationBranch: textOrNull(v.destinationBranch) });

  const dialogs: Record<Action, { title: string; fields: ActionField[]; danger?: boolean; warn?: string; run: (v: Record<string, string>) => Promise<MemberRecordDto> }> = {
    full: {
      title: t('life.probation.full'),
      fields: [dateField('meetingDate', t('life.probation.meetingDate'), dossier.probation.probationEnd <= today ? dossier.probation.probationEnd : today), ...voteFields],
      run: (v) => api.call('confirmFullMembership', { id: memberId, meetingDate: v.meetingDate, vote: vote(v) }),
    },
    extend: {
      title: t('life.probation.extend'),
      fields: [dateField('meetingDate', t('life.probation.meetingDate')), { key: 'months', label: t('life.probation.months'), type: 'number', required: true, initial: '6' }, ...voteFields],
      run: (v) => api.call('extendProbation', { id: memberId, meetingDate: v.meetingDate, months: Number.isInteger(num(v.months)) ? num(v.months) : 0, vote: vote(v) }),
    },
    cancel: {
      title: t('life.probation.cancel'),
      danger: true,
      fields: [dateField('meetingDate', t('life.probation.meetingDate')), ...voteFields, { key: 'note', label: t('life.lost.note'), type: 'textarea' }],
      run: (v) => api.call('cancelProbation', { id: memberId, meetingDate: v.meetingDate, vote: vote(v), note: textOrNull(v.note) }),
    },
    within: {
      title: t('life.transfer.within'),
      fields: [{ key: 'toOrgId', label: t('life.transfer.toOrg'), type: 'select', options: branches, required: true }, dateField('date', t('life.transfer.date'))],
      run: (v) => api.call('transferWithinTownship', { id: memberId, toOrgId: v.toOrgId, date: v.date }),
    },
    out: {
      title: t('life.transfer.out'),
      fields: [
        dateField('date', t('life.transfer.date')),
        { key: 'destination', label: t('life.transfer.destination'), type: 'text', required: true },
        { key: 'duesPaidTo', label: t('life.transfer.duesPaidTo'), type: 'text', required: true, initial: today.slice(0, 7) },
        { key: 'validityMonths', label: t('life.transfer.validity'), type: 'number', initial: String(rules.letterValidityMonths) },
      ],
      run: async (v) => {
        await api.call('transferOut', { id: memberId, date: v.date, destination: v.destination, duesPaidTo: v.duesPaidTo, validityMonths: Number.isInteger(num(v.validityMonths)) ? num(v.validityMonths) : null });
        return api.getMember(memberId);
      },
    },
    // The 回执 takes the member off the roll: no date is filled in for the clerk, and the dialog says so.
    receipt: {
      title: `${t('life.transfer.receipt')} ${pending?.letterNumber ?? ''}`,
      danger: true,
      warn: t('life.transfer.receiptWarn', { name: m.name, destination: pending?.destination ?? '' }),
      fields: [dateField('date', t('life.transfer.receiptDate'), '')],
      run: (v) => api.call('recordTransferReceipt', { transferId: pending!.id, date: v.date }),
    },
    cancelLetter: {
      title: `${t('life.transfer.cancelLetter')} ${pending?.letterNumber ?? ''}`,
      fields: [dateField('date', t('life.transfer.date')), { key: 'reason', label: t('life.transfer.reason'), type: 'textarea', required: true }],
      run: (v) => api.call('cancelTransferOut', { transferId: pending!.id, date: v.date, reason: v.reason }),
    },
    mobileStart: { title: t('life.mobile.start'), fields: mobileFields(), run: (v) => api.call('startMobile', mobileInput(v)) },
    mobileUpdate: { title: t('life.mobile.update'), fields: mobileFields(openMobile), run: (v) => api.call('updateMobile', mobileInput(v)) },
    mobileEnd: { title: t('life.mobile.end'), fields: [dateField('date', t('life.mobile.endDate'))], run: (v) => api.call('endMobile', { id: memberId, date: v.date }) },
    lost: {
      title: t('life.lost.mark'),
      fields: [{ key: 'reason', label: t('life.lost.reason'), type: 'select', options: codeOptions('lostReason'), required: true }, dateField('date', t('life.lost.date')), { key: 'note', label: t('life.lost.note'), type: 'textarea' }],
      run: (v) => api.call('markLost', { id: memberId, reason: v.reason, date: v.date, note: textOrNull(v.note) }),
    },
    found: { title: t('life.lost.found'), fields: [dateField('date', t('life.lost.date')), { key: 'note', label: t('life.lost.note'), type: 'textarea' }], run: (v) => api.call('markFound', { id: memberId, date: v.date, note: textOrNull(v.note) }) },
    suspend: { title: t('life.lost.suspend'), danger: true, fields: [dateField('date', t('life.lost.date')), { key: 'note', label: t('life.lost.note'), type: 'textarea' }], run: (v) => api.call('suspendMembership', { id: memberId, date: v.date, note: textOrNull(v.note) }) },
    restore: { title: t('life.lost.restore'), fields: [dateField('date', t('life.lost.date')), { key: 'reason', label: t('life.lost.restoreReason'), type: 'textarea', required: true }], run: (v) => api.call('restoreMembership', { id: memberId, date: v.date, reason: v.reason }) },
  };

  const button = (a: Action, label: string, danger = false) => (
    <button type="button" className={`btn small-btn${danger ? ' danger-outline' : ''}`} data-testid={`action-${a}`} onClick={() => setAction(a)}>
      {label}
    </button>
  );

  return (
    <div className="life-panel" data-testid="status-panel">
      {!onRoll && m.exitReason !== 'suspended' && <div className="alert warn">{t('life.exitedNote')}</div>}

      <section className="life-section" data-testid="probation-section">
        <div className="life-section-head">
          <h3>{t('life.probation.heading')}</h3>
        </div>
        {m.category === 'probationary' ? (
          <>
            <p data-testid="probation-status">
              {t('life.probation.status', { join: dossier.probation.joinDate, end: dossier.probation.probationEnd })}
              {dossier.probation.extendMonths ? t('life.probation.extended', { months: dossier.probation.extendMonths }) : ''}
            </p>
            {onRoll && (
              <div className="life-actions">
                {button('full', t('life.probation.full'))}
                {!dossier.probation.extendMonths && button('extend', t('life.probation.extend'))}
                {button('cancel', t('life.probation.cancel'), true)}
              </div>
            )}
          </>
        ) : (
          <p className="muted">{t('life.probation.notProbationary', { date: m.fullDate ?? '' })}</p>
        )}
        {dossier.probation.decisions.map((d) => (
          <p key={d.id} className="small muted">
            {d.meetingDate} {labelOf('probationDecision', d.kind, i18n.language)} · {t('life.probation.entitled')} {d.entitled} / {t('life.probation.present')} {d.present} / {t('life.probation.yes')} {d.yes} /{' '}
            {t('life.probation.no')} {d.no} / {t('life.probation.abstain')} {d.abstain}
            {d.kind === 'full' && (
              <>
                {' '}
                <button type="button" className="btn small" data-testid="print-full-vote" onClick={() => setPrinting(() => () => api.call('printFullMembershipVote', { memberId: m.id }))}>
                  {t('print.fullVote')}
                </button>
              </>
            )}
          </p>
        ))}
      </section>

      <section className="life-section" data-testid="transfer-section">
        <div className="life-section-head">
          <h3>{t('life.transfer.heading')}</h3>
        </div>
        {pending && (
          <div className="alert warn" data-testid="transfer-pending">
            {t('life.transfer.pending', { number: pending.letterNumber, destination: pending.destination, until: pending.validUntil })}
          </div>
        )}
        {onRoll && (
          <div className="life-actions">
            {pending ? (
              <>
                {button('receipt', t('life.transfer.receipt'))}
                {button('cancelLetter', t('life.transfer.cancelLetter'))}
              </>
            ) : (
              <>
                {button('within', t('life.transfer.within'))}
                {button('out', t('life.transfer.out'))}
              </>
            )}
          </div>
        )}
        {dossier.transfers.length > 0 && (
          <table className="life-table" data-testid="transfer-list">
            <tbody>
              {dossier.transfers.map((x) => (
                <tr key={x.id}>
                  <td>{x.transferDate}</td>
                  <td>{labelOf('transferDirection', x.direction, i18n.language)}</td>
                  <td>{x.letterNumber ?? ''}</td>
                  <td>{x.direction === 'internal' ? `${x.fromOrgName} → ${x.toOrgName}` : (x.destination ?? x.origin ?? '')}</td>
                  <td>{labelOf('transferStatus', x.status, i18n.language)}</td>
                  <td>
                    {x.direction === 'out' && x.letterNumber && (
                      <button type="button" className="btn small" data-testid={`print-letter-${x.id}`} onClick={() => setPrinting(() => () => api.call('printTransferLetter', { letter: x.letterNumber! }))}>
                        {t('print.letter')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="life-section" data-testid="mobile-section">
        <div className="life-section-head">
          <h3>{t('life.mobile.heading')}</h3>
        </div>
        <p className={openMobile ? '' : 'muted'}>
          {openMobile ? `${t('life.mobile.current', { since: openMobile.since, destination: openMobile.destination })} · ${openMobile.contact}${openMobile.certificateNo ? ` · ${t('life.mobile.certificateNo')} ${openMobile.certificateNo}` : ''}${openMobile.destinationBranch ? ` · ${openMobile.destinationBranch}` : ''}` : t('life.mobile.notMobile')}
        </p>
        {onRoll && (
          <div className="life-actions">
            {openMobile ? (
              <>
                {button('mobileUpdate', t('life.mobile.update'))}
                {button('mobileEnd', t('life.mobile.end'))}
              </>
            ) : (
              button('mobileStart', t('life.mobile.start'))
            )}
          </div>
        )}
      </section>

      <section className="life-section" data-testid="lost-section">
        <div className="life-section-head">
          <h3>{t('life.lost.heading')}</h3>
        </div>
        {m.exitReason === 'suspended' ? (
          <>
            <p className="alert warn">{t('life.lost.suspended', { date: m.exitDate })}</p>
            <div className="life-actions">{button('restore', t('life.lost.restore'))}</div>
          </>
        ) : m.isLost && m.lostDate ? (
          <>
            <p>{t('life.lost.current', { date: m.lostDate, reason: labelOf('lostReason', m.lostReason, i18n.language) })}</p>
            <p className={lostDue && lostDue <= today ? 'alert warn' : 'muted small'} data-testid="lost-due">
              {lostDue && lostDue <= today ? t('life.lost.due', { months: rules.lostMonthsBeforeSuspension }) : t('life.lost.notDue', { months: rules.lostMonthsBeforeSuspension, date: lostDue })}
            </p>
            {onRoll && (
              <div className="life-actions">
                {button('found', t('life.lost.found'))}
                {lostDue && lostDue <= today && button('suspend', t('life.lost.suspend'), true)}
              </div>
            )}
          </>
        ) : (
          <>
            <p className="muted">{t('life.lost.notLost')}</p>
            {onRoll && <div className="life-actions">{button('lost', t('life.lost.mark'))}</div>}
          </>
        )}
      </section>
      <p className="small muted">{t('life.rules', { letter: rules.letterValidityMonths, lost: rules.lostMonthsBeforeSuspension })}</p>

      {action && (
        <ActionDialog
          key={action}
          title={dialogs[action].title}
          testId={`dialog-${action}`}
          fields={dialogs[action].fields}
          submitLabel={dialogs[action].title}
          danger={dialogs[action].danger}
          intro={
            dialogs[action].warn ? <p className="alert warn" data-testid={`dialog-${action}-warn`}>{dialogs[action].warn}</p>
              : ['full', 'extend', 'cancel'].includes(action) ? <p className="small muted">{t('life.probation.voteHint')}</p> : undefined
          }
          onClose={() => setAction(null)}
          onSubmit={async (v) => done(await dialogs[action].run(v))}
        />
      )}
      {printing && <PrintPreview load={printing} onClose={() => setPrinting(null)} />}
    </div>
  );
}
