import { useEffect, useRef } from 'react';
import { createScatterView, type ScatterView } from '../../plots/scatter/scatterView';
import { useElementSize } from '../useElementSize';

interface Props {
  /** [2n, 2]: image rows, then caption rows (pair i = rows i and n+i). */
  xy: Float32Array;
  n: number;
  xLabel: string;
  yLabel: string;
  gapLabel: string;
  height: number;
  testId: string;
  label: string;
}

/** A scatter of a layout computed elsewhere (e.g. canonical variates), with the shared scatter's marks. */
export function LayoutScatter({ xy, n, xLabel, yLabel, gapLabel, height, testId, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<ScatterView | null>(null);
  const { width } = useElementSize(box);
  useEffect(() => {
    if (!host.current) return;
    let raf = 0;
    const schedule = () => {
      if (raf) return;
      raf = requestAnimationFrame(function tick(now) {
        raf = 0;
        if (view.current?.frame(now)) raf = requestAnimationFrame(tick);
      });
    };
    view.current = createScatterView(host.current, { onInvalidate: schedule, renderer: 'canvas' });
    return () => {
      cancelAnimationFrame(raf);
      view.current?.destroy();
      view.current = null;
    };
  }, []);
  useEffect(() => {
    if (width > 0) view.current?.resize(width, height);
  }, [width, height]);
  useEffect(() => view.current?.setOptions({ xLabel, yLabel, gapLabel }), [xLabel, yLabel, gapLabel]);
  useEffect(() => {
    if (n > 0) view.current?.setLayout(xy, n, performance.now());
  }, [xy, n]);
  return (
    <div
      ref={box}
      className="layout-scatter"
      data-testid={testId}
      data-points={2 * n}
      role="img"
      aria-label={label}
    >
      <div ref={host} style={{ height }} />
    </div>
  );
}
