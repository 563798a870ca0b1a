import { useEffect } from 'react';
import { useScatterView } from './useScatterView';

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
  const { box, host, view } = useScatterView(height, 'canvas');
  useEffect(() => view.current?.setOptions({ xLabel, yLabel, gapLabel }), [view, xLabel, yLabel, gapLabel]);
  useEffect(() => {
    if (n > 0) view.current?.setLayout(xy, n, performance.now());
    else view.current?.clear();
  }, [view, xy, n]);
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
