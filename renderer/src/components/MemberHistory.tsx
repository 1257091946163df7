// 历史记录: every change of the member as a timeline, newest first: the day it happened, what changed
// (the archive's own one-line summary, before → after) and who recorded it.
import { useTranslation } from 'react-i18next';
import { useCall } from '../lib/useCall';
import { changesIn } from '../lib/words';

/** `version` is bumped after every change of the member: the history is read again. */
export function MemberHistory({ memberId, version }: { memberId: string; version: number }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const { value: events, error } = useCall('memberHistory', { id: memberId }, { refresh: version });

  if (error) {
    return (
      <div className="alert error" role="alert">
        {error}
      </div>
    );
  }
  if (!events) return <div className="muted pad">{t('common.loading')}</div>;
  if (events.length === 0) return <div className="muted pad">{t('history.empty')}</div>;
  return (
    <ol className="timeline" data-testid="member-history">
      {events.map((e) => (
        <li key={e.id} className={`timeline-item kind-${e.kind}`} data-testid="history-event">
          <div className="timeline-date">{e.eventDate}</div>
          <div className="timeline-dot" aria-hidden="true" />
          <div className="timeline-body">
            <div className="timeline-head">
              <span className={`tag kind-${e.kind}`}>{t(`history.kinds.${e.kind}`, { defaultValue: e.kind })}</span>
              <span className="muted small">{t('history.actor', { actor: e.actor })}</span>
              <span className="muted small">{t('history.recordedAt', { time: e.recordedAt.slice(0, 16).replace('T', ' ') })}</span>
            </div>
            {/* In English the stored change said in English; the summary is the archive's Chinese sentence. */}
            <div className="timeline-summary">{english ? changesIn(t, i18n.language, e.before, e.after, { action: e.kind, names: e.names }) : e.summary}</div>
          </div>
        </li>
      ))}
    </ol>
  );
}
