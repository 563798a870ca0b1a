import { useEffect, useRef } from 'react';
import { renderLineChart, type LineChartOptions, type LineSeries } from '../../plots/lineChart';
import { useElementSize } from '../useElementSize';
import { usePlotExport } from '../export/plotRegistry';
import type { PlotId } from '../export/plotExport';

type Options = Omit<LineChartOptions, 'width' | 'height'>;

/** A titled line chart that fills its column: series in, SVG out (see plots/lineChart.ts). */
export function LineFigure({
  title,
  series,
  options,
  height = 170,
  testId,
  description,
  exportAs = null,
  note,
}: {
  title: string;
  series: readonly LineSeries[];
  options: Options;
  height?: number;
  testId: string;
  /** What the chart shows, for screen readers. */
  description: string;
  /** The picture-export id under which the chart can be saved while it is shown; none by default. */
  exportAs?: PlotId | null;
  /** A line under the chart on how to read it, if any (test id `${testId}-note`). */
  note?: string | null;
}) {
  const box = useRef<HTMLElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const { width } = useElementSize(box);
  usePlotExport(exportAs, () => svg.current);
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
      {note ? (
        <p className="chart-note" data-testid={`${testId}-note`}>
          {note}
        </p>
      ) : null}
    </figure>
  );
}
