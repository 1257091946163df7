// 首页's charts, in their own chunk with ECharts: the key figures above them show without waiting for
// the chart library's code. Members per branch, the age pyramid by gender, 学历 and 职业 shares, the
// development pipeline, the 流动/失联 trend; clicking a bar or a slice opens the members page on exactly
// those members.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../api';
import { EChart, type ChartOption } from '../components/EChart';
import type { MembersFocus } from './MainPage';

const RED = '#b71c1c';
const BLUE = '#1f5fa8';
const PALETTE = ['#b71c1c', '#d9822b', '#1f5fa8', '#2e7d32', '#7b4f9d', '#8d6e63', '#00838f', '#c2185b'];
const TOP_BRANCHES = 15;

/** A date shifted by whole years (29 Feb → 28 Feb). */
function shiftYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${String(y).padStart(4, '0')}-${md}`;
}
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
/** The birth dates of members aged `band` (whole years, inclusive; null: open) on `asOf`, as the grid's date filter. */
export function birthRangeFilter(band: { min: number | null; max: number | null }, asOf: string) {
  const lo = band.min ?? 0;
  const hi = band.max ?? 200;
  return { filterType: 'date', type: 'inRange', dateFrom: `${nextDay(shiftYears(asOf, -(hi + 1)))} 00:00:00`, dateTo: `${shiftYears(asOf, -lo)} 00:00:00` };
}
const textEquals = (label: string) => ({ filterType: 'text', type: 'equals', filter: label });

interface Props {
  data: CallOutput<'dashboard'>;
  onOpenMembers: (focus: MembersFocus) => void;
}

export function DashboardCharts({ data, onOpenMembers }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const charts = useMemo(() => {
    const label = (r: { label: string; labelEn: string }) => (en ? r.labelEn : r.label);
    const branches = data.byBranch.slice(0, TOP_BRANCHES).reverse();
    const byBranch: ChartOption = {
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', splitLine: { lineStyle: { color: '#eee' } } },
      yAxis: { type: 'category', data: branches.map((b) => b.name), axisLabel: { width: 150, overflow: 'truncate' } },
      series: [{ type: 'bar', data: branches.map((b) => b.count), itemStyle: { color: RED }, barMaxWidth: 16, label: { show: true, position: 'right', fontSize: 11 }, cursor: 'pointer' }],
    };
    // A symmetric axis, so that the two sides compare at a glance.
    const most = Math.max(1, ...data.pyramid.map((b) => Math.max(b.male, b.female)));
    const step = 10 ** Math.floor(Math.log10(most)) / 2;
    const widest = Math.max(step, Math.ceil(most / step) * step);
    const pyramid: ChartOption = {
      grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
      legend: { data: [t('dashboard.male'), t('dashboard.female')], top: 0 },
      tooltip: { trigger: 'item', formatter: (p: { seriesName: string; name: string; value: number }) => `${p.name} ${p.seriesName}: ${Math.abs(p.value)}` },
      xAxis: { type: 'value', min: -widest, max: widest, axisLabel: { formatter: (v: number) => String(Math.abs(v)), hideOverlap: true }, splitLine: { lineStyle: { color: '#eee' } } },
      yAxis: { type: 'category', data: data.pyramid.map(label), axisTick: { show: false } },
      series: [
        { name: t('dashboard.male'), type: 'bar', stack: 'age', data: data.pyramid.map((b) => -b.male), itemStyle: { color: BLUE }, barMaxWidth: 18 },
        { name: t('dashboard.female'), type: 'bar', stack: 'age', data: data.pyramid.map((b) => b.female), itemStyle: { color: RED }, barMaxWidth: 18 },
      ],
    };
    const pie = (rows: { label: string; labelEn: string; count: number }[]): ChartOption => ({
      color: PALETTE,
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle', textStyle: { fontSize: 11, width: 130, overflow: 'truncate' } },
      series: [{ type: 'pie', radius: ['38%', '68%'], center: ['32%', '50%'], data: rows.map((r) => ({ name: label(r), value: r.count })), label: { show: false }, cursor: 'pointer' }],
    });
    const pipeline: ChartOption = {
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'category', data: data.pipeline.stages.map(label), axisLabel: { fontSize: 11 } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eee' } } },
      series: [{ type: 'bar', data: data.pipeline.stages.map((s) => s.count), itemStyle: { color: '#d9822b' }, barMaxWidth: 36, label: { show: true, position: 'top' } }],
    };
    const trend: ChartOption = {
      grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
      legend: { data: [t('dashboard.mobile'), t('dashboard.lost')], top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: data.trend.map((m) => m.month.slice(2).replace('-', '/')), boundaryGap: false },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eee' } } },
      series: [
        { name: t('dashboard.mobile'), type: 'line', data: data.trend.map((m) => m.mobile), itemStyle: { color: BLUE }, smooth: true },
        { name: t('dashboard.lost'), type: 'line', data: data.trend.map((m) => m.lost), itemStyle: { color: RED }, smooth: true },
      ],
    };
    return { branches, byBranch, pyramid, education: pie(data.education), occupation: pie(data.occupation), pipeline, trend };
  }, [data, en, t]);

  return (
      <div className="chart-grid">
        <section className="chart-card tall">
          <h3>{t('dashboard.byBranch', { count: Math.min(TOP_BRANCHES, data.byBranch.length) })}</h3>
          <EChart
            testId="chart-branches"
            label={t('dashboard.byBranch', { count: TOP_BRANCHES })}
            height={628}
            option={charts.byBranch}
            onClick={(c) => {
              const b = charts.branches[c.dataIndex];
              if (b) onOpenMembers({ orgId: b.orgId });
            }}
          />
        </section>
        <section className="chart-card">
          <h3>{t('dashboard.pyramid')}</h3>
          <EChart
            testId="chart-pyramid"
            label={t('dashboard.pyramid')}
            height={204}
            option={charts.pyramid}
            onClick={(c) => {
              const band = data.pyramid[c.dataIndex];
              if (band) onOpenMembers({ filters: { birthDate: birthRangeFilter(band, data.asOf), gender: textEquals(c.seriesIndex === 0 ? '男' : '女') } });
            }}
          />
        </section>
        <section className="chart-card">
          <h3>{t('dashboard.education')}</h3>
          <EChart
            testId="chart-education"
            label={t('dashboard.education')}
            height={204}
            option={charts.education}
            onClick={(c) => {
              const row = data.education[c.dataIndex];
              if (row) onOpenMembers({ filters: { education: textEquals(row.label) } });
            }}
          />
        </section>
        <section className="chart-card">
          <h3>{t('dashboard.occupation')}</h3>
          <EChart
            testId="chart-occupation"
            label={t('dashboard.occupation')}
            height={204}
            option={charts.occupation}
            onClick={(c) => {
              const row = data.occupation[c.dataIndex];
              if (row) onOpenMembers({ filters: { occupation: textEquals(row.label) } });
            }}
          />
        </section>
        <section className="chart-card">
          <h3>{t('dashboard.trend')}</h3>
          <EChart testId="chart-trend" label={t('dashboard.trend')} height={204} option={charts.trend} />
        </section>
        <section className="chart-card wide">
          <h3>
            {t('dashboard.pipeline')}
            {!data.pipeline.available && <span className="no-data" data-testid="pipeline-no-data">{t('dashboard.noData')} · {t('dashboard.noDataHint')}</span>}
          </h3>
          <EChart testId="chart-pipeline" label={t('dashboard.pipeline')} height={128} option={charts.pipeline} />
        </section>
      </div>
  );
}
