// 历史记录: every change of the member as a timeline, newest first: the day it happened, what changed
// (the archive's own one-line summary, before → after) and who recorded it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf, type MemberEventDto } from '../api';

type State = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; events: MemberEventDto[] };

export function MemberHistory({ memberId, version }: { memberId: string; version: number }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    api
      .memberHistory(memberId)
      .then((events) => live && setState({ status: 'ready', events }))
      .catch((err: unknown) => live && setState({ status: 'failed', message: messageOf(err) }));
    return () => {
      live = false;
    };
  }, [memberId, version]);

  if (state.status === 'loading') return <div className="muted pad">{t('common.loading')}</div>;
  if (state.status === 'failed') {
    return (
      <div className="alert error" role="alert">
        {state.message}
      </div>
    );
  }
  if (state.events.length === 0) return <div className="muted pad">{t('history.empty')}</div>;
  return (
    <ol className="timeline" data-testid="member-history">
      {state.events.map((e) => (
        <li key={e.id} className={`timeline-item kind-${e.kind}`} data-testid="history-event">
          <div className="timeline-date">{e.eventDate}</div>
          <div className="timeline-dot" aria-hidden="true" />
          <div className="timeline-body">
            <div className="timeline-head">
              <span className={`tag kind-${e.kind}`}>{t(`history.kinds.${e.kind}`, { defaultValue: e.kind })}</span>
              <span className="muted small">{t('history.actor', { actor: e.actor })}</span>
              <span className="muted small">{t('history.recordedAt', { time: e.recordedAt.slice(0, 16).replace('T', ' ') })}</span>
            </div>
            <div className="timeline-summary">{e.summary}</div>
          </div>
        </li>
      ))}
    </ol>
  );
}
