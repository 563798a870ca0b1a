import { useEffect, useRef } from 'react';
import { renderLineChart, type LineChartOptions, type LineSeries } from '../../plots/lineChart';
import { useElementSize } from '../useElementSize';

type Options = Omit<LineChartOptions, 'width' | 'height'>;

/** A titled line chart that fills its column: series in, SVG out (see plots/lineChart.ts). */
export function LineFigure({
  title,
  series,
  options,
  height = 170,
  testId,
  description,
}: {
  title: string;
  series: readonly LineSeries[];
  options: Options;
  height?: number;
  testId: string;
  /** What the chart shows, for screen readers. */
  description: string;
}) {
  const box = useRef<HTMLElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const { width } = useElementSize(box);
  useEffect(() => {
    if (!svg.current || width === 0) return;
    renderLineChart(svg.current, series, { ...options, width, height });
  }, [series, options, width, height]);
  return (
    <figure className="chart" ref={box}>
      <figcaption>{title}</figcaption>
      <svg
        ref={svg}
        data-testid={testId}
        data-series={series.length}
        role="img"
        aria-label={`${title}: ${description}`}
      />
    </figure>
  );
}
