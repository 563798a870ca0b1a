import { useEffect, useMemo, useRef } from 'react';
import { renderBarChart } from '../../plots/barChart';
import { shownSnapshot } from '../../state/runState';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { useElementSize } from '../useElementSize';
import { formatMetric } from '../format';
import { LayoutScatter } from '../views/LayoutScatter';

/**
 * The correlation family's own views: the canonical correlation spectrum (one bar per component, live),
 * the first two canonical variates of both modalities as a scatter, and linear CKA.
 */
export function CorrelationPanel() {
  const c = useController();
  const shown = useStore(c.run, shownSnapshot);
  const extra = shown?.extra.framework === 'correlation' ? shown.extra : null;
  const cca = extra && 'correlations' in extra.cca ? extra.cca : null;
  const problem = extra && 'problem' in extra.cca ? extra.cca.problem : null;
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const { width } = useElementSize(box);
  useEffect(() => {
    if (!svg.current || !cca || width === 0) return;
    renderBarChart(
      svg.current,
      { values: cca.correlations },
      { width, height: 180, xLabel: 'canonical component', yLabel: 'correlation ρ' },
    );
  }, [cca, width]);
  const variates = useMemo(() => {
    const v = cca?.variates;
    if (!v) return null;
    const n = v.x[0].length;
    const xy = new Float32Array(4 * n);
    for (let i = 0; i < n; i++) {
      xy[2 * i] = v.x[0][i] ?? 0;
      xy[2 * i + 1] = v.x[1][i] ?? 0;
      xy[2 * (n + i)] = v.y[0][i] ?? 0;
      xy[2 * (n + i) + 1] = v.y[1][i] ?? 0;
    }
    return { xy, n };
  }, [cca]);
  return (
    <section className="panel framework-panel" aria-labelledby="cca-title">
      <h2 id="cca-title">Canonical correlations</h2>
      {problem ? <p className="notice notice-warn">{problem}</p> : null}
      <p className="panel-numbers">
        total <strong data-testid="cca-total">{formatMetric(cca?.total)}</strong> of{' '}
        {cca?.correlations.length ?? '–'} · linear CKA{' '}
        <strong data-testid="cka">{formatMetric(extra?.cka ?? undefined)}</strong>
      </p>
      <figure className="chart" ref={box}>
        <figcaption>Spectrum on the evaluation set (linear CCA of the two towers’ outputs)</figcaption>
        <svg
          ref={svg}
          data-testid="cca-spectrum"
          role="img"
          aria-label="Bar chart of the canonical correlations, largest first"
        />
      </figure>
      {variates ? (
        <figure className="chart">
          <figcaption>
            First two canonical variates: images and captions of the same pairs should coincide
          </figcaption>
          <LayoutScatter
            xy={variates.xy}
            n={variates.n}
            xLabel="variate 1"
            yLabel="variate 2"
            gapLabel="centroid gap"
            height={260}
            testId="cca-variates"
            label="Scatter of the first two canonical variates of images and captions"
          />
        </figure>
      ) : null}
    </section>
  );
}
