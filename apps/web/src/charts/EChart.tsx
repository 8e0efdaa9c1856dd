import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption } from './echarts.ts';

interface Props {
  option: EChartsCoreOption;
  className?: string;
  testId?: string;
  onClick?: (params: { name?: string; data?: unknown }) => void;
}

/**
 * One ECharts instance per mounted chart, created once and updated in place with
 * setOption on every change: walls run for weeks, and re-creating charts per tick leaks
 * and flickers.
 */
export function EChart({ option, className, testId, onClick }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const c = echarts.init(el.current!, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => click.current?.(p as { name?: string; data?: unknown }));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { lazyUpdate: true });
  }, [option]);

  return <div ref={el} className={className} data-testid={testId} />;
}
