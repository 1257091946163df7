// 党建实务: the seed's township practices as records, one tab per record kind (see
// practices/practiceTabs.tsx for the list and how to add one). The year chosen here is shared by all tabs.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRACTICE_TABS } from './practices/practiceTabs';

export function PracticesPage({ today }: { today: string }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState(PRACTICE_TABS[0].key);
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const current = PRACTICE_TABS.find((x) => x.key === tab) ?? PRACTICE_TABS[0];
  const Tab = current.Component;
  return (
    <div className="practices" data-testid="practices-page">
      <div className="practices-bar">
        <div className="tabs practices-tabs" role="tablist" aria-label={t('practices.heading')}>
          {PRACTICE_TABS.map((x) => (
            <button key={x.key} type="button" role="tab" aria-selected={x.key === current.key} className={x.key === current.key ? 'active' : ''} data-testid={`practices-tab-${x.key}`} onClick={() => setTab(x.key)}>
              {t(x.labelKey)}
            </button>
          ))}
        </div>
        <label className="practices-year">
          {t('practices.year')}
          <input type="number" min={2000} max={2100} value={year} data-testid="practices-year" onChange={(e) => setYear(Number(e.target.value) || year)} />
        </label>
      </div>
      <div role="tabpanel" data-testid={`practices-panel-${current.key}`}>
        <Tab key={`${current.key}-${year}`} year={year} today={today} />
      </div>
    </div>
  );
}
