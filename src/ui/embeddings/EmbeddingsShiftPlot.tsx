import { useMemo } from 'react';
import type { LineSeries } from '../../plots/lineChart';
import { OKABE_ITO } from '../../plots/theme';
import type { EmbeddingsSummary } from '../../training/embeddings/protocol';
import { LineFigure } from '../frameworks/LineFigure';

const OPTIONS = {
  xLabel: 'fraction of the gap vector moved',
  yLabel: 'gap, R@1',
  yDomain: [0, 1] as [number, number],
};

/** Liang et al.'s embedding shift: the gap and R@1 as one modality moves along the gap vector. */
export function EmbeddingsShiftPlot({ summary }: { summary: EmbeddingsSummary }) {
  const shift = summary.shift;
  const series = useMemo((): LineSeries[] => {
    if ('problem' in shift) return [];
    const x = shift.points.map((p) => p.fraction);
    const [a, b] = summary.names;
    return [
      { key: 'gap', label: 'modality gap', x, y: shift.points.map((p) => p.gap), colour: OKABE_ITO.blue },
      {
        key: 'ab',
        label: `R@1 ${a}→${b}`,
        x,
        y: shift.points.map((p) => p.i2t.r1),
        colour: OKABE_ITO.vermillion,
      },
      {
        key: 'ba',
        label: `R@1 ${b}→${a}`,
        x,
        y: shift.points.map((p) => p.t2i.r1),
        colour: OKABE_ITO.bluishGreen,
        dash: 'dashed',
      },
    ];
  }, [shift, summary.names]);
  if ('problem' in shift) {
    return (
      <p className="muted" data-testid="embeddings-shift-problem">
        Embedding shift: {shift.problem}
      </p>
    );
  }
  return (
    <div data-testid="embeddings-shift" data-gaps={shift.points.map((p) => p.gap.toFixed(4)).join(',')}>
      <LineFigure
        title={`Embedding shift: ${shift.modality} moved along the gap vector, re-normalised (Liang et al. 2022)`}
        series={series}
        options={OPTIONS}
        testId="embeddings-shift-chart"
        description="the modality gap and R@1 both ways against the fraction of the gap vector moved; 0 is the embeddings as they are, 1 moves the centre onto the other modality's before re-normalising"
        note="Closing the gap this way need not improve retrieval: Liang et al. found it can even hurt."
      />
    </div>
  );
}
