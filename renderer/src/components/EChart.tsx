// One ECharts chart in a div. Only the parts the window uses are imported (echarts/core), so the bundle
// stays small. The chart follows its box's size and reports clicks on bars and slices.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption, ECElementEvent } from 'echarts/core';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = EChartsCoreOption;
export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
  name: string;
}

interface Props {
  option: ChartOption;
  onClick?: (click: ChartClick) => void;
  height: number;
  testId?: string;
  label: string;
}

export function EChart({ option, onClick, height, testId, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);

  useEffect(() => {
    clickRef.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (e) => {
      const ev = e as ECElementEvent;
      clickRef.current?.({ seriesIndex: ev.seriesIndex ?? 0, dataIndex: ev.dataIndex, name: ev.name });
    });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={box} className="chart" style={{ height }} data-testid={testId} role="img" aria-label={label} />;
}
