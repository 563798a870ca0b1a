import type { ProjectionMethod } from '../../core/projection/projector';
import type { SharedLayoutState } from './useSharedLayout';

/**
 * What the shared space shows, in words, so no picture passes for what it is not: a quick layout while
 * UMAP is still fitted (the PCA start, then its frames as it settles), and the step the points are of
 * beside the step of the metrics around them (the points follow training between evaluations).
 * Returns null while nothing is drawn.
 */
export function layoutStatusText(
  layout: Pick<SharedLayoutState, 'points' | 'step' | 'computing'>,
  method: ProjectionMethod,
  metricsStep: number | null,
): string | null {
  const { step, computing } = layout;
  if (layout.points === 0 || step === null) return null;
  const at = `step ${step.toLocaleString('en-US')}`;
  if (computing?.quick) {
    const done = computing.progress ? ` ${Math.round(computing.progress * 100)}%` : '';
    return `Quick layout of ${at} — refining with ${method === 'umap' ? 'UMAP' : 'PCA'}…${done}`;
  }
  if (metricsStep === null || metricsStep === step) return `Points and metrics at ${at}.`;
  return `Points at ${at}; metrics from the evaluation at step ${metricsStep.toLocaleString('en-US')}.`;
}

interface Props {
  layout: SharedLayoutState;
  method: ProjectionMethod;
  /** The step of the evaluation whose metrics the page shows. */
  metricsStep: number | null;
}

export function LayoutStatus({ layout, method, metricsStep }: Props) {
  const text = layoutStatusText(layout, method, metricsStep);
  return (
    <p
      className="layout-status"
      data-testid="layout-status"
      data-quick={layout.computing?.quick ? 'true' : 'false'}
      data-step={layout.step ?? ''}
    >
      {text ?? ' '}
    </p>
  );
}
