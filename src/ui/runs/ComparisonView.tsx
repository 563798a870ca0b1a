import { useMemo } from 'react';
import { pca2d } from '../../core/projection/pca';
import { stackPairs } from '../../core/projection/projector';
import { fmt } from '../../core/lessons/measures';
import type { LineSeries } from '../../plots/lineChart';
import { OKABE_ITO } from '../../plots/theme';
import type { RunId, RunRecord } from '../../state/runs';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { LineFigure } from '../frameworks/LineFigure';
import { LayoutScatter } from '../views/LayoutScatter';
import { runLabel } from './runLabels';

const COLOURS = [OKABE_ITO.blue, OKABE_ITO.vermillion];

/** Two kept runs side by side: their curves overlaid, and each one's last shared space (PCA). */
export function ComparisonView({ ids }: { ids: [RunId, RunId] }) {
  const c = useController();
  const records = useStore(c.runs, (s) => s.records);
  const pair = ids.map((id) => records.find((r) => r.id === id)).filter((r): r is RunRecord => Boolean(r));
  const labels = pair.map(
    (r) =>
      `#${r.id} ${runLabel(
        r.config,
        pair.map((p) => p.config),
      )}`,
  );
  const curves = useMemo(() => {
    const line = (key: 'gap' | 'r1'): LineSeries[] =>
      pair.map((r, i) => ({
        key: `${key}-${r.id}`,
        label: labels[i] ?? '',
        colour: COLOURS[i],
        x: Float64Array.from(r.history, (p) => p.step),
        y: Float64Array.from(r.history, (p) => (key === 'gap' ? p.metrics.gap : p.metrics.seen.i2t.r1)),
      }));
    return { gap: line('gap'), r1: line('r1') };
    // The records array changes identity on every message; the curves only when these runs do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pair[0], pair[1]]);
  if (pair.length < 2) return <p className="hint">One of these runs is no longer kept.</p>;
  return (
    <div className="comparison" data-testid="comparison">
      <LineFigure
        title="Modality gap, both runs"
        testId="compare-gap"
        series={curves.gap}
        options={{ xLabel: 'step', yLabel: 'gap' }}
        description={pair
          .map((r, i) => `${labels[i]}: ${fmt(r.history.at(-1)?.metrics.gap ?? NaN)}`)
          .join('; ')}
      />
      <LineFigure
        title="R@1 image → caption (seen), both runs"
        testId="compare-r1"
        series={curves.r1}
        options={{ xLabel: 'step', yLabel: 'R@1', yDomain: [0, 1] }}
        description={pair
          .map((r, i) => `${labels[i]}: ${fmt(r.history.at(-1)?.metrics.seen.i2t.r1 ?? NaN)}`)
          .join('; ')}
      />
      <div className="comparison-spaces">
        {pair.map((r, i) => (
          <RunSpace key={r.id} record={r} label={labels[i] ?? ''} />
        ))}
      </div>
    </div>
  );
}

/** A run's last shared space, laid out by PCA of both modalities' codes (quick, and the same every time). */
function RunSpace({ record, label }: { record: RunRecord; label: string }) {
  const last = record.last;
  const layout = useMemo(() => {
    if (!last) return null;
    const n = last.image.length / last.dim;
    return { xy: pca2d(stackPairs(last.image, last.text), 2 * n, last.dim).xy, n };
  }, [last]);
  if (!last || !layout) return null;
  return (
    <figure className="chart">
      <figcaption>
        {label}, step {last.step}
      </figcaption>
      <LayoutScatter
        xy={layout.xy}
        n={layout.n}
        xLabel="PC 1"
        yLabel="PC 2"
        gapLabel={`gap ${fmt(last.metrics.gap)}`}
        height={220}
        testId={`compare-space-${record.id}`}
        label={`Shared space of run ${record.id} at step ${last.step}: ${layout.n} pairs, gap ${fmt(last.metrics.gap)}`}
      />
    </figure>
  );
}
