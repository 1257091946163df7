// The status views under the tree: 全部在册, 预备党员, 流动党员, 失联党员, 困难党员, 转出待回执, 已出党 (opens by 出党方式),
// each with its count for the selected organization's subtree.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberCountsDto } from '../api';
import { codeItems, labelOf } from '../lib/codes';
import type { MemberView } from './MembersGrid';

interface Props {
  counts: MemberCountsDto | null;
  view: MemberView;
  exitReason: string | null;
  onSelect: (view: MemberView, exitReason: string | null) => void;
}

const MAIN_VIEWS: { view: MemberView; key: 'roll' | 'probationary' | 'mobile' | 'lost' | 'lostReview' | 'hardship' | 'transferPending'; sub?: boolean }[] = [
  { view: 'roll', key: 'roll' },
  { view: 'probationary', key: 'probationary' },
  { view: 'mobile', key: 'mobile' },
  { view: 'lost', key: 'lost' },
  // Under 失联: those lost long enough for the 停止党籍 review (domain.md: 6 months).
  { view: 'lostReview', key: 'lostReview', sub: true },
  { view: 'hardship', key: 'hardship' },
  { view: 'transferPending', key: 'transferPending' },
];

export function StatusViews({ counts, view, exitReason, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const [reasonsOpen, setReasonsOpen] = useState(false);
  const show = (n: number | undefined) => (counts ? String(n ?? 0) : '…');
  const reasons = codeItems('exitReason').filter((r) => (counts?.exitedByReason[r.code] ?? 0) > 0 || (view === 'exited' && exitReason === r.code));

  return (
    <nav className="status-views" aria-label={t('views.heading')} data-testid="status-views">
      <div className="panel-heading">{t('views.heading')}</div>
      {MAIN_VIEWS.map(({ view: v, key, sub }) => (
        <button
          key={v}
          type="button"
          className={`view-item${sub ? ' sub' : ''}${view === v ? ' selected' : ''}`}
          aria-current={view === v}
          data-testid={`view-${v}`}
          onClick={() => onSelect(v, null)}
        >
          <span>{t(`views.${key}`)}</span>
          <span className="view-count" data-testid={`view-count-${v}`}>
            {show(counts?.[key])}
          </span>
        </button>
      ))}
      <div className="view-exited">
        <button
          type="button"
          className={`view-item${view === 'exited' && !exitReason ? ' selected' : ''}`}
          aria-current={view === 'exited' && !exitReason}
          data-testid="view-exited"
          onClick={() => {
            setReasonsOpen(true);
            onSelect('exited', null);
          }}
        >
          <span>{t('views.exited')}</span>
          <span className="view-count" data-testid="view-count-exited">
            {show(counts?.exited)}
          </span>
        </button>
        <button
          type="button"
          className="view-expander"
          aria-expanded={reasonsOpen}
          aria-label={reasonsOpen ? t('views.hideReasons') : t('views.showReasons')}
          title={reasonsOpen ? t('views.hideReasons') : t('views.showReasons')}
          data-testid="view-exited-toggle"
          onClick={() => setReasonsOpen(!reasonsOpen)}
        >
          {reasonsOpen ? '▾' : '▸'}
        </button>
      </div>
      {reasonsOpen &&
        reasons.map((r) => (
          <button
            key={r.code}
            type="button"
            className={`view-item sub${view === 'exited' && exitReason === r.code ? ' selected' : ''}`}
            aria-current={view === 'exited' && exitReason === r.code}
            data-testid={`view-exited-${r.code}`}
            onClick={() => onSelect('exited', r.code)}
          >
            <span>{labelOf('exitReason', r.code, i18n.language)}</span>
            <span className="view-count">{show(counts?.exitedByReason[r.code])}</span>
          </button>
        ))}
    </nav>
  );
}
