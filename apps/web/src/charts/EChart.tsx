import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption } from './echarts.ts';

export interface ChartClick {
  componentType?: string;
  seriesId?: string;
  name?: string;
  data?: unknown;
}

interface Props {
  option: EChartsCoreOption;
  className?: string;
  testId?: string;
  onClick?: (params: ChartClick) => void;
  /** Components the chart replaces rather than merges between options (e.g. a visualMap that changes type). */
  replaceMerge?: string[];
  /**
   * SVG for large, mostly still charts (maps): a wall-sized canvas costs every frame of the
   * page (the compositor takes it in whole), an SVG only where it changes.
   */
  renderer?: 'canvas' | 'svg';
  /** After a pan or zoom of the first geo component (roam): its zoom and centre. */
  onRoam?: (view: { zoom: number; center: [number, number] }) => void;
}

/**
 * One ECharts instance per mounted chart, created once and updated in place with
 * setOption on every change: walls run for weeks, and re-creating charts per tick leaks
 * and flickers.
 */
export function EChart({ option, className, testId, onClick, replaceMerge, renderer = 'canvas', onRoam }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  const roam = useRef(onRoam);
  useEffect(() => {
    click.current = onClick;
    roam.current = onRoam;
  }, [onClick, onRoam]);

  useEffect(() => {
    const c = echarts.init(el.current!, undefined, { renderer });
    chart.current = c;
    c.on('click', (p) => click.current?.(p as ChartClick));
    // The event carries the step, not the result: the geo's zoom and centre are in its option.
    c.on('georoam', () => {
      const geo = (c.getOption() as { geo?: { zoom?: number; center?: number[] }[] }).geo?.[0];
      if (geo?.zoom !== undefined && geo.center !== undefined) roam.current?.({ zoom: geo.zoom, center: [Number(geo.center[0]), Number(geo.center[1])] });
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
    // Created once: the rendering mode is fixed for the chart's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, replaceMerge ? { lazyUpdate: true, replaceMerge } : { lazyUpdate: true });
  }, [option, replaceMerge]);

  return <div ref={el} className={className} data-testid={testId} />;
}
