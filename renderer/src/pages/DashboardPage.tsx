// 首页: the township at a glance. The key figures first, from a one-pass call and without the chart
// library's code; then the charts (DashboardCharts, their own chunk with ECharts) from the whole dashboard.
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../lib/useCall';
import type { MembersFocus } from './MainPage';

const loadCharts = () => import('./DashboardCharts');
const DashboardCharts = lazy(() => loadCharts().then((m) => ({ default: m.DashboardCharts })));

interface Props {
  township: string;
  onOpenMembers: (focus: MembersFocus) => void;
  onOpenChecks: () => void;
  /** Told once the key figures are on screen (the window then loads the next pages' code). */
  onFiguresShown?: () => void;
}

export function DashboardPage({ township, onOpenMembers, onOpenChecks, onFiguresShown }: Props) {
  const { t } = useTranslation();
  // The key figures come from a one-pass call and show at once; the charts follow from the whole dashboard.
  const { value: head, error: headError } = useCall('dashboardFigures', {});
  const { value: data, error } = useCall('dashboard', {});
  // The charts' code is fetched once the figures are on screen, not before: compiling it would hold them up.
  const shown = head !== undefined || data !== undefined;
  useEffect(() => {
    if (!shown) return;
    void loadCharts().catch(() => undefined);
    onFiguresShown?.();
  }, [shown, onFiguresShown]);

  if (error || headError) return <div className="alert error pad" role="alert">{error ?? headError}</div>;
  const figures = data ?? head;
  if (!figures) return <div className="muted pad" data-testid="dashboard-loading">{t('common.loading')}</div>;

  const f = figures.figures;
  const kpis: [string, number | string, string?][] = [
    ['roll', f.roll],
    ['formal', f.formal],
    ['probationary', f.probationary],
    ['mobile', f.mobile],
    ['lost', f.lost],
    ['developed', f.developedThisYear],
    ['madeFull', f.madeFullThisYear],
    ['exits', f.exitsThisYear],
    ['branches', f.branches],
    ['reminders', !data ? '…' : data.reminders.available ? data.reminders.count : t('dashboard.noData'), 'muted'],
  ];
  return (
    <div className="dashboard" data-testid="dashboard">
      <div className="dashboard-head">
        <h2>{t('dashboard.heading', { name: township, date: figures.asOf })}</h2>
        <span className="muted small">{t('dashboard.clickHint')}</span>
      </div>
      <div className="kpis">
        {kpis.map(([key, value, tone]) => (
          <div key={key} className={`kpi ${tone ?? ''}`} data-testid={`kpi-${key}`}>
            <div className="kpi-value">{value}</div>
            <div className="kpi-label">{t(`dashboard.${key}`)}</div>
          </div>
        ))}
        {/* The checks read every record (seconds at county size): they run on their own page, not here. */}
        <button type="button" className="kpi kpi-link" data-testid="kpi-problems" onClick={onOpenChecks}>
          <div className="kpi-value">{t('dashboard.openChecks')}</div>
          <div className="kpi-label">{t('dashboard.problems')} ›</div>
        </button>
      </div>
      {!data ? (
        <div className="muted pad" data-testid="dashboard-charts-loading">{t('common.loading')}</div>
      ) : (
        <Suspense fallback={<div className="muted pad" data-testid="dashboard-charts-loading">{t('common.loading')}</div>}>
          <DashboardCharts data={data} onOpenMembers={onOpenMembers} />
        </Suspense>
      )}
    </div>
  );
}
