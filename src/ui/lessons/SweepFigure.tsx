import { useEffect, useMemo, useRef } from 'react';
import type { LessonFigure, LessonRun } from '../../core/lessons/types';
import { sweepSeries } from '../../core/lessons/sweepSeries';
import { renderRangeChart, type RangeSeries } from '../../plots/rangeChart';
import { useElementSize } from '../useElementSize';

type Sweep = Extract<LessonFigure, { kind: 'sweep' }>;

const HEIGHT = 170;

/** One small chart per measure of the sweep, filling in as runs finish. */
export function SweepFigure({ figure, runs }: { figure: Sweep; runs: readonly LessonRun[] }) {
  const series = useMemo(
    () => sweepSeries(runs, figure.key, Object.fromEntries(figure.measures.map((m) => [m.key, m.measure]))),
    [runs, figure],
  );
  const done = runs.filter((r) => r.status === 'finished').length;
  return (
    <div className="sweep-figure" data-testid="lesson-figure" data-finished={done}>
      {figure.measures.map((m) => (
        <SweepChart
          key={m.key}
          label={m.label}
          xLabel={figure.key}
          xValues={figure.values}
          log={figure.log}
          domain={m.domain}
          series={{
            key: m.key,
            label: m.label,
            points: series
              .filter((v) => v.seeds > 0)
              .map((v) => {
                const s = v.measures[m.key];
                return {
                  x: Number(v.value),
                  n: v.seeds,
                  mean: s?.mean ?? NaN,
                  min: s?.min ?? NaN,
                  max: s?.max ?? NaN,
                };
              }),
          }}
        />
      ))}
      <p className="hint">
        {done} of {runs.length} runs done. Each dot: the mean over seeds of each run’s average over the second
        half of training; the bar spans the seeds.
      </p>
    </div>
  );
}

function SweepChart({
  label,
  xLabel,
  xValues,
  log,
  domain,
  series,
}: {
  label: string;
  xLabel: string;
  xValues: readonly number[];
  log: boolean;
  domain: readonly [number, number] | undefined;
  series: RangeSeries;
}) {
  const box = useRef<HTMLElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const { width } = useElementSize(box);
  useEffect(() => {
    if (!svg.current || width === 0) return;
    renderRangeChart(svg.current, [series], {
      width,
      height: HEIGHT,
      xLabel: log ? `${xLabel} (log scale)` : xLabel,
      yLabel: label,
      xValues,
      xLog: log,
      ...(domain ? { yDomain: [domain[0], domain[1]] as [number, number] } : {}),
    });
  }, [series, width, label, xLabel, xValues, log, domain]);
  return (
    <figure className="chart" ref={box}>
      <svg
        ref={svg}
        data-testid={`sweep-${series.key}`}
        data-points={series.points.length}
        role="img"
        aria-label={`${label} against ${xLabel}: ${series.points.map((p) => `${p.x}: ${p.mean.toFixed(3)} (${p.min.toFixed(3)}–${p.max.toFixed(3)}, ${p.n} seeds)`).join('; ')}`}
      />
    </figure>
  );
}
