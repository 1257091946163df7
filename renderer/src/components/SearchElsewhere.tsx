// A quick search that finds nobody in the list on screen: say in which lists its matches are, with a
// button to each, instead of a bare "nobody". The figures are one grouped count per scope (memberCounts
// with the search), never the rows, so this stays quick at 150,000 members.
import { useTranslation } from 'react-i18next';
import { api, type MemberCountsDto } from '../api';
import { useLoad } from '../lib/useCall';
import type { MemberView } from './MembersGrid';

export interface SearchTarget {
  view: MemberView;
  exitReason: string | null;
  /** Switch to the whole township (the search found nobody in the selected organization). */
  township: boolean;
}

interface Props {
  search: string;
  /** The organization chosen in the tree; null for the whole township. */
  orgId: string | null;
  view: MemberView;
  exitReason: string | null;
  /** How the list on screen is named: "东村支部 · 全部在册" (with the 出党方式, if one is chosen). */
  where: string;
  onGo: (target: SearchTarget) => void;
}

interface Place extends SearchTarget {
  label: string;
  count: number;
}

/** The lists to point at: the roll and the exits are disjoint and hold every member between them. */
function placesIn(c: MemberCountsDto, view: MemberView, exitReason: string | null, township: boolean, name: (key: 'roll' | 'exited') => string): Place[] {
  // In the same organization, the list on screen (and 全部党员, which holds both) found nobody already.
  const rollElsewhere = township || (view !== 'roll' && view !== 'all');
  const exitedElsewhere = township || (view !== 'all' && (view !== 'exited' || exitReason !== null));
  const out: Place[] = [];
  if (rollElsewhere && c.roll > 0) out.push({ view: 'roll', exitReason: null, township, label: name('roll'), count: c.roll });
  if (exitedElsewhere && c.exited > 0) out.push({ view: 'exited', exitReason: null, township, label: name('exited'), count: c.exited });
  return out;
}

export function SearchElsewhere({ search, orgId, view, exitReason, where, onGo }: Props) {
  const { t } = useTranslation();
  const counts = useLoad(
    async () => {
      const inScope = await api.memberCounts(orgId, search);
      // Nobody in the branch at all: look in the whole township too.
      const township = orgId && inScope.roll + inScope.exited === 0 ? await api.memberCounts(null, search) : null;
      return { inScope, township };
    },
    `${orgId} ${search}`,
  );
  const viewName = (key: 'roll' | 'exited') => t(`views.${key}`);
  const places = counts.value
    ? [
        ...placesIn(counts.value.inScope, view, exitReason, false, viewName),
        ...(counts.value.township ? placesIn(counts.value.township, view, exitReason, true, (key) => `${t('grid.township')} · ${viewName(key)}`) : []),
      ]
    : [];

  return (
    <div className="search-elsewhere" data-testid="search-elsewhere">
      <span>{t('grid.searchNone', { where, search })}</span>
      {counts.loading && !counts.value ? (
        <span className="muted">{t('grid.searchChecking')}</span>
      ) : places.length === 0 ? (
        <span data-testid="search-nowhere">{t('grid.searchNowhere', { search })}</span>
      ) : (
        places.map((p) => (
          <span key={`${p.township}${p.view}`} className="search-place">
            {t('grid.searchElsewhere', { where: p.label, count: p.count })}
            <button type="button" className="btn small" data-testid={`search-go-${p.township ? 'township-' : ''}${p.view}`} onClick={() => onGo(p)}>
              {t('grid.searchGo')}
            </button>
          </span>
        ))
      )}
    </div>
  );
}
